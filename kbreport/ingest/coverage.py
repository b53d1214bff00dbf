"""Which regions an export covers, so no briefing is built of a region the data do not hold.

The coverage is declared in sumber.json (`"cakupan_wilayah": "18.72"`, or a list of codes) or else
inferred as the smallest region holding every Kampung KB row of the export (the longest code prefix,
segment by segment, that all their desa codes share; none shared: all of Indonesia). A report's
region must lie wholly inside the coverage: an export of Kota Metro (18.72) supports briefings of
Kota Metro and its kecamatan, never of Provinsi Lampung or Indonesia, whose figures would be the
export's rows counted against every other desa as zeros.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DataCoverage", "data_coverage", "coverage_from_codes", "common_region", "refusal"]


@dataclass(frozen=True)
class DataCoverage:
    """`codes`: the regions covered (empty: all of Indonesia); `declared`: from sumber.json."""

    codes: tuple[str, ...]
    declared: bool = False

    @property
    def nasional(self) -> bool:
        return not self.codes

    def contains(self, kode: str | None) -> bool:
        """True when region `kode` (None: Indonesia) lies wholly inside the coverage."""
        if self.nasional:
            return True
        if not kode:
            return False
        return any(kode == c or kode.startswith(c + ".") for c in self.codes)

    def describe(self, master=None, lang: str = "id") -> str:
        """"Indonesia", or the regions by name and code: "Kota Metro (18.72)"."""
        if self.nasional:
            return "Indonesia"
        names = []
        for c in self.codes:
            name = c
            if master is not None:
                from kbreport.errors import UnknownRegionError
                from kbreport.ingest.wilayah import region

                try:
                    name = f"{region(master, c).nama_lengkap} ({c})"
                except UnknownRegionError:
                    from kbreport.text.catalogue import t

                    name = t("run.not_in_master", lang, kode=c)
            names.append(name)
        return ", ".join(names)


def common_region(codes) -> str | None:
    """The longest dotted prefix, whole segments only, that every code shares; None when they share none."""
    prefix: list[str] | None = None
    for c in codes:
        if not isinstance(c, str) or not c:
            continue
        parts = c.split(".")
        if prefix is None:
            prefix = parts
            continue
        n = 0
        while n < min(len(prefix), len(parts)) and prefix[n] == parts[n]:
            n += 1
        prefix = prefix[:n]
        if not prefix:
            return None
    return ".".join(prefix) if prefix else None


def coverage_from_codes(codes) -> DataCoverage:
    """Inferred coverage of rows with these desa codes."""
    c = common_region(codes)
    return DataCoverage(codes=(c,) if c else (), declared=False)


def _declared(meta: dict) -> DataCoverage | None:
    raw = meta.get("cakupan_wilayah")
    if raw is None:
        return None
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise ValueError("sumber.json: cakupan_wilayah harus kode wilayah (teks) atau daftar kode")
    from kbreport.ingest.wilayah import normalize_code

    codes = []
    for x in items:
        if x.strip() == "":
            return DataCoverage(codes=(), declared=True)  # "" : all of Indonesia
        k = normalize_code(x)
        if k is None:
            raise ValueError(f"sumber.json: cakupan_wilayah {x!r} bukan kode wilayah Kemendagri")
        codes.append(k)
    return DataCoverage(codes=tuple(dict.fromkeys(codes)), declared=True)


def _desa_codes(data_dir: Path) -> list[str]:
    """The distinct desa codes of the kampung_kb table, dotted (only that column is read from a CSV)."""
    import pandas as pd

    from kbreport.ingest import schema
    from kbreport.ingest.parsers import parse_code
    from kbreport.ingest.readers import find_table_files, read_column

    files = find_table_files(data_dir, schema.KAMPUNG_KB)
    raw = read_column(files[0], schema.KAMPUNG_KB, "kode_desa") if files else None
    if raw is None:
        return []
    codes, _bad = parse_code(pd.Series(raw.unique()))
    return [c for c in codes.dropna().tolist() if c]


_CACHE: dict[tuple, DataCoverage] = {}


def data_coverage(data_dir: str | os.PathLike) -> DataCoverage:
    """The coverage of the export in `data_dir`: declared in sumber.json, else inferred from its
    kampung_kb rows (cached while the folder is unchanged). ValueError for a malformed declaration."""
    from kbreport.ingest.dataset import folder_state
    from kbreport.ingest.metadata import read_metadata

    data_dir = Path(data_dir)
    key = (str(data_dir.resolve()), folder_state(data_dir))
    if key not in _CACHE:
        meta, _ = read_metadata(data_dir)
        declared = _declared(meta)
        _CACHE[key] = declared if declared is not None else coverage_from_codes(_desa_codes(data_dir))
    return _CACHE[key]


def refusal(kode: str | None, coverage: DataCoverage, master, data_dir, lang: str = "id") -> str | None:
    """Why a report of region `kode` (None: Indonesia) is refused for these data (in `lang`), or None if it is not."""
    if coverage.contains(kode):
        return None
    from kbreport.ingest.wilayah import region

    where = region(master, kode).nama_lengkap if kode else "Indonesia"
    from kbreport.text.catalogue import t

    return t("run.not_covered", lang, where=where, kode=kode or "nasional", folder=data_dir,
             covered=coverage.describe(master, lang))
