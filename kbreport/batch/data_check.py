"""The data folder, validated once per run before any worker starts — and not again while it is unchanged.

A run validates its data in the runner (so bad data stops it with one validation report, before any
kernel starts). A successful check is remembered in OUT/.kbreport-data-ok.json under the sha256 of
every data file, the kbreport code and the day (validation compares dates with today): the next run on
the same data, such as a re-run or one report rebuilt, skips the ~4 s check. The parsed tables are
left in OUT/.kbreport-cache/ (kbreport.ingest.dataset_store, under data_store's key) for the local
kernels, which load them in ~0.5 s instead of parsing the folder (~8 s, demo data), in this run and the next;
the runner itself drops them.
"""
from __future__ import annotations

import contextlib
import json
from datetime import date
from pathlib import Path

from kbreport.batch.folders import DATA_STORE_NAME
from kbreport.batch.stamps import HashCache, code_fingerprint, digest_of
from kbreport.errors import ReportError
from kbreport.heap import release_free_memory
from kbreport.paths import atomic_write_bytes
from kbreport.text.messages import run_message

__all__ = ["DATA_OK_NAME", "DATA_STORE_NAME", "DATA_ERRORS_SHOWN", "check_data", "data_check_key", "data_store"]

DATA_OK_NAME = ".kbreport-data-ok.json"
DATA_ERRORS_SHOWN = 20


def data_check_key(data: Path, lang: str, cache: HashCache | None = None) -> str:
    cache = cache or HashCache()
    return digest_of({"data": cache.tree(data), "code": code_fingerprint(cache), "lang": lang,
                      "today": date.today().isoformat()})


def data_store(data: Path, out: Path, cache: HashCache | None = None) -> tuple[str, str]:
    """(folder, key) of the DatasetStore entry for `data` as the kernels parse it (Indonesian, the bundled
    master, today): the key also names the folder's place, which the Dataset records."""
    cache = cache or HashCache()
    key = digest_of({"data": cache.tree(data), "path": str(Path(data).resolve()), "code": code_fingerprint(cache),
                     "lang": "id", "today": date.today().isoformat()})
    return str(out / DATA_STORE_NAME), key


def _remembered(out: Path, key: str) -> bool:
    path = out / DATA_OK_NAME
    if path.is_symlink() or not path.is_file():
        return False
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("key") == key
    except (OSError, ValueError, AttributeError):
        return False


def check_data(data: Path, out: Path, lang: str, cache: HashCache | None = None,
               store: tuple[str, str] | None = None) -> bool:
    """Validate `data` unless OUT remembers it valid as it is now; True when it was validated here.
    Errors raise ReportError with the validation report (kbreport.text.messages' lines, `lang`).
    `store` (data_store's): where an Indonesian parse is left for the kernels."""
    key = data_check_key(data, lang, cache)
    if _remembered(out, key):
        return False
    _validate(data, lang, store if lang == "id" else None)
    with contextlib.suppress(OSError, ReportError):  # only a speed-up: a folder refusing it changes nothing
        if not (out / DATA_OK_NAME).is_symlink():
            atomic_write_bytes(out / DATA_OK_NAME, json.dumps({"key": key, "data": str(data)}).encode(), lang)
    return True


def _validate(data: Path, lang: str, store: tuple[str, str] | None = None) -> None:
    from kbreport.errors import DataValidationError
    from kbreport.ingest.dataset import load_data
    from kbreport.ingest.dataset_store import DatasetStore
    from kbreport.text.messages import format_problem

    try:
        ds = load_data(data, lang=lang)
        if store is not None:
            DatasetStore(*store).save(ds)
        del ds
    except DataValidationError as e:
        errors = [p for p in e.problems if p.severity == "error"]
        lines = [run_message("data_invalid", lang, folder=data, n=len(errors))]
        lines += [f"  {format_problem(p, lang)}" for p in errors[:DATA_ERRORS_SHOWN]]
        if len(errors) > DATA_ERRORS_SHOWN:
            lines.append("  " + run_message("data_more", lang, n=len(errors) - DATA_ERRORS_SHOWN))
        raise ReportError("\n".join(lines)) from None
    finally:
        release_free_memory()  # the parsed tables, gone with load_data's frame: the runner's peak stays its own
