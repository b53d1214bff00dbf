"""What runs one job inside a worker, local or Dask: the builder call, its time limit, the processes it leaves, its temporary folders.

Both executors (kbreport.batch.executors) call `call_builder`; it turns whatever happens into a
JobResult (plain data), so nothing but data ever crosses back to the runner.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from kbreport.build.failures import describe_failure
from kbreport.batch.jobs import JobResult, RunSettings
from kbreport.batch.stamps import output_hashes
from kbreport.errors import ReportTimeout

__all__ = ["TIMEOUT_GRACE", "call_builder", "file_list", "kill_tree", "kill_my_children", "private_temp",
           "job_temp", "temp_base"]

# Extra seconds after `timeout` before the worker's own alarm fires: when one cell hangs, the
# builder's per-cell timeout (which names the cell) should win.
TIMEOUT_GRACE = 5.0


# --- processes ---------------------------------------------------------------------------------


def kill_tree(procs, grace: float) -> None:
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


def kill_my_children(grace: float = 2.0, keep: int | None = None) -> None:
    """Kernels are started in their own session (jupyter_client), so a process-group kill would
    miss them; they are still our children, though. `keep`: a pid spared (the worker's warm
    kernel; processes a report started under it are not spared)."""
    try:
        import psutil

        kill_tree([p for p in psutil.Process().children(recursive=True) if p.pid != keep], grace)
    except Exception:  # never let cleanup hide the real outcome
        pass


# --- the builder -------------------------------------------------------------------------------


def _on_alarm(signum, frame):
    raise ReportTimeout("seluruh laporan melewati batas waktunya")


def call_builder(settings: RunSettings, name: str, kode: str | None, params_path: Path, out_dir: Path,
                 data_dir: str | None, work_dir: Path, *, own_process: bool, notebooks: str | None = None,
                 kernel: Any = None, runtime: dict | None = None) -> JobResult:
    """Build report `name` with `settings.builder` (every keyword of build_report passed, see
    kbreport.batch.jobs); every failure becomes the result's reason.

    `own_process`: this process runs one report at a time (pool worker), so it may arm an alarm
    and kill every child it has afterwards (but a healthy warm `kernel`); a Dask worker shares its
    process between tasks."""
    timeout = settings.timeout
    t0 = time.monotonic()
    armed = False
    timings: dict[str, float] = {}
    status = "failed"
    if own_process and timeout and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, float(timeout) + TIMEOUT_GRACE)
        armed = True
    try:
        res = settings.builder(
            params_path,
            out_dir,
            data_dir=data_dir,
            formats=settings.formats,
            timeout=timeout,
            kernel_name=settings.kernel_name,
            work_dir=work_dir,
            notebooks=notebooks,
            kernel=kernel,
            kode=kode,
            name=name,
            lang=settings.lang,
            runtime=runtime,
        )
        status, reason = res.status, (str(res.reason) if res.reason else None)
        timings = {str(k): float(v) for k, v in (res.timings or {}).items() if isinstance(v, (int, float))}
        if status not in ("ok", "failed"):
            status, reason = "failed", f"builder mengembalikan status tidak dikenal {status!r}"
    except Exception as e:  # noqa: BLE001 - every failure becomes a recorded reason
        status, reason = "failed", describe_failure(e, timeout, settings.lang)
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if kernel is not None and status != "ok":
            kernel.discard()  # its state after a failure is unknown: the next report gets a new one
        if own_process:  # a kernel that outlived its report must not outlive the worker
            kill_my_children(keep=kernel.pid if kernel is not None and kernel.km is not None else None)
    if status == "ok" and not (out_dir / name).is_dir():
        status, reason = "failed", f"builder melaporkan berhasil tetapi {out_dir / name} tidak ada"
    return JobResult(name=name, status=status, reason=reason, seconds=time.monotonic() - t0, timings=timings)


def file_list(report_dir: Path, name: str) -> list[dict]:
    """The files of a built report, as the manifest lists them."""
    hashes = output_hashes(report_dir)
    return [
        {"path": f"{name}/{rel}", "sha256": h, "bytes": (report_dir / rel).stat().st_size}
        for rel, h in sorted(hashes.items())
    ]


# --- temporary folders -------------------------------------------------------------------------


def _matplotlib_dirs_writable() -> bool:
    """Whether matplotlib can use its own config and cache folders (else it makes a temporary one)."""
    home = Path.home()
    for var, default in (("XDG_CONFIG_HOME", home / ".config"), ("XDG_CACHE_HOME", home / ".cache")):
        folder = Path(os.environ.get(var) or default) / "matplotlib"
        probe = next((q for q in (folder, *folder.parents) if q.exists()), None)
        if probe is None or not os.access(probe, os.W_OK):
            return False
    return True


def _temp_env(root: Path) -> dict[str, str] | None:
    """The variables that send this process's temporary files, and those of the kernels it starts
    (WeasyPrint's fonts, Jupyter's connection files, matplotlib's fallback config), under `root`;
    None when `root` cannot be made (the system's temp folder, then)."""
    root = Path(os.path.abspath(root))  # kernels run in other folders
    tmp, runtime = root / "tmp", root / "jupyter-runtime"
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        runtime.mkdir(exist_ok=True)
    except OSError:
        return None
    env = {var: str(tmp) for var in ("TMPDIR", "TEMP", "TMP")}
    env["JUPYTER_RUNTIME_DIR"] = str(runtime)
    if "MPLCONFIGDIR" not in os.environ and not _matplotlib_dirs_writable():
        env["MPLCONFIGDIR"] = str(root / "matplotlib")  # one for the run, not one temp folder per kernel
    return env


def private_temp(work_root: Path) -> None:
    """For the rest of this process (a local pool worker): temporary files under `work_root`,
    which the run removes however it ends — a killed worker cannot clean up after its libraries."""
    env = _temp_env(work_root)
    if env is None:
        return  # the report itself says what is wrong with the folder
    os.environ.update(env)
    tempfile.tempdir = None  # recomputed from TMPDIR


_JOB_TEMP_LOCK = threading.Lock()
_JOB_TEMP: dict[str, Any] = {"users": 0, "root": None, "saved_env": None, "saved_tempdir": None, "base": None}


def temp_base() -> str:
    """This process's temporary folder as it was before any `job_temp` redirected it."""
    with _JOB_TEMP_LOCK:
        return _JOB_TEMP["base"] if _JOB_TEMP["users"] else tempfile.gettempdir()


@contextlib.contextmanager
def job_temp(root: Path):
    """For one job in a process that also runs others (a Dask worker): temporary files under
    `root` while it runs; after the last concurrent job, the environment as it was and `root/tmp`
    removed. The environment is process-wide, so jobs running side by side share the first one's
    folder."""
    with _JOB_TEMP_LOCK:
        if _JOB_TEMP["users"] == 0:
            base = tempfile.gettempdir()
            env = _temp_env(root)
            if env is not None:
                _JOB_TEMP.update(root=Path(os.path.abspath(root)), base=base, saved_tempdir=tempfile.tempdir,
                                 saved_env={k: os.environ.get(k) for k in env})
                os.environ.update(env)
                tempfile.tempdir = env["TMPDIR"]
            else:
                _JOB_TEMP.update(root=None, base=base, saved_tempdir=tempfile.tempdir, saved_env={})
        _JOB_TEMP["users"] += 1
    try:
        yield
    finally:
        with _JOB_TEMP_LOCK:
            _JOB_TEMP["users"] -= 1
            if _JOB_TEMP["users"] == 0:
                for k, v in (_JOB_TEMP["saved_env"] or {}).items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
                tempfile.tempdir = _JOB_TEMP["saved_tempdir"]
                if _JOB_TEMP["root"] is not None:
                    shutil.rmtree(_JOB_TEMP["root"] / "tmp", ignore_errors=True)
                _JOB_TEMP.update(root=None, saved_env=None, saved_tempdir=None, base=None)
