"""A CSV wholly separated by semicolons (Excel's CSV under an Indonesian locale) is read as what it is, not as a problem.

`;` is one of the separators the reader takes (docs/data-model.md, "CSV"): the heading line decides, and
every data row must use the same one (kbreport.ingest.structure; otherwise `delimiter_mismatch` /
`delimiter_mixed` name both). The fixture is the clean `_baseline` export rewritten the way Excel writes it
under an Indonesian locale: `;` between cells, CRLF line ends, a UTF-8 BOM.
"""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from kbreport.ingest.validate import validate_folder
from kbreport.text.messages import format_problem

BASE = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / "_baseline"
TODAY = date(2025, 1, 1)


def _excel_id_copy(dest: Path, edit=None) -> Path:
    """The baseline as Excel (Indonesian locale) saves it; `edit(table, rows)` may change the rows first."""
    dest.mkdir()
    for src in BASE.iterdir():
        if src.suffix != ".csv":
            (dest / src.name).write_bytes(src.read_bytes())
            continue
        with src.open(newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        if edit is not None:
            edit(src.stem, rows)
        with (dest / src.name).open("w", newline="", encoding="utf-8-sig") as f:
            csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
    return dest


def test_a_semicolon_export_reads_exactly_as_the_comma_one(tmp_path):
    semi = _excel_id_copy(tmp_path / "semi")
    assert b";" in (semi / "kkbpk.csv").read_bytes().splitlines()[1] and b"," not in (semi / "kkbpk.csv").read_bytes()
    base_tables, base_problems = validate_folder(BASE, today=TODAY)
    tables, problems = validate_folder(semi, today=TODAY)
    assert base_problems == [] and problems == []
    assert tables.keys() == base_tables.keys()
    for name in tables:
        pd.testing.assert_frame_equal(tables[name], base_tables[name])
    assert tables["kkbpk"]["pus"].sum() == base_tables["kkbpk"]["pus"].sum() > 0


def test_a_thousands_dot_in_a_semicolon_export_is_an_error_naming_the_cell(tmp_path):
    """Indonesian Excel may write 1322 as "1.322": never read as 1.322 or as 1, but refused by name."""
    def edit(table, rows):
        if table == "kkbpk":
            rows[1][rows[0].index("pus")] = "1.322"

    semi = _excel_id_copy(tmp_path / "semi", edit)
    _, problems = validate_folder(semi, today=TODAY)
    errors = [p for p in problems if p.severity == "error"]
    assert [(p.code, p.file, p.row, p.column, p.value) for p in errors] == [
        ("count_not_integer", "kkbpk.csv", 2, "pus", "1.322")]
    _, en = validate_folder(semi, lang="en", today=TODAY)
    en_errors = [p for p in en if p.severity == "error"]
    assert format_problem(en_errors[0], "en") == ("kkbpk.csv, row 2, column pus: [1.322] '1.322' is not a whole number; "
                                                  "write digits without decimals or thousands separators")
    assert format_problem(errors[0], "id") == ("kkbpk.csv, baris 2, kolom pus: [1.322] '1.322' bukan bilangan bulat; "
                                               "tulis angka tanpa desimal dan tanpa pemisah ribuan")


@pytest.mark.parametrize("lang, expected", [
    ("id", "kkbpk.csv: pemisah kolom tidak sama: judul kolom dipisah dengan titik koma (;), tetapi baris data dipisah "
           "dengan koma (,); simpan ulang file dengan satu pemisah saja"),
    ("en", "kkbpk.csv: column separators differ: the headings are separated by semicolons (;) but the data rows by "
           "commas (,); save the file again with one separator"),
])
def test_semicolon_headings_over_comma_rows_is_one_structure_problem_naming_both(tmp_path, lang, expected):
    semi = _excel_id_copy(tmp_path / "semi")
    p = semi / "kkbpk.csv"
    head, *rows = p.read_text(encoding="utf-8-sig").splitlines()
    p.write_text("\n".join([head, *(r.replace(";", ",") for r in rows)]) + "\n", encoding="utf-8")
    _, problems = validate_folder(semi, lang=lang, today=TODAY)
    errors = [p for p in problems if p.severity == "error"]
    assert [format_problem(e, lang) for e in errors] == [expected]  # and nothing about kkbpk's cells
