"""Benchmark of the batch runner (issue 5), in one run on one machine, over the same params:

  (a) `kbreport run params/ --jobs <cores> --formats ipynb,html,pdf` into an empty folder;
  (a') the same with `--fresh-kernels` (a new kernel per report instead of one warm per worker);
  (b) the naive chain, per report, one after the other: `papermill` CLI, then
      `jupyter nbconvert --to html --no-input`, then the `weasyprint` CLI;
  (c) the floor: per report, executing a notebook that only imports pandas, matplotlib and
      kbreport (papermill's Python API, one kernel each), total divided by the cores;
  (d) a no-op re-run of (a).

(a) and (c) alternate `--repeat` times (default 3) and report their medians.
Prints wall seconds, per-report medians, (a)/(b), (a)/(c), peak memory (sum of the RSS of the
process tree, sampled every 100 ms), and writes BENCHMARKS.md with the command that reproduces it.

    .venv/bin/python bench/bench_batch.py                      # all of params/, data/demo
    .venv/bin/python bench/bench_batch.py --limit 6            # a quick look on six reports
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGETS = {"a_over_b": 1 / 5, "a_over_c": 1.3, "d_seconds": 2.0}


# --- measuring ----------------------------------------------------------------------------------


class PeakRSS:
    """Peak of the summed RSS of a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int | None = None, interval: float = 0.1):
        self.pid = pid or os.getpid()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        try:
            root = psutil.Process(self.pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return 0
        total = 0
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()
        return False


def run_cmd(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, int, int, str]:
    """(wall seconds, peak tree RSS bytes, return code, output tail)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with PeakRSS(proc.pid) as mem:
        out, _ = proc.communicate()
    return time.perf_counter() - t0, mem.peak, proc.returncode, out[-3000:]


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def kbreport_cmd() -> list[str]:
    exe = BIN / "kbreport"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "kbreport.cli"]


# --- the four measurements ----------------------------------------------------------------------


def select_params(params_dir: Path, limit: int | None) -> list[Path]:
    from kbreport.batch.runner import discover_params

    from kbreport.build.params import read_params_file

    # one report per file (the naive chain has no fan-out; bench_fanout.py times those)
    files = [f for f in discover_params([params_dir]) if not isinstance((read_params_file(f) or {}).get("kode"), dict)]
    if limit and limit < len(files):
        step = len(files) / limit  # spread over wilayah and events alike
        files = [files[int(i * step)] for i in range(limit)]
    return files


def measure_a_d(params: list[Path], data: Path, work: Path, jobs: int) -> dict:
    """(a) then (d): the CLI into an empty folder, then again (nothing to do)."""
    src = work / "params"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    for p in params:  # one flat folder, so (a) and (b) see exactly the same files
        shutil.copy2(p, src / p.name)
    out = work / "a"
    shutil.rmtree(out, ignore_errors=True)
    cmd = kbreport_cmd() + ["run", str(src), "--data", str(data), "--out", str(out), "--jobs", str(jobs),
                            "--formats", "ipynb,html,pdf"]
    wall_a, peak_a, rc_a, tail_a = run_cmd(cmd)
    manifest = json.loads((out / "manifest.json").read_text())
    built = [r for r in manifest["reports"] if r["status"] == "ok"]
    failed = [r for r in manifest["reports"] if r["status"] == "failed"]
    wall_d, peak_d, rc_d, tail_d = run_cmd(cmd)
    manifest_d = json.loads((out / "manifest.json").read_text())
    d_note = ""
    rebuilt = sum(1 for r in manifest_d["reports"] if r["status"] == "ok")
    if rebuilt:  # kbreport's own files changed while (a) ran (its code is hashed): measure again
        d_note = f"the first re-run rebuilt {rebuilt} reports because kbreport's files changed during (a); measured again"
        wall_d, peak_d, rc_d, tail_d = run_cmd(cmd)
        manifest_d = json.loads((out / "manifest.json").read_text())
    split = {}
    for key in ("params", "execute", "html", "pdf", "publish"):
        vals = [r["timings"][key] for r in built if key in (r.get("timings") or {})]
        if vals:
            split[key] = statistics.median(vals)
    return {
        "a_split": split,
        "a_sum": sum(r["seconds"] for r in built),
        "cmd": cmd, "a": wall_a, "a_peak": peak_a, "a_rc": rc_a, "a_tail": tail_a,
        "a_median": statistics.median([r["seconds"] for r in built]) if built else None,
        "a_built": len(built), "a_failed": [(r["name"], r["reason"]) for r in failed],
        "d": wall_d, "d_peak": peak_d, "d_rc": rc_d,
        "d_built": sum(1 for r in manifest_d["reports"] if r["status"] == "ok"),
        "d_skipped": sum(1 for r in manifest_d["reports"] if r["status"] == "skipped"),
        "params_dir": src, "out": out, "d_note": d_note,
    }


def measure_fresh(params_dir: Path, data: Path, work: Path, jobs: int) -> dict:
    """(a') as (a), but a new kernel for every report (`--fresh-kernels`): what the warm kernels save."""
    out = work / "a-fresh"
    shutil.rmtree(out, ignore_errors=True)
    cmd = kbreport_cmd() + ["run", str(params_dir), "--data", str(data), "--out", str(out), "--jobs", str(jobs),
                            "--formats", "ipynb,html,pdf", "--fresh-kernels"]
    wall, peak, rc, _ = run_cmd(cmd)
    manifest = json.loads((out / "manifest.json").read_text())
    built = [r for r in manifest["reports"] if r["status"] == "ok"]
    return {"a_fresh": wall, "a_fresh_peak": peak, "a_fresh_built": len(built),
            "a_fresh_median": statistics.median([r["seconds"] for r in built]) if built else None}


def measure_b(params: list[Path], data: Path, work: Path, ok_names: set[str]) -> dict:
    """(b) the naive chain, one report after the other, three CLIs each."""
    from kbreport.build.params import load_params, to_notebook_parameters
    from kbreport.paths import safe_stem
    from kbreport.build.report import notebook_for

    import yaml

    root = work / "b"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    per, peak, failures = [], 0, []
    t_all = time.perf_counter()
    for p in params:
        name = safe_stem(p.stem)
        if name not in ok_names:  # (a) could not build it; the chain would fail too
            continue
        d = root / name
        d.mkdir()
        prm = load_params(p)  # preparing papermill's YAML is not timed: people write it by hand
        pm_yaml = d / "papermill.yaml"
        nb_params = to_notebook_parameters(prm, data.resolve(), out_dir=d.resolve(), annex=False)  # as (a): no xlsx
        pm_yaml.write_text(yaml.safe_dump(nb_params, allow_unicode=True))
        nb = notebook_for(prm, p)
        t0 = time.perf_counter()
        steps = [
            [str(BIN / "papermill"), str(nb), str(d / "briefing.ipynb"), "-f", str(pm_yaml), "-k", "python3",
             "--cwd", str(d), "--no-progress-bar"],
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(d / "briefing.ipynb")],
            [str(BIN / "weasyprint"), str(d / "briefing.html"), str(d / "briefing.pdf")],
        ]
        for cmd in steps:
            _, pk, rc, tail = run_cmd(cmd, cwd=d)
            peak = max(peak, pk)
            if rc:
                failures.append((name, Path(cmd[0]).name, tail[-400:]))
                break
        per.append(time.perf_counter() - t0)
    return {"b": time.perf_counter() - t_all, "b_median": statistics.median(per) if per else None,
            "b_n": len(per), "b_peak": peak, "b_failures": failures}


FLOOR_NB = {
    "cells": [
        {"cell_type": "code", "execution_count": None, "id": "p", "metadata": {"tags": ["parameters"]},
         "outputs": [], "source": "x = 0"},
        {"cell_type": "code", "execution_count": None, "id": "i", "metadata": {}, "outputs": [],
         "source": "import pandas\nimport matplotlib\nimport matplotlib.pyplot\nimport kbreport"},
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                 "language_info": {"name": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def measure_c(n: int, work: Path, n_cores: int) -> dict:
    """(c) the floor: n executions of an imports-only notebook, one after the other, / cores."""
    import papermill

    root = work / "c"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    nb = root / "floor.ipynb"
    nb.write_text(json.dumps(FLOOR_NB))
    per = []
    t_all = time.perf_counter()
    for i in range(n):
        t0 = time.perf_counter()
        papermill.execute_notebook(str(nb), str(root / f"out-{i}.ipynb"), parameters={"x": i}, kernel_name="python3",
                                   progress_bar=False, cwd=str(root))
        per.append(time.perf_counter() - t0)
    total = time.perf_counter() - t_all
    return {"c_sequential": total, "c": total / n_cores, "c_median": statistics.median(per) if per else None}


# --- report -------------------------------------------------------------------------------------


def fmt_s(x) -> str:
    return "–" if x is None else f"{x:,.2f} s"


def render(res: dict, argv: list[str]) -> str:
    a, b, c, d = res["a"], res.get("b"), res["c"], res["d"]
    ab = a / b if b and res.get("b_n") else None
    ac = a / c if c else None
    ok = lambda cond: "✅" if cond else "❌"  # noqa: E731
    lines = [
        "# Benchmarks: `kbreport run` (batch runner)",
        "",
        f"Measured {res['when']} on {res['machine']} — {res['cores']} cores, {res['ram']} RAM, "
        f"Python {platform.python_version()}, kbreport {res['version']}"
        + (f"; 1-min load average {res['load']:.1f} at the start" if res.get("load") is not None else "") + ".",
        f"Reports: {res['n']} params files ({res['params_source']}), data `{res['data']}`; (a) built "
        f"{res['a_built']}, failed {len(res['a_failed'])}.",
        "",
        "Reproduce:",
        "",
        "```",
        " ".join(shlex.quote(x) for x in argv),
        "```",
        "",
        "| run | what | wall | per-report median | peak memory (tree RSS) |",
        "|---|---|---:|---:|---:|",
        f"| (a) | `kbreport run --jobs {res['jobs']} --formats ipynb,html,pdf` | {fmt_s(a)} | {fmt_s(res['a_median'])} | {mb(res['a_peak'])} |",
        (f"| (a′) | the same with `--fresh-kernels` (a new kernel per report; {res['a_fresh_built']} built) | "
         f"{fmt_s(res['a_fresh'])} | {fmt_s(res['a_fresh_median'])} | {mb(res['a_fresh_peak'])} |"
         if res.get("a_fresh") else "| (a′) | `--fresh-kernels` | not run | – | – |"),
        f"| (b) | naive: papermill CLI → nbconvert CLI → weasyprint CLI, sequential ({res.get('b_n', 0)} reports) | "
        f"{fmt_s(b) if b else 'not run'} | {fmt_s(res.get('b_median'))} | {mb(res['b_peak']) if b else '–'} |",
        f"| (c) | floor: imports-only notebook per report, ÷ {res['cores']} cores | {fmt_s(c)} | {fmt_s(res['c_median'])} | – |",
        f"| (d) | no-op re-run of (a) ({res['d_skipped']} skipped, {res['d_built']} built) | {fmt_s(d)} | – | {mb(res['d_peak'])} |",
        "",
        f"Runner overhead: the per-report build times of (a) add up to {res['a_sum']:,.1f} s, i.e. "
        f"{res['a_sum'] / res['jobs']:,.1f} s over {res['jobs']} workers; (a) took "
        f"{100 * (a / (res['a_sum'] / res['jobs']) - 1):+.0f}% on top (process start, pool start, uneven finish)."
        if res.get("a_sum") else "",
        "",
        "Inside (a), per-report medians of build_report's own steps: "
        + (", ".join(f"{k} {v:.2f} s" for k, v in res.get("a_split", {}).items()) or "not reported") + ".",
        "",
        "| ratio | value | target | |",
        "|---|---:|---:|---|",
        f"| (a)/(b) | {'–' if ab is None else f'{ab:.3f} ({1 / ab:.1f}× faster)'} | ≤ 0.200 (5× faster) | {'' if ab is None else ok(ab <= TARGETS['a_over_b'])} |",
        f"| (a)/(c) | {'–' if ac is None else f'{ac:.2f}'} | ≤ 1.30 | {'' if ac is None else ok(ac <= TARGETS['a_over_c'])} |",
        f"| (d) | {fmt_s(d)} | < 2 s | {ok(d < TARGETS['d_seconds'])} |",
        "",
        "Notes:",
        "- (a) and (d) are the `kbreport` command as an analyst runs it (process start included); (a) writes",
        "  into an empty folder; its per-report median is each report's build time inside a worker.",
        "- (b) excludes writing papermill's parameter YAML (done by hand in the naive workflow); its",
        "  HTML is nbconvert's default template, not the briefing template.",
        "- (a) keeps one kernel warm per worker (kbreport.build.warm_kernel): kbreport imported and the data",
        "  parsed once, the namespace reset before each report. (c) starts a kernel per report, so (a) may",
        "  come close to it but (a′), which also starts a kernel per report, cannot.",
        "- (c) is the sequential total divided by the cores: a parallel run that starts a kernel per report",
        "  cannot beat it.",
        f"- (a) and (c) ran {len(res.get('a_samples', [1]))} times each, alternating; the table gives the medians "
        f"(all runs: (a) {', '.join(f'{x:.1f}' for x in res.get('a_samples', []))} s; "
        f"(c) {', '.join(f'{x:.1f}' for x in res.get('c_samples', []))} s). On this shared machine the same",
        "  run varies by 10–20% from one minute to the next.",
        "- Peak memory is the sum of RSS over the process and all its children (workers, kernels),",
        "  sampled every 100 ms; shared pages count once per process, so it overstates a little.",
    ]
    if res.get("d_note"):
        lines += [f"- (d): {res['d_note']}."]
    if res["a_failed"]:
        lines += ["", "Reports that failed in (a):"] + [f"- {n}: {r}" for n, r in res["a_failed"][:20]]
    if res.get("b_failures"):
        lines += ["", "Naive chain failures:"] + [f"- {n} ({step})" for n, step, _ in res["b_failures"][:20]]
    return "\n".join(lines) + "\n"


def _rel(p: Path) -> str:
    p = p.resolve()
    return str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--params", type=Path, default=ROOT / "params")
    ap.add_argument("--data", type=Path, default=None, help="data folder (default: data/demo, made if missing)")
    ap.add_argument("--jobs", type=int, default=None, help="workers for (a) (default: the cores)")
    ap.add_argument("--limit", type=int, default=None, help="use only this many params files (spread evenly)")
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--skip-naive", action="store_true", help="do not run (b)")
    ap.add_argument("--skip-fresh", action="store_true", help="do not run (a') with --fresh-kernels")
    ap.add_argument("--repeat", type=int, default=3, help="runs of (a) and of (c), alternating; medians reported")
    ap.add_argument("--write", type=Path, default=ROOT / "BENCHMARKS.md", help="where to write the results")
    args = ap.parse_args(argv)

    from kbreport import __version__

    n_cores = cores()
    jobs = args.jobs or n_cores
    work = args.work or Path(tempfile.mkdtemp(prefix="kbreport-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    data = args.data or ROOT / "data" / "demo"
    if not data.is_dir():
        print(f"membuat data contoh di {data} …", flush=True)
        subprocess.run(kbreport_cmd() + ["demo", "--out", str(data)], check=True, stdout=subprocess.DEVNULL)
    params = select_params(args.params, args.limit)
    if not params:
        print(f"tidak ada params di {args.params}", file=sys.stderr)
        return 1
    print(f"{len(params)} laporan, {n_cores} core, jobs={jobs}, kerja di {work}", flush=True)

    res: dict = {"n": len(params), "cores": n_cores, "jobs": jobs, "data": _rel(data),
                 "params_source": _rel(args.params) + (f", {args.limit} of them spread evenly" if args.limit else ""),
                 "version": __version__, "machine": cpu_model(), "ram": mb(psutil.virtual_memory().total),
                 "when": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
                 "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}
    # (a) and (c) alternate, `repeat` times, and each reports its median: on a shared machine the
    # speed drifts by 10–20% within minutes, and a ratio of two runs minutes apart would carry it.
    a_runs, c_runs = [], []
    for i in range(max(1, args.repeat)):
        print(f"(a) kbreport run … [{i + 1}/{args.repeat}]", flush=True)
        run = measure_a_d(params, data, work, jobs)
        a_runs.append(run)
        print(f"    {fmt_s(run['a'])}, {run['a_built']} dibangun, {len(run['a_failed'])} gagal; "
              f"(d) {fmt_s(run['d'])}", flush=True)
        if run["a_rc"] not in (0, 1):
            print(run["a_tail"], file=sys.stderr)
        n_ok = sum(1 for r in json.loads((run["out"] / "manifest.json").read_text())["reports"]
                   if r["status"] in ("ok", "skipped"))
        print(f"(c) lantai: notebook impor saja … [{i + 1}/{args.repeat}]", flush=True)
        c_runs.append(measure_c(max(1, n_ok or len(params)), work, n_cores))  # as many reports as (a) built
        print(f"    {fmt_s(c_runs[-1]['c'])}", flush=True)
    a_runs.sort(key=lambda r: r["a"])
    c_runs.sort(key=lambda r: r["c"])
    res.update(a_runs[len(a_runs) // 2])  # the median run, with its own split and (d)
    res.update(c_runs[len(c_runs) // 2])
    res["a_samples"] = [r["a"] for r in a_runs]
    res["c_samples"] = [r["c"] for r in c_runs]
    if not args.skip_fresh:
        print("(a′) kbreport run --fresh-kernels …", flush=True)
        res.update(measure_fresh(res["params_dir"], data, work, jobs))
        print(f"    {fmt_s(res['a_fresh'])}", flush=True)
    ok_names = {r["name"] for r in json.loads((res["out"] / "manifest.json").read_text())["reports"]
                if r["status"] in ("ok", "skipped")}
    if args.skip_naive:
        res.update({"b": None, "b_median": None, "b_n": 0, "b_peak": 0, "b_failures": []})
    else:
        print("(b) papermill → nbconvert → weasyprint, berurutan …", flush=True)
        res.update(measure_b(params, data, work, ok_names))
        print(f"    {fmt_s(res['b'])}", flush=True)
    text = render(res, ["python", "bench/bench_batch.py", *(argv if argv is not None else sys.argv[1:])])
    print()
    print(text)
    args.write.write_text(text, encoding="utf-8")
    print(f"ditulis: {args.write}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
