"""Rumah DataKu: ada / tidak / belum among the Kampung KB of a unit, as of a date, against a target share.

Counted over the counting Kampung KB (launched on or before as_of and active then). A Kampung KB's status is
that of its profile row in force as of as_of (kbreport.analysis.history), except that:
- an 'ada' whose rumah_dataku_tanggal is after as_of counts as 'belum' (it was not yet formed);
- an 'ada' without a date counts as 'tanpa_tanggal', in no status (validation warns: it cannot be placed
  at any date). With as_of None (no cut-off) it is 'ada'.
A Kampung KB with no profile row in force is counted in `tanpa_profil`, not in any status.

The default target (DEFAULT_RDK_TARGET_PERSEN, 75 % of Kampung KB) was set by BKKBN Banten in 2023
(domain notes: "Some provinces set a target of Rumah DataKu in 75% of Kampung KB (Banten 2023)"); the
source gives the year only, so it applies from 1 January 2023 (DEFAULT_RDK_TARGET_SEJAK) and
`default_target(as_of)` is None before: a briefing of an earlier date quotes no Rumah DataKu target.

Columns (one row per sub-unit by kode, then the total row):
  kode, nama, kampung_kb, ada, tidak, belum, tanpa_tanggal, tanpa_profil
                 (ada + tidak + belum + tanpa_tanggal + tanpa_profil = kampung_kb)
  ada_persen, tidak_persen, belum_persen   100 × status / kampung_kb, NaN when kampung_kb is 0
  kekurangan     Rumah DataKu still to form to reach target_persen of kampung_kb:
                 ceil(target × kampung_kb / 100) − ada, never below 0 (0 without a target)
  selisih_poin   target_persen − ada_persen, never below 0 (NaN when kampung_kb is 0 or without a target)
  total
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from kbreport.analysis.coverage import percent, target_count
from kbreport.analysis.history import rows_as_of
from kbreport.analysis.units import Scope, check_columns, days, scope, to_date

DEFAULT_RDK_TARGET_PERSEN = 75.0  # Banten 2023 (module doc)
DEFAULT_RDK_TARGET_SEJAK = date(2023, 1, 1)  # the source gives 2023 only
STATUSES = ("ada", "tidak", "belum")
RDK_COLUMNS = ["kode", "nama", "kampung_kb", "ada", "tidak", "belum", "tanpa_tanggal", "tanpa_profil", "ada_persen",
               "tidak_persen", "belum_persen", "kekurangan", "selisih_poin", "total"]


def default_target(as_of) -> float | None:
    """The default Rumah DataKu target in force on `as_of` (None before it was set; see the module doc)."""
    d = to_date(as_of)
    return DEFAULT_RDK_TARGET_PERSEN if d is None or d >= DEFAULT_RDK_TARGET_SEJAK else None


def status_as_of(sc: Scope, profil: pd.DataFrame) -> np.ndarray:
    """Rumah DataKu status of each counting Kampung KB of the scope as of sc.as_of: 'ada' | 'tidak' |
    'belum' | 'tanpa_tanggal' ('ada' without a date) | 'tanpa_profil' (no profile row, or a blank/unknown status)."""
    check_columns(profil, ("kampung_kb_id", "rumah_dataku"), "profil")
    pos = rows_as_of(profil, sc.kampung_kb, sc.as_of)[sc.kkb["row"].to_numpy()]
    has = pos >= 0
    status = np.full(len(pos), "tanpa_profil", dtype=object)
    raw = profil["rumah_dataku"].to_numpy(dtype=object, na_value="")[pos[has]]
    codes, uniques = pd.factorize(raw)  # normalise each distinct spelling once
    clean = np.array([str(v).strip().lower() for v in uniques] + ["tanpa_profil"], dtype=object)
    clean = np.where(np.isin(clean, STATUSES), clean, "tanpa_profil")
    vals = clean[codes] if len(codes) else np.array([], dtype=object)
    if sc.as_of is not None:
        if "rumah_dataku_tanggal" in profil.columns:
            tgl = days(profil["rumah_dataku_tanggal"])[pos[has]]
        else:
            tgl = np.full(int(has.sum()), np.datetime64("NaT"), dtype="datetime64[D]")
        later = tgl > np.datetime64(sc.as_of.date(), "D")  # NaT compares False
        vals = np.where((vals == "ada") & later, "belum", np.where((vals == "ada") & np.isnat(tgl), "tanpa_tanggal", vals))
    status[has] = vals
    return status


def _table(t: pd.DataFrame, target_persen: float | None) -> pd.DataFrame:
    for s in STATUSES:
        t[f"{s}_persen"] = percent(t[s], t["kampung_kb"])
    if target_persen is None:  # no target in force: nothing is "still needed"
        t["kekurangan"] = np.zeros(len(t), dtype=np.int64)
        t["selisih_poin"] = np.nan
        return t
    t["kekurangan"] = np.maximum(target_count(t["kampung_kb"], target_persen) - t["ada"].to_numpy(), 0)
    ap = t["ada_persen"].to_numpy(dtype=float)
    t["selisih_poin"] = np.where(np.isnan(ap), np.nan, np.maximum(float(target_persen) - ap, 0.0))
    return t


def rumah_dataku_from_scope(sc: Scope, profil: pd.DataFrame,
                            target_persen: float | None = DEFAULT_RDK_TARGET_PERSEN) -> pd.DataFrame:
    status = status_as_of(sc, profil)
    cols = {"kampung_kb": sc.sum_kkb()}
    for c in ("ada", "tidak", "belum", "tanpa_tanggal", "tanpa_profil"):
        cols[c] = sc.sum_kkb(status == c)
    cols = {c: v.astype(np.int64) for c, v in cols.items()}
    out = sc.frame(cols, {c: int(v.sum()) for c, v in cols.items()})
    return _table(out, target_persen)[RDK_COLUMNS]


def rumah_dataku(desa: pd.DataFrame, kampung_kb: pd.DataFrame, profil: pd.DataFrame, kode: str | None = None,
                 as_of=None, target_persen: float | None = DEFAULT_RDK_TARGET_PERSEN) -> pd.DataFrame:
    """Rumah DataKu status counts and shares by sub-unit of `kode` as of `as_of` (see module doc)."""
    return rumah_dataku_from_scope(scope(desa, kampung_kb, kode, as_of), profil, target_persen)
