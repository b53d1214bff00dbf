"""Desa Cantik overlap (for BKKBN–BPS events): which Desa Cantik of a unit are Kampung KB, with a Rumah DataKu.

As of `as_of`: the Desa Cantik formed on or before as_of (all when as_of is None) whose desa is in the unit.
Formed means tanggal_pembentukan on or before as_of; one with only a year (`tahun`, no date) counts from the
end of that year, 31 December (it may have been formed on any day of it). A Desa Cantik "is a Kampung KB" when its desa holds at least one counting Kampung KB (active,
launched on or before as_of); it "has a Rumah DataKu" when one of those has status 'ada' as of then (see
kbreport.analysis.rumah_dataku). Desa Cantik codes absent from the master are left out.

`desa_cantik_overlap` returns a dict:
  desa_cantik       int   Desa Cantik in the unit
  kampung_kb        int   of them, desa with a Kampung KB
  bukan_kampung_kb  int   of them, desa without
  rumah_dataku      int   of the Kampung KB ones, with a Rumah DataKu
  daftar            DataFrame, one row per Desa Cantik sorted by kode_desa: kode_desa, nama_desa, jenis,
                    nama_kecamatan, nama_kabkota, nama_provinsi, sub_kode, sub_nama, tahun,
                    kampung_kb (count), is_kampung_kb (bool), rumah_dataku (bool)
  per_sub_unit      DataFrame: kode, nama, desa_cantik, kampung_kb, bukan_kampung_kb, rumah_dataku, total
                    (every sub-unit, zeros included, then the total row)
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kbreport.analysis.rumah_dataku import status_as_of
from kbreport.analysis.units import Scope, check_columns, scope

_LIST = ["kode_desa", "nama_desa", "jenis", "nama_kecamatan", "nama_kabkota", "nama_provinsi", "sub_kode",
         "sub_nama", "tahun", "kampung_kb", "is_kampung_kb", "rumah_dataku"]


def overlap_from_scope(sc: Scope, profil: pd.DataFrame, desa_cantik: pd.DataFrame | None) -> dict:
    if desa_cantik is None:
        desa_cantik = pd.DataFrame({"kode_desa": pd.Series([], dtype=object), "tahun": pd.Series([], dtype="Int64")})
    check_columns(desa_cantik, ("kode_desa", "tahun"), "desa_cantik")
    dc = desa_cantik.drop_duplicates("kode_desa")
    tahun = pd.to_numeric(dc["tahun"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if sc.as_of is not None:
        day = np.datetime64(sc.as_of.date(), "D")
        if "tanggal_pembentukan" in dc.columns:
            tgl = pd.to_datetime(dc["tanggal_pembentukan"]).to_numpy().astype("datetime64[D]")
        else:
            tgl = np.full(len(dc), np.datetime64("NaT"), dtype="datetime64[D]")
        # no date: the last day of its year (NaN years stay NaT and never count)
        year_end = np.array([np.datetime64(f"{int(y)}-12-31") if not np.isnan(y) else np.datetime64("NaT")
                             for y in tahun], dtype="datetime64[D]")
        keep = np.where(np.isnat(tgl), year_end, tgl) <= day  # NaT compares False
        dc, tahun = dc[keep], tahun[keep]
    # desa rows of the Desa Cantik, kept when inside the unit
    drow = sc.index.kode_desa.get_indexer(dc["kode_desa"].to_numpy(dtype=object))
    in_unit = np.zeros(len(sc.desa_table), dtype=bool)
    in_unit[sc.desa_rows] = True
    ok = (drow >= 0) & in_unit[np.maximum(drow, 0)]
    drow, tahun = drow[ok], tahun[ok]
    order = np.argsort(drow, kind="stable")  # desa table order = kode order within a unit
    drow, tahun = drow[order], tahun[order]

    n_kkb = np.bincount(sc.kkb["desa_row"].to_numpy(), minlength=len(sc.desa_table))
    status = status_as_of(sc, profil)
    with_rdk = np.zeros(len(sc.desa_table), dtype=bool)
    with_rdk[sc.kkb["desa_row"].to_numpy()[status == "ada"]] = True
    sub_of_row = np.full(len(sc.desa_table), -1, dtype=np.int64)
    sub_of_row[sc.desa_rows] = sc.desa_sub
    sub = sub_of_row[drow]

    daftar = sc.desa_table.iloc[drow][["kode_desa", "nama_desa", "jenis", "nama_kecamatan", "nama_kabkota",
                                        "nama_provinsi"]].reset_index(drop=True)
    daftar["sub_kode"] = sc.sub_units["kode"].to_numpy(dtype=object)[sub]
    daftar["sub_nama"] = sc.sub_units["nama"].to_numpy(dtype=object)[sub]
    daftar["tahun"] = pd.array(tahun, dtype="Float64").astype("Int64")
    daftar["kampung_kb"] = n_kkb[drow].astype(np.int64)
    daftar["is_kampung_kb"] = daftar["kampung_kb"].to_numpy() > 0
    daftar["rumah_dataku"] = with_rdk[drow]
    daftar = daftar.sort_values("kode_desa", kind="stable")[_LIST].reset_index(drop=True)

    is_kkb = n_kkb[drow] > 0
    per_sub = {
        "desa_cantik": np.bincount(sub, minlength=sc.n_sub),
        "kampung_kb": np.bincount(sub, weights=is_kkb, minlength=sc.n_sub),
        "bukan_kampung_kb": np.bincount(sub, weights=~is_kkb, minlength=sc.n_sub),
        "rumah_dataku": np.bincount(sub, weights=with_rdk[drow], minlength=sc.n_sub),
    }
    per_sub = {c: v.astype(np.int64) for c, v in per_sub.items()}
    tot = {c: int(v.sum()) for c, v in per_sub.items()}
    return {**tot, "daftar": daftar, "per_sub_unit": sc.frame(per_sub, tot)}


def desa_cantik_overlap(desa: pd.DataFrame, kampung_kb: pd.DataFrame, profil: pd.DataFrame,
                        desa_cantik: pd.DataFrame | None, kode: str | None = None, as_of=None) -> dict:
    """Desa Cantik of the unit and how many are Kampung KB / have a Rumah DataKu (see module doc)."""
    return overlap_from_scope(scope(desa, kampung_kb, kode, as_of), profil, desa_cantik)
