"""kbreport.batch.executors.dask_kernels: one warm kernel per Dask worker thread, shut down with its plugin;
a run on a LocalCluster of 2 workers builds what the local pool builds, byte for byte."""
from __future__ import annotations

import pickle
import shutil
import threading
from pathlib import Path

import pytest

from kbreport.batch.executors.dask_kernels import WarmKernelPlugin, kernel_for, plugin_name

ROOT = Path(__file__).resolve().parents[2]


def test_one_kernel_per_thread_and_data_folder_and_none_after_teardown(tmp_path):
    p = WarmKernelPlugin("r1")
    p.setup(None)
    a = p.kernel(None, tmp_path)
    assert p.kernel(None, tmp_path) is a and a.km is None  # made here, started by the first report
    other = []
    t = threading.Thread(target=lambda: other.append(p.kernel(None, tmp_path)))
    t.start()
    t.join()
    assert other[0] is not a and len(p.kernels()) == 2
    (tmp_path / "d").mkdir()
    b = p.kernel(tmp_path / "d", tmp_path)
    assert b is not a and b.data_dir == str((tmp_path / "d").resolve())
    stopped = []
    for wk in p.kernels():
        wk.shutdown = lambda wk=wk: stopped.append(wk)
    p.teardown(None)
    assert len(stopped) == 2 and p.kernels() == [] and p.kernel(None, tmp_path) is None
    # what travels to the workers holds no kernel
    q = pickle.loads(pickle.dumps(WarmKernelPlugin("r2", "python3", 7)))
    assert (q.run_id, q.max_reports, q.kernels(), q.closed) == ("r2", 7, [], False)
    assert plugin_name("r2") == "kbreport-warm-r2"
    assert kernel_for(None, None, tmp_path) is None and kernel_for("x", None, tmp_path) is None  # not on a worker


def _kernels_of_this_process() -> list[str]:
    import psutil

    return [" ".join(c.cmdline()) for c in psutil.Process().children(recursive=True)
            if "ipykernel" in " ".join(c.cmdline())]


@pytest.mark.slow
def test_dask_with_warm_kernels_builds_what_the_local_pool_builds(tmp_path, demo_data):
    distributed = pytest.importorskip("distributed")
    from kbreport.batch.runner import run_batch

    params = tmp_path / "params"
    params.mkdir()
    for name in ("1804-kab-lampung-barat", "76-sulawesi-barat"):
        shutil.copy(ROOT / "params" / "wilayah" / f"{name}.yaml", params / f"{name}.yaml")
    local = run_batch([params], tmp_path / "local", data_dir=demo_data, jobs=2, formats=("html",), timeout=300,
                      progress=False)
    assert local.exit_code == 0, local.summary()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  local_directory=str(tmp_path / "dask-scratch")) as cluster:
        res = run_batch([params], tmp_path / "dask", data_dir=demo_data, formats=("html",), timeout=300,
                        dask_address=cluster.scheduler_address, progress=False)
        assert res.mode == "dask" and res.exit_code == 0, res.summary()
        with distributed.Client(cluster.scheduler_address) as client:
            left = client.run(_kernels_of_this_process)
            plugins = client.run(lambda dask_worker: sorted(dask_worker.plugins))
    assert list(left.values()) == [[], []]  # the run's plugin closed: its kernels are gone
    assert not any(n.startswith("kbreport-warm-") for names in plugins.values() for n in names)
    for r in local.reports:
        a, b = tmp_path / "local" / r.name, tmp_path / "dask" / r.name
        assert (a / "figures.json").read_bytes() == (b / "figures.json").read_bytes(), r.name
        assert (a / "briefing.html").read_bytes() == (b / "briefing.html").read_bytes(), r.name
