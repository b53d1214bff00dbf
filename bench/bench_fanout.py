"""Benchmark of one fan-out params file: every kab/kota of Indonesia (514 reports, HTML + PDF) in one
`kbreport run`, then a no-op re-run. Prints wall seconds, the per-report median of the builds, reports
per second and the peak memory of the process tree (sampled every 100 ms, as bench_batch.py does).

    .venv/bin/python bench/bench_fanout.py                       # all 514 kab/kota
    .venv/bin/python bench/bench_fanout.py --di 16               # only Sumatera Selatan's 17
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import ROOT, cores, kbreport_cmd, mb, run_cmd  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--setiap", default="kabkota", choices=("provinsi", "kabkota", "kecamatan"))
    ap.add_argument("--di", default=None, help="parent code (default: all of Indonesia)")
    ap.add_argument("--data", type=Path, default=ROOT / "data" / "demo")
    ap.add_argument("--formats", default="html,pdf")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kbreport-fanout-"))
    di = f', di: "{args.di}"' if args.di else ""
    p = work / "params" / f"semua-{args.setiap}.yaml"
    p.parent.mkdir()
    p.write_text(f"laporan: wilayah\nkode: {{setiap: {args.setiap}{di}}}\nas_of: 2024-06-30\n", encoding="utf-8")
    cmd = kbreport_cmd() + ["run", str(p), "--data", str(args.data), "--out", str(work / "out"), "--formats",
                            args.formats, "--jobs", str(cores())]
    wall, peak, rc, tail = run_cmd(cmd)
    manifest = json.loads((work / "out" / "manifest.json").read_text(encoding="utf-8"))
    built = [r for r in manifest["reports"] if r["status"] == "ok"]
    noop, _, rc2, _ = run_cmd(cmd)
    per = statistics.median(r["seconds"] for r in built) if built else float("nan")
    print(f"kbreport run of one fan-out params file (setiap {args.setiap}{', di ' + args.di if args.di else ''}), "
          f"{cores()} cores, formats {args.formats}")
    print(f"  reports built   {len(built)} of {len(manifest['reports'])} (exit {rc})")
    print(f"  wall            {wall:.1f} s ({len(built) / wall:.2f} reports/s)")
    print(f"  per report      median {per:.2f} s (worker's build, warm kernel)")
    print(f"  peak memory     {mb(peak)} (process tree)")
    print(f"  no-op re-run    {noop:.2f} s (exit {rc2})")
    if rc:
        print(tail, file=sys.stderr)
    return rc


if __name__ == "__main__":
    sys.exit(main())
