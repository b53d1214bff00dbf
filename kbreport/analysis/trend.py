"""Trend and target: cumulative Kampung KB and coverage over time, recent pace, pace needed, projection.

Definitions (T(d) = covered desa/kelurahan as of day d, K(d) = counting Kampung KB as of d; both count the
Kampung KB counting as of as_of — one deactivated by as_of is left out of the earlier months too):
- Trend by month (or year) for a unit: for each calendar month from January 2016 (programme launch) to the
  month of as_of: kampung_kb_baru / tercakup_baru (Kampung KB launched, desa newly covered in that month —
  a desa is newly covered in the month of its first Kampung KB), their running totals kampung_kb / tercakup,
  and cakupan_persen = 100 × tercakup / desa_kelurahan. The last period counts only up to as_of.
- laju_12_bulan = (T(as_of) − T(as_of − 12 months)) / 12: covered desa gained per month over the 12 months
  ending on as_of (window: after as_of − 12 calendar months, up to and including as_of).
  laju_kkb_12_bulan is the same for Kampung KB.
- target_desa = ceil(target_persen × desa_kelurahan / 100); sisa = max(0, target_desa − T(as_of)).
- bulan_tersisa = calendar months from as_of to target_tanggal (months_between: whole months, counted
  end-of-month to end-of-month when as_of is a month's last day, plus the part of the next month left), never
  below 0. 30 June → 31 December is 6 months, as a leader counts them (July to December), not 184 days /
  30.4375 = 6.05: at "laju_dibutuhkan per month" for each of those 6 months the target is met, not missed.
- laju_dibutuhkan = sisa / bulan_tersisa (desa per month); 0.0 when the target is already met; None when
  it is not met and target_tanggal is not after as_of (no time left, also on the deadline day itself:
  no pace can reach it).
- perkiraan_tercapai = as_of + ceil(sisa / laju_12_bulan × 30.4375) days, i.e. ceil(sisa × 365.25 / n12)
  days with n12 the desa covered in the 12 months (integer arithmetic: no overflow, no float noise): the
  day a straight line at the last 12 months' pace would reach the target — an extrapolation, not a
  forecast. None when the target is already met, laju_12_bulan is 0, or that day is more than
  PROJECTION_YEARS (3) years after target_tanggal (perkiraan_di_luar_batas is then True): so far out the
  straight line says only that at this pace the target is not reached for years.
"""
from __future__ import annotations

import calendar
from datetime import date

import numpy as np
import pandas as pd

from kbreport.analysis.coverage import percent, target_count
from kbreport.analysis.targets import DEFAULT_TARGET_PERSEN, DEFAULT_TARGET_TANGGAL  # one source: Inpres 3/2022
from kbreport.analysis.units import Scope, as_of_timestamp, scope
from kbreport.ingest.schema import PROGRAMME_LAUNCH

MONTH_DAYS = 365.25 / 12  # 30.4375: the mean month, for the projection's straight line
PROJECTION_YEARS = 3  # a straight-line date later than this after target_tanggal is not printed


def years_after(d: date, years: int) -> date:
    """d plus whole years, negative for before (29 February -> 28 February), capped at date.max / date.min."""
    if d.year + years > date.max.year:
        return date.max
    if d.year + years < date.min.year:
        return date.min
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def months_after(d: date, months: int) -> date:
    """d plus whole calendar months: the same day of the month, or the month's last day when d is a month's
    last day or the day does not exist (31 January + 1 = 29 February 2024; 30 June + 6 = 31 December)."""
    y, m = divmod(d.month - 1 + months, 12)
    y, m = d.year + y, m + 1
    last = calendar.monthrange(y, m)[1]
    end = d.day == calendar.monthrange(d.year, d.month)[1]
    return date(y, m, last if end else min(d.day, last))


def months_between(start, end) -> float:
    """Calendar months from start to end (dates or anything as_of_timestamp reads), 0.0 when end is not
    after start: whole months (months_after) plus the days left over as a share of the month they fall in.
    4 June → 31 December 2024 = 6 + 27/31 (4 December → 4 January has 31 days)."""
    a, b = as_of_timestamp(start).date(), as_of_timestamp(end).date()
    if b <= a:
        return 0.0
    k = (b.year - a.year) * 12 + b.month - a.month
    while k > 0 and months_after(a, k) > b:
        k -= 1
    lo, hi = months_after(a, k), months_after(a, k + 1)
    return k + (b - lo).days / (hi - lo).days


def projected_date(as_of: date, sisa: int, covered_12: int, target_tanggal: date) -> date | None:
    """as_of + ceil(sisa × 365.25 / covered_12) days, or None when that is more than PROJECTION_YEARS
    after target_tanggal (or covered_12 is 0). Integers and day ordinals only, so no date overflows."""
    if covered_12 <= 0:
        return None
    days = -(-sisa * 36525 // (100 * covered_12))  # ceil(sisa / (n/12) × 365.25/12)
    day = as_of.toordinal() + days
    if day > years_after(target_tanggal, PROJECTION_YEARS).toordinal():
        return None
    return date.fromordinal(day)


def _first_cover(sc: Scope) -> pd.Series:
    """Day each covered desa got its first counting Kampung KB (one value per covered desa)."""
    t = sc.kkb["tanggal_pencanangan"]
    return t.groupby(sc.kkb["desa_row"].to_numpy()).min()


def trend_from_scope(sc: Scope, per: str = "bulan") -> pd.DataFrame:
    if per not in ("bulan", "tahun"):
        raise ValueError(f"per harus 'bulan' atau 'tahun': {per!r}")
    unit = "M" if per == "bulan" else "Y"

    def periods(values) -> np.ndarray:  # months (or years) since 1970
        return np.asarray(values).astype("datetime64[D]").astype(f"datetime64[{unit}]").astype(np.int64)

    launch = periods(sc.kkb["tanggal_pencanangan"].to_numpy())
    first = periods(_first_cover(sc).to_numpy())
    start = int(periods([np.datetime64(PROGRAMME_LAUNCH, "D")])[0])
    if len(launch):
        start = min(start, int(launch.min()))
    if sc.as_of is not None:
        end = int(periods([np.datetime64(sc.as_of.date(), "D")])[0])
    else:
        end = int(launch.max()) if len(launch) else start
    start = min(start, end)
    n = end - start + 1
    kkb_new = np.bincount(launch - start, minlength=n)[:n].astype(np.int64)
    cov_new = np.bincount(first - start, minlength=n)[:n].astype(np.int64)
    stamps = np.arange(start, end + 1).astype(f"datetime64[{unit}]")
    out = pd.DataFrame({
        "bulan" if per == "bulan" else "tahun":
            pd.to_datetime(stamps.astype("datetime64[D]")) if per == "bulan" else stamps.astype(np.int64) + 1970,
        "kampung_kb_baru": kkb_new,
        "kampung_kb": np.cumsum(kkb_new),
        "tercakup_baru": cov_new,
        "tercakup": np.cumsum(cov_new),
    })
    out["cakupan_persen"] = percent(out["tercakup"], np.full(len(out), len(sc.desa_rows)))
    return out


def trend(desa: pd.DataFrame, kampung_kb: pd.DataFrame, kode: str | None = None, as_of=None,
          per: str = "bulan") -> pd.DataFrame:
    """Cumulative Kampung KB and covered desa of a unit by month (per='bulan') or year (per='tahun')."""
    return trend_from_scope(scope(desa, kampung_kb, kode, as_of), per)


def pace_from_scope(sc: Scope, target_tanggal=DEFAULT_TARGET_TANGGAL,
                    target_persen: float = DEFAULT_TARGET_PERSEN) -> dict:
    if sc.as_of is None:
        raise ValueError("as_of diperlukan untuk menghitung laju dan target")
    as_of = sc.as_of
    tgt = as_of_timestamp(target_tanggal)
    first = _first_cover(sc).to_numpy()
    launches = sc.kkb["tanggal_pencanangan"].to_numpy()
    since = np.datetime64((as_of - pd.DateOffset(months=12)).date(), "D")
    tercakup = int(len(first))
    covered_12 = int((first > since).sum())
    laju = covered_12 / 12.0
    laju_kkb = int((launches > since).sum()) / 12.0
    n = int(len(sc.desa_rows))
    target_desa = int(target_count(n, target_persen))
    sisa = max(0, target_desa - tercakup)
    tercapai = sisa == 0
    bulan_tersisa = months_between(as_of, tgt)
    if tercapai:
        dibutuhkan = 0.0
    elif bulan_tersisa <= 0:
        dibutuhkan = None
    else:
        dibutuhkan = sisa / bulan_tersisa
    perkiraan = None if tercapai else projected_date(as_of.date(), sisa, covered_12, tgt.date())
    di_luar = not tercapai and covered_12 > 0 and perkiraan is None
    return {
        "as_of": as_of.date(),
        "target_tanggal": tgt.date(),
        "target_persen": float(target_persen),
        "desa_kelurahan": n,
        "target_desa": target_desa,
        "tercakup": tercakup,
        "kampung_kb": int(len(sc.kkb)),
        "sisa": int(sisa),
        "tercapai": bool(tercapai),
        "bulan_tersisa": float(bulan_tersisa),
        "laju_12_bulan": float(laju),
        "laju_kkb_12_bulan": float(laju_kkb),
        "laju_dibutuhkan": dibutuhkan,
        "perkiraan_tercapai": perkiraan,
        "perkiraan_di_luar_batas": bool(di_luar),
    }


def target_pace(desa: pd.DataFrame, kampung_kb: pd.DataFrame, kode: str | None, as_of,
                target_tanggal=DEFAULT_TARGET_TANGGAL, target_persen: float = DEFAULT_TARGET_PERSEN) -> dict:
    """Recent pace, pace needed and projected date for a unit (see the module doc for each key)."""
    return pace_from_scope(scope(desa, kampung_kb, kode, as_of), target_tanggal, target_persen)
