"""Validation: one broken fixture folder per rule, its exact message; load_data; the CLI.

Fixtures: tests/fixtures/broken/<case>/ is _baseline/ with ONE change (make_fixtures.py says which).
The expected lines below are written from the fixture contents, not copied from a run.
"""
from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from kbreport.ingest import schema
from kbreport.cli import main
from kbreport.ingest.dataset import Dataset, data_checksum, load_data
from kbreport.errors import DataValidationError, MasterError
from kbreport.text.messages import MESSAGES, SEVERITY, format_problem
from kbreport.ingest.validate import check_tables, validate_folder

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken"
BASE = BROKEN / "_baseline"
TODAY = date(2025, 1, 1)

# A tiny master built by hand: real Kemendagri codes and names, just the few the fixtures use.
_ROWS = [
    ("16", "Sumatera Selatan", "provinsi", "provinsi"),
    ("16.10", "Kab. Ogan Ilir", "kabkota", "kabupaten"),
    ("16.10.05", "Pemulutan", "kecamatan", "kecamatan"),
    ("16.10.05.2015", "Aurstanding", "desa", "desa"),
    ("16.10.05.2041", "Sembadak", "desa", "desa"),
    ("17", "Bengkulu", "provinsi", "provinsi"),
    ("17.71", "Kota Bengkulu", "kabkota", "kota"),
    ("17.71.01", "Selebar", "kecamatan", "kecamatan"),
    ("17.71.01.1001", "Pagar Dewa", "desa", "kelurahan"),
    ("17.71.01.1002", "Sukarami", "desa", "kelurahan"),
]
MASTER = pd.DataFrame({
    "kode": [r[0] for r in _ROWS],
    "nama": [r[1] for r in _ROWS],
    "nama_resmi": [r[1].upper() for r in _ROWS],
    "tingkat": [r[2] for r in _ROWS],
    "jenis": [r[3] for r in _ROWS],
    "kode_provinsi": [r[0][:2] for r in _ROWS],
    "kode_kabkota": [r[0][:5] if len(r[0]) >= 5 else None for r in _ROWS],
    "kode_kecamatan": [r[0][:8] if len(r[0]) >= 8 else None for r in _ROWS],
})


def lines(case: str, lang: str = "id") -> list[str]:
    _, problems = validate_folder(BROKEN / case, master=MASTER, lang=lang, today=TODAY)
    return [format_problem(p, lang) for p in problems]


def codes(case: str) -> list[tuple[str, str]]:
    _, problems = validate_folder(BROKEN / case, master=MASTER, today=TODAY)
    return [(p.code, p.severity) for p in problems]


# --- the baseline is clean ------------------------------------------------------------------

def test_baseline_has_no_problem():
    tables, problems = validate_folder(BASE, master=MASTER, today=TODAY)
    assert problems == []
    assert {n: len(t) for n, t in tables.items()} == {"kampung_kb": 4, "profil": 4, "kkbpk": 4, "desa_cantik": 2}


def test_baseline_is_clean_against_the_bundled_master_too():
    _, problems = validate_folder(BASE, master=None, today=TODAY)
    assert problems == []


# --- one fixture per rule: exact text (Indonesian) -----------------------------------------

KKB_HEADINGS = "'tanggal_pencanangan', 'tanggal pencanangan kampung kb', 'tanggal dicanangkan'"

EXPECTED_ID = {
    "blank_required": ["kampung_kb.csv, baris 4, kolom nama: sel kosong; kolom nama wajib diisi"],
    "bool_invalid": ["kampung_kb.csv, baris 5, kolom aktif: [mungkin] 'mungkin' tidak dikenali; isi dengan ya atau tidak"],
    "column_duplicate": ["kampung_kb.csv, baris 1, kolom Nama Kampung KB: judul kolom 'nama' dan 'Nama Kampung KB' "
                         "sama-sama berarti nama; hapus salah satunya"],
    "column_missing": ["kampung_kb.csv, baris 1, kolom tanggal_pencanangan: kolom wajib 'tanggal_pencanangan' tidak ada; "
                       f"tambahkan kolom dengan salah satu judul ini: {KKB_HEADINGS}"],
    "column_unknown": ["kkbpk.csv, baris 1, kolom catatan: judul kolom 'catatan' tidak dikenal; kolom ini diabaikan"],
    "count_negative": ["profil.csv, baris 3, kolom pokja_jumlah: [-9] jumlah tidak boleh negatif"],
    "count_above_bound": ["kkbpk.csv, baris 3, kolom pus: [1000000000000] angka 1.000.000.000.000 melebihi batas "
                          "wajar 50.000 untuk kolom pus; periksa salah ketik, atau angka yang merupakan jumlah "
                          "beberapa wilayah"],
    "count_below_bound": ["desa_cantik.csv, baris 3, kolom tahun: [2019] angka 2019 kurang dari batas wajar 2021 "
                          "untuk kolom tahun; periksa salah ketik"],
    "count_not_integer": [
        "kkbpk.csv, baris 4, kolom pus: [180.5] '180.5' bukan bilangan bulat; tulis angka tanpa desimal dan tanpa "
        "pemisah ribuan",
        "kkbpk.csv, baris 5, kolom pus: [1.500] '1.500' bukan bilangan bulat; tulis angka tanpa desimal dan tanpa "
        "pemisah ribuan"],
    "date_before_launch": ["kampung_kb.csv, baris 2, kolom tanggal_pencanangan: [2015-12-31] tanggal 31 Desember 2015 "
                           "lebih awal daripada dimulainya program Kampung KB (14 Januari 2016)"],
    "date_future": ["kampung_kb.csv, baris 5, kolom tanggal_pencanangan: [2025-03-01] tanggal 1 Maret 2025 belum "
                    "terjadi (hari ini 1 Januari 2025)"],
    "date_invalid": ["kampung_kb.csv, baris 3, kolom tanggal_pencanangan: [31/06/2021] '31/06/2021' bukan tanggal yang "
                     "dikenali; tulis seperti 2016-01-14 atau 14/01/2016"],
    "desa_cantik_kode_unknown": ["desa_cantik.csv, baris 3, kolom kode_desa: [17.71.01.1999] kode desa '17.71.01.1999' "
                                 "tidak ada dalam master wilayah Kemendagri"],
    # KKB-002 (14 June 2021) and KKB-005 (20 January 2020): both before Inpres 3/2022, a warning
    "desa_two_kampung_kb": ["kampung_kb.csv, baris 6, kolom kode_desa: [1610052015] desa 16.10.05.2015 (Aurstanding) "
                            "sudah punya Kampung KB berskala Desa di baris 3"],
    # KKB-003 (10 February 2023) and KKB-005 (20 January 2024): the later date is named
    "desa_two_kampung_kb_inpres": ["kampung_kb.csv, baris 6, kolom kode_desa: [1771011001] desa 17.71.01.1001 "
                                   "(Pagar Dewa) sudah punya Kampung KB berskala Desa di baris 4; sejak Inpres 3/2022 "
                                   "(20 Mei 2022) satu desa/kelurahan hanya punya satu Kampung KB berskala Desa, dan "
                                   "salah satunya dicanangkan 20 Januari 2024"],
    "duplicate_desa_cantik": ["desa_cantik.csv, baris 4, kolom kode_desa: [1610052041] kode desa '16.10.05.2041' sudah "
                              "tercantum di baris 2"],
    "duplicate_id": ["kampung_kb.csv, baris 6, kolom id: [KKB-002] id 'KKB-002' sudah dipakai di baris 3; setiap "
                     "Kampung KB harus punya id sendiri"],
    "duplicate_kampung_kb_row": ["profil.csv, baris 6, kolom kampung_kb_id: [KKB-002] Kampung KB 'KKB-002' sudah punya "
                                 "baris di baris 3; satu Kampung KB hanya boleh satu baris di profil.csv"],
    # kkbpk holds one row per Kampung KB and month: KKB-001's November 2024 twice
    "duplicate_periode_row": ["kkbpk.csv, baris 6, kolom kampung_kb_id: [KKB-001] Kampung KB 'KKB-001' sudah punya "
                              "baris periode November 2024 di baris 2; satu Kampung KB hanya boleh satu baris per "
                              "periode di kkbpk.csv"],
    "nonaktif_but_active": ["kampung_kb.csv, baris 4, kolom tanggal_nonaktif: [2024-01-01] tanggal nonaktif diisi padahal "
                            "Kampung KB ini berstatus aktif; kosongkan tanggalnya atau isi aktif dengan tidak"],
    "nonaktif_before_launch": ["kampung_kb.csv, baris 5, kolom tanggal_nonaktif: [2024-05-01] Kampung KB dinonaktifkan "
                               "1 Mei 2024, tidak sesudah dicanangkan (12 Mei 2024)"],
    "nonaktif_no_date": ["kampung_kb.csv, baris 5, kolom tanggal_nonaktif: Kampung KB tidak aktif tetapi tanggal "
                         "nonaktifnya kosong; Kampung KB ini tidak ikut hitungan pada tanggal mana pun"],
    "desa_cantik_tahun_beda": ["desa_cantik.csv, baris 2, kolom tanggal_pembentukan: [2023-03-01] tanggal pembentukan "
                               "1 Maret 2023 tidak jatuh pada tahun 2022 yang tercantum"],
    "file_ambiguous": ["desa_cantik.csv + desa_cantik.xlsx: ada dua file untuk tabel desa_cantik (desa_cantik.csv dan "
                       "desa_cantik.xlsx); hapus atau pindahkan salah satunya"],
    "file_encoding": ["kampung_kb.csv: file bukan UTF-8; dibaca sebagai Windows-1252, periksa huruf khusus (simpan "
                      "ulang sebagai \"CSV UTF-8\")"],
    "file_missing": [f"kkbpk.csv/.xlsx: file wajib tidak ditemukan; simpan tabel kkbpk sebagai kkbpk.csv atau "
                     f"kkbpk.xlsx di folder {BROKEN / 'file_missing'}"],
    "file_unreadable_binary": ["profil.csv: file tidak dapat dibaca: isinya data biner, bukan teks CSV"],
    "file_unreadable_xlsx": ["kampung_kb.xlsx: file tidak dapat dibaca: bukan file Excel (.xlsx) yang utuh; buka dan "
                             "simpan ulang di Excel, atau simpan sebagai CSV"],
    "file_unreadable_xlsx_named_csv": ["kkbpk.csv: file tidak dapat dibaca: isinya file Excel; ganti ekstensinya "
                                       "menjadi .xlsx"],
    "kampung_kb_unknown": [
        "profil.csv, baris 6, kolom kampung_kb_id: [KKB-044] Kampung KB dengan id 'KKB-044' tidak ada di kampung_kb.csv",
        "kkbpk.csv, baris 6, kolom kampung_kb_id: [KKB-044] Kampung KB dengan id 'KKB-044' tidak ada di kampung_kb.csv"],
    "kode_malformed": ["kampung_kb.csv, baris 5, kolom kode_desa: [17.71.1.1002] kode desa '17.71.1.1002' tidak "
                       "berbentuk PP.KK.CC.DDDD (10 angka, misalnya 16.10.05.2041)"],
    "kode_unknown": ["kampung_kb.csv, baris 3, kolom kode_desa: [1610059999] kode desa '16.10.05.9999' tidak ada dalam "
                     "master wilayah Kemendagri"],
    "month_invalid": ["kkbpk.csv, baris 3, kolom periode: [Triwulan 4] 'Triwulan 4' bukan bulan yang dikenali; tulis "
                      "seperti 2024-06 atau 06/2024"],
    "no_kkbpk": ["kampung_kb.csv, baris 5, kolom id: [KKB-004] Kampung KB 'KKB-004' tidak punya baris di kkbpk.csv"],
    "no_profil": ["kampung_kb.csv, baris 5, kolom id: [KKB-004] Kampung KB 'KKB-004' tidak punya baris di profil.csv"],
    # KKB-004: 5+1+0+15+50+15+2 = 88 users against PUS 80
    "peserta_kb_gt_pus": ["kkbpk.csv, baris 5, kolom pus: [80] peserta KB (jumlah semua metode = 88) lebih banyak "
                          "daripada PUS (80)"],
    "peserta_poktan_gt_keluarga": ["kkbpk.csv, baris 5, kolom peserta_poktan: [75] peserta poktan (75) lebih banyak "
                                   "daripada keluarga sasaran poktan (70)"],
    "pokja_terlatih_gt_jumlah": ["profil.csv, baris 3, kolom pokja_terlatih: [11] anggota Pokja terlatih (11) lebih "
                                 "banyak daripada jumlah anggota Pokja (9)"],
    "row_too_long": ["kampung_kb.csv, baris 3: baris ini berisi 9 sel, lebih banyak daripada judul kolom (8); sel "
                     "berlebih diabaikan, periksa tanda pemisah"],
    "rumah_dataku_before_launch": ["profil.csv, baris 4, kolom rumah_dataku_tanggal: [2022-12-01] Rumah DataKu dibentuk "
                                   "1 Desember 2022, sebelum Kampung KB ini dicanangkan (10 Februari 2023)"],
    "rumah_dataku_date_unexpected": ["profil.csv, baris 3, kolom rumah_dataku_tanggal: [2022-01-05] tanggal Rumah "
                                     "DataKu diisi padahal statusnya 'belum'; periksa status atau tanggalnya"],
    "rumah_dataku_no_date": ["profil.csv, baris 4, kolom rumah_dataku_tanggal: status Rumah DataKu 'ada' tetapi tanggal "
                             "pembentukannya kosong; Rumah DataKu ini tidak ikut hitungan per tanggal"],
    "rumah_dataku_tanggal_absent": ["profil.csv, baris 1, kolom rumah_dataku_tanggal: kolom tanggal Rumah DataKu tidak "
                                    "ada; Rumah DataKu berstatus 'ada' tidak ikut hitungan per tanggal"],
    "rw_after_inpres": ["kampung_kb.csv, baris 5, kolom cakupan_wilayah: [RW] Kampung KB berskala RW dicanangkan 12 Mei "
                        "2024, setelah Inpres 3/2022 (20 Mei 2022) yang menetapkan Kampung KB meliputi satu "
                        "desa/kelurahan"],
    "sumber_invalid": ["sumber.json: file keterangan sumber tidak sah: \"sintetis\" harus true atau false"],
    "table_empty": ["kampung_kb.csv: file tidak berisi satu pun baris data di bawah judul kolom"],
    # one error, and no "Kampung KB ... tidak punya baris di profil.csv" for each of the four
    "table_empty_profil": ["profil.csv: file tidak berisi satu pun baris data di bawah judul kolom"],
    # structure: one message saying what is wrong, and nothing about the table's cells
    "file_symlink": ["kampung_kb.csv: file ini tautan simbolik (symlink) ke file lain, jadi tidak dibaca; salin file "
                     "aslinya ke folder data"],
    "header_not_first_row": ["kampung_kb.xlsx: judul kolom tidak di baris pertama; tampaknya di baris 3. Hapus baris "
                             "di atasnya (judul laporan, baris kosong) supaya judul kolom ada di baris 1"],
    "file_wrong_table": ["kkbpk.csv: judul kolom file ini adalah judul tabel profil, bukan kkbpk; apakah filenya "
                         "tertukar? Simpan tabel profil sebagai profil.csv atau profil.xlsx"],
    "delimiter_mismatch": ["kkbpk.csv: pemisah kolom tidak sama: judul kolom dipisah dengan koma (,), tetapi baris "
                           "data dipisah dengan titik koma (;); simpan ulang file dengan satu pemisah saja"],
    # rows 2-3 use commas, rows 4-5 tabs
    "delimiter_mixed": ["kkbpk.csv: pemisah kolom bercampur: 2 baris data dipisah dengan koma (,) seperti judul "
                        "kolom, tetapi 2 baris dipisah dengan tab (yang pertama baris 4); simpan ulang file dengan "
                        "satu pemisah saja"],
    "delimiter_unsupported": ["desa_cantik.csv: judul kolom dipisah dengan garis tegak (|), yang tidak didukung; "
                              "simpan ulang sebagai CSV dengan pemisah koma, titik koma atau tab"],
    # the quote before "Kampung KB Aurstanding" (line 3) runs to the end: lines 4 and 5 are swallowed
    "quote_unbalanced": ["kampung_kb.csv: tanda kutip tidak seimbang: tanda kutip (\") yang dibuka di baris 3 tidak "
                         "ditutup, sehingga 2 baris sesudahnya terbaca sebagai isi satu sel; hapus tanda kutip itu "
                         "atau tambahkan pasangannya"],
    # KKB-003: users 115 + not using 8+10+12+15 = 160 against PUS 130 (users alone fit)
    "tidak_kb_gt_pus": ["kkbpk.csv, baris 4, kolom pus: [130] peserta KB ditambah PUS yang tidak ber-KB (160) lebih "
                        "banyak daripada PUS (130)"],
    "value_not_in_domain": [
        "kampung_kb.csv, baris 4, kolom cakupan_wilayah: [Kecamatan] 'Kecamatan' bukan pilihan yang sah untuk "
        "cakupan_wilayah; pilih salah satu: RW, Dusun, Desa",
        "profil.csv, baris 3, kolom regulasi_tingkat: [presiden] 'presiden' bukan pilihan yang sah untuk "
        "regulasi_tingkat; pilih salah satu: gubernur, bupati/walikota, camat, kepala desa/lurah",
        "profil.csv, baris 3, kolom rumah_dataku: [mungkin] 'mungkin' bukan pilihan yang sah untuk rumah_dataku; "
        "pilih salah satu: ada, tidak, belum",
        "profil.csv, baris 3, kolom klasifikasi: [Maju] 'Maju' bukan pilihan yang sah untuk klasifikasi; pilih salah "
        "satu: Dasar, Berkembang, Mandiri, Berkelanjutan"],
    "year_future": ["desa_cantik.csv, baris 3, kolom tahun: [2026] tahun 2026 belum terjadi (sekarang tahun 2025)"],
}


@pytest.mark.parametrize("case", sorted(EXPECTED_ID))
def test_rule_message_id(case):
    assert lines(case) == EXPECTED_ID[case]


def test_every_fixture_folder_is_tested():
    folders = {p.name for p in BROKEN.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    assert folders == set(EXPECTED_ID)


def test_every_rule_has_a_fixture():
    seen = set()
    for case in EXPECTED_ID:
        seen |= {c for c, _ in codes(case)}
    # folder_missing needs no fixture: the folder is simply absent (tested below)
    assert seen == set(MESSAGES) - {"folder_missing"}


@pytest.mark.parametrize("case, severity", [
    ("kode_unknown", "error"), ("duplicate_id", "error"), ("peserta_kb_gt_pus", "error"),
    ("rumah_dataku_before_launch", "error"), ("desa_cantik_kode_unknown", "error"), ("date_future", "error"),
    ("peserta_poktan_gt_keluarga", "error"), ("desa_two_kampung_kb_inpres", "error"), ("count_above_bound", "error"),
    ("table_empty_profil", "error"), ("quote_unbalanced", "error"), ("file_symlink", "error"),
    ("rumah_dataku_no_date", "warning"), ("pokja_terlatih_gt_jumlah", "warning"), ("tidak_kb_gt_pus", "warning"),
    ("desa_two_kampung_kb", "warning"), ("rw_after_inpres", "warning"),
    ("no_profil", "warning"), ("no_kkbpk", "warning"), ("column_unknown", "warning"),
])
def test_severity(case, severity):
    assert {s for _, s in codes(case)} == {severity}


# --- English ----------------------------------------------------------------------------------

EXPECTED_EN = {
    "kode_unknown": ["kampung_kb.csv, row 3, column kode_desa: [1610059999] desa code '16.10.05.9999' is not in the "
                     "Kemendagri region master"],
    "peserta_kb_gt_pus": ["kkbpk.csv, row 5, column pus: [80] family-planning users (all methods = 88) exceed PUS (80)"],
    "date_before_launch": ["kampung_kb.csv, row 2, column tanggal_pencanangan: [2015-12-31] date 31 December 2015 is "
                           "before the Kampung KB programme began (14 January 2016)"],
    "file_unreadable_binary": ["profil.csv: file cannot be read: it holds binary data, not CSV text"],
    "rw_after_inpres": ["kampung_kb.csv, row 5, column cakupan_wilayah: [RW] RW-level Kampung KB launched 12 May 2024, "
                        "after Inpres 3/2022 (20 May 2022) made the whole desa/kelurahan the unit"],
    "count_above_bound": ["kkbpk.csv, row 3, column pus: [1000000000000] 1,000,000,000,000 exceeds the plausible "
                          "maximum 50,000 for column pus; check for a typo, or a figure that is the total of several "
                          "areas"],
    "header_not_first_row": ["kampung_kb.xlsx: the headings are not in the first row; they seem to be in row 3. "
                             "Delete the rows above them (report title, blank rows) so that the headings are in row 1"],
    "delimiter_mixed": ["kkbpk.csv: column separators are mixed: 2 data rows are separated by commas (,) like the "
                        "headings, but 2 rows by tabs (the first in row 4); save the file again with one separator"],
    "quote_unbalanced": ["kampung_kb.csv: unbalanced quote: the quote (\") opened in line 3 is not closed, so the 2 "
                         "lines after it are read as the content of one cell; delete that quote or add its closing "
                         "one"],
    "desa_two_kampung_kb_inpres": ["kampung_kb.csv, row 6, column kode_desa: [1771011001] desa 17.71.01.1001 "
                                   "(Pagar Dewa) already has a desa-wide Kampung KB in row 4; since Inpres 3/2022 "
                                   "(20 May 2022) a desa/kelurahan has only one desa-wide Kampung KB, and one of these "
                                   "was launched 20 January 2024"],
    "file_symlink": ["kampung_kb.csv: this file is a symbolic link to another file, so it is not read; copy the real "
                     "file into the data folder"],
}


@pytest.mark.parametrize("case", sorted(EXPECTED_EN))
def test_rule_message_en(case):
    assert lines(case, "en") == EXPECTED_EN[case]


def test_messages_exist_in_both_languages_with_the_same_fields():
    import string

    fmt = string.Formatter()
    for code, texts in MESSAGES.items():
        assert set(texts) == {"id", "en"}, code
        fields = [{f for _, f, _, _ in fmt.parse(texts[lang]) if f} for lang in ("id", "en")]
        assert fields[0] == fields[1], code
        assert SEVERITY[code] in ("error", "warning")


def test_folder_missing(tmp_path):
    tables, problems = validate_folder(tmp_path / "tidak_ada", master=MASTER, today=TODAY)
    assert [(p.code, p.severity) for p in problems] == [("folder_missing", "error")]
    assert problems[0].message == f"folder data '{tmp_path / 'tidak_ada'}' tidak ditemukan"
    assert list(tables["kampung_kb"].columns) == schema.KAMPUNG_KB.names


# --- behaviour around the rules ---------------------------------------------------------------

def test_rows_are_never_dropped_bad_cells_become_na():
    tables, problems = validate_folder(BROKEN / "date_invalid", master=MASTER, today=TODAY)
    kkb = tables["kampung_kb"]
    assert list(kkb.index) == [2, 3, 4, 5]  # spreadsheet rows
    assert kkb["id"].tolist() == ["KKB-001", "KKB-002", "KKB-003", "KKB-004"]
    assert pd.isna(kkb.loc[3, "tanggal_pencanangan"])
    assert kkb.loc[2, "tanggal_pencanangan"] == pd.Timestamp("2016-03-01")


def test_problems_of_one_file_are_in_row_order(tmp_path):
    shutil.copytree(BASE, tmp_path / "d")
    p = tmp_path / "d" / "kampung_kb.csv"
    text = p.read_text().replace("2016-03-01,RW,ya", "2016-03-01,Kota,ya").replace("KKB-003,Kampung KB Pagar Dewa,", "KKB-003,,")
    text = text.replace("14/06/2021", "kemarin")
    p.write_text(text)
    _, problems = validate_folder(tmp_path / "d", master=MASTER, today=TODAY)
    assert [(p.row, p.code) for p in problems] == [(2, "value_not_in_domain"), (3, "date_invalid"),
                                                   (4, "blank_required")]


def test_launch_day_and_inpres_day_are_allowed(tmp_path):
    shutil.copytree(BASE, tmp_path / "d")
    p = tmp_path / "d" / "kampung_kb.csv"
    # the programme's first day, and an RW launched on the day Inpres 3/2022 was signed (not after it)
    p.write_text(p.read_text().replace("2016-03-01", "14/01/2016").replace("14/06/2021", "2022-05-20"))
    _, problems = validate_folder(tmp_path / "d", master=MASTER, today=TODAY)
    assert problems == []


def test_two_rw_kampung_kb_in_one_desa_are_fine(tmp_path):
    shutil.copytree(BASE, tmp_path / "d")
    for name, row in (("kampung_kb.csv", "KKB-005,Kampung KB Sembadak RW 2,16.10.05.2041,2019-08-17,RW,tidak,tidak,ya\n"),
                      ("kkbpk.csv", "KKB-005,2024-11,150,5,1,0,15,50,15,2,6,8,10,12,70,20\n")):
        (tmp_path / "d" / name).write_text((tmp_path / "d" / name).read_text() + row)
    _, problems = validate_folder(tmp_path / "d", master=MASTER, today=TODAY)
    assert [(p.code, p.row) for p in problems] == [("no_profil", 6)]


def test_today_defaults_to_the_real_date(tmp_path):
    shutil.copytree(BASE, tmp_path / "d")
    p = tmp_path / "d" / "kampung_kb.csv"
    p.write_text(p.read_text().replace("2024-05-12", "2099-01-01"))
    _, problems = validate_folder(tmp_path / "d", master=MASTER)
    assert [p.code for p in problems] == ["date_future"]


def test_check_tables_is_pure_and_reports_absent_tables_as_empty():
    tables, problems = check_tables({}, MASTER, today=TODAY)
    assert problems == []
    assert all(len(t) == 0 for t in tables.values())
    assert list(tables["kkbpk"].columns) == schema.KKBPK.names


# --- load_data --------------------------------------------------------------------------------

def test_load_data_baseline():
    ds = load_data(BASE, master=MASTER, today=TODAY)
    assert isinstance(ds, Dataset)
    assert ds.sumber == "Fixture uji validasi" and ds.sintetis is True
    assert ds.warnings == []
    assert list(ds.kampung_kb.columns) == schema.KAMPUNG_KB.names
    assert list(ds.profil.columns) == schema.PROFIL.names
    assert list(ds.kkbpk.columns) == schema.KKBPK.names
    assert list(ds.kampung_kb.index) == [0, 1, 2, 3]
    k = ds.kampung_kb
    assert k["kode_desa"].tolist() == ["16.10.05.2041", "16.10.05.2015", "17.71.01.1001", "17.71.01.1002"]
    assert k["tanggal_pencanangan"].tolist() == [pd.Timestamp(d) for d in
                                                 ("2016-03-01", "2021-06-14", "2023-02-10", "2024-05-12")]
    assert k["aktif"].tolist() == [True, True, True, False]
    assert str(k["aktif"].dtype) == "boolean" and str(k["tanggal_pencanangan"].dtype) == "datetime64[us]"
    assert str(ds.kkbpk["pus"].dtype) == "Int64"
    assert ds.kkbpk["pus"].sum() == 320 + 210 + 180 + 150
    assert ds.kkbpk["periode"].unique().tolist() == [pd.Timestamp("2024-11-01")]
    assert ds.profil["regulasi_tingkat"].isna().tolist() == [False, True, False, True]
    assert ds.profil["rumah_dataku_tanggal"].tolist()[:3] == [pd.Timestamp("2017-05-02"), pd.NaT,
                                                              pd.Timestamp("2023-03-15")]
    assert ds.desa_cantik["tahun"].tolist() == [2022, 2023]
    assert ds.master is MASTER


def test_checksum_is_sha256_of_the_table_files_in_schema_order():
    h = hashlib.sha256()
    for name in ("kampung_kb.csv", "profil.csv", "kkbpk.csv", "desa_cantik.csv"):
        data = (BASE / name).read_bytes()
        h.update(f"{name}\0{len(data)}\0".encode() + data)
    ds = load_data(BASE, master=MASTER, today=TODAY)
    assert ds.checksum == h.hexdigest() == data_checksum(BASE)
    assert ds.checksum_short == h.hexdigest()[:12]


def test_checksum_changes_with_one_byte(tmp_path):
    shutil.copytree(BASE, tmp_path / "d")
    p = tmp_path / "d" / "kkbpk.csv"
    p.write_text(p.read_text().replace(",150,90", ",150,91"))
    assert data_checksum(tmp_path / "d") != data_checksum(BASE)


def test_load_data_raises_with_every_problem():
    with pytest.raises(DataValidationError) as e:
        load_data(BROKEN / "kampung_kb_unknown", master=MASTER, today=TODAY)
    assert [(p.file, p.row, p.code) for p in e.value.problems] == [
        ("profil.csv", 6, "kampung_kb_unknown"), ("kkbpk.csv", 6, "kampung_kb_unknown")]
    assert str(e.value) == "2 kesalahan pada data:\n" + "\n".join(f"  {line}" for line in EXPECTED_ID["kampung_kb_unknown"])


def test_load_data_keeps_warnings_and_rows():
    ds = load_data(BROKEN / "desa_two_kampung_kb", master=MASTER, today=TODAY)
    assert len(ds.kampung_kb) == 5
    assert [(w.code, w.row) for w in ds.warnings] == [("desa_two_kampung_kb", 6)]


def test_load_data_without_desa_cantik_and_sumber(tmp_path):
    d = tmp_path / "data_kab"
    shutil.copytree(BASE, d)
    (d / "desa_cantik.csv").unlink()
    (d / "sumber.json").unlink()
    ds = load_data(d, master=MASTER, today=TODAY)
    assert len(ds.desa_cantik) == 0 and list(ds.desa_cantik.columns) == ["kode_desa", "tahun", "tanggal_pembentukan"]
    assert ds.sumber == "data_kab" and ds.sintetis is False


def test_load_data_xlsx_folder_equals_csv_folder(tmp_path, xlsx_engine):
    from openpyxl import Workbook

    d = tmp_path / "x"
    d.mkdir()
    for name in ("kampung_kb", "profil", "kkbpk"):
        wb = Workbook()
        for line in (BASE / f"{name}.csv").read_text().splitlines():
            wb.active.append(line.split(","))
        wb.save(d / f"{name}.xlsx")
    a = load_data(BASE, master=MASTER, today=TODAY)
    b = load_data(d, master=MASTER, today=TODAY)
    for name in ("kampung_kb", "profil", "kkbpk"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_bad_master_argument():
    with pytest.raises(MasterError):
        load_data(BASE, master=pd.DataFrame({"x": [1]}))


# --- a larger synthetic folder: the vectorised paths agree with the per-row expectation ---------

def synthetic_folder(out: Path, n: int, seed: int = 7) -> list[tuple[int, str]]:
    """n Kampung KB over the tiny master's desa (RW-level, so sharing a desa is fine), with a few
    injected errors; returns the (row, code) pairs a correct validator must report for kkbpk."""
    rng = np.random.default_rng(seed)
    desa = np.array(["16.10.05.2041", "1610052015", "17.71.01.1001", "1771011002"])
    ids = np.array([f"K{i:06d}" for i in range(n)])
    launch = pd.Timestamp("2016-01-14") + pd.to_timedelta(rng.integers(0, 2000, n), unit="D")
    pd.DataFrame({"ID Kampung KB": ids, "Nama Kampung KB": [f"Kampung KB {i}" for i in range(n)],
                  "Kode Desa/Kelurahan": desa[rng.integers(0, 4, n)],
                  "Tgl Pencanangan": launch.strftime("%d/%m/%Y"), "Cakupan": rng.choice(["rw", "Dusun"], n),
                  "Contoh Kab": "Y", "Contoh Prov": "T", "Status Aktif": "Ya"}).to_csv(out / "kampung_kb.csv", index=False, sep=";")
    prof = {"kampung_kb_id": ids}
    for c in schema.PROFIL.columns[1:]:
        if c.name == "periode":  # an export without history: no periode column at all
            continue
        prof[c.name] = {"bool": "tidak", "int": "0"}.get(c.kind, "")
    prof["rumah_dataku"], prof["klasifikasi"] = "tidak", "Dasar"
    pd.DataFrame(prof).to_csv(out / "profil.csv", index=False)
    k = {"kampung_kb_id": ids, "periode": "2024-11", "pus": rng.integers(100, 200, n)}
    for m in schema.METODE_KB:
        k[f"kb_{m}"] = rng.integers(0, 10, n)
    for r in schema.ALASAN_TIDAK_KB:
        k[f"tkb_{r}"] = rng.integers(0, 5, n)
    k["keluarga_poktan"], k["peserta_poktan"] = 50, 10
    kk = pd.DataFrame(k)
    bad_rows = sorted(rng.choice(n, 5, replace=False))
    kk.loc[bad_rows[0], "pus"] = 1  # users exceed PUS
    kk["pus"] = kk["pus"].astype(str)
    kk.loc[bad_rows[1], "pus"] = "sepuluh"
    kk.loc[bad_rows[2], "kb_pil"] = -1
    kk.to_csv(out / "kkbpk.csv", index=False)
    return [(int(bad_rows[0]) + 2, "peserta_kb_gt_pus"), (int(bad_rows[1]) + 2, "count_not_integer"),
            (int(bad_rows[2]) + 2, "count_negative")]


def test_synthetic_folder_of_5000_rows(tmp_path):
    expected = synthetic_folder(tmp_path, 5000)
    tables, problems = validate_folder(tmp_path, master=MASTER, today=TODAY)
    assert {n: len(t) for n, t in tables.items()} == {"kampung_kb": 5000, "profil": 5000, "kkbpk": 5000,
                                                      "desa_cantik": 0}
    assert sorted((p.row, p.code) for p in problems) == sorted(expected)
    kkb = tables["kampung_kb"]
    assert set(kkb["cakupan_wilayah"]) == {"RW", "Dusun"}
    assert set(kkb["kode_desa"]) == {"16.10.05.2041", "16.10.05.2015", "17.71.01.1001", "17.71.01.1002"}
    assert kkb["contoh_kabupaten"].all() and not kkb["contoh_provinsi"].any()


# --- CLI ----------------------------------------------------------------------------------------

@pytest.fixture
def master_csv(tmp_path) -> Path:
    p = tmp_path / "master.csv"
    p.write_text("kode,nama\n" + "".join(f"{r[0]},{r[1].upper()}\n" for r in _ROWS))
    return p


def test_cli_validate_ok(master_csv):
    res = CliRunner().invoke(main, ["validate", "--data", str(BASE), "--master", str(master_csv)])
    assert res.exit_code == 0, res.output
    out = res.output.splitlines()
    assert out[0].startswith(f"Sumber: Fixture uji validasi · Data contoh (sintetis) · {BASE} · sha256 "
                             f"{data_checksum(BASE)[:12]}")
    assert out[1] == "Ringkasan: kampung_kb 4 baris, profil 4 baris, kkbpk 4 baris, desa_cantik 2 baris"
    assert out[2].startswith("0 kesalahan, 0 peringatan (")
    assert out[3] == f"Master wilayah: {master_csv}"  # the user's own master, named as given
    assert out[4] == "Data siap dipakai."


def test_cli_validate_errors_exit_1(master_csv):
    res = CliRunner().invoke(main, ["validate", "--data", str(BROKEN / "kampung_kb_unknown"),
                                    "--master", str(master_csv)])
    assert res.exit_code == 1
    out = res.output.splitlines()
    assert out[:2] == EXPECTED_ID["kampung_kb_unknown"]
    assert out[2] == ""
    assert out[4] == "Ringkasan: kampung_kb 4 baris, profil 5 baris, kkbpk 5 baris, desa_cantik 2 baris"
    assert out[5].startswith("2 kesalahan, 0 peringatan")
    assert out[6] == f"Master wilayah: {master_csv}"
    assert out[7] == "Perbaiki kesalahan di atas lalu jalankan lagi."


def test_cli_validate_warnings_only_exit_0_english(master_csv):
    res = CliRunner().invoke(main, ["validate", "--data", str(BROKEN / "no_profil"), "--master", str(master_csv),
                                    "--lang", "en"])
    assert res.exit_code == 0
    out = res.output.splitlines()
    assert out[0] == "kampung_kb.csv, row 5, column id: [KKB-004] Kampung KB 'KKB-004' has no row in profil.csv"
    assert out[3] == "Summary: kampung_kb 4 rows, profil 3 rows, kkbpk 4 rows, desa_cantik 2 rows"
    assert out[4].startswith("0 errors, 1 warning (")  # real plurals: 1 warning, 2 warnings


def test_cli_validate_bad_master_is_a_clear_error(tmp_path):
    bad = tmp_path / "m.csv"
    bad.write_text("kode,nama\n99.99.99.9,X\n")
    res = CliRunner().invoke(main, ["validate", "--data", str(BASE), "--master", str(bad)])
    assert res.exit_code != 0
    assert "m.csv" in res.output and "Traceback" not in res.output


# --- never a confident wrong briefing ---------------------------------------------------------

def _edit(folder: Path, name: str, old: str, new: str) -> None:
    p = folder / name
    text = p.read_text()
    assert text.count(old) == 1, old
    p.write_text(text.replace(old, new))


def test_an_empty_required_table_stops_load_data():
    with pytest.raises(DataValidationError) as e:
        load_data(BROKEN / "table_empty_profil", master=MASTER, today=TODAY)
    assert [(p.file, p.row, p.code) for p in e.value.problems] == [("profil.csv", None, "table_empty")]


def test_an_empty_desa_cantik_is_allowed(tmp_path):
    shutil.copytree(BASE, tmp_path / "d")
    (tmp_path / "d" / "desa_cantik.csv").write_text("kode_desa,tahun\n")
    tables, problems = validate_folder(tmp_path / "d", master=MASTER, today=TODAY)
    assert problems == [] and len(tables["desa_cantik"]) == 0


def test_a_trillion_pus_stops_load_data():
    with pytest.raises(DataValidationError) as e:
        load_data(BROKEN / "count_above_bound", master=MASTER, today=TODAY)
    assert [(p.row, p.column, p.value, p.code) for p in e.value.problems] == [
        (3, "pus", "1000000000000", "count_above_bound")]


@pytest.mark.parametrize("pus, expected", [
    ("50000", []),  # the bound itself is allowed
    ("50001", ["kkbpk.csv, baris 2, kolom pus: [50001] angka 50.001 melebihi batas wajar 50.000 untuk kolom pus; "
               "periksa salah ketik, atau angka yang merupakan jumlah beberapa wilayah"]),
    # 20 digits cannot be parsed at all, but it is a count far too large, not "not a whole number"
    ("99999999999999999999", ["kkbpk.csv, baris 2, kolom pus: [99999999999999999999] angka 99999999999999999999 "
                              "melebihi batas wajar 50.000 untuk kolom pus; periksa salah ketik, atau angka yang "
                              "merupakan jumlah beberapa wilayah"]),
])
def test_pus_bound(tmp_path, pus, expected):
    shutil.copytree(BASE, tmp_path / "d")
    _edit(tmp_path / "d", "kkbpk.csv", "KKB-001,2024-11,320,", f"KKB-001,2024-11,{pus},")
    _, problems = validate_folder(tmp_path / "d", master=MASTER, today=TODAY)
    assert [format_problem(p) for p in problems] == expected


def test_a_count_out_of_bounds_gives_one_message_not_two(tmp_path):
    # KKB-004: kb_suntik 60,000 is above its bound and makes users exceed PUS (150): only the bound is said
    shutil.copytree(BASE, tmp_path / "d")
    _edit(tmp_path / "d", "kkbpk.csv", "KKB-004,2024-11,150,5,1,0,15,50,", "KKB-004,2024-11,150,5,1,0,15,60000,")
    _, problems = validate_folder(tmp_path / "d", master=MASTER, today=TODAY)
    assert [(p.row, p.column, p.code) for p in problems] == [(5, "kb_suntik", "count_above_bound")]


def test_every_bound_is_documented():
    text = (Path(__file__).resolve().parents[2] / "docs" / "data-model.md").read_text(encoding="utf-8")
    rows = [line for line in text.split("### Plausibility bounds", 1)[1].splitlines() if line.startswith("| `")]
    for table in schema.TABLES.values():
        for col in table.columns:
            said = [f"at most {col.max_value:,}" if col.max_value is not None else None,
                    f"at least {col.min_value}" if col.min_value is not None else None]
            for bound in filter(None, said):
                name = f"`{col.name}`" if not col.name.startswith(("kb_", "tkb_")) else f"every `{col.name[:col.name.index('_') + 1]}*`"
                assert any(name in row and bound in row for row in rows), (col.name, bound)


def _two_desa_wide(folder: Path, second_launch: str) -> None:
    """KKB-002 made desa-wide (14 June 2021), and KKB-005 desa-wide in the same desa (Aurstanding)."""
    shutil.copytree(BASE, folder)
    _edit(folder, "kampung_kb.csv", "14/06/2021,Dusun,", "14/06/2021,Desa,")
    for name, row in (("kampung_kb.csv", f"KKB-005,Kampung KB Aurstanding II,1610052015,{second_launch},Desa,tidak,tidak,ya\n"),
                      ("kkbpk.csv", "KKB-005,2024-11,150,5,1,0,15,50,15,2,6,8,10,12,70,20\n"),
                      ("profil.csv", (folder / "profil.csv").read_text().splitlines()[-1].replace("KKB-004", "KKB-005") + "\n")):
        (folder / name).write_text((folder / name).read_text() + row)


def test_second_desa_wide_kampung_kb_on_the_day_of_inpres_is_an_error(tmp_path):
    _two_desa_wide(tmp_path / "d", "2022-05-20")
    _, problems = validate_folder(tmp_path / "d", master=MASTER, today=TODAY)
    assert [format_problem(p) for p in problems] == [
        "kampung_kb.csv, baris 6, kolom kode_desa: [1610052015] desa 16.10.05.2015 (Aurstanding) sudah punya Kampung "
        "KB berskala Desa di baris 3; sejak Inpres 3/2022 (20 Mei 2022) satu desa/kelurahan hanya punya satu Kampung "
        "KB berskala Desa, dan salah satunya dicanangkan 20 Mei 2022"]
    with pytest.raises(DataValidationError):  # neither is counted
        load_data(tmp_path / "d", master=MASTER, today=TODAY)


def test_two_desa_wide_kampung_kb_both_before_inpres_stay_a_warning(tmp_path):
    _two_desa_wide(tmp_path / "d", "2022-05-19")
    _, problems = validate_folder(tmp_path / "d", master=MASTER, today=TODAY)
    assert [(p.row, p.code, p.severity) for p in problems] == [(6, "desa_two_kampung_kb", "warning")]


def test_a_symlink_to_a_system_file_is_refused_and_never_echoed(tmp_path, master_csv):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:rahasia:/root:/bin/bash\n")
    d = tmp_path / "d"
    shutil.copytree(BASE, d)
    (d / "kampung_kb.csv").unlink()
    (d / "kampung_kb.csv").symlink_to(secret)
    (d / "sumber.json").unlink()
    (d / "sumber.json").symlink_to(secret)
    _, problems = validate_folder(d, master=MASTER, today=TODAY)
    assert [(p.file, p.code) for p in problems] == [("sumber.json", "file_symlink"), ("kampung_kb.csv", "file_symlink")]
    res = CliRunner().invoke(main, ["validate", "--data", str(d), "--master", str(master_csv)])
    assert res.exit_code == 1 and "rahasia" not in res.output and "root:x" not in res.output
    assert res.output.splitlines()[1] == EXPECTED_ID["file_symlink"][0]


def test_a_broken_symlink_is_named_as_a_link_not_as_missing(tmp_path):
    d = tmp_path / "d"
    shutil.copytree(BASE, d)
    (d / "kkbpk.csv").unlink()
    (d / "kkbpk.csv").symlink_to(tmp_path / "tidak_ada.csv")
    _, problems = validate_folder(d, master=MASTER, today=TODAY)
    assert [(p.file, p.code) for p in problems] == [("kkbpk.csv", "file_symlink")]


# --- capped message lists -----------------------------------------------------------------------

@pytest.fixture
def many_unknown_codes(tmp_path) -> Path:
    """BASE with 3,066 Desa Cantik whose codes (17.71.01.5000 …) are not in the master: 3,066 errors."""
    d = tmp_path / "d"
    shutil.copytree(BASE, d)
    (d / "desa_cantik.csv").write_text("kode_desa,tahun\n" + "".join(f"17.71.01.{5000 + i},2023\n" for i in range(3066)))
    return d


def _unknown(i: int, lang: str = "id") -> str:
    kode = f"17.71.01.{5000 + i}"
    if lang == "en":
        return f"desa_cantik.csv, row {i + 2}, column kode_desa: [{kode}] desa code '{kode}' is not in the Kemendagri region master"
    return f"desa_cantik.csv, baris {i + 2}, kolom kode_desa: [{kode}] kode desa '{kode}' tidak ada dalam master wilayah Kemendagri"


def test_cli_prints_20_lines_per_rule_then_a_count(many_unknown_codes, master_csv):
    res = CliRunner().invoke(main, ["validate", "--data", str(many_unknown_codes), "--master", str(master_csv)])
    assert res.exit_code == 1
    out = res.output.splitlines()
    assert out[:20] == [_unknown(i) for i in range(20)]
    assert out[20] == "… dan 3.046 lagi (kode_unknown)"
    assert out[21] == ("Daftar di atas dipotong: paling banyak 20 baris per aturan. Tampilkan semuanya dengan --semua, "
                       "atau tulis ke file dengan --ke FILE.")
    assert out[25].startswith("3.066 kesalahan, 0 peringatan")
    assert len(out) == 28  # … the master line, then "Perbaiki kesalahan …"


def test_cli_english_count(many_unknown_codes, master_csv):
    res = CliRunner().invoke(main, ["validate", "--data", str(many_unknown_codes), "--master", str(master_csv),
                                    "--lang", "en"])
    out = res.output.splitlines()
    assert out[19] == _unknown(19, "en") and out[20] == "… and 3,046 more (kode_unknown)"
    assert out[25].startswith("3,066 errors, 0 warnings")


def test_cli_semua_prints_every_line(many_unknown_codes, master_csv):
    res = CliRunner().invoke(main, ["validate", "--data", str(many_unknown_codes), "--master", str(master_csv), "--semua"])
    out = res.output.splitlines()
    assert out[:3066] == [_unknown(i) for i in range(3066)]
    assert out[3066] == "" and len(out) == 3066 + 6


def test_cli_ke_writes_the_full_list(many_unknown_codes, master_csv, tmp_path):
    target = tmp_path / "masalah.txt"
    res = CliRunner().invoke(main, ["validate", "--data", str(many_unknown_codes), "--master", str(master_csv),
                                    "--ke", str(target)])
    out = res.output.splitlines()
    assert out[20] == "… dan 3.046 lagi (kode_unknown)"  # the screen keeps the cut list
    assert out[-1] == f"Daftar lengkap (3.066 masalah) ditulis ke {target}."
    written = target.read_text(encoding="utf-8").splitlines()
    assert written[:3066] == [_unknown(i) for i in range(3066)]
    assert written[3066] == "" and written[-1] == "Perbaiki kesalahan di atas lalu jalankan lagi."


def test_cli_help_documents_semua_and_ke():
    res = CliRunner().invoke(main, ["validate", "--help"])
    text = " ".join(res.output.split())  # click wraps the help text
    assert "--semua Tampilkan semua masalah. Tanpa ini paling banyak 20 baris per aturan" in text
    assert "--ke BERKAS Tulis daftar lengkap semua masalah" in text


def test_data_validation_error_message_is_capped_and_in_the_users_language(many_unknown_codes):
    with pytest.raises(DataValidationError) as e:
        load_data(many_unknown_codes, master=MASTER, today=TODAY)
    text = str(e.value).splitlines()
    assert text[0] == "3.066 kesalahan pada data:"
    assert text[1:21] == [f"  {_unknown(i)}" for i in range(20)]
    assert text[21:] == ["  … dan 3.046 lagi (kode_unknown)"]
    assert len(e.value.problems) == 3066
    with pytest.raises(DataValidationError) as e:
        load_data(many_unknown_codes, master=MASTER, today=TODAY, lang="en")
    assert str(e.value).splitlines()[0] == "3,066 errors in the data:"


def test_cli_ke_never_overwrites_a_data_file(tmp_path, master_csv):
    d = tmp_path / "d"
    shutil.copytree(BASE, d)
    before = (d / "kkbpk.csv").read_bytes()
    res = CliRunner().invoke(main, ["validate", "--data", str(d), "--master", str(master_csv), "--ke", str(d / "kkbpk.csv")])
    assert res.exit_code == 1 and f"--ke {d / 'kkbpk.csv'}: itu file data; pilih nama file lain" in res.output
    assert (d / "kkbpk.csv").read_bytes() == before


def test_profil_periode_in_every_row_or_none(tmp_path):
    # one row with a period and three without: three blank_required; all blank: an export without history
    import pandas as pd

    d = tmp_path / "hist"
    shutil.copytree(BASE, d)
    prof = pd.read_csv(BASE / "profil.csv", dtype=str, keep_default_na=False)
    prof.insert(1, "periode", ["2024-05", "", "", ""])
    prof.to_csv(d / "profil.csv", index=False)
    _, problems = validate_folder(d, master=MASTER, today=TODAY)
    assert [(p.code, p.row) for p in problems] == [("blank_required", 3), ("blank_required", 4), ("blank_required", 5)]
    prof["periode"] = ""
    prof.to_csv(d / "profil.csv", index=False)
    _, problems = validate_folder(d, master=MASTER, today=TODAY)
    assert problems == []
