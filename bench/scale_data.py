"""An N× copy of a demo data folder, for benchmarks: every Kampung KB repeated N times (copies at RW/Dusun level,
ids `<id>-2` … `<id>-N`), with their profil and kkbpk rows; desa_cantik and sumber.json as they were (the
calibration list dropped: its figures no longer hold). The copy validates as the original does.

    .venv/bin/python bench/scale_data.py data/demo /tmp/demo-5x --factor 5
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import pandas as pd


def scale_folder(src: Path, dst: Path, factor: int) -> dict[str, int]:
    """Write the `factor`× copy of `src` into `dst`; returns the rows per table."""
    dst.mkdir(parents=True, exist_ok=True)
    rows = {}
    read = dict(dtype=str, keep_default_na=False)
    kkb = pd.read_csv(src / "kampung_kb.csv", **read)
    parts = [kkb]
    for k in range(2, factor + 1):
        c = kkb.copy()
        c["id"] = c["id"] + f"-{k}"
        c["cakupan_wilayah"] = "Dusun"  # RW/Dusun-level ones may share a desa
        parts.append(c)
    out = pd.concat(parts, ignore_index=True)
    out.to_csv(dst / "kampung_kb.csv", index=False)
    rows["kampung_kb"] = len(out)
    for name in ("profil", "kkbpk"):
        t = pd.read_csv(src / f"{name}.csv", **read)
        parts = [t]
        for k in range(2, factor + 1):
            c = t.copy()
            c["kampung_kb_id"] = c["kampung_kb_id"] + f"-{k}"
            parts.append(c)
        out = pd.concat(parts, ignore_index=True)
        out.to_csv(dst / f"{name}.csv", index=False)
        rows[name] = len(out)
    shutil.copy(src / "desa_cantik.csv", dst / "desa_cantik.csv")
    meta = json.loads((src / "sumber.json").read_text(encoding="utf-8"))
    for key in ("kalibrasi", "klasifikasi_beda", "kampung_kb_tidak_aktif"):
        meta.pop(key, None)
    (dst / "sumber.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    ap.add_argument("--factor", type=int, default=5)
    a = ap.parse_args(argv)
    print(scale_folder(a.src, a.dst, a.factor))
    return 0


if __name__ == "__main__":
    sys.exit(main())
