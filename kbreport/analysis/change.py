"""Since last time: a unit's Kampung KB, coverage and Rumah DataKu on an earlier date beside today's, and the change.

The earlier date (`pembanding`) is the same date a year earlier (`year_earlier`: 29 February → 28 February) for a
region briefing, or the previous event's date for an event briefing. The figures of that date are exactly those a
briefing as of that date would print: the same counting rules (kbreport.analysis.units, .history), the master of
the decree in force *then* (the caller passes that decree's desa table and the export read with it,
kbreport.ingest.dataset.with_master_on), so the denominator is the desa/kelurahan count of then.

"As of the date, or not at all": a figure of then that the data cannot tell is None with a reason, never 0:
- "sebelum_data": the date is before the data begin (the first Kampung KB launch in the export);
- "wilayah_belum_ada": the unit is not in the decree in force then (a province formed later);
- "wilayah_berubah": the caller found that the unit's desa/kelurahan moved between units since (its borders
  changed; kbreport.build.briefing checks it with the decrees' crosswalk), so then and now are not one area;
- "nonaktif_tanpa_tanggal" (Kampung KB and coverage): some inactive Kampung KB of the unit have no
  tanggal_nonaktif and were launched by then — whether they still counted then cannot be told (today they do
  not count, which is certain);
- "rdk_tanpa_riwayat" (Rumah DataKu): some counting Kampung KB of then have only a profile row without a period
  (an export without history): their status then would be today's status;
- "tanpa_desa" (coverage): the unit has no desa/kelurahan on one of the dates.

Coverage points are computed on the exact fractions and rounded once: 100 × (tercakup_kini / desa_kini −
tercakup_dulu / desa_dulu), rounded half away from zero to one decimal (`coverage_points`) — never the
difference of two rounded percentages (13 of 16 = 81,25% → 81,3% and 4 of 9 = 44,44…% → 44,4% differ by
36,81 points: 36,8, not 81,3 − 44,4 = 36,9).

`change(...)` returns plain Python types (CHANGE_KEYS):
  tanggal (date: the earlier date), alasan (str|None: the reason every figure of then is missing),
  kampung_kb_dulu, kampung_kb_kini, kampung_kb_selisih (int|None), kampung_kb_alasan,
  tercakup_dulu, desa_kelurahan_dulu (int|None), tercakup_kini, desa_kelurahan_kini (int),
  cakupan_selisih_poin (float|None, one decimal), cakupan_alasan,
  rumah_dataku_dulu, rumah_dataku_kini, rumah_dataku_selisih (int|None), rumah_dataku_alasan,
  nonaktif_tanpa_tanggal (int: the Kampung KB behind "nonaktif_tanpa_tanggal", 0 when none).
A *_alasan is None exactly when its figure of then is known.
"""
from __future__ import annotations

import math
from datetime import date
from fractions import Fraction

import numpy as np
import pandas as pd

from kbreport.analysis.history import periods_used, rows_as_of
from kbreport.analysis.rumah_dataku import status_as_of
from kbreport.analysis.units import as_of_timestamp, days, registry, scope, to_date
from kbreport.errors import UnknownRegionError

__all__ = ["CHANGE_KEYS", "REASONS", "year_earlier", "coverage_points", "data_start", "figures_on", "change"]

REASONS = ("sebelum_data", "wilayah_belum_ada", "wilayah_berubah", "nonaktif_tanpa_tanggal", "rdk_tanpa_riwayat",
           "tanpa_desa")
CHANGE_KEYS = (
    "tanggal", "alasan",
    "kampung_kb_dulu", "kampung_kb_kini", "kampung_kb_selisih", "kampung_kb_alasan",
    "tercakup_dulu", "desa_kelurahan_dulu", "tercakup_kini", "desa_kelurahan_kini", "cakupan_selisih_poin",
    "cakupan_alasan",
    "rumah_dataku_dulu", "rumah_dataku_kini", "rumah_dataku_selisih", "rumah_dataku_alasan",
    "nonaktif_tanpa_tanggal",
)


def year_earlier(as_of) -> date:
    """The same date a year before `as_of`; 29 February gives 28 February."""
    d = to_date(as_of)
    if d is None:
        raise ValueError("as_of diperlukan")
    from kbreport.analysis.trend import years_after

    return years_after(d, -1)


def coverage_points(tercakup_kini: int, desa_kini: int, tercakup_dulu: int, desa_dulu: int) -> float | None:
    """Change in coverage, percentage points, from the exact fractions, rounded half away from zero once to one
    decimal (module doc); None when either date has no desa/kelurahan."""
    if not desa_kini or not desa_dulu:
        return None
    q = 100 * (Fraction(int(tercakup_kini), int(desa_kini)) - Fraction(int(tercakup_dulu), int(desa_dulu)))
    n = math.floor(abs(q) * 10 + Fraction(1, 2))
    return (-n if q < 0 else n) / 10


def data_start(kampung_kb: pd.DataFrame) -> date | None:
    """The first day the data describe: the earliest tanggal_pencanangan in the export (None when empty)."""
    t = days(kampung_kb["tanggal_pencanangan"])
    t = t[~np.isnat(t)]
    return None if not len(t) else pd.Timestamp(t.min()).date()


def _undated_inactive(desa: pd.DataFrame, kampung_kb: pd.DataFrame, sc, day: pd.Timestamp) -> int:
    """Inactive Kampung KB of the scope's unit without tanggal_nonaktif, launched on or before `day`."""
    reg = registry(kampung_kb, desa)
    in_unit = np.zeros(len(desa), dtype=bool)
    in_unit[sc.desa_rows] = True
    placed = reg.desa_row >= 0
    m = placed & ~reg.aktif & np.isnat(reg.nonaktif) & (reg.tanggal <= np.datetime64(day.date(), "D"))
    m &= in_unit[np.maximum(reg.desa_row, 0)]
    return int(m.sum())


def figures_on(desa: pd.DataFrame, kampung_kb: pd.DataFrame, profil: pd.DataFrame, kode: str | None, day) -> dict:
    """Kampung KB, covered desa/kelurahan, desa/kelurahan and Rumah DataKu ('ada') of unit `kode` on `day`, with
    the reasons a figure cannot be told (module doc): {"kampung_kb", "tercakup", "desa_kelurahan",
    "rumah_dataku", "alasan", "kampung_kb_alasan", "rumah_dataku_alasan", "nonaktif_tanpa_tanggal"}."""
    ts = as_of_timestamp(day)
    out = {"kampung_kb": None, "tercakup": None, "desa_kelurahan": None, "rumah_dataku": None, "alasan": None,
           "kampung_kb_alasan": None, "rumah_dataku_alasan": None, "nonaktif_tanpa_tanggal": 0}
    start = data_start(kampung_kb)
    if start is None or ts.date() < start:
        out["alasan"] = "sebelum_data"
        return out
    try:
        sc = scope(desa, kampung_kb, kode, ts)
    except UnknownRegionError:
        out["alasan"] = "wilayah_belum_ada"
        return out
    out["desa_kelurahan"] = int(len(sc.desa_rows))
    undated = _undated_inactive(desa, kampung_kb, sc, ts)
    out["nonaktif_tanpa_tanggal"] = undated
    if undated:
        out["kampung_kb_alasan"] = "nonaktif_tanpa_tanggal"
    else:
        out["kampung_kb"] = int(len(sc.kkb))
        out["tercakup"] = int(len(np.unique(sc.kkb["desa_row"].to_numpy())))
    pos = rows_as_of(profil, sc.kampung_kb, sc.as_of)[sc.kkb["row"].to_numpy()]
    if periods_used(profil, pos).tanpa_periode:
        out["rumah_dataku_alasan"] = "rdk_tanpa_riwayat"
    elif undated:
        out["rumah_dataku_alasan"] = "nonaktif_tanpa_tanggal"
    else:
        out["rumah_dataku"] = int((status_as_of(sc, profil) == "ada").sum())
    return out


def _diff(now, then):
    return None if now is None or then is None else int(now) - int(then)


def change(now: dict, desa_then: pd.DataFrame, kampung_kb_then: pd.DataFrame, profil: pd.DataFrame,
           kode: str | None, then, alasan: str | None = None) -> dict:
    """Figures of `then` beside today's and their change (module doc). `now`: the headline dict of the briefing
    (kbreport.analysis.headline: kampung_kb, tercakup, desa_kelurahan, rumah_dataku); `desa_then`,
    `kampung_kb_then`: the desa table of the decree in force then and the export read with it; `alasan`: a
    reason the caller found that nothing of then can be compared ("wilayah_berubah")."""
    day = to_date(then)
    f = (dict.fromkeys(("kampung_kb", "tercakup", "desa_kelurahan", "rumah_dataku", "kampung_kb_alasan",
                        "rumah_dataku_alasan"), None) | {"alasan": alasan, "nonaktif_tanpa_tanggal": 0}
         if alasan else figures_on(desa_then, kampung_kb_then, profil, kode, day))
    why = f["alasan"]
    kkb_why = why or f["kampung_kb_alasan"]
    rdk_why = why or f["rumah_dataku_alasan"]
    pts = None if kkb_why else coverage_points(now["tercakup"], now["desa_kelurahan"], f["tercakup"],
                                               f["desa_kelurahan"])
    out = {
        "tanggal": day, "alasan": why,
        "kampung_kb_dulu": f["kampung_kb"], "kampung_kb_kini": int(now["kampung_kb"]),
        "kampung_kb_selisih": _diff(now["kampung_kb"], f["kampung_kb"]), "kampung_kb_alasan": kkb_why,
        "tercakup_dulu": None if kkb_why else f["tercakup"], "desa_kelurahan_dulu": f["desa_kelurahan"],
        "tercakup_kini": int(now["tercakup"]), "desa_kelurahan_kini": int(now["desa_kelurahan"]),
        "cakupan_selisih_poin": pts, "cakupan_alasan": kkb_why or (None if pts is not None else "tanpa_desa"),
        "rumah_dataku_dulu": f["rumah_dataku"], "rumah_dataku_kini": int(now["rumah_dataku"]),
        "rumah_dataku_selisih": _diff(now["rumah_dataku"], f["rumah_dataku"]), "rumah_dataku_alasan": rdk_why,
        "nonaktif_tanpa_tanggal": int(f["nonaktif_tanpa_tanggal"]),
    }
    assert tuple(out) == CHANGE_KEYS
    return out
