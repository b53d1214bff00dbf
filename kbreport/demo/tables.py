"""The demo tables beside kampung_kb: profiles, monthly KB figures and Desa Cantik (docs/demo-data.md).

Used by kbreport.demo.generator, which plans the Kampung KB launches; history (periods, snapshots, formation
days) comes from kbreport.demo.history. Day numbers are days since 1970.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from kbreport.demo import history as H
from kbreport.ingest.schema import PENGGUNAAN_DATA, POKTAN, REGULASI_TINGKAT, SUMBER_DANA


def _day(d: date) -> int:
    return int(np.datetime64(d, "D").astype(np.int64))


def largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    raw = total * w / w.sum()
    base = np.floor(raw).astype(np.int64)
    rest = total - int(base.sum())
    order = np.lexsort((np.arange(len(w)), -(raw - base)))  # ties by position: deterministic
    base[order[:rest]] += 1
    return base


def maturity_q(k: pd.DataFrame, rng: np.random.Generator, maturity: dict, d_end: int) -> np.ndarray:
    """Per-Kampung KB maturity in (0, 1): older and in a more mature province means stronger."""
    age = (d_end - k["day"].to_numpy()) / 365.25
    prov_m = k["kode_provinsi"].map(maturity).to_numpy(float)
    kab_codes, kab_idx = np.unique(k["kode_kabkota"].to_numpy(), return_inverse=True)
    kab_eff = rng.normal(0, 0.35, len(kab_codes))[kab_idx]
    z = -1.1 + 0.45 * age + 2.0 * (prov_m - 0.5) + kab_eff + rng.normal(0, 0.6, len(k))
    return 1 / (1 + np.exp(-z))


def profil(k: pd.DataFrame, q: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    n = len(k)

    def flag(p):
        return rng.random(n) < np.clip(p, 0, 1)

    out = pd.DataFrame({"kampung_kb_id": k["id"].to_numpy()})
    pokja = flag(0.7 + 0.3 * q)
    out["pokja_ada"] = pokja
    out["pokja_sk"] = pokja & flag(0.3 + 0.7 * q)
    jumlah = np.where(pokja, rng.integers(5, 26, n), 0)
    out["pokja_jumlah"] = jumlah
    trained = rng.binomial(jumlah, np.clip(0.05 + 0.7 * q, 0, 1))
    out["pokja_terlatih"] = np.where(flag(0.35 * (1 - q)), 0, trained)
    out["plkb_pendamping"] = flag(0.5 + 0.5 * q)
    reg = flag(0.15 + 0.8 * q)
    out["regulasi_ada"] = reg
    tingkat = np.asarray(REGULASI_TINGKAT, dtype=object)[rng.choice(4, n, p=[0.05, 0.35, 0.15, 0.45])]
    out["regulasi_tingkat"] = pd.Series(np.where(reg, tingkat, None), dtype="str")
    out["rencana_kerja"] = flag(0.25 + 0.65 * q)
    out["sekretariat"] = flag(0.35 + 0.65 * q)
    out["rumah_dataku"] = "tidak"  # filled by _rumah_dataku
    out["rumah_dataku_tanggal"] = pd.NaT
    for p, (a, b) in zip(POKTAN, ((0.6, 0.4), (0.4, 0.6), (0.4, 0.6), (0.2, 0.7), (0.1, 0.75))):
        out[f"poktan_{p}"] = flag(a + b * q)
    for s, (a, b) in zip(SUMBER_DANA, ((0.2, 0.6), (0.2, 0.6), (0.45, 0.55), (0.02, 0.25), (0.02, 0.35),
                                       (0.15, 0.6))):
        out[f"dana_{s}"] = flag(a + b * q)
    for s, (a, b) in zip(PENGGUNAAN_DATA, ((0.5, 0.5), (0.25, 0.7), (0.1, 0.6), (0.05, 0.55), (0.02, 0.2))):
        out[f"data_{s}"] = flag(a + b * q)
    out["jumlah_mekanisme"] = rng.binomial(5, np.clip(0.1 + 0.85 * q, 0, 1))
    out["jumlah_instansi"] = rng.binomial(10, np.clip(0.03 + 0.65 * q, 0, 1))
    out["klasifikasi"] = ""
    return out


def kkbpk(k: pd.DataFrame, q: np.ndarray, rng: np.random.Generator, maturity: dict) -> pd.DataFrame:
    """Per-Kampung KB final levels, then the monthly rows with history (kbreport.demo.history)."""
    n = len(k)
    prov = k["kode_provinsi"].to_numpy()
    codes = np.array(sorted(maturity))
    # Province levels (drawn once per province, in code order).
    cpr_p = dict(zip(codes, rng.uniform(0.46, 0.64, len(codes))))
    mkjp_p = dict(zip(codes, rng.uniform(0.16, 0.32, len(codes))))
    unmet_p = dict(zip(codes, rng.uniform(0.06, 0.13, len(codes))))
    size = np.exp(rng.normal(np.log(430), 0.4, n))
    size *= np.where(k["cakupan_wilayah"].ne("Desa").to_numpy(), 0.5, 1.0)
    size *= np.where(k["jenis"].eq("kelurahan").to_numpy(), 1.4, 1.0)
    base = {
        "pus": np.clip(np.round(size), 150, 900),
        "cpr": np.clip(np.array([cpr_p[p] for p in prov]) + 0.02 * (q - 0.5) + rng.normal(0, 0.07, n), 0.3, 0.8),
        "mkjp": np.clip(np.array([mkjp_p[p] for p in prov]) + 0.03 * (q - 0.5) + rng.normal(0, 0.05, n), 0.05, 0.5),
        "unmet": np.clip(np.array([unmet_p[p] for p in prov]) - 0.02 * (q - 0.5) + rng.normal(0, 0.03, n), 0.01, 0.3),
        "fam": rng.uniform(0.7, 1.3, n),
        "poktan": np.clip(0.15 + 0.1 * q + rng.normal(0, 0.07, n), 0.02, 0.7),
    }
    return H.kkbpk_rows(k, base, rng)


def desa_cantik(desa: pd.DataFrame, k: pd.DataFrame, prof: pd.DataFrame, rng: np.random.Generator,
                maturity: dict) -> pd.DataFrame:
    provs = np.array(sorted(maturity))
    taken = np.zeros(len(desa), bool)
    prov_rows = {p: np.flatnonzero(desa["kode_provinsi"].to_numpy() == p) for p in provs}
    kkb_desa = np.zeros(len(desa), bool)
    kkb_desa[k.loc[k["aktif"], "pos"].to_numpy()] = True
    rows = []

    def pick(prov: str, m: int, year: int, mask=None):
        rows_p = prov_rows[prov]
        keep = ~taken[rows_p] if mask is None else ~taken[rows_p] & mask[rows_p]
        cand = rows_p[keep]
        w = np.where(kkb_desa[cand], 3.0, 1.0)  # BKKBN–BPS synergy: Kampung KB desa more likely
        keys = np.log(rng.random(len(cand))) / w
        got = cand[np.argsort(-keys, kind="stable")[:m]]
        if len(got) < m:
            raise RuntimeError(f"demo plan: not enough desa for Desa Cantik in {prov}")
        taken[got] = True
        rows.append(pd.DataFrame({"pos": got, "tahun": year}))

    # 2021: 100 in 30 provinces (Kalimantan Selatan started in 2022).
    p21 = np.sort(rng.choice(provs[provs != "63"], 30, replace=False))
    for p, m in zip(p21, largest_remainder(100, np.ones(30))):
        pick(p, int(m), 2021)
    # 2022: 200, Kalimantan Selatan exactly 15: some in Kampung KB desa with a Rumah DataKu by then,
    # some in Kampung KB desa without one, some outside any Kampung KB.
    end22 = _day(date(2022, 12, 31))
    kal = k["aktif"] & k["unit"].eq("63") & (k["day"] <= end22)
    rdk_day = prof["_rdk_day"].to_numpy()
    with_rdk = np.zeros(len(desa), bool)
    with_rdk[k.loc[kal & (rdk_day[k.index] >= 0) & (rdk_day[k.index] <= end22), "pos"].to_numpy()] = True
    kkb22 = np.zeros(len(desa), bool)
    kkb22[k.loc[kal, "pos"].to_numpy()] = True
    pick("63", 5, 2022, with_rdk)
    pick("63", 4, 2022, kkb22 & ~with_rdk)
    pick("63", 6, 2022, ~kkb22)
    others = provs[provs != "63"]
    w = np.sqrt(desa.groupby("kode_provinsi").size().reindex(others).to_numpy())
    for p, m in zip(others, largest_remainder(185, w)):
        if m:
            pick(p, int(m), 2022)
    for p, m in zip(provs, largest_remainder(250, np.sqrt(desa.groupby("kode_provinsi").size().reindex(provs)
                                                            .to_numpy()))):
        if m:
            pick(p, int(m), 2023)
    dc = pd.concat(rows, ignore_index=True)
    dc["kode_desa"] = desa["kode_desa"].to_numpy()[dc["pos"].to_numpy()]
    dc = dc.sort_values(["tahun", "kode_desa"], kind="stable").reset_index(drop=True)
    dc["tanggal_pembentukan"] = H.desa_cantik_days(dc["tahun"].to_numpy(), rng)
    return dc[["kode_desa", "tahun", "tanggal_pembentukan"]]
