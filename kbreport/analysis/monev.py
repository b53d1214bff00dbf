"""Monev: what is left to do towards "a Kampung KB in every desa/kelurahan", kecamatan by kecamatan.

For a kab/kota report's coverage table (one row per kecamatan plus the total, kbreport.analysis.coverage)
and its list of desa/kelurahan without a Kampung KB (kbreport.analysis.gaps):

- belum = desa_kelurahan − tercakup: desa/kelurahan without a counting Kampung KB on as_of;
- kekurangan: still needed for the target (equal to belum when the target is 100 %);
- bulan_tersisa = calendar months from as_of to target_tanggal, as kbreport.analysis.trend defines it;
- laju_dibutuhkan = kekurangan / bulan_tersisa desa per month; 0 when nothing is needed; missing (NaN)
  when something is needed and no time is left.

`kecamatan` (a kecamatan code) narrows both tables to that kecamatan. target_tanggal None (no target in
force on as_of, kbreport.analysis.targets): laju_dibutuhkan is missing throughout (no deadline to pace to).
"""
from __future__ import annotations

import pandas as pd

from kbreport.analysis.trend import months_between

__all__ = ["months_left", "remaining_by_kecamatan", "desa_to_do"]


def months_left(as_of, target_tanggal) -> float:
    """Calendar months from as_of to the target date (kbreport.analysis.trend.months_between), never below 0."""
    return months_between(as_of, target_tanggal)


def _pace(kekurangan: int, bulan: float) -> float | None:
    if kekurangan <= 0:
        return 0.0
    return kekurangan / bulan if bulan > 0 else None


def remaining_by_kecamatan(cakupan: pd.DataFrame, as_of, target_tanggal, kecamatan: str | None = None) -> pd.DataFrame:
    """kode, nama, desa_kelurahan, tercakup, belum, kekurangan, laju_dibutuhkan, total — the kecamatan with
    something left first (most left, then by code), then those done, then the total row (recomputed
    for `kecamatan` when given)."""
    bulan = None if target_tanggal is None else months_left(as_of, target_tanggal)
    subs = cakupan[~cakupan["total"].astype(bool)]
    if kecamatan is not None:
        subs = subs[subs["kode"] == kecamatan]
    rows = subs[["kode", "nama", "desa_kelurahan", "tercakup", "kekurangan"]].copy()
    rows["belum"] = rows["desa_kelurahan"] - rows["tercakup"]
    rows = rows.sort_values(["belum", "kode"], ascending=[False, True], kind="stable")
    total = {"kode": None, "nama": "Jumlah", "desa_kelurahan": int(rows["desa_kelurahan"].sum()),
             "tercakup": int(rows["tercakup"].sum()), "kekurangan": int(rows["kekurangan"].sum()),
             "belum": int(rows["belum"].sum())}
    if kecamatan is None:  # the kab/kota's own shortfall (rounded up on its whole count, not per kecamatan)
        tot = cakupan[cakupan["total"].astype(bool)]
        if len(tot):
            total["kekurangan"] = int(tot["kekurangan"].iloc[0])
    out = pd.concat([rows, pd.DataFrame([total])], ignore_index=True)
    out["laju_dibutuhkan"] = [None if bulan is None else _pace(int(k), bulan) for k in out["kekurangan"]]
    out["total"] = [False] * (len(out) - 1) + [True]
    return out[["kode", "nama", "desa_kelurahan", "tercakup", "belum", "kekurangan", "laju_dibutuhkan", "total"]]


def desa_to_do(desa_tanpa_kkb: pd.DataFrame, kecamatan: str | None = None) -> pd.DataFrame:
    """The desa/kelurahan without a Kampung KB, grouped by kecamatan (kecamatan name, then desa by code)."""
    d = desa_tanpa_kkb if kecamatan is None else desa_tanpa_kkb[desa_tanpa_kkb["kode_kecamatan"] == kecamatan]
    return d.sort_values(["kode_kecamatan", "kode_desa"], kind="stable").reset_index(drop=True)
