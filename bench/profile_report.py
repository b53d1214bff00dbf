"""Where one report's time goes on a warm kernel (issue 14): cProfile of the worker side (build_report:
papermill, HTML, PDF) and of the kernel side (the notebook's cells) for one report, after a first report
has warmed the kernel as in a batch run. Prints the top functions of each side by cumulative time.

    .venv/bin/python bench/profile_report.py --data data/demo params/wilayah/17-bengkulu.yaml
    .venv/bin/python bench/profile_report.py --data data/demo --kode 17.01 --top 40
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def top(stats_path: str, n: int, strip: str = "") -> str:
    out = io.StringIO()
    st = pstats.Stats(stats_path, stream=out)
    st.strip_dirs() if strip else None
    st.sort_stats("cumulative").print_stats(n)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("params", nargs="?", type=Path, default=ROOT / "params" / "wilayah" / "17-bengkulu.yaml")
    ap.add_argument("--data", type=Path, default=ROOT / "data" / "demo")
    ap.add_argument("--kode", default=None, help="build this region with the params file (a fan-out member)")
    ap.add_argument("--top", type=int, default=30)
    a = ap.parse_args(argv)

    from kbreport.build.report import build_report
    from kbreport.build.warm_kernel import WarmKernel

    work = Path(tempfile.mkdtemp(prefix="kbreport-profile-"))
    kprof = work / "kernel.prof"
    wprof = work / "worker.prof"
    with WarmKernel(data_dir=a.data, cwd=work) as wk:
        first = build_report(ROOT / "params" / "wilayah" / "1804-kab-lampung-barat.yaml", work / "warm",
                             data_dir=a.data, formats=("html", "pdf"), kernel=wk)
        assert first.ok, first.reason
        wk._run("import cProfile, kbreport.build.in_kernel as _m; _m._PROF = cProfile.Profile(); _m._PROF.enable()")
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.enable()
        r = build_report(a.params, work / "out", data_dir=a.data, formats=("html", "pdf"), kernel=wk, kode=a.kode,
                         name=None if a.kode is None else f"{a.params.stem}_{a.kode}")
        prof.disable()
        wall = time.perf_counter() - t0
        wk._run(f"import kbreport.build.in_kernel as _m; _m._PROF.disable(); _m._PROF.dump_stats({str(kprof)!r})")
    prof.dump_stats(str(wprof))
    assert r.ok, r.reason
    print(f"{r.name}: {wall:.2f} s under the profiler; steps {r.timings}\n")
    print("=== kernel side (the notebook's cells), by cumulative time ===")
    print(top(str(kprof), a.top, strip="y"))
    print("=== worker side (papermill, HTML, PDF), by cumulative time ===")
    print(top(str(wprof), a.top, strip="y"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
