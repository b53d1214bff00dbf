"""Exception types and the Problem record: a leaf module that imports nothing of kbreport.

Each error carries what the user needs to fix the problem as attributes (file, key, reason, the
problems found) and survives pickling, so a Dask worker can hand it back to the parent process (the
model: nbclient's CellExecutionError, whose `__reduce__` rebuilds it from its own arguments). The
text a user reads is made in kbreport.text (messages, catalogue) and passed in already formatted.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file. `row` is the spreadsheet row (header = 1), None for file-level.
    Printed by kbreport.text.messages.format_problem in the user's language."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    code: str  # rule id, e.g. "kode_desa_unknown"; messages are looked up by it
    message: str  # plain-language reason, already in the requested language
    severity: str = "error"  # "error" or "warning"


class KbreportError(Exception):
    """Base class of every error kbreport raises on purpose; str() is the message for the user."""


class DataValidationError(KbreportError):
    """The data folder has errors; `problems` lists every one (errors and warnings). `message` is the
    report a user reads (kbreport.text.messages.data_validation_error makes it in the user's language)."""

    def __init__(self, problems: list[Problem], message: str = ""):
        self.problems = list(problems)
        self.message = message
        super().__init__(message)

    def __reduce__(self):
        return type(self), (self.problems, self.message)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


class MasterError(KbreportError):
    """The region master (wilayah) file is missing or malformed; `file` names it when known, `problems`
    lists the rows at fault (same shape as DataValidationError.problems)."""

    def __init__(self, message: str, file: str | None = None, problems: list[Problem] | None = None):
        self.message, self.file = message, file
        self.problems = list(problems or [])
        super().__init__(message)

    def __reduce__(self):
        return type(self), (self.message, self.file, self.problems)


class UnknownRegionError(KbreportError, KeyError):
    """A region code is not in the master; `kode` is that code."""

    def __init__(self, kode: str, message: str | None = None):
        self.kode = kode
        self.message = message if message is not None else f"{kode!r}"
        super().__init__(self.message)

    def __reduce__(self):  # the default would pass the message as `kode`, doubling it
        return type(self), (self.kode, self.message)

    def __str__(self) -> str:  # KeyError would repr() the message
        return self.message


class ParamsError(KbreportError):
    """A params file is invalid: names the file, the key (None: the whole file) and the reason.

    `reason` (and str()) is the Indonesian text. `msg` and `fields` say the same as a catalogue key
    (`params.*`) and the values filled into it, so kbreport.text.params_text renders it in the user's
    language; a field holding {"id": ..., "en": ...} is itself in both languages. `also`: the other
    problems of the same file, each (key, msg, fields). Without `msg` the reason is shown as it is."""

    def __init__(self, file: str, key: str | None, reason: str, msg: str | None = None,
                 fields: dict | None = None, also: tuple | list = ()):
        self.file, self.key, self.reason = file, key, reason
        self.msg, self.fields = msg, dict(fields or {})
        self.also = tuple(tuple(x) for x in also)
        where = f"{file}: {key}: " if key else f"{file}: "
        super().__init__(where + reason)

    def __reduce__(self):
        return type(self), (self.file, self.key, self.reason, self.msg, self.fields, self.also)


class ReportError(KbreportError):
    """Building one report failed (execution, rendering or timeout); str() says why."""


class ReportTimeout(ReportError, TimeoutError):
    """A batch worker's own alarm: the report ran past its time limit."""
