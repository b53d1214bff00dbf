import zipfile
from datetime import date

import numpy as np
import openpyxl
import pandas as pd
import pytest

from kbreport.build.annex import sheet_name, write_annex


def _table():
    return pd.DataFrame({
        "kode": ["17.01", "17.71", "17.02", "17.03", "17.04"],
        "nama": ["=SUM(A1)", "Kota Bengkulu", "+62 811 000", "@cmd", "-1+2"],
        "desa_kelurahan": pd.array([1322, 67, 0, 5, 9], dtype="Int64"),
        "tercakup": [1200.0, 60.0, 0.0, np.nan, 9.0],  # float only because of the NaN: still counts
        "cakupan_persen": [87.37, 89.55, np.nan, 0.0, 100.0],
        "aktif": [True, False, True, True, False],
        "tanggal_pencanangan": pd.to_datetime(["2016-01-14", "2022-05-20", None, "2024-06-04", "2023-04-03"]),
    })


def test_formula_text_stays_text(tmp_path):
    p = write_annex(tmp_path / "annex.xlsx", {"Cakupan": _table()})
    ws = openpyxl.load_workbook(p)["Cakupan"]
    c = ws["B2"]
    assert c.value == "=SUM(A1)"
    assert c.data_type == "s"
    assert c.quotePrefix is True
    for ref, text in (("B4", "+62 811 000"), ("B5", "@cmd"), ("B6", "-1+2")):
        assert ws[ref].value == text and ws[ref].data_type == "s" and ws[ref].quotePrefix is True
    assert ws["B3"].quotePrefix is False  # ordinary names get no prefix
    # no formula element anywhere in the package
    with zipfile.ZipFile(p) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)
    # codes that look like numbers stay text
    assert ws["A2"].value == "17.01" and ws["A2"].data_type == "s"


def test_headings_formats_and_frozen_header(tmp_path):
    p = write_annex(tmp_path / "annex.xlsx", {"Cakupan": _table()})
    ws = openpyxl.load_workbook(p)["Cakupan"]
    assert [c.value for c in ws[1]] == ["Kode", "Nama wilayah", "Desa/kelurahan", "Desa/kelurahan ber-Kampung KB",
                                         "Cakupan (%)", "Aktif", "Tanggal pencanangan"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws["C2"].value == 1322 and ws["C2"].number_format == "#,##0"
    assert ws["D2"].value == 1200 and ws["D2"].number_format == "#,##0"
    assert ws["D5"].value is None  # NaN -> empty cell
    assert ws["E2"].value == pytest.approx(87.37) and ws["E2"].number_format == "0.0"
    assert ws["E4"].value is None
    assert ws["F2"].value == "ya" and ws["F3"].value == "tidak"
    assert ws["G2"].value.date() == date(2016, 1, 14) and ws["G2"].number_format == "dd/mm/yyyy"
    # widths fitted: the long heading column is wider than the short code column
    assert ws.column_dimensions["D"].width > ws.column_dimensions["A"].width >= 8


def test_keterangan_sheet_first_with_synthetic_label(tmp_path):
    p = write_annex(tmp_path / "a.xlsx", {"Cakupan": _table(), "Rumah DataKu": _table().head(2)},
                    synthetic=True, title="Briefing Provinsi Bengkulu", source="data/demo (sha256 ab12)",
                    generated=date(2024, 6, 4))
    wb = openpyxl.load_workbook(p)
    assert wb.sheetnames == ["Keterangan", "Cakupan", "Rumah DataKu"]
    values = [c.value for row in wb["Keterangan"].iter_rows() for c in row if c.value is not None]
    assert values[0] == "Data contoh (sintetis)"
    assert "Briefing Provinsi Bengkulu" in values and "data/demo (sha256 ab12)" in values
    assert any(str(v).startswith("4 Juni 2024, kbreport ") for v in values)
    assert "5 baris" in values and "2 baris" in values
    p2 = write_annex(tmp_path / "b.xlsx", {"Cakupan": _table()}, synthetic=False)
    values2 = [c.value for row in openpyxl.load_workbook(p2)["Keterangan"].iter_rows() for c in row]
    assert "Data contoh (sintetis)" not in values2


def test_english_headings(tmp_path):
    p = write_annex(tmp_path / "a.xlsx", {"Coverage": _table()}, lang="en", synthetic=True)
    wb = openpyxl.load_workbook(p)
    assert wb.sheetnames[0] == "Notes"
    ws = wb["Coverage"]
    assert ws["E1"].value == "Coverage (%)" and ws["F2"].value == "yes"
    assert ws["G2"].number_format == "yyyy-mm-dd"
    assert wb["Notes"]["A1"].value == "Sample data (synthetic)"


def test_sheet_names_sanitised():
    taken = set()
    assert sheet_name("Cakupan kabupaten/kota", taken) == "Cakupan kabupaten-kota"
    assert sheet_name("a[b]c:d*e?f\\g", taken) == "abcdefg"
    long = sheet_name("Desa/kelurahan tanpa Kampung KB per kecamatan", taken)
    assert len(long) == 31 and long == "Desa-kelurahan tanpa Kampung KB"
    again = sheet_name("Desa/kelurahan tanpa Kampung KB per kecamatan", taken)
    assert again == "Desa-kelurahan tanpa Kampun (2)" and len(again) == 31  # 27 + " (2)"
    assert sheet_name("'quoted'", taken) == "quoted"
    assert sheet_name("???", taken) == "Lembar"


def test_user_sheet_called_keterangan_does_not_clash(tmp_path):
    p = write_annex(tmp_path / "a.xlsx", {"Keterangan": _table()})
    assert openpyxl.load_workbook(p).sheetnames == ["Keterangan", "Keterangan (2)"]


def test_atomic_write_leaves_no_temp_and_keeps_old_file_on_error(tmp_path):
    target = tmp_path / "annex.xlsx"
    write_annex(target, {"Cakupan": _table()})
    before = target.read_bytes()
    with pytest.raises(TypeError, match="expected a DataFrame"):
        write_annex(target, {"Cakupan": _table(), "Rusak": [1, 2, 3]})
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annex.xlsx"]


def test_control_characters_are_dropped(tmp_path):
    df = pd.DataFrame({"nama": ["Desa\x07 Sukamaju"]})
    p = write_annex(tmp_path / "a.xlsx", {"x": df})
    assert openpyxl.load_workbook(p)["x"]["A2"].value == "Desa Sukamaju"


def test_readiness_shares_are_percentages_but_profile_flags_are_yes_no(tmp_path):
    readiness = pd.DataFrame({"kode": ["17.01"], "nama": ["Kab. A"], "kampung_kb": [152], "pokja_ada": [83.55]})
    profil = pd.DataFrame({"kampung_kb_id": ["K1"], "pokja_ada": [True]})
    p = write_annex(tmp_path / "a.xlsx", {"Kesiapan": readiness, "Profil": profil})
    wb = openpyxl.load_workbook(p)
    assert wb["Kesiapan"]["D1"].value == "Pokja (%)" and wb["Kesiapan"]["D2"].number_format == "0.0"
    assert wb["Kesiapan"]["C2"].number_format == "#,##0"
    assert wb["Profil"]["B1"].value == "Pokja" and wb["Profil"]["B2"].value == "ya"


def _notes(path, sheet="Keterangan"):
    ws = openpyxl.load_workbook(path)[sheet]
    return {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row[0] is not None}


def test_notes_stamp_the_build_date_and_the_data_date_apart(tmp_path, monkeypatch):
    from kbreport import __version__

    # SOURCE_DATE_EPOCH 1717459200 s = 19,878 days = 54 years (1970–2023, 13 leap days: 19,723 days)
    # + 155 days (Jan 31 + Feb 29 + Mar 31 + Apr 30 + May 31 = 152, + 3) = 4 June 2024, 00:00 UTC
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717459200")
    p = write_annex(tmp_path / "a.xlsx", {"Cakupan": _table(), "Satu": _table().head(1)}, as_of=date(2022, 8, 24))
    notes = _notes(p)
    assert notes["Dibuat"] == f"4 Juni 2024, kbreport {__version__}"
    assert notes["Data per"] == "24 Agustus 2022"
    assert (notes["Cakupan"], notes["Satu"]) == ("5 baris", "1 baris")
    p = write_annex(tmp_path / "b.xlsx", {"Coverage": _table(), "One": _table().head(1)}, lang="en",
                    as_of=date(2022, 8, 24))
    notes = _notes(p, "Notes")
    assert notes["Generated"] == f"4 June 2024, kbreport {__version__}"
    assert notes["Data as of"] == "24 August 2022"
    assert (notes["Coverage"], notes["One"]) == ("5 rows", "1 row")


def test_build_date_defaults_to_today_and_a_bad_epoch_is_named(tmp_path, monkeypatch):
    from kbreport.text import fmt
    from kbreport.errors import ReportError

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    notes = _notes(write_annex(tmp_path / "a.xlsx", {"Cakupan": _table()}))
    assert notes["Dibuat"].startswith(fmt.date(date.today()) + ", kbreport ")
    assert "Data per" not in notes  # no data date given: no line for it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "besok")
    with pytest.raises(ReportError, match="SOURCE_DATE_EPOCH.*'besok'"):
        write_annex(tmp_path / "b.xlsx", {"Cakupan": _table()})
