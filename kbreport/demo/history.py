"""The demo data's history: deactivation dates, monthly KB rows, profile snapshots, Desa Cantik dates.

Used by kbreport.demo.generator (docs/demo-data.md). Day numbers are days since 1970 (int64).
- Inactive Kampung KB (pre-2022 RW/Dusun extras) stop between 180 days after launch and 19 May 2022, the day
  before Inpres 3/2022: so they count in earlier briefings and never touch a calibrated figure (all on or
  after 24 August 2022, or in 2016 before any of them was launched).
- kkbpk: one row for the launch month, then every June and December, up to December 2024 (an inactive one:
  the months ended before it stopped). Figures drift towards the final ones: CPR about 1.2 points a year
  lower, poktan participation about 1 point a year lower, going back.
- profil: a snapshot for the launch month (weaker: some elements not yet there, Rumah DataKu not yet formed
  unless formed that month), one for the month its Rumah DataKu was formed, and the final one (December
  2024; an inactive one's last month before it stopped). Two snapshots of one month are one row (the later).
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from kbreport.ingest.schema import INPRES_3_2022, METODE_KB, POKTAN, TABLES

END_MONTH = np.datetime64("2024-12", "M")
_BOOLS_GROWING = ("pokja_sk", "plkb_pendamping", "regulasi_ada", "rencana_kerja", "sekretariat",
                  *(f"poktan_{p}" for p in POKTAN))


def _day(d: date) -> int:
    return int(np.datetime64(d, "D").astype(np.int64))


def _month(days: np.ndarray) -> np.ndarray:
    return np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype("datetime64[M]")


def deactivation_days(launch: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A stop day for each inactive Kampung KB launched on `launch` (see the module doc)."""
    last = _day(INPRES_3_2022) - 1
    lo = np.minimum(np.asarray(launch) + 180, last)
    lo = np.maximum(lo, np.asarray(launch) + 1)
    return lo + np.floor(rng.random(len(lo)) * (last - lo + 1)).astype(np.int64)


def last_month(k: pd.DataFrame) -> np.ndarray:
    """Per Kampung KB: its last month of data (datetime64[M]): December 2024, or the last one ended before
    it stopped (never before its launch month)."""
    out = np.full(len(k), END_MONTH)
    off = k["off_day"].to_numpy(np.int64)
    has = off >= 0
    end_before = _month(off[has]) - 1  # the last month ended by the day before it stopped
    out[has] = np.maximum(end_before, _month(k["day"].to_numpy()[has]))
    return out


def kkbpk_months(k: pd.DataFrame) -> pd.DataFrame:
    """One row per (Kampung KB, month): columns i (row in k), periode (datetime64[M])."""
    first, last = _month(k["day"].to_numpy()), last_month(k)
    span = (last - first).astype(np.int64) + 1
    i = np.repeat(np.arange(len(k)), span)
    m = first[i] + (np.arange(span.sum()) - np.repeat(np.cumsum(span) - span, span)).astype("timedelta64[M]")
    moy = (m.astype(np.int64) % 12) + 1
    keep = (m == first[i]) | (moy == 6) | (moy == 12)
    return pd.DataFrame({"i": i[keep], "periode": m[keep]})


def kkbpk_rows(k: pd.DataFrame, base: dict[str, np.ndarray], rng: np.random.Generator) -> pd.DataFrame:
    """The kkbpk table with history from per-Kampung KB final parameters `base` (pus, cpr, mkjp, unmet, fam, poktan)."""
    r = kkbpk_months(k)
    i = r["i"].to_numpy()
    months = r["periode"].to_numpy().astype("datetime64[M]")  # pandas keeps months as datetime64[s]
    years_back = (END_MONTH - months).astype(np.int64) / 12.0
    n = len(r)
    pus = np.clip(np.round(base["pus"][i] * (1 - 0.01 * years_back) * rng.uniform(0.97, 1.03, n)), 150, 900).astype(np.int64)
    cpr = np.clip(base["cpr"][i] - 0.012 * years_back + rng.normal(0, 0.015, n), 0.25, 0.8)
    users = rng.binomial(pus, cpr)
    mkjp = rng.binomial(users, np.clip(base["mkjp"][i] - 0.004 * years_back, 0.03, 0.5))
    long_ = rng.multinomial(mkjp, [0.32, 0.14, 0.03, 0.51])
    short = rng.multinomial(users - mkjp, [0.68, 0.25, 0.07])
    out = pd.DataFrame({"kampung_kb_id": k["id"].to_numpy()[i],
                        "periode": pd.to_datetime(months.astype("datetime64[D]")), "pus": pus})
    for j, m in enumerate(("iud", "mow", "mop", "implan")):
        out[f"kb_{m}"] = long_[:, j]
    for j, m in enumerate(("suntik", "pil", "kondom")):
        out[f"kb_{m}"] = short[:, j]
    non = pus - users
    unmet = np.minimum(rng.binomial(pus, np.clip(base["unmet"][i] + 0.003 * years_back, 0.01, 0.3)), non)
    iat = rng.binomial(unmet, 0.45)
    hamil = rng.binomial(non - unmet, 0.15)
    segera = rng.binomial(non - unmet - hamil, 0.2)
    out["tkb_hamil"], out["tkb_ingin_anak_segera"], out["tkb_iat"], out["tkb_tial"] = hamil, segera, iat, unmet - iat
    fam = np.round(pus * base["fam"][i]).astype(np.int64)
    out["keluarga_poktan"] = fam
    out["peserta_poktan"] = rng.binomial(fam, np.clip(base["poktan"][i] - 0.01 * years_back, 0.02, 0.7))
    assert set(METODE_KB) <= {c[3:] for c in out.columns if c.startswith("kb_")}
    return out[TABLES["kkbpk"].names]


def profil_snapshots(k: pd.DataFrame, final: pd.DataFrame, rdk_day: np.ndarray, q: np.ndarray,
                     rng: np.random.Generator) -> pd.DataFrame:
    """Profile rows with a `periode` (module doc) from the final profile (one row per k row, same order).
    Keeps `_rdk_day` (day formed, -1 none) and adds `_i` (row in k)."""
    n = len(k)
    launch_m, last_m = _month(k["day"].to_numpy()), last_month(k)
    rdk_m = np.where(rdk_day >= 0, _month(np.maximum(rdk_day, 0)), np.datetime64("NaT", "M"))
    fin = final.assign(_i=np.arange(n), _rdk_day=rdk_day, periode=last_m, _stage=2)

    early = final.assign(_i=np.arange(n), _rdk_day=rdk_day, periode=launch_m, _stage=0)
    drop = rng.random((n, len(_BOOLS_GROWING))) < (0.6 * (1 - q))[:, None]  # not there yet at launch
    for j, c in enumerate(_BOOLS_GROWING):
        early[c] = early[c].to_numpy(bool) & ~drop[:, j]
    early["pokja_terlatih"] = np.floor(early["pokja_terlatih"].to_numpy() * rng.uniform(0, 1, n)).astype(np.int64)
    early["jumlah_mekanisme"] = np.floor(early["jumlah_mekanisme"].to_numpy() * rng.uniform(0.3, 1, n)).astype(np.int64)
    early["jumlah_instansi"] = np.floor(early["jumlah_instansi"].to_numpy() * rng.uniform(0.3, 1, n)).astype(np.int64)
    formed_later = (rdk_day >= 0) & ~(rdk_m <= launch_m)
    early.loc[formed_later, "rumah_dataku"] = "belum"
    early.loc[formed_later, "_rdk_day"] = -1

    mid = fin.loc[(rdk_day >= 0) & (rdk_m > launch_m) & (rdk_m < last_m)].copy()
    mid["periode"], mid["_stage"] = rdk_m[mid["_i"].to_numpy()], 1

    snaps = pd.concat([early, mid, fin], ignore_index=True)
    snaps = snaps.sort_values(["_i", "periode", "_stage"], kind="stable")
    snaps = snaps.drop_duplicates(["_i", "periode"], keep="last").reset_index(drop=True)
    snaps["periode"] = pd.to_datetime(snaps["periode"].to_numpy().astype("datetime64[D]"))
    return snaps.drop(columns="_stage")


def kkbpk_in_force(snaps: pd.DataFrame, kkbpk: pd.DataFrame, ids: np.ndarray) -> pd.DataFrame:
    """For each profile snapshot: the kkbpk row of its Kampung KB for the latest month not after the
    snapshot's month (both tables sorted by Kampung KB then month); rows keyed by the snapshot's position."""
    kk = kkbpk.assign(_i=pd.Index(ids).get_indexer(kkbpk["kampung_kb_id"]), _m=kkbpk["periode"])
    left = snaps[["_i", "periode"]].assign(_pos=np.arange(len(snaps))).sort_values("periode", kind="stable")
    got = pd.merge_asof(left, kk.sort_values("_m", kind="stable"), left_on="periode", right_on="_m", by="_i",
                        direction="backward", suffixes=("", "_k"))
    return got.sort_values("_pos", kind="stable")


def desa_cantik_days(tahun: np.ndarray, rng: np.random.Generator) -> pd.Series:
    """A formation day inside each Desa Cantik's year (BPS forms them through the year)."""
    start = np.array([_day(date(int(y), 1, 1)) for y in tahun], dtype=np.int64)
    length = np.array([366 if int(y) % 4 == 0 else 365 for y in tahun], dtype=np.int64)
    d = start + np.floor(rng.random(len(tahun)) * length).astype(np.int64)
    return pd.Series(pd.to_datetime(d.astype("datetime64[D]")).astype("datetime64[s]"))
