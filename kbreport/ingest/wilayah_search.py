"""Questions a user asks the region master: how many regions per level, what lies above and below a code,
which regions a name matches (behind `kbreport wilayah ringkasan/show/cari`, callable from a notebook).

Each function takes the master DataFrame (kbreport.ingest.wilayah.load_master()) and returns plain data;
printing is the caller's business.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from kbreport.ingest.wilayah import LEVELS, Region, region

# The kinds (jenis) each level is split into when counted; None: not split.
KINDS: dict[str, tuple[str, ...] | None] = {
    "provinsi": None,
    "kabkota": ("kabupaten", "kota"),
    "kecamatan": (),
    "desa": ("desa", "kelurahan", "desa adat"),
}
_PARENT_COLUMNS = ("kode_kecamatan", "kode_kabkota", "kode_provinsi")


@dataclass(frozen=True)
class LevelCount:
    """How many regions of one level, and of each kind ("416 kabupaten, 98 kota")."""

    level: str
    n: int
    kinds: dict[str, int] = field(default_factory=dict)  # only the kinds of KINDS[level], in that order


@dataclass(frozen=True)
class RegionInfo:
    """One region: its Region, official name, parents (name, code) nearest first, and counts below it."""

    region: Region
    nama_resmi: str | None  # only when it differs from the short name
    parents: list[tuple[str, str]]
    below: list[LevelCount]


def _count(rows: pd.DataFrame, level: str) -> LevelCount:
    sub = rows.loc[rows["tingkat"] == level]
    kinds = KINDS[level] or ()
    by_kind = sub["jenis"].value_counts()
    return LevelCount(level, len(sub), {k: int(by_kind.get(k, 0)) for k in kinds})


def level_counts(master: pd.DataFrame) -> list[LevelCount]:
    """Regions per level of the whole master: provinsi, kabkota, kecamatan, desa."""
    return [_count(master, level) for level in LEVELS]


def describe(master: pd.DataFrame, kode: str) -> RegionInfo:
    """The region of `kode` (UnknownRegionError when absent), its parents and what lies below it."""
    r = region(master, kode)
    row = master.loc[master["kode"] == r.kode].iloc[0]
    official = row["nama_resmi"] if row["nama_resmi"] != row["nama"] else None
    parents = [(region(master, row[c]).nama_lengkap, row[c]) for c in _PARENT_COLUMNS
               if isinstance(row[c], str) and row[c] != r.kode]
    below_rows = master.loc[master["kode"].str.startswith(r.kode + ".")]
    below = [_count(below_rows, level) for level in LEVELS[LEVELS.index(r.tingkat) + 1:]]
    return RegionInfo(r, official, parents, below)


def search(master: pd.DataFrame, teks: str, tingkat: str | None = None) -> pd.DataFrame:
    """Regions whose short or official name contains `teks` (case and extra spaces ignored), in master
    order; columns kode, jenis, nama, tingkat and `induk` (the parents' names, nearest first)."""
    needle = " ".join(teks.split()).casefold()
    hit = master.loc[master["nama"].str.casefold().str.contains(needle, regex=False)
                     | master["nama_resmi"].str.casefold().str.contains(needle, regex=False)]
    if tingkat:
        hit = hit.loc[hit["tingkat"] == tingkat]
    names = dict(zip(master["kode"], master["nama"]))
    induk = [[names[r[c]] for c in _PARENT_COLUMNS if isinstance(r[c], str) and r[c] != r["kode"]]
             for _, r in hit.iterrows()]
    out = hit[["kode", "jenis", "nama", "tingkat"]].reset_index(drop=True)
    out["induk"] = induk
    return out
