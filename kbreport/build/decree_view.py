"""The data read with the decree in force on a day (kbreport.ingest.dataset.with_master_on), its desa codes
translated once per run instead of once per report.

Every report of a run reads the same tables, and most share one as_of decree, yet translate_desa took
~0.4 s per report (issue 14). The translated codes are kept per (source decree, target decree), and reused
only while the tables' desa codes equal those translated (checked on every call: a report's own edited
copy, or another data folder, is translated afresh). Tables and master stay per-call copy-on-write copies.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

__all__ = ["with_master_on", "translated_codes", "clear"]

_TABLES = ("kampung_kb", "desa_cantik")
# (src, dst, table) -> (input codes, translated codes, lost codes); one data set per table and decree pair
_CACHE: dict[tuple[str, str, str], tuple[pd.Series, pd.Series, frozenset]] = {}
_MAX = 16
calls = {"translate": 0}  # translate_desa runs, for tests


def clear() -> None:
    _CACHE.clear()


def translated_codes(col: pd.Series, src: str, dst, table: str) -> tuple[pd.Series, frozenset]:
    """translate_desa(col, src, dst) as a Series on col's index and dtype, and the codes lost."""
    from kbreport.ingest.decrees import translate_desa

    key = (src, dst.stem, table)
    hit = _CACHE.get(key)
    if hit is not None and hit[0].index.equals(col.index) and hit[0].equals(col):
        return hit[1], hit[2]
    calls["translate"] += 1
    codes, gone = translate_desa(col.astype(object), src, dst)
    out = pd.Series(codes.to_numpy(), index=col.index).astype(col.dtype)
    if len(_CACHE) >= _MAX:
        _CACHE.clear()
    _CACHE[key] = (col.copy(), out, frozenset(gone))
    return out, frozenset(gone)


def with_master_on(ds, day):
    """kbreport.ingest.dataset.with_master_on, with the translation cached (module docstring)."""
    from kbreport.ingest.decrees import decree_in_force
    from kbreport.ingest.wilayah import load_master

    src = ds.master_wilayah
    if src is None or day is None:
        return ds
    dst = decree_in_force(day)
    if dst.stem == src:
        return ds
    master = load_master(decree=dst)
    lost: set[str] = set()
    tables = {}
    for name in _TABLES:
        df = getattr(ds, name)
        codes, gone = translated_codes(df["kode_desa"], src, dst, name)
        lost.update(gone)
        tables[name] = df.assign(kode_desa=codes.copy(deep=False))
    master.attrs.update(dibaca_dengan=src, tidak_terpetakan=sorted(lost))
    return replace(ds, master=master, **tables)
