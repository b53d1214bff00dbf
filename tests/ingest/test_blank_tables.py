"""kbreport.ingest.blank_tables / `kbreport template`: the four tables with headings only, and an explained XLSX."""
from __future__ import annotations

import subprocess
import sys

import pytest
from openpyxl import load_workbook

from kbreport.ingest import schema
from kbreport.ingest.blank_tables import write_blank_tables
from kbreport.errors import KbreportError


def test_blank_tables_have_every_canonical_heading(tmp_path):
    paths = write_blank_tables(tmp_path / "ekspor")
    assert sorted(p.name for p in paths) == sorted([*(f"{t}.csv" for t in schema.TABLES), "template.xlsx"])
    for name, table in schema.TABLES.items():
        lines = (tmp_path / "ekspor" / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        assert lines == [",".join(c.name for c in table.columns)]  # headings only, no data row
    wb = load_workbook(tmp_path / "ekspor" / "template.xlsx")
    assert wb.sheetnames == [*schema.TABLES, "Penjelasan"]
    expl = list(wb["Penjelasan"].iter_rows(values_only=True))
    assert expl[0][:2] == ("Tabel", "Kolom")
    assert len(expl) - 1 == sum(len(t.columns) for t in schema.TABLES.values())  # one row per column
    assert all(c.data_type == "s" for row in wb["Penjelasan"].iter_rows() for c in row if c.value is not None)


def test_blank_tables_never_overwrite(tmp_path):
    (tmp_path / "profil.csv").write_text("punya analis\n")
    with pytest.raises(KbreportError, match="sudah ada"):
        write_blank_tables(tmp_path)
    assert (tmp_path / "profil.csv").read_text() == "punya analis\n"
    assert not (tmp_path / "kampung_kb.csv").exists()  # checked before anything is written


def test_template_command_english(tmp_path):
    out = subprocess.run([sys.executable, "-m", "kbreport.cli", "template", str(tmp_path / "t"), "--lang", "en"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "Columns" in load_workbook(tmp_path / "t" / "template.xlsx").sheetnames
