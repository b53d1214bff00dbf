"""Institutional readiness: the share of a unit's Kampung KB that have each institution, by sub-unit.

Denominator: the counting Kampung KB (active, launched on or before as_of), including those without a
profile row in force as of as_of (its latest period ended by then, kbreport.analysis.history); a Kampung KB
without one, or with a blank value, counts as not having it.
`pokja_terlatih` means at least one trained Pokja member (pokja_terlatih > 0).

Columns: kode, nama, kampung_kb, dengan_profil, then one column per READINESS_INDICATORS (percent 0–100,
NaN when kampung_kb is 0; or counts with jumlah=True), total.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kbreport.analysis.coverage import percent
from kbreport.analysis.history import rows_as_of
from kbreport.analysis.units import Scope, as_bool, check_columns, scope
from kbreport.ingest.schema import POKTAN

READINESS_INDICATORS = ("pokja_ada", "pokja_sk", "pokja_terlatih", "plkb_pendamping", "regulasi_ada",
                        "rencana_kerja", "sekretariat", *(f"poktan_{p}" for p in POKTAN))
READINESS_LABELS = {
    "id": {"pokja_ada": "Pokja", "pokja_sk": "SK Pokja", "pokja_terlatih": "Pokja terlatih",
           "plkb_pendamping": "PLKB/PKB pendamping", "regulasi_ada": "Regulasi", "rencana_kerja": "Rencana kerja",
           "sekretariat": "Sekretariat", "poktan_bkb": "BKB", "poktan_bkr": "BKR", "poktan_bkl": "BKL",
           "poktan_uppka": "UPPKA", "poktan_pikr": "PIK-R"},
    "en": {"pokja_ada": "Pokja", "pokja_sk": "Pokja decree (SK)", "pokja_terlatih": "Trained Pokja",
           "plkb_pendamping": "PLKB/PKB assigned", "regulasi_ada": "Regulation", "rencana_kerja": "Work plan",
           "sekretariat": "Secretariat", "poktan_bkb": "BKB", "poktan_bkr": "BKR", "poktan_bkl": "BKL",
           "poktan_uppka": "UPPKA", "poktan_pikr": "PIK-R"},
}


def readiness_from_scope(sc: Scope, profil: pd.DataFrame, jumlah: bool = False) -> pd.DataFrame:
    check_columns(profil, ("kampung_kb_id", *READINESS_INDICATORS), "profil")
    pos = rows_as_of(profil, sc.kampung_kb, sc.as_of)[sc.kkb["row"].to_numpy()]
    has = pos >= 0
    cols = {"kampung_kb": sc.sum_kkb(), "dengan_profil": sc.sum_kkb(has)}
    for c in READINESS_INDICATORS:
        if c == "pokja_terlatih":  # a count: at least one trained member
            flag = pd.to_numeric(profil[c], errors="coerce").fillna(0).to_numpy(dtype=float) > 0
        else:
            flag = as_bool(profil[c])
        v = np.zeros(len(pos), dtype=bool)
        v[has] = flag[pos[has]]
        cols[c] = sc.sum_kkb(v)
    cols = {c: v.astype(np.int64) for c, v in cols.items()}
    out = sc.frame(cols, {c: int(v.sum()) for c, v in cols.items()})
    if not jumlah:
        for c in READINESS_INDICATORS:
            out[c] = percent(out[c], out["kampung_kb"])
    return out[["kode", "nama", "kampung_kb", "dengan_profil", *READINESS_INDICATORS, "total"]]


def readiness(desa: pd.DataFrame, kampung_kb: pd.DataFrame, profil: pd.DataFrame, kode: str | None = None,
              as_of=None, jumlah: bool = False) -> pd.DataFrame:
    """Share (or count, jumlah=True) of Kampung KB with each readiness indicator, by sub-unit and total."""
    return readiness_from_scope(scope(desa, kampung_kb, kode, as_of), profil, jumlah)
