"""Rumah DataKu: ada / tidak / belum among the Kampung KB of a unit, as of a date, against a target share.

Counted over the counting Kampung KB (active, launched on or before as_of). A Kampung KB's status is its
profile's `rumah_dataku`, except that an 'ada' whose rumah_dataku_tanggal is after as_of counts as 'belum'
as of then (it was not yet formed; the profile is current, so we cannot know whether it was planned, and
'belum' is the closest). An 'ada' without a date counts as 'ada' (validation asks for the date).
A Kampung KB with no profile row is counted in `tanpa_profil`, not in any status.

Columns (one row per sub-unit by kode, then the total row):
  kode, nama, kampung_kb, ada, tidak, belum, tanpa_profil   (ada + tidak + belum + tanpa_profil = kampung_kb)
  ada_persen, tidak_persen, belum_persen   100 × status / kampung_kb, NaN when kampung_kb is 0
  kekurangan     Rumah DataKu still to form to reach target_persen of kampung_kb:
                 ceil(target × kampung_kb / 100) − ada, never below 0
  selisih_poin   target_persen − ada_persen, never below 0 (NaN when kampung_kb is 0)
  total
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kbreport.analysis.coverage import percent, target_count
from kbreport.analysis.units import Scope, check_columns, days, key_positions, scope

DEFAULT_RDK_TARGET_PERSEN = 75.0  # e.g. Banten 2023
STATUSES = ("ada", "tidak", "belum")
RDK_COLUMNS = ["kode", "nama", "kampung_kb", "ada", "tidak", "belum", "tanpa_profil", "ada_persen", "tidak_persen",
               "belum_persen", "kekurangan", "selisih_poin", "total"]


def status_as_of(sc: Scope, profil: pd.DataFrame) -> np.ndarray:
    """Rumah DataKu status of each counting Kampung KB of the scope as of sc.as_of:
    'ada' | 'tidak' | 'belum' | 'tanpa_profil' (no profile row, or a blank/unknown status)."""
    check_columns(profil, ("kampung_kb_id", "rumah_dataku"), "profil")
    pos = key_positions(profil, "kampung_kb_id", sc.kampung_kb)[sc.kkb["row"].to_numpy()]
    has = pos >= 0
    status = np.full(len(pos), "tanpa_profil", dtype=object)
    raw = profil["rumah_dataku"].to_numpy(dtype=object, na_value="")[pos[has]]
    codes, uniques = pd.factorize(raw)  # normalise each distinct spelling once
    clean = np.array([str(v).strip().lower() for v in uniques] + ["tanpa_profil"], dtype=object)
    clean = np.where(np.isin(clean, STATUSES), clean, "tanpa_profil")
    vals = clean[codes] if len(codes) else np.array([], dtype=object)
    if sc.as_of is not None and "rumah_dataku_tanggal" in profil.columns:
        tgl = days(profil["rumah_dataku_tanggal"])[pos[has]]
        later = tgl > np.datetime64(sc.as_of.date(), "D")  # NaT compares False: 'ada' without a date stays 'ada'
        vals = np.where((vals == "ada") & later, "belum", vals)
    status[has] = vals
    return status


def _table(t: pd.DataFrame, target_persen: float) -> pd.DataFrame:
    for s in STATUSES:
        t[f"{s}_persen"] = percent(t[s], t["kampung_kb"])
    t["kekurangan"] = np.maximum(target_count(t["kampung_kb"], target_persen) - t["ada"].to_numpy(), 0)
    ap = t["ada_persen"].to_numpy(dtype=float)
    t["selisih_poin"] = np.where(np.isnan(ap), np.nan, np.maximum(float(target_persen) - ap, 0.0))
    return t


def rumah_dataku_from_scope(sc: Scope, profil: pd.DataFrame,
                            target_persen: float = DEFAULT_RDK_TARGET_PERSEN) -> pd.DataFrame:
    status = status_as_of(sc, profil)
    cols = {"kampung_kb": sc.sum_kkb()}
    for c in ("ada", "tidak", "belum", "tanpa_profil"):
        cols[c] = sc.sum_kkb(status == c)
    cols = {c: v.astype(np.int64) for c, v in cols.items()}
    out = sc.frame(cols, {c: int(v.sum()) for c, v in cols.items()})
    return _table(out, target_persen)[RDK_COLUMNS]


def rumah_dataku(desa: pd.DataFrame, kampung_kb: pd.DataFrame, profil: pd.DataFrame, kode: str | None = None,
                 as_of=None, target_persen: float = DEFAULT_RDK_TARGET_PERSEN) -> pd.DataFrame:
    """Rumah DataKu status counts and shares by sub-unit of `kode` as of `as_of` (see module doc)."""
    return rumah_dataku_from_scope(scope(desa, kampung_kb, kode, as_of), profil, target_persen)
