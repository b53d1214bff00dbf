"""Catalogue entries of data validation: one message per rule, reasons, separators, report words."""
from __future__ import annotations

# rule.<code>: one message per validation rule (severity: kbreport.text.messages.SEVERITY)
RULES: dict[str, dict[str, str]] = {
    "rule.folder_missing": {"id": "folder data '{folder}' tidak ditemukan", "en": "data folder '{folder}' not found"},
    "rule.file_missing": {
        "id": "file wajib tidak ditemukan; simpan tabel {table} sebagai {table}.csv atau {table}.xlsx di folder {folder}",
        "en": "required file not found; save table {table} as {table}.csv or {table}.xlsx in folder {folder}",
    },
    "rule.file_ambiguous": {
        "id": "ada dua file untuk tabel {table} ({table}.csv dan {table}.xlsx); hapus atau pindahkan salah satunya",
        "en": "two files for table {table} ({table}.csv and {table}.xlsx); delete or move one of them",
    },
    "rule.file_unreadable": {"id": "file tidak dapat dibaca: {reason}", "en": "file cannot be read: {reason}"},
    "rule.file_encoding": {
        "id": "file bukan UTF-8; dibaca sebagai Windows-1252, periksa huruf khusus (simpan ulang sebagai \"CSV UTF-8\")",
        "en": "file is not UTF-8; read as Windows-1252, check special characters (save again as \"CSV UTF-8\")",
    },
    "rule.table_empty": {
        "id": "file tidak berisi satu pun baris data di bawah judul kolom",
        "en": "file holds no data row below the headings",
    },
    "rule.row_too_long": {
        "id": "baris ini berisi {cells} sel, lebih banyak daripada judul kolom ({headings}); sel berlebih diabaikan, periksa tanda pemisah",
        "en": "this row has {cells} cells, more than there are headings ({headings}); extra cells ignored, check the separators",
    },
    "rule.sumber_invalid": {
        "id": "file keterangan sumber tidak sah: {reason}",
        "en": "source description file is invalid: {reason}",
    },
    "rule.file_symlink": {
        "id": "file ini tautan simbolik (symlink) ke file lain, jadi tidak dibaca; salin file aslinya ke folder data",
        "en": "this file is a symbolic link to another file, so it is not read; copy the real file into the data folder",
    },
    "rule.header_not_first_row": {
        "id": "judul kolom tidak di baris pertama; tampaknya di baris {header_row}. Hapus baris di atasnya (judul laporan, baris kosong) supaya judul kolom ada di baris 1",
        "en": "the headings are not in the first row; they seem to be in row {header_row}. Delete the rows above them (report title, blank rows) so that the headings are in row 1",
    },
    "rule.file_wrong_table": {
        "id": "judul kolom file ini adalah judul tabel {other}, bukan {table}; apakah filenya tertukar? Simpan tabel {other} sebagai {other}.csv atau {other}.xlsx",
        "en": "the headings of this file are those of table {other}, not {table}; were the files swapped? Save table {other} as {other}.csv or {other}.xlsx",
    },
    "rule.delimiter_mismatch": {
        "id": "pemisah kolom tidak sama: judul kolom dipisah dengan {header_sep}, tetapi baris data dipisah dengan {row_sep}; simpan ulang file dengan satu pemisah saja",
        "en": "column separators differ: the headings are separated by {header_sep} but the data rows by {row_sep}; save the file again with one separator",
    },
    "rule.delimiter_mixed": {
        "id": "pemisah kolom bercampur: {good} baris data dipisah dengan {header_sep} seperti judul kolom, tetapi {bad} baris dipisah dengan {row_sep} (yang pertama baris {first}); simpan ulang file dengan satu pemisah saja",
        "en": "column separators are mixed: {good} data rows are separated by {header_sep} like the headings, but {bad} rows by {row_sep} (the first in row {first}); save the file again with one separator",
    },
    "rule.delimiter_unsupported": {
        "id": "judul kolom dipisah dengan {sep}, yang tidak didukung; simpan ulang sebagai CSV dengan pemisah koma, titik koma atau tab",
        "en": "the headings are separated by {sep}, which is not supported; save again as CSV separated by commas, semicolons or tabs",
    },
    "rule.quote_unbalanced": {
        "id": "tanda kutip tidak seimbang: tanda kutip (\") yang dibuka di baris {line} tidak ditutup, sehingga {lines} baris sesudahnya terbaca sebagai isi satu sel; hapus tanda kutip itu atau tambahkan pasangannya",
        "en": "unbalanced quote: the quote (\") opened in line {line} is not closed, so the {lines} lines after it are read as the content of one cell; delete that quote or add its closing one",
    },
    "rule.column_missing": {
        "id": "kolom wajib '{column}' tidak ada; tambahkan kolom dengan salah satu judul ini: {accepted}",
        "en": "required column '{column}' is missing; add a column headed one of: {accepted}",
    },
    "rule.column_duplicate": {
        "id": "judul kolom '{heading}' dan '{other}' sama-sama berarti {column}; hapus salah satunya",
        "en": "headings '{heading}' and '{other}' both mean {column}; delete one of them",
    },
    "rule.column_unknown": {
        "id": "judul kolom '{heading}' tidak dikenal; kolom ini diabaikan",
        "en": "heading '{heading}' is not recognised; this column is ignored",
    },
    "rule.blank_required": {
        "id": "sel kosong; kolom {column} wajib diisi",
        "en": "empty cell; column {column} is required",
    },
    "rule.kode_malformed": {
        "id": "kode desa '{value}' tidak berbentuk PP.KK.CC.DDDD (10 angka, misalnya 16.10.05.2041)",
        "en": "desa code '{value}' is not of the form PP.KK.CC.DDDD (10 digits, e.g. 16.10.05.2041)",
    },
    "rule.kode_unknown": {
        "id": "kode desa '{kode}' tidak ada dalam master wilayah Kemendagri",
        "en": "desa code '{kode}' is not in the Kemendagri region master",
    },
    "rule.date_invalid": {
        "id": "'{value}' bukan tanggal yang dikenali; tulis seperti 2016-01-14 atau 14/01/2016",
        "en": "'{value}' is not a recognised date; write it like 2016-01-14 or 14/01/2016",
    },
    "rule.month_invalid": {
        "id": "'{value}' bukan bulan yang dikenali; tulis seperti 2024-06 atau 06/2024",
        "en": "'{value}' is not a recognised month; write it like 2024-06 or 06/2024",
    },
    "rule.date_before_launch": {
        "id": "tanggal {date} lebih awal daripada dimulainya program Kampung KB (14 Januari 2016)",
        "en": "date {date} is before the Kampung KB programme began (14 January 2016)",
    },
    "rule.date_future": {
        "id": "tanggal {date} belum terjadi (hari ini {today})",
        "en": "date {date} is in the future (today is {today})",
    },
    "rule.year_future": {
        "id": "tahun {year} belum terjadi (sekarang tahun {today})",
        "en": "year {year} is in the future (this is {today})",
    },
    "rule.bool_invalid": {
        "id": "'{value}' tidak dikenali; isi dengan ya atau tidak",
        "en": "'{value}' is not recognised; fill in yes or no",
    },
    "rule.value_not_in_domain": {
        "id": "'{value}' bukan pilihan yang sah untuk {column}; pilih salah satu: {allowed}",
        "en": "'{value}' is not a valid choice for {column}; choose one of: {allowed}",
    },
    "rule.count_not_integer": {
        "id": "'{value}' bukan bilangan bulat; tulis angka tanpa desimal dan tanpa pemisah ribuan",
        "en": "'{value}' is not a whole number; write digits without decimals or thousands separators",
    },
    "rule.count_negative": {"id": "jumlah tidak boleh negatif", "en": "a count cannot be negative"},
    "rule.count_above_bound": {
        "id": "angka {shown} melebihi batas wajar {bound} untuk kolom {column}; periksa salah ketik, atau angka yang merupakan jumlah beberapa wilayah",
        "en": "{shown} exceeds the plausible maximum {bound} for column {column}; check for a typo, or a figure that is the total of several areas",
    },
    "rule.count_below_bound": {
        "id": "angka {shown} kurang dari batas wajar {bound} untuk kolom {column}; periksa salah ketik",
        "en": "{shown} is below the plausible minimum {bound} for column {column}; check for a typo",
    },
    "rule.duplicate_id": {
        "id": "id '{value}' sudah dipakai di baris {first}; setiap Kampung KB harus punya id sendiri",
        "en": "id '{value}' is already used in row {first}; each Kampung KB needs its own id",
    },
    "rule.duplicate_kampung_kb_row": {
        "id": "Kampung KB '{value}' sudah punya baris di baris {first}; satu Kampung KB hanya boleh satu baris di {table}",
        "en": "Kampung KB '{value}' already has a row in row {first}; one Kampung KB may have only one row in {table}",
    },
    "rule.duplicate_desa_cantik": {
        "id": "kode desa '{kode}' sudah tercantum di baris {first}",
        "en": "desa code '{kode}' is already listed in row {first}",
    },
    "rule.kampung_kb_unknown": {
        "id": "Kampung KB dengan id '{value}' tidak ada di {kampung_kb_file}",
        "en": "no Kampung KB with id '{value}' in {kampung_kb_file}",
    },
    "rule.peserta_kb_gt_pus": {
        "id": "peserta KB (jumlah semua metode = {kb}) lebih banyak daripada PUS ({pus})",
        "en": "family-planning users (all methods = {kb}) exceed PUS ({pus})",
    },
    "rule.rumah_dataku_before_launch": {
        "id": "Rumah DataKu dibentuk {date}, sebelum Kampung KB ini dicanangkan ({launch})",
        "en": "Rumah DataKu formed {date}, before this Kampung KB was launched ({launch})",
    },
    "rule.rumah_dataku_no_date": {
        "id": "status Rumah DataKu 'ada' tetapi tanggal pembentukannya kosong; Rumah DataKu ini tidak ikut hitungan per tanggal",
        "en": "Rumah DataKu status is 'ada' but its formation date is empty; it is left out of counts by date",
    },
    "rule.rumah_dataku_tanggal_absent": {
        "id": "kolom tanggal Rumah DataKu tidak ada; Rumah DataKu berstatus 'ada' tidak ikut hitungan per tanggal",
        "en": "no Rumah DataKu date column; Rumah DataKu with status 'ada' are left out of counts by date",
    },
    "rule.rumah_dataku_date_unexpected": {
        "id": "tanggal Rumah DataKu diisi padahal statusnya '{status}'; periksa status atau tanggalnya",
        "en": "a Rumah DataKu date is given although its status is '{status}'; check the status or the date",
    },
    "rule.pokja_terlatih_gt_jumlah": {
        "id": "anggota Pokja terlatih ({terlatih}) lebih banyak daripada jumlah anggota Pokja ({jumlah})",
        "en": "trained Pokja members ({terlatih}) exceed Pokja members ({jumlah})",
    },
    "rule.tidak_kb_gt_pus": {
        "id": "peserta KB ditambah PUS yang tidak ber-KB ({total}) lebih banyak daripada PUS ({pus})",
        "en": "family-planning users plus PUS not using it ({total}) exceed PUS ({pus})",
    },
    "rule.peserta_poktan_gt_keluarga": {
        "id": "peserta poktan ({peserta}) lebih banyak daripada keluarga sasaran poktan ({keluarga})",
        "en": "poktan participants ({peserta}) exceed families eligible for a poktan ({keluarga})",
    },
    "rule.desa_two_kampung_kb_inpres": {
        "id": "desa {kode} ({nama}) sudah punya Kampung KB berskala Desa di baris {first}; sejak Inpres 3/2022 (20 Mei 2022) satu desa/kelurahan hanya punya satu Kampung KB berskala Desa, dan salah satunya dicanangkan {date}",
        "en": "desa {kode} ({nama}) already has a desa-wide Kampung KB in row {first}; since Inpres 3/2022 (20 May 2022) a desa/kelurahan has only one desa-wide Kampung KB, and one of these was launched {date}",
    },
    "rule.desa_two_kampung_kb": {
        "id": "desa {kode} ({nama}) sudah punya Kampung KB berskala Desa di baris {first}",
        "en": "desa {kode} ({nama}) already has a desa-wide Kampung KB in row {first}",
    },
    "rule.rw_after_inpres": {
        "id": "Kampung KB berskala {cakupan} dicanangkan {date}, setelah Inpres 3/2022 (20 Mei 2022) yang menetapkan Kampung KB meliputi satu desa/kelurahan",
        "en": "{cakupan}-level Kampung KB launched {date}, after Inpres 3/2022 (20 May 2022) made the whole desa/kelurahan the unit",
    },
    "rule.duplicate_periode_row": {
        "id": "Kampung KB '{value}' sudah punya baris periode {periode} di baris {first}; satu Kampung KB hanya boleh satu baris per periode di {table}",
        "en": "Kampung KB '{value}' already has a row for {periode} in row {first}; one Kampung KB may have only one row per period in {table}",
    },
    "rule.nonaktif_but_active": {
        "id": "tanggal nonaktif diisi padahal Kampung KB ini berstatus aktif; kosongkan tanggalnya atau isi aktif dengan tidak",
        "en": "a deactivation date is given although this Kampung KB is active; clear the date or set aktif to tidak",
    },
    "rule.nonaktif_before_launch": {
        "id": "Kampung KB dinonaktifkan {date}, tidak sesudah dicanangkan ({launch})",
        "en": "Kampung KB deactivated {date}, not after its launch ({launch})",
    },
    "rule.desa_cantik_tahun_beda": {
        "id": "tanggal pembentukan {date} tidak jatuh pada tahun {tahun} yang tercantum",
        "en": "formation date {date} is not in the year given ({tahun})",
    },
    "rule.nonaktif_no_date": {
        "id": "Kampung KB tidak aktif tetapi tanggal nonaktifnya kosong; Kampung KB ini tidak ikut hitungan pada tanggal mana pun",
        "en": "inactive Kampung KB without a deactivation date; it is left out of the counts at every date",
    },
    "rule.no_profil": {
        "id": "Kampung KB '{value}' tidak punya baris di {file}",
        "en": "Kampung KB '{value}' has no row in {file}",
    },
    "rule.no_kkbpk": {
        "id": "Kampung KB '{value}' tidak punya baris di {file}",
        "en": "Kampung KB '{value}' has no row in {file}",
    },
}

# reason.<key>: why a file cannot be read (filled into rule.file_unreadable / sumber_invalid)
REASONS: dict[str, dict[str, str]] = {
    "reason.empty": {"id": "file kosong", "en": "the file is empty"},
    "reason.binary": {"id": "isinya data biner, bukan teks CSV", "en": "it holds binary data, not CSV text"},
    "reason.xlsx_named_csv": {
        "id": "isinya file Excel; ganti ekstensinya menjadi .xlsx",
        "en": "it is an Excel file; change its extension to .xlsx",
    },
    "reason.xls_old": {
        "id": "format Excel lama (.xls); simpan ulang sebagai .xlsx atau CSV",
        "en": "old Excel format (.xls); save it again as .xlsx or CSV",
    },
    "reason.not_xlsx": {
        "id": "bukan file Excel (.xlsx) yang utuh; buka dan simpan ulang di Excel, atau simpan sebagai CSV",
        "en": "not an intact Excel (.xlsx) file; open and save it again in Excel, or save as CSV",
    },
    "reason.encoding": {
        "id": "pengodean teks tidak dikenali; simpan ulang sebagai \"CSV UTF-8\"",
        "en": "unknown text encoding; save it again as \"CSV UTF-8\"",
    },
    "reason.no_sheet": {"id": "buku kerja tidak berisi lembar kerja", "en": "the workbook has no worksheet"},
    "reason.csv_syntax": {"id": "susunan CSV rusak ({detail})", "en": "broken CSV layout ({detail})"},
    "reason.json": {"id": "bukan JSON yang sah ({detail})", "en": "not valid JSON ({detail})"},
    "reason.json_object": {"id": "isinya harus objek JSON {{...}}", "en": "it must hold a JSON object {{...}}"},
    "reason.sintetis_bool": {"id": "\"sintetis\" harus true atau false", "en": "\"sintetis\" must be true or false"},
    "reason.sumber_text": {"id": "\"sumber\" harus teks", "en": "\"sumber\" must be text"},
    "reason.os": {"id": "{why}", "en": "{why}"},
    "reason.other": {"id": "{detail}", "en": "{detail}"},
    "reason.too_slow": {
        "id": "membacanya memakan waktu lebih dari {seconds} detik, melebihi batas waktu; "
              "periksa apakah ini file yang benar dan tidak terlalu besar",
        "en": "reading it took longer than {seconds} seconds, over the time limit; "
              "check that it is the right file and not too large",
    },
    "reason.too_large": {
        "id": "ukurannya {size}, melebihi batas {limit}",
        "en": "it is {size}, over the limit of {limit}",
    },
    "reason.too_large_unpacked": {
        "id": "isi buku kerja ini setelah dibuka berukuran {size}, melebihi batas {limit}",
        "en": "the contents of this workbook unpack to {size}, over the limit of {limit}",
    },
    "reason.too_many_cells": {
        "id": "lembar kerjanya berisi lebih dari {cells} sel",
        "en": "its worksheet holds more than {cells} cells",
    },
}

# separator.<name>: column separators as named in a message
SEPARATORS: dict[str, dict[str, str]] = {
    "separator.comma": {"id": "koma (,)", "en": "commas (,)"},
    "separator.semicolon": {"id": "titik koma (;)", "en": "semicolons (;)"},
    "separator.tab": {"id": "tab", "en": "tabs"},
    "separator.bar": {"id": "garis tegak (|)", "en": "vertical bars (|)"},
}

# ui.<key>: words of the validation report (kbreport validate)
UI: dict[str, dict[str, str]] = {
    "ui.row": {"id": "baris", "en": "row"},
    "ui.column": {"id": "kolom", "en": "column"},
    "ui.summary": {"id": "Ringkasan", "en": "Summary"},
    "ui.rows": {"id": "baris", "en": "rows"},
    "ui.errors": {"id": "kesalahan", "en": "errors"},
    "ui.warnings": {"id": "peringatan", "en": "warnings"},
    "ui.source": {"id": "Sumber", "en": "Source"},
    "ui.ok": {"id": "Data siap dipakai.", "en": "The data is ready to use."},
    "ui.not_ok": {"id": "Perbaiki kesalahan di atas lalu jalankan lagi.", "en": "Fix the errors above and run again."},
    "ui.seconds": {"id": "detik", "en": "seconds"},
    "ui.more": {"id": "… dan {n} lagi ({code})", "en": "… and {n} more ({code})"},
    "ui.errors_in_data": {"id": "{n} {errors} pada data", "en": "{n} {errors} in the data"},
    "ui.capped": {
        "id": "Daftar di atas dipotong: paling banyak {limit} baris per aturan. Tampilkan semuanya dengan --semua, atau tulis ke file dengan --ke FILE.",
        "en": "The list above is cut: at most {limit} lines per rule. Show everything with --semua, or write it to a file with --ke FILE.",
    },
    "ui.written": {
        "id": "Daftar lengkap ({n} {problems}) ditulis ke {file}.",
        "en": "The full list ({n} {problems}) was written to {file}.",
    },
    "ui.master_decree": {"id": "Master wilayah: {decree} ({found} dari {total} kode desa ada di sana)",
                         "en": "Region master: {decree} ({found} of {total} desa codes found in it)"},
    "ui.master_file": {"id": "Master wilayah: {file}", "en": "Region master: {file}"},
    "ui.master_moved": {"id": "{n} kode desa ditulis lain di {today}; dipetakan dengan nama kab/kota, kecamatan dan desa",
                        "en": "{n} desa codes are written differently in {today}; mapped by kab/kota, kecamatan and "
                              "desa name"},
    "ui.master_lost": {"id": "{n} kode desa tidak punya padanan yang pasti di {today}: {codes}",
                       "en": "{n} desa codes have no certain counterpart in {today}: {codes}"},
    "ui.cannot_write": {"id": "tidak dapat menulis {file}: {reason}", "en": "cannot write {file}: {reason}"},
    "ui.not_a_data_file": {
        "id": "--ke {file}: itu file data; pilih nama file lain",
        "en": "--ke {file}: that is a data file; choose another file name",
    },
}
