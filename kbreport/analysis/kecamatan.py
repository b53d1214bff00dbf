"""Kecamatan holding a Kampung KB, per sub-unit of a unit, as of a date ("satu kecamatan satu Kampung KB").

Counted over the kecamatan of the desa table given (the decree in force on as_of, when the briefing loads
the master so) and the counting Kampung KB (launched on or before as_of and active then, as every count).

Columns (one row per sub-unit by kode, then the total row):
  kode, nama
  kecamatan            kecamatan of the sub-unit (those with at least one desa/kelurahan in the table)
  kecamatan_tercakup   of them, those holding at least one counting Kampung KB
  kecamatan_persen     100 × kecamatan_tercakup / kecamatan, NaN when kecamatan is 0
  total
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kbreport.analysis.coverage import percent
from kbreport.analysis.units import KECAMATAN, Scope, scope

KECAMATAN_COLUMNS = ["kode", "nama", "kecamatan", "kecamatan_tercakup", "kecamatan_persen", "total"]


def _per_sub(sub: np.ndarray, kec: np.ndarray, n_sub: int) -> np.ndarray:
    """Distinct kecamatan per sub-unit, from (sub-unit, kecamatan) of each row."""
    if not len(sub):
        return np.zeros(n_sub, dtype=np.int64)
    pairs = np.unique(np.stack([np.asarray(sub, dtype=np.int64), np.asarray(kec, dtype=np.int64)]), axis=1)
    return np.bincount(pairs[0], minlength=n_sub).astype(np.int64)


def kecamatan_from_scope(sc: Scope) -> pd.DataFrame:
    codes = sc.index.levels[KECAMATAN].codes
    drow = sc.kkb["desa_row"].to_numpy()
    kec = _per_sub(sc.desa_sub, codes[sc.desa_rows], sc.n_sub)
    cov = _per_sub(sc.kkb["sub"].to_numpy(), codes[drow], sc.n_sub)
    tot_k, tot_c = int(len(np.unique(codes[sc.desa_rows]))), int(len(np.unique(codes[drow])))
    out = sc.frame({"kecamatan": kec, "kecamatan_tercakup": cov},
                   {"kecamatan": tot_k, "kecamatan_tercakup": tot_c})
    out["kecamatan_persen"] = percent(out["kecamatan_tercakup"], out["kecamatan"])
    return out[KECAMATAN_COLUMNS]


def kecamatan_coverage(desa: pd.DataFrame, kampung_kb: pd.DataFrame, kode: str | None, as_of) -> pd.DataFrame:
    """Kecamatan with a Kampung KB per sub-unit of `kode` as of `as_of` (see the module doc)."""
    return kecamatan_from_scope(scope(desa, kampung_kb, kode, as_of))
