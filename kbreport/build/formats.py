"""Output formats of a report: their names, the files they become, and the one parser of a list of them."""
from __future__ import annotations

from collections.abc import Iterable

__all__ = ["ALL_FORMATS", "OUTPUT_FILES", "FormatError", "check_formats"]

ALL_FORMATS = ("ipynb", "html", "pdf", "xlsx")
OUTPUT_FILES = {"ipynb": "briefing.ipynb", "html": "briefing.html", "pdf": "briefing.pdf", "xlsx": "annex.xlsx"}


class FormatError(ValueError):
    """A list of formats with unknown ones (`bad`) or none at all (`bad` empty)."""

    def __init__(self, bad: Iterable[str] = ()):
        self.bad = tuple(bad)
        super().__init__(f"format tidak dikenal: {', '.join(self.bad) or '(kosong)'}; pilih dari {', '.join(ALL_FORMATS)}")

    def __reduce__(self):  # the message is derived: rebuild from `bad`, not from args
        return (type(self), (self.bad,))


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """The formats asked for, trimmed, lower-cased, each once, in order; FormatError when one is
    unknown or none is left. A string is one comma-separated list (`--formats html,pdf`)."""
    if isinstance(formats, str):
        formats = formats.split(",")
    fs = tuple(dict.fromkeys(f.strip().lower() for f in formats if f and f.strip()))
    bad = [f for f in fs if f not in ALL_FORMATS]
    if bad or not fs:
        raise FormatError(bad)
    return fs
