"""Reading the data tables from CSV or XLSX, and turning their text into typed values.

Reading keeps every cell as text (`""` for blank) so validation can quote what the user wrote;
the per-kind parsers (`parse_code`, `parse_date`, …) then work on whole columns at once and
return the parsed values plus a mask of cells that could not be parsed.

Row numbers are spreadsheet rows: the heading is row 1, the first data row is row 2. Raw frames
carry them as their index (named "baris"). Fully blank rows are skipped (they hold no data).

Reading is bounded: a table file above MAX_TABLE_BYTES (a workbook also above MAX_XLSX_UNPACKED_BYTES
unpacked, or MAX_XLSX_CELLS cells) is refused, and a symbolic link is never followed. Structural
problems (kbreport.ingest.structure) are reported as what they are, and the table is then not read further.
"""
from __future__ import annotations

import csv
import io as _io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import pandas as pd

from kbreport.ingest import schema
from kbreport.ingest import structure
from kbreport.errors import Problem
from kbreport.text import fmt
from kbreport.text.messages import SEVERITY, data_validation_error, message, os_error_reason, reason, separator_name

EXTENSIONS = (".csv", ".xlsx")
ROW_INDEX = "baris"

# Size bounds (bytes, cells). A national table of ~84,000 Kampung KB is ~15 MB as CSV; these leave
# ample room and keep a mistaken or hostile file from taking the machine's memory and minutes.
MAX_TABLE_BYTES = 100_000_000  # one table file on disk (.csv or .xlsx)
MAX_XLSX_UNPACKED_BYTES = 1_000_000_000  # the XML inside one workbook
MAX_XLSX_CELLS = 20_000_000  # cells read from one worksheet
MAX_XLSX_COLUMNS = 500  # columns read per row (a declared sheet width beyond is ignored)
MAX_METADATA_BYTES = 1_000_000  # sumber.json

# --- headings -----------------------------------------------------------------------------

# Word abbreviations common in hand-made sheets; applied to headings and aliases alike.
_ABBREVIATIONS = {"tgl": "tanggal", "jml": "jumlah", "jmlh": "jumlah", "kd": "kode", "thn": "tahun",
                  "kab": "kabupaten", "prov": "provinsi", "no": "nomor"}
# Prefixes whose bare suffix is also accepted as a heading ("BKB" for poktan_bkb, "APBN" for dana_apbn).
_PREFIX_WORDS = {"poktan_": ("poktan",), "dana_": ("dana", "sumber dana"), "data_": ("data", "penggunaan data"),
                 "kb_": ("kb", "peserta kb"), "tkb_": ("tidak kb", "pus tidak kb")}


def heading_key(text) -> str:
    """Comparison key of a heading: case, spaces, _ - . / and common abbreviations do not matter."""
    s = unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "").lower()
    words = re.findall(r"[a-z0-9]+", s)
    return "".join(_ABBREVIATIONS.get(w, w) for w in words)


def accepted_headings(col: schema.Column) -> list[str]:
    """Every heading accepted for a column: its name, its schema aliases, then the bare-suffix forms."""
    out = [col.name, *col.aliases]
    for prefix, words in _PREFIX_WORDS.items():
        if col.name.startswith(prefix):
            suffix = col.name[len(prefix):]
            out += [suffix.replace("_", " "), *(f"{w} {suffix.replace('_', ' ')}" for w in words)]
    seen, uniq = set(), []
    for h in out:
        if heading_key(h) not in seen:
            seen.add(heading_key(h))
            uniq.append(h)
    return uniq


def heading_map(table: schema.Table) -> dict[str, str]:
    """heading_key -> canonical column name for one table. Raises if two columns claim one key."""
    out: dict[str, str] = {}
    for col in table.columns:
        for h in accepted_headings(col):
            k = heading_key(h)
            if out.get(k, col.name) != col.name:
                raise ValueError(f"{table.name}: heading {h!r} would mean both {out[k]} and {col.name}")
            out[k] = col.name
    return out


_ROW_NUMBER_KEYS = {heading_key(h) for h in ("no", "nomor", "no urut", "nomor urut")}
_HEADING_MAPS = {name: heading_map(t) for name, t in schema.TABLES.items()}


def _maps(table: schema.Table) -> dict[str, dict[str, str]]:
    """Heading maps of every schema table, with `table`'s own (it may be a table made in a test)."""
    return _HEADING_MAPS if table.name in _HEADING_MAPS else {**_HEADING_MAPS, table.name: heading_map(table)}


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


class _Unreadable(Exception):
    def __init__(self, key: str, **fields):
        super().__init__(key)
        self.key, self.fields = key, fields

    def __reduce__(self):  # keyword fields do not survive the default (type, args) pickling
        return structure._rebuild, (type(self), self.key, self.fields)


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


def _check_size(path: Path, limit: int) -> None:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise _Unreadable("os", os_error=e) from e
    if size > limit:
        raise _Unreadable("too_large", size=size, limit=limit)


def _check_unpacked(path: Path) -> None:
    """A workbook is a zip: refuse one whose contents unpack beyond the bound (a "zip bomb")."""
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise _Unreadable("not_xlsx") from e
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise _Unreadable("too_large_unpacked", size=unpacked, limit=MAX_XLSX_UNPACKED_BYTES)


def _read_xlsx(path: Path, table_name: str) -> list[list[str]]:
    from openpyxl import load_workbook

    _check_size(path, MAX_TABLE_BYTES)
    _check_unpacked(path)
    try:
        # data_only: formulas are never evaluated by us; their cached values are read as text
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # zipfile.BadZipFile, InvalidFileException, KeyError, … all mean "broken"
        raise _Unreadable("not_xlsx") from e
    try:
        sheets = wb.worksheets
        if not sheets:
            raise _Unreadable("no_sheet")
        # a sheet named like the table wins; else the first one
        ws = next((s for s in sheets if heading_key(s.title) == heading_key(table_name)), sheets[0])
        rows: list[list[str]] = []
        width = ws.max_column if isinstance(ws.max_column, int) and ws.max_column > MAX_XLSX_COLUMNS else None
        cells = 0
        try:
            for values in ws.iter_rows(min_row=1, max_col=MAX_XLSX_COLUMNS if width else None, values_only=True):
                cells += len(values)
                if cells > MAX_XLSX_CELLS:
                    raise _Unreadable("too_many_cells", cells=MAX_XLSX_CELLS)
                rows.append([_cell_text(v) for v in values[:MAX_XLSX_COLUMNS]])
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
            raise _Unreadable("not_xlsx") from e
        return rows
    finally:
        wb.close()


def _decode(data: bytes) -> tuple[str, bool]:
    """Text of a CSV file and whether it needed the Windows-1252 fallback."""
    if not data.strip():
        raise _Unreadable("empty")
    if data[:4] == b"PK\x03\x04":
        raise _Unreadable("xlsx_named_csv")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise _Unreadable("xls_old")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16"), False
        except UnicodeDecodeError as e:
            raise _Unreadable("encoding") from e
    if b"\x00" in data[:8192]:
        raise _Unreadable("binary")
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), True
    except UnicodeDecodeError as e:
        raise _Unreadable("encoding") from e


def _read_bounded(path: Path) -> bytes:
    _check_size(path, MAX_TABLE_BYTES)
    try:
        with path.open("rb") as f:
            data = f.read(MAX_TABLE_BYTES + 1)  # the file may have grown since stat
    except OSError as e:
        raise _Unreadable("os", os_error=e) from e
    if len(data) > MAX_TABLE_BYTES:
        raise _Unreadable("too_large", size=len(data), limit=MAX_TABLE_BYTES)
    return data


def _read_csv_frame(text: str, sep: str) -> tuple[pd.DataFrame | None, bool]:
    """Fast path: pandas' C parser, every cell as text. (None, eof_in_quote) when it fails: rows
    are ragged, or a quote is still open at the end of the file (the slow path reports both)."""
    try:
        return pd.read_csv(_io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False,
                           na_filter=False, skip_blank_lines=False, quotechar='"', engine="c"), False
    except pd.errors.ParserError as e:
        return None, "EOF inside string" in str(e)
    except pd.errors.EmptyDataError as e:
        raise _Unreadable("empty") from e


def _read_csv(path: Path, table: schema.Table, problem) -> pd.DataFrame:
    """The grid of a CSV file after its structure is checked (kbreport.ingest.structure)."""
    text, fallback = _decode(_read_bounded(path))
    if fallback:
        problem("file_encoding")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    sep = structure.csv_separator(lines[:structure.HEADER_SCAN_ROWS], table, _maps(table), heading_key)
    k = lines[0].count(sep) if lines else 0
    grid, eof_in_quote = _read_csv_frame(text, sep)
    if grid is not None and len(grid) == len(lines) and grid.shape[1] > 1:
        # one record per line: only rows whose last cell is empty can be split by another separator
        short = np.flatnonzero(grid.iloc[1:, -1].to_numpy(dtype=object) == "") + 1
        if structure.separators_suspect(lines, sep, short):
            structure.check_separators(lines, sep)
    else:
        structure.check_separators(lines, sep)
    if grid is not None:
        if len(grid) < len(lines) and '"' in text:  # some record spans lines: a quoted line break, or worse
            structure.check_quotes(*structure.records(text, sep), sep, k, False)
        return grid
    # ragged rows (or an open quote): read record by record, report rows longer than the heading
    try:
        rows, starts = structure.records(text, sep)
    except csv.Error as e:
        raise _Unreadable("csv_syntax", detail=str(e)) from e
    if '"' in text:
        structure.check_quotes(rows, starts, sep, k, eof_in_quote)
    grid = _frame_from_rows(rows)
    width = len(rows[0]) if rows else 0
    for i, r in enumerate(rows[1:], start=2):
        if len(r) > width and any(c.strip() for c in r[width:]):
            problem("row_too_long", row=i, cells=len(r), headings=width)
    return grid.iloc[:, :width] if width else grid


def _reason_fields(lang: str, fields: dict) -> dict:
    """Sizes in a reason as "120,5 MB" (id) / "120.5 MB" (en), cell counts as 20.000.000 / 20,000,000."""
    out = {k: (fmt.megabytes(v, lang) if k in ("size", "limit") else v) for k, v in fields.items()}
    if "os_error" in out:  # an OSError: its reason in `lang`, not Python's text
        out["why"] = os_error_reason(out.pop("os_error"), lang)
    if "cells" in out:
        out["cells"] = fmt.number(out["cells"], lang)
    return out


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


def read_raw(path: str | Path, table: schema.Table, lang: str = "id") -> RawTable:
    """Read one table file (.csv or .xlsx). Never raises for bad content: problems are collected."""
    path = Path(path)
    raw = RawTable(table, path, None)
    fname = path.name

    def problem(code, row=None, col=None, value=None, **fields):
        raw.problems.append(Problem(fname, row, col, value, code, message(code, lang, **fields), SEVERITY[code]))

    if path.is_symlink():  # never followed: it could lead anywhere, and its content would be echoed
        problem("file_symlink")
        return raw
    try:
        if path.suffix.lower() == ".xlsx":
            rows = _read_xlsx(path, table.name)
            structure.check_header_rows(rows[:structure.HEADER_SCAN_ROWS], table, _maps(table), heading_key)
            grid = _frame_from_rows(rows)
        else:
            grid = _read_csv(path, table, problem)
    except _Unreadable as e:
        problem("file_unreadable", reason=reason(e.key, lang, **_reason_fields(lang, e.fields)))
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
    hmap = _HEADING_MAPS.get(table.name) or heading_map(table)
    keep: dict[int, str] = {}
    for pos, h in enumerate(header):
        if h == "":
            if (body[pos] != "").any():
                problem("column_unknown", row=1, col=f"#{pos + 1}", heading="")
            continue
        name = hmap.get(heading_key(h))
        if name is None and heading_key(h) in _ROW_NUMBER_KEYS:
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


def read_table(path: str | Path, table: schema.Table, lang: str = "id") -> pd.DataFrame:
    """One table file as text under canonical column names; index = spreadsheet row ("baris").

    Raises DataValidationError when the file cannot be read or its headings are wrong (missing
    or duplicate required columns). Cell values are not checked here: see kbreport.ingest.validate.
    """
    raw = read_raw(path, table, lang)
    if raw.frame is None or any(p.severity == "error" for p in raw.problems):
        raise data_validation_error(raw.problems, lang)
    return raw.frame


def read_column(path: str | Path, table: schema.Table, column: str) -> pd.Series | None:
    """One column of a table file as stripped text (None when the file has no such column). From a
    CSV only that column is read (a few hundred ms less for a 70,000-row kampung_kb); any other file,
    or a CSV dialect the fast path does not take, goes through read_table."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        want = {k for k, v in heading_map(table).items() if v == column}
        try:
            cols = pd.read_csv(path, sep=None, engine="python", nrows=0, encoding="utf-8-sig").columns
            hit = [c for c in cols if heading_key(c) in want]
            if hit:
                return pd.read_csv(path, sep=None if len(cols) == 1 else ",", usecols=[hit[0]], dtype=str,
                                   keep_default_na=False, encoding="utf-8-sig")[hit[0]].str.strip()
        except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
            pass  # an unusual dialect: the full reader copes with it
    df = read_table(path, table)
    return df[column] if column in df.columns else None


def find_table_files(data_dir: Path, table: schema.Table, links: bool = False) -> list[Path]:
    """The files that hold `table` in a folder: <table>.csv and/or <table>.xlsx (case-insensitive).
    `links`: also symbolic links, even broken ones (validation names them; it never reads them)."""
    want = {f"{table.name}{ext}" for ext in EXTENSIONS}
    return sorted(p for p in data_dir.iterdir()
                  if p.name.lower() in want and (p.is_file() or (links and p.is_symlink())))


def read_metadata(data_dir: Path, lang: str = "id") -> tuple[dict, list[Problem]]:
    """sumber.json (optional): {"sumber": str, "sintetis": bool, …}; problems if malformed."""
    path = Path(data_dir) / schema.METADATA_FILE
    if path.is_symlink():
        return {}, [Problem(path.name, None, None, None, "file_symlink", message("file_symlink", lang),
                            SEVERITY["file_symlink"])]
    if not path.is_file():
        return {}, []

    def fail(key, **fields):
        code = "sumber_invalid"
        return {}, [Problem(path.name, None, None, None, code,
                            message(code, lang, reason=reason(key, lang, **_reason_fields(lang, fields))),
                            SEVERITY[code])]

    size = path.stat().st_size
    if size > MAX_METADATA_BYTES:
        return fail("too_large", size=size, limit=MAX_METADATA_BYTES)
    try:
        meta = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return fail("json", detail=str(e))
    if not isinstance(meta, dict):
        return fail("json_object")
    if "sintetis" in meta and not isinstance(meta["sintetis"], bool):
        return fail("sintetis_bool")
    if "sumber" in meta and not isinstance(meta["sumber"], str):
        return fail("sumber_text")
    return meta, []


# --- parsers: a column of text in, (values, bad mask) out ---------------------------------

_DESA_CODE = r"\d{2}\.\d{2}\.\d{2}\.\d{4}"


def _normalize_code_scalar(value: str) -> str | None:
    try:
        from kbreport.ingest.wilayah import normalize_code
    except ImportError:  # pragma: no cover - wilayah ships with the package
        digits = re.sub(r"\.0$", "", value.strip()).replace(".", "")
        return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}" if re.fullmatch(r"\d{10}", digits) else None
    return normalize_code(value)


def parse_code(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Desa codes "PP.KK.CC.DDDD" from dotted or undotted text; bad = non-blank but not a desa code."""
    blank = s == ""
    out = pd.Series(pd.NA, index=s.index, dtype="str")
    dotted = s.str.fullmatch(_DESA_CODE)
    out[dotted] = s[dotted]
    digits = s.str.fullmatch(r"\d{10}")
    d = s[digits]
    out[digits] = d.str.slice(0, 2) + "." + d.str.slice(2, 4) + "." + d.str.slice(4, 6) + "." + d.str.slice(6, 10)
    for i in s.index[~(blank | dotted | digits)]:  # unusual spellings only
        k = _normalize_code_scalar(s[i])
        if k is not None and re.fullmatch(_DESA_CODE, k):
            out[i] = k
    return out, ~blank & out.isna()


_MONTH_WORDS = {
    **{m: i for i, m in enumerate(("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
                                    "september", "oktober", "november", "desember"), start=1)},
    **{m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                    "september", "october", "november", "december"), start=1)},
    **{m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt",
                                    "nov", "des"), start=1)},
    "agt": 8, "ags": 8, "aug": 8, "okt": 10, "oct": 10, "dec": 12, "sept": 9, "pebruari": 2, "nopember": 11,
}
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _from_parts(index, y, m, d) -> pd.Series:
    parts = pd.DataFrame({"year": y, "month": m, "day": d}, index=index).astype("float64")
    ok = parts.notna().all(axis=1)
    out = pd.Series(pd.NaT, index=index, dtype="datetime64[us]")
    if ok.any():
        out[ok] = pd.to_datetime(parts[ok], errors="coerce").astype("datetime64[us]")
    return out


def _num(x: pd.Series) -> pd.Series:
    return pd.to_numeric(x, errors="coerce")


def parse_date(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates from ISO (2016-01-14), dd/mm/yyyy (14/01/2016, also - or .), "14 Januari 2016",
    or an Excel serial number. dd/mm, never mm/dd: Indonesian order. bad = non-blank, unparsed."""
    blank = s == ""
    t = s.str.lower()
    y = pd.Series(np.nan, index=s.index)
    m, d = y.copy(), y.copy()

    iso = t.str.extract(rf"^(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}$")
    dmy = t.str.extract(rf"^(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}){_TIME}$")
    words = t.str.extract(r"^(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})$")
    for yy, mm, dd in ((iso[0], iso[1], iso[2]), (dmy[2], dmy[1], dmy[0])):
        hit = yy.notna()
        y[hit], m[hit], d[hit] = _num(yy[hit]), _num(mm[hit]), _num(dd[hit])
    hit = words[0].notna() & words[1].isin(list(_MONTH_WORDS))
    y[hit], m[hit], d[hit] = _num(words[2][hit]), words[1][hit].map(_MONTH_WORDS).astype("float64"), _num(words[0][hit])

    out = _from_parts(s.index, y, m, d)
    serial = t.str.fullmatch(r"\d{5}(?:\.0+)?") & out.isna()  # Excel day number in an unformatted cell
    if serial.any():
        days = _num(t[serial]).astype("int64")
        ok = days.between(20000, 80000)  # 1954..2119: anything else is not a date
        out[ok[ok].index] = (_EXCEL_EPOCH + pd.to_timedelta(days[ok], unit="D")).astype("datetime64[us]")
    return out, ~blank & out.isna()


def parse_month(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First day of the month from 2024-06, 06/2024, "Juni 2024" or any date parse_date accepts."""
    blank = s == ""
    t = s.str.lower()
    y = pd.Series(np.nan, index=s.index)
    m = y.copy()
    ym = t.str.extract(r"^(\d{4})[-/.](\d{1,2})$")
    my = t.str.extract(r"^(\d{1,2})[-/.](\d{4})$")
    words = t.str.extract(r"^([a-z]+)\.?[\s-]+(\d{4})$")
    hit = ym[0].notna()
    y[hit], m[hit] = _num(ym[0][hit]), _num(ym[1][hit])
    hit = my[0].notna()
    y[hit], m[hit] = _num(my[1][hit]), _num(my[0][hit])
    hit = words[0].notna() & words[0].isin(list(_MONTH_WORDS))
    y[hit], m[hit] = _num(words[1][hit]), words[0][hit].map(_MONTH_WORDS).astype("float64")
    out = _from_parts(s.index, y, m, pd.Series(1.0, index=s.index).where(y.notna()))
    rest = ~blank & out.isna()
    if rest.any():
        full, _ = parse_date(s[rest])
        out[rest] = full.dt.to_period("M").dt.to_timestamp().astype("datetime64[us]")
    return out, ~blank & out.isna()


_TRUE = ("ya", "y", "yes", "true", "1", "ada", "iya", "benar", "aktif", "sudah")
_FALSE = ("tidak", "t", "no", "n", "false", "0", "tidak ada", "tdk", "bukan", "tidak aktif", "nonaktif",
          "non aktif", "belum", "belum ada")
_BOOL_MAP = {**{k: True for k in _TRUE}, **{k: False for k in _FALSE}, "1.0": True, "0.0": False}


def parse_bool(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """True/False from ya/tidak, y/t, yes/no, true/false, 1/0, ada/tidak ada (any case)."""
    blank = s == ""
    key = s.str.lower().str.replace(r"[\s_\-]+", " ", regex=True)
    out = key.map(_BOOL_MAP).astype("boolean")
    return out, ~blank & out.isna()


def parse_int(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole numbers (Int64; negatives kept, validation reports them). "12.0" from Excel is 12;
    "1.000" is NOT read as a thousand (nor as 1): it is reported, because its meaning is unclear."""
    blank = s == ""
    t = s.str.replace(r"^([+-]?\d+)\.0$", r"\1", regex=True)
    ok = t.str.fullmatch(r"[+-]?\d{1,15}")
    out = pd.to_numeric(t.where(ok), errors="coerce").astype("Int64")
    return out, ~blank & ~ok


# Extra spellings of category values (keys compared like headings).
_CATEGORY_SYNONYMS: dict[str, dict[str, str]] = {
    "cakupan_wilayah": {"desa/kelurahan": "Desa", "kelurahan": "Desa", "desa kelurahan": "Desa", "rt/rw": "RW",
                        "dusun/lingkungan": "Dusun", "lingkungan": "Dusun"},
    "klasifikasi": {"paripurna": "Berkelanjutan"},
    "rumah_dataku": {"sudah": "ada", "ya": "ada", "tidak ada": "tidak", "belum ada": "belum", "belum dibentuk": "belum"},
    "regulasi_tingkat": {"bupati": "bupati/walikota", "walikota": "bupati/walikota", "wali kota": "bupati/walikota",
                         "bupati/wali kota": "bupati/walikota", "kepala desa": "kepala desa/lurah",
                         "lurah": "kepala desa/lurah", "kades": "kepala desa/lurah", "kepala desa/kelurahan":
                         "kepala desa/lurah", "gubernur": "gubernur", "camat": "camat"},
}


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def category_map(col: schema.Column) -> dict[str, str]:
    """heading_key-style key -> value in the domain's spelling."""
    out = {_squash(v): v for v in col.domain}
    for k, v in _CATEGORY_SYNONYMS.get(col.name, {}).items():
        out[_squash(k)] = v
    return out


def parse_category(s: pd.Series, col: schema.Column) -> tuple[pd.Series, pd.Series]:
    """A domain value matched without regard to case, spaces or punctuation; bad = not in the domain."""
    blank = s == ""
    key = s.str.lower().str.replace(r"[^a-z0-9]+", "", regex=True)
    cmap = category_map(col)
    out = key.map(cmap).astype("str")
    return out, ~blank & out.isna()


def parse_str(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    out = s.where(s != "").astype("str")
    return out, pd.Series(False, index=s.index)


def _by_unique(s: pd.Series, parse) -> tuple[pd.Series, pd.Series]:
    """Run `parse` once per distinct value and spread the results back (string ops are per element)."""
    codes, uniq = pd.factorize(s.to_numpy(dtype=object))
    if len(uniq) * 2 > len(s):
        return parse(s)
    vals, bad = parse(pd.Series(uniq, dtype="str"))
    return (pd.Series(vals.array.take(codes), index=s.index, name=s.name),
            pd.Series(bad.to_numpy(dtype=bool)[codes], index=s.index, name=s.name))


def parse_column(s: pd.Series, col: schema.Column) -> tuple[pd.Series, pd.Series]:
    """Dispatch on the column's kind. Blank cells become NA and are never "bad" here."""
    if col.kind == "str":
        return parse_str(s)
    if col.kind == "category":
        return _by_unique(s, lambda u: parse_category(u, col))
    return _by_unique(s, _PARSERS[col.kind])


_PARSERS = {"code": parse_code, "date": parse_date, "month": parse_month, "bool": parse_bool, "int": parse_int}

DTYPES = {"code": "str", "str": "str", "category": "str", "date": "datetime64[us]", "month": "datetime64[us]",
          "bool": "boolean", "int": "Int64"}


def empty_frame(table: schema.Table) -> pd.DataFrame:
    """A table with no rows and the canonical columns and dtypes."""
    return pd.DataFrame({c.name: pd.Series(dtype=DTYPES[c.kind]) for c in table.columns})
