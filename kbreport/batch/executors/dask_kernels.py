"""Warm kernels on Dask workers: a `distributed` WorkerPlugin keeping one kernel per worker thread, shut down when the plugin closes.

The local pool keeps one kernel warm per worker process (kbreport.build.warm_kernel); without this a
Dask task starts a kernel per report (≈ 2 s of imports and 1.5 s of data parsing each). The Dask
executor registers one plugin per run (`kbreport-warm-<run id>`) before it submits any job, and
unregisters it when the run ends, however it ends: `teardown` shuts every kernel of the plugin down
on every worker. A task asks the plugin of its run for the kernel of its thread (`kernel_for`); the
kernel is started by the task's first report, with the task's temporary folders (the run's folder on
that worker), and reset before every report as in the local pool. A failed report discards its
kernel (kbreport.batch.worker.call_builder), the next one gets a fresh one.

    client.register_plugin(WarmKernelPlugin("abc123"), name=plugin_name("abc123"))
    ...
    client.unregister_worker_plugin(plugin_name("abc123"))   # kernels shut down on every worker
"""
from __future__ import annotations

import contextlib
import threading
from typing import Any

try:  # a plain base class when distributed is absent: the local pool never imports this module
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover
    WorkerPlugin = object  # type: ignore[assignment,misc]

__all__ = ["WarmKernelPlugin", "plugin_name", "kernel_for"]


def plugin_name(run_id: str) -> str:
    """The name under which run `run_id`'s plugin is registered on every worker."""
    return f"kbreport-warm-{run_id}"


class WarmKernelPlugin(WorkerPlugin):
    """One kbreport.build.warm_kernel.WarmKernel per worker thread, for the tasks of one run.
    Picklable (it travels to the workers); the kernels exist only on the worker side."""

    def __init__(self, run_id: str, kernel_name: str = "python3", max_reports: int = 50):
        self.run_id = run_id
        self.kernel_name = kernel_name
        self.max_reports = max_reports
        self._kernels: dict[int, Any] = {}
        self._lock = threading.Lock()
        self.closed = False

    def __getstate__(self) -> dict:
        return {"run_id": self.run_id, "kernel_name": self.kernel_name, "max_reports": self.max_reports}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    def setup(self, worker=None) -> None:
        self.closed = False

    def kernel(self, data_dir: str | None, cwd) -> Any:
        """The calling thread's kernel, warmed with `data_dir` (a new one when the data folder changed)."""
        from pathlib import Path

        from kbreport.build.warm_kernel import WarmKernel

        data = str(Path(data_dir).resolve()) if data_dir is not None else None
        tid = threading.get_ident()
        with self._lock:
            if self.closed:
                return None
            wk = self._kernels.get(tid)
        if wk is not None and (wk.data_dir != data or wk.kernel_name != self.kernel_name):
            wk.shutdown()
            wk = None
        if wk is None:
            wk = WarmKernel(self.kernel_name, data_dir=data, max_reports=self.max_reports, cwd=cwd)
            with self._lock:
                if self.closed:
                    return None
                self._kernels[tid] = wk
        return wk

    def kernels(self) -> list:
        with self._lock:
            return list(self._kernels.values())

    def teardown(self, worker=None) -> None:
        """Shut every kernel down (in a thread of its own: this may run in the worker's event loop)."""
        with self._lock:
            self.closed = True
            kernels, self._kernels = list(self._kernels.values()), {}
        if not kernels:
            return

        def _stop():
            for wk in kernels:
                pid = wk.pid
                try:
                    wk.shutdown()
                except Exception:  # noqa: BLE001 - then by its pid, still our child
                    if pid is not None:
                        with contextlib.suppress(Exception):
                            import psutil

                            psutil.Process(pid).kill()

        t = threading.Thread(target=_stop, name="kbreport-warm-teardown", daemon=True)
        t.start()
        t.join(30)


def kernel_for(name: str | None, data_dir: str | None, cwd) -> Any:
    """In a Dask task: the warm kernel of this thread from plugin `name`, or None (no plugin, not on a
    worker, or the run is ending: the report then starts a kernel of its own)."""
    if not name:
        return None
    try:
        from distributed import get_worker

        plugin = get_worker().plugins.get(name)
    except (ImportError, ValueError):
        return None
    if plugin is None or not hasattr(plugin, "kernel"):
        return None
    return plugin.kernel(data_dir, cwd)
