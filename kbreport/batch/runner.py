"""The batch runner behind `kbreport run`: plan the reports, skip those up to date, build the rest through an executor, write the manifest.

    plan      params files found and resolved into jobs (kbreport.batch.discovery, .plan); a report
              whose params are wrong fails here, before any worker or kernel starts
    stamps    a report whose notebook, params, data and kbreport code hash the same as at its last
              successful build is skipped (kbreport.batch.stamps); `force=True` rebuilds
    checks    the data folder is validated once (kbreport's own builder; not again while OUT remembers
              the same data valid, kbreport.batch.data_check), then each report's folder:
              a symlink or an unwritable folder fails that report alone, in one line naming it; an
              output folder that cannot be written stops the run at once (kbreport.batch.folders)
    execute   one Executor (kbreport.batch.executors): the local pool with warm kernels, or a Dask
              cluster with `dask_address`; a failing report is recorded with its reason and the
              others go on; `timeout` seconds per report (the builder also gets it, per cell)
    manifest  `<out>/manifest.json` and `<out>/index.html` describe every report of the run, and
              keep the entries of earlier runs whose report folder is still there (.manifest)

Interruption: SIGINT/SIGTERM stops the run within seconds: the executor stops its workers and
kernels, working folders are removed, the manifest written. Output files only ever appear complete
(temporary name, then rename) and a report's stamp is removed before it is rebuilt and written
last, so a re-run rebuilds exactly what was not finished. Libraries' temporary files (WeasyPrint,
matplotlib, Jupyter's connection files) go under `<out>/.work` (on Dask workers, under the run's
own folder there), removed on success, failure and SIGINT/SIGTERM.

The builder and what it is called with: kbreport.batch.jobs.
"""
from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from kbreport.batch.discovery import (
    PARAMS_SUFFIXES,
    Resolver,
    default_data_dir,
    default_resolver,
    default_resolver_for,
    discover_params,
    plan_jobs,
)
from kbreport.batch.data_check import check_data as check_data_folder
from kbreport.batch.data_check import data_store
from kbreport.batch.executors.base import Executor
from kbreport.batch.executors.local import LocalExecutor
from kbreport.build.failures import describe_failure
from kbreport.batch.folders import (
    INDEX_NAME,
    LOCK_NAME,
    LOGS_DIR_NAME,
    MANIFEST_NAME,
    WORK_DIR_NAME,
    clean_work,
    folder_reason,
    prepare_output,
    run_lock,
)
from kbreport.batch.jobs import BatchResult, Builder, Job, JobResult, ReportOutcome, RunSettings
from kbreport.batch.manifest import EXIT_FAILED, EXIT_OK, manifest_dict, write_manifest, write_run_files
from kbreport.batch.previous import assign_previous
from kbreport.batch.progress import Progress
from kbreport.batch.stamps import (
    HashCache,
    build_inputs,
    code_fingerprint,
    inputs_digest,
    remove_stamp,
    up_to_date,
    write_stamp,
)
from kbreport.batch.worker import file_list
from kbreport.build.formats import ALL_FORMATS, check_formats
from kbreport.errors import ReportError
from kbreport.paths import folder_problem
from kbreport.text.messages import run_message

__all__ = [
    "run_batch", "BatchResult", "ReportOutcome", "Job", "JobResult", "RunSettings", "Builder", "Resolver",
    "discover_params", "plan_jobs", "default_resolver", "default_data_dir", "check_formats", "default_jobs",
    "describe_failure", "manifest_dict", "write_manifest", "ALL_FORMATS", "PARAMS_SUFFIXES", "EXIT_OK",
    "EXIT_FAILED", "WORK_DIR_NAME", "LOGS_DIR_NAME", "LOCK_NAME", "MANIFEST_NAME", "INDEX_NAME",
    "code_fingerprint",
]


# --- stopping on a signal ------------------------------------------------------------------------


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


# --- the run ---------------------------------------------------------------------------------------


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _default_builder() -> Builder:
    from kbreport.build.report import build_report

    return build_report


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
    prepare_output(out, lang)
    if builder is None:
        builder = _default_builder()  # light at import: papermill & co. load in the workers
        if data_dir is None:
            data_dir = default_data_dir()
        if resolver is None:
            resolver = default_resolver_for(data_dir, lang)
    data = Path(data_dir) if data_dir is not None else None
    if data is not None and not data.exists():
        raise ReportError(run_message("data_missing", lang, folder=data))
    files = discover_params(paths, lang)
    if not files:
        raise ReportError(run_message("no_params_files", lang, paths=", ".join(str(p) for p in paths)))
    n_workers = max(1, int(jobs)) if jobs else default_jobs()

    mode = "dask" if dask_address else "local"
    outcomes: dict[str, ReportOutcome] = {}
    stopped: str | None = None
    exit_code = EXIT_OK
    prog = progress if isinstance(progress, Progress) else Progress(len(files), enabled=bool(progress), lang=lang)
    with run_lock(out, lang), _SignalStop():
        try:
            clean_work(out)
            cache = HashCache()
            todo = _plan(files, resolver, out, data, formats, force, outcomes, prog, cache)
            ours = builder is _default_builder()
            local = ours and not dask_address and data is not None and data.is_dir()  # Dask workers parse their own
            store = data_store(data, out, cache) if todo and local else None
            todo = _ready_to_build(todo, outcomes, out, data if ours else None, prog, lang, cache, store)
            if todo:
                settings = RunSettings(builder=builder, out_dir=out, data_dir=data, formats=formats, timeout=timeout,
                                       kernel_name=kernel_name, warm_kernels=warm_kernels, lang=lang,
                                       data_store=store)
                _execute(_executor(settings, dask_address, min(n_workers, len(todo)), prog), todo, outcomes, out,
                         prog)
        except _Stop as s:
            stopped, exit_code = s.args[0], 128 + s.signum
        except KeyboardInterrupt:  # not in the main thread: no handler of ours was installed
            stopped, exit_code = "SIGINT", 128 + signal.SIGINT
        finally:
            prog.close()
            clean_work(out)
        reports = list(outcomes.values())
        if stopped is None and any(r.status in ("failed", "interrupted") for r in reports):
            exit_code = EXIT_FAILED
        result = BatchResult(out_dir=out, reports=reports, seconds=time.monotonic() - t_start,
                             exit_code=exit_code, mode=mode, interrupted=stopped, lang=lang)
        write_run_files(out, result, formats, lang)
        if prog.enabled:
            prog.message(result.summary())
        return result


def _executor(settings: RunSettings, dask_address: str | None, n_workers: int, prog: Progress) -> Executor:
    if dask_address:
        from kbreport.batch.executors.dask import DaskExecutor  # here: importing distributed takes ~0.7 s

        return DaskExecutor(settings, dask_address, tick=prog.tick)
    return LocalExecutor(settings, n_workers, tick=prog.tick)


def _execute(executor: Executor, todo: list[Job], outcomes: dict[str, ReportOutcome], out: Path,
             prog: Progress) -> None:
    """Every job through `executor`; each result recorded as it comes (names are unique among `todo`)."""
    by_name = {j.name: j for j in todo}
    with executor:
        for res in executor.map(todo):
            job = by_name[res.name]
            _finish(job, outcomes[_key(job)], res, out, prog)


def _key(job: Job) -> str:
    return job.name + "\0" + str(job.params_path)


def _plan(files: list[Path], resolver: Resolver | None, out: Path, data: Path | None, formats: tuple[str, ...],
          force: bool, outcomes: dict[str, ReportOutcome], prog: Progress, cache: HashCache) -> list[Job]:
    """Fill `outcomes` (failed before start, skipped as up to date, or pending) and return the jobs to build."""
    plan = plan_jobs(files, resolver, prog.lang)
    assign_previous(plan)  # an event's previous event of its kind for its region, when the run holds it
    prog.total = len(plan)  # a fan-out is many reports from one file
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
                                formats=formats, code=code, cache=cache, runtime=j.runtime)
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


def _finish(job: Job, oc: ReportOutcome, res: JobResult, out: Path, prog: Progress) -> None:
    """Record a worker's answer; on success write the stamp, last, so only complete builds count."""
    oc.status, oc.reason, oc.seconds = res.status, res.reason, float(res.seconds or 0.0)
    oc.log = res.log
    oc.timings = res.timings or {}
    if oc.status == "ok":
        with contextlib.suppress(OSError):
            (out / LOGS_DIR_NAME / f"{job.name}.log").unlink()  # the failure it recorded is gone
        oc.files = res.files or file_list(out / job.name, job.name)
        try:
            write_stamp(out / job.name, job.inputs or {}, {f["path"].split("/", 1)[1]: f["sha256"] for f in oc.files})
        except (OSError, ReportError) as e:
            oc.status, oc.reason = "failed", folder_reason(e, out / job.name, prog.lang)
    prog.finished(oc.name, oc.status, oc.seconds, oc.reason)


# --- before the first worker: the data, each report's folder -------------------------------------


def _ready_to_build(todo: list[Job], outcomes: dict[str, ReportOutcome], out: Path, check_data: Path | None,
                    prog: Progress, lang: str, cache: HashCache | None = None,
                    store: tuple[str, str] | None = None) -> list[Job]:
    """Before any worker starts: the data once (`check_data`, kbreport.batch.data_check: raises ReportError
    with the validation report; skipped while OUT remembers the same data valid), then each report's
    folder (a problem fails that report alone); each folder kept loses its stamp, so a rebuild that
    dies half-way does not look up to date."""
    if todo and check_data is not None:
        check_data_folder(check_data, out, lang, cache, store)
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
