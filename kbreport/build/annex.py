"""The Excel annex: each table a sheet, headings in Indonesian (or English), safe to open.

Safety: every text cell is written as an explicit string; text beginning with = + - @ (or a tab or
carriage return) also gets Excel's quote prefix, so no cell can ever be read as a formula.
The file is written to a temporary name and moved into place, so a reader never sees half a file.
"""
from __future__ import annotations

import os
import re
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kbreport import SYNTHETIC_LABEL, __version__
from kbreport.text import fmt
from kbreport.errors import ReportError
from kbreport.text.i18n import label, yes_no
from kbreport.paths import replacing

PERCENT_COLUMNS = {"cpr", "mkjp", "unmet", "partisipasi_poktan", "target_persen"}
# Flags in the profile, shares (float, 0–100) in the readiness table: a percentage only when float.
SHARE_WHEN_FLOAT = {"pokja_ada", "pokja_sk", "pokja_terlatih", "plkb_pendamping", "regulasi_ada", "rencana_kerja",
                    "sekretariat", "poktan_bkb", "poktan_bkr", "poktan_bkl", "poktan_uppka", "poktan_pikr"}
INT_FORMAT = "#,##0"
FLOAT_FORMAT = "#,##0.0"
PERCENT_FORMAT = "0.0"  # values are on a 0–100 scale; the heading carries the "%"
DATE_FORMAT = {"id": "dd/mm/yyyy", "en": "yyyy-mm-dd"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_BAD = re.compile(r"[\[\]:*?\\]")
_HEADER_FILL = PatternFill("solid", fgColor="DCE8F4")
_MAX_CELL = 32767  # Excel's limit on characters in a cell


def sheet_name(name: str, taken: set[str] | None = None) -> str:
    """A valid, unique Excel sheet name: no []:*?/\\, no leading/trailing apostrophe, ≤ 31 characters."""
    taken = taken if taken is not None else set()
    text = _SHEET_BAD.sub("", str(name).replace("/", "-")).strip().strip("'").strip() or "Lembar"
    base = text[:31]
    candidate, i = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f" ({i})"
        candidate = base[: 31 - len(suffix)] + suffix
        i += 1
    taken.add(candidate)
    return candidate


def _is_percent(col: str) -> bool:
    return col in PERCENT_COLUMNS or col.endswith("_persen")


def _heading(col, lang: str, kind: str) -> str:
    text = label(str(col), lang)
    if kind == "percent" and "%" not in text:
        text += " (%)"
    return text


def _write_text(cell, value: str) -> None:
    text = ILLEGAL_CHARACTERS_RE.sub("", value)[:_MAX_CELL]
    cell.value = text
    cell.data_type = "s"  # never "f", whatever the text looks like
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True


def _column_kind(s: pd.Series, col: str) -> str:
    if pd.api.types.is_bool_dtype(s):
        return "bool"
    if pd.api.types.is_datetime64_any_dtype(s):
        return "date"
    if pd.api.types.is_numeric_dtype(s):
        if _is_percent(col) or (col in SHARE_WHEN_FLOAT and pd.api.types.is_float_dtype(s)):
            return "percent"
        if pd.api.types.is_integer_dtype(s):
            return "int"
        vals = pd.to_numeric(s, errors="coerce").dropna()
        return "int" if len(vals) and (vals == vals.round()).all() else "float"
    return "text"


def _display_len(value, kind: str, lang: str) -> int:
    if value is None or fmt.is_missing(value):
        return 1
    if kind in ("int", "float", "percent"):
        # as long as fmt.number's text ("1.322,5" and "1,322.5" have the same length), without Babel
        return len(f"{float(value):,.{0 if kind == 'int' else 1}f}")
    if kind == "date":
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def _write_table(ws, df: pd.DataFrame, lang: str) -> None:
    if df.index.name is not None or any(n is not None for n in df.index.names):
        df = df.reset_index()
    cols = [str(c) for c in df.columns]
    kinds = [_column_kind(df[c], str(c)) for c in df.columns]
    widths = []
    for j, col in enumerate(cols, start=1):
        head = _heading(col, lang, kinds[j - 1])
        c = ws.cell(row=1, column=j)
        _write_text(c, head)
        c.font = Font(bold=True)
        c.fill = _HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="top")
        widths.append(min(len(head), 30))
    for j, col in enumerate(df.columns, start=1):
        series = df[col]
        kind = kinds[j - 1]
        for i, value in enumerate(series.tolist(), start=2):
            cell = ws.cell(row=i, column=j)
            if value is None or fmt.is_missing(value):
                continue
            if kind == "bool" or isinstance(value, bool):
                _write_text(cell, yes_no(bool(value), lang))
            elif kind == "date" or isinstance(value, (date, datetime)):
                d = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
                if isinstance(d, datetime) and d.time() == datetime.min.time():
                    d = d.date()
                cell.value = d
                cell.number_format = DATE_FORMAT[lang]
            elif kind in ("int", "float", "percent"):
                number = float(value)
                cell.value = int(round(number)) if kind == "int" else number
                cell.number_format = {"int": INT_FORMAT, "float": FLOAT_FORMAT, "percent": PERCENT_FORMAT}[kind]
            else:
                _write_text(cell, str(value))
            widths[j - 1] = max(widths[j - 1], _display_len(value, kind, lang))
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(w + 2, 8), 60)
    ws.freeze_panes = "A2"
    if len(df) and cols:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(df) + 1}"


_DATA_AS_OF = {"id": "Data per", "en": "Data as of"}


def build_date() -> date:
    """The day the annex is built: SOURCE_DATE_EPOCH (seconds, UTC) when set, for reproducible builds
    and tests; otherwise today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise ReportError(f"variabel lingkungan SOURCE_DATE_EPOCH: harus jumlah detik sejak 1 Januari 1970 "
                              f"(UTC), bukan {epoch!r}") from None
    return date.today()


def _rows(n: int, lang: str) -> str:
    """"12 baris" / "1 row", "12 rows"."""
    word = "baris" if lang == "id" else ("row" if n == 1 else "rows")
    return f"{fmt.number(n, lang)} {word}"


def _write_notes(ws, names: dict[str, pd.DataFrame], lang: str, synthetic: bool,
                 title: str | None, source: str | None, generated, as_of) -> None:
    rows: list[tuple[str, str | None]] = []
    if title:
        rows.append((label("judul", lang), title))
    if source:
        rows.append((label("sumber", lang), source))
    if as_of is not None:
        rows.append((_DATA_AS_OF[lang], fmt.date(as_of, lang)))
    rows.append((label("dibuat", lang), f"{fmt.date(generated or build_date(), lang)}, kbreport {__version__}"))
    r = 1
    if synthetic:
        c = ws.cell(row=r, column=1)
        _write_text(c, SYNTHETIC_LABEL[lang])
        c.font = Font(bold=True, color="B03A2E", size=12)
        r += 2
    for key, value in rows:
        _write_text(ws.cell(row=r, column=1), key)
        ws.cell(row=r, column=1).font = Font(bold=True)
        _write_text(ws.cell(row=r, column=2), value or "")
        r += 1
    r += 1
    for j, head in enumerate((label("lembar", lang), label("isi", lang)), start=1):
        _write_text(ws.cell(row=r, column=j), head)
        ws.cell(row=r, column=j).font = Font(bold=True)
    for name, df in names.items():
        r += 1
        _write_text(ws.cell(row=r, column=1), name)
        _write_text(ws.cell(row=r, column=2), _rows(len(df), lang))
    ws.column_dimensions["A"].width = max(18, min(40, max((len(n) for n in names), default=0) + 2))
    ws.column_dimensions["B"].width = max(40, min(90, len(title or "") + 2, len(source or "") + 2))


def write_annex(path, sheets: dict[str, pd.DataFrame], lang: str = "id", synthetic: bool = False, *,
                title: str | None = None, source: str | None = None, generated=None, as_of=None) -> Path:
    """Write `sheets` (sheet name -> table with canonical column names) to an .xlsx at `path`.

    A first sheet "Keterangan" ("Notes" in English) holds the title, data source, the data's date
    (`as_of`, "Data per …", when given), the build date (`generated`, default build_date(): today or
    SOURCE_DATE_EPOCH) with the kbreport version, the list of sheets with their row counts ("12 baris" /
    "12 rows") and — when `synthetic` — "Data contoh (sintetis)".
    Headings come from kbreport.text.i18n; integers get "#,##0", percentages (columns `*_persen`, cpr,
    mkjp, unmet, partisipasi_poktan, and the readiness indicators when float; 0–100 scale) "0.0" with
    "(%)" in the heading, dates a date format,
    booleans "ya"/"tidak". Returns the path written.
    """
    fmt.number(0, lang)  # validates lang
    path = Path(path)
    taken: set[str] = set()
    notes_name = sheet_name(label("keterangan", lang), taken)
    named = {sheet_name(k, taken): v for k, v in sheets.items()}
    wb = Workbook()
    notes = wb.active
    notes.title = notes_name
    _write_notes(notes, named, lang, synthetic, title, source, generated, as_of)
    for name, df in named.items():
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"sheet {name!r}: expected a DataFrame, got {type(df).__name__}")
        _write_table(wb.create_sheet(name), df, lang)
    wb.properties.creator = f"kbreport {__version__}"
    if title:
        wb.properties.title = title[:255]
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as tmp:
        wb.save(tmp)
    return path
