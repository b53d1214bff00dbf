"""The Dask executor: the same jobs on a `distributed` cluster, inputs shipped as bytes, outputs brought back and installed here.

Workers need kbreport installed, not our folders: each job carries its params file; the data
folder and (when every job's notebook sits in one folder) the notebooks are scattered once to
every worker. On a worker, a run keeps everything it writes under one folder,
`<worker temp>/kbreport-run-<id>/` — the shipped inputs, each job's params, outputs and working
folder, and the temporary files of the libraries (TMPDIR, tempfile, Jupyter's runtime folder,
MPLCONFIGDIR when matplotlib's own is not writable: kbreport.batch.worker.job_temp) — removed
from every worker when the run ends, however it ends. Output files come back as bytes and are
installed in the output folder atomically. Each worker thread keeps one kernel warm across the
run's reports (kbreport.batch.executors.dask_kernels: a WorkerPlugin registered for the run and
unregistered when it ends, which shuts the kernels down); with `warm_kernels` off, a new kernel per
report. Errors come back as a JobResult's reason, never as a
pickled exception.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kbreport.batch.executors.base import Executor
from kbreport.batch.executors.dask_kernels import WarmKernelPlugin, kernel_for, plugin_name
from kbreport.build.failures import describe_failure
from kbreport.batch.folders import WORK_DIR_NAME
from kbreport.batch.jobs import Job, JobResult, RunSettings
from kbreport.batch.stamps import STAMP_NAME, HashCache, digest_of
from kbreport.batch.worker import call_builder, file_list, job_temp, temp_base
from kbreport.errors import ReportError
from kbreport.paths import describe_os_error, refuse_symlink, safe_join

__all__ = ["DaskExecutor", "RemoteJob", "run_remote_job", "run_folder", "remove_run_folder", "install_payload"]


@dataclass(frozen=True)
class RemoteJob:
    """One job as it travels to a Dask worker: the params file as bytes, the shared inputs by digest."""

    name: str
    kode: str | None
    params_file: str  # the file's own name (a report may print it)
    params_bytes: bytes
    run_id: str
    data_name: str | None = None  # the data folder's own name (a report may print it as the source)
    data_digest: str | None = None
    notebooks_digest: str | None = None
    plugin: str | None = None  # the run's WarmKernelPlugin on the workers (None: a new kernel per report)
    runtime: dict | None = None  # Job.runtime


# --- worker side (runs on a Dask worker) ---------------------------------------------------------


def run_folder(run_id: str) -> Path:
    """Where run `run_id` keeps everything it writes on this worker."""
    return Path(temp_base()) / f"kbreport-run-{run_id}"


# Runs that ended while a task of theirs may still run here (Dask cannot stop a running task):
# that task removes the run's folder again when it ends, in case it made parts of it anew.
_ENDED_RUNS: set[str] = set()


def remove_run_folder(run_id: str) -> None:
    """Run on every worker when the run ends (Client.run, in the worker's own process)."""
    _ENDED_RUNS.add(run_id)
    shutil.rmtree(run_folder(run_id), ignore_errors=True)


def _materialise(blob: dict[str, bytes] | None, digest: str | None, name: str, root: Path) -> str | None:
    """Shipped files as the folder `<root>/in-<digest>/<name>`, written once per content digest (the
    folder keeps its original name: a report may print it as the data source)."""
    if blob is None:
        return None
    base = root / f"in-{(digest or 'x')[:20]}"
    if (base / name).is_dir():
        return str(base / name)
    stage = Path(tempfile.mkdtemp(prefix=base.name + "-", dir=root))
    for rel, data in blob.items():
        dst = safe_join(stage / name, *rel.split("/"))
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(data)
    try:
        os.rename(stage, base)
    except OSError:  # another task on this worker got there first
        shutil.rmtree(stage, ignore_errors=True)
    return str(base / name)


def run_remote_job(settings: RunSettings, job: RemoteJob, data_blob: dict[str, bytes] | None = None,
                   notebooks_blob: dict[str, bytes] | None = None) -> JobResult:
    """One report on a Dask worker: inputs arrive as bytes, outputs go back as bytes (the result's
    `payload`). Nothing is written to the client's folders from here (the worker may be another
    machine), and nothing but data goes back: every failure is the result's reason."""
    try:
        root = run_folder(job.run_id)
        root.mkdir(parents=True, exist_ok=True)
        with job_temp(root / f"proc-{os.getpid()}"):  # per process: workers of one machine share `root`
            data_dir = _materialise(data_blob, job.data_digest, job.data_name or "data", root)
            notebooks = _materialise(notebooks_blob, job.notebooks_digest, "notebooks", root)
            tmp = Path(tempfile.mkdtemp(prefix=f"job-{job.name}-", dir=root))
            try:
                params_path = tmp / "params" / job.params_file
                params_path.parent.mkdir(parents=True)
                params_path.write_bytes(job.params_bytes)
                out_dir, work = tmp / "out", tmp / "work"
                out_dir.mkdir()
                work.mkdir()
                kernel = kernel_for(job.plugin, data_dir, root)
                res = call_builder(settings, job.name, job.kode, params_path, out_dir, data_dir, work,
                                   own_process=False, notebooks=notebooks, kernel=kernel, runtime=job.runtime)
                if res.status == "ok":
                    rep = out_dir / job.name
                    res.payload = {p.relative_to(rep).as_posix(): p.read_bytes() for p in sorted(rep.rglob("*"))
                                   if p.is_file() and p.name != STAMP_NAME}
                return res
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    except Exception as e:  # noqa: BLE001 - a reason, not a pickled exception
        return JobResult.failed(job.name, describe_failure(e, settings.timeout, settings.lang))
    finally:
        if job.run_id in _ENDED_RUNS:
            shutil.rmtree(run_folder(job.run_id), ignore_errors=True)


# --- installing a folder atomically (client side) ------------------------------------------------


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
    """A worker's output files as `out_dir/<name>/`, replacing the old folder in one rename."""
    work_root = out_dir / WORK_DIR_NAME
    work_root.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=work_root))
    try:
        new = stage / name
        new.mkdir()
        for rel, data in payload.items():
            dst = safe_join(new, *rel.split("/"))
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


# --- the client ----------------------------------------------------------------------------------


def _blob(root: Path) -> tuple[dict[str, bytes], str]:
    """{relative path: bytes} of a folder (or one file) and the digest of its content."""
    tree = HashCache().tree(root)
    base = root.parent if root.is_file() else root
    return {rel: (base / rel).read_bytes() for rel in tree}, digest_of(tree)


class DaskExecutor(Executor):
    """Jobs on the Dask scheduler at `address`; see the module docstring."""

    mode = "dask"

    def __init__(self, settings: RunSettings, address: str, tick: Callable[[], None] | None = None):
        super().__init__(settings, tick)
        self.address = address
        self.run_id = os.urandom(6).hex()
        self._client: Any = None
        self._futures: list = []
        self._plugin: str | None = None

    def map(self, jobs: Sequence[Job]) -> Iterator[JobResult]:
        from distributed import Client, as_completed

        jobs = list(jobs)
        if not jobs:
            return
        s = self.settings
        out = Path(s.out_dir)
        data = Path(s.data_dir) if s.data_dir is not None else None
        data_blob, data_digest = _blob(data) if data is not None else (None, None)
        nb_dirs = {j.notebook.parent for j in jobs if j.notebook is not None}
        nb_blob = nb_digest = None
        if len(nb_dirs) == 1:
            nb_blob, nb_digest = _blob(next(iter(nb_dirs)))
        try:
            client = self._client = Client(self.address, timeout="30s")
            plugin = None
            if s.warm_kernels:
                plugin = plugin_name(self.run_id)
                client.register_plugin(WarmKernelPlugin(self.run_id, s.kernel_name), name=plugin)
                self._plugin = plugin
            data_f = client.scatter([data_blob], broadcast=True)[0] if data_blob is not None else None
            nb_f = client.scatter([nb_blob], broadcast=True)[0] if nb_blob is not None else None
            futures = {}
            for j in jobs:
                rj = RemoteJob(name=j.name, kode=j.kode, params_file=j.params_path.name,
                               params_bytes=j.params_path.read_bytes(), run_id=self.run_id,
                               data_name=data.name if data is not None else None, data_digest=data_digest,
                               notebooks_digest=nb_digest, plugin=plugin, runtime=j.runtime)
                fut = client.submit(run_remote_job, s, rj, data_f, nb_f, key=f"kbreport-{j.name}-{os.urandom(4).hex()}",
                                    pure=False, retries=0)
                futures[fut] = j
            self._futures = list(futures)
            ac = as_completed(list(futures), with_results=False)
            remaining = len(futures)
            while remaining:
                batch = ac.next_batch(block=False) if ac.has_ready() else []
                if not batch:
                    time.sleep(0.2)
                    self.tick()
                    continue
                for f in batch:
                    remaining -= 1
                    yield self._installed(futures[f], f, out)
            self._futures = []
        except BaseException:
            self.close()
            raise

    def _installed(self, job: Job, fut, out: Path) -> JobResult:
        """The worker's answer with its files installed in the output folder (payload dropped)."""
        try:
            res = fut.result()
        except Exception as e:  # noqa: BLE001 - worker lost, unpicklable builder, …
            return JobResult.failed(job.name, describe_failure(e, self.settings.timeout, self.settings.lang))
        if res.status == "ok":
            try:
                install_payload(out, job.name, res.payload or {})
                res.files = file_list(out / job.name, job.name)
            except (OSError, ReportError) as e:
                res = JobResult.failed(job.name, f"hasil tidak dapat dipasang: {e}", res.seconds)
        res.payload = None
        return res

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        futures, self._futures = self._futures, []
        with contextlib.suppress(Exception):
            if futures:
                client.cancel(futures, force=True)
        plugin, self._plugin = self._plugin, None
        if plugin is not None:
            with contextlib.suppress(Exception):
                client.unregister_worker_plugin(plugin)  # teardown on every worker: its kernels shut down
        with contextlib.suppress(Exception):
            client.run(remove_run_folder, self.run_id)  # every worker: the run's inputs and temp folders
        with contextlib.suppress(Exception):
            client.close(timeout=5)
