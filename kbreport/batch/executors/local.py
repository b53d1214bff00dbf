"""The local executor: a pool of spawned worker processes, each keeping one kernel warm across its reports.

- Workers are spawned, never forked (kernels and threads do not survive a fork), each in its own
  process group so Ctrl-C reaches only the runner, which then stops them in order.
- Each report is built in its own working folder `<out>/.work/<name>-*`; the worker's temporary
  files (and its kernels') go under `<out>/.work` too (kbreport.batch.worker.private_temp).
- Each worker keeps one kernel warm between its reports (kbreport.build.warm_kernel), unless the
  run asks for fresh kernels; a failed report discards it.
- A report's own time limit is enforced by an alarm in the worker; the kernel's and libraries'
  output goes to the report's log, kept in `<out>/.logs/<name>.log` when it fails.
- A worker that dies (killed for memory, say) breaks the pool: each job of that pool runs again
  alone, and only the one that still takes its worker down fails.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from kbreport.batch.executors.base import Executor
from kbreport.batch.folders import LOGS_DIR_NAME, WORK_DIR_NAME
from kbreport.batch.jobs import Job, JobResult, RunSettings
from kbreport.batch.worker import call_builder, file_list, kill_my_children, kill_tree, private_temp
from kbreport.errors import ReportError
from kbreport.import_guards import skip_iri_grammars
from kbreport.paths import describe_os_error, refuse_symlink

__all__ = ["LocalExecutor", "run_local_job"]

WORKER_DIED = "proses pekerja berhenti mendadak (kehabisan memori atau crash)"


# --- worker side (runs in a spawned process) -----------------------------------------------------

# The pool worker's warm kernel (kbreport.build.warm_kernel), made by its first report.
_WARM: Any = None


def _warm_kernel(settings: RunSettings, work_root: Path):
    """This worker's warm kernel, or None (a cold kernel per report) when the run asks for fresh
    kernels. Made here, started only when a builder first runs a notebook on it."""
    global _WARM
    if not settings.warm_kernels:
        return None
    from kbreport.build.warm_kernel import WarmKernel

    data = str(Path(settings.data_dir).resolve()) if settings.data_dir else None
    if _WARM is not None and (_WARM.kernel_name != settings.kernel_name or _WARM.data_dir != data):
        _WARM.shutdown()
        _WARM = None
    if _WARM is None:
        import multiprocessing.util

        _WARM = WarmKernel(settings.kernel_name, data_dir=data, cwd=work_root,
                           log_path=work_root / f"kernel-{os.getpid()}.log", data_store=settings.data_store)
        # pool workers leave through multiprocessing's exit path, which runs finalizers, not atexit
        multiprocessing.util.Finalize(_WARM, _WARM.shutdown, exitpriority=10)
    with contextlib.suppress(ReportError):  # the kernel boots while the report's params are checked;
        _WARM.launch()  # a kernel that cannot start fails the report when it is needed, with its reason
    return _WARM


def _worker_sigterm(signum, frame):  # pragma: no cover - exercised through a subprocess test
    kill_my_children(grace=1.0)
    if _WARM is not None:  # its connection file would stay in Jupyter's runtime folder
        _WARM.remove_connection_file()
    os._exit(128 + signum)


def _watch_parent(parent_pid: int) -> None:  # pragma: no cover - runs only if the parent is killed -9
    while True:
        time.sleep(0.5)
        if os.getppid() != parent_pid:
            kill_my_children(grace=1.0)
            os._exit(1)


def _worker_init(parent_pid: int, work_root: str | None = None) -> None:
    skip_iri_grammars()
    # Own process group: Ctrl-C at the terminal reaches only the parent, which then stops the
    # workers and their kernels in order instead of every process racing to die.
    with contextlib.suppress(OSError):
        os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_sigterm)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True, name="kbreport-watch-parent").start()
    if work_root:
        private_temp(Path(work_root))


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


def run_local_job(settings: RunSettings, job: Job) -> JobResult:
    """One report in a pool worker: a private working folder, the builder, the output hashes.
    A failed report keeps its log (the kernel's and libraries' output) in `<out>/.logs/<name>.log`."""
    out_dir = Path(settings.out_dir)
    name = job.name
    work_root = out_dir / WORK_DIR_NAME
    try:
        work_root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=work_root))
    except OSError as e:
        return JobResult.failed(name, describe_os_error(e, work_root, folder=True))
    log = work.with_name(work.name + ".log")
    try:
        kernel = _warm_kernel(settings, work_root)
        kernel_log_at = kernel.log_size() if kernel is not None else 0
        with _output_to(log):
            res = call_builder(settings, name, job.kode, Path(job.params_path), out_dir,
                               str(settings.data_dir) if settings.data_dir else None, work,
                               own_process=True, kernel=kernel, runtime=job.runtime)
        if res.status != "ok" and kernel is not None:
            _append_tail(kernel.log_path, kernel_log_at, log)  # what the kernel process itself said meanwhile
        if res.status != "ok" and log.is_file() and log.stat().st_size:
            res.log = _keep_log(log, out_dir, name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        with contextlib.suppress(OSError):
            log.unlink()
    if res.status == "ok":
        res.files = file_list(out_dir / name, name)
    return res


# --- the pool (in the runner's process) ----------------------------------------------------------


def _pool_processes(pool) -> list:
    """The pool's workers and everything under them (kernels), as psutil processes."""
    import psutil

    procs = []
    for p in list((getattr(pool, "_processes", None) or {}).values()):
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


def _terminate_pool(pool) -> None:
    """Stop workers and every process under them (kernels) within a few seconds."""
    kill_tree(_pool_processes(pool), grace=3.0)
    pool.shutdown(wait=False, cancel_futures=True)


class LocalExecutor(Executor):
    """Jobs on `n_workers` spawned local processes; see the module docstring."""

    mode = "local"

    def __init__(self, settings: RunSettings, n_workers: int, tick: Callable[[], None] | None = None):
        super().__init__(settings, tick)
        self.n_workers = max(1, int(n_workers))
        self._pool: Any = None

    def map(self, jobs: Sequence[Job]) -> Iterator[JobResult]:
        broken: list[Job] = []
        yield from self._round(list(jobs), self.n_workers, broken)
        # A worker process died (the whole worker, e.g. killed for memory — not a kernel, which the
        # builder reports itself). Every job in that pool fails with it: run each again, alone, and
        # blame only the one that still takes its worker down.
        for j in broken:
            again: list[Job] = []
            yield from self._round([j], 1, again)
            if again:
                yield JobResult.failed(j.name, WORKER_DIED)

    def _round(self, jobs: list[Job], n_workers: int, broken: list[Job]) -> Iterator[JobResult]:
        """Build `jobs` in one process pool; those lost to a broken pool go to `broken`."""
        import multiprocessing
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        if not jobs:
            return
        out = Path(self.settings.out_dir)
        pool = self._pool = ProcessPoolExecutor(
            max_workers=min(n_workers, len(jobs)), mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_init, initargs=(os.getpid(), str(out / WORK_DIR_NAME)))
        seen_procs: dict[int, Any] = {}
        last_look = 0.0
        try:
            futures = {pool.submit(run_local_job, self.settings, j): j for j in jobs}
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
                self.tick()
                if time.monotonic() - last_look > 1.0:
                    last_look = time.monotonic()
                    seen_procs.update((p.pid, p) for p in _pool_processes(pool))
                for f in done:
                    j = futures[f]
                    try:
                        res = f.result()
                    except BrokenProcessPool:
                        broken.append(j)
                        continue
                    except Exception as e:  # noqa: BLE001 - e.g. an unpicklable builder result
                        res = JobResult.failed(j.name, f"{type(e).__name__}: {e}")
                    yield res
        except BaseException:  # an error, a signal turned into one, or the generator closed early
            self.close()
            raise
        self._pool = None
        pool.shutdown(wait=True)
        # A worker killed from outside cannot stop its kernel: anything seen under the workers that
        # still runs now is an orphan.
        kill_tree([p for p in seen_procs.values() if _running(p)], grace=2.0)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            _terminate_pool(pool)
