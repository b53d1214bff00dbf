"""Reading tables: headings, separators, encodings, XLSX cells, and the per-kind parsers."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from kbreport.ingest import schema
from kbreport.errors import DataValidationError
from kbreport.ingest.readers import (accepted_headings, heading_key, heading_map, parse_bool, parse_category, parse_code,
                         parse_column, parse_date, parse_int, parse_month, read_raw, read_table)

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-model.md"
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
    # the optional tanggal_nonaktif is not in this file, so it is not read
    assert list(df.columns) == [n for n in schema.KAMPUNG_KB.names if n != "tanggal_nonaktif"]
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


def test_xlsx_cells_become_the_text_a_csv_would_hold(tmp_path, xlsx_engine):
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


def test_xlsx_prefers_the_sheet_named_like_the_table(tmp_path, xlsx_engine):
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
    from kbreport.text.messages import MESSAGES

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


# --- structure: found first, reported as what it is, and the table is not read further ------------

def _kkb_rows(n: int) -> list[str]:
    return [f"KKB-{i:04d},Kampung KB {i},16.10.05.2041,2019-01-01,RW,tidak,tidak,ya" for i in range(1, n + 1)]


def _codes_and_messages(raw) -> list[tuple[str, str]]:
    return [(p.code, p.message) for p in raw.problems]


def test_an_unbalanced_quote_is_named_with_its_line_not_as_empty_cells(tmp_path):
    rows = _kkb_rows(1600)
    rows[5] = rows[5].replace("Kampung KB 6", '"Kampung KB 6')  # line 7: opens a quote …
    rows[1535] = rows[1535].replace("Kampung KB 1536", 'Kampung KB 1536"')  # … closed by a stray one on line 1537
    p = tmp_path / "kampung_kb.csv"
    p.write_text(KKB_HEAD + "\n" + "\n".join(rows) + "\n")
    raw = read_raw(p, schema.KAMPUNG_KB)
    # lines 8 … 1537 (1,530 of them) were swallowed into one cell
    assert _codes_and_messages(raw) == [("quote_unbalanced", "tanda kutip tidak seimbang: tanda kutip (\") yang dibuka "
                                         "di baris 7 tidak ditutup, sehingga 1.530 baris sesudahnya terbaca sebagai "
                                         "isi satu sel; hapus tanda kutip itu atau tambahkan pasangannya")]
    assert raw.frame is None


def test_a_quoted_line_break_inside_a_name_is_fine(tmp_path):
    p = tmp_path / "kampung_kb.csv"
    p.write_text(KKB_HEAD + '\nA1,"Kampung KB Maju, Jaya\nRW 03",16.10.05.2041,2019-01-01,RW,tidak,tidak,ya\n'
                 + "\n".join(_kkb_rows(3)) + "\n")
    raw = read_raw(p, schema.KAMPUNG_KB)
    assert raw.problems == []
    assert raw.frame.loc[2, "nama"] == "Kampung KB Maju, Jaya\nRW 03" and len(raw.frame) == 4


@pytest.mark.parametrize("head_sep, row_sep, expected", [
    (",", ";", "pemisah kolom tidak sama: judul kolom dipisah dengan koma (,), tetapi baris data dipisah dengan "
               "titik koma (;); simpan ulang file dengan satu pemisah saja"),
    ("\t", ",", "pemisah kolom tidak sama: judul kolom dipisah dengan tab, tetapi baris data dipisah dengan koma (,); "
                "simpan ulang file dengan satu pemisah saja"),
])
def test_a_wrong_separator_is_one_message_naming_it(tmp_path, head_sep, row_sep, expected):
    # 1,000 rows: read as they are they would give 7,000 "sel kosong"
    p = tmp_path / "kampung_kb.csv"
    p.write_text(KKB_HEAD.replace(",", head_sep) + "\n" + "\n".join(r.replace(",", row_sep) for r in _kkb_rows(1000)) + "\n")
    raw = read_raw(p, schema.KAMPUNG_KB)
    assert _codes_and_messages(raw) == [("delimiter_mismatch", expected)]


def test_mixed_separators_say_how_many_rows_of_each(tmp_path):
    rows = _kkb_rows(1000)
    rows[700:] = [r.replace(",", ";") for r in rows[700:]]  # rows 702 … 1001 by semicolons
    p = tmp_path / "kampung_kb.csv"
    p.write_text(KKB_HEAD + "\n" + "\n".join(rows) + "\n")
    assert _codes_and_messages(read_raw(p, schema.KAMPUNG_KB)) == [(
        "delimiter_mixed", "pemisah kolom bercampur: 700 baris data dipisah dengan koma (,) seperti judul kolom, "
                           "tetapi 300 baris dipisah dengan titik koma (;) (yang pertama baris 702); simpan ulang file "
                           "dengan satu pemisah saja")]


def test_separators_inside_quoted_names_are_not_a_mix(tmp_path):
    p = tmp_path / "kampung_kb.csv"
    p.write_text(KKB_HEAD.replace(",", ";") + "\nA1;\"Kampung KB Maju, Jaya, Sejahtera, Makmur, Lestari, Damai, Rukun\";"
                 "16.10.05.2041;2019-01-01;RW;tidak;tidak;ya\n")
    raw = read_raw(p, schema.KAMPUNG_KB)
    assert raw.problems == [] and raw.frame.loc[2, "cakupan_wilayah"] == "RW"


@pytest.mark.parametrize("title", ["Data Kampung KB Kabupaten Ogan Ilir\n\n", "Laporan, Kab. Ogan Ilir\n;;\n"])
def test_csv_headings_under_title_rows(tmp_path, title):
    p = tmp_path / "kampung_kb.csv"
    p.write_text(title + KKB_HEAD.replace(",", ";") + "\n" + "\n".join(r.replace(",", ";") for r in _kkb_rows(5)) + "\n")
    assert _codes_and_messages(read_raw(p, schema.KAMPUNG_KB)) == [(
        "header_not_first_row", "judul kolom tidak di baris pertama; tampaknya di baris 3. Hapus baris di atasnya "
                                "(judul laporan, baris kosong) supaya judul kolom ada di baris 1")]


def test_xlsx_headings_under_title_rows_in_english(tmp_path, xlsx_engine):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Data Kampung KB"])
    ws.append([])
    ws.append([])
    ws.append(["kode_desa", "tahun"])
    ws.append(["16.10.05.2041", 2022])
    p = tmp_path / "desa_cantik.xlsx"
    wb.save(p)
    assert [p.message for p in read_raw(p, schema.DESA_CANTIK, lang="en").problems] == [
        "the headings are not in the first row; they seem to be in row 4. Delete the rows above them (report title, "
        "blank rows) so that the headings are in row 1"]


def test_the_headings_of_another_table(tmp_path):
    p = tmp_path / "desa_cantik.csv"
    p.write_text(KKB_HEAD + "\n" + _kkb_rows(1)[0] + "\n")
    assert [x.code for x in read_raw(p, schema.DESA_CANTIK).problems] == ["file_wrong_table"]


# --- bounded reading ------------------------------------------------------------------------------

BASE = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / "_baseline"


def test_a_table_file_above_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import kbreport.ingest.bounds as kio

    size = (BASE / "kampung_kb.csv").stat().st_size
    monkeypatch.setattr(kio, "MAX_CSV_BYTES", 100)
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("the file was opened"))
    raw = read_raw(BASE / "kampung_kb.csv", schema.KAMPUNG_KB)
    assert [(x.file, x.message) for x in raw.problems] == [
        ("kampung_kb.csv", f"file tidak dapat dibaca: ukurannya {size} byte, melebihi batas 100 byte")]


def test_size_limit_in_megabytes(tmp_path, monkeypatch):
    import kbreport.ingest.bounds as kio
    from kbreport.text.messages import format_megabytes

    assert format_megabytes(120_500_000) == "120,5 MB" and format_megabytes(120_500_000, "en") == "120.5 MB"
    assert format_megabytes(kio.MAX_XLSX_BYTES) == "100 MB" and format_megabytes(kio.MAX_CSV_BYTES) == "500 MB"
    p = tmp_path / "kkbpk.csv"
    p.write_bytes(b"x" * 1_500_000)
    monkeypatch.setattr(kio, "MAX_CSV_BYTES", 1_000_000)
    assert [x.message for x in read_raw(p, schema.KKBPK, lang="en").problems] == [
        "file cannot be read: it is 1.5 MB, over the limit of 1 MB"]


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused(tmp_path, xlsx_engine, monkeypatch):
    import zipfile

    import kbreport.ingest.bounds as kio
    from openpyxl import Workbook

    p = tmp_path / "desa_cantik.xlsx"
    Workbook().save(p)
    with zipfile.ZipFile(p) as z:
        unpacked = sum(i.file_size for i in z.infolist())
    monkeypatch.setattr(kio, "MAX_XLSX_UNPACKED_BYTES", 1000)
    assert [x.message for x in read_raw(p, schema.DESA_CANTIK).problems] == [
        f"file tidak dapat dibaca: isi buku kerja ini setelah dibuka berukuran {unpacked:,} byte".replace(",", ".")
        + ", melebihi batas 1.000 byte"]


def test_a_worksheet_with_too_many_cells_is_refused(tmp_path, xlsx_engine, monkeypatch):
    import kbreport.ingest.bounds as kio
    from openpyxl import Workbook

    wb = Workbook()
    for r in range(10):
        wb.active.append(["kode_desa", "tahun"] if r == 0 else ["16.10.05.2041", 2022])
    p = tmp_path / "desa_cantik.xlsx"
    wb.save(p)
    monkeypatch.setattr(kio, "MAX_XLSX_CELLS", 15)
    assert [x.message for x in read_raw(p, schema.DESA_CANTIK).problems] == [
        "file tidak dapat dibaca: lembar kerjanya berisi lebih dari 15 sel"]


def test_a_huge_sumber_json_is_refused(tmp_path, monkeypatch):
    import kbreport.ingest.bounds as kio
    from kbreport.ingest.metadata import read_metadata

    (tmp_path / "sumber.json").write_text('{"sumber": "' + "x" * 2000 + '"}')
    monkeypatch.setattr(kio, "MAX_METADATA_BYTES", 1000)
    meta, problems = read_metadata(tmp_path)
    assert meta == {} and [x.message for x in problems] == [
        "file keterangan sumber tidak sah: ukurannya 2.014 byte, melebihi batas 1.000 byte"]  # 12 + 2,000 + 2


def test_a_yaml_alias_bomb_is_refused_at_once():
    import time

    from kbreport.errors import ParamsError
    from kbreport.build.params import load_params

    bomb = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / "_params" / "alias_bomb.yaml"
    start = time.perf_counter()
    with pytest.raises(ParamsError) as e:
        load_params(bomb, regions=False)
    assert time.perf_counter() - start < 2  # it took 73-91 s before
    assert e.value.reason == ("YAML memakai alias/anchor (&/*), yang tidak diizinkan; baris 5: tulis nilainya "
                              "langsung (teks yang diawali & atau * diberi tanda kutip)")


def test_an_ampersand_inside_text_is_not_an_anchor(tmp_path):
    from kbreport.build.params import load_params

    p = tmp_path / "p.yaml"
    p.write_text('laporan: wilayah\nkode: "17"\nas_of: 2024-06-04\njudul: Kampung KB & Rumah DataKu\n')
    assert load_params(p, regions=False).judul == "Kampung KB & Rumah DataKu"


def test_columns_beyond_the_bound_are_not_read(tmp_path, xlsx_engine, monkeypatch):
    import kbreport.ingest.bounds as kio
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["kode_desa", "tahun"])
    ws.append(["16.10.05.2041", 2022])
    ws.cell(row=2, column=40, value="jauh di kanan")  # the sheet is now 40 columns wide
    p = tmp_path / "desa_cantik.xlsx"
    wb.save(p)
    monkeypatch.setattr(kio, "MAX_XLSX_COLUMNS", 10)
    raw = read_raw(p, schema.DESA_CANTIK)
    assert raw.problems == [] and raw.frame.to_dict("records") == [{"kode_desa": "16.10.05.2041", "tahun": "2022"}]


# --- the two XLSX readers: python-calamine and the openpyxl fallback -----------------------------

def _with_cached_values(src: Path, dst: Path, cells: dict[str, tuple[str, str]]) -> None:
    """A copy of workbook `src` whose formula cells `cells` ({"B7": ("n", "2") …}: cell type, value) carry
    the value Excel would have cached (openpyxl writes formulas without one)."""
    import zipfile

    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w") as out:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for ref, (kind, value) in cells.items():
                    text = re.sub(rf'<c r="{ref}"[^>]*><f>(.*?)</f><v\s*/?>(?:</v>)?',
                                  rf'<c r="{ref}" t="{kind}"><f>\1</f><v>{value}</v>', text)
                data = text.encode()
            out.writestr(info, data)


def _mixed_workbook(tmp_path: Path) -> Path:
    from datetime import date, time, timedelta

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append([])
    ws.append([None, "kode_desa", "tahun", "x"])
    ws.append([None, 1610052041, 2022.0, datetime(2016, 1, 14)])
    ws.append([None, "  17.71.01.1001 ", True, datetime(2021, 6, 14, 9, 30)])
    ws.append([None, 0.1, -0.0, time(8, 30)])
    ws.append([None, 1e20, 1234567890123, date(2020, 2, 29)])
    ws.append([None, "=1+1", "=B3&\"x\"", "=1/3"])
    ws.append([None, "=SUM(B1:B2)", None, timedelta(hours=30)])
    ws["E9"] = "jauh"
    p = tmp_path / "plain.xlsx"
    wb.save(p)
    q = tmp_path / "desa_cantik.xlsx"
    # B7 and C7 carry cached values; D7 and B8 do not (a workbook saved by a program that never computed them)
    _with_cached_values(p, q, {"B7": ("n", "2"), "C7": ("str", "1610052041x")})
    assert "<f>1+1</f><v>2</v>" in __import__("zipfile").ZipFile(q).read("xl/worksheets/sheet1.xml").decode()
    return q


def test_both_xlsx_readers_read_the_same_cells(tmp_path):
    from kbreport.ingest.bounds import Deadline
    from kbreport.ingest.readers import _read_xlsx

    p = _mixed_workbook(tmp_path)
    a = _read_xlsx(p, "desa_cantik", Deadline(), engine="calamine")
    b = _read_xlsx(p, "desa_cantik", Deadline(), engine="openpyxl")
    assert a == b
    assert a[2][1:4] == ["1610052041", "2022", "2016-01-14"]
    assert a[4][1:4] == ["0.1", "0", "08:30:00"]
    assert a[5][1:4] == ["1e+20", "1234567890123", "2020-02-29"]
    # a formula is never read as its text: Excel's cached value, or blank when there is none
    assert a[6][1:4] == ["2", "1610052041x", ""]
    assert a[7][1:4] == ["", "", "1 day, 6:00:00"]
    assert a[8][4] == "jauh"


def test_a_formula_without_a_cached_value_is_a_blank_cell_with_file_row_and_column(tmp_path, xlsx_engine):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["kode_desa", "tahun"])
    wb.active.append(["16.10.05.2041", "=2020+2"])
    wb.active.append(["=A2", 2023])
    p = tmp_path / "desa_cantik.xlsx"
    wb.save(p)
    raw = read_raw(p, schema.DESA_CANTIK)
    assert raw.frame.loc[2, "tahun"] == "" and raw.frame.loc[3, "kode_desa"] == ""
    assert "=" not in "".join(raw.frame.to_numpy().ravel())


def test_error_cells_keep_their_text_with_either_reader(tmp_path, xlsx_engine):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["kode_desa", "tahun"])
    wb.active.append(["#N/A", 2022])
    wb.active.append(["16.10.05.2041", "#DIV/0!"])
    p = tmp_path / "desa_cantik.xlsx"
    wb.save(p)
    assert read_table(p, schema.DESA_CANTIK).to_dict("records") == [
        {"kode_desa": "#N/A", "tahun": "2022"}, {"kode_desa": "16.10.05.2041", "tahun": "#DIV/0!"}]


@pytest.mark.parametrize("case", ["file_unreadable_xlsx", "header_not_first_row"])
def test_broken_workbooks_get_the_same_message_from_either_reader(case, xlsx_engine):
    from kbreport.ingest.readers import read_raw as rr

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / case
    messages = [(x.file, x.row, x.column, x.message) for x in rr(fixtures / "kampung_kb.xlsx", schema.KAMPUNG_KB).problems]
    assert messages and messages == {
        "file_unreadable_xlsx": [("kampung_kb.xlsx", None, None, messages[0][3])],
        "header_not_first_row": [("kampung_kb.xlsx", None, None, messages[0][3])]}[case]
    assert ("bukan file Excel" in messages[0][3]) if case == "file_unreadable_xlsx" else ("baris 3" in messages[0][3])


def test_without_python_calamine_openpyxl_reads(monkeypatch, tmp_path):
    import sys

    from kbreport.ingest import readers

    monkeypatch.setitem(sys.modules, "python_calamine", None)  # import fails as when not installed
    monkeypatch.setattr(readers, "XLSX_ENGINE", "calamine")
    assert readers._engine(None) == "openpyxl"
    p = _mixed_workbook(tmp_path)
    assert read_raw(p, schema.DESA_CANTIK).problems[0].code == "header_not_first_row"
