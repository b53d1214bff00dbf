"""Benchmark of the national fan-out (issue 14): Indonesia, every province and every kab/kota of the demo data
(553 reports, HTML + PDF) in one `kbreport run`, with beside it, in the same run on the same machine:

  - the fresh-kernel floor (an imports-only notebook per report, papermill, one kernel each) on a sample;
  - the naive chain (papermill CLI → nbconvert CLI → weasyprint CLI) on a small sample;
  - the growth table: wall and peak memory for 10, 45, 150 and 553 reports, demo data 1× and 5× rows;
  - the Dask row: the same 553 on a LocalCluster of 2 workers (warm kernels), and its ratio to the local pool;
  - the XLSX rows (bench/bench_xlsx.py): a 100,000-row kampung_kb.xlsx read both ways, validation of 5× data;
  - a no-op re-run of the 553, and one report built alone (`kbreport run params/wilayah/17-bengkulu.yaml --force`).

Targets print with ✅/❌. The full run takes tens of minutes on 2 cores; `--quick` is a small smoke version.

    .venv/bin/python bench/bench_national.py --data data/demo            # make bench-national
    .venv/bin/python bench/bench_national.py --data data/demo --quick    # a few minutes
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import (PeakRSS, ROOT, cores, cpu_model, kbreport_cmd, mb, measure_b, measure_c,  # noqa: E402
                         run_cmd)

TARGETS = {"wall_553": 300.0, "work_median": 1.0, "peak": 2 * 2**30, "noop": 3.0, "alone": 4.0, "dask_ratio": 1.15}
AS_OF = "2024-06-30"


def mark(ok: bool) -> str:
    return "✅" if ok else "❌"


# --- params -------------------------------------------------------------------------------------


def national_params(folder: Path, quick: bool) -> Path:
    """The one command's params: Indonesia, `setiap: provinsi`, `setiap: kabkota` (quick: Indonesia,
    Bengkulu and Bengkulu's kab/kota)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "params" / "wilayah" / "00-indonesia.yaml", folder / "00-indonesia.yaml")
    if quick:
        shutil.copy(ROOT / "params" / "wilayah" / "17-bengkulu.yaml", folder / "17-bengkulu.yaml")
        (folder / "kabkota-bengkulu.yaml").write_text(
            f'laporan: wilayah\nkode: {{setiap: kabkota, di: "17"}}\nas_of: {AS_OF}\n', encoding="utf-8")
    else:
        for level in ("provinsi", "kabkota"):
            (folder / f"semua-{level}.yaml").write_text(
                f"laporan: wilayah\nkode: {{setiap: {level}}}\nas_of: {AS_OF}\n", encoding="utf-8")
    return folder


def members(folder: Path) -> list[tuple[str, str | None, Path]]:
    """(report name, kode, params file) of every report the folder asks for."""
    from kbreport.batch.plan import expand_params
    from kbreport.ingest.wilayah import load_master

    master = load_master()
    out = []
    for p in sorted(folder.glob("*.yaml")):
        out += [(s.name, s.kode, p) for s in expand_params(p, master=master)]
    return out


def sample_params(all_members: list, n: int, folder: Path) -> Path:
    """`n` reports spread evenly over the national list, one params file each (named as the fan-out names them)."""
    import yaml

    from kbreport.build.params import read_params_file

    folder.mkdir(parents=True, exist_ok=True)
    n = min(n, len(all_members))
    picks = [all_members[int(i * len(all_members) / n)] for i in range(n)]
    for name, kode, src in picks:
        data = dict(read_params_file(src))
        if kode is not None:
            data["kode"] = kode
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


# --- runs ---------------------------------------------------------------------------------------


def kbreport_run(params: Path, data: Path, out: Path, jobs: int, extra: list[str] = (), peak_of_self=False) -> dict:
    """One `kbreport run` (HTML + PDF) into `out`: wall, peak tree RSS, and the builds' own medians."""
    cmd = kbreport_cmd() + ["run", str(params), "--data", str(data), "--out", str(out), "--formats", "html,pdf",
                            "--jobs", str(jobs), *extra]
    if peak_of_self:  # the Dask workers are this process's children, not the command's
        with PeakRSS(os.getpid()) as mem:
            wall, _, rc, tail = run_cmd(cmd)
        peak = mem.peak
    else:
        wall, peak, rc, tail = run_cmd(cmd)
    res = {"cmd": cmd, "wall": wall, "peak": peak, "rc": rc, "tail": tail}
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except OSError:
        return {**res, "built": 0, "failed": [], "total": 0}
    reports = manifest["reports"]
    built = [r for r in reports if r["status"] == "ok"]
    res.update(total=len(reports), built=len(built), skipped=sum(r["status"] == "skipped" for r in reports),
               failed=[(r["name"], r.get("reason")) for r in reports if r["status"] == "failed"])
    if built:
        res["median"] = statistics.median(r["seconds"] for r in built)
        for key in ("params", "execute", "html", "pdf", "publish"):
            vals = [r["timings"][key] for r in built if key in (r.get("timings") or {})]
            if vals:
                res[key] = statistics.median(vals)
        work = [sum(r["timings"].get(k, 0) for k in ("execute", "html", "pdf")) for r in built if r.get("timings")]
        res["work"] = statistics.median(work) if work else None
    return res


def dask_run(params: Path, data: Path, out: Path) -> dict:
    import distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  local_directory=str(out.parent / "dask-scratch")) as cluster:
        return kbreport_run(params, data, out, 2, ["--dask", cluster.scheduler_address], peak_of_self=True)


def one_alone(data: Path, work: Path) -> dict:
    out = work / "alone"
    cmd = kbreport_cmd() + ["run", str(ROOT / "params" / "wilayah" / "17-bengkulu.yaml"), "--data", str(data),
                            "--out", str(out), "--force"]
    run_cmd(cmd)  # the first one also fills the OS file cache; the second is the figure
    wall, peak, rc, _ = run_cmd(cmd)
    return {"wall": wall, "peak": peak, "rc": rc, "cmd": cmd}


def scaled_data(data: Path, work: Path, factor: int) -> Path:
    from scale_data import scale_folder

    dst = work / f"data-{factor}x"
    if not dst.is_dir():
        scale_folder(data, dst, factor)
    return dst


# --- report -------------------------------------------------------------------------------------


def s(x) -> str:
    return "–" if x is None else f"{x:,.2f} s"


def row(label: str, r: dict) -> str:
    n = f"{r.get('built', 0)} of {r.get('total', 0)}"
    if r.get("rc") and not r.get("built"):
        why = next((ln for ln in r.get("tail", "").splitlines() if ln.strip()), "")[:160]
        return f"| {label} | refused/failed (exit {r['rc']}): {why} | – | – | – | {mb(r['peak'])} |"
    return (f"| {label} | {n} | {s(r['wall'])} | {s(r.get('median'))} | {s(r.get('work'))} | {mb(r['peak'])} |")


def render(res: dict, argv: list[str]) -> str:
    m = res["main"]
    n = m.get("built", 0)
    L = [f"Measured {res['when']} on {res['cpu']} — {res['cores']} cores, Python {platform.python_version()}; "
         f"1-min load average {res['load'][0]:.1f} at the start, {res['load_end'][0]:.1f} at the end.",
         "", "Reproduce:", "", "```", "make bench-national   # = .venv/bin/python bench/bench_national.py "
         + " ".join(argv), "```", "",
         "| run | reports built | wall | per-report median (build) | median execute+html+pdf | peak memory (tree RSS) |",
         "|---|---:|---:|---:|---:|---:|"]
    what = ("**national fan-out**" if not res.get("sampled") else
            f"**{m.get('total', 0)} of the {res['national_n']} national reports** (spread over the list)")
    L.append(row(f"{what}, local pool `--jobs {res['cores']}`", m))
    for label, r in res["growth"]:
        L.append(row(label, r))
    if res.get("dask"):
        L.append(row("Dask LocalCluster, 2 workers × 1 thread, warm kernels", res["dask"]))
    L += ["", f"Inside the national run, per-report medians of build_report's own steps: "
          + ", ".join(f"{k} {m[k]:.2f} s" for k in ("params", "execute", "html", "pdf", "publish") if k in m) + "."]
    c, b = res["floor"], res["naive"]
    L += ["", "| baseline | what | per report | for all the national reports on the cores |", "|---|---|---:|---:|",
          f"| fresh-kernel floor | imports-only notebook, papermill, one kernel each ({res['floor_n']} runs) | "
          f"{s(c['c_median'])} | {s(c['c_median'] * max(n, 1) / res['cores'])} |",
          f"| naive chain | papermill → nbconvert → weasyprint CLIs, sequential ({b['b_n']} reports) | "
          f"{s(b['b_median'])} | {s((b['b_median'] or 0) * max(n, 1) / res['cores'])} |"]
    L += ["", "| targets | value | target | |", "|---|---:|---:|---|"]
    L.append(f"| national run wall ({n} reports) | {s(m['wall'])} | ≤ {TARGETS['wall_553']:.0f} s | "
             f"{mark(m['wall'] <= TARGETS['wall_553'] and not m['failed'])} |")
    if m.get("work") is not None:
        L.append(f"| per-report work median (execute + HTML + PDF) | {s(m['work'])} | ≤ 1.00 s | "
                 f"{mark(m['work'] <= TARGETS['work_median'])} |")
    L.append(f"| peak memory of the run | {mb(m['peak'])} | ≤ 2,048 MB | {mark(m['peak'] <= TARGETS['peak'])} |")
    nr = res["noop"]
    L.append(f"| no-op re-run ({nr.get('skipped', 0)} skipped, {nr.get('built', 0)} built) | {s(nr['wall'])} | < 3 s | "
             f"{mark(nr['wall'] < TARGETS['noop'] and not nr.get('built'))} |")
    a = res["alone"]
    L.append(f"| one report alone (`kbreport run params/wilayah/17-bengkulu.yaml --force`) | {s(a['wall'])} | ≤ 4 s | "
             f"{mark(a['wall'] <= TARGETS['alone'] and a['rc'] == 0)} |")
    if res.get("dask"):
        k, local = res.get("dask_local", (n, m))
        ratio = res["dask"]["wall"] / local["wall"]
        L.append(f"| Dask / local pool wall ({k} reports) | {ratio:.2f} | ≤ 1.15 | "
                 f"{mark(ratio <= TARGETS['dask_ratio'])} |")
    L.append(f"| (warm national run) / (fresh-kernel floor ÷ cores) | "
             f"{m['wall'] / (c['c_median'] * max(n, 1) / res['cores']):.2f} | < 1 | "
             f"{mark(m['wall'] < c['c_median'] * max(n, 1) / res['cores'])} |")
    if res.get("xlsx"):
        from bench_xlsx import rows_text

        L += ["", "| XLSX / validation | what | wall | note |", "|---|---|---:|---|", *rows_text(res["xlsx"])]
    if m["failed"]:
        L += ["", f"Failed in the national run: {len(m['failed'])}, e.g. " + "; ".join(
            f"{nm}: {why}" for nm, why in m["failed"][:3])]
    return "\n".join(L)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT / "data" / "demo")
    ap.add_argument("--quick", action="store_true", help="12 reports, small samples (a smoke test of the benchmark)")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--no-xlsx", action="store_true")
    ap.add_argument("--dask-reports", type=int, default=None,
                    help="the Dask row on this many reports (one of the growth rows) instead of all of them")
    ap.add_argument("--growth", default=None, help="comma-separated report counts (default 10,45,150; quick 3,6)")
    ap.add_argument("--reports", type=int, default=None,
                    help="build only this many of the national reports (spread over the list) as the main row")
    ap.add_argument("--md", type=Path, default=None, help="also write the tables to this file")
    a = ap.parse_args(argv)
    data = a.data.resolve()
    n_cores = cores()
    work = Path(tempfile.mkdtemp(prefix="kbreport-national-"))
    res: dict = {"when": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "cpu": cpu_model(),
                 "cores": n_cores, "load": os.getloadavg()}
    try:
        params = national_params(work / "params", a.quick)
        everyone = members(params)
        res["national_n"] = len(everyone)
        print(f"{len(everyone)} reports; work folder {work}", flush=True)
        t = time.perf_counter()
        if a.reports and a.reports < len(everyone):
            params = sample_params(everyone, a.reports, work / f"p{a.reports}")
            res["sampled"] = True
        res["main"] = kbreport_run(params, data, work / "out", n_cores)
        print(row("main run", res["main"]), "| steps " + ", ".join(
            f"{k} {res['main'][k]:.2f}" for k in ("execute", "html", "pdf") if k in res["main"]), flush=True)
        res["noop"] = kbreport_run(params, data, work / "out", n_cores)
        print(f"no-op re-run: {res['noop']['wall']:.2f} s, {res['noop'].get('skipped')} skipped", flush=True)
        growth_n = [int(x) for x in (a.growth or ("3,6" if a.quick else "10,45,150")).split(",")]
        res["growth"] = []
        for k in growth_n:
            r = kbreport_run(sample_params(everyone, k, work / f"p{k}"), data, work / f"g{k}", n_cores)
            res["growth"].append((f"growth: {k} reports, demo 1×", r))
            print(row(f"growth {k}", r), flush=True)
        res["growth"].append((f"growth: {res['main']['built']} reports, demo 1× (the main run)", res["main"]))
        k5 = growth_n[0]
        big = scaled_data(data, work, 5)
        r = kbreport_run(work / f"p{k5}", big, work / f"g{k5}-5x", n_cores)
        res["growth"].append((f"growth: {k5} reports, demo 5× rows", r))
        if r["rc"] and not r.get("built"):  # the 5× tables are above the file bound: the largest that fits
            r3 = kbreport_run(work / f"p{k5}", scaled_data(data, work, 3), work / f"g{k5}-3x", n_cores)
            res["growth"].append((f"growth: {k5} reports, demo 3× rows", r3))
        sample = [p for p in sorted((work / f"p{growth_n[0]}").glob("*.yaml"))][: (1 if a.quick else 3)]
        ok = {p.stem for p in sample}
        res["naive"] = measure_b(sample, data, work, ok)
        res["floor_n"] = 2 if a.quick else 6
        res["floor"] = measure_c(res["floor_n"], work, n_cores)
        res["alone"] = one_alone(data, work)
        print(f"naive {res['naive']['b_median']}, floor {res['floor']['c_median']}, alone {res['alone']['wall']:.2f} s",
              flush=True)
        if not a.no_dask:
            k = a.dask_reports
            local = next((r for lbl, r in res["growth"] if lbl == f"growth: {k} reports, demo 1×"), None)
            if k and local is not None:
                res["dask"] = dask_run(work / f"p{k}", data, work / "dask")
                res["dask_local"] = (k, local)
            else:
                res["dask"] = dask_run(params, data, work / "dask")
            print(row("dask", res["dask"]), flush=True)
        if not a.no_xlsx:
            from bench_xlsx import measure

            (work / "xlsx").mkdir()
            res["xlsx"] = measure(data, 5_000 if a.quick else 100_000, 2 if a.quick else 5, work / "xlsx")
        res["load_end"] = os.getloadavg()
        print(f"total {time.perf_counter() - t:.0f} s\n", flush=True)
        text = render(res, argv)
        print(text)
        if a.md:
            a.md.write_text(text + "\n", encoding="utf-8")
        return 0 if res["main"]["rc"] == 0 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
