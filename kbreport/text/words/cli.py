"""Catalogue entries of the `kbreport` command: help of every command and option, its messages, click's words."""
from __future__ import annotations

# cli.<key>: help and messages of the command line (kbreport.cli; help language: $KBREPORT_BAHASA)
CLI: dict[str, dict[str, str]] = {
    # click's own words, so a help page is in one language
    "cli.usage": {"id": "Pemakaian:", "en": "Usage:"},
    "cli.usage_options": {"id": "[OPSI]", "en": "[OPTIONS]"},
    "cli.usage_command": {"id": "PERINTAH [ARGUMEN]...", "en": "COMMAND [ARGS]..."},
    "cli.options": {"id": "Opsi", "en": "Options"},
    "cli.commands": {"id": "Perintah", "en": "Commands"},
    "cli.default": {"id": "bawaan: {default}", "en": "default: {default}"},
    "cli.required": {"id": "wajib", "en": "required"},
    "cli.envvar": {"id": "variabel lingkungan: {var}", "en": "env var: {var}"},
    "cli.help_option": {"id": "Tampilkan bantuan ini lalu keluar.", "en": "Show this message and exit."},
    "cli.version_option": {"id": "Tampilkan versi lalu keluar.", "en": "Show the version and exit."},
    "cli.error": {"id": "Galat: {message}", "en": "Error: {message}"},
    "cli.try_help": {"id": "Coba '{command} {option}' untuk bantuan.", "en": "Try '{command} {option}' for help."},
    "cli.bad_value": {"id": "Nilai tidak sah untuk {param}: {message}", "en": "Invalid value for {param}: {message}"},
    "cli.no_such_option": {"id": "Tidak ada opsi {name}", "en": "No such option: {name}"},
    "cli.aborted": {"id": "Dibatalkan!", "en": "Aborted!"},
    "cli.metavar.path": {"id": "JALUR", "en": "PATH"},
    "cli.metavar.address": {"id": "ALAMAT", "en": "ADDRESS"},
    "cli.metavar.directory": {"id": "FOLDER", "en": "FOLDER"},
    "cli.metavar.file": {"id": "BERKAS", "en": "FILE"},
    "cli.metavar.text": {"id": "TEKS", "en": "TEXT"},
    "cli.metavar.integer": {"id": "BILANGAN", "en": "INTEGER"},
    "cli.metavar.float": {"id": "ANGKA", "en": "NUMBER"},
    "cli.metavar.integer range": {"id": "BILANGAN", "en": "INTEGER"},
    # the group
    "cli.main": {
        "id": "Briefing program Kampung KB: data, validasi, analisis, laporan HTML/PDF.",
        "en": "Briefings on the Kampung KB programme: data, validation, analyses, HTML/PDF reports.",
    },
    "cli.opt.bahasa": {
        "id": "Bahasa pesan: id (Indonesia) atau en (Inggris) (atau $KBREPORT_BAHASA).",
        "en": "Language of the messages: id (Indonesian) or en (English) (or $KBREPORT_BAHASA).",
    },
    # wilayah
    "cli.wilayah": {
        "id": "Master wilayah Kemendagri: kode dan nama provinsi sampai desa/kelurahan.",
        "en": "The Kemendagri region master: codes and names from province down to desa/kelurahan.",
    },
    "cli.wilayah.master": {
        "id": "CSV master wilayah baru (kolom kode,nama), mis. Kepmendagri 2025.",
        "en": "A newer region master as CSV (columns kode,nama), e.g. Kepmendagri 2025.",
    },
    "cli.wilayah.ringkasan": {"id": "Jumlah wilayah per tingkat.", "en": "Number of regions per level."},
    "cli.wilayah.show": {
        "id": "Nama, tingkat, induk dan jumlah wilayah di bawah KODE (mis. 17 atau 16.10.05.2041).",
        "en": "Name, level, parents and number of regions below KODE (e.g. 17 or 16.10.05.2041).",
    },
    "cli.wilayah.cari": {
        "id": "Cari wilayah menurut nama (tanpa membedakan huruf besar/kecil).",
        "en": "Find regions by name (ignoring upper and lower case).",
    },
    "cli.wilayah.tingkat": {"id": "Batasi ke satu tingkat.", "en": "Only regions of this level."},
    "cli.wilayah.limit": {"id": "Jumlah hasil paling banyak.", "en": "At most this many results."},
    "cli.wilayah.source_user": {"id": "Master wilayah: {path}", "en": "Region master: {path}"},
    "cli.wilayah.source_bundled": {"id": "Master wilayah: bawaan ({sources})", "en": "Region master: bundled ({sources})"},
    "cli.wilayah.level.provinsi": {"id": "Provinsi", "en": "Provinces"},
    "cli.wilayah.level.kabkota": {"id": "Kab/kota", "en": "Kab/kota"},
    "cli.wilayah.level.kecamatan": {"id": "Kecamatan", "en": "Kecamatan"},
    "cli.wilayah.level.desa": {"id": "Desa/kelurahan", "en": "Desa/kelurahan"},
    "cli.wilayah.unknown": {"id": "kode wilayah {kode!r} tidak ada di master", "en": "region code {kode!r} is not in the master"},
    "cli.wilayah.tingkat_line": {"id": "Tingkat : {tingkat} ({jenis})", "en": "Level   : {tingkat} ({jenis})"},
    "cli.wilayah.nama_resmi": {"id": "Nama resmi: {nama}", "en": "Official name: {nama}"},
    "cli.wilayah.induk": {"id": "Induk   : {induk}", "en": "Parents : {induk}"},
    "cli.wilayah.none": {
        "id": "Tidak ada wilayah dengan nama yang memuat {teks!r}.",
        "en": "No region has a name containing {teks!r}.",
    },
    "cli.wilayah.more": {"id": "… {n} hasil lain (gunakan --limit).", "en": "… {n} more results (use --limit)."},
    # validate
    "cli.validate": {
        "id": "Periksa folder data: cetak setiap masalah, lalu ringkasan; keluar dengan kode 1 bila ada kesalahan.",
        "en": "Check a data folder: print every problem, then a summary; exit with code 1 when there are errors.",
    },
    "cli.validate.data": {
        "id": "Folder berisi kampung_kb, profil, kkbpk (dan desa_cantik bila ada) sebagai .csv atau .xlsx.",
        "en": "Folder holding kampung_kb, profil, kkbpk (and desa_cantik if any) as .csv or .xlsx.",
    },
    "cli.validate.master": {
        "id": "Master wilayah sebagai CSV kode,nama (bawaan: master Kemendagri yang disertakan).",
        "en": "Region master as a kode,nama CSV (default: the bundled Kemendagri master).",
    },
    "cli.validate.semua": {
        "id": "Tampilkan semua masalah. Tanpa ini paling banyak 20 baris per aturan, sisanya dihitung (\"… dan 3.046 lagi\").",
        "en": "Show every problem. Without it at most 20 lines per rule, the rest counted (\"… and 3,046 more\").",
    },
    "cli.validate.ke": {
        "id": "Tulis daftar lengkap semua masalah beserta ringkasannya ke FILE (teks UTF-8, satu masalah per baris); "
              "layar tetap menampilkan daftar yang dipotong.",
        "en": "Write the full list of problems and the summary to FILE (UTF-8 text, one problem a line); the "
              "screen still shows the cut list.",
    },
    # demo
    "cli.demo": {
        "id": "Buat data contoh (sintetis) yang dikalibrasi ke angka-angka publikasi, lalu cetak ringkasannya.",
        "en": "Make sample (synthetic) data calibrated to the published figures, then print its summary.",
    },
    "cli.demo.out": {
        "id": "Folder tujuan data contoh (dibuat bila belum ada; berkas lama ditimpa).",
        "en": "Folder for the sample data (made if missing; old files are overwritten).",
    },
    "cli.demo.seed": {
        "id": "Benih acak (bawaan 20160114); benih sama = berkas identik.",
        "en": "Random seed (default 20160114); the same seed gives identical files.",
    },
    # run
    "cli.run": {
        "id": "Bangun briefing setiap file PARAMS (atau setiap *.yaml di folder PARAMS; tanpa PARAMS: params/), "
              "secara paralel; lewati yang sudah mutakhir; tulis OUT/manifest.json dan OUT/index.html. Keluar "
              "dengan kode 1 bila ada yang gagal.",
        "en": "Build the briefing of every PARAMS file (or every *.yaml in a PARAMS folder; without PARAMS: "
              "params/) in parallel; skip those up to date; write OUT/manifest.json and OUT/index.html. Exit "
              "with code 1 when any fails.",
    },
    "cli.run.out": {
        "id": "Folder keluaran; setiap laporan masuk ke OUT/<nama file params>/.",
        "en": "Output folder; each report goes into OUT/<params file name>/.",
    },
    "cli.run.data": {
        "id": "Folder data (bawaan: $KBREPORT_DATA atau data/demo proyek ini).",
        "en": "Data folder (default: $KBREPORT_DATA or this project's data/demo).",
    },
    "cli.run.formats": {
        "id": "Dipisah koma: ipynb, html, pdf, xlsx (figures.json selalu ditulis).",
        "en": "Comma-separated: ipynb, html, pdf, xlsx (figures.json is always written).",
    },
    "cli.run.timeout": {
        "id": "Detik yang diizinkan per laporan (dan per sel notebook).",
        "en": "Seconds allowed per report (and per notebook cell).",
    },
    "cli.run.jobs": {
        "id": "Laporan yang dibangun bersamaan (bawaan: jumlah core mesin).",
        "en": "Reports built at the same time (default: the machine's number of cores).",
    },
    "cli.run.force": {
        "id": "Bangun ulang laporan yang masukannya tidak berubah sejak build terakhir.",
        "en": "Rebuild reports whose inputs have not changed since their last build.",
    },
    "cli.run.dask": {
        "id": "Jalankan di klaster Dask yang sudah ada (mis. tcp://host:8786), bukan proses lokal.",
        "en": "Run on an existing Dask cluster (e.g. tcp://host:8786) instead of local processes.",
    },
    "cli.run.fresh_kernels": {
        "id": "Kernel baru untuk setiap laporan, bukan satu kernel hangat per pekerja (lebih lambat).",
        "en": "A new kernel for every report instead of one warm kernel per worker (slower).",
    },
    "cli.run.bahasa": {
        "id": "Bahasa pesan, kemajuan dan indeks (atau $KBREPORT_BAHASA).",
        "en": "Language of the messages, progress and index (or $KBREPORT_BAHASA).",
    },
    "cli.run.no_params": {
        "id": "sebutkan file atau folder params (tidak ada folder params/ di sini)",
        "en": "name a params file or folder (there is no params/ folder here)",
    },
    "cli.run.bad_formats": {"id": "pilih dari {choices} (bukan {value!r})", "en": "choose from {choices} (got {value!r})"},
    # new
    "cli.new": {
        "id": "Buat laporan baru: notebooks/NAME.ipynb (parameter, data, judul, angka utama, satu grafik, keluaran) "
              "dan params/NAME.yaml, yang langsung dapat dibangun dengan `kbreport run params/NAME.yaml`.",
        "en": "Make a new report: notebooks/NAME.ipynb (parameters, data, title, headline figures, one chart, "
              "outputs) and params/NAME.yaml, ready to build with `kbreport run params/NAME.yaml`.",
    },
    "cli.new.done": {"id": "{notebook}\n{params}\nBangun: kbreport run {params} --out outputs",
                     "en": "{notebook}\n{params}\nBuild: kbreport run {params} --out outputs"},
    # template
    "cli.template": {
        "id": "Tulis keempat tabel kosong (judul kolom saja) ke FOLDER: CSV, dan template.xlsx dengan satu lembar "
              "per tabel serta lembar penjelasan setiap kolom. Berkas yang sudah ada tidak ditimpa.",
        "en": "Write the four empty tables (headings only) into FOLDER: CSV, and template.xlsx with one sheet per "
              "table and a sheet explaining every column. Files already there are not overwritten.",
    },
    "cli.template.bahasa": {
        "id": "Bahasa judul lembar dan penjelasan kolom.",
        "en": "Language of the sheet titles and the column notes.",
    },
    # validation summary (kbreport.ingest.validate_summary)
    "cli.coverage": {"id": "Cakupan wilayah: {regions} ({how})", "en": "Regions covered: {regions} ({how})"},
    "cli.coverage.declared": {"id": "dinyatakan di sumber.json", "en": "declared in sumber.json"},
    "cli.coverage.inferred": {"id": "disimpulkan dari baris kampung_kb", "en": "inferred from the kampung_kb rows"},
    # a file or folder a command could not read or write
    "cli.unreadable": {"id": "{path} tidak dapat dibaca ({why})", "en": "{path} cannot be read ({why})"},
}

# error.<key>: messages carried by kbreport.errors types
ERRORS: dict[str, dict[str, str]] = {
    "error.unknown_region": {
        "id": "kode wilayah {kode!r} tidak ada di master Kemendagri",
        "en": "region code {kode!r} is not in the Kemendagri master",
    },
}
