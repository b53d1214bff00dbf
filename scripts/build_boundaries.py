#!/usr/bin/env python
"""Build kbreport's map boundaries (kbreport/data/batas_{prov,kab,kec}.bin.gz) from cahyadsn/wilayah_boundaries.

    python scripts/build_boundaries.py                # read ../shared/sources/wilayah-boundaries, write kbreport/data
    python scripts/build_boundaries.py --src DIR      # the folder holding prov/kab/kec.jsonl.gz and LICENSE
    python scripts/build_boundaries.py --check        # build in memory, exit 1 if the committed files differ

Source: github.com/cahyadsn/wilayah_boundaries (MIT; commit and per-file sha256 in the source folder's
provenance.json), polygons of the 38 provinces, 514 kab/kota and 7,285 kecamatan of Kepmendagri
No. 300.2.2-2430 Tahun 2025, rings as [lat, lng] pairs. Each level is only ever drawn inside its parent
(provinces in Indonesia, kab/kota in their province, kecamatan in their kab/kota), so each feature is
simplified for its parent's map: Douglas-Peucker with a tolerance of the parent's extent / TOLERANCE_DIV,
islands smaller than a few tolerances dropped (never a feature's largest polygon), then quantised to a
grid of GRID steps across the parent's extent. Output is deterministic (gzip mtime 0): the same sources
give the same bytes. Build time only (numpy); kbreport reads the files with kbreport.charts.boundaries.

File format (version 1), gzip of: one line of JSON (the header), b"\\n", then little-endian int16 pairs.
Header: {"format", "level", "grid", "parents": {kode: [x0, y0, step]}, "features": [[kode, nama, parent,
label_x, label_y, [[ring_len, ...] per polygon], offset], ...]}. A ring is its first point (grid units
from the parent's origin x0 = min lng, y0 = min lat) then deltas to each next point; the first ring of a
polygon is its outline (counter-clockwise), the others its holes (clockwise); rings are not closed.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
LEVELS = ("prov", "kab", "kec")
FORMAT = "kbreport-batas-1"
GRID = 16383  # grid steps across the parent's larger extent: deltas and coordinates fit int16
# Tolerance = parent's extent / this. Indonesia's map is about 1,300 px wide at 200 dpi; a province's or a
# kab/kota's map is at most that. One tolerance is ~1 px.
TOLERANCE_DIV = {"prov": 1600, "kab": 1300, "kec": 1300}
MIN_AREA_TOL2 = 6.0  # polygons (and holes) under this many tolerance² are dropped: a dot of ~2 px
OUT_NAMES = {lvl: f"batas_{lvl}.bin.gz" for lvl in LEVELS}


def default_src() -> Path:
    """../shared/sources/wilayah-boundaries next to the repository (or next to its worktree folder)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        p = base / "shared" / "sources" / "wilayah-boundaries"
        if p.is_dir():
            return p
    return ROOT.parent / "shared" / "sources" / "wilayah-boundaries"


def sha256(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


# --- reading ------------------------------------------------------------------------------------------


def polygons_of(path) -> list[list[np.ndarray]]:
    """A source `path` (Polygon or MultiPolygon of [lat, lng]) as polygons of rings, each an (n, 2) array
    of (lng, lat), unclosed."""
    depth, x = 0, path
    while isinstance(x, list):
        x, depth = x[0], depth + 1
    polys = [path] if depth == 3 else path
    out = []
    for poly in polys:
        rings = []
        for ring in poly:
            a = np.asarray(ring, dtype=np.float64)[:, ::-1]
            if len(a) > 1 and np.array_equal(a[0], a[-1]):
                a = a[:-1]
            if len(a) >= 3:
                rings.append(a)
        if rings:
            out.append(rings)
    return out


def read_level(src: Path, level: str) -> tuple[list[dict], bytes]:
    raw = (src / f"{level}.jsonl.gz").read_bytes()
    feats = []
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line.strip():
            o = json.loads(line)
            feats.append({"kode": o["kode"], "nama": o["nama"], "polys": polygons_of(o["path"])})
    feats.sort(key=lambda f: f["kode"])
    codes = [f["kode"] for f in feats]
    if len(set(codes)) != len(codes):
        raise SystemExit(f"{level}: duplicate codes")
    return feats, raw


# --- geometry -----------------------------------------------------------------------------------------


def signed_area(r: np.ndarray) -> float:
    x, y = r[:, 0], r[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


def _dp_keep(pts: np.ndarray, tol: float) -> np.ndarray:
    """Douglas-Peucker on an open polyline: a mask of the points kept (both ends always)."""
    n = len(pts)
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j - i < 2:
            continue
        seg = pts[i + 1:j]
        a, b = pts[i], pts[j]
        d = b - a
        L = float(np.hypot(d[0], d[1]))
        if L == 0.0:
            dist = np.hypot(seg[:, 0] - a[0], seg[:, 1] - a[1])
        else:
            dist = np.abs(d[0] * (seg[:, 1] - a[1]) - d[1] * (seg[:, 0] - a[0])) / L
        k = int(np.argmax(dist))
        if dist[k] > tol:
            m = i + 1 + k
            keep[m] = True
            stack.append((i, m))
            stack.append((m, j))
    return keep


def simplify_ring(r: np.ndarray, tol: float) -> np.ndarray:
    """A closed ring simplified: split at its first point and the point farthest from it."""
    far = int(np.argmax(np.hypot(r[:, 0] - r[0, 0], r[:, 1] - r[0, 1])))
    if far == 0:
        return r[:1]
    closed = np.vstack([r, r[:1]])
    keep = np.concatenate([_dp_keep(closed[:far + 1], tol)[:-1], _dp_keep(closed[far:], tol)[:-1]])
    return r[keep]


def bbox_of(polys) -> tuple[float, float, float, float]:
    allpts = np.vstack([ring for poly in polys for ring in poly])
    return (float(allpts[:, 0].min()), float(allpts[:, 1].min()), float(allpts[:, 0].max()), float(allpts[:, 1].max()))


def _inside(px: np.ndarray, py: np.ndarray, rings) -> np.ndarray:
    """Even-odd point-in-polygon for many points against the rings of one polygon."""
    inside = np.zeros(len(px), dtype=bool)
    for ring in rings:
        a, b = ring, np.roll(ring, -1, axis=0)
        ay, by = a[:, 1][None, :], b[:, 1][None, :]
        cross = (ay <= py[:, None]) != (by <= py[:, None])
        with np.errstate(divide="ignore", invalid="ignore"):
            xi = a[:, 0][None, :] + (py[:, None] - ay) / (by - ay) * (b[:, 0] - a[:, 0])[None, :]
        inside ^= (np.sum(cross & (px[:, None] < xi), axis=1) % 2).astype(bool)
    return inside


def _edge_distance(px: np.ndarray, py: np.ndarray, rings) -> np.ndarray:
    """Distance from each point to the nearest edge of the rings."""
    best = np.full(len(px), np.inf)
    for ring in rings:
        a, b = ring, np.roll(ring, -1, axis=0)
        d = b - a
        L2 = np.maximum((d ** 2).sum(axis=1), 1e-30)[None, :]
        t = np.clip(((px[:, None] - a[:, 0]) * d[:, 0] + (py[:, None] - a[:, 1]) * d[:, 1]) / L2, 0, 1)
        dx = a[:, 0][None, :] + t * d[:, 0][None, :] - px[:, None]
        dy = a[:, 1][None, :] + t * d[:, 1][None, :] - py[:, None]
        best = np.minimum(best, np.sqrt(dx * dx + dy * dy).min(axis=1))
    return best


def label_point(polys) -> tuple[float, float]:
    """About the point of the largest polygon farthest from its edges (where a number fits best): the
    best of a 24 x 24 grid inside it, refined twice on finer grids around it."""
    poly = max(polys, key=lambda p: abs(signed_area(p[0])))
    outer = poly[0]
    x0, y0 = outer.min(axis=0)
    x1, y1 = outer.max(axis=0)
    cx, cy, hw, hh = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    best, best_d = (float(outer[:, 0].mean()), float(outer[:, 1].mean())), -1.0
    for _ in range(3):
        gx, gy = np.meshgrid(np.linspace(cx - hw, cx + hw, 24), np.linspace(cy - hh, cy + hh, 24))
        px, py = gx.ravel(), gy.ravel()
        ok = _inside(px, py, poly)
        if not ok.any():
            break
        dist = _edge_distance(px[ok], py[ok], poly)
        k = int(np.argmax(dist))
        if dist[k] > best_d:
            best, best_d = (float(px[ok][k]), float(py[ok][k])), float(dist[k])
        cx, cy, hw, hh = best[0], best[1], hw / 6, hh / 6
    return best


def simplify_feature(polys, tol: float) -> list[list[np.ndarray]]:
    """Rings simplified at `tol`, tiny islands and holes dropped; the largest polygon always stays."""
    min_area = MIN_AREA_TOL2 * tol * tol
    order = sorted(range(len(polys)), key=lambda i: -abs(signed_area(polys[i][0])))
    out = []
    for rank, i in enumerate(order):
        outer = polys[i][0]
        if rank > 0 and abs(signed_area(outer)) < min_area:
            continue
        s = simplify_ring(outer, tol)
        if len(s) < 3 or abs(signed_area(s)) < (min_area if rank else 0.0) or signed_area(s) == 0.0:
            if rank > 0:
                continue
            s = outer if len(simplify_ring(outer, tol / 8)) < 3 else simplify_ring(outer, tol / 8)
        rings = [s if signed_area(s) > 0 else s[::-1]]  # outline counter-clockwise
        for hole in polys[i][1:]:
            if abs(signed_area(hole)) < min_area:
                continue
            h = simplify_ring(hole, tol)
            if len(h) >= 3 and abs(signed_area(h)) >= min_area:
                rings.append(h if signed_area(h) < 0 else h[::-1])  # holes clockwise
        out.append(rings)
    return out


# --- building -----------------------------------------------------------------------------------------


def parent_of(kode: str) -> str:
    return kode.rsplit(".", 1)[0] if "." in kode else ""


def build_level(level: str, feats: list[dict], parent_boxes: dict[str, tuple]) -> tuple[bytes, dict]:
    """One level's file: features simplified and quantised on their parent's grid."""
    grids: dict[str, tuple[float, float, float]] = {}
    for p, (x0, y0, x1, y1) in sorted(parent_boxes.items()):
        # rounded as the header stores them, so the reader rebuilds exactly the points quantised here
        grids[p] = (round(x0, 6), round(y0, 6), float(f"{max(x1 - x0, y1 - y0) / GRID:.9g}"))
    header_feats, chunks, offset, n_points = [], [], 0, 0
    for f in feats:
        p = parent_of(f["kode"])
        x0, y0, step = grids[p]
        x0b, y0b, x1b, y1b = parent_boxes[p]
        tol = max(x1b - x0b, y1b - y0b) / TOLERANCE_DIV[level]
        polys = simplify_feature(f["polys"], tol)
        lx, ly = label_point(polys)
        lens = []
        for poly in polys:
            plens = []
            for ring in poly:
                q = np.rint((ring - (x0, y0)) / step).astype(np.int64)
                q = q[np.r_[True, np.any(q[1:] != q[:-1], axis=1)]]  # repeated grid points
                if len(q) > 1 and np.array_equal(q[0], q[-1]):
                    q = q[:-1]
                if len(q) < 3 and plens:
                    continue  # a hole collapsed on the grid
                d = np.vstack([q[:1], np.diff(q, axis=0)])
                if np.abs(d).max() > 32767:
                    raise SystemExit(f"{f['kode']}: delta out of int16 range")
                chunks.append(d.astype("<i2").tobytes())
                plens.append(len(q))
                n_points += len(q)
            if plens:
                lens.append(plens)
        header_feats.append([f["kode"], f["nama"], p, int(round((lx - x0) / step)), int(round((ly - y0) / step)),
                             lens, offset])
        offset += sum(sum(pl) for pl in lens)
    header = {"format": FORMAT, "level": level, "grid": GRID,
              "parents": {p: list(g) for p, g in grids.items()},
              "features": header_feats}
    body = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n" + b"".join(chunks)
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(body)
    return out.getvalue(), {"features": len(feats), "points": n_points}


def build(src: Path) -> tuple[dict[str, bytes], dict]:
    data = {lvl: read_level(src, lvl) for lvl in LEVELS}
    feats = {lvl: data[lvl][0] for lvl in LEVELS}
    boxes = {"prov": {"": bbox_of([p for f in feats["prov"] for p in f["polys"]])},
             "kab": {f["kode"]: bbox_of(f["polys"]) for f in feats["prov"]},
             "kec": {f["kode"]: bbox_of(f["polys"]) for f in feats["kab"]}}
    files, info = {}, {"sources": {}, "levels": {}}
    for lvl in LEVELS:
        missing = sorted({parent_of(f["kode"]) for f in feats[lvl]} - set(boxes[lvl]))
        if missing:
            raise SystemExit(f"{lvl}: no parent polygon for {', '.join(missing)}")
        b, stats = build_level(lvl, feats[lvl], boxes[lvl])
        files[OUT_NAMES[lvl]] = b
        info["sources"][f"{lvl}.jsonl.gz"] = sha256(data[lvl][1])
        info["levels"][lvl] = {**stats, "file": OUT_NAMES[lvl], "bytes": len(b), "sha256": sha256(b)}
    return files, info


def render_provenance(src: Path, info: dict) -> bytes:
    upstream = json.loads((src / "provenance.json").read_text(encoding="utf-8"))
    prov = {
        "dataset": "kbreport map boundaries: 38 provinsi, 514 kab/kota, 7,285 kecamatan (Kepmendagri No. "
                   "300.2.2-2430 Tahun 2025 codes)",
        "built_by": "scripts/build_boundaries.py",
        "source": {k: upstream[k] for k in ("repository", "commit", "licence", "decree") if k in upstream},
        "source_files_sha256": info["sources"],
        "method": f"rings [lat, lng] -> (lng, lat); Douglas-Peucker per ring at the parent's extent / "
                  f"{TOLERANCE_DIV} (prov: Indonesia's); polygons and holes under {MIN_AREA_TOL2:g} tolerance² "
                  f"dropped except each feature's largest polygon; quantised to {GRID} steps across the "
                  f"parent's larger extent, int16 deltas, gzip.",
        "format": FORMAT,
        "levels": info["levels"],
        "upstream_files": upstream.get("files", []),
    }
    return (json.dumps(prov, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def render_notice(src: Path) -> bytes:
    upstream = json.loads((src / "provenance.json").read_text(encoding="utf-8"))
    text = (
        "# Map boundaries: source and licence\n\n"
        f"`kbreport/data/batas_prov.bin.gz`, `batas_kab.bin.gz` and `batas_kec.bin.gz` are derived by "
        f"`scripts/build_boundaries.py` (simplified and quantised) from the polygons of "
        f"{upstream.get('repository', 'github.com/cahyadsn/wilayah_boundaries')} at commit "
        f"`{upstream.get('commit', '?')}`, codes of {upstream.get('decree', 'Kepmendagri 2025')}. "
        "Details and sha256 of every file in `BATAS_provenance.json`. The MIT licence asks that the copyright "
        "notice and permission notice be included with copies or substantial portions; it follows, verbatim.\n\n"
        "```text\n" + (src / "LICENSE").read_text(encoding="utf-8").strip() + "\n```\n")
    return text.encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, default=None, help="source folder (default: ../shared/sources/wilayah-boundaries)")
    ap.add_argument("--out", type=Path, default=ROOT / "kbreport" / "data", help="output directory")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if the committed files differ")
    args = ap.parse_args(argv)
    src = args.src or default_src()
    if not (src / "kec.jsonl.gz").is_file():
        print(f"no boundary sources in {src}", file=sys.stderr)
        return 2
    files, info = build(src)
    files["BATAS_provenance.json"] = render_provenance(src, info)
    files["BATAS_NOTICE.md"] = render_notice(src)
    for lvl, s in info["levels"].items():
        print(f"{lvl}: {s['features']} features, {s['points']:,} points, {s['bytes']:,} bytes", file=sys.stderr)
    if args.check:
        stale = [n for n, b in files.items() if not (args.out / n).is_file() or (args.out / n).read_bytes() != b]
        if stale:
            print(f"out of date: {', '.join(stale)}", file=sys.stderr)
            return 1
        print("up to date", file=sys.stderr)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, b in files.items():
        (args.out / n).write_bytes(b)
        print(f"wrote {args.out / n} ({len(b):,} bytes, sha256 {sha256(b)[:12]})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
