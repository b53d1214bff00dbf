"""Freed memory given back to the operating system.

glibc keeps a process's freed heap for reuse, so a process that once parsed a data folder (the runner's
check, a kernel's warm-up: ~160 MB of parse garbage for the demo data) holds that peak for the rest of
its life, and a run's processes together overshoot their working set (issue 14).
"""
from __future__ import annotations

import contextlib
import ctypes
import gc
import sys

__all__ = ["release_free_memory"]


def release_free_memory() -> None:
    """Collect garbage, then hand the free heap back (Linux/glibc; elsewhere only the collection)."""
    gc.collect()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)
