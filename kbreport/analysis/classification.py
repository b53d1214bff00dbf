"""Recompute each Kampung KB's class (Dasar, Berkembang, Mandiri, Berkelanjutan) with the portal's rules.

Pure, vectorised functions over the canonical `profil` and `kkbpk` tables (see kbreport.ingest.schema).

Twelve indicators, each an integer score, averaged into three indexes:

input (5)
  pokja      1 no Pokja · 2 Pokja without SK · 3 Pokja with SK, nobody trained ·
             4 Pokja with SK and at least one trained member (pokja_terlatih > 0)
  dana       number of funding sources (dana_*):          0 → 1 · 1 → 2 · 2–4 → 3 · >4 → 4
  poktan     number of poktan (poktan_*):                  0 → 1 · 1–2 → 2 · 3–4 → 3 · >4 → 4
  sarana     sekretariat + Rumah DataKu ('ada'), 1–3:      none → 1 · one → 2 · both → 3
  pendamping PLKB/PKB pendamping + regulasi, 1–3:          none → 1 · one → 2 · both → 3
proses (3)
  data       number of data sources used (data_*):         0 → 1 · 1 → 2 · 2–3 → 3 · >3 → 4
  mekanisme  jumlah_mekanisme:                             0 → 1 · 1–2 → 2 · 3–4 → 3 · >4 → 4
  instansi   jumlah_instansi:                              0 → 1 · 1–3 → 2 · 4–6 → 3 · >6 → 4
output (4), shares in percent, compared exactly (integer cross-multiplication, no rounding)
  partisipasi_poktan  peserta_poktan / keluarga_poktan:   [0,10) → 1 · [10,20] → 2 · (20,30] → 3 · >30 → 4
  cpr                 sum(kb_*) / pus:                    [0,30) → 1 · [30,40] → 2 · (40,50] → 3 · >50 → 4
  mkjp                (iud+mow+mop+implan) / sum(kb_*):   [0,20) → 1 · [20,22] → 2 · (22,24] → 3 · >24 → 4
  unmet               (tkb_iat + tkb_tial) / pus:         <6 → 4 · [6,9] → 3 · (9,12] → 2 · >12 → 1

Boundary decisions (the published bands are written in whole percents with gaps, e.g. "30–40 / 41–50"):
- The first cut of each band belongs to the band above it, because the lowest band is written "<30".
- Every later cut belongs to the band below it, and anything above it to the next band, because the top
  band is written ">50": so the gap values go up — CPR 40.5 % scores 3, exactly 40 % scores 2, exactly
  50 % scores 3. The unmet proxy is the same mirrored: exactly 6 % scores 3, exactly 9 % scores 3,
  9.1 % scores 2, exactly 12 % scores 2.
- Shares are never rounded first: 40.0001 % is above 40.
- No kkbpk row, PUS 0, no peserta KB (MKJP share) or no eligible poktan family: the share is undefined and
  its indicator scores 1, the lowest (also for the unmet proxy, whose good end is low: no data is not
  good news). A missing profile value (blank bool/count) counts as absent / 0.

Indexes are the means of their indicators (the 1–3 indicators are not rescaled). An index is "≥ 3" when
the sum of its scores is at least 3 × the number of indicators (exact, no float comparison).

Class, checked in this order:
  Berkelanjutan  input ≥ 3 and proses ≥ 3 and output ≥ 3
  Mandiri        output ≥ 3 and (input ≥ 3 or proses ≥ 3)
  Berkembang     input ≥ 3 and proses ≥ 3 (output < 3)
  Dasar          otherwise (including output ≥ 3 alone, or only one of input/proses ≥ 3)
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kbreport.ingest.schema import METODE_KB, METODE_MKJP, PENGGUNAAN_DATA, POKTAN, SUMBER_DANA

INPUT = ("pokja", "dana", "poktan", "sarana", "pendamping")
PROSES = ("data", "mekanisme", "instansi")
OUTPUT = ("partisipasi_poktan", "cpr", "mkjp", "unmet")
INDICATORS = INPUT + PROSES + OUTPUT

DASAR, BERKEMBANG, MANDIRI, BERKELANJUTAN = "Dasar", "Berkembang", "Mandiri", "Berkelanjutan"

# Count bands: score = 1 + (n >= a) + (n >= b) + (n >= c)
_COUNT_CUTS = {
    "dana": (1, 2, 5),  # 0 / 1 / 2–4 / >4
    "poktan": (1, 3, 5),  # 0 / 1–2 / 3–4 / >4
    "data": (1, 2, 4),  # 0 / 1 / 2–3 / >3
    "mekanisme": (1, 3, 5),  # 0 / 1–2 / 3–4 / >4
    "instansi": (1, 4, 7),  # 0 / 1–3 / 4–6 / >6
}
# Share bands in percent: (first cut, inclusive upwards; two later cuts, exclusive upwards)
_SHARE_CUTS = {
    "partisipasi_poktan": (10, 20, 30),
    "cpr": (30, 40, 50),
    "mkjp": (20, 22, 24),
    "unmet": (6, 9, 12),  # scored in reverse
}


def _bool(df: pd.DataFrame, col: str) -> np.ndarray:
    if col not in df.columns:
        raise KeyError(f"profil has no column {col!r}")
    return df[col].fillna(False).astype(bool).to_numpy()


def _int(df: pd.DataFrame, col: str) -> np.ndarray:
    if col not in df.columns:
        raise KeyError(f"table has no column {col!r}")
    return pd.to_numeric(df[col], errors="coerce").fillna(0).astype("int64").to_numpy()


def _count_score(n: np.ndarray, cuts: tuple[int, int, int]) -> np.ndarray:
    a, b, c = cuts
    return (1 + (n >= a).astype(np.int8) + (n >= b) + (n >= c)).astype(np.int8)


def _share_score(num: np.ndarray, den: np.ndarray, cuts: tuple[int, int, int], reverse: bool = False) -> np.ndarray:
    """Score num/den (in %) against the bands, exactly: num/den >= c/100  <=>  100*num >= c*den."""
    a, b, c = cuts
    n100 = num.astype("int64") * 100
    den = den.astype("int64")
    steps = (n100 >= a * den).astype(np.int8) + (n100 > b * den) + (n100 > c * den)
    score = (4 - steps) if reverse else (1 + steps)
    return np.where(den > 0, score, 1).astype(np.int8)


def indicator_scores(profil: pd.DataFrame, kkbpk: pd.DataFrame) -> pd.DataFrame:
    """Score the twelve indicators of every Kampung KB in `profil` and derive its class.

    One row per profil row, indexed by kampung_kb_id; kkbpk is matched on kampung_kb_id (a Kampung KB
    without a kkbpk row scores 1 on every output indicator). Columns: the twelve INDICATORS (int8),
    `indeks_input`, `indeks_proses`, `indeks_output` (means) and `klasifikasi_hitung`.
    """
    ids = profil["kampung_kb_id"].astype(str)
    if ids.duplicated().any():
        dup = ids[ids.duplicated()].iloc[0]
        raise ValueError(f"profil holds more than one row for Kampung KB {dup!r}")
    out: dict[str, np.ndarray] = {}

    pokja, sk = _bool(profil, "pokja_ada"), _bool(profil, "pokja_sk")
    trained = _int(profil, "pokja_terlatih") > 0
    out["pokja"] = np.where(~pokja, 1, np.where(~sk, 2, np.where(trained, 4, 3))).astype(np.int8)
    out["dana"] = _count_score(sum(_bool(profil, f"dana_{s}").astype(np.int64) for s in SUMBER_DANA),
                               _COUNT_CUTS["dana"])
    out["poktan"] = _count_score(sum(_bool(profil, f"poktan_{p}").astype(np.int64) for p in POKTAN),
                                 _COUNT_CUTS["poktan"])
    rdk = profil["rumah_dataku"].astype("string").str.strip().str.lower().eq("ada").fillna(False).to_numpy(bool)
    out["sarana"] = (1 + _bool(profil, "sekretariat").astype(np.int8) + rdk).astype(np.int8)
    out["pendamping"] = (1 + _bool(profil, "plkb_pendamping").astype(np.int8)
                         + _bool(profil, "regulasi_ada")).astype(np.int8)

    out["data"] = _count_score(sum(_bool(profil, f"data_{d}").astype(np.int64) for d in PENGGUNAAN_DATA),
                               _COUNT_CUTS["data"])
    out["mekanisme"] = _count_score(_int(profil, "jumlah_mekanisme"), _COUNT_CUTS["mekanisme"])
    out["instansi"] = _count_score(_int(profil, "jumlah_instansi"), _COUNT_CUTS["instansi"])

    k = kkbpk.assign(kampung_kb_id=kkbpk["kampung_kb_id"].astype(str))
    if k["kampung_kb_id"].duplicated().any():
        dup = k.loc[k["kampung_kb_id"].duplicated(), "kampung_kb_id"].iloc[0]
        raise ValueError(f"kkbpk holds more than one row for Kampung KB {dup!r}")
    cols = ["pus", *(f"kb_{m}" for m in METODE_KB), "tkb_iat", "tkb_tial", "keluarga_poktan", "peserta_poktan"]
    num = pd.DataFrame({c: _int(k, c) for c in cols}, index=k["kampung_kb_id"].to_numpy())
    # Align to profil; a missing kkbpk row becomes zeros, hence undefined shares, hence score 1.
    num = num.reindex(ids.to_numpy(), fill_value=0)
    v = {c: num[c].to_numpy() for c in cols}
    peserta = sum(v[f"kb_{m}"] for m in METODE_KB)
    mkjp = sum(v[f"kb_{m}"] for m in METODE_MKJP)
    out["partisipasi_poktan"] = _share_score(v["peserta_poktan"], v["keluarga_poktan"],
                                             _SHARE_CUTS["partisipasi_poktan"])
    out["cpr"] = _share_score(peserta, v["pus"], _SHARE_CUTS["cpr"])
    out["mkjp"] = _share_score(mkjp, peserta, _SHARE_CUTS["mkjp"])
    out["unmet"] = _share_score(v["tkb_iat"] + v["tkb_tial"], v["pus"], _SHARE_CUTS["unmet"], reverse=True)

    res = pd.DataFrame({name: out[name] for name in INDICATORS}, index=pd.Index(ids.to_numpy(), name="kampung_kb_id"))
    sums = {g: res[list(names)].sum(axis=1).to_numpy(np.int64)
            for g, names in (("input", INPUT), ("proses", PROSES), ("output", OUTPUT))}
    res["indeks_input"] = sums["input"] / len(INPUT)
    res["indeks_proses"] = sums["proses"] / len(PROSES)
    res["indeks_output"] = sums["output"] / len(OUTPUT)
    res["klasifikasi_hitung"] = _classes(sums["input"] >= 3 * len(INPUT), sums["proses"] >= 3 * len(PROSES),
                                         sums["output"] >= 3 * len(OUTPUT))
    return res


def _classes(i3: np.ndarray, p3: np.ndarray, o3: np.ndarray) -> np.ndarray:
    return np.select(
        [i3 & p3 & o3, o3 & (i3 | p3), i3 & p3],
        [BERKELANJUTAN, MANDIRI, BERKEMBANG],
        default=DASAR,
    ).astype(object)


def classify(indexes: Sequence[float]) -> str:
    """Class of one Kampung KB from its (input, proses, output) indexes."""
    i, p, o = (float(x) for x in indexes)
    return str(_classes(np.array([i >= 3]), np.array([p >= 3]), np.array([o >= 3]))[0])


def compare(profil: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Reported vs computed class per Kampung KB: columns kampung_kb_id, reported, computed, match.

    Rows follow `profil`; a profile missing from `scores` gets computed = NA and match = False.
    """
    ids = profil["kampung_kb_id"].astype(str).reset_index(drop=True)
    reported = profil["klasifikasi"].astype("string").reset_index(drop=True)
    computed = pd.Series(scores["klasifikasi_hitung"].reindex(ids.to_numpy()).to_numpy(), dtype="string")
    match = (reported == computed).fillna(False).astype(bool)
    return pd.DataFrame({"kampung_kb_id": ids, "reported": reported, "computed": computed, "match": match})
