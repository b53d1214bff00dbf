"""Output formats of a report: their names, the files they become, and the one parser of a list of them."""
from __future__ import annotations

from collections.abc import Iterable

__all__ = ["ALL_FORMATS", "OUTPUT_FILES", "check_formats"]

ALL_FORMATS = ("ipynb", "html", "pdf", "xlsx")
OUTPUT_FILES = {"ipynb": "briefing.ipynb", "html": "briefing.html", "pdf": "briefing.pdf", "xlsx": "annex.xlsx"}


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """The formats asked for, trimmed, lower-cased, each once, in order; ValueError naming the unknown
    ones when there are any or none is left. A string is one comma-separated list (`--formats html,pdf`)."""
    if isinstance(formats, str):
        formats = formats.split(",")
    fs = tuple(dict.fromkeys(f.strip().lower() for f in formats if f and f.strip()))
    bad = [f for f in fs if f not in ALL_FORMATS]
    if bad or not fs:
        raise ValueError(f"format tidak dikenal: {', '.join(bad) or '(kosong)'}; pilih dari {', '.join(ALL_FORMATS)}")
    return fs
