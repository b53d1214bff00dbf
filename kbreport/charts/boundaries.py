"""The map boundaries shipped in kbreport/data (batas_*.bin.gz): polygons of provinces, kab/kota and kecamatan.

Built by scripts/build_boundaries.py from github.com/cahyadsn/wilayah_boundaries (MIT; BATAS_NOTICE.md),
codes of Kepmendagri No. 300.2.2-2430 Tahun 2025, simplified for drawing each level inside its parent:

    from kbreport.charts.boundaries import children, shapes
    children("17")            # {"17.01": Shape(...), ...}: Bengkulu's 10 kab/kota
    shapes(["17.71"])         # the polygons of those codes (a code without one is left out)

Coordinates are (lng, lat) degrees; a polygon is its outline (counter-clockwise) then its holes (clockwise).
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

__all__ = ["LEVELS", "Shape", "level_of", "codes", "shapes", "children"]

LEVELS = {"provinsi": "prov", "kabkota": "kab", "kecamatan": "kec"}  # tingkat -> file level
_BY_SEGMENTS = {1: "prov", 2: "kab", 3: "kec"}
FORMAT = "kbreport-batas-1"


@dataclass(frozen=True)
class Shape:
    kode: str
    nama: str  # as the boundary source writes it ("Kabupaten Kaur"); reports print the master's name
    polygons: tuple[tuple[np.ndarray, ...], ...]  # each: outline, holes…; arrays (n, 2) of lng, lat
    label: tuple[float, float]  # a point inside the largest polygon, for its label

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(min lng, min lat, max lng, max lat)."""
        pts = np.vstack([r for p in self.polygons for r in p])
        return float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max())


def level_of(kode: str) -> str:
    """"17" -> "prov", "17.01" -> "kab", "17.01.05" -> "kec"."""
    n = len(str(kode).split("."))
    if n not in _BY_SEGMENTS:
        raise ValueError(f"no map level for code {kode!r}: provinces, kab/kota and kecamatan only")
    return _BY_SEGMENTS[n]


@lru_cache(maxsize=None)
def _level(level: str):
    """(header, int16 body) of one level's file, read once per process."""
    raw = gzip.decompress(resources.files("kbreport").joinpath("data", f"batas_{level}.bin.gz").read_bytes())
    cut = raw.index(b"\n")
    header = json.loads(raw[:cut].decode("utf-8"))
    if header.get("format") != FORMAT:
        raise ValueError(f"batas_{level}.bin.gz: unknown format {header.get('format')!r}")
    body = np.frombuffer(raw[cut + 1:], dtype="<i2").reshape(-1, 2)
    index = {f[0]: f for f in header["features"]}
    return header, body, index


def _shape(level: str, kode: str) -> Shape | None:
    header, body, index = _level(level)
    f = index.get(kode)
    if f is None:
        return None
    kode, nama, parent, lx, ly, lens, offset = f
    x0, y0, step = header["parents"][parent]
    origin = np.array([x0, y0])
    polys, at = [], offset
    for plens in lens:
        rings = []
        for n in plens:
            q = np.cumsum(body[at:at + n].astype(np.int64), axis=0)
            rings.append(origin + q * step)
            at += n
        polys.append(tuple(rings))
    return Shape(kode, nama, tuple(polys), (x0 + lx * step, y0 + ly * step))


def codes(level: str) -> list[str]:
    """Every code with a polygon at `level` ("prov", "kab", "kec" or a tingkat), sorted."""
    level = LEVELS.get(level, level)
    return sorted(_level(level)[2])


def shapes(kodes) -> dict[str, Shape]:
    """The shapes of these codes (any mix of levels), in the order given; codes without a polygon are absent."""
    out = {}
    for k in kodes:
        k = str(k)
        s = _shape(level_of(k), k)
        if s is not None:
            out[k] = s
    return out


def children(parent: str | None) -> dict[str, Shape]:
    """The shapes one level below `parent`: the 38 provinces for None/"" (Indonesia), a province's
    kab/kota, a kab/kota's kecamatan; by code."""
    parent = "" if parent is None else str(parent)
    level = "prov" if parent == "" else _BY_SEGMENTS.get(len(parent.split(".")) + 1)
    if level is None:
        raise ValueError(f"no map level below {parent!r}")
    _, _, index = _level(level)
    return {k: _shape(level, k) for k in sorted(index) if f"{index[k][2]}" == parent}
