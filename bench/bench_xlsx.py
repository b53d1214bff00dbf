"""Benchmark of reading big exports (issue 14): a 100,000-row kampung_kb.xlsx read by python-calamine and by
openpyxl (the fallback), and `kbreport validate` of the 5× demo data (bench/scale_data.py).

    .venv/bin/python bench/bench_xlsx.py --data data/demo                 # 100,000 rows, 5× data
    .venv/bin/python bench/bench_xlsx.py --data data/demo --rows 20000    # quicker
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import ROOT, mb  # noqa: E402
from scale_data import scale_folder  # noqa: E402

TARGETS = {"validate_5x_seconds": 10.0}


def write_kampung_xlsx(src: Path, dst: Path, rows: int) -> int:
    """`rows` Kampung KB as an Excel export would hold them: dates as dates, the rest as text."""
    import pandas as pd
    from openpyxl import Workbook

    kkb = pd.read_csv(src / "kampung_kb.csv", dtype=str, keep_default_na=False)
    reps = -(-rows // len(kkb))
    big = pd.concat([kkb.assign(id=kkb["id"] + (f"-{k}" if k else "")) for k in range(reps)]).head(rows)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("kampung_kb")
    ws.append(list(big.columns))
    for rec in big.itertuples(index=False):
        rec = list(rec)
        rec[3] = datetime.fromisoformat(rec[3])
        ws.append(rec)
    wb.save(dst)
    return len(big)


def time_read(path: Path, engine: str, repeat: int) -> tuple[float, int]:
    from kbreport.ingest import readers, schema

    best, n = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        raw = readers.read_raw(path, schema.KAMPUNG_KB) if engine is None else _read(path, engine)
        best = min(best, time.perf_counter() - t0)
        n = len(raw.frame)
    return best, n


def _read(path: Path, engine: str):
    from kbreport.ingest import readers, schema

    saved, readers.XLSX_ENGINE = readers.XLSX_ENGINE, engine
    try:
        raw = readers.read_raw(path, schema.KAMPUNG_KB)
        assert not [p for p in raw.problems if p.severity == "error"], raw.problems[:3]
        return raw
    finally:
        readers.XLSX_ENGINE = saved


def measure(data: Path, rows: int, factor: int, work: Path, repeat: int = 1) -> dict:
    x = work / "kampung_kb.xlsx"
    n = write_kampung_xlsx(data, x, rows)
    res = {"rows": n, "bytes": x.stat().st_size}
    res["calamine"], _ = time_read(x, "calamine", repeat)
    res["openpyxl"], _ = time_read(x, "openpyxl", 1)
    same = _read(x, "calamine").frame.equals(_read(x, "openpyxl").frame)
    res["same"] = same
    big = work / f"data-{factor}x"
    res["scaled_rows"] = scale_folder(data, big, factor)
    res["factor"] = factor
    res["validate_1x"] = time_validate(data)
    res["validate_nx"] = time_validate(big)
    return res


def time_validate(folder: Path) -> dict:
    """validate_folder in this process, under the bounds a user gets (the 5× profil and kkbpk CSVs,
    ~130 and ~110 MB, are within MAX_CSV_BYTES)."""
    from kbreport.ingest import bounds
    from kbreport.ingest.validate import validate_folder

    t0 = time.perf_counter()
    _, problems = validate_folder(folder)
    wall = time.perf_counter() - t0
    sizes = {p.name: p.stat().st_size for p in folder.glob("*.csv")}
    return {"wall": wall, "errors": sum(p.severity == "error" for p in problems),
            "warnings": sum(p.severity != "error" for p in problems),
            "over_bound": sorted(n for n, b in sizes.items() if b > bounds.MAX_CSV_BYTES)}


def rows_text(res: dict) -> list[str]:
    v1, vn = res["validate_1x"], res["validate_nx"]
    ok = "✅" if vn["wall"] < TARGETS["validate_5x_seconds"] and not vn["errors"] else "❌"
    over = f"; above the CSV file bound: {', '.join(vn['over_bound'])}" if vn["over_bound"] else ""
    return [
        f"| XLSX read, python-calamine | kampung_kb.xlsx, {res['rows']:,} rows ({mb(res['bytes'])}) | "
        f"{res['calamine']:.2f} s | – |",
        f"| XLSX read, openpyxl (fallback) | the same file | {res['openpyxl']:.2f} s | "
        f"{res['openpyxl'] / res['calamine']:.1f}× slower; same cells: {'yes' if res['same'] else 'NO'} |",
        f"| validate, demo 1× | {res['scaled_rows']['kampung_kb'] // res['factor']:,} Kampung KB | "
        f"{v1['wall']:.2f} s | {v1['errors']} errors, {v1['warnings']:,} warnings |",
        f"| validate, demo {res['factor']}× | {res['scaled_rows']['kampung_kb']:,} Kampung KB, "
        f"{res['scaled_rows']['profil']:,} profil, {res['scaled_rows']['kkbpk']:,} kkbpk rows | {vn['wall']:.2f} s | "
        f"target < 10 s {ok} ({vn['errors']} errors, {vn['warnings']:,} warnings{over}) |",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT / "data" / "demo")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--factor", type=int, default=5)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kbreport-xlsx-") as tmp:
        res = measure(a.data, a.rows, a.factor, Path(tmp))
    print("| row | what | wall | note |\n|---|---|---:|---|")
    print("\n".join(rows_text(res)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
