"""Synthetic but realistic demo data ("Data contoh (sintetis)") over the real region master.

`build_tables(master, seed)` is pure: the four tables in canonical form (see kbreport.ingest.schema).
`generate(out_dir, seed)` writes them as CSV plus sumber.json and README.txt, atomically.

How it is built (docs/demo-data.md has the details):
1. Launches, per plan unit (a province; Kab. Lampung Barat is its own unit):
   2016 one Kampung KB per kab/kota (contoh_kabupaten; Mertasinga, Cirebon first on 14 Jan 2016);
   2017–2019 about one per kecamatan; 2020 – 19 May 2022 more desa plus second RW/Dusun Kampung KB in
   some desa; from 20 May 2022 (Inpres 3/2022) whole-desa Kampung KB, accelerating to 31 Dec 2024.
   Counts per unit per interval are fixed first, cut at the calibration dates, so every published
   figure in kbreport.demo.calibration is met by construction; dates are then drawn inside intervals.
2. Profiles improve with age and with the province's maturity; Rumah DataKu from 2021, mostly 2022+.
3. KB figures per Kampung KB; the reported class is the computed one (kbreport.analysis.classification)
   except for about 2 % deliberate mismatches.
4. Desa Cantik: 100 in 2021 (30 provinces), 200 in 2022 (15 in Kalimantan Selatan), 250 in 2023.
Inactive Kampung KB (aktif False) are extra pre-2022 RW/Dusun rows that stopped before Inpres 3/2022
(tanggal_nonaktif); they count before that day and never change a calibrated figure.
History (kbreport.demo.history): kkbpk rows for the launch month and every June and December to
December 2024, profile snapshots (launch, Rumah DataKu formed, final), Desa Cantik formation days.
Writing and the printed summary: kbreport.demo.write.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from kbreport import SYNTHETIC_LABEL, __version__
from kbreport.analysis.classification import BERKELANJUTAN, indicator_scores
from kbreport.demo import history as H
from kbreport.demo import tables as T
from kbreport.demo.tables import largest_remainder as _largest_remainder
from kbreport.demo.calibration import check as check_calibration, last_month_day
from kbreport.demo.write import README, csv_bytes, format_summary, write_atomic  # noqa: F401 (re-exported)
from kbreport.ingest.schema import (INPRES_3_2022, KLASIFIKASI, PENGGUNAAN_DATA, POKTAN, PROGRAMME_LAUNCH,
                     SUMBER_DANA, TABLES)
from kbreport.ingest.decrees import desa_since
from kbreport.ingest.wilayah import decree_of, desa_table, load_master

SEED = 20160114
END = date(2024, 12, 31)
PERIODE = pd.Timestamp("2024-12-01")
RUMAH_DATAKU_START = date(2021, 1, 1)
TABLE_NAMES = ("kampung_kb", "profil", "kkbpk", "desa_cantik")  # written as <name>.csv
MISMATCH_SHARE = 0.02
INACTIVE_SHARE = 0.005
SOURCE = "Data contoh (sintetis) kbreport"

MERTASINGA = ("32.09.21.2015", date(2016, 1, 14), "Kampung KB Mertasinga")
SEMBADAK = ("16.10.05.2041", date(2016, 3, 29), "Kampung KB Seroja")
SEMBADAK_RDK = date(2021, 8, 12)
LAMPUNG_BARAT = "18.04"
LAMPUNG_BARAT_DECREE = date(2024, 5, 8)

# How far along each province is (0–1): drives kecamatan pace, end coverage, profiles, Rumah DataKu.
MATURITY = {
    "11": .45, "12": .45, "13": .55, "14": .50, "15": .55, "16": .55, "17": .70, "18": .65, "19": .60,
    "21": .55, "31": .70, "32": .75, "33": .85, "34": .85, "35": .85, "36": .60, "51": .80, "52": .65,
    "53": .45, "61": .50, "62": .50, "63": .60, "64": .60, "65": .50, "71": .55, "72": .50, "73": .60,
    "74": .50, "75": .65, "76": .50, "81": .35, "82": .35, "91": .25, "92": .30, "93": .25, "94": .15,
    "95": .10, "96": .30,
}
NATIONAL_2022_08_24 = 16_793

def _day(d: date) -> int:
    return int(np.datetime64(d, "D").astype(np.int64))


I1 = (_day(PROGRAMME_LAUNCH), _day(date(2016, 12, 31)))
I2 = (_day(date(2017, 1, 1)), _day(date(2019, 12, 31)))
I3 = (_day(date(2020, 1, 1)), _day(INPRES_3_2022) - 1)
I4 = (_day(INPRES_3_2022), _day(date(2022, 8, 24)))
D_END = _day(END)


@dataclass
class _Unit:
    """Launch plan of one unit. `later` holds (last day, cumulative count incl. doubles, shape)."""

    code: str
    maturity: float
    n_desa: int
    n_kab: int
    n2: int = 0
    c4: int = 0  # cumulative Kampung KB on 24 Aug 2022
    n4: int = 0
    doubles: int = 0
    later: list[tuple[int, int, str]] = field(default_factory=list)
    c4_fixed: bool = False


# Calibrated units: cumulative counts after 24 Aug 2022 as (date, count or None = every desa, shape),
# and the share of the way to the first of them already made by 24 Aug 2022.
_SPECIAL = {
    "16": dict(c4=497, cover=0.86),
    "17": dict(toward=0.25, anchors=[(date(2024, 6, 4), 1322, "accel"), (date(2024, 7, 31), None, "uniform")]),
    "63": dict(toward=0.60, anchors=[(date(2023, 4, 3), 456, "uniform")], cover=0.78),
    "36": dict(toward=0.50, anchors=[(date(2023, 8, 23), 884, "uniform")], cover=0.92),
    "51": dict(toward=0.60, anchors=[(date(2023, 8, 31), 154, "uniform")], cover=0.78),
    LAMPUNG_BARAT: dict(toward=0.30, anchors=[(date(2024, 5, 7), "pre_decree", "accel"),
                                              (LAMPUNG_BARAT_DECREE, None, "point")], doubles=0),
}
# Rumah DataKu calibration: unit -> (date, number formed by then among Kampung KB launched by then)
_RDK_ANCHORS = {"63": (date(2023, 4, 3), 236), "36": (date(2023, 8, 23), 322), "51": (date(2023, 8, 31), 122)}

_NAMES = ("Seroja", "Melati", "Mawar", "Anggrek", "Kenanga", "Cempaka", "Dahlia", "Teratai", "Flamboyan",
          "Bougenville", "Kamboja", "Tanjung", "Asoka", "Sejahtera", "Bahagia", "Harapan", "Berkah", "Sehati",
          "Maju Bersama", "Mandiri", "Sakinah", "Berseri", "Bina Keluarga", "Cahaya", "Lestari", "Damai",
          "Gemilang", "Makmur", "Rukun", "Berkualitas")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def _dates(rng: np.random.Generator, lo: int, hi: int, n: int, shape: str) -> np.ndarray:
    """n sorted day numbers in [lo, hi]; 'accel' puts more of them late, 'point' all on hi."""
    if n == 0:
        return np.empty(0, dtype=np.int64)
    if shape == "point":
        return np.full(n, hi, dtype=np.int64)
    u = rng.random(n)
    if shape == "accel":
        u = u ** (1 / 1.6)
    return np.sort(np.minimum(lo + np.floor(u * (hi - lo + 1)).astype(np.int64), hi))


def _units(desa: pd.DataFrame) -> dict[str, _Unit]:
    units: dict[str, _Unit] = {}
    for code, g in desa.groupby("unit", sort=True):
        units[code] = _Unit(code, MATURITY[code[:2]], len(g), g["kode_kabkota"].nunique())
    return units


# --- 1. launches ---------------------------------------------------------------------------

def _launches(desa: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Active Kampung KB: kode_desa, day, stage, double (second RW/Dusun one in its desa)."""
    n = len(desa)
    kab_codes, kab_idx = np.unique(desa["kode_kabkota"].to_numpy(), return_inverse=True)
    kab_w = np.exp(rng.normal(0.0, 0.5, len(kab_codes)))
    # Weighted random order (Efraimidis–Spirakis): larger key = earlier; kab/kota differ in pace.
    # desa of a later decree come last, so a Kampung KB's desa is in the decree in force at its launch
    young = 1e6 * desa["since"].to_numpy() if "since" in desa else np.zeros(n)
    prio = np.log(rng.random(n)) / kab_w[kab_idx] - young
    d = desa.assign(prio=prio, pos=np.arange(n))
    forced = {MERTASINGA[0]: MERTASINGA, SEMBADAK[0]: SEMBADAK}

    # Stage 1: one per kab/kota.
    d["force"] = d["kode_desa"].isin(forced)
    top = d.sort_values(["force", "prio"], ascending=False, kind="stable").drop_duplicates("kode_kabkota")
    s1 = top.sort_values("pos")["pos"].to_numpy()
    used = np.zeros(n, bool)
    used[s1] = True
    # Stage 2 candidates: the best desa of each kecamatan without a stage-1 Kampung KB.
    kec_has = set(d.loc[used, "kode_kecamatan"])
    rest = d.loc[~d["kode_kecamatan"].isin(kec_has)]
    kec_best = rest.sort_values("prio", ascending=False, kind="stable").drop_duplicates("kode_kecamatan")
    kec_key = np.log(rng.random(len(kec_best))) / kab_w[kab_idx[kec_best["pos"].to_numpy()]] \
        - young[kec_best["pos"].to_numpy()]
    kec_best = kec_best.assign(key=kec_key).sort_values("key", ascending=False, kind="stable")

    units = _units(d)
    s1_by_unit = d.iloc[s1].groupby("unit")["pos"].apply(np.array).to_dict()
    kec_by_unit = {u: g["pos"].to_numpy() for u, g in kec_best.groupby("unit", sort=True)}
    for u in units.values():
        spec = _SPECIAL.get(u.code, {})
        avail = len(kec_by_unit.get(u.code, ()))
        f2 = float(np.clip(0.45 + 0.45 * u.maturity + rng.normal(0, 0.05), 0.3, 0.97))
        u.n2 = int(round(f2 * avail))
        c2 = u.n_kab + u.n2
        if "c4" in spec:
            u.c4, u.c4_fixed = spec["c4"], True
        elif "anchors" in spec:
            first = spec["anchors"][0][1]
            if first == "pre_decree":
                first = u.n_desa
            u.c4, u.c4_fixed = c2 + int(round(spec["toward"] * (first - c2))), True
    free = [u for u in units.values() if not u.c4_fixed]
    c2_all = {u.code: u.n_kab + u.n2 for u in units.values()}
    growth = NATIONAL_2022_08_24 - sum(u.c4 for u in units.values() if u.c4_fixed) - sum(c2_all[u.code] for u in free)
    if growth < 0:
        raise RuntimeError("demo plan: national 2022 figure below the 2019 stage; change the seed")
    for u, g in zip(free, _largest_remainder(growth, np.array([u.n_desa * (0.3 + u.maturity) for u in free]))):
        u.c4 = c2_all[u.code] + int(g)

    rows_pos, rows_day, rows_stage, rows_double = [], [], [], []

    def add(pos, days, stage, double=False):
        rows_pos.append(np.asarray(pos, dtype=np.int64))
        rows_day.append(np.asarray(days, dtype=np.int64))
        rows_stage.append(np.full(len(pos), stage, dtype=np.int8))
        rows_double.append(np.full(len(pos), double, dtype=bool))

    ordered_rest = d.loc[~used].sort_values(["unit", "prio"], ascending=[True, False], kind="stable")
    rest_by_unit = {u: g["pos"].to_numpy() for u, g in ordered_rest.groupby("unit", sort=True)}
    forced_pos = set(d.loc[d["force"], "pos"])
    for u in units.values():
        spec = _SPECIAL.get(u.code, {})
        # Stage 1 (2016): forced desa on their dates, the rest after 14 Jan.
        p1 = s1_by_unit[u.code]
        days1 = np.empty(len(p1), np.int64)
        fixed = np.array([int(p) in forced_pos for p in p1])
        for i in np.flatnonzero(fixed):
            days1[i] = _day(forced[d.at[int(p1[i]), "kode_desa"]][1])
        days1[~fixed] = rng.permutation(_dates(rng, I1[0] + 1, I1[1], int((~fixed).sum()), "uniform"))
        add(p1, days1, 1)
        # Stage 2 (2017–2019): one per chosen kecamatan, in key order.
        p2 = kec_by_unit.get(u.code, np.empty(0, np.int64))[: u.n2]
        add(p2, _dates(rng, *I2, len(p2), "uniform"), 2)
        used[p2] = True
        remaining = [p for p in rest_by_unit.get(u.code, ()) if not used[p]]
        remaining = np.array(remaining, dtype=np.int64)
        c2 = u.n_kab + u.n2
        g = u.c4 - c2
        if g < 0:
            raise RuntimeError(f"demo plan: unit {u.code} has more Kampung KB by 2019 than by Aug 2022")
        u.n4 = int(round(0.15 * g))
        n3 = g - u.n4
        u.doubles = int(spec.get("doubles", round(0.03 * n3)))
        new3 = n3 - u.doubles
        take = 0
        p3 = remaining[take:take + new3]; take += new3
        add(p3, _dates(rng, *I3, len(p3), "uniform"), 3)
        # Second RW/Dusun Kampung KB in desa that already have a pre-Inpres one.
        hosts = np.concatenate([p2, p3])
        hosts = hosts[~np.isin(hosts, list(forced_pos))]
        if u.doubles > len(hosts):
            raise RuntimeError(f"demo plan: unit {u.code} lacks desa for {u.doubles} second Kampung KB")
        ph = np.sort(rng.choice(hosts, u.doubles, replace=False))
        add(ph, rng.permutation(_dates(rng, *I3, len(ph), "uniform")), 3, True)
        p4 = remaining[take:take + u.n4]; take += u.n4
        add(p4, _dates(rng, *I4, len(p4), "uniform"), 4)
        # After 24 Aug 2022: the unit's anchors, then its end-2024 coverage.
        all_count = u.n_desa + u.doubles  # every desa covered
        cum, lo = u.c4, I4[1] + 1
        anchors = list(spec.get("anchors", []))
        last_is_full = bool(anchors) and anchors[-1][1] is None
        if not last_is_full:
            cover = spec.get("cover", float(np.clip(0.5 + 0.62 * u.maturity + rng.normal(0, 0.04), 0.3, 1.0)))
            if cover > 0.95:
                cover = 1.0  # some provinces reach every desa
            end_new = max(int(round(cover * u.n_desa)), u.c4 - u.doubles + int(0.1 * (u.n_desa - u.c4)))
            anchors.append((END, end_new + u.doubles, "accel"))
        for when, target, shape in anchors:
            if target is None:
                target = all_count
            elif target == "pre_decree":
                target = u.c4 + int(round(0.25 * (all_count - u.c4)))
            k = target - cum
            if k < 0 or take + k > len(remaining):
                raise RuntimeError(f"demo plan: unit {u.code} cannot reach {target} by {when}")
            pk = remaining[take:take + k]; take += k
            hi = _day(when)
            add(pk, _dates(rng, lo, hi, k, shape), 5)
            u.later.append((hi, target, shape))
            cum, lo = target, hi + 1

    return pd.DataFrame({
        "pos": np.concatenate(rows_pos), "day": np.concatenate(rows_day),
        "stage": np.concatenate(rows_stage), "double": np.concatenate(rows_double),
    })


def _kampung_kb(desa: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    act = _launches(desa, rng)
    act["aktif"] = True
    # Inactive extras: pre-2022 Kampung KB that stopped; never in Lampung Barat (its 136 are a decree).
    n_in = int(round(INACTIVE_SHARE * len(act)))
    # only desa every decree since 2015 has: an inactive one was active while an older decree was in force
    old = desa["since"].eq(0).to_numpy() if "since" in desa else np.ones(len(desa), bool)
    pool = np.flatnonzero(~desa["unit"].eq(LAMPUNG_BARAT).to_numpy()
                          & ~desa["kode_desa"].isin([MERTASINGA[0], SEMBADAK[0]]).to_numpy() & old)
    ina = pd.DataFrame({
        "pos": np.sort(rng.choice(pool, n_in, replace=False)),
        "day": rng.integers(I2[0], _day(date(2021, 12, 31)) + 1, n_in),
        "stage": np.full(n_in, 9, np.int8), "double": np.zeros(n_in, bool), "aktif": False,
    })
    ina["off_day"] = H.deactivation_days(ina["day"].to_numpy(), rng)
    act["off_day"] = -1
    k = pd.concat([act, ina], ignore_index=True)
    k = k.join(desa[["kode_desa", "nama_desa", "jenis", "kode_kabkota", "kode_provinsi", "unit"]], on="pos")

    # Cakupan: whole desa after Inpres 3/2022; before it some RW (kelurahan) or Dusun (desa) ones;
    # both Kampung KB of a desa holding two are RW/Dusun.
    kel = k["jenis"].eq("kelurahan").to_numpy()
    small_word = np.where(kel, "RW", "Dusun")
    pre = k["day"].to_numpy() < _day(INPRES_3_2022)
    two = k["pos"].isin(k.loc[k["double"], "pos"]).to_numpy() & k["aktif"].to_numpy() & pre
    r = rng.random(len(k))
    small = pre & (two | (r < np.where(kel, 0.35, 0.15)) | ~k["aktif"].to_numpy())  # inactive: old RW/Dusun ones
    small &= ~k["kode_desa"].isin([MERTASINGA[0], SEMBADAK[0]]).to_numpy()
    k["cakupan_wilayah"] = np.where(small, small_word, "Desa")

    # Names: a flower or a wish, the desa, and the RW/Dusun for small ones.
    word = np.asarray(_NAMES, dtype=object)[rng.integers(0, len(_NAMES), len(k))]
    style = rng.random(len(k))
    nama_desa = k["nama_desa"].to_numpy(dtype=object)
    rw = rng.integers(1, 13, len(k))
    dus = np.asarray(_ROMAN, dtype=object)[(rw - 1) % len(_ROMAN)]
    nm = np.where(style < 0.45, "Kampung KB " + nama_desa,
                  np.where(style < 0.85, "Kampung KB " + word + " " + nama_desa, "Kampung KB " + word))
    unit_part = np.where(kel, np.char.add("RW ", np.char.zfill(rw.astype(str), 2)).astype(object), "Dusun " + dus)
    nm = np.where(small, "Kampung KB " + word + " " + unit_part + " " + nama_desa, nm)
    for code, _, name in (MERTASINGA, SEMBADAK):
        nm[k["kode_desa"].eq(code).to_numpy()] = name
    k["nama"] = nm

    # contoh_kabupaten: the 2016 one of each kab/kota; contoh_provinsi: the earliest of those per province
    # (Sembadak for Sumatera Selatan: Juara I se-Sumsel).
    k["contoh_kabupaten"] = k["stage"].eq(1)
    first = k.loc[k["contoh_kabupaten"]].assign(
        pref=lambda x: x["kode_desa"].eq(SEMBADAK[0])).sort_values(["pref", "day", "kode_desa"],
                                                                   ascending=[False, True, True], kind="stable")
    prov_pick = first.drop_duplicates("kode_provinsi").index
    k["contoh_provinsi"] = k.index.isin(prov_pick)

    k = k.sort_values(["day", "kode_desa", "aktif", "double"], ascending=[True, True, False, True],
                      kind="stable").reset_index(drop=True)
    k["id"] = [f"KKB-{i:06d}" for i in range(1, len(k) + 1)]
    k["tanggal_pencanangan"] = pd.to_datetime(k["day"].to_numpy().astype("datetime64[D]")).astype("datetime64[s]")
    off = k["off_day"].to_numpy(np.int64)
    k["tanggal_nonaktif"] = pd.to_datetime(np.where(off >= 0, off, np.nan), unit="D").astype("datetime64[s]")
    return k


# --- 2. profiles -------------------------------------------------------------------------

def _rumah_dataku(k: pd.DataFrame, q: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Status ('ada'/'belum'/'tidak') and day formed (-1 if none). Never before launch nor 2021."""
    n = len(k)
    day = k["day"].to_numpy()
    start = np.maximum(day, _day(RUMAH_DATAKU_START))
    prov_m = k["kode_provinsi"].map(MATURITY).to_numpy(float)
    p_ada = np.clip((0.25 + 0.6 * prov_m) * (0.35 + 0.9 * q), 0, 0.95)
    p_ada = np.where(day > D_END - 90, p_ada * 0.4, p_ada)
    ada = rng.random(n) < p_ada
    formed = start + np.floor(rng.random(n) ** 0.7 * (D_END - start + 1)).astype(np.int64)
    status = np.where(ada, "ada", np.where(rng.random(n) < 0.55, "belum", "tidak")).astype(object)

    aktif = k["aktif"].to_numpy()
    for unit, (when, target) in _RDK_ANCHORS.items():
        a = _day(last_month_day(when))  # a profile counts once its month has ended
        elig = np.flatnonzero(aktif & k["unit"].eq(unit).to_numpy() & (day <= a))
        keys = np.log(rng.random(len(elig))) / (0.2 + q[elig])
        chosen = elig[np.argsort(-keys, kind="stable")[:target]]
        if len(chosen) != target:
            raise RuntimeError(f"demo plan: {unit} has fewer than {target} Kampung KB by {when}")
        others = np.setdiff1d(elig, chosen)
        status[elig] = "ada"
        s = start[chosen]
        formed[chosen] = s + np.floor(rng.random(len(chosen)) ** 0.7 * (a - s + 1)).astype(np.int64)
        later = rng.random(len(others)) < 0.5
        formed[others] = rng.integers(a + 1, D_END + 1, len(others))
        status[others] = np.where(later, "ada", np.where(rng.random(len(others)) < 0.6, "belum", "tidak"))
    formed = np.where(status == "ada", formed, -1)
    return status, formed


# --- 3. family-planning figures -----------------------------------------------------------

# --- assembly -------------------------------------------------------------------------------

def _sembadak(k: pd.DataFrame, prof: pd.DataFrame, kkbpk: pd.DataFrame) -> None:
    """Juara I se-Sumsel: a full profile and strong KB figures (in place)."""
    kid = k.loc[k["kode_desa"].eq(SEMBADAK[0]), "id"].iloc[0]
    i = prof.index[prof["kampung_kb_id"].eq(kid)][0]
    prof.loc[i, ["pokja_ada", "pokja_sk", "plkb_pendamping", "regulasi_ada", "rencana_kerja", "sekretariat"]] = True
    prof.loc[i, ["pokja_jumlah", "pokja_terlatih", "jumlah_mekanisme", "jumlah_instansi"]] = [21, 17, 5, 9]
    prof.loc[i, "regulasi_tingkat"] = "bupati/walikota"
    prof.loc[i, [f"poktan_{p}" for p in POKTAN]] = True
    prof.loc[i, [f"dana_{s}" for s in SUMBER_DANA]] = [True, True, True, False, True, True]
    prof.loc[i, [f"data_{s}" for s in PENGGUNAAN_DATA]] = True
    prof.loc[i, "rumah_dataku"] = "ada"
    prof.loc[i, "_rdk_day"] = _day(SEMBADAK_RDK)
    j = kkbpk.index[kkbpk["kampung_kb_id"].eq(kid)][-1]  # its latest month
    kkbpk.loc[j, ["pus", "kb_iud", "kb_mow", "kb_mop", "kb_implan", "kb_suntik", "kb_pil", "kb_kondom", "tkb_hamil",
                  "tkb_ingin_anak_segera", "tkb_iat", "tkb_tial", "keluarga_poktan", "peserta_poktan"]] = [
        612, 41, 17, 3, 64, 229, 78, 19, 26, 31, 14, 10, 655, 318]


def build_tables(master: pd.DataFrame, seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The four demo tables in canonical form (dates as Timestamps, flags as bools, counts as int64).

    kampung_kb.attrs["demo"] holds {"klasifikasi_beda": n, "tidak_aktif": n}. Same master and seed,
    same tables.
    """
    rng = np.random.default_rng(seed)
    desa = desa_table(master).sort_values("kode_desa", kind="stable").reset_index(drop=True)
    for code in (MERTASINGA[0], SEMBADAK[0]):
        if not desa["kode_desa"].eq(code).any():
            raise ValueError(f"the demo data needs desa {code} in the region master")
    missing = sorted(set(desa["kode_provinsi"]) - set(MATURITY))
    if missing:
        raise ValueError(f"the demo data knows no province {', '.join(missing)}")
    desa["unit"] = np.where(desa["kode_kabkota"].eq(LAMPUNG_BARAT), LAMPUNG_BARAT, desa["kode_provinsi"])
    if decree_of(master) is not None:  # a bundled decree: how long each desa has existed (docs/wilayah.md)
        desa["since"] = desa_since(desa["kode_desa"], decree_of(master))

    k = _kampung_kb(desa, rng)
    q = T.maturity_q(k, rng, MATURITY, D_END)
    q[k["kode_desa"].eq(SEMBADAK[0]).to_numpy()] = 0.99
    prof = T.profil(k, q, rng)
    status, formed = _rumah_dataku(k, q, rng)
    prof["rumah_dataku"] = status
    prof["_rdk_day"] = formed
    kkbpk = T.kkbpk(k, q, rng, MATURITY)
    _sembadak(k, prof, kkbpk)
    dc = T.desa_cantik(desa, k, prof, rng, MATURITY)
    prof = H.profil_snapshots(k, prof, prof["_rdk_day"].to_numpy(np.int64), q, rng)
    prof["rumah_dataku"] = prof["rumah_dataku"].astype("str")
    rd = prof["_rdk_day"].to_numpy(np.int64)
    prof["rumah_dataku_tanggal"] = pd.to_datetime(np.where(rd >= 0, rd, np.nan), unit="D").astype("datetime64[s]")

    # Reported class: the computed one (from the snapshot and the KB month in force then), except a few
    # deliberate mismatches (one class up or down).
    key = np.arange(len(prof)).astype(str)
    match = H.kkbpk_in_force(prof, kkbpk, k["id"].to_numpy())
    ok = match["_m"].notna().to_numpy()
    scores = indicator_scores(prof.assign(kampung_kb_id=key),
                              match.loc[ok, list(kkbpk.columns)].assign(kampung_kb_id=key[ok]))
    computed = scores["klasifikasi_hitung"].to_numpy(dtype=object)
    idx = {c: i for i, c in enumerate(KLASIFIKASI)}
    level = np.array([idx[c] for c in computed])
    n_mis = int(round(MISMATCH_SHARE * len(prof)))
    pool = np.flatnonzero(~prof["kampung_kb_id"].isin(k.loc[k["kode_desa"].eq(SEMBADAK[0]), "id"]).to_numpy())
    mis = np.sort(rng.choice(pool, n_mis, replace=False))
    step = np.where(rng.random(n_mis) < 0.5, -1, 1)
    step = np.where(level[mis] == 0, 1, np.where(level[mis] == 3, -1, step))
    level[mis] += step
    prof["klasifikasi"] = pd.Series(np.asarray(KLASIFIKASI, dtype=object)[level], dtype="str")
    if computed[prof.index[prof["kampung_kb_id"].isin(k.loc[k["kode_desa"].eq(SEMBADAK[0]), "id"])][-1]] \
            != BERKELANJUTAN:
        raise RuntimeError("demo plan: Kampung KB Seroja (Sembadak) should be Berkelanjutan")

    kkb = k[TABLES["kampung_kb"].names].copy()
    kkb.attrs["demo"] = {"klasifikasi_beda": n_mis, "tidak_aktif": int((~k["aktif"]).sum())}
    return {
        "kampung_kb": kkb,
        "profil": prof[TABLES["profil"].names].copy(),
        "kkbpk": kkbpk,
        "desa_cantik": dc.assign(tahun=dc["tahun"].astype("int64")),
    }


def generate(out_dir: str | os.PathLike = "data/demo", seed: int = SEED, master: pd.DataFrame | None = None) -> dict:
    """Build the demo tables and write them into `out_dir`. Returns a summary (rows, bytes, years, checks)."""
    t0 = time.perf_counter()
    master = load_master() if master is None else master
    tables = build_tables(master, seed)
    cal = check_calibration(tables)
    if not cal["cocok"].all():  # a bug in the plan, never expected
        bad = cal.loc[~cal["cocok"]].to_dict("records")
        raise RuntimeError(f"demo data misses its calibration: {bad}")
    meta = tables["kampung_kb"].attrs["demo"]
    files = {f"{name}.csv": csv_bytes(name, tables[name]) for name in TABLE_NAMES}
    sumber = {
        "sumber": SOURCE,
        "label": SYNTHETIC_LABEL,
        "sintetis": True,
        "generator": "kbreport.demo.generator",
        "seed": int(seed),
        "kbreport_version": __version__,
        "periode_kkbpk": PERIODE.strftime("%Y-%m"),  # the latest month; rows go back to each launch month
        "klasifikasi_beda": meta["klasifikasi_beda"],
        "kampung_kb_tidak_aktif": meta["tidak_aktif"],
        "kalibrasi": [{"wilayah": r["wilayah"], "kode": r["kode"], "tanggal": r["tanggal"].isoformat(),
                       "ukuran": r["ukuran"], "nilai": int(r["target"])} for r in cal.to_dict("records")],
    }
    files["sumber.json"] = (json.dumps(sumber, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["README.txt"] = README.format(seed=seed).encode("utf-8")
    out = Path(out_dir)
    write_atomic(out, files)

    kkb = tables["kampung_kb"]
    active = kkb.loc[kkb["aktif"]]
    return {
        "out_dir": str(out),
        "seed": int(seed),
        "rows": {name: len(tables[name]) for name in TABLE_NAMES},
        "bytes": {name: len(data) for name, data in files.items()},
        "kampung_kb_per_tahun": {int(y): int(n) for y, n in
                                 active["tanggal_pencanangan"].dt.year.value_counts().sort_index().items()},
        "kampung_kb_aktif": len(active),
        "kampung_kb_tidak_aktif": meta["tidak_aktif"],
        "klasifikasi_beda": meta["klasifikasi_beda"],
        "kalibrasi_cocok": int(cal["cocok"].sum()),
        "kalibrasi_total": len(cal),
        "detik": time.perf_counter() - t0,
    }
