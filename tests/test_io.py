"""Reading tables: headings, separators, encodings, XLSX cells, and the per-kind parsers."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from kbreport import schema
from kbreport.exceptions import DataValidationError
from kbreport.io import (accepted_headings, heading_key, heading_map, parse_bool, parse_category, parse_code,
                         parse_column, parse_date, parse_int, parse_month, read_raw, read_table)

DOC = Path(__file__).resolve().parents[1] / "docs" / "data-model.md"
KKB_HEAD = "id,nama,kode_desa,tanggal_pencanangan,cakupan_wilayah,contoh_kabupaten,contoh_provinsi,aktif"


def S(*values) -> pd.Series:
    return pd.Series(list(values), dtype="str")


# --- headings ---------------------------------------------------------------------------------

@pytest.mark.parametrize("heading", ["tanggal_pencanangan", "Tanggal Pencanangan", "TANGGAL-PENCANANGAN",
                                     "tanggal.pencanangan", " Tgl Pencanangan ", "tgl_pencanangan",
                                     "Tanggal Dicanangkan", "\ufefftanggal_pencanangan"])
def test_heading_variants_map_to_the_canonical_name(heading):
    assert heading_map(schema.KAMPUNG_KB)[heading_key(heading)] == "tanggal_pencanangan"


@pytest.mark.parametrize("table, heading, name", [
    ("kampung_kb", "Kode Desa/Kelurahan", "kode_desa"),
    ("kampung_kb", "KD_DESA", "kode_desa"),
    ("profil", "PIK-R", "poktan_pikr"),
    ("profil", "Poktan BKB", "poktan_bkb"),
    ("profil", "Dana Desa", "dana_dana_desa"),
    ("profil", "Sumber Dana APBN", "dana_apbn"),
    ("profil", "PKB/PLKB Pendamping", "plkb_pendamping"),
    ("profil", "Status Rumah DataKu", "rumah_dataku"),
    ("kkbpk", "Jml PUS", "pus"),
    ("kkbpk", "Implan", "kb_implan"),
    ("kkbpk", "PUS tidak KB IAT", "tkb_iat"),
    ("desa_cantik", "Tahun Pembentukan", "tahun"),
])
def test_common_spellings(table, heading, name):
    assert heading_map(schema.TABLES[table])[heading_key(heading)] == name


def test_every_schema_alias_means_its_own_column():
    for table in schema.TABLES.values():
        hmap = heading_map(table)
        for col in table.columns:
            for h in (col.name, *col.aliases):
                assert hmap[heading_key(h)] == col.name, (table.name, h)


def test_accepted_headings_start_with_the_name():
    col = schema.PROFIL.column("poktan_bkb")
    assert accepted_headings(col)[:2] == ["poktan_bkb", "bkb"]


# --- reading files ------------------------------------------------------------------------------

def test_csv_semicolon_bom_aliases_and_spreadsheet_rows(tmp_path):
    p = tmp_path / "kampung_kb.csv"
    text = ("ID Kampung KB;Nama Kampung KB;Kode Desa/Kelurahan;Tgl Pencanangan;Cakupan;Contoh Kab;Contoh Prov;Status\n"
            "A1;Kampung KB Sembadak; 1610052041 ;14/01/2016;rw;Y;T;Ya\n"
            ";;;;;;;\n"
            "\n"
            "A2;Kampung KB Pagar Dewa;17.71.01.1001;2023-02-10;DESA;tidak;tidak;1\n")
    p.write_bytes("\ufeff".encode() + text.encode("utf-8"))
    df = read_table(p, schema.KAMPUNG_KB)
    assert list(df.columns) == schema.KAMPUNG_KB.names
    assert list(df.index) == [2, 5]  # blank lines are skipped, row numbers kept
    assert df.loc[2, "kode_desa"] == "1610052041"  # text as written, stripped
    assert df.loc[5, "cakupan_wilayah"] == "DESA"


def test_csv_unknown_and_missing_columns(tmp_path):
    p = tmp_path / "desa_cantik.csv"
    p.write_text("No,kode_desa,keterangan\n1,16.10.05.2041,x\n")  # "No" is a row number: ignored quietly
    raw = read_raw(p, schema.DESA_CANTIK)
    assert [(x.code, x.severity, x.column) for x in raw.problems] == [
        ("column_unknown", "warning", "keterangan"), ("column_missing", "error", "tahun")]
    with pytest.raises(DataValidationError) as e:
        read_table(p, schema.DESA_CANTIK)
    assert [x.code for x in e.value.errors] == ["column_missing"]


def test_utf16_tab_separated_as_excel_unicode_text(tmp_path):
    p = tmp_path / "desa_cantik.csv"
    p.write_bytes("kode_desa\ttahun\r\n16.10.05.2041\t2022\r\n".encode("utf-16"))
    df = read_table(p, schema.DESA_CANTIK)
    assert df.to_dict("records") == [{"kode_desa": "16.10.05.2041", "tahun": "2022"}]


def test_xlsx_cells_become_the_text_a_csv_would_hold(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(KKB_HEAD.split(","))
    ws.append(["A1", "Kampung KB Sembadak", 1610052041, datetime(2016, 1, 14), "RW", True, False, 1])
    ws.append(["A2", "Kampung KB Aurstanding", 1610052015.0, datetime(2021, 6, 14, 9, 30), "Dusun", "ya", "tidak", 0.0])
    p = tmp_path / "kampung_kb.xlsx"
    wb.save(p)
    df = read_table(p, schema.KAMPUNG_KB)
    assert df.loc[2].tolist() == ["A1", "Kampung KB Sembadak", "1610052041", "2016-01-14", "RW", "true", "false", "1"]
    assert df.loc[3, "kode_desa"] == "1610052015"
    assert df.loc[3, "tanggal_pencanangan"] == "2021-06-14 09:30:00"
    vals, bad = parse_date(df["tanggal_pencanangan"])
    assert vals.tolist() == [pd.Timestamp("2016-01-14"), pd.Timestamp("2021-06-14")] and not bad.any()


def test_xlsx_prefers_the_sheet_named_like_the_table(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Petunjuk"
    wb.active.append(["Isi lembar desa_cantik"])
    ws = wb.create_sheet("Desa Cantik")
    ws.append(["kode_desa", "tahun"])
    ws.append(["17.71.01.1001", 2023])
    p = tmp_path / "desa_cantik.xlsx"
    wb.save(p)
    assert read_table(p, schema.DESA_CANTIK).to_dict("records") == [{"kode_desa": "17.71.01.1001", "tahun": "2023"}]


def test_unreadable_csv_reasons(tmp_path):
    p = tmp_path / "profil.csv"
    p.write_bytes(b"")
    assert [x.message for x in read_raw(p, schema.PROFIL).problems] == ["file tidak dapat dibaca: file kosong"]
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert [x.message for x in read_raw(p, schema.PROFIL, lang="en").problems] == [
        "file cannot be read: old Excel format (.xls); save it again as .xlsx or CSV"]


# --- parsers -----------------------------------------------------------------------------------

def test_parse_code():
    vals, bad = parse_code(S("16.10.05.2041", "1610052041", "1610052041.0", "", "16.10.5.2041", "16.10.05",
                             "16-10-05-2041", "abc"))
    assert vals.tolist()[:3] == ["16.10.05.2041"] * 3
    assert pd.isna(vals[3]) and not bad[3]  # blank is not "malformed" (required-ness is checked elsewhere)
    assert bad.tolist() == [False, False, False, False, True, True, True, True]


def test_parse_date_forms():
    vals, bad = parse_date(S("2016-01-14", "14/01/2016", "14-1-2016", "14.01.2016", "14 Januari 2016",
                             "14 Jan 2016", "42383", "2016/01/14", ""))
    assert vals.iloc[:8].tolist() == [pd.Timestamp("2016-01-14")] * 8  # 42383 = Excel day of 14 Jan 2016
    assert pd.isna(vals.iloc[8]) and not bad.any()


def test_parse_date_is_day_first_and_rejects_impossible_days():
    vals, bad = parse_date(S("03/04/2020", "31/02/2020", "2020-13-01", "kemarin", "12345"))
    assert vals[0] == pd.Timestamp("2020-04-03")  # 3 April: Indonesian order
    assert bad.tolist() == [False, True, True, True, True]


def test_parse_month():
    vals, bad = parse_month(S("2024-06", "06/2024", "6/2024", "Juni 2024", "June 2024", "2024-06-15", "15/06/2024",
                              "2024-13", "Q2 2024"))
    assert vals.iloc[:7].tolist() == [pd.Timestamp("2024-06-01")] * 7
    assert bad.tolist() == [False] * 7 + [True, True]


def test_parse_bool():
    yes = ("ya", "Y", "yes", "TRUE", "1", "ada", "Iya", "1.0")
    no = ("tidak", "t", "No", "false", "0", "Tidak Ada", "tidak_ada", "0.0")
    vals, bad = parse_bool(S(*yes, *no, "", "mungkin"))
    assert vals.iloc[:8].tolist() == [True] * 8
    assert vals.iloc[8:16].tolist() == [False] * 8
    assert pd.isna(vals.iloc[16]) and pd.isna(vals.iloc[17])
    assert bad.tolist() == [False] * 17 + [True]


def test_parse_int():
    vals, bad = parse_int(S("12", "12.0", "+3", "-3", "", "1.000", "2.5", "1,000", "dua"))
    assert vals.iloc[:4].tolist() == [12, 12, 3, -3]  # negatives parse; validation reports them
    assert str(vals.dtype) == "Int64"
    assert bad.tolist() == [False] * 5 + [True] * 4


def test_parse_category_case_and_synonyms():
    col = schema.KAMPUNG_KB.column("cakupan_wilayah")
    vals, bad = parse_category(S("rw", "DUSUN", " Desa ", "Desa/Kelurahan", "Kecamatan"), col)
    assert vals.iloc[:4].tolist() == ["RW", "Dusun", "Desa", "Desa"]
    assert bad.tolist() == [False] * 4 + [True]
    reg = schema.PROFIL.column("regulasi_tingkat")
    vals, _ = parse_category(S("Bupati/Walikota", "Bupati / Wali Kota", "Kepala Desa", "GUBERNUR"), reg)
    assert vals.tolist() == ["bupati/walikota", "bupati/walikota", "kepala desa/lurah", "gubernur"]
    kl = schema.PROFIL.column("klasifikasi")
    assert parse_category(S("paripurna", "MANDIRI"), kl)[0].tolist() == ["Berkelanjutan", "Mandiri"]


def test_parse_column_on_repeated_values_matches_element_wise():
    # parse_column parses each distinct value once; the result must equal the direct parse
    s = S(*(["ya", "tidak", "x", ""] * 50))
    col = schema.KAMPUNG_KB.column("aktif")
    a, abad = parse_column(s, col)
    b, bbad = parse_bool(s)
    pd.testing.assert_series_equal(a, b, check_names=False)
    assert abad.tolist() == bbad.tolist()


# --- docs -----------------------------------------------------------------------------------------

def test_data_model_doc_mentions_every_table_column_and_rule():
    from kbreport.messages import MESSAGES

    text = DOC.read_text(encoding="utf-8")
    words = set(re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S)))
    for table in schema.TABLES.values():
        assert table.name in words, table.name
        for col in table.columns:
            assert col.name in words, f"{table.name}.{col.name} not documented"
            for v in col.domain:
                assert v in text, v
    for code in MESSAGES:
        assert code in words, f"rule {code} not documented"
