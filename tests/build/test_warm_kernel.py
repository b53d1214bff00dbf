"""kbreport.build.warm_kernel: one kernel reused across reports must look, to each notebook, like a new one.

These tests run real kernels (a few seconds each) on tiny notebooks written here.
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from kbreport.build.warm_kernel import WarmKernel, execute_notebook

POLLUTE = """
import os, sys, warnings
import matplotlib, pandas as pd
leak = 1
os.environ["KBREPORT_LEAK"] = "1"
sys.path.append("/kbreport-leak")
matplotlib.rcParams["font.size"] = 31
pd.set_option("display.max_rows", 3)
warnings.simplefilter("error")
import matplotlib.pyplot as plt
plt.figure()
open("jejak.txt", "w").write("ada")
"""

OBSERVE = """
import json, os, sys, warnings
import matplotlib, pandas as pd
import matplotlib.pyplot as plt
seen = {
    "leak": "leak" in globals(),
    "env": os.environ.get("KBREPORT_LEAK"),
    "path": "/kbreport-leak" in sys.path,
    "font_size": matplotlib.rcParams["font.size"],
    "max_rows": pd.get_option("display.max_rows"),
    "warnings_error": any(f[0] == "error" and f[2] is Warning for f in warnings.filters),
    "figures": len(plt.get_fignums()),
    "cwd": os.getcwd(),
    "jejak": os.path.exists("jejak.txt"),
    "count": get_ipython().execution_count,
    "pid": os.getpid(),
    "iri_checker": sys.modules.get("rfc3987_syntax", "absent") is None,
}
json.dump(seen, open("seen.json", "w"))
"""


def _notebook(path: Path, *sources: str) -> Path:
    cells = [new_code_cell("x = 0", metadata={"tags": ["parameters"]})] + [new_code_cell(s) for s in sources]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))
    return path


def _run(kernel: WarmKernel, nb: Path, cwd: Path):
    cwd.mkdir(parents=True, exist_ok=True)
    return execute_notebook(kernel, str(nb), str(cwd / "out.ipynb"), cwd=cwd, parameters={"x": 1},
                            progress_bar=False, log_output=False, execution_timeout=60)


@pytest.fixture
def kernel(tmp_path):
    k = WarmKernel(cwd=tmp_path, log_path=tmp_path / "kernel.log")
    yield k
    k.shutdown()


def test_each_report_sees_a_clean_kernel_in_its_own_folder(tmp_path, kernel):
    dirty = _notebook(tmp_path / "dirty.ipynb", POLLUTE)
    look = _notebook(tmp_path / "look.ipynb", OBSERVE)
    fresh = tmp_path / "fresh"
    _run(kernel, look, fresh)  # what a kernel shows before any report touched it
    baseline = json.loads((fresh / "seen.json").read_text())

    _run(kernel, dirty, tmp_path / "a")
    assert (tmp_path / "a" / "jejak.txt").is_file()  # the first report ran in its own folder
    _run(kernel, look, tmp_path / "b")
    seen = json.loads((tmp_path / "b" / "seen.json").read_text())

    # warm-up spares the kernel rfc3987-syntax's grammars (~2 s at the first notebook read)
    assert baseline["iri_checker"] is True and seen["iri_checker"] is True
    assert seen["pid"] == baseline["pid"]  # the same kernel process: it was reused, not restarted
    assert kernel.starts == 1 and kernel.reports == 3
    assert seen["leak"] is False
    assert seen["env"] is None and seen["path"] is False
    assert seen["font_size"] == baseline["font_size"] != 31
    assert seen["max_rows"] == baseline["max_rows"] != 3
    assert seen["warnings_error"] is False and seen["figures"] == 0
    assert seen["cwd"] == str((tmp_path / "b").resolve())
    assert seen["jejak"] is False  # the other report's file is in the other folder
    # execution counts start again: parameters cell 1, injected parameters 2, this cell 3
    assert seen["count"] == baseline["count"]
    out = nbformat.read(str(tmp_path / "b" / "out.ipynb"), 4)
    assert [c.execution_count for c in out.cells] == [1, 2, 3]


def test_a_failed_report_discards_the_kernel(tmp_path, kernel):
    import papermill

    boom = _notebook(tmp_path / "boom.ipynb", "raise ValueError('rusak')")
    look = _notebook(tmp_path / "look.ipynb", OBSERVE)
    _run(kernel, look, tmp_path / "a")
    first_pid = json.loads((tmp_path / "a" / "seen.json").read_text())["pid"]
    with pytest.raises(papermill.PapermillExecutionError):
        _run(kernel, boom, tmp_path / "b")
    assert kernel.km is None  # shut down: its state after a failure is unknown
    _run(kernel, look, tmp_path / "c")
    assert json.loads((tmp_path / "c" / "seen.json").read_text())["pid"] != first_pid
    assert kernel.starts == 2


def test_a_dead_kernel_is_replaced(tmp_path, kernel):
    look = _notebook(tmp_path / "look.ipynb", OBSERVE)
    _run(kernel, look, tmp_path / "a")
    kernel.km.provisioner.process.kill()  # e.g. killed for memory between two reports
    kernel.km.provisioner.process.wait()
    _run(kernel, look, tmp_path / "b")
    assert kernel.starts == 2 and (tmp_path / "b" / "seen.json").is_file()


def test_kernel_is_renewed_after_max_reports(tmp_path):
    look = _notebook(tmp_path / "look.ipynb", OBSERVE)
    with WarmKernel(max_reports=2, cwd=tmp_path) as k:
        pids = []
        for i in range(3):
            _run(k, look, tmp_path / str(i))
            pids.append(json.loads((tmp_path / str(i) / "seen.json").read_text())["pid"])
        assert pids[0] == pids[1] != pids[2] and k.starts == 2
    assert k.km is None


def test_kernel_process_output_goes_to_its_log(tmp_path, kernel):
    nb = _notebook(tmp_path / "fd.ipynb", "import os; os.write(2, b'dari kernel\\n')")
    _run(kernel, nb, tmp_path / "a")
    assert "dari kernel" in (tmp_path / "kernel.log").read_text()


def test_a_cell_timeout_discards_the_kernel(tmp_path, kernel):
    from nbclient.exceptions import CellTimeoutError

    slow = _notebook(tmp_path / "slow.ipynb", "import time; time.sleep(60)")
    look = _notebook(tmp_path / "look.ipynb", OBSERVE)
    _run(kernel, look, tmp_path / "a")
    hung = json.loads((tmp_path / "a" / "seen.json").read_text())["pid"]
    with pytest.raises(CellTimeoutError):
        execute_notebook(kernel, str(slow), str(tmp_path / "b.ipynb"), cwd=tmp_path, parameters={"x": 1},
                         progress_bar=False, log_output=False, execution_timeout=2)
    assert kernel.km is None
    import psutil

    assert not psutil.pid_exists(hung) or psutil.Process(hung).status() == psutil.STATUS_ZOMBIE
    _run(kernel, look, tmp_path / "c")  # a new kernel, answering at once
    assert json.loads((tmp_path / "c" / "seen.json").read_text())["pid"] != hung


def test_the_reports_own_time_limit_is_not_retried(tmp_path, kernel, monkeypatch):
    """The batch worker's alarm (ReportTimeout) during a reset ends the report; it is not taken
    for a kernel that failed to answer and tried again on a new kernel."""
    from kbreport.errors import ReportTimeout

    look = _notebook(tmp_path / "look.ipynb", OBSERVE)
    _run(kernel, look, tmp_path / "a")

    async def alarm(*a, **kw):  # the alarm going off while the kernel is being reset
        raise ReportTimeout("seluruh laporan melewati batas waktunya")

    monkeypatch.setattr(kernel.kc, "execute_interactive", alarm)
    with pytest.raises(ReportTimeout):
        _run(kernel, look, tmp_path / "b")
    assert kernel.km is None and kernel.starts == 1


def test_the_worker_side_never_imports_what_runs_inside_the_kernel():
    """kbreport.build.in_kernel (and the briefing, elements and charts it loads) run in the kernel
    only: the worker side imports none of them, not even inside a function, so no import cycle
    runs through it (briefing -> report -> warm_kernel -> briefing was one)."""
    import ast

    import kbreport.build.warm_kernel as wk

    names = set()
    for node in ast.walk(ast.parse(Path(wk.__file__).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    inside = ("kbreport.build.in_kernel", "kbreport.build.briefing", "kbreport.elements", "kbreport.charts",
              "kbreport.analysis")
    assert "kbreport.errors" in names  # (the walk sees the imports)
    assert not [n for n in names if n.startswith(inside)], names
