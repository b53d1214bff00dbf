"""How much one data file may take to read: size, cell and time bounds, and the refusal they raise.

A national table of ~84,000 Kampung KB is ~15 MB as CSV and reads in a few seconds; the bounds leave
ample room and keep a mistaken or hostile file from taking the machine's memory and minutes. A CSV may
be larger than a workbook: a national kkbpk export of every desa for several years is a few hundred MB
as CSV and reads at ~100 MB/s, while a workbook of the same size would take minutes cell by cell. A bound
that is hit raises `Unreadable(key, **fields)`; the reader reports it as "file tidak dapat dibaca:
<reason>" with the reason from kbreport.text.messages.REASONS[key], never as a traceback.

The bounds are read when a file is read (`bounds.MAX_CSV_BYTES`, `bounds.MAX_XLSX_BYTES`), so a test may
lower them.
"""
from __future__ import annotations

import time
import zipfile
from pathlib import Path

from kbreport.text import fmt
from kbreport.text.messages import os_error_reason

__all__ = ["MAX_CSV_BYTES", "MAX_XLSX_BYTES", "max_table_bytes", "MAX_XLSX_UNPACKED_BYTES", "MAX_XLSX_CELLS", "MAX_XLSX_COLUMNS", "MAX_METADATA_BYTES",
           "MAX_READ_SECONDS", "Unreadable", "Deadline", "check_size", "check_unpacked", "read_bounded",
           "reason_fields"]

MAX_CSV_BYTES = 500_000_000  # one .csv table file on disk (the demo at 5x rows: profil.csv ~130 MB)
MAX_XLSX_BYTES = 100_000_000  # one .xlsx table file on disk (its cells are bounded too, below)
MAX_XLSX_UNPACKED_BYTES = 1_000_000_000  # the XML inside one workbook
MAX_XLSX_CELLS = 20_000_000  # cells read from one worksheet
MAX_XLSX_COLUMNS = 500  # columns read per row (a declared sheet width beyond is ignored)
MAX_METADATA_BYTES = 1_000_000  # sumber.json
# Wall-clock seconds to read and structure-check one table file. The demo's national kampung_kb
# (72,000 rows) reads in under a second as CSV and in ~16 s as XLSX (openpyxl, ~35,000 cells/s on a
# busy 2-core machine); a national profil workbook (2.2 million cells) takes about a minute.
MAX_READ_SECONDS = 300.0


class Unreadable(Exception):
    """A file refused before or while reading it: `key` of REASONS, with the fields its text needs."""

    def __init__(self, key: str, **fields):
        super().__init__(key)
        self.key, self.fields = key, fields

    def __reduce__(self):  # keyword fields do not survive the default (type, args) pickling
        return _rebuild, (type(self), self.key, self.fields)


def _rebuild(cls, key: str, fields: dict):
    return cls(key, **fields)


class Deadline:
    """The moment a reader must be done by; `check()` between chunks and rows raises Unreadable("too_slow")."""

    def __init__(self, seconds: float | None = None):
        self.seconds = MAX_READ_SECONDS if seconds is None else float(seconds)
        self.end = time.monotonic() + self.seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise Unreadable("too_slow", seconds=self.seconds)


def max_table_bytes(path: Path) -> int:
    """The size bound of one table file: MAX_XLSX_BYTES for a workbook, MAX_CSV_BYTES for the rest."""
    return MAX_XLSX_BYTES if path.suffix.lower() == ".xlsx" else MAX_CSV_BYTES


def check_size(path: Path, limit: int) -> None:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise Unreadable("os", os_error=e) from e
    if size > limit:
        raise Unreadable("too_large", size=size, limit=limit)


def check_unpacked(path: Path) -> None:
    """A workbook is a zip: refuse one whose contents unpack beyond the bound (a "zip bomb")."""
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise Unreadable("not_xlsx") from e
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise Unreadable("too_large_unpacked", size=unpacked, limit=MAX_XLSX_UNPACKED_BYTES)


def read_bounded(path: Path) -> bytes:
    """The bytes of a table file, never more than its size bound (max_table_bytes) of them."""
    limit = max_table_bytes(path)
    check_size(path, limit)
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)  # the file may have grown since stat
    except OSError as e:
        raise Unreadable("os", os_error=e) from e
    if len(data) > limit:
        raise Unreadable("too_large", size=len(data), limit=limit)
    return data


def _seconds(s: float, lang: str) -> str:
    text = f"{s:g}" if s >= 1 else f"{s:.2g}"
    return text.replace(".", ",") if lang == "id" else text


def reason_fields(lang: str, fields: dict) -> dict:
    """A reason's fields as the user reads them: sizes "120,5 MB" (id) / "120.5 MB" (en), cell counts
    20.000.000 / 20,000,000, seconds 300 / 0,5."""
    out = {k: (fmt.megabytes(v, lang) if k in ("size", "limit") else v) for k, v in fields.items()}
    if "os_error" in out:  # an OSError: its reason in `lang`, not Python's text
        out["why"] = os_error_reason(out.pop("os_error"), lang)
    if "cells" in out:
        out["cells"] = fmt.number(out["cells"], lang)
    if "seconds" in out:
        out["seconds"] = _seconds(out["seconds"], lang)
    return out
