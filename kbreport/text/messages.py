"""User-facing text of validation: one template per rule code, in Bahasa Indonesia and English.

Templates use str.format fields; `message(code, lang, **fields)` fills them. `SEVERITY` says which
rules are errors and which are warnings. Keep the Indonesian plain: a district analyst must know what to fix.
"""
from __future__ import annotations


from kbreport import SYNTHETIC_LABEL
from kbreport.errors import Problem

LANGS = ("id", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- files and folders ---------------------------------------------------------------
    "folder_missing": {
        "id": "folder data '{folder}' tidak ditemukan",
        "en": "data folder '{folder}' not found",
    },
    "file_missing": {
        "id": "file wajib tidak ditemukan; simpan tabel {table} sebagai {table}.csv atau {table}.xlsx di folder {folder}",
        "en": "required file not found; save table {table} as {table}.csv or {table}.xlsx in folder {folder}",
    },
    "file_ambiguous": {
        "id": "ada dua file untuk tabel {table} ({table}.csv dan {table}.xlsx); hapus atau pindahkan salah satunya",
        "en": "two files for table {table} ({table}.csv and {table}.xlsx); delete or move one of them",
    },
    "file_unreadable": {
        "id": "file tidak dapat dibaca: {reason}",
        "en": "file cannot be read: {reason}",
    },
    "file_encoding": {
        "id": "file bukan UTF-8; dibaca sebagai Windows-1252, periksa huruf khusus (simpan ulang sebagai \"CSV UTF-8\")",
        "en": "file is not UTF-8; read as Windows-1252, check special characters (save again as \"CSV UTF-8\")",
    },
    "table_empty": {
        "id": "file tidak berisi satu pun baris data di bawah judul kolom",
        "en": "file holds no data row below the headings",
    },
    "row_too_long": {
        "id": "baris ini berisi {cells} sel, lebih banyak daripada judul kolom ({headings}); sel berlebih diabaikan, periksa tanda pemisah",
        "en": "this row has {cells} cells, more than there are headings ({headings}); extra cells ignored, check the separators",
    },
    "sumber_invalid": {
        "id": "file keterangan sumber tidak sah: {reason}",
        "en": "source description file is invalid: {reason}",
    },
    "file_symlink": {
        "id": "file ini tautan simbolik (symlink) ke file lain, jadi tidak dibaca; salin file aslinya ke folder data",
        "en": "this file is a symbolic link to another file, so it is not read; copy the real file into the data folder",
    },
    # --- structure: found before any cell is checked; the table is then not read further ----
    "header_not_first_row": {
        "id": "judul kolom tidak di baris pertama; tampaknya di baris {header_row}. Hapus baris di atasnya (judul laporan, "
              "baris kosong) supaya judul kolom ada di baris 1",
        "en": "the headings are not in the first row; they seem to be in row {header_row}. Delete the rows above them "
              "(report title, blank rows) so that the headings are in row 1",
    },
    "file_wrong_table": {
        "id": "judul kolom file ini adalah judul tabel {other}, bukan {table}; apakah filenya tertukar? Simpan tabel "
              "{other} sebagai {other}.csv atau {other}.xlsx",
        "en": "the headings of this file are those of table {other}, not {table}; were the files swapped? Save "
              "table {other} as {other}.csv or {other}.xlsx",
    },
    "delimiter_mismatch": {
        "id": "pemisah kolom tidak sama: judul kolom dipisah dengan {header_sep}, tetapi baris data dipisah dengan "
              "{row_sep}; simpan ulang file dengan satu pemisah saja",
        "en": "column separators differ: the headings are separated by {header_sep} but the data rows by "
              "{row_sep}; save the file again with one separator",
    },
    "delimiter_mixed": {
        "id": "pemisah kolom bercampur: {good} baris data dipisah dengan {header_sep} seperti judul kolom, tetapi "
              "{bad} baris dipisah dengan {row_sep} (yang pertama baris {first}); simpan ulang file dengan satu "
              "pemisah saja",
        "en": "column separators are mixed: {good} data rows are separated by {header_sep} like the headings, but "
              "{bad} rows by {row_sep} (the first in row {first}); save the file again with one separator",
    },
    "delimiter_unsupported": {
        "id": "judul kolom dipisah dengan {sep}, yang tidak didukung; simpan ulang sebagai CSV dengan pemisah koma, "
              "titik koma atau tab",
        "en": "the headings are separated by {sep}, which is not supported; save again as CSV separated by "
              "commas, semicolons or tabs",
    },
    "quote_unbalanced": {
        "id": "tanda kutip tidak seimbang: tanda kutip (\") yang dibuka di baris {line} tidak ditutup, sehingga "
              "{lines} baris sesudahnya terbaca sebagai isi satu sel; hapus tanda kutip itu atau tambahkan "
              "pasangannya",
        "en": "unbalanced quote: the quote (\") opened in line {line} is not closed, so the {lines} lines after it "
              "are read as the content of one cell; delete that quote or add its closing one",
    },
    # --- columns -------------------------------------------------------------------------
    "column_missing": {
        "id": "kolom wajib '{column}' tidak ada; tambahkan kolom dengan salah satu judul ini: {accepted}",
        "en": "required column '{column}' is missing; add a column headed one of: {accepted}",
    },
    "column_duplicate": {
        "id": "judul kolom '{heading}' dan '{other}' sama-sama berarti {column}; hapus salah satunya",
        "en": "headings '{heading}' and '{other}' both mean {column}; delete one of them",
    },
    "column_unknown": {
        "id": "judul kolom '{heading}' tidak dikenal; kolom ini diabaikan",
        "en": "heading '{heading}' is not recognised; this column is ignored",
    },
    # --- cells ---------------------------------------------------------------------------
    "blank_required": {
        "id": "sel kosong; kolom {column} wajib diisi",
        "en": "empty cell; column {column} is required",
    },
    "kode_malformed": {
        "id": "kode desa '{value}' tidak berbentuk PP.KK.CC.DDDD (10 angka, misalnya 16.10.05.2041)",
        "en": "desa code '{value}' is not of the form PP.KK.CC.DDDD (10 digits, e.g. 16.10.05.2041)",
    },
    "kode_unknown": {
        "id": "kode desa '{kode}' tidak ada dalam master wilayah Kemendagri",
        "en": "desa code '{kode}' is not in the Kemendagri region master",
    },
    "date_invalid": {
        "id": "'{value}' bukan tanggal yang dikenali; tulis seperti 2016-01-14 atau 14/01/2016",
        "en": "'{value}' is not a recognised date; write it like 2016-01-14 or 14/01/2016",
    },
    "month_invalid": {
        "id": "'{value}' bukan bulan yang dikenali; tulis seperti 2024-06 atau 06/2024",
        "en": "'{value}' is not a recognised month; write it like 2024-06 or 06/2024",
    },
    "date_before_launch": {
        "id": "tanggal {date} lebih awal daripada dimulainya program Kampung KB (14 Januari 2016)",
        "en": "date {date} is before the Kampung KB programme began (14 January 2016)",
    },
    "date_future": {
        "id": "tanggal {date} belum terjadi (hari ini {today})",
        "en": "date {date} is in the future (today is {today})",
    },
    "year_future": {
        "id": "tahun {year} belum terjadi (sekarang tahun {today})",
        "en": "year {year} is in the future (this is {today})",
    },
    "bool_invalid": {
        "id": "'{value}' tidak dikenali; isi dengan ya atau tidak",
        "en": "'{value}' is not recognised; fill in yes or no",
    },
    "value_not_in_domain": {
        "id": "'{value}' bukan pilihan yang sah untuk {column}; pilih salah satu: {allowed}",
        "en": "'{value}' is not a valid choice for {column}; choose one of: {allowed}",
    },
    "count_not_integer": {
        "id": "'{value}' bukan bilangan bulat; tulis angka tanpa desimal dan tanpa pemisah ribuan",
        "en": "'{value}' is not a whole number; write digits without decimals or thousands separators",
    },
    "count_negative": {
        "id": "jumlah tidak boleh negatif",
        "en": "a count cannot be negative",
    },
    "count_above_bound": {
        "id": "angka {shown} melebihi batas wajar {bound} untuk kolom {column}; periksa salah ketik, atau angka yang "
              "merupakan jumlah beberapa wilayah",
        "en": "{shown} exceeds the plausible maximum {bound} for column {column}; check for a typo, or a figure "
              "that is the total of several areas",
    },
    "count_below_bound": {
        "id": "angka {shown} kurang dari batas wajar {bound} untuk kolom {column}; periksa salah ketik",
        "en": "{shown} is below the plausible minimum {bound} for column {column}; check for a typo",
    },
    # --- rows and links between tables -------------------------------------------------
    "duplicate_id": {
        "id": "id '{value}' sudah dipakai di baris {first}; setiap Kampung KB harus punya id sendiri",
        "en": "id '{value}' is already used in row {first}; each Kampung KB needs its own id",
    },
    "duplicate_kampung_kb_row": {
        "id": "Kampung KB '{value}' sudah punya baris di baris {first}; satu Kampung KB hanya boleh satu baris di {table}",
        "en": "Kampung KB '{value}' already has a row in row {first}; one Kampung KB may have only one row in {table}",
    },
    "duplicate_periode_row": {
        "id": "Kampung KB '{value}' sudah punya baris periode {periode} di baris {first}; satu Kampung KB hanya boleh "
              "satu baris per periode di {table}",
        "en": "Kampung KB '{value}' already has a row for {periode} in row {first}; one Kampung KB may have only one "
              "row per period in {table}",
    },
    "nonaktif_but_active": {
        "id": "tanggal nonaktif diisi padahal Kampung KB ini berstatus aktif; kosongkan tanggalnya atau isi aktif "
              "dengan tidak",
        "en": "a deactivation date is given although this Kampung KB is active; clear the date or set aktif to tidak",
    },
    "nonaktif_before_launch": {
        "id": "Kampung KB dinonaktifkan {date}, tidak sesudah dicanangkan ({launch})",
        "en": "Kampung KB deactivated {date}, not after its launch ({launch})",
    },
    "desa_cantik_tahun_beda": {
        "id": "tanggal pembentukan {date} tidak jatuh pada tahun {tahun} yang tercantum",
        "en": "formation date {date} is not in the year given ({tahun})",
    },
    "duplicate_desa_cantik": {
        "id": "kode desa '{kode}' sudah tercantum di baris {first}",
        "en": "desa code '{kode}' is already listed in row {first}",
    },
    "kampung_kb_unknown": {
        "id": "Kampung KB dengan id '{value}' tidak ada di {kampung_kb_file}",
        "en": "no Kampung KB with id '{value}' in {kampung_kb_file}",
    },
    "peserta_kb_gt_pus": {
        "id": "peserta KB (jumlah semua metode = {kb}) lebih banyak daripada PUS ({pus})",
        "en": "family-planning users (all methods = {kb}) exceed PUS ({pus})",
    },
    "rumah_dataku_before_launch": {
        "id": "Rumah DataKu dibentuk {date}, sebelum Kampung KB ini dicanangkan ({launch})",
        "en": "Rumah DataKu formed {date}, before this Kampung KB was launched ({launch})",
    },
    # --- warnings: row kept, counted -----------------------------------------------------
    "rumah_dataku_no_date": {
        "id": "status Rumah DataKu 'ada' tetapi tanggal pembentukannya kosong; Rumah DataKu ini tidak ikut hitungan per tanggal",
        "en": "Rumah DataKu status is 'ada' but its formation date is empty; it is left out of counts by date",
    },
    "rumah_dataku_tanggal_absent": {
        "id": "kolom tanggal Rumah DataKu tidak ada; Rumah DataKu berstatus 'ada' tidak ikut hitungan per tanggal",
        "en": "no Rumah DataKu date column; Rumah DataKu with status 'ada' are left out of counts by date",
    },
    "rumah_dataku_date_unexpected": {
        "id": "tanggal Rumah DataKu diisi padahal statusnya '{status}'; periksa status atau tanggalnya",
        "en": "a Rumah DataKu date is given although its status is '{status}'; check the status or the date",
    },
    "nonaktif_no_date": {
        "id": "Kampung KB tidak aktif tetapi tanggal nonaktifnya kosong; Kampung KB ini tidak ikut hitungan pada "
              "tanggal mana pun",
        "en": "inactive Kampung KB without a deactivation date; it is left out of the counts at every date",
    },
    "pokja_terlatih_gt_jumlah": {
        "id": "anggota Pokja terlatih ({terlatih}) lebih banyak daripada jumlah anggota Pokja ({jumlah})",
        "en": "trained Pokja members ({terlatih}) exceed Pokja members ({jumlah})",
    },
    "tidak_kb_gt_pus": {
        "id": "peserta KB ditambah PUS yang tidak ber-KB ({total}) lebih banyak daripada PUS ({pus})",
        "en": "family-planning users plus PUS not using it ({total}) exceed PUS ({pus})",
    },
    "peserta_poktan_gt_keluarga": {
        "id": "peserta poktan ({peserta}) lebih banyak daripada keluarga sasaran poktan ({keluarga})",
        "en": "poktan participants ({peserta}) exceed families eligible for a poktan ({keluarga})",
    },
    "desa_two_kampung_kb_inpres": {
        "id": "desa {kode} ({nama}) sudah punya Kampung KB berskala Desa di baris {first}; sejak Inpres 3/2022 "
              "(20 Mei 2022) satu desa/kelurahan hanya punya satu Kampung KB berskala Desa, dan salah satunya "
              "dicanangkan {date}",
        "en": "desa {kode} ({nama}) already has a desa-wide Kampung KB in row {first}; since Inpres 3/2022 "
              "(20 May 2022) a desa/kelurahan has only one desa-wide Kampung KB, and one of these was launched {date}",
    },
    "desa_two_kampung_kb": {
        "id": "desa {kode} ({nama}) sudah punya Kampung KB berskala Desa di baris {first}",
        "en": "desa {kode} ({nama}) already has a desa-wide Kampung KB in row {first}",
    },
    "rw_after_inpres": {
        "id": "Kampung KB berskala {cakupan} dicanangkan {date}, setelah Inpres 3/2022 (20 Mei 2022) yang menetapkan Kampung KB meliputi satu desa/kelurahan",
        "en": "{cakupan}-level Kampung KB launched {date}, after Inpres 3/2022 (20 May 2022) made the whole desa/kelurahan the unit",
    },
    "no_profil": {
        "id": "Kampung KB '{value}' tidak punya baris di {file}",
        "en": "Kampung KB '{value}' has no row in {file}",
    },
    "no_kkbpk": {
        "id": "Kampung KB '{value}' tidak punya baris di {file}",
        "en": "Kampung KB '{value}' has no row in {file}",
    },
}

# Warnings keep the row and are counted; any error makes load_data raise and `validate` exit 1.
WARNINGS = frozenset({
    "file_encoding", "column_unknown", "rumah_dataku_no_date", "rumah_dataku_tanggal_absent", "rumah_dataku_date_unexpected",
    "nonaktif_no_date",
    "pokja_terlatih_gt_jumlah", "tidak_kb_gt_pus", "desa_two_kampung_kb",
    "rw_after_inpres", "no_profil", "no_kkbpk",
})
SEVERITY: dict[str, str] = {code: ("warning" if code in WARNINGS else "error") for code in MESSAGES}

# Reasons a file cannot be read (filled into file_unreadable / sumber_invalid).
REASONS: dict[str, dict[str, str]] = {
    "empty": {"id": "file kosong", "en": "the file is empty"},
    "binary": {"id": "isinya data biner, bukan teks CSV", "en": "it holds binary data, not CSV text"},
    "xlsx_named_csv": {
        "id": "isinya file Excel; ganti ekstensinya menjadi .xlsx",
        "en": "it is an Excel file; change its extension to .xlsx",
    },
    "xls_old": {
        "id": "format Excel lama (.xls); simpan ulang sebagai .xlsx atau CSV",
        "en": "old Excel format (.xls); save it again as .xlsx or CSV",
    },
    "not_xlsx": {
        "id": "bukan file Excel (.xlsx) yang utuh; buka dan simpan ulang di Excel, atau simpan sebagai CSV",
        "en": "not an intact Excel (.xlsx) file; open and save it again in Excel, or save as CSV",
    },
    "encoding": {
        "id": "pengodean teks tidak dikenali; simpan ulang sebagai \"CSV UTF-8\"",
        "en": "unknown text encoding; save it again as \"CSV UTF-8\"",
    },
    "no_sheet": {"id": "buku kerja tidak berisi lembar kerja", "en": "the workbook has no worksheet"},
    "csv_syntax": {"id": "susunan CSV rusak ({detail})", "en": "broken CSV layout ({detail})"},
    "json": {"id": "bukan JSON yang sah ({detail})", "en": "not valid JSON ({detail})"},
    "json_object": {"id": "isinya harus objek JSON {{...}}", "en": "it must hold a JSON object {{...}}"},
    "sintetis_bool": {
        "id": "\"sintetis\" harus true atau false",
        "en": "\"sintetis\" must be true or false",
    },
    "sumber_text": {"id": "\"sumber\" harus teks", "en": "\"sumber\" must be text"},
    "other": {"id": "{detail}", "en": "{detail}"},
    "too_large": {
        "id": "ukurannya {size}, melebihi batas {limit}",
        "en": "it is {size}, over the limit of {limit}",
    },
    "too_large_unpacked": {
        "id": "isi buku kerja ini setelah dibuka berukuran {size}, melebihi batas {limit}",
        "en": "the contents of this workbook unpack to {size}, over the limit of {limit}",
    },
    "too_many_cells": {
        "id": "lembar kerjanya berisi lebih dari {cells} sel",
        "en": "its worksheet holds more than {cells} cells",
    },
}

SEPARATOR_NAMES: dict[str, dict[str, str]] = {
    ",": {"id": "koma (,)", "en": "commas (,)"},
    ";": {"id": "titik koma (;)", "en": "semicolons (;)"},
    "\t": {"id": "tab", "en": "tabs"},
    "|": {"id": "garis tegak (|)", "en": "vertical bars (|)"},
}

# Folders and files of a batch run (kbreport.paths, kbreport.batch.runner): one line each, naming the path.
RUN_MESSAGES: dict[str, dict[str, str]] = {
    "summary": {
        "id": "{built} dibangun, {skipped} mutakhir (dilewati), {failed} gagal{interrupted} — {total} laporan dalam {time}.",
        "en": "{built} built, {skipped} up to date (skipped), {failed} failed{interrupted} — {total} report(s) in {time}.",
    },
    "summary_interrupted": {"id": ", {n} dibatalkan", "en": ", {n} interrupted"},
    "summary_stopped": {"id": "Dihentikan ({signal}): {head} Jalankan lagi untuk melanjutkan.",
                        "en": "Stopped ({signal}): {head} Run again to carry on."},
    "summary_failed": {"id": "Laporan gagal:", "en": "Failed reports:"},
    "summary_index": {"id": "Indeks: {path}", "en": "Index: {path}"},
    "skipped_up_to_date": {"id": "{n} laporan mutakhir, dilewati (pakai --force untuk membangun ulang)",
                           "en": "{n} reports up to date, skipped (use --force to rebuild them)"},
    "symlink": {
        "id": "{path} adalah tautan simbolik; kbreport tidak menulis melaluinya",
        "en": "{path} is a symbolic link; kbreport does not write through it",
    },
    "folder_unwritable": {"id": "folder {path} tidak dapat ditulis ({why})", "en": "folder {path} cannot be written ({why})"},
    "file_unwritable": {"id": "berkas {path} tidak dapat ditulis ({why})", "en": "file {path} cannot be written ({why})"},
    "not_a_folder": {
        "id": "{path} bukan folder; pindahkan atau hapus berkas itu",
        "en": "{path} is not a folder; move or delete that file",
    },
    "not_a_file": {
        "id": "{path} adalah folder, padahal kbreport menulis berkas di sana; pindahkan atau hapus folder itu",
        "en": "{path} is a folder where kbreport writes a file; move or delete that folder",
    },
    "outside": {"id": "{path} mengarah ke luar folder {root}", "en": "{path} leads outside folder {root}"},
    "unsafe_name": {
        "id": "nama '{name}' tidak boleh dipakai sebagai bagian jalur di bawah {root}",
        "en": "name '{name}' cannot be used as a path part under {root}",
    },
    "data_invalid": {
        "id": "Data di {folder} berisi {n} kesalahan; tidak ada laporan yang dibangun. "
              "Perbaiki lalu jalankan lagi (daftar lengkap: kbreport validate --data {folder}):",
        "en": "The data in {folder} has {n} errors; no report was built. "
              "Fix them and run again (full list: kbreport validate --data {folder} --lang en):",
    },
    "data_more": {"id": "… dan {n} kesalahan lain", "en": "… and {n} more errors"},
}
# Why a file system call failed (filled into folder_unwritable / file_unwritable as {why}).
OS_REASONS: dict[str, dict[str, str]] = {
    "denied": {"id": "izin ditolak", "en": "permission denied"},
    "read_only": {"id": "sistem berkas hanya-baca", "en": "read-only file system"},
    "full": {"id": "disk penuh", "en": "no space left on the disk"},
    "missing": {"id": "tidak ditemukan", "en": "not found"},
    "busy": {"id": "sedang dipakai proses lain", "en": "in use by another process"},
    "other": {"id": "galat sistem {code}", "en": "system error {code}"},
    "unknown": {"id": "sebab tidak diketahui", "en": "cause unknown"},
}


def run_message(key: str, lang: str = "id", **fields) -> str:
    return RUN_MESSAGES[key][_lang(lang)].format(**fields)


def os_reason(key: str, lang: str = "id", **fields) -> str:
    return OS_REASONS[key][_lang(lang)].format(**fields)


MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}

# Words of the CLI report.
UI: dict[str, dict[str, str]] = {
    "row": {"id": "baris", "en": "row"},
    "column": {"id": "kolom", "en": "column"},
    "summary": {"id": "Ringkasan", "en": "Summary"},
    "rows": {"id": "baris", "en": "rows"},
    "errors": {"id": "kesalahan", "en": "errors"},
    "warnings": {"id": "peringatan", "en": "warnings"},
    "source": {"id": "Sumber", "en": "Source"},
    "synthetic": dict(SYNTHETIC_LABEL),  # the label every artifact of synthetic data carries
    "ok": {"id": "Data siap dipakai.", "en": "The data is ready to use."},
    "not_ok": {"id": "Perbaiki kesalahan di atas lalu jalankan lagi.", "en": "Fix the errors above and run again."},
    "seconds": {"id": "detik", "en": "seconds"},
    "more": {"id": "… dan {n} lagi ({code})", "en": "… and {n} more ({code})"},
    "errors_in_data": {"id": "{n} kesalahan pada data", "en": "{n} errors in the data"},
    "capped": {
        "id": "Daftar di atas dipotong: paling banyak {limit} baris per aturan. Tampilkan semuanya dengan --semua, "
              "atau tulis ke file dengan --ke FILE.",
        "en": "The list above is cut: at most {limit} lines per rule. Show everything with --semua, or write it "
              "to a file with --ke FILE.",
    },
    "written": {"id": "Daftar lengkap ({n} masalah) ditulis ke {file}.",
                "en": "The full list ({n} problems) was written to {file}."},
    "cannot_write": {"id": "tidak dapat menulis {file}: {reason}", "en": "cannot write {file}: {reason}"},
    "not_a_data_file": {"id": "--ke {file}: itu file data; pilih nama file lain",
                        "en": "--ke {file}: that is a data file; choose another file name"},
}
MAX_LINES_PER_RULE = 20  # printed per rule code; the rest are counted (kbreport validate --semua shows all)


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def message(code: str, lang: str = "id", **fields) -> str:
    """The message of rule `code` in `lang`, with `fields` filled in."""
    return MESSAGES[code][_lang(lang)].format(**fields)


def reason(key: str, lang: str = "id", **fields) -> str:
    return REASONS[key][_lang(lang)].format(**fields)


def ui(key: str, lang: str = "id") -> str:
    return UI[key][_lang(lang)]


def format_date(d, lang: str = "id") -> str:
    """14 Januari 2016 / 14 January 2016."""
    return f"{d.day} {MONTHS[_lang(lang)][d.month - 1]} {d.year}"


def format_int(n: int, lang: str = "id") -> str:
    """80.000 (id) / 80,000 (en)."""
    s = f"{int(n):,}"
    return s.replace(",", ".") if lang == "id" else s


def format_megabytes(n: int, lang: str = "id") -> str:
    """120,5 MB (id) / 120.5 MB (en); whole megabytes without decimals (100 MB); below 1 MB in bytes."""
    if n < 1_000_000:
        return f"{format_int(n, lang)} {'byte' if lang == 'id' else 'bytes'}"
    mb = n / 1_000_000
    s = f"{mb:.0f}" if mb.is_integer() else f"{mb:.1f}"
    return f"{s.replace('.', ',') if lang == 'id' else s} MB"


def separator_name(sep: str, lang: str = "id") -> str:
    return SEPARATOR_NAMES.get(sep, {"id": repr(sep), "en": repr(sep)})[_lang(lang)]


def capped_lines(problems, lang: str = "id", limit: int | None = MAX_LINES_PER_RULE) -> list[str]:
    """One line per problem, at most `limit` per rule code (None: all); after the last one shown of a
    rule, "… dan 3.046 lagi (code)". Problems keep their order."""
    total: dict[str, int] = {}
    for p in problems:
        total[p.code] = total.get(p.code, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for p in problems:
        k = seen[p.code] = seen.get(p.code, 0) + 1
        if limit is not None and k > limit:
            continue
        out.append(format_problem(p, lang))
        if limit is not None and k == limit and total[p.code] > limit:
            out.append(ui("more", lang).format(n=format_int(total[p.code] - limit, lang), code=p.code))
    return out


def format_problem(p: Problem, lang: str = "id") -> str:
    """One line: "file, baris R, kolom C: [value] reason" ("row"/"column" in English)."""
    where = p.file
    if p.row is not None:
        where += f", {ui('row', lang)} {p.row}"
    if p.column:
        where += f", {ui('column', lang)} {p.column}"
    val = f" [{p.value}]" if p.value not in (None, "") else ""
    return f"{where}:{val} {p.message}"

