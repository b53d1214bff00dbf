"""Batch runner behind `kbreport run`: many params files, one report each, built in parallel.

- Discovery: params files given directly, or every `*.yaml`/`*.yml` under the folders given.
- Incremental: a report whose notebook, params, data and kbreport code hash the same as at its
  last successful build is skipped (see `kbreport.batch.stamps`); `force=True` rebuilds.
- Isolation: each report is built by `builder(...)` in a worker process (spawned, never forked:
  kernels and threads do not survive a fork) in its own working folder `<out>/.work/<name>-*`.
  Each worker keeps one kernel warm between its reports, reset before each one to a clean
  namespace in that folder (see `kbreport.build.warm_kernel`; `warm_kernels=False` starts a new kernel
  per report); what reports share is read-only: loaded modules and the parsed data. A failing report — invalid params, a cell that raises, a timeout, a dead kernel — is recorded
  with its reason and the others go on.
- Time limit: `timeout` seconds per report (the builder also gets it, and applies it per cell);
  a worker's own alarm stops a report that runs past it anywhere, e.g. while rendering.
- Interruption: SIGINT/SIGTERM stops the run within seconds: workers and their kernels are
  terminated (then killed), working folders removed, the manifest written. Output files only
  ever appear complete (temporary name, then rename) and a report's stamp is removed before it
  is rebuilt and written last, so a re-run rebuilds exactly what was not finished.
- Scale-out: with `dask_address` the same jobs go to a `distributed` cluster; each job ships its
  params and data files, builds in a private temp folder on the worker and returns the output
  files' bytes, which are installed here atomically.
- Finally `<out>/manifest.json` and `<out>/index.html` describe every report of the run, and keep
  the entries of earlier runs whose report folder is still there.
- Safety: the data folder is validated once, before any kernel starts (kbreport's own builder).
  Nothing is written, removed or renamed through a symlink; a report folder that is one, or that
  cannot be written, fails that report alone, in one line naming it; an output folder that cannot
  be written stops the run at once. Libraries' temporary files (WeasyPrint, matplotlib, Jupyter's
  connection files) go under `<out>/.work`, removed on success, failure and SIGINT/SIGTERM.

The builder is any picklable callable with the signature of `kbreport.build.report.build_report`:
`builder(params_path, out_dir, data_dir=None, formats=..., timeout=600, kernel_name="python3",
work_dir=None)`, returning an object (or dict) with `status` ("ok"/"failed"), `reason` and
`seconds`, or raising. On success it must have put the report's files in `out_dir/<name>/`.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kbreport import __version__
from kbreport.errors import KbreportError, ParamsError, ReportError, ReportTimeout
from kbreport.batch.stamps import (
    STAMP_NAME,
    HashCache,
    build_inputs,
    built_time,
    code_fingerprint,
    inputs_digest,
    output_hashes,
    remove_stamp,
    up_to_date,
    write_atomic,
    write_stamp,
)
from kbreport.paths import safe_stem
from kbreport.batch.failures import describe_failure
from kbreport.batch.progress import Progress, format_seconds
from kbreport.text.messages import run_message
from kbreport.paths import describe_os_error, folder_problem, make_folder, refuse_symlink, symlink_refusal

ALL_FORMATS = ("ipynb", "html", "pdf", "xlsx")
PARAMS_SUFFIXES = (".yaml", ".yml")
WORK_DIR_NAME = ".work"
LOGS_DIR_NAME = ".logs"
LOCK_NAME = ".kbreport-run.lock"
MANIFEST_NAME = "manifest.json"
# Extra seconds after `timeout` before the worker's own alarm fires: when one cell hangs, the
# builder's per-cell timeout (which names the cell) should win.
TIMEOUT_GRACE = 5.0
EXIT_OK, EXIT_FAILED = 0, 1

Builder = Callable[..., Any]
Resolver = Callable[[Path], "Path | None"]


# --- results ----------------------------------------------------------------------------------


@dataclass
class ReportOutcome:
    """One report of a batch run. status: ok (built now) | skipped (up to date) | failed | interrupted."""

    name: str
    params: str
    status: str
    reason: str | None = None
    seconds: float = 0.0
    files: list[dict] = field(default_factory=list)  # [{"path": "<name>/briefing.html", "sha256": ..., "bytes": ...}]
    notebook: str | None = None
    inputs_digest: str | None = None
    log: str | None = None  # "<.logs/name.log>" for a failed report, relative to the output folder
    timings: dict = field(default_factory=dict)  # the builder's own split (params, execute, html, pdf, …)
    group: str | None = None  # the params file stem of a fan-out member (the index groups them)

    def to_json(self) -> dict:
        d = asdict(self)
        d["seconds"] = round(self.seconds, 3)
        return d


@dataclass
class BatchResult:
    out_dir: Path
    reports: list[ReportOutcome]
    seconds: float
    exit_code: int
    mode: str = "local"
    interrupted: str | None = None  # "SIGINT"/"SIGTERM" when the run was stopped
    problems: list[str] = field(default_factory=list)  # run-level, e.g. a manifest that could not be written
    lang: str = "id"  # of the summary

    def by_status(self, status: str) -> list[ReportOutcome]:
        return [r for r in self.reports if r.status == status]

    @property
    def built(self) -> list[ReportOutcome]:
        return self.by_status("ok")

    @property
    def skipped(self) -> list[ReportOutcome]:
        return self.by_status("skipped")

    @property
    def failed(self) -> list[ReportOutcome]:
        return self.by_status("failed")

    def summary(self) -> str:
        L = self.lang
        n_int = len(self.by_status("interrupted"))
        head = run_message("summary", L, built=len(self.built), skipped=len(self.skipped), failed=len(self.failed),
                           interrupted=run_message("summary_interrupted", L, n=n_int) if n_int else "",
                           total=len(self.reports), time=format_seconds(self.seconds))
        if self.interrupted:
            head = run_message("summary_stopped", L, signal=self.interrupted, head=head)
        lines = [head]
        if self.failed:
            lines.append(run_message("summary_failed", L))
            for r in self.failed:
                reason = (r.reason or "").replace("\n", "\n      ")
                log = f" [log: {self.out_dir / r.log}]" if r.log else ""
                lines.append(f"  - {r.name} ({r.params}): {reason}{log}")
        lines.extend(self.problems)
        lines.append(run_message("summary_index", L, path=self.out_dir / "index.html"))
        return "\n".join(lines)


# --- discovery and jobs -----------------------------------------------------------------------


def discover_params(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Params files from files and folders (folders: every *.yaml/*.yml below, hidden ones left out).
    Order: as given, each folder sorted; duplicates once. A missing path raises ReportError."""
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            cands = sorted(
                q for q in p.rglob("*")
                if q.suffix.lower() in PARAMS_SUFFIXES and q.is_file()
                and not any(part.startswith(".") for part in q.relative_to(p).parts)
            )
        elif p.is_file():
            cands = [p]
        else:
            raise ReportError(f"{p}: file atau folder params tidak ditemukan")
        for q in cands:
            key = q.resolve()
            if key not in seen:
                seen.add(key)
                found.append(q)
    return found


@dataclass
class Job:
    name: str
    params_path: Path
    notebook: Path | None = None
    inputs: dict | None = None
    error: str | None = None  # set when the job fails before any worker sees it
    kode: str | None = None  # a fan-out member's region (kbreport.batch.plan); None: the file's own
    group: str | None = None  # the params stem a fan-out member came from


def plan_jobs(params_files: Sequence[Path], resolver: Resolver | None) -> list[Job]:
    """The jobs of these params files: one per file, or one per region of a fan-out.

    `resolver(params_path)` returns the notebook path (one report, named by the file's sanitised
    stem) or a list of kbreport.batch.plan.ReportSpec (a fan-out); a ParamsError or ReportError from it
    fails that file's report before any worker sees it. Two reports that would write the same output
    folder both fail (building either one would silently hide the other)."""
    jobs: list[Job] = []
    for p in params_files:
        if resolver is None:
            jobs.append(Job(name=safe_stem(p.stem), params_path=p))
            continue
        try:
            got = resolver(p)
        except ParamsError as e:
            jobs.append(Job(name=safe_stem(p.stem), params_path=p, error=f"params tidak valid — {e}"))
            continue
        except ReportError as e:
            jobs.append(Job(name=safe_stem(p.stem), params_path=p, error=str(e)))
            continue
        except Exception as e:  # a resolver bug must not stop the other reports
            jobs.append(Job(name=safe_stem(p.stem), params_path=p, error=f"{type(e).__name__}: {e}"))
            continue
        if isinstance(got, list):
            jobs += [Job(name=r.name, params_path=p, notebook=r.notebook, kode=r.kode, group=r.group, error=r.error)
                     for r in got]
        else:
            jobs.append(Job(name=safe_stem(p.stem), params_path=p, notebook=Path(got) if got else None))
    by_name: dict[str, list[Job]] = {}
    for j in jobs:
        by_name.setdefault(j.name, []).append(j)
    for name, same in by_name.items():
        if len(same) > 1:
            files = ", ".join(dict.fromkeys(str(j.params_path) for j in same))
            for j in same:
                j.error = f"nama laporan {name!r} dipakai lebih dari satu file params ({files}); ganti nama salah satunya"
    return jobs


def default_resolver(params_path: Path, master=None, data_dir: Path | None = None) -> list:
    """The reports a params file asks for (kbreport.batch.plan.expand_params); one whose region is not wholly
    inside the data's coverage carries its refusal, so it fails before any worker or kernel starts."""
    from kbreport.ingest.coverage import data_coverage
    from kbreport.batch.plan import expand_params
    from kbreport.ingest.wilayah import load_master

    master = load_master() if master is None else master
    coverage = None
    if data_dir is not None and Path(data_dir).is_dir():
        try:
            coverage = data_coverage(data_dir)
        except ValueError as e:
            raise ReportError(str(e)) from None
        except KbreportError:
            coverage = None  # unreadable data: the run's data check reports it before any kernel starts
    return expand_params(params_path, master=master, coverage=coverage, data_dir=data_dir)


def _default_resolver_for(data_dir) -> Resolver:
    from kbreport.ingest.wilayah import load_master

    master = load_master()
    return lambda p: default_resolver(p, master=master, data_dir=Path(data_dir) if data_dir else None)


def default_data_dir() -> Path | None:
    """The data `build_report` reads when `data_dir` is None (hashed for the incremental check)."""
    from kbreport.build.report import default_data_dir as _d

    return _d()


# --- worker side (runs in a spawned process or on a Dask worker) --------------------------------


def _kill_tree(procs, grace: float) -> None:
    """SIGTERM `procs`, wait up to `grace` seconds, SIGKILL what is left."""
    import psutil

    live = []
    for p in procs:
        try:
            p.terminate()
            live.append(p)
        except psutil.Error:
            pass
    _, alive = psutil.wait_procs(live, timeout=grace)
    for p in alive:
        with contextlib.suppress(psutil.Error):
            p.kill()
    if alive:
        psutil.wait_procs(alive, timeout=grace)


def _kill_my_children(grace: float = 2.0, keep: int | None = None) -> None:
    """Kernels are started in their own session (jupyter_client), so a process-group kill would
    miss them; they are still our children, though. `keep`: a pid spared (the worker's warm
    kernel; processes a report started under it are not spared)."""
    try:
        import psutil

        _kill_tree([p for p in psutil.Process().children(recursive=True) if p.pid != keep], grace)
    except Exception:  # never let cleanup hide the real outcome
        pass


# The pool worker's warm kernel (kbreport.build.warm_kernel), made by the first report that can use one.
_WARM: Any = None


def _warm_kernel(spec: dict, work_root: Path):
    """This worker's warm kernel for `spec`, or None (a cold kernel per report) when the run asks
    for fresh kernels or the builder takes no `kernel=`."""
    global _WARM
    if not spec.get("warm_kernels", True) or not _accepts(spec["builder"], "kernel"):
        return None
    from kbreport.build.warm_kernel import WarmKernel

    data = spec.get("data_dir")
    data = str(Path(data).resolve()) if data else None
    if _WARM is not None and (_WARM.kernel_name != spec["kernel_name"] or _WARM.data_dir != data):
        _WARM.shutdown()
        _WARM = None
    if _WARM is None:
        import multiprocessing.util

        _WARM = WarmKernel(spec["kernel_name"], data_dir=data, cwd=work_root,
                           log_path=work_root / f"kernel-{os.getpid()}.log")
        # pool workers leave through multiprocessing's exit path, which runs finalizers, not atexit
        multiprocessing.util.Finalize(_WARM, _WARM.shutdown, exitpriority=10)
    return _WARM


def _worker_sigterm(signum, frame):  # pragma: no cover - exercised through a subprocess test
    _kill_my_children(grace=1.0)
    if _WARM is not None:  # its connection file would stay in Jupyter's runtime folder
        _WARM.remove_connection_file()
    os._exit(128 + signum)


def _watch_parent(parent_pid: int) -> None:  # pragma: no cover - runs only if the parent is killed -9
    while True:
        time.sleep(0.5)
        if os.getppid() != parent_pid:
            _kill_my_children(grace=1.0)
            os._exit(1)


def _worker_init(parent_pid: int, work_root: str | None = None) -> None:
    # jsonschema (under nbformat and papermill) imports rfc3987-syntax when it is installed (jupyter
    # pulls it in), which compiles a Lark grammar for IRI checks: 1.5 s in every worker. The
    # notebook schema checks no IRI, so workers go without it.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    # Own process group: Ctrl-C at the terminal reaches only the parent, which then stops the
    # workers and their kernels in order instead of every process racing to die.
    with contextlib.suppress(OSError):
        os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_sigterm)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True, name="kbreport-watch-parent").start()
    if work_root:
        _private_temp(Path(work_root))


def _private_temp(work_root: Path) -> None:
    """Temporary files of this process and of the kernels it starts (WeasyPrint's fonts, Jupyter's
    connection files, matplotlib's fallback config) go under `work_root`, which the run removes
    however it ends: a killed worker cannot clean up after its libraries."""
    root = Path(os.path.abspath(work_root))  # kernels run in other folders
    tmp, runtime = root / "tmp", root / "jupyter-runtime"
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        runtime.mkdir(exist_ok=True)
    except OSError:
        return  # the system's temp folder, then; the report itself says what is wrong with the folder
    for var in ("TMPDIR", "TEMP", "TMP"):
        os.environ[var] = str(tmp)
    os.environ["JUPYTER_RUNTIME_DIR"] = str(runtime)
    if "MPLCONFIGDIR" not in os.environ and not _matplotlib_dirs_writable():
        os.environ["MPLCONFIGDIR"] = str(root / "matplotlib")  # one for the run, not one temp folder per kernel
    tempfile.tempdir = None  # recomputed from TMPDIR


def _matplotlib_dirs_writable() -> bool:
    """Whether matplotlib can use its own config and cache folders (else it makes a temporary one)."""
    home = Path.home()
    for var, default in (("XDG_CONFIG_HOME", home / ".config"), ("XDG_CACHE_HOME", home / ".cache")):
        folder = Path(os.environ.get(var) or default) / "matplotlib"
        probe = next((q for q in (folder, *folder.parents) if q.exists()), None)
        if probe is None or not os.access(probe, os.W_OK):
            return False
    return True


def _on_alarm(signum, frame):
    raise ReportTimeout("seluruh laporan melewati batas waktunya")


def _normalise(res: Any) -> tuple[str, str | None, dict]:
    """(status, reason, timings) from whatever the builder returned."""
    if res is None:
        return "ok", None, {}
    get = res.get if isinstance(res, dict) else (lambda k, d=None: getattr(res, k, d))
    status = get("status", "ok") or "ok"
    reason = get("reason", None)
    timings = get("timings", None)
    timings = {str(k): float(v) for k, v in timings.items() if isinstance(v, (int, float))} \
        if isinstance(timings, dict) else {}
    if status not in ("ok", "failed"):
        return "failed", f"builder mengembalikan status tidak dikenal {status!r}", timings
    return status, (str(reason) if reason else None), timings


def _call_builder(spec: dict, out_dir: Path, params_path: Path, data_dir: str | None, work_dir: Path,
                  own_process: bool, extra: dict | None = None, kernel: Any = None) -> tuple[str, str | None, float, dict]:
    """`own_process`: this process runs one report at a time (pool worker), so it may arm an alarm
    and kill every child it has afterwards (but a healthy warm `kernel`); a Dask worker shares its
    process between tasks."""
    builder: Builder = spec["builder"]
    timeout = spec["timeout"]
    t0 = time.monotonic()
    armed = False
    timings: dict = {}
    status = "failed"
    if kernel is not None:
        extra = dict(extra or {}, kernel=kernel)
    if spec.get("kode"):  # a fan-out member: its region and folder name, not the file's
        extra = dict(extra or {}, kode=spec["kode"], name=spec["name"])
    if own_process and timeout and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, float(timeout) + TIMEOUT_GRACE)
        armed = True
    try:
        res = builder(
            params_path,
            out_dir,
            data_dir=data_dir,
            formats=tuple(spec["formats"]),
            timeout=timeout,
            kernel_name=spec["kernel_name"],
            work_dir=work_dir,
            **(extra or {}),
        )
        status, reason, timings = _normalise(res)
    except Exception as e:  # noqa: BLE001 - every failure becomes a recorded reason
        status, reason = "failed", describe_failure(e, timeout)
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if kernel is not None and status != "ok":
            kernel.discard()  # its state after a failure is unknown: the next report gets a new one
        if own_process:  # a kernel that outlived its report must not outlive the worker
            _kill_my_children(keep=kernel.pid if kernel is not None and kernel.km is not None else None)
    if status == "ok" and not (out_dir / spec["name"]).is_dir():
        status, reason = "failed", f"builder melaporkan berhasil tetapi {out_dir / spec['name']} tidak ada"
    return status, reason, time.monotonic() - t0, timings


def _file_list(report_dir: Path, name: str) -> list[dict]:
    hashes = output_hashes(report_dir)
    return [
        {"path": f"{name}/{rel}", "sha256": h, "bytes": (report_dir / rel).stat().st_size}
        for rel, h in sorted(hashes.items())
    ]


@contextlib.contextmanager
def _output_to(path: Path):
    """Send this process's fds 1 and 2 — and so the kernels it starts — to `path` for a while:
    kernel warnings and tracebacks belong in the report's log, not across the progress lines."""
    for s in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            s.flush()
    saved = [os.dup(1), os.dup(2)]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        yield
    finally:
        for s in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                s.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for f in (fd, *saved):
            os.close(f)


def _append_tail(src: Path | None, offset: int, dst: Path) -> None:
    with contextlib.suppress(OSError):
        if src is not None and src.is_file() and src.stat().st_size > offset:
            with open(src, "rb") as f, open(dst, "ab") as g:
                f.seek(offset)
                shutil.copyfileobj(f, g)


def run_local_job(spec: dict) -> dict:
    """One report in a pool worker: a private working folder, the builder, the output hashes.
    A failed report keeps its log (the kernel's and libraries' output) in `<out>/.logs/<name>.log`."""
    out_dir = Path(spec["out_dir"])
    name = spec["name"]
    work_root = out_dir / WORK_DIR_NAME
    try:
        work_root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=work_root))
    except OSError as e:
        return {"name": name, "status": "failed", "reason": describe_os_error(e, work_root, folder=True),
                "seconds": 0.0, "files": [], "log": None, "timings": {}}
    log = work.with_name(work.name + ".log")
    log_kept = None
    try:
        kernel = _warm_kernel(spec, work_root)
        kernel_log_at = kernel.log_size() if kernel is not None else 0
        with _output_to(log):
            status, reason, secs, timings = _call_builder(
                spec, out_dir, Path(spec["params_path"]), spec["data_dir"], work, own_process=True, kernel=kernel
            )
        if status != "ok" and kernel is not None:
            _append_tail(kernel.log_path, kernel_log_at, log)  # what the kernel process itself said meanwhile
        if status != "ok" and log.is_file() and log.stat().st_size:
            log_kept = _keep_log(log, out_dir, name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(OSError):
            log.unlink()
    files = _file_list(out_dir / name, name) if status == "ok" else []
    return {"name": name, "status": status, "reason": reason, "seconds": secs, "files": files, "log": log_kept,
            "timings": timings}


def _keep_log(log: Path, out_dir: Path, name: str) -> str | None:
    """Move a failed report's log to `<out>/.logs/<name>.log`; None if that folder refuses it (the
    reason of the failure is what counts)."""
    logs = out_dir / LOGS_DIR_NAME
    try:
        refuse_symlink(logs)
        logs.mkdir(exist_ok=True)
        os.replace(log, logs / f"{name}.log")
    except (OSError, ReportError):
        return None
    return f"{LOGS_DIR_NAME}/{name}.log"


def _materialise(blob: dict[str, bytes] | None, digest: str | None, name: str) -> str | None:
    """Shipped files as the folder `<tmp>/kbreport-in-<digest>/<name>` on this worker, written once per
    content digest (the folder keeps its original name: a report may print it as the data source)."""
    if blob is None:
        return None
    base = Path(tempfile.gettempdir()) / f"kbreport-in-{(digest or 'x')[:20]}"
    if (base / name).is_dir():
        return str(base / name)
    stage = Path(tempfile.mkdtemp(prefix=base.name + "-", dir=base.parent))
    for rel, data in blob.items():
        dst = _safe_rel(stage / name, rel)
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(data)
    try:
        os.rename(stage, base)
    except OSError:  # another task on this worker got there first
        shutil.rmtree(stage, ignore_errors=True)
    return str(base / name)


def _safe_rel(root: Path, rel: str) -> Path:
    parts = Path(rel).parts
    if not parts or Path(rel).is_absolute() or any(p in ("", ".", "..") for p in parts):
        raise ReportError(f"unsafe relative path {rel!r}")
    return root.joinpath(*parts)


def run_remote_job(spec: dict, data_blob: dict[str, bytes] | None = None,
                   notebooks_blob: dict[str, bytes] | None = None) -> dict:
    """One report on a Dask worker: inputs arrive as bytes, outputs go back as bytes.
    Nothing is written to the client's folders from here (the worker may be another machine)."""
    data_dir = _materialise(data_blob, spec.get("data_digest"), spec.get("data_name") or "data")
    extra = {}
    if notebooks_blob is not None:
        extra["notebooks"] = _materialise(notebooks_blob, spec.get("notebooks_digest"), "notebooks")
    tmp = Path(tempfile.mkdtemp(prefix=f"kbreport-{spec['name']}-"))
    try:
        params_path = tmp / "params" / spec["params_file"]
        params_path.parent.mkdir(parents=True)
        params_path.write_bytes(spec["params_bytes"])
        out_dir = tmp / "out"
        work = tmp / "work"
        out_dir.mkdir()
        work.mkdir()
        status, reason, secs, timings = _call_builder(spec, out_dir, params_path, data_dir, work,
                                                      own_process=False, extra=extra)
        payload: dict[str, bytes] = {}
        if status == "ok":
            rep = out_dir / spec["name"]
            for p in sorted(rep.rglob("*")):
                if p.is_file() and p.name != STAMP_NAME:
                    payload[p.relative_to(rep).as_posix()] = p.read_bytes()
        return {"name": spec["name"], "status": status, "reason": reason, "seconds": secs, "payload": payload,
                "timings": timings}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- installing a folder atomically (Dask path) -----------------------------------------------


def install_dir(new: Path, dest: Path, trash_dir: Path) -> None:
    """Put folder `new` at `dest` by rename. Readers see the old folder or the new one, complete;
    `trash_dir` (same file system) receives the old one."""
    refuse_symlink(dest)
    refuse_symlink(trash_dir)
    if dest.exists():
        old = trash_dir / f"old-{dest.name}"
        os.rename(dest, old)
        os.rename(new, dest)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(new, dest)


def install_payload(out_dir: Path, name: str, payload: dict[str, bytes]) -> None:
    work_root = out_dir / WORK_DIR_NAME
    work_root.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=work_root))
    try:
        new = stage / name
        new.mkdir()
        for rel, data in payload.items():
            dst = _safe_rel(new, rel)
            dst.parent.mkdir(parents=True, exist_ok=True)
            with open(dst, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        install_dir(new, out_dir / name, stage)
    except OSError as e:  # one line naming the folder, as for a local build
        raise ReportError(describe_os_error(e, out_dir / name, folder=True)) from e
    finally:
        shutil.rmtree(stage, ignore_errors=True)


# --- the run ----------------------------------------------------------------------------------


class _Stop(BaseException):
    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


class _SignalStop:
    """While active (main thread only), the first SIGINT/SIGTERM raises `_Stop`; later ones are
    ignored so the clean-up that follows (a few seconds at most) is not cut short."""

    def __init__(self) -> None:
        self.fired = False
        self._old: dict = {}

    def _handler(self, signum, frame):
        if not self.fired:
            self.fired = True
            raise _Stop(signum)

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            self._old = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
            for s in self._old:
                signal.signal(s, self._handler)
        return self

    def __exit__(self, *exc):
        for s, h in self._old.items():
            signal.signal(s, h)
        return False


@contextlib.contextmanager
def _run_lock(out_dir: Path, lang: str = "id"):
    """One run per output folder at a time (a second one would race on the same report folders)."""
    import fcntl

    try:  # O_NOFOLLOW: never create or touch a file through a symlink
        fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as e:
        raise ReportError(describe_os_error(e, out_dir / LOCK_NAME, lang)) from None
    fh = os.fdopen(fd, "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ReportError(f"{out_dir}: proses kbreport run lain sedang menulis ke folder ini") from None
        yield
    finally:
        fh.close()


def _clean_work(out_dir: Path) -> None:
    shutil.rmtree(out_dir / WORK_DIR_NAME, ignore_errors=True)
    for p in out_dir.glob(".*.tmp"):
        if p.is_symlink():  # not one of ours
            continue
        with contextlib.suppress(OSError):
            p.unlink()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    fs = tuple(dict.fromkeys(f.strip().lower() for f in formats if f and f.strip()))
    bad = [f for f in fs if f not in ALL_FORMATS]
    if bad or not fs:
        raise ValueError(f"format tidak dikenal: {', '.join(bad) or '(kosong)'}; pilih dari {', '.join(ALL_FORMATS)}")
    return fs


def _display_path(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def run_batch(
    paths: Iterable[str | os.PathLike],
    out_dir: str | os.PathLike,
    data_dir: str | os.PathLike | None = None,
    jobs: int | None = None,
    formats: Iterable[str] = ALL_FORMATS,
    force: bool = False,
    timeout: float = 600,
    dask_address: str | None = None,
    builder: Builder | None = None,
    progress: bool | Progress = True,
    *,
    kernel_name: str = "python3",
    resolver: Resolver | None = None,
    lang: str = "id",
    warm_kernels: bool = True,
) -> BatchResult:
    """Build every report of `paths` into `out_dir`; see the module docstring.

    `resolver(params_path) -> notebook path` tells which notebook a params file runs (hashed for
    the incremental check; a ParamsError from it fails the report before any worker sees it).
    Default: kbreport's params schema when `builder` is the default one, else no resolver.
    `warm_kernels`: each local worker keeps one kernel warm across its reports (kbreport.build.warm_kernel;
    the default, and much faster); False starts a new kernel for every report.
    Exit code in the result: 0 all good, 1 some report failed, 128+signal when interrupted.
    """
    t_start = time.monotonic()
    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    formats = check_formats(formats)
    out = Path(out_dir)
    lang = lang if lang in ("id", "en") else "id"
    _prepare_output(out, lang)
    if builder is None:
        from kbreport.build.report import build_report  # light at import: papermill & co. load in the workers

        builder = build_report
        if data_dir is None:
            data_dir = default_data_dir()
        if resolver is None:
            resolver = _default_resolver_for(data_dir)
    data = Path(data_dir) if data_dir is not None else None
    if data is not None and not data.exists():
        raise ReportError(f"{data}: folder data tidak ditemukan")
    files = discover_params(paths)
    if not files:
        raise ReportError("tidak ada file params (*.yaml) di " + ", ".join(str(p) for p in paths))
    n_workers = max(1, int(jobs)) if jobs else default_jobs()

    mode = "dask" if dask_address else "local"
    outcomes: dict[str, ReportOutcome] = {}
    stopped: str | None = None
    exit_code = EXIT_OK
    prog = progress if isinstance(progress, Progress) else Progress(len(files), enabled=bool(progress), lang=lang)
    with _run_lock(out, lang), _SignalStop():
        try:
            _clean_work(out)
            todo = _plan(files, resolver, out, data, formats, force, outcomes, prog)
            todo = _ready_to_build(todo, outcomes, out, data if builder is _default_builder() else None, prog, lang)
            spec_base = {"out_dir": str(out), "data_dir": str(data) if data else None, "formats": list(formats),
                         "timeout": timeout, "kernel_name": kernel_name, "builder": builder,
                         "warm_kernels": warm_kernels}
            if todo and dask_address:
                _run_dask(todo, outcomes, spec_base, dask_address, data, out, prog)
            elif todo:
                _run_pool(todo, outcomes, spec_base, min(n_workers, len(todo)), out, prog)
        except _Stop as s:
            stopped, exit_code = s.args[0], 128 + s.signum
        except KeyboardInterrupt:  # not in the main thread: no handler of ours was installed
            stopped, exit_code = "SIGINT", 128 + signal.SIGINT
        finally:
            prog.close()
            _clean_work(out)
        reports = list(outcomes.values())
        if stopped is None and any(r.status in ("failed", "interrupted") for r in reports):
            exit_code = EXIT_FAILED
        result = BatchResult(out_dir=out, reports=reports, seconds=time.monotonic() - t_start,
                             exit_code=exit_code, mode=mode, interrupted=stopped, lang=lang)
        _write_run_files(out, result, formats, lang)
        if prog.enabled:
            prog.message(result.summary())
        return result


def _plan(files: list[Path], resolver: Resolver | None, out: Path, data: Path | None, formats: tuple[str, ...],
          force: bool, outcomes: dict[str, ReportOutcome], prog: Progress) -> list[Job]:
    """Fill `outcomes` (failed before start, skipped as up to date, or pending) and return the jobs to build."""
    plan = plan_jobs(files, resolver)
    prog.total = len(plan)  # a fan-out is many reports from one file
    cache = HashCache()
    code = code_fingerprint(cache)
    todo: list[Job] = []
    n_skip = 0
    for j in plan:
        oc = ReportOutcome(name=j.name, params=_display_path(j.params_path), status="failed",
                           notebook=j.notebook.name if j.notebook else None, group=j.group)
        outcomes[_key(j)] = oc
        if j.error:
            oc.reason = j.error
            prog.finished(j.name, "failed", 0.0, j.error)
            continue
        j.inputs = build_inputs(notebook=j.notebook, params_path=j.params_path, data_dir=data,
                                formats=formats, code=code, cache=cache)
        oc.inputs_digest = inputs_digest(j.inputs)
        stamp = None if force else up_to_date(out / j.name, j.inputs)
        if stamp is not None:
            oc.status = "skipped"
            oc.files = [{"path": f"{j.name}/{rel}", "sha256": h, "bytes": _size(out / j.name / rel)}
                        for rel, h in sorted(stamp["files"].items())]
            n_skip += 1
            continue
        oc.status = "interrupted"  # until a worker answers
        todo.append(j)
    if n_skip:
        prog.advance(n_skip)
        prog.message(run_message("skipped_up_to_date", prog.lang, n=n_skip))
    return todo


def _size(p: Path) -> int | None:
    try:
        return p.stat().st_size
    except OSError:
        return None


def _finish(job: Job, oc: ReportOutcome, res: dict, out: Path, prog: Progress) -> None:
    """Record a worker's answer; on success write the stamp, last, so only complete builds count."""
    oc.status, oc.reason, oc.seconds = res["status"], res.get("reason"), float(res.get("seconds") or 0.0)
    oc.log = res.get("log")
    oc.timings = res.get("timings") or {}
    if oc.status == "ok":
        with contextlib.suppress(OSError):
            (out / LOGS_DIR_NAME / f"{job.name}.log").unlink()  # the failure it recorded is gone
        oc.files = res.get("files") or _file_list(out / job.name, job.name)
        try:
            write_stamp(out / job.name, job.inputs or {}, {f["path"].split("/", 1)[1]: f["sha256"] for f in oc.files})
        except (OSError, ReportError) as e:
            oc.status, oc.reason = "failed", _folder_reason(e, out / job.name, prog.lang)
    prog.finished(oc.name, oc.status, oc.seconds, oc.reason)


def _key(job: Job) -> str:
    return job.name + "\0" + str(job.params_path)


def _run_pool(todo: list[Job], outcomes: dict[str, ReportOutcome], spec_base: dict, n_workers: int,
              out: Path, prog: Progress) -> None:
    broken = _pool_round(todo, outcomes, spec_base, n_workers, out, prog)
    # A worker process died (the whole worker, e.g. killed for memory — not a kernel, which the
    # builder reports itself). Every job in that pool fails with it: run each again, alone, and
    # blame only the one that still takes its worker down.
    for j in broken:
        if _pool_round([j], outcomes, spec_base, 1, out, prog):
            oc = outcomes[_key(j)]
            oc.status, oc.reason = "failed", "proses pekerja berhenti mendadak (kehabisan memori atau crash)"
            prog.finished(oc.name, oc.status, oc.seconds, oc.reason)


def _pool_round(jobs: list[Job], outcomes: dict[str, ReportOutcome], spec_base: dict, n_workers: int,
                out: Path, prog: Progress) -> list[Job]:
    """Build `jobs` in one process pool; return those lost to a broken pool."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    executor = ProcessPoolExecutor(max_workers=min(n_workers, len(jobs)), mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_init, initargs=(os.getpid(), str(out / WORK_DIR_NAME)))
    broken: list[Job] = []
    seen_procs: dict[int, Any] = {}
    last_look = 0.0
    try:
        futures = {}
        for j in jobs:
            remove_stamp(out / j.name)  # a rebuild that dies half-way must not look up to date
            spec = dict(spec_base, name=j.name, params_path=str(j.params_path), kode=j.kode)
            futures[executor.submit(run_local_job, spec)] = j
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
            prog.tick()
            if time.monotonic() - last_look > 1.0:
                last_look = time.monotonic()
                seen_procs.update((p.pid, p) for p in _pool_processes(executor))
            for f in done:
                j = futures[f]
                try:
                    res = f.result()
                except BrokenProcessPool:
                    broken.append(j)
                    continue
                except Exception as e:  # noqa: BLE001 - e.g. an unpicklable builder result
                    res = {"status": "failed", "reason": f"{type(e).__name__}: {e}", "seconds": 0.0}
                _finish(j, outcomes[_key(j)], res, out, prog)
    except BaseException:
        _terminate_pool(executor)
        raise
    executor.shutdown(wait=True)
    # A worker killed from outside cannot stop its kernel: anything seen under the workers that
    # still runs now is an orphan.
    _kill_tree([p for p in seen_procs.values() if _running(p)], grace=2.0)
    return broken


def _pool_processes(executor) -> list:
    """The pool's workers and everything under them (kernels), as psutil processes."""
    import psutil

    procs = []
    for p in list(getattr(executor, "_processes", {}).values()):
        try:
            w = psutil.Process(p.pid)
            procs.extend(w.children(recursive=True))  # listed before the worker dies and they are orphaned
            procs.append(w)
        except psutil.Error:
            pass
    return procs


def _running(p) -> bool:
    import psutil

    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE  # is_running also checks PID reuse
    except psutil.Error:
        return False


def _terminate_pool(executor) -> None:
    """Stop workers and every process under them (kernels) within a few seconds."""
    _kill_tree(_pool_processes(executor), grace=3.0)
    executor.shutdown(wait=False, cancel_futures=True)


def _blob(root: Path) -> tuple[dict[str, bytes], str]:
    """{relative path: bytes} of a folder (or one file) and the digest of its content."""
    from kbreport.batch.stamps import digest_of

    tree = HashCache().tree(root)
    base = root.parent if root.is_file() else root
    return {rel: (base / rel).read_bytes() for rel in tree}, digest_of(tree)


def _accepts(fn: Callable, kw: str) -> bool:
    import inspect

    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return kw in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


def _run_dask(todo: list[Job], outcomes: dict[str, ReportOutcome], spec_base: dict, address: str,
              data: Path | None, out: Path, prog: Progress) -> None:
    """The same jobs on a Dask cluster. Workers need kbreport installed, not our folders: params,
    data and (when the builder takes `notebooks=`) the notebooks travel with the jobs."""
    from distributed import Client, as_completed

    data_blob, data_digest = _blob(data) if data is not None else (None, None)
    nb_dirs = {j.notebook.parent for j in todo if j.notebook is not None}
    nb_blob = nb_digest = None
    if len(nb_dirs) == 1 and _accepts(spec_base["builder"], "notebooks"):
        nb_blob, nb_digest = _blob(next(iter(nb_dirs)))
    client = Client(address, timeout="30s")
    futures = {}
    try:
        data_f = client.scatter([data_blob], broadcast=True)[0] if data_blob is not None else None
        nb_f = client.scatter([nb_blob], broadcast=True)[0] if nb_blob is not None else None
        for j in todo:
            remove_stamp(out / j.name)
            spec = dict(spec_base, name=j.name, kode=j.kode, params_file=j.params_path.name,
                        params_bytes=j.params_path.read_bytes(), data_digest=data_digest,
                        data_name=data.name if data is not None else None, notebooks_digest=nb_digest,
                        params_path=None, out_dir=None, data_dir=None)
            fut = client.submit(run_remote_job, spec, data_f, nb_f, key=f"kbreport-{j.name}-{os.urandom(4).hex()}",
                                pure=False, retries=0)
            futures[fut] = j
        ac = as_completed(list(futures), with_results=False)
        remaining = len(futures)
        while remaining:
            batch = ac.next_batch(block=False) if ac.has_ready() else []
            if not batch:
                time.sleep(0.2)
                prog.tick()
                continue
            for f in batch:
                remaining -= 1
                j = futures[f]
                try:
                    res = f.result()
                except Exception as e:  # noqa: BLE001 - worker lost, unpicklable builder, …
                    res = {"status": "failed", "reason": describe_failure(e, spec_base["timeout"]), "seconds": 0.0}
                if res["status"] == "ok":
                    try:
                        install_payload(out, j.name, res.pop("payload", {}))
                        res["files"] = _file_list(out / j.name, j.name)
                    except (OSError, ReportError) as e:
                        res = {"status": "failed", "reason": f"hasil tidak dapat dipasang: {e}", "seconds": res["seconds"]}
                _finish(j, outcomes[_key(j)], res, out, prog)
    except BaseException:
        with contextlib.suppress(Exception):
            client.cancel(list(futures), force=True)
        raise
    finally:
        with contextlib.suppress(Exception):
            client.close(timeout=5)


# --- before the first write: the output folder, the data, each report's folder -----------------

INDEX_NAME = "index.html"


def _default_builder() -> Builder:
    from kbreport.build.report import build_report

    return build_report


def _prepare_output(out: Path, lang: str) -> None:
    """The output folder, made if missing, must be a writable folder (it may be a symlink: the user
    chose it), and none of the run's own names in it a symlink or the wrong kind of entry; else the
    run stops here, in one line, before anything is written."""
    make_folder(out, lang, parents=True)
    problems = [folder_problem(out, lang, follow=True)]
    problems += [folder_problem(out / name, lang) for name in (WORK_DIR_NAME, LOGS_DIR_NAME)]
    for name in (LOCK_NAME, MANIFEST_NAME, INDEX_NAME):
        if (out / name).is_symlink():
            problems.append(symlink_refusal(out / name, lang))
        elif (out / name).is_dir():
            problems.append(run_message("not_a_file", lang, path=out / name))
    first = next((p for p in problems if p), None)
    if first:
        raise ReportError(first)


def _ready_to_build(todo: list[Job], outcomes: dict[str, ReportOutcome], out: Path, check_data: Path | None,
                    prog: Progress, lang: str) -> list[Job]:
    """Before any worker starts: the data once (`check_data`; raises ReportError with the
    validation report), then each report's folder (a problem fails that report alone); each
    folder kept loses its stamp, so a rebuild that dies half-way does not look up to date."""
    if todo and check_data is not None:
        _check_data_once(check_data, lang)
    ready = []
    for j in todo:
        try:
            problem = folder_problem(out / j.name, lang)
            if problem is None:
                remove_stamp(out / j.name, lang)
        except ReportError as e:
            problem = str(e)
        if problem is None:
            ready.append(j)
            continue
        oc = outcomes[_key(j)]
        oc.status, oc.reason = "failed", problem
        prog.finished(oc.name, oc.status, 0.0, oc.reason)
    return ready


DATA_ERRORS_SHOWN = 20


def _check_data_once(data: Path, lang: str) -> None:
    """Validate the data folder here, once, instead of in every kernel; errors stop the run with the
    validation report (kbreport.text.messages' lines, the user's language). The parsed data stays cached."""
    from kbreport.ingest.dataset import load_data_cached
    from kbreport.errors import DataValidationError
    from kbreport.text.messages import format_problem

    try:
        load_data_cached(data, lang=lang)
    except DataValidationError as e:
        errors = [p for p in e.problems if p.severity == "error"]
        lines = [run_message("data_invalid", lang, folder=data, n=len(errors))]
        lines += [f"  {format_problem(p, lang)}" for p in errors[:DATA_ERRORS_SHOWN]]
        if len(errors) > DATA_ERRORS_SHOWN:
            lines.append("  " + run_message("data_more", lang, n=len(errors) - DATA_ERRORS_SHOWN))
        raise ReportError("\n".join(lines)) from None


def _folder_reason(e: BaseException, folder: Path, lang: str) -> str:
    return str(e) if isinstance(e, ReportError) else describe_os_error(e, folder, lang, folder=True)


# --- manifest ---------------------------------------------------------------------------------


def manifest_dict(result: BatchResult, formats: Sequence[str]) -> dict:
    counts: dict[str, int] = {}
    for r in result.reports:
        counts[r.status] = counts.get(r.status, 0) + 1
    return {
        "kbreport": __version__,
        "created": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "mode": result.mode,
        "formats": list(formats),
        "seconds": round(result.seconds, 3),
        "exit_code": result.exit_code,
        "interrupted": result.interrupted,
        "counts": counts,
        "reports": [r.to_json() for r in result.reports],
    }


def write_manifest(out: Path, result: BatchResult, formats: Sequence[str], lang: str = "id") -> dict:
    """manifest.json and index.html (in `lang`): this run's reports, each with its build time, then
    the entries of the previous manifest for other reports whose folder is still there ("kept")."""
    from kbreport.batch.index_page import write_index

    m = manifest_dict(result, formats)
    for r in m["reports"]:
        folder = out / r["name"]
        r["built"] = built_time(folder) if r["status"] in ("ok", "skipped") and not folder.is_symlink() else None
    kept = _kept_entries(out, _read_manifest(out), {r["name"] for r in m["reports"]})
    m["reports"] += kept
    m["kept"] = len(kept)
    write_atomic(out / MANIFEST_NAME, (json.dumps(m, indent=2, ensure_ascii=False) + "\n").encode("utf-8"), lang)
    write_index(out, m, lang)
    return m


def _write_run_files(out: Path, result: BatchResult, formats: Sequence[str], lang: str) -> None:
    """write_manifest; if the folder refuses, the run says so in one line and fails, reports kept."""
    try:
        write_manifest(out, result, formats, lang)
    except (OSError, ReportError) as e:
        result.problems.append(_folder_reason(e, out, lang))
        if result.exit_code == EXIT_OK:
            result.exit_code = EXIT_FAILED


def _read_manifest(out: Path) -> dict | None:
    try:
        m = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return m if isinstance(m, dict) else None


def _kept_entries(out: Path, previous: dict | None, now: set[str]) -> list[dict]:
    """Entries of the previous manifest for reports this run left alone whose folder is still on
    disk, marked `kept` and with their own build time; only their files still there are listed."""
    kept: list[dict] = []
    for r in (previous or {}).get("reports") or []:
        name = r.get("name") if isinstance(r, dict) else None
        if not isinstance(name, str) or name in now or safe_stem(name) != name:
            continue
        folder = out / name
        if folder.is_symlink() or not folder.is_dir():
            continue
        now.add(name)
        files = [f for f in r.get("files") or [] if isinstance(f, dict) and isinstance(f.get("path"), str)
                 and f["path"].startswith(name + "/") and (out / f["path"]).is_file()]
        built = r.get("built") or built_time(folder) or _mtime_iso(folder / "figures.json")
        kept.append(dict(r, files=files, built=built, kept=True))
    return kept


def _mtime_iso(path: Path) -> str | None:
    try:
        return _dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone().isoformat(timespec="seconds")
    except OSError:
        return None


