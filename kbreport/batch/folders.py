"""The run's own names in the output folder, its lock, the checks before its first write, and its clean-up.

    OUT/.work/           working folders of the reports and the libraries' temporary files
    OUT/.logs/<name>.log the log of a report that failed
    OUT/.kbreport-run.lock, OUT/manifest.json, OUT/index.html
    OUT/.kbreport-data-ok.json  the data last found valid (kbreport.batch.data_check)
    OUT/.kbreport-cache/        that data parsed, for the kernels (kbreport.ingest.dataset_store)

Nothing is written, removed or renamed through a symlink: a symlink at one of these names stops
the run before its first write (the output folder itself may be one: the user chose it).
"""
from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from kbreport.errors import ReportError
from kbreport.paths import describe_os_error, folder_problem, make_folder, symlink_refusal
from kbreport.text.messages import run_message

__all__ = ["WORK_DIR_NAME", "LOGS_DIR_NAME", "LOCK_NAME", "MANIFEST_NAME", "INDEX_NAME", "DATA_STORE_NAME", "prepare_output",
           "run_lock", "clean_work", "folder_reason"]

WORK_DIR_NAME = ".work"
LOGS_DIR_NAME = ".logs"
LOCK_NAME = ".kbreport-run.lock"
MANIFEST_NAME = "manifest.json"
DATA_STORE_NAME = ".kbreport-cache"  # kbreport.batch.data_check keeps the parsed data there
INDEX_NAME = "index.html"


def prepare_output(out: Path, lang: str) -> None:
    """The output folder, made if missing, must be a writable folder (it may be a symlink: the user
    chose it), and none of the run's own names in it a symlink or the wrong kind of entry; else the
    run stops here, in one line, before anything is written."""
    make_folder(out, lang, parents=True)
    problems = [folder_problem(out, lang, follow=True)]
    problems += [folder_problem(out / name, lang) for name in (WORK_DIR_NAME, LOGS_DIR_NAME, DATA_STORE_NAME)]
    for name in (LOCK_NAME, MANIFEST_NAME, INDEX_NAME):
        if (out / name).is_symlink():
            problems.append(symlink_refusal(out / name, lang))
        elif (out / name).is_dir():
            problems.append(run_message("not_a_file", lang, path=out / name))
    first = next((p for p in problems if p), None)
    if first:
        raise ReportError(first)


@contextlib.contextmanager
def run_lock(out_dir: Path, lang: str = "id"):
    """One run per output folder at a time (a second one would race on the same report folders)."""
    import fcntl

    try:  # O_NOFOLLOW: never create or touch a file through a symlink
        fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as e:
        raise ReportError(describe_os_error(e, out_dir / LOCK_NAME, lang)) from None
    fh = os.fdopen(fd, "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ReportError(f"{out_dir}: proses kbreport run lain sedang menulis ke folder ini") from None
        yield
    finally:
        fh.close()


def clean_work(out_dir: Path) -> None:
    """Remove the working folder and leftovers of interrupted atomic writes (at start and end of a run)."""
    shutil.rmtree(out_dir / WORK_DIR_NAME, ignore_errors=True)
    for p in out_dir.glob(".*.tmp"):
        if p.is_symlink():  # not one of ours
            continue
        with contextlib.suppress(OSError):
            p.unlink()


def folder_reason(e: BaseException, folder: Path, lang: str) -> str:
    """One line for a folder that refused a write: a ReportError says it already; an OSError is described."""
    return str(e) if isinstance(e, ReportError) else describe_os_error(e, folder, lang, folder=True)
