"""Gap lists: sub-units below target, and the desa/kelurahan without a Kampung KB (for the annex)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from kbreport.analysis.units import Scope, scope

DESA_GAP_COLUMNS = ["kode_desa", "nama_desa", "jenis", "kode_kecamatan", "nama_kecamatan", "kode_kabkota",
                    "nama_kabkota", "kode_provinsi", "nama_provinsi"]


def below_target(table: pd.DataFrame, persen: str = "cakupan_persen") -> pd.DataFrame:
    """Sub-unit rows of a coverage (or Rumah DataKu) table still short of its target (kekurangan > 0).

    Ordered furthest behind first: by `persen` ascending, then kekurangan descending, then kode. Keeps every
    column, including `peringkat` (the rank among all sub-units) where the table has it. The target is the one
    the table was computed with.
    """
    t = table[~table["total"] & (table["kekurangan"] > 0)]
    t = t.sort_values([persen, "kekurangan", "kode"], ascending=[True, False, True], na_position="first")
    return t.reset_index(drop=True)


def desa_without_kkb_from_scope(sc: Scope) -> pd.DataFrame:
    covered = np.zeros(len(sc.desa_table), dtype=bool)
    covered[sc.kkb["desa_row"].to_numpy()] = True
    rows = sc.desa_rows[~covered[sc.desa_rows]]
    out = sc.desa_table.iloc[rows][DESA_GAP_COLUMNS]
    return out.sort_values("kode_desa", kind="stable").reset_index(drop=True)


def desa_without_kkb(desa: pd.DataFrame, kampung_kb: pd.DataFrame, kode: str | None = None,
                     as_of=None) -> pd.DataFrame:
    """Desa/kelurahan of the unit without a counting Kampung KB as of `as_of`, sorted by kode_desa."""
    return desa_without_kkb_from_scope(scope(desa, kampung_kb, kode, as_of))
