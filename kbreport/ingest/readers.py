"""Reading one data table file, CSV or XLSX, into text cells under canonical column names.

Reading keeps every cell as text (`""` for blank) so validation can quote what the user wrote;
kbreport.ingest.parsers then turns whole columns into typed values. Headings are matched to
columns by kbreport.ingest.headings.

Row numbers are spreadsheet rows: the heading is row 1, the first data row is row 2. Raw frames
carry them as their index (named "baris"). Fully blank rows are skipped (they hold no data).

Reading is bounded (kbreport.ingest.bounds): a file above the size bound, a workbook that unpacks
or holds too much, or a read that runs past its time bound is refused with a reason; a symbolic
link is never followed. Structural problems (kbreport.ingest.structure) are reported as what they
are, and the table is then not read further.

The parsers, heading helpers and read_metadata are importable from here too (callers did so before
they had modules of their own).
"""
from __future__ import annotations

import csv
import io as _io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import pandas as pd

from kbreport.errors import Problem
from kbreport.ingest import bounds, schema, structure
from kbreport.ingest.bounds import Deadline, Unreadable
from kbreport.ingest.headings import (HEADING_MAPS, ROW_NUMBER_KEYS, accepted_headings, heading_key, heading_map,
                                      maps_with)
from kbreport.ingest.metadata import read_metadata
from kbreport.ingest.parsers import (DTYPES, category_map, empty_frame, parse_bool, parse_category, parse_code,
                                     parse_column, parse_date, parse_int, parse_month, parse_str)
from kbreport.text import fmt
from kbreport.text.messages import SEVERITY, data_validation_error, message, reason, separator_name

__all__ = [
    "EXTENSIONS", "ROW_INDEX", "CSV_CHUNK_ROWS", "RawTable", "read_raw", "read_table", "read_column",
    "find_table_files",
    # re-exported from their own modules
    "heading_key", "accepted_headings", "heading_map", "read_metadata", "DTYPES", "empty_frame", "category_map",
    "parse_code", "parse_date", "parse_month", "parse_bool", "parse_int", "parse_category", "parse_str",
    "parse_column",
]

EXTENSIONS = (".csv", ".xlsx")
ROW_INDEX = "baris"
CSV_CHUNK_ROWS = 20_000  # rows pandas parses between two looks at the clock
XLSX_CHECK_ROWS = 1_000  # worksheet rows read between two looks at the clock
# The XLSX reader: python-calamine (Rust; pinned) when it imports, else openpyxl (kbreport.ingest.readers._read_xlsx).
XLSX_ENGINE = "calamine"

# --- reading files ------------------------------------------------------------------------

@dataclass
class RawTable:
    """One table file as read: text cells under canonical column names, plus what went wrong."""

    table: schema.Table
    path: Path
    frame: pd.DataFrame | None  # None when the file could not be read
    headings: dict[str, str] = field(default_factory=dict)  # canonical name -> heading as written
    problems: list[Problem] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.path.name

    def heading(self, name: str) -> str:
        """The heading the user wrote for a column (its canonical name when absent)."""
        return self.headings.get(name, name)


def _cell_text(v) -> str:
    """An XLSX cell value as the text a CSV export would hold."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v != v:
            return ""
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == time(0) else v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.isoformat()
    return str(v).strip()


def _engine(engine: str | None) -> str:
    """The XLSX reader to use: `engine`, else XLSX_ENGINE ("calamine" when python-calamine is installed)."""
    engine = engine or XLSX_ENGINE
    if engine == "calamine":
        try:
            import python_calamine  # noqa: F401
        except ImportError:
            return "openpyxl"
    return engine


def _has_error_cells(path: Path) -> bool:
    """Whether a worksheet holds an error cell (#N/A, #DIV/0! …). Calamine reads those as blank,
    openpyxl as their text (which validation then quotes), so such a workbook goes to openpyxl."""
    needles = (b't="e"', b"t='e'")
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                    continue
                tail = b""
                with z.open(info) as f:
                    while chunk := f.read(1 << 20):
                        block = tail + chunk
                        if any(n in block for n in needles):
                            return True
                        tail = block[-8:]
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return False  # the reader says what is wrong with the file
    return False


def _calamine_rows(path: Path, table_name: str, deadline: Deadline):
    """The chosen worksheet's rows from row 1 and column A, as cell values (calamine, in Rust)."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as e:
        raise Unreadable("not_xlsx") from e
    try:
        deadline.check()
        names = [m.name for m in wb.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        if not names:
            raise Unreadable("no_sheet")
        name = next((n for n in names if heading_key(n) == heading_key(table_name)), names[0])
        try:
            grid = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except (CalamineError, OSError, ValueError) as e:
            raise Unreadable("not_xlsx") from e
    finally:
        wb.close()
    for values in grid:
        yield [_calamine_text(v) for v in values[:bounds.MAX_XLSX_COLUMNS]]


def _calamine_text(v) -> str:
    """_cell_text of a calamine value. Numbers come as floats, where openpyxl gives an int for a
    whole number (written without a decimal point): so does this."""
    t = type(v)
    if t is str:
        return v.strip()
    if t is float:
        return str(int(v)) if v.is_integer() and abs(v) < 2 ** 53 else repr(v)
    return _cell_text(v)


def _openpyxl_rows(wb, table_name: str):
    sheets = wb.worksheets
    if not sheets:
        raise Unreadable("no_sheet")
    # a sheet named like the table wins; else the first one
    ws = next((s for s in sheets if heading_key(s.title) == heading_key(table_name)), sheets[0])
    max_columns = bounds.MAX_XLSX_COLUMNS
    width = ws.max_column if isinstance(ws.max_column, int) and ws.max_column > max_columns else None
    for values in ws.iter_rows(min_row=1, max_col=max_columns if width else None, values_only=True):
        yield [_cell_text(v) for v in values[:max_columns]]


def _read_xlsx(path: Path, table_name: str, deadline: Deadline, engine: str | None = None) -> list[list[str]]:
    """The cells of a workbook's sheet (the one named like the table, else the first) as text.

    `engine`: "calamine" (python-calamine, about 10x faster) or "openpyxl"; default XLSX_ENGINE. Both
    read what Excel cached for a formula, never the formula (openpyxl with data_only), and the same
    bounds, clock checks and text apply; a workbook holding error cells is read by openpyxl."""
    bounds.check_size(path, bounds.MAX_XLSX_BYTES)
    bounds.check_unpacked(path)
    engine = _engine(engine)
    if engine == "calamine" and _has_error_cells(path):
        engine = "openpyxl"
    wb = None
    if engine == "calamine":
        values_iter = _calamine_rows(path, table_name, deadline)
    else:
        from openpyxl import load_workbook

        try:
            # data_only: formulas are never evaluated by us; their cached values are read as text
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as e:  # zipfile.BadZipFile, InvalidFileException, KeyError, … all mean "broken"
            raise Unreadable("not_xlsx") from e
        deadline.check()
        values_iter = _openpyxl_rows(wb, table_name)
    try:
        rows: list[list[str]] = []
        max_columns, max_cells = bounds.MAX_XLSX_COLUMNS, bounds.MAX_XLSX_CELLS
        cells = 0
        try:
            for values in values_iter:  # each row as text already
                values = values[:max_columns]
                cells += len(values)
                if cells > max_cells:
                    raise Unreadable("too_many_cells", cells=max_cells)
                rows.append(values)
                if len(rows) % XLSX_CHECK_ROWS == 0:
                    deadline.check()
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
            raise Unreadable("not_xlsx") from e
        return rows
    finally:
        if wb is not None:
            wb.close()


def _decode(data: bytes) -> tuple[str, bool]:
    """Text of a CSV file and whether it needed the Windows-1252 fallback."""
    if not data.strip():
        raise Unreadable("empty")
    if data[:4] == b"PK\x03\x04":
        raise Unreadable("xlsx_named_csv")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise Unreadable("xls_old")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16"), False
        except UnicodeDecodeError as e:
            raise Unreadable("encoding") from e
    if b"\x00" in data[:8192]:
        raise Unreadable("binary")
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), True
    except UnicodeDecodeError as e:
        raise Unreadable("encoding") from e


def _read_csv_frame(text: str, sep: str, deadline: Deadline) -> tuple[pd.DataFrame | None, bool]:
    """Fast path: pandas' C parser, every cell as text, CSV_CHUNK_ROWS rows at a time (the deadline is
    checked between chunks). (None, eof_in_quote) when it fails: rows are ragged, or a quote is still
    open at the end of the file (the slow path reports both)."""
    try:
        with pd.read_csv(_io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False,
                         na_filter=False, skip_blank_lines=False, quotechar='"', engine="c",
                         chunksize=CSV_CHUNK_ROWS) as chunks:
            parts = []
            for part in chunks:
                parts.append(part)
                deadline.check()
        return (parts[0] if len(parts) == 1 else pd.concat(parts)), False
    except pd.errors.ParserError as e:
        return None, "EOF inside string" in str(e)
    except pd.errors.EmptyDataError as e:
        raise Unreadable("empty") from e


def _read_csv(path: Path, table: schema.Table, problem, deadline: Deadline) -> pd.DataFrame:
    """The grid of a CSV file after its structure is checked (kbreport.ingest.structure)."""
    text, fallback = _decode(bounds.read_bounded(path))
    if fallback:
        problem("file_encoding")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    sep = structure.csv_separator(lines[:structure.HEADER_SCAN_ROWS], table, maps_with(table), heading_key)
    k = lines[0].count(sep) if lines else 0
    deadline.check()
    grid, eof_in_quote = _read_csv_frame(text, sep, deadline)
    if grid is not None and len(grid) == len(lines) and grid.shape[1] > 1:
        # one record per line: only rows whose last cell is empty can be split by another separator
        short = np.flatnonzero(grid.iloc[1:, -1].to_numpy(dtype=object) == "") + 1
        if structure.separators_suspect(lines, sep, short):
            structure.check_separators(lines, sep)
    else:
        structure.check_separators(lines, sep)
    deadline.check()
    if grid is not None:
        if len(grid) < len(lines) and '"' in text:  # some record spans lines: a quoted line break, or worse
            structure.check_quotes(*structure.records(text, sep), sep, k, False)
        return grid
    # ragged rows (or an open quote): read record by record, report rows longer than the heading
    try:
        rows, starts = structure.records(text, sep)
    except csv.Error as e:
        raise Unreadable("csv_syntax", detail=str(e)) from e
    deadline.check()
    if '"' in text:
        structure.check_quotes(rows, starts, sep, k, eof_in_quote)
    grid = _frame_from_rows(rows)
    width = len(rows[0]) if rows else 0
    for i, r in enumerate(rows[1:], start=2):
        if len(r) > width and any(c.strip() for c in r[width:]):
            problem("row_too_long", row=i, cells=len(r), headings=width)
    return grid.iloc[:, :width] if width else grid


def _structure_fields(lang: str, fields: dict) -> dict:
    out = {k: (fmt.number(v, lang) if isinstance(v, int) else v) for k, v in fields.items()}
    for k in ("sep", "header_sep"):
        if k in out:
            out[k] = separator_name(out[k], lang)
    if "row_seps" in out:
        word = " dan " if lang == "id" else " and "
        out["row_sep"] = word.join(separator_name(s, lang) for s in out.pop("row_seps"))
    return out


def _frame_from_rows(rows: list[list[str]]) -> pd.DataFrame:
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=str,
                        columns=range(width)) if rows else pd.DataFrame()


def read_raw(path: str | Path, table: schema.Table, lang: str = "id", seconds: float | None = None) -> RawTable:
    """Read one table file (.csv or .xlsx). Never raises for bad content: problems are collected.
    `seconds`: the time bound of this read (default bounds.MAX_READ_SECONDS)."""
    path = Path(path)
    deadline = Deadline(seconds)
    raw = RawTable(table, path, None)
    fname = path.name

    def problem(code, row=None, col=None, value=None, **fields):
        raw.problems.append(Problem(fname, row, col, value, code, message(code, lang, **fields), SEVERITY[code]))

    if path.is_symlink():  # never followed: it could lead anywhere, and its content would be echoed
        problem("file_symlink")
        return raw
    try:
        if path.suffix.lower() == ".xlsx":
            rows = _read_xlsx(path, table.name, deadline)
            structure.check_header_rows(rows[:structure.HEADER_SCAN_ROWS], table, maps_with(table), heading_key)
            grid = _frame_from_rows(rows)
        else:
            grid = _read_csv(path, table, problem, deadline)
        deadline.check()
    except Unreadable as e:
        problem("file_unreadable", reason=reason(e.key, lang, **bounds.reason_fields(lang, e.fields)))
        return raw
    except structure.Structural as e:
        problem(e.code, **_structure_fields(lang, e.fields))
        return raw

    if grid.empty or grid.shape[0] == 0:
        problem("file_unreadable", reason=reason("empty", lang))
        return raw

    grid = pd.DataFrame({c: _strip(grid[c]) for c in grid.columns}, index=grid.index)
    header = list(grid.iloc[0])
    body = grid.iloc[1:]
    body.index = pd.RangeIndex(2, 2 + len(body), name=ROW_INDEX)
    body = body.loc[(body != "").any(axis=1)]  # fully blank rows are not data

    # headings -> canonical names
    hmap = HEADING_MAPS.get(table.name) or heading_map(table)
    keep: dict[int, str] = {}
    for pos, h in enumerate(header):
        if h == "":
            if (body[pos] != "").any():
                problem("column_unknown", row=1, col=f"#{pos + 1}", heading="")
            continue
        name = hmap.get(heading_key(h))
        if name is None and heading_key(h) in ROW_NUMBER_KEYS:
            continue  # the "No" column of a hand-made sheet: nothing to warn about
        if name is None:
            problem("column_unknown", row=1, col=h, heading=h)
        elif name in raw.headings:
            problem("column_duplicate", row=1, col=h, heading=raw.headings[name], other=h, column=name)
        else:
            raw.headings[name] = h
            keep[pos] = name
    frame = body[list(keep)].copy()
    frame.columns = [keep[p] for p in keep]
    for col in table.columns:
        if col.required and col.name not in raw.headings:
            problem("column_missing", row=1, col=col.name, column=col.name,
                    accepted=", ".join(f"'{h}'" for h in accepted_headings(col)))
    raw.frame = frame.astype("str") if len(frame.columns) else frame
    return raw


def _strip(s: pd.Series) -> pd.Series:
    # on distinct values only: a column of 80k cells holds few of them
    codes, uniq = pd.factorize(s.to_numpy(dtype=object))
    stripped = np.array([str(u).strip() for u in uniq], dtype=object)
    if len(stripped) and (stripped == uniq.astype(object)).all():
        return s.astype("str")
    return pd.Series(stripped[codes] if len(stripped) else [], index=s.index, dtype="str")


def read_table(path: str | Path, table: schema.Table, lang: str = "id", seconds: float | None = None) -> pd.DataFrame:
    """One table file as text under canonical column names; index = spreadsheet row ("baris").

    Raises DataValidationError when the file cannot be read or its headings are wrong (missing
    or duplicate required columns). Cell values are not checked here: see kbreport.ingest.validate.
    """
    raw = read_raw(path, table, lang, seconds)
    if raw.frame is None or any(p.severity == "error" for p in raw.problems):
        raise data_validation_error(raw.problems, lang)
    return raw.frame


def read_column(path: str | Path, table: schema.Table, column: str, seconds: float | None = None) -> pd.Series | None:
    """One column of a table file as stripped text (None when the file has no such column). From a
    CSV only that column is read (a few hundred ms less for a 70,000-row kampung_kb); any other file,
    a CSV dialect the fast path does not take, or a file the bounds refuse goes through read_table
    (which reports why). `seconds`: the time bound, as for read_raw."""
    path = Path(path)
    deadline = Deadline(seconds)
    if path.suffix.lower() == ".csv" and _fast_path_allowed(path):
        want = {k for k, v in heading_map(table).items() if v == column}
        try:
            cols = pd.read_csv(path, sep=None, engine="python", nrows=0, encoding="utf-8-sig").columns
            hit = [c for c in cols if heading_key(c) in want]
            if hit:
                parts = []
                with pd.read_csv(path, sep=None if len(cols) == 1 else ",", usecols=[hit[0]], dtype=str,
                                 keep_default_na=False, encoding="utf-8-sig", chunksize=CSV_CHUNK_ROWS) as chunks:
                    for part in chunks:
                        parts.append(part[hit[0]])
                        deadline.check()
                return (parts[0] if len(parts) == 1 else pd.concat(parts)).str.strip()
        except (ValueError, UnicodeDecodeError, pd.errors.ParserError, Unreadable):
            pass  # an unusual dialect, or a bound hit: the full reader copes with it or says why
    df = read_table(path, table, seconds=seconds)
    return df[column] if column in df.columns else None


def _fast_path_allowed(path: Path) -> bool:
    """A plain file within the size bound (read_raw refuses links and reports an oversized file)."""
    try:
        return not path.is_symlink() and path.stat().st_size <= bounds.max_table_bytes(path)
    except OSError:
        return False


def find_table_files(data_dir: Path, table: schema.Table, links: bool = False) -> list[Path]:
    """The files that hold `table` in a folder: <table>.csv and/or <table>.xlsx (case-insensitive).
    `links`: also symbolic links, even broken ones (validation names them; it never reads them)."""
    want = {f"{table.name}{ext}" for ext in EXTENSIONS}
    return sorted(p for p in data_dir.iterdir()
                  if p.name.lower() in want and (p.is_file() or (links and p.is_symlink())))
