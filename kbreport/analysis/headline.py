"""The headline figures of a unit as of a date: the one dict the text layer and figures.json read.

Keys (HEADLINE_KEYS, exactly these; plain Python types, None instead of NaN):
  wilayah_kode (str|None), wilayah_nama ("Indonesia" / province name / "Kab. X", from the master),
  tingkat ("nasional"|"provinsi"|"kabkota"), as_of (date),
  desa_kelurahan, desa, kelurahan, tercakup, kampung_kb (int), cakupan_persen (float, unrounded),
  target_tanggal (date), target_persen (float), kekurangan (int ≥ 0, desa still to cover),
  rumah_dataku (int, 'ada' as of as_of), rumah_dataku_persen (float|None: of kampung_kb),
  rumah_dataku_target_persen (float),
  laju_12_bulan (float, covered desa per month), laju_dibutuhkan (float|None), perkiraan_tercapai (date|None)
    — defined in kbreport.analysis.trend,
  cpr, mkjp, unmet, partisipasi_poktan (float|None, percent; kbreport.analysis.outcomes),
  sub_unit_jumlah (int), sub_unit_di_bawah_target (int: sub-units whose coverage is below target_persen),
  sub_unit_tertinggi / sub_unit_terendah ({"nama": str, "persen": float, "tercakup": int,
    "desa_kelurahan": int, "lainnya": [str]} or None): highest / lowest coverage, judged on the exact
    fraction tercakup / desa_kelurahan (sub-units without desa are not ranked); "nama" is the first by kode
    and "lainnya" the others with exactly the same fraction, by kode (empty when there is no tie); None when
    there are no sub-units or all have the same coverage (nothing to single out),
  kecamatan (int: kecamatan of the unit in the master given), kecamatan_tercakup (int: of them, those with at
    least one counting Kampung KB),
  rumah_dataku_tanpa_tanggal (int: 'ada' without a date, counted at no date),
  kkbpk_periode / profil_periode (date, first of the month, or None): the latest month of the kkbpk / profil rows
    the figures used (each Kampung KB's row in force as of as_of, kbreport.analysis.history), None when no
    dated row was used; kkbpk_periode_awal / profil_periode_awal the earliest such month;
    kkbpk_tanpa_periode / profil_tanpa_periode (int): rows used that carry no period (an export without history).
rumah_dataku_target_persen is None when no target is in force (see kbreport.analysis.rumah_dataku.default_target).
With target_persen None (no coverage target in force, kbreport.analysis.targets) target_tanggal, target_persen,
kekurangan, sub_unit_di_bawah_target, laju_dibutuhkan and perkiraan_tercapai are None: nothing is measured
against a target (coverage itself and laju_12_bulan still are).
"""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd

from kbreport.analysis.coverage import coverage_from_scope, sub_rows, total_row
from kbreport.analysis.outcomes import outcomes_from_scope
from kbreport.analysis.rumah_dataku import DEFAULT_RDK_TARGET_PERSEN, rumah_dataku_from_scope
from kbreport.analysis.trend import DEFAULT_TARGET_PERSEN, DEFAULT_TARGET_TANGGAL, pace_from_scope
from kbreport.analysis.history import periods_used, rows_as_of
from kbreport.analysis.units import KECAMATAN, Scope, scope

HEADLINE_KEYS = (
    "wilayah_kode", "wilayah_nama", "tingkat", "as_of",
    "desa_kelurahan", "desa", "kelurahan", "tercakup", "kampung_kb", "cakupan_persen",
    "target_tanggal", "target_persen", "kekurangan",
    "rumah_dataku", "rumah_dataku_persen", "rumah_dataku_target_persen",
    "laju_12_bulan", "laju_dibutuhkan", "perkiraan_tercapai",
    "cpr", "mkjp", "unmet", "partisipasi_poktan",
    "sub_unit_jumlah", "sub_unit_di_bawah_target", "sub_unit_tertinggi", "sub_unit_terendah",
    "kecamatan", "kecamatan_tercakup", "rumah_dataku_tanpa_tanggal",
    "kkbpk_periode", "kkbpk_periode_awal", "kkbpk_tanpa_periode",
    "profil_periode", "profil_periode_awal", "profil_tanpa_periode",
)


def _f(x) -> float | None:
    """float, or None for NaN/None."""
    if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x):
        return None
    return float(x)


def extremes(subs: pd.DataFrame) -> tuple[dict | None, dict | None]:
    """(highest, lowest) sub-unit of a coverage table's sub-unit rows (sorted by kode), ties named in
    "lainnya"; (None, None) when fewer than two coverages differ. See the module doc."""
    ranked = [(Fraction(int(c), int(n)), str(nama), int(c), int(n))
              for nama, c, n in zip(subs["nama"], subs["tercakup"], subs["desa_kelurahan"]) if int(n) > 0]
    if not ranked:
        return None, None
    hi, lo = max(r[0] for r in ranked), min(r[0] for r in ranked)
    if hi == lo:
        return None, None

    def pick(q: Fraction) -> dict:
        tied = [r for r in ranked if r[0] == q]
        _, nama, c, n = tied[0]
        return {"nama": nama, "persen": 100.0 * c / n, "tercakup": c, "desa_kelurahan": n,
                "lainnya": [r[1] for r in tied[1:]]}

    return pick(hi), pick(lo)


def kecamatan_counts(sc: Scope) -> tuple[int, int]:
    """(kecamatan of the unit, of them those holding at least one counting Kampung KB)."""
    codes = sc.index.levels[KECAMATAN].codes
    return (int(len(np.unique(codes[sc.desa_rows]))),
            int(len(np.unique(codes[sc.kkb["desa_row"].to_numpy()]))))


def _periods(table: pd.DataFrame, sc: Scope, prefix: str) -> dict:
    p = periods_used(table, rows_as_of(table, sc.kampung_kb, sc.as_of)[sc.kkb["row"].to_numpy()])
    return {f"{prefix}_periode": p.akhir.date() if p.akhir is not None else None,
            f"{prefix}_periode_awal": p.awal.date() if p.awal is not None else None,
            f"{prefix}_tanpa_periode": p.tanpa_periode}


def headline(desa: pd.DataFrame, kampung_kb: pd.DataFrame, profil: pd.DataFrame, kkbpk: pd.DataFrame,
             kode: str | None, as_of, target_tanggal=DEFAULT_TARGET_TANGGAL,
             target_persen: float = DEFAULT_TARGET_PERSEN,
             rdk_target_persen: float | None = DEFAULT_RDK_TARGET_PERSEN) -> dict:
    """Headline figures of unit `kode` (None = Indonesia) as of `as_of` (required)."""
    if as_of is None:
        raise ValueError("as_of diperlukan untuk angka utama")
    sc = scope(desa, kampung_kb, kode, as_of)
    none = target_persen is None or target_tanggal is None  # no target in force on as_of
    cov = coverage_from_scope(sc, DEFAULT_TARGET_PERSEN if none else target_persen)
    tot = total_row(cov)
    subs = sub_rows(cov)
    pace = pace_from_scope(sc, DEFAULT_TARGET_TANGGAL if none else target_tanggal,
                           DEFAULT_TARGET_PERSEN if none else target_persen)
    rdk = total_row(rumah_dataku_from_scope(sc, profil, rdk_target_persen))
    out = total_row(outcomes_from_scope(sc, kkbpk))

    top, low = extremes(subs)
    kec = kecamatan_counts(sc)
    h = {
        "wilayah_kode": sc.unit.kode,
        "wilayah_nama": sc.unit.nama,
        "tingkat": sc.unit.tingkat,
        "as_of": sc.as_of.date(),
        "desa_kelurahan": int(tot["desa_kelurahan"]),
        "desa": int(tot["desa"]),
        "kelurahan": int(tot["kelurahan"]),
        "tercakup": int(tot["tercakup"]),
        "kampung_kb": int(tot["kampung_kb"]),
        "cakupan_persen": _f(tot["cakupan_persen"]) or 0.0,
        "target_tanggal": None if none else pace["target_tanggal"],
        "target_persen": None if none else float(target_persen),
        "kekurangan": None if none else int(tot["kekurangan"]),
        "rumah_dataku": int(rdk["ada"]),
        "rumah_dataku_persen": _f(rdk["ada_persen"]),
        "rumah_dataku_target_persen": None if rdk_target_persen is None else float(rdk_target_persen),
        "laju_12_bulan": float(pace["laju_12_bulan"]),
        "laju_dibutuhkan": None if none else _f(pace["laju_dibutuhkan"]),
        "perkiraan_tercapai": None if none else pace["perkiraan_tercapai"],
        "cpr": _f(out["cpr"]),
        "mkjp": _f(out["mkjp"]),
        "unmet": _f(out["unmet"]),
        "partisipasi_poktan": _f(out["partisipasi_poktan"]),
        "sub_unit_jumlah": int(len(subs)),
        "sub_unit_di_bawah_target": None if none else int((subs["kekurangan"] > 0).sum()),
        "sub_unit_tertinggi": top,
        "sub_unit_terendah": low,
        "kecamatan": kec[0],
        "kecamatan_tercakup": kec[1],
        "rumah_dataku_tanpa_tanggal": int(rdk["tanpa_tanggal"]),
        **_periods(kkbpk, sc, "kkbpk"),
        **_periods(profil, sc, "profil"),
    }
    assert tuple(h) == HEADLINE_KEYS
    return h

