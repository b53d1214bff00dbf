"""The data read with the decree in force on a day (kbreport.ingest.dataset.with_master_on), its desa codes
translated once per run instead of once per report.

Every report of a run reads the same tables, and most share one as_of decree, yet translate_desa took
~0.4 s per report (issue 14). The translated codes are kept per (source decree, target decree), and reused
only while the tables' desa codes equal those translated (checked on every call: a report's own edited
copy, or another data folder, is translated afresh). Tables and master stay per-call copy-on-write copies.
"""
from __future__ import annotations

import pandas as pd

__all__ = ["with_master_on", "translated_codes", "clear"]

# (src, dst, table) -> (input codes, translated codes, lost codes); one data set per table and decree pair
_CACHE: dict[tuple[str, str, str], tuple[pd.Series, pd.Series, frozenset]] = {}
_MAX = 16
calls = {"translate": 0}  # translate_desa runs, for tests


def clear() -> None:
    _CACHE.clear()


def translated_codes(col: pd.Series, src: str, dst, table: str) -> tuple[pd.Series, frozenset]:
    """kbreport.ingest.dataset.translated_codes, kept per (src, dst, table) while col is the same."""
    from kbreport.ingest.dataset import translated_codes as translate

    key = (src, dst.stem, table)
    hit = _CACHE.get(key)
    if hit is not None and hit[0].index.equals(col.index) and hit[0].equals(col):
        return hit[1].copy(deep=False), hit[2]
    calls["translate"] += 1
    out, gone = translate(col, src, dst)
    if len(_CACHE) >= _MAX:
        _CACHE.clear()
    _CACHE[key] = (col.copy(), out, frozenset(gone))
    return out.copy(deep=False), frozenset(gone)


def with_master_on(ds, day):
    """kbreport.ingest.dataset.with_master_on, with the translation cached (module docstring)."""
    from kbreport.ingest.dataset import with_master_on as plain

    return plain(ds, day, translate=translated_codes)
