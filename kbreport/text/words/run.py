"""Catalogue entries of a batch run: summary, folder messages, progress lines, index page, page template."""
from __future__ import annotations

# run.<key>: what `kbreport run` says about the run, its folders and files
RUN: dict[str, dict[str, str]] = {
    "run.summary": {
        "id": "{built} dibangun, {skipped} mutakhir (dilewati), {failed} gagal{interrupted} — {total} {reports} dalam {time}.",
        "en": "{built} built, {skipped} up to date (skipped), {failed} failed{interrupted} — {total} {reports} in {time}.",
    },
    # why a report failed (kbreport.build.failures), in the run's language
    "run.fail_cell": {"id": "sel ke-{n}", "en": "cell {n}"},
    "run.fail_cell_any": {"id": "sel", "en": "cell"},
    "run.fail_line": {"id": ", baris {n}", "en": ", line {n}"},
    "run.fail_dead_kernel": {
        "id": "kernel mati saat menjalankan notebook ({what})",
        "en": "the kernel died while running the notebook ({what})",
    },
    "run.fail_timeout": {"id": "batas waktu terlampaui{limit}: {what}", "en": "time limit exceeded{limit}: {what}"},
    "run.fail_timeout_limit": {"id": " ({s} detik)", "en": " ({s} seconds)"},
    "run.fail_parameter": {"id": "parameter notebook: {what}", "en": "notebook parameter: {what}"},
    "run.summary_interrupted": {"id": ", {n} dibatalkan", "en": ", {n} interrupted"},
    "run.summary_stopped": {
        "id": "Dihentikan ({signal}): {head} Jalankan lagi untuk melanjutkan.",
        "en": "Stopped ({signal}): {head} Run again to carry on.",
    },
    "run.summary_failed": {"id": "Laporan gagal:", "en": "Failed reports:"},
    "run.summary_index": {"id": "Indeks: {path}", "en": "Index: {path}"},
    "run.skipped_up_to_date": {
        "id": "{n} {reports} mutakhir, dilewati (pakai --force untuk membangun ulang)",
        "en": "{n} {reports} up to date, skipped (use --force to rebuild them)",
    },
    "run.symlink": {
        "id": "{path} adalah tautan simbolik; kbreport tidak menulis melaluinya",
        "en": "{path} is a symbolic link; kbreport does not write through it",
    },
    "run.folder_unwritable": {
        "id": "folder {path} tidak dapat ditulis ({why})",
        "en": "folder {path} cannot be written ({why})",
    },
    "run.file_unwritable": {
        "id": "berkas {path} tidak dapat ditulis ({why})",
        "en": "file {path} cannot be written ({why})",
    },
    "run.not_a_folder": {
        "id": "{path} bukan folder; pindahkan atau hapus berkas itu",
        "en": "{path} is not a folder; move or delete that file",
    },
    "run.not_a_file": {
        "id": "{path} adalah folder, padahal kbreport menulis berkas di sana; pindahkan atau hapus folder itu",
        "en": "{path} is a folder where kbreport writes a file; move or delete that folder",
    },
    "run.outside": {"id": "{path} mengarah ke luar folder {root}", "en": "{path} leads outside folder {root}"},
    "run.unsafe_name": {
        "id": "nama '{name}' tidak boleh dipakai sebagai bagian jalur di bawah {root}",
        "en": "name '{name}' cannot be used as a path part under {root}",
    },
    "run.data_invalid": {
        "id": "Data di {folder} berisi {n} {errors}; tidak ada laporan yang dibangun. Perbaiki lalu jalankan lagi (daftar lengkap: kbreport validate --data {folder}):",
        "en": "The data in {folder} has {n} {errors}; no report was built. Fix them and run again (full list: kbreport validate --data {folder} --lang en):",
    },
    "run.data_more": {"id": "… dan {n} {errors} lain", "en": "… and {n} more {errors}"},
    "run.not_covered": {
        "id": "{where} ({kode}) tidak seluruhnya tercakup data di {folder}: data hanya mencakup {covered}; laporan ditolak",
        "en": "{where} ({kode}) is not wholly covered by the data in {folder}: the data cover only {covered}; report refused",
    },
    "run.not_in_master": {"id": "{kode} (tidak ada di master)", "en": "{kode} (not in the master)"},
    "run.data_missing": {"id": "{folder}: folder data tidak ditemukan", "en": "{folder}: data folder not found"},
    "run.no_params_files": {"id": "tidak ada file params (*.yaml) di {paths}", "en": "no params files (*.yaml) in {paths}"},
}

# os.<key>: why a file system call failed (filled in as {why})
OS: dict[str, dict[str, str]] = {
    "os.denied": {"id": "izin ditolak", "en": "permission denied"},
    "os.read_only": {"id": "sistem berkas hanya-baca", "en": "read-only file system"},
    "os.full": {"id": "disk penuh", "en": "no space left on the disk"},
    "os.missing": {"id": "tidak ditemukan", "en": "not found"},
    "os.busy": {"id": "sedang dipakai proses lain", "en": "in use by another process"},
    "os.other": {"id": "galat sistem {code}", "en": "system error {code}"},
    "os.unknown": {"id": "sebab tidak diketahui", "en": "cause unknown"},
}

# status.<status>: a report's status in a progress line
STATUS: dict[str, dict[str, str]] = {
    "status.ok": {"id": "selesai", "en": "done"},
    "status.failed": {"id": "GAGAL", "en": "FAILED"},
    "status.skipped": {"id": "dilewati", "en": "skipped"},
    "status.interrupted": {"id": "dibatalkan", "en": "interrupted"},
    "status.bar_failed": {"id": ", {n} gagal", "en": ", {n} failed"},
}

# index.<key>: the batch index page (index.html)
INDEX: dict[str, dict[str, str]] = {
    "index.title": {"id": "Laporan Kampung KB — indeks hasil batch", "en": "Kampung KB reports — batch index"},
    "index.generated": {"id": "Dibuat", "en": "Generated"},
    "index.summary": {"id": "Ringkasan nasional", "en": "National summary"},
    "index.sum_prov": {
        "id": "Jumlah {n} provinsi dalam batch, per {date}",
        "en": "Total of {n} provinces in this batch, as of {date}",
    },
    "index.regions": {"id": "Laporan wilayah", "en": "Region reports"},
    "index.group": {
        "id": "{name}: {n} {reports} dari satu file params",
        "en": "{name}: {n} {reports} from one params file",
    },
    "index.events": {"id": "Laporan kegiatan", "en": "Event reports"},
    "index.failed": {"id": "Laporan gagal", "en": "Failed reports"},
    "index.other": {"id": "Laporan lain", "en": "Other reports"},
    "index.region": {"id": "Wilayah", "en": "Region"},
    "index.level": {"id": "Tingkat", "en": "Level"},
    "index.as_of": {"id": "Per tanggal", "en": "As of"},
    "index.desa": {"id": "Desa/kel.", "en": "Villages"},
    "index.covered": {"id": "Desa/kel. tercakup", "en": "Villages covered"},
    "index.kkb": {"id": "Kampung KB", "en": "Kampung KB"},
    "index.coverage": {"id": "Cakupan", "en": "Coverage"},
    "index.rdk": {"id": "Rumah DataKu", "en": "Rumah DataKu"},
    "index.status": {"id": "Status", "en": "Status"},
    "index.time": {"id": "Waktu", "en": "Time"},
    "index.files": {"id": "Berkas", "en": "Files"},
    "index.event": {"id": "Kegiatan", "en": "Event"},
    "index.type": {"id": "Jenis", "en": "Type"},
    "index.date": {"id": "Tanggal", "en": "Date"},
    "index.participants": {"id": "Peserta", "en": "Participants"},
    "index.report": {"id": "Laporan", "en": "Report"},
    "index.reason": {"id": "Alasan", "en": "Reason"},
    "index.counts": {
        "id": "{ok} selesai, {skipped} mutakhir (dilewati), {failed} gagal, {interrupted} dibatalkan — dari {total} {reports}",
        "en": "{ok} built, {skipped} up to date (skipped), {failed} failed, {interrupted} interrupted — of {total} {reports}",
    },
    "index.levels.nasional": {"id": "Nasional", "en": "National"},
    "index.levels.provinsi": {"id": "Provinsi", "en": "Province"},
    "index.levels.kabkota": {"id": "Kab/kota", "en": "District/city"},
    "index.status_names.ok": {"id": "selesai", "en": "built"},
    "index.status_names.skipped": {"id": "mutakhir", "en": "up to date"},
    "index.status_names.failed": {"id": "gagal", "en": "failed"},
    "index.status_names.interrupted": {"id": "dibatalkan", "en": "interrupted"},
    "index.none": {"id": "Belum ada laporan.", "en": "No reports yet."},
    "index.seconds": {"id": "{s} dtk", "en": "{s} s"},
    "index.run_time": {"id": "Lama proses", "en": "Run time"},
    "index.built": {"id": "Dibangun", "en": "Built"},
    "index.detail": {
        "id": "Detail teknis: status, waktu proses, berkas ipynb dan JSON",
        "en": "Technical detail: status, build time, ipynb and JSON files",
    },
    "index.n_participants": {"id": "{n} peserta", "en": "{n} participants"},
    "index.kept": {
        "id": "{n} {reports} lain dari proses sebelumnya, masih ada di folder ini",
        "en": "{n} more {reports} from earlier runs, still in this folder",
    },
}

# page.<key>: the fixed words of the HTML/PDF page template
PAGE: dict[str, dict[str, str]] = {
    "page.page": {"id": "Halaman", "en": "Page"},
    "page.of": {"id": "dari", "en": "of"},
    "page.chart": {"id": "Grafik", "en": "Chart"},
    "page.kicker_wilayah": {"id": "Briefing Kampung KB", "en": "Kampung KB briefing"},
    "page.kicker_event": {"id": "Briefing kegiatan Kampung KB", "en": "Kampung KB event briefing"},
    "page.as_of": {"id": "per", "en": "as of"},
    "page.generated": {"id": "Dibuat dengan kbreport", "en": "Generated with kbreport"},
    "page.source": {"id": "Sumber data", "en": "Data source"},
    "page.checksum": {"id": "SHA-256", "en": "SHA-256"},
    "page.title_default": {"id": "Briefing Kampung KB", "en": "Kampung KB briefing"},
    "page.synthetic_note": {
        "id": "Semua angka dalam dokumen ini berasal dari data contoh sintetis, bukan data resmi BKKBN.",
        "en": "Every figure in this document comes from synthetic sample data, not official BKKBN data.",
    },
}

# plural.<noun>.one / .other: nouns counted in a message (Indonesian nouns do not change)
PLURALS: dict[str, dict[str, str]] = {
    "plural.report.one": {"id": "laporan", "en": "report"},
    "plural.report.other": {"id": "laporan", "en": "reports"},
    "plural.error.one": {"id": "kesalahan", "en": "error"},
    "plural.error.other": {"id": "kesalahan", "en": "errors"},
    "plural.problem.one": {"id": "masalah", "en": "problem"},
    "plural.problem.other": {"id": "masalah", "en": "problems"},
    "plural.warning.one": {"id": "peringatan", "en": "warning"},
    "plural.warning.other": {"id": "peringatan", "en": "warnings"},
    "plural.row.one": {"id": "baris", "en": "row"},
    "plural.row.other": {"id": "baris", "en": "rows"},
}
