"""The data folder, validated once per run before any worker starts — and not again while it is unchanged.

A run validates its data in the runner (so bad data stops it with one validation report, before any
kernel starts). A successful check is remembered in OUT/.kbreport-data-ok.json under the sha256 of
every data file, the kbreport code and the day (validation compares dates with today): the next run on
the same data, such as a re-run or one report rebuilt, skips the ~4 s check. The parsed tables are
dropped afterwards: the runner does not need them, and the kernels parse their own.
"""
from __future__ import annotations

import contextlib
import gc
import json
from datetime import date
from pathlib import Path

from kbreport.batch.stamps import HashCache, code_fingerprint, digest_of
from kbreport.errors import ReportError
from kbreport.paths import atomic_write_bytes
from kbreport.text.messages import run_message

__all__ = ["DATA_OK_NAME", "DATA_ERRORS_SHOWN", "check_data", "data_check_key"]

DATA_OK_NAME = ".kbreport-data-ok.json"
DATA_ERRORS_SHOWN = 20


def data_check_key(data: Path, lang: str, cache: HashCache | None = None) -> str:
    cache = cache or HashCache()
    return digest_of({"data": cache.tree(data), "code": code_fingerprint(cache), "lang": lang,
                      "today": date.today().isoformat()})


def _remembered(out: Path, key: str) -> bool:
    path = out / DATA_OK_NAME
    if path.is_symlink() or not path.is_file():
        return False
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("key") == key
    except (OSError, ValueError, AttributeError):
        return False


def check_data(data: Path, out: Path, lang: str, cache: HashCache | None = None) -> bool:
    """Validate `data` unless OUT remembers it valid as it is now; True when it was validated here.
    Errors raise ReportError with the validation report (kbreport.text.messages' lines, `lang`)."""
    key = data_check_key(data, lang, cache)
    if _remembered(out, key):
        return False
    _validate(data, lang)
    with contextlib.suppress(OSError, ReportError):  # only a speed-up: a folder refusing it changes nothing
        if not (out / DATA_OK_NAME).is_symlink():
            atomic_write_bytes(out / DATA_OK_NAME, json.dumps({"key": key, "data": str(data)}).encode(), lang)
    return True


def _validate(data: Path, lang: str) -> None:
    from kbreport.errors import DataValidationError
    from kbreport.ingest.dataset import load_data
    from kbreport.text.messages import format_problem

    try:
        load_data(data, lang=lang)
    except DataValidationError as e:
        errors = [p for p in e.problems if p.severity == "error"]
        lines = [run_message("data_invalid", lang, folder=data, n=len(errors))]
        lines += [f"  {format_problem(p, lang)}" for p in errors[:DATA_ERRORS_SHOWN]]
        if len(errors) > DATA_ERRORS_SHOWN:
            lines.append("  " + run_message("data_more", lang, n=len(errors) - DATA_ERRORS_SHOWN))
        raise ReportError("\n".join(lines)) from None
    finally:
        gc.collect()  # the parsed tables, gone with load_data's frame
        _trim()


def _trim() -> None:
    """Give freed heap back to the OS (glibc keeps it otherwise): the runner's peak stays its own."""
    import ctypes
    import sys

    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)
