"""A kernel kept warm across one batch worker's reports: the worker side (inside it: kbreport.build.in_kernel).

Starting a kernel and importing pandas, matplotlib and kbreport costs about 2 s, and parsing the
data another 1.5 s: more than building most briefings. So a batch worker keeps one kernel,
started once with kbreport imported and the run's data parsed, and before each report puts back
what a fresh kernel would show the notebook:

- an empty namespace and execution count 1 (IPython's reset; imported modules stay loaded);
- the report's own working folder as the current directory;
- matplotlib's rcParams, no open figures, the warnings filters, os.environ and sys.path as they
  were right after warm-up, and pandas' default options.

The reports share only read-only inputs: loaded modules, and the parsed data. The data comes from
`kbreport.ingest.dataset.load_data_cached` as copy-on-write copies, so a report that changes its tables
changes only its own copy. A kernel that fails a report (a cell that raises, a timeout, a dead
kernel) is shut down, and the next report gets a fresh one. So is a kernel that has built
`max_reports` reports, to bound its memory.

    wk = WarmKernel(data_dir="data/demo")
    build_report("params/wilayah/17-bengkulu.yaml", "outputs", kernel=wk)
    wk.shutdown()

Papermill drives the kernel through the engine registered here (`ENGINE_NAME`): papermill's own
nbclient engine, given this kernel's manager and client instead of starting a new one.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kbreport.errors import ReportError, ReportTimeout

__all__ = ["WarmKernel", "WarmKernelError", "ENGINE_NAME", "execute_notebook"]

ENGINE_NAME = "kbreport-warm"
# Kernels that run side by side must not share IPython's sqlite history file (nbclient does the same).
_KERNEL_ARGS = ["--HistoryManager.hist_file=:memory:"]
_WARM_UP_TIMEOUT = 300  # seconds: imports and the parse of the data folder


class WarmKernelError(ReportError):
    """The warm kernel could not be started or reset."""


# --- worker side ----------------------------------------------------------------------------------


def _run_sync(fn):
    from jupyter_core.utils import run_sync  # the event loop nbclient uses in this thread

    return run_sync(fn)


class WarmKernel:
    """One kernel reused by consecutive reports (see the module docstring). Not thread-safe: one
    per worker process or thread.

    `data_dir`: data to parse at warm-up; `data_store`: (folder, key) where a parse of it is kept
    between processes (kbreport.ingest.dataset_store), or None. `log_path`: file receiving the kernel process's own
    stdout/stderr (not the notebook's outputs); None discards it. `cwd`: where the kernel idles
    between reports.
    """

    def __init__(self, kernel_name: str = "python3", data_dir: str | os.PathLike | None = None,
                 max_reports: int = 50, startup_timeout: float = 60, log_path: str | os.PathLike | None = None,
                 cwd: str | os.PathLike | None = None, data_store: tuple[str, str] | None = None):
        self.kernel_name = kernel_name
        self.data_dir = str(Path(data_dir).resolve()) if data_dir is not None else None
        # absolute, not resolved: a link at the store's name must stay visible to the store, which refuses it
        self.data_store = (os.path.abspath(data_store[0]), str(data_store[1])) if data_store else None
        self.max_reports = max(1, int(max_reports))
        self.startup_timeout = startup_timeout
        self.log_path = Path(log_path) if log_path is not None else None
        self.cwd = str(Path(cwd).resolve()) if cwd is not None else None
        self.km: Any = None
        self.kc: Any = None
        self.reports = 0  # reports run by the current kernel
        self.starts = 0  # kernels started so far

    # -- state

    @property
    def pid(self) -> int | None:
        prov = getattr(self.km, "provisioner", None)
        return getattr(prov, "pid", None) if prov is not None else None

    def is_alive(self) -> bool:
        if self.km is None:
            return False
        try:
            return bool(_run_sync(self.km.is_alive)())
        except ReportTimeout:
            raise
        except Exception:  # noqa: BLE001
            return False

    def log_size(self) -> int:
        try:
            return self.log_path.stat().st_size if self.log_path else 0
        except OSError:
            return 0

    # -- lifecycle

    def _warm_up_code(self) -> str:
        return (f"import kbreport.build.in_kernel as _kbk; _kbk.warm_up({self.data_dir!r}, {self.data_store!r}); "
                "del _kbk")

    def launch(self) -> None:
        """Start the kernel process and return without waiting for it: it warms up (imports, the data)
        at its own startup, so the caller can check a report's params meanwhile; start() then waits.
        Does nothing while a kernel is running or launched."""
        if self.km is not None:
            return
        from jupyter_client.manager import AsyncKernelManager

        km = self.km = AsyncKernelManager(kernel_name=self.kernel_name)  # set first: shutdown() cleans up a half start
        # IPython runs exec_lines before the kernel answers; an error there is only printed (in the log),
        # and start() runs the warm-up again where an error counts.
        kwargs: dict[str, Any] = {"extra_arguments": [*_KERNEL_ARGS,
                                                      f"--IPKernelApp.exec_lines={[self._warm_up_code()]!r}"]}
        if self.cwd:
            kwargs["cwd"] = self.cwd
        log = open(self.log_path, "ab") if self.log_path else open(os.devnull, "wb")  # noqa: SIM115
        try:
            kwargs.update(stdout=log, stderr=log)
            _run_sync(km.start_kernel)(**kwargs)
        except ReportTimeout:
            self.shutdown()
            raise
        except Exception as e:
            self.shutdown()
            raise WarmKernelError(f"kernel {self.kernel_name!r} tidak dapat dijalankan: {e}") from e
        finally:
            log.close()  # the kernel holds its own copy of the descriptor

    def start(self) -> None:
        """A warm kernel, ready: the one launch() started, else a new one."""
        if self.kc is not None or not self.is_alive():  # a kernel in use, none, or a dead one: a new one
            self.shutdown()
            self.launch()
        km = self.km

        async def _connect():
            kc = km.client()
            kc.start_channels()
            # the warm-up runs before the kernel answers: the parse of a large export takes a while
            await kc.wait_for_ready(timeout=self.startup_timeout + _WARM_UP_TIMEOUT)
            return kc

        try:
            self.kc = _run_sync(_connect)()
            self.kc.allow_stdin = False
            self.starts += 1
            self.reports = 0
            self._run(self._warm_up_code(), timeout=_WARM_UP_TIMEOUT)  # at once when the startup's went well
        except BaseException:
            self.shutdown()
            raise

    def _run(self, code: str, timeout: float = 300) -> None:
        try:
            reply = _run_sync(self.kc.execute_interactive)(code, silent=True, store_history=False,
                                                           allow_stdin=False, timeout=timeout,
                                                           output_hook=lambda msg: None)
        except ReportTimeout:  # the report's own time is up: not the kernel's fault, no retry
            raise
        except Exception as e:  # noqa: BLE001 - the kernel did not answer in time, or died
            raise WarmKernelError(f"kernel tidak menjawab: {type(e).__name__}: {e}") from e
        content = reply.get("content", {})
        if content.get("status") != "ok":
            raise WarmKernelError(f"kernel gagal disiapkan: {content.get('ename')}: {content.get('evalue')}")

    def prepare(self, cwd: str | os.PathLike) -> None:
        """Make the kernel ready for one report run in `cwd` (starting a new one when needed)."""
        if self.kc is None or self.reports >= self.max_reports or not self.is_alive():
            self.start()
        code = f"__import__('kbreport.build.in_kernel').build.in_kernel.reset({str(Path(cwd).resolve())!r})"
        try:
            self._run(code, timeout=60)
        except WarmKernelError:
            self.start()  # once more, on a fresh kernel
            self._run(code, timeout=60)
        self.reports += 1

    def remove_connection_file(self) -> None:
        """Best effort, for a worker about to exit without shutting the kernel down politely."""
        path = getattr(self.km, "connection_file", None)
        if path:
            try:
                os.unlink(path)
            except OSError:
                pass

    def discard(self) -> None:
        """After a failed report: the kernel's state is unknown, so the next report gets a new one."""
        self.shutdown()

    def shutdown(self) -> None:
        kc, km, self.kc, self.km = self.kc, self.km, None, None
        if kc is not None:
            try:
                kc.stop_channels()
            except Exception:  # noqa: BLE001
                pass
        if km is not None:
            try:
                _run_sync(km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 - a kernel already gone
                pass
            try:
                _run_sync(km.cleanup_resources)()
            except Exception:  # noqa: BLE001
                pass

    def __enter__(self) -> WarmKernel:
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()

    def __del__(self) -> None:  # pragma: no cover - best effort
        if self.km is not None:
            try:
                self.shutdown()
            except Exception:  # noqa: BLE001
                pass


# --- papermill engine ------------------------------------------------------------------------------


def _register_engine() -> None:
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger

    class WarmKernelEngine(NBClientEngine):
        """Papermill's nbclient engine on an already running kernel (`warm_kernel=`), which it leaves running."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                     start_timeout=60, execution_timeout=None, warm_kernel=None, **kwargs):
            if warm_kernel is None or warm_kernel.kc is None:
                raise WarmKernelError("engine kbreport-warm membutuhkan warm_kernel yang sudah disiapkan")
            kwargs.pop("input_path", None)
            kwargs.pop("cwd", None)
            client = PapermillNotebookClient(
                nb_man, km=warm_kernel.km, timeout=execution_timeout, startup_timeout=start_timeout,
                kernel_name=kernel_name, log=logger, log_output=log_output, stdout_file=stdout_file,
                stderr_file=stderr_file, **kwargs,
            )
            client.kc = warm_kernel.kc  # nbclient starts no client (and so stops none) when it has one
            return client.execute()

    if ENGINE_NAME not in papermill_engines._engines:
        papermill_engines.register(ENGINE_NAME, WarmKernelEngine)


def execute_notebook(kernel: WarmKernel, input_path: str, output_path: str, cwd: str | os.PathLike, **kwargs):
    """papermill.execute_notebook on the warm kernel, run in `cwd`; a failure discards the kernel."""
    import papermill

    _register_engine()
    try:
        kernel.prepare(cwd)
        return papermill.execute_notebook(input_path, output_path, engine_name=ENGINE_NAME, warm_kernel=kernel,
                                          kernel_name=kernel.kernel_name, **kwargs)
    except BaseException:
        kernel.discard()
        raise
