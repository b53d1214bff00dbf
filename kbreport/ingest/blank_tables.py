"""Blank tables for a district office's own export: the four tables with headings only.

    write_blank_tables("ekspor-kota-metro")   # kampung_kb.csv, profil.csv, kkbpk.csv, desa_cantik.csv,
                                              # template.xlsx (one sheet per table + "Penjelasan")

The headings are kbreport.ingest.schema's canonical column names, so a file filled in under them reads
without any heading matching. The XLSX has one sheet per table and a sheet explaining every column
(table, column, type, required, allowed values, meaning); every cell is plain text, never a formula.
Existing files are never overwritten.
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from kbreport.ingest import schema
from kbreport.errors import KbreportError

__all__ = ["write_blank_tables", "column_rows", "KIND_WORDS"]

XLSX_NAME = "template.xlsx"
KIND_WORDS = {
    "id": {"str": "teks", "code": "kode desa Kemendagri (PP.KK.CC.DDDD, titik boleh tidak ditulis)",
           "date": "tanggal (YYYY-MM-DD atau dd/mm/yyyy)", "month": "bulan (YYYY-MM)",
           "bool": "ya/tidak", "int": "bilangan bulat ≥ 0", "category": "salah satu nilai yang diizinkan"},
    "en": {"str": "text", "code": "Kemendagri desa code (PP.KK.CC.DDDD, dots optional)",
           "date": "date (YYYY-MM-DD or dd/mm/yyyy)", "month": "month (YYYY-MM)",
           "bool": "yes/no (ya/tidak)", "int": "whole number ≥ 0", "category": "one of the allowed values"},
}
_HEAD = {"id": ("Tabel", "Kolom", "Jenis", "Wajib", "Nilai yang diizinkan", "Keterangan"),
         "en": ("Table", "Column", "Type", "Required", "Allowed values", "Meaning")}
_SHEET = {"id": "Penjelasan", "en": "Columns"}
_YES = {"id": ("ya", "tidak"), "en": ("yes", "no")}


def column_rows(lang: str = "id") -> list[tuple[str, ...]]:
    """(table, column, type, required, allowed values, meaning) for every column of every table."""
    rows = []
    for t in schema.TABLES.values():
        for c in t.columns:
            req = _YES[lang][0 if (c.required and t.required) else 1]
            rows.append((t.name, c.name, KIND_WORDS[lang][c.kind], req, ", ".join(c.domain), c.doc))
    return rows


def _safe_target(folder: Path, name: str) -> Path:
    p = folder / name
    if p.is_symlink() or p.exists():
        raise KbreportError(f"{p} sudah ada; kbreport tidak menimpanya (pilih folder lain)")
    return p


def write_blank_tables(folder: str | os.PathLike, lang: str = "id") -> list[Path]:
    """Write the blank CSVs and template.xlsx into `folder` (created if missing); returns the paths."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    folder = Path(folder)
    if folder.is_symlink():
        raise KbreportError(f"{folder} adalah tautan simbolik; kbreport tidak menulis melaluinya")
    folder.mkdir(parents=True, exist_ok=True)
    targets = {t.name: _safe_target(folder, f"{t.name}.csv") for t in schema.TABLES.values()}
    xlsx = _safe_target(folder, XLSX_NAME)
    written = []
    for t in schema.TABLES.values():
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow([c.name for c in t.columns])
        targets[t.name].write_text(buf.getvalue(), encoding="utf-8")
        written.append(targets[t.name])
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for t in schema.TABLES.values():
        ws = wb.create_sheet(t.name)
        for i, c in enumerate(t.columns, start=1):
            cell = ws.cell(row=1, column=i, value=c.name)
            cell.font, cell.data_type = bold, "s"
    ws = wb.create_sheet(_SHEET[lang])
    for r, row in enumerate([_HEAD[lang], *column_rows(lang)], start=1):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=col, value=str(value))
            cell.data_type = "s"  # text as text: a doc starting with "=" never becomes a formula
            if r == 1:
                cell.font = bold
    wb.save(xlsx)
    written.append(xlsx)
    return written
