"""Family-planning outcomes of a unit's Kampung KB, by sub-unit: always ratios of sums, never means of ratios.

Over the counting Kampung KB (launched on or before as_of and active then) that have a kkbpk row in force
as of as_of: each one's latest month ended by then (kbreport.analysis.history); later months are never used.
  peserta_kb          Σ kb_* (all methods)
  peserta_mkjp        Σ (kb_iud + kb_mow + kb_mop + kb_implan)
  pus_iat_tial        Σ (tkb_iat + tkb_tial)
  cpr                 100 × Σ peserta_kb / Σ pus
  mkjp                100 × Σ peserta_mkjp / Σ peserta_kb
  unmet               100 × Σ pus_iat_tial / Σ pus            (unmet-need proxy)
  partisipasi_poktan  100 × Σ peserta_poktan / Σ keluarga_poktan
Each ratio is NaN when its denominator is 0. Blank counts are treated as 0.
Columns: kode, nama, kampung_kb, dengan_data, pus, peserta_kb, peserta_mkjp, pus_iat_tial, keluarga_poktan,
peserta_poktan, cpr, mkjp, unmet, partisipasi_poktan, total.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kbreport.analysis.coverage import percent
from kbreport.analysis.history import rows_as_of
from kbreport.analysis.units import Scope, cached, check_columns, scope
from kbreport.ingest.schema import METODE_KB, METODE_MKJP

SUMS = ("pus", "peserta_kb", "peserta_mkjp", "pus_iat_tial", "keluarga_poktan", "peserta_poktan")
RATIOS = {  # name: (numerator, denominator)
    "cpr": ("peserta_kb", "pus"),
    "mkjp": ("peserta_mkjp", "peserta_kb"),
    "unmet": ("pus_iat_tial", "pus"),
    "partisipasi_poktan": ("peserta_poktan", "keluarga_poktan"),
}
_NEEDED = ("kampung_kb_id", "pus", *(f"kb_{m}" for m in METODE_KB), "tkb_iat", "tkb_tial",
           "keluarga_poktan", "peserta_poktan")


def _n(df: pd.DataFrame, c: str) -> np.ndarray:
    return pd.to_numeric(df[c], errors="coerce").fillna(0).to_numpy(dtype=float)


def per_kampung(kkbpk: pd.DataFrame) -> pd.DataFrame:
    """The six summed quantities per kkbpk row."""
    check_columns(kkbpk, _NEEDED, "kkbpk")
    return pd.DataFrame({
        "pus": _n(kkbpk, "pus"),
        "peserta_kb": sum(_n(kkbpk, f"kb_{m}") for m in METODE_KB),
        "peserta_mkjp": sum(_n(kkbpk, f"kb_{m}") for m in METODE_MKJP),
        "pus_iat_tial": _n(kkbpk, "tkb_iat") + _n(kkbpk, "tkb_tial"),
        "keluarga_poktan": _n(kkbpk, "keluarga_poktan"),
        "peserta_poktan": _n(kkbpk, "peserta_poktan"),
    })


def add_ratios(t: pd.DataFrame) -> pd.DataFrame:
    for name, (num, den) in RATIOS.items():
        t[name] = percent(t[num], t[den])
    return t


def outcomes_from_scope(sc: Scope, kkbpk: pd.DataFrame) -> pd.DataFrame:
    check_columns(kkbpk, _NEEDED, "kkbpk")
    pos = rows_as_of(kkbpk, sc.kampung_kb, sc.as_of)[sc.kkb["row"].to_numpy()]
    has = pos >= 0
    per = cached("kkbpk_sums", (kkbpk,), (_NEEDED,), lambda: per_kampung(kkbpk))
    cols = {"kampung_kb": sc.sum_kkb(), "dengan_data": sc.sum_kkb(has)}
    for c in SUMS:
        v = np.zeros(len(pos), dtype=float)
        v[has] = per[c].to_numpy()[pos[has]]
        cols[c] = sc.sum_kkb(v)
    cols = {c: np.rint(v).astype(np.int64) for c, v in cols.items()}
    out = add_ratios(sc.frame(cols, {c: int(v.sum()) for c, v in cols.items()}))
    return out[["kode", "nama", "kampung_kb", "dengan_data", *SUMS, *RATIOS, "total"]]


def kb_outcomes(desa: pd.DataFrame, kampung_kb: pd.DataFrame, kkbpk: pd.DataFrame, kode: str | None = None,
                as_of=None) -> pd.DataFrame:
    """CPR, MKJP share, unmet-need proxy and poktan participation by sub-unit and total (percent)."""
    return outcomes_from_scope(scope(desa, kampung_kb, kode, as_of), kkbpk)
