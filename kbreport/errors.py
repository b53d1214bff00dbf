"""Exception types. Each carries what the user needs to fix the problem."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file. `row` is the spreadsheet row (header = 1), None for file-level."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    code: str  # rule id, e.g. "kode_desa_unknown"; messages are looked up by it
    message: str  # plain-language reason, already in the requested language
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        from kbreport.text.messages import format_problem  # lazy: messages imports this module

        return format_problem(self)


class KbreportError(Exception):
    """Base class of every error kbreport raises on purpose."""


class DataValidationError(KbreportError):
    """The data folder has errors; `problems` lists every one (errors and warnings). The message
    lists the errors in `lang`, at most 20 per rule ("… dan 3.046 lagi"), like `kbreport validate`."""

    def __init__(self, problems: list[Problem], lang: str = "id"):
        from kbreport.text.messages import capped_lines, format_int, ui  # lazy: messages imports this module

        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        shown = "\n".join(f"  {line}" for line in capped_lines(errors, lang))
        super().__init__(f"{ui('errors_in_data', lang).format(n=format_int(len(errors), lang))}:\n{shown}")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


class MasterError(KbreportError):
    """The region master (wilayah) file is missing or malformed."""


class UnknownRegionError(KbreportError, KeyError):
    """A region code is not in the master."""

    def __init__(self, kode: str):
        self.kode = kode
        super().__init__(f"unknown region code {kode!r}: not in the Kemendagri master")

    def __str__(self) -> str:  # KeyError would repr() the message
        return self.args[0]


class ParamsError(KbreportError):
    """A params file is invalid: names the file, the key and the reason."""

    def __init__(self, file: str, key: str | None, reason: str):
        self.file, self.key, self.reason = file, key, reason
        where = f"{file}: {key}: " if key else f"{file}: "
        super().__init__(where + reason)


class ReportError(KbreportError):
    """Building one report failed (execution, rendering or timeout)."""


class ReportTimeout(ReportError, TimeoutError):
    """A batch worker's own alarm: the report ran past its time limit."""
