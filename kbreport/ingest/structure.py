"""Structural checks of a table file, run before any cell is looked at.

A file whose headings are not in row 1, whose lines use different separators, or whose quotes do
not pair up gives thousands of misleading cell messages ("sel kosong" …) when read as it is. Each
check here finds one such cause and raises `Structural` naming it; the reader then reports that
one problem and does not validate the table further.

Line numbers are physical lines of the file (1 = first); they equal spreadsheet rows as long as no
cell above holds a line break.
"""
from __future__ import annotations

import csv
import io as _io
from collections.abc import Callable, Sequence

from kbreport.ingest import schema

SEPARATORS = (",", ";", "\t")  # what the CSV reader accepts
UNSUPPORTED_SEPARATORS = ("|",)  # recognised only to name them in a message
HEADER_SCAN_ROWS = 20  # title rows above the headings are looked for this far down


class Structural(Exception):
    """A structural problem: rule `code` of kbreport.text.messages, with its message fields."""

    def __init__(self, code: str, **fields):
        super().__init__(code)
        self.code, self.fields = code, fields

    def __reduce__(self):  # keyword fields do not survive the default (type, args) pickling
        return _rebuild, (type(self), self.code, self.fields)


def _rebuild(cls, code: str, fields: dict):
    return cls(code, **fields)


# --- headings -----------------------------------------------------------------------------

def heading_score(cells: Sequence[str], hmap: dict[str, str], key: Callable[[str], str]) -> int:
    """How many distinct columns of a table the cells name."""
    return len({hmap[k] for k in map(key, cells) if k in hmap})


def header_threshold(table: schema.Table) -> int:
    """Headings matching at least this many columns are taken to be a heading row."""
    required = sum(c.required for c in table.columns)
    return max(2, -(-required // 2))


def dominant_separator(line: str) -> str:
    """The accepted separator that occurs most often in a line (',' when none does)."""
    counts = {sep: line.count(sep) for sep in SEPARATORS}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else ","


def _cells(line: str, sep: str) -> list[str]:
    return [c.strip().strip('"') for c in line.rstrip("\r").split(sep)]


def check_header_rows(rows: Sequence[Sequence[str]], table: schema.Table, maps: dict[str, dict[str, str]],
                      key: Callable[[str], str]) -> None:
    """XLSX: raise when the headings are further down, or are those of another table."""
    hmap, need = maps[table.name], header_threshold(table)
    first = heading_score(rows[0], hmap, key) if rows else 0
    if first >= need:
        return
    for i, row in enumerate(rows[1:HEADER_SCAN_ROWS], start=2):
        if heading_score(row, hmap, key) >= need:
            raise Structural("header_not_first_row", header_row=i)
    _check_other_table(rows[0] if rows else [], table, first, maps, key)


def csv_separator(lines: Sequence[str], table: schema.Table, maps: dict[str, dict[str, str]],
                  key: Callable[[str], str]) -> str:
    """The separator of a CSV file, chosen by its heading line; raises for headings that are not
    in line 1, headings of another table, or a separator the reader does not accept."""
    hmap, need = maps[table.name], header_threshold(table)
    first_line = lines[0] if lines else ""
    sep = dominant_separator(first_line)
    first = heading_score(_cells(first_line, sep), hmap, key)
    if first >= need:
        return sep
    for other in (*SEPARATORS, *UNSUPPORTED_SEPARATORS):
        if other != sep and other in first_line and heading_score(_cells(first_line, other), hmap, key) >= need:
            if other in UNSUPPORTED_SEPARATORS:
                raise Structural("delimiter_unsupported", sep=other)
            return other
    for i, line in enumerate(lines[1:HEADER_SCAN_ROWS], start=2):
        for other in (*SEPARATORS, *UNSUPPORTED_SEPARATORS):
            if other in line and heading_score(_cells(line, other), hmap, key) >= need:
                raise Structural("header_not_first_row", header_row=i)
    _check_other_table(_cells(first_line, sep), table, first, maps, key)
    return sep


def _check_other_table(cells, table: schema.Table, score: int, maps, key) -> None:
    for name, other in schema.TABLES.items():
        if name != table.name and heading_score(cells, maps[name], key) >= max(header_threshold(other), score + 1):
            raise Structural("file_wrong_table", other=name, table=table.name)


# --- separators ---------------------------------------------------------------------------

def _split_otherwise(line: str, sep: str, k: int) -> str | None:
    """The other separator a line with fewer than `k` `sep` is split by, if its cells are all there."""
    n = line.count(sep)
    if n >= k:
        return None
    counts = {s: line.count(s) for s in (*SEPARATORS, *UNSUPPORTED_SEPARATORS) if s != sep}
    other = max(counts, key=lambda s: counts[s])
    return other if counts[other] and n + counts[other] >= k else None


def separators_suspect(lines: Sequence[str], sep: str, candidates) -> bool:
    """Whether any of the `candidates` (indexes into `lines`, e.g. rows whose last cell is empty)
    is split by another separator: the cheap test before check_separators' full count."""
    k = lines[0].count(sep) if lines else 0
    return k > 0 and any(_split_otherwise(lines[i], sep, k) for i in candidates)


def check_separators(lines: Sequence[str], sep: str) -> None:
    """Raise when data lines are split by another separator than the heading line."""
    k = lines[0].count(sep) if lines else 0
    if k == 0:
        return  # a single heading: nothing to compare with
    good, bad, first = 0, {}, None
    for i, line in enumerate(lines[1:], start=2):
        other = _split_otherwise(line, sep, k)
        if other:
            bad[other] = bad.get(other, 0) + 1
            first = first or i
        elif line.strip():
            good += 1  # a short row without other separators is not a separator problem
    if not bad:
        return
    used = tuple(sorted(bad, key=lambda s: -bad[s]))
    if good == 0:
        raise Structural("delimiter_mismatch", header_sep=sep, row_seps=used)
    raise Structural("delimiter_mixed", header_sep=sep, row_seps=used, good=good, bad=sum(bad.values()), first=first)


# --- quotes -------------------------------------------------------------------------------

def records(text: str, sep: str) -> tuple[list[list[str]], list[int]]:
    """Python's csv reading of the text, and the line each record starts on."""
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=sep)
    rows, starts, prev = [], [], 0
    try:
        for rec in reader:
            rows.append(rec)
            starts.append(prev + 1)
            prev = reader.line_num
    except csv.Error as e:
        if "field larger than field limit" not in str(e):
            raise
        # a quote opened on the record's first line swallowed the file past the cell size limit
        raise Structural("quote_unbalanced", line=prev + 1, lines=max(reader.line_num - prev - 1, 1)) from None
    return rows, starts


def check_quotes(rows: Sequence[Sequence[str]], starts: Sequence[int], sep: str, k: int, eof_in_quote: bool) -> None:
    """Raise when an opening quote swallows the lines after it: a cell spanning lines that hold
    whole rows of separators, or a quote still open at the end of the file (`eof_in_quote`)."""
    n = len(rows)
    for r, rec in enumerate(rows):
        end = starts[r + 1] - 1 if r + 1 < n else None
        last = r == n - 1
        if not last and end == starts[r]:
            continue  # one line, one record: the common case
        line = starts[r]
        for c, cell in enumerate(rec):
            breaks = cell.count("\n")
            open_at_end = last and eof_in_quote and c == len(rec) - 1
            if open_at_end or (breaks and any(s.count(sep) >= max(k, 1) for s in cell.split("\n")[1:])):
                swallowed = sum(1 for s in cell.split("\n")[1:] if s.strip())
                raise Structural("quote_unbalanced", line=line, lines=swallowed)
            line += breaks
