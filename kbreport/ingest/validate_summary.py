"""The validation report of a data folder, as `kbreport validate` prints it: problem lines (capped per rule),
a summary (source, row counts, errors, warnings, regions covered) and the full list for a file.

`validation_report(data_dir)` returns a ValidationReport a notebook can print or inspect; `write_report`
writes its full list to a file. Every line is in the requested language (kbreport.text.catalogue).
"""
from __future__ import annotations

import errno
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kbreport.errors import KbreportError, Problem
from kbreport.text import fmt
from kbreport.text.catalogue import plural, t
from kbreport.text.messages import MAX_LINES_PER_RULE, capped_lines, os_reason, ui


@dataclass
class ValidationReport:
    """`lines`: the problems as shown (at most MAX_LINES_PER_RULE per rule unless all were asked for),
    then the note that the list is cut; `summary`: the closing lines; `full`: every problem and the
    summary, for a file."""

    data_dir: Path
    problems: list[Problem]
    lines: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    full: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def ok(self) -> bool:
        return not self.errors


def data_file_names() -> set[str]:
    """The names a data folder's files may have (never overwritten by a report file)."""
    from kbreport.ingest import schema

    return {schema.METADATA_FILE, *(f"{name}{ext}" for name in schema.TABLES for ext in (".csv", ".xlsx"))}


def check_out_file(out_file: Path, data_dir: Path, lang: str = "id") -> None:
    """KbreportError when `out_file` would overwrite one of the data folder's own files."""
    if out_file.name.lower() in data_file_names() and out_file.resolve().parent == data_dir.resolve():
        raise KbreportError(ui("not_a_data_file", lang).format(file=out_file))


def validation_report(data_dir: str | Path, master_csv: str | Path | None = None, lang: str = "id",
                      show_all: bool = False) -> ValidationReport:
    """Validate `data_dir` against the master (None: the bundled Kemendagri master) and build the report.
    Raises KbreportError (MasterError) when the master itself cannot be used."""
    from kbreport.ingest.dataset import data_checksum
    from kbreport.ingest.readers import read_metadata
    from kbreport.ingest.validate import validate_folder_master

    start = time.perf_counter()
    data_dir = Path(data_dir)
    tables, problems, master = validate_folder_master(data_dir, master_csv, lang=lang)
    rep = ValidationReport(data_dir, problems)
    rep.lines = capped_lines(problems, lang, None if show_all else MAX_LINES_PER_RULE)
    per_rule = Counter(p.code for p in problems)
    if not show_all and any(n > MAX_LINES_PER_RULE for n in per_rule.values()):  # the list is cut
        rep.lines.append(ui("capped", lang).format(limit=MAX_LINES_PER_RULE))
    meta, _ = read_metadata(data_dir, lang) if data_dir.is_dir() else ({}, [])
    sumber = meta.get("sumber") or data_dir.resolve().name
    synthetic = meta.get("sintetis") is True and ui("synthetic", lang).lower() not in sumber.lower()
    label = f" · {ui('synthetic', lang)}" if synthetic else ""
    checksum = data_checksum(data_dir)[:12] if data_dir.is_dir() else "-"
    summary = [f"{ui('source', lang)}: {sumber}{label} · {data_dir} · sha256 {checksum}"]
    counts = ", ".join(f"{name} {fmt.number(len(df), lang)} {plural(len(df), 'row', lang)}"
                       for name, df in tables.items())
    summary.append(f"{ui('summary', lang)}: {counts}")
    elapsed = f"{time.perf_counter() - start:.1f}".replace(".", "," if lang == "id" else ".")
    summary.append(f"{fmt.number(rep.errors, lang)} {plural(rep.errors, 'error', lang)}, "
                   f"{fmt.number(rep.warnings, lang)} {plural(rep.warnings, 'warning', lang)} "
                   f"({elapsed} {ui('seconds', lang)})")
    summary.extend(master_lines(master, master_csv, tables, lang, show_all))
    summary.append(ui("not_ok" if rep.errors else "ok", lang))
    if not rep.errors:
        summary.append(coverage_line(data_dir, master, lang))
    rep.summary = summary
    rep.full = capped_lines(problems, lang, None) + ([""] if problems else []) + summary
    return rep


def master_lines(master, master_csv, tables, lang: str = "id", show_all: bool = False) -> list[str]:
    """Which master the codes were read with; for an older decree, the codes today's decree writes otherwise."""
    from kbreport.ingest.decrees import TODAY, get_decree, translate_desa
    from kbreport.ingest.wilayah import decree_of

    stem = decree_of(master)
    if stem is None:
        return [ui("master_file", lang).format(file=master_csv or "DataFrame")]
    found, total = master.attrs.get("decree_match", (0, 0))
    lines = [ui("master_decree", lang).format(decree=get_decree(stem).judul, found=fmt.number(found, lang),
                                              total=fmt.number(total, lang))]
    if stem != TODAY.stem and "kampung_kb" in tables:
        codes = tables["kampung_kb"]["kode_desa"].dropna().drop_duplicates()
        mapped, lost = translate_desa(codes, stem, TODAY)
        moved = int((mapped.notna() & (mapped != codes)).sum())
        if moved:
            lines.append(ui("master_moved", lang).format(n=fmt.number(moved, lang), today=TODAY.judul))
        if lost:
            shown = lost if show_all else lost[:MAX_LINES_PER_RULE]
            more = "" if len(shown) == len(lost) else f" …(+{fmt.number(len(lost) - len(shown), lang)})"
            lines.append(ui("master_lost", lang).format(n=fmt.number(len(lost), lang), today=TODAY.judul,
                                                        codes=", ".join(shown) + more))
    return lines


def coverage_line(data_dir: Path, master, lang: str = "id") -> str:
    """The regions the export covers: reports of regions outside it are refused by `kbreport run`."""
    from kbreport.ingest.coverage import data_coverage

    try:
        cov = data_coverage(data_dir)
    except ValueError as e:  # sumber.json's cakupan_wilayah is wrong: kbreport's own message
        return str(e)
    except OSError as e:
        return unreadable(e, data_dir, lang)
    how = t("cli.coverage.declared" if cov.declared else "cli.coverage.inferred", lang)
    return t("cli.coverage", lang, regions=cov.describe(master, lang), how=how)


def unreadable(e: OSError, path: str | Path, lang: str = "id") -> str:
    """One line for a file or folder that could not be read: the path and why, never "[Errno 13]"."""
    key = {errno.EACCES: "denied", errno.EPERM: "denied", errno.ENOENT: "missing"}.get(e.errno, "other")
    why = os_reason(key, lang, code=errno.errorcode.get(e.errno, e.errno))
    return t("cli.unreadable", lang, path=e.filename or path, why=why)


def write_report(rep: ValidationReport, out_file: str | Path, lang: str = "id") -> str:
    """Write the full list to `out_file` (atomically) and return the line saying so; KbreportError naming
    the file and the reason when it cannot be written."""
    from kbreport.paths import atomic_write_text

    try:
        atomic_write_text(out_file, "\n".join(rep.full) + "\n")
    except OSError as e:
        why = os_reason({errno.EACCES: "denied", errno.EPERM: "denied", errno.ENOSPC: "full",
                         errno.EROFS: "read_only", errno.ENOENT: "missing"}.get(e.errno, "other"), lang,
                        code=errno.errorcode.get(e.errno, e.errno))
        raise KbreportError(ui("cannot_write", lang).format(file=out_file, reason=why)) from e
    n = len(rep.problems)
    return t("ui.written", lang, n=fmt.number(n, lang), file=out_file, problems=plural(n, "problem", lang))
