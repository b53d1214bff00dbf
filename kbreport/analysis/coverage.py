"""Coverage: how many desa/kelurahan of a unit hold an active Kampung KB, by sub-unit, as of a date.

Columns of a coverage table (one row per sub-unit, sorted by kode, then one total row):
  kode, nama        the sub-unit (the unit itself on the total row; kode None for Indonesia)
  desa_kelurahan    desa/kelurahan in the master; desa (incl. desa adat) and kelurahan apart
  tercakup          distinct desa/kelurahan with at least one active Kampung KB launched on or before as_of
  kampung_kb        active Kampung KB launched on or before as_of; may exceed tercakup, because before
                    Inpres 3/2022 one desa could hold several RW/dusun-level Kampung KB
  cakupan_persen    100 × tercakup / desa_kelurahan, unrounded (0–100)
  kekurangan        desa/kelurahan still to cover to reach target_persen: ceil(target × desa_kelurahan / 100)
                    − tercakup, never below 0
  selisih_poin      target_persen − cakupan_persen, never below 0 (points still to go)
  peringkat         rank by cakupan_persen, highest = 1; ties share the best rank ('min': 1, 2, 2, 4).
                    <NA> on the total row.
  total             True on the total row only
Sub-units without any Kampung KB appear with zeros (never dropped, never NaN).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kbreport.analysis.units import KABKOTA, KECAMATAN, LEVEL_COLUMNS, PROVINSI, Scope, scope

COVERAGE_COLUMNS = ["kode", "nama", "desa_kelurahan", "desa", "kelurahan", "tercakup", "kampung_kb",
                    "cakupan_persen", "kekurangan", "selisih_poin", "peringkat", "total"]
_COUNTS = ["desa_kelurahan", "desa", "kelurahan", "tercakup", "kampung_kb"]


def target_count(n, target_persen: float):
    """Desa needed for a share: ceil(target × n / 100), guarded against float noise (70 % of 10 is 7)."""
    x = np.round(np.asarray(n, dtype=float) * float(target_persen) / 100.0, 9)
    out = np.ceil(x).astype(np.int64)
    return int(out) if out.ndim == 0 else out


def percent(num, den):
    """100 × num / den as float; NaN where den is 0."""
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den > 0, 100.0 * num / np.where(den > 0, den, 1.0), np.nan)
    return float(out) if out.ndim == 0 else out


def rank_desc(values) -> pd.Series:
    """Rank, highest first, ties sharing the best ('min') rank; compared at 1e-9 so 1/3 equals 2/6."""
    s = pd.Series(np.round(np.asarray(values, dtype=float), 9))
    return s.rank(method="min", ascending=False).astype("Int64")


def _finish(t: pd.DataFrame, target_persen: float) -> pd.DataFrame:
    """Add the derived columns to a frame of counts."""
    for c in _COUNTS:
        t[c] = t[c].astype(np.int64)
    t["cakupan_persen"] = percent(t["tercakup"], t["desa_kelurahan"])
    t["kekurangan"] = np.maximum(target_count(t["desa_kelurahan"], target_persen) - t["tercakup"].to_numpy(), 0)
    t["selisih_poin"] = np.maximum(float(target_persen) - t["cakupan_persen"].to_numpy(dtype=float), 0.0)
    return t


def kkb_per_desa(sc: Scope) -> np.ndarray:
    """Counting Kampung KB on each desa row of the unit (aligned with sc.desa_rows)."""
    per_row = np.bincount(sc.kkb["desa_row"].to_numpy(), minlength=len(sc.desa_table))
    return per_row[sc.desa_rows]


def coverage_from_scope(sc: Scope, target_persen: float = 100.0) -> pd.DataFrame:
    k = kkb_per_desa(sc)
    cols = {
        "desa_kelurahan": sc.sum_desa(),
        "desa": sc.sum_desa(~sc.index.kelurahan[sc.desa_rows]),
        "kelurahan": sc.sum_desa(sc.index.kelurahan[sc.desa_rows]),
        "tercakup": sc.sum_desa(k > 0),
        "kampung_kb": sc.sum_desa(k),
    }
    cols = {c: v.astype(np.int64) for c, v in cols.items()}
    out = _finish(sc.frame(cols, {c: int(v.sum()) for c, v in cols.items()}), target_persen)
    sub = ~out["total"].to_numpy()
    rank = np.full(len(out), pd.NA, dtype=object)
    rank[sub] = rank_desc(out["cakupan_persen"].to_numpy()[sub]).to_numpy(dtype=object)
    out["peringkat"] = pd.array(rank, dtype="Int64")
    return out[COVERAGE_COLUMNS]


def coverage(desa: pd.DataFrame, kampung_kb: pd.DataFrame, kode: str | None = None, as_of=None,
             target_persen: float = 100.0) -> pd.DataFrame:
    """Coverage of unit `kode` (None = Indonesia) by sub-unit, as of `as_of` (None = no cut-off)."""
    return coverage_from_scope(scope(desa, kampung_kb, kode, as_of), target_persen)


def coverage_level(desa: pd.DataFrame, kampung_kb: pd.DataFrame, tingkat: str, as_of=None,
                   target_persen: float = 100.0) -> pd.DataFrame:
    """Coverage of every unit of one level across Indonesia (tingkat: provinsi | kabkota | kecamatan).

    Same columns as `coverage` without the total row, plus the parent codes/names (kode_provinsi,
    nama_provinsi; and kode_kabkota, nama_kabkota for kecamatan). `peringkat` ranks nationally;
    `peringkat_induk` ranks within the parent unit (equal to peringkat for provinces).
    """
    if tingkat not in LEVEL_COLUMNS:
        raise ValueError(f"tingkat harus salah satu dari {', '.join(LEVEL_COLUMNS)}: {tingkat!r}")
    sc = scope(desa, kampung_kb, None, as_of)
    lv = sc.index.levels[tingkat]
    n = len(lv.kode)
    k = kkb_per_desa(sc)  # national scope: desa_rows is every row, in order

    def by(values=None):
        return np.bincount(lv.codes, weights=values, minlength=n).astype(np.int64)

    kel = sc.index.kelurahan
    t = pd.DataFrame({"kode": lv.kode, "nama": lv.nama})
    parents = {PROVINSI: [], KABKOTA: [PROVINSI], KECAMATAN: [PROVINSI, KABKOTA]}[tingkat]
    first = np.unique(lv.codes, return_index=True)[1]
    keep = []
    for p in parents:
        plv = sc.index.levels[p]
        pc = plv.codes[first]
        code_col, name_col = LEVEL_COLUMNS[p]
        t[code_col] = plv.kode[pc]
        t[name_col] = plv.nama[pc]
        keep += [code_col, name_col]
    t = t.assign(desa_kelurahan=by(), desa=by(~kel), kelurahan=by(kel), tercakup=by(k > 0), kampung_kb=by(k))
    t = _finish(t, target_persen)
    t["peringkat"] = rank_desc(t["cakupan_persen"]).to_numpy()
    if keep:
        parent = t[keep[-2]].to_numpy(dtype=object)
        r = pd.Series(np.round(t["cakupan_persen"].to_numpy(dtype=float), 9)).groupby(parent)
        t["peringkat_induk"] = r.rank(method="min", ascending=False).astype("Int64").to_numpy()
    else:
        t["peringkat_induk"] = t["peringkat"]
    return t[["kode", "nama", *keep, *COVERAGE_COLUMNS[2:-1], "peringkat_induk"]].reset_index(drop=True)


def coverage_all_levels(desa: pd.DataFrame, kampung_kb: pd.DataFrame, as_of=None,
                        target_persen: float = 100.0) -> dict[str, pd.DataFrame]:
    """{"provinsi": …, "kabkota": …, "kecamatan": …}: coverage_level for each level of Indonesia."""
    return {t: coverage_level(desa, kampung_kb, t, as_of, target_persen) for t in (PROVINSI, KABKOTA, KECAMATAN)}


def total_row(table: pd.DataFrame) -> pd.Series:
    """The total row of a table with a `total` column."""
    return table[table["total"]].iloc[0]


def sub_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The sub-unit rows of a table with a `total` column."""
    return table[~table["total"]].reset_index(drop=True)
