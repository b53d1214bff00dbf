"""kbreport.batch.runner: the batch runner behind `kbreport run`.

Most tests use tests/fixtures/batch/light_builder.py instead of the full briefings: `build` runs
the fixture notebook with papermill (real kernels, real failures), `fake_build` writes the files
without a kernel (for the incremental logic). One test at the end runs the real build_report.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import yaml

from kbreport.batch import runner as batch
from kbreport.batch.progress import Progress
from kbreport.errors import ParamsError, ReportError
from kbreport.batch.stamps import STAMP_NAME, sha256_file

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "batch"
if str(FIX) not in sys.path:
    sys.path.insert(0, str(FIX))  # spawned workers and Dask workers inherit sys.path
import light_builder  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fixed_code_fingerprint(monkeypatch):
    """The real fingerprint hashes kbreport's own files, which other work may edit during a test."""
    monkeypatch.setattr(batch, "code_fingerprint", lambda cache=None: "0.1.0+test")


def _params(folder: Path, name: str, text: str | None = None, **values) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"{name}.yaml"
    p.write_text(text if text is not None else yaml.safe_dump(values))
    return p


def _kernels_under(pid: int) -> list[psutil.Process]:
    try:
        kids = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    out = []
    for k in kids:
        try:
            if "ipykernel" in " ".join(k.cmdline()):
                out.append(k)
        except psutil.Error:
            pass
    return out


def _alive(procs: list[psutil.Process]) -> list[psutil.Process]:
    alive = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                alive.append(p)
        except psutil.NoSuchProcess:
            pass
    return alive


def _assert_only_complete_files(out: Path) -> None:
    """No temporary names, no working folder, and every stamped report has every stamped file intact."""
    names = [p.name for p in out.rglob("*")]
    assert not [n for n in names if n.endswith(".tmp")], names
    assert not (out / batch.WORK_DIR_NAME).exists()
    for stamp in out.glob(f"*/{STAMP_NAME}"):
        files = json.loads(stamp.read_text())["files"]
        for rel, digest in files.items():
            assert sha256_file(stamp.parent / rel) == digest, (stamp.parent.name, rel)


def _manifest(out: Path) -> dict:
    m = json.loads((out / "manifest.json").read_text())
    return {r["name"]: r for r in m["reports"]} | {"__run__": m}


# --- pieces ---------------------------------------------------------------------------------------


def test_discover_params(tmp_path):
    _params(tmp_path / "p", "b", nama="B")
    _params(tmp_path / "p" / "sub", "a", nama="A")
    (tmp_path / "p" / "sub" / "c.yml").write_text("nama: C\n")
    _params(tmp_path / "p" / ".hidden", "x", nama="X")
    (tmp_path / "p" / "catatan.txt").write_text("bukan params")
    given = tmp_path / "p" / "b.yaml"
    found = batch.discover_params([tmp_path / "p", given])
    assert [f.relative_to(tmp_path / "p").as_posix() for f in found] == ["b.yaml", "sub/a.yaml", "sub/c.yml"]
    with pytest.raises(ReportError, match="tidak ditemukan"):
        batch.discover_params([tmp_path / "tidak-ada"])


def test_two_files_with_one_report_name_both_fail(tmp_path):
    a = _params(tmp_path / "wilayah", "bengkulu", nama="A")
    b = _params(tmp_path / "events", "bengkulu", nama="B")
    c = _params(tmp_path / "events", "aceh", nama="C")
    jobs = batch.plan_jobs([a, b, c], light_builder.resolve)
    assert [j.error is not None for j in jobs] == [True, True, False]
    assert str(a) in jobs[0].error and str(b) in jobs[0].error
    assert jobs[2].notebook == light_builder.NOTEBOOK


class PapermillExecutionError(Exception):
    """Same name and attributes as papermill's (the runner matches by class name)."""

    def __init__(self, traceback, source="x = 0\ny = 1 / x\nprint(y)"):
        self.cell_index, self.exec_count, self.source = 5, 4, source
        self.ename, self.evalue, self.traceback = "ZeroDivisionError", "division by zero", traceback


def test_cell_error_names_cell_line_source_and_error():
    ipython8 = ["\x1b[0;31m----\x1b[0m", "\x1b[0;32mCell In[4], line 2\x1b[0m\n      1 x = 0\n----> 2 y = 1 / x"]
    assert batch.describe_failure(PapermillExecutionError(ipython8)) == (
        "sel ke-6 (In [4]), baris 2: `y = 1 / x` → ZeroDivisionError: division by zero")
    old_style = ["<ipython-input-4-abc> in <module>\n      1 x = 0\n----> 2 y = 1 / x"]
    assert "baris 2: `y = 1 / x`" in batch.describe_failure(PapermillExecutionError(old_style))
    # no line in the traceback: the last line of the cell, without a line number
    assert batch.describe_failure(PapermillExecutionError([])) == (
        "sel ke-6 (In [4]): `print(y)` → ZeroDivisionError: division by zero")


def test_other_failure_reasons():
    e = ParamsError("params/x.yaml", "warna", "kunci tidak dikenal")
    assert batch.describe_failure(e) == "params tidak valid — params/x.yaml: warna: kunci tidak dikenal"
    DeadKernelError = type("DeadKernelError", (RuntimeError,), {})
    assert batch.describe_failure(DeadKernelError("Kernel died")) == "kernel mati saat menjalankan notebook (Kernel died)"
    t = TimeoutError("A cell timed out after 5 seconds.\nHere is a preview of the cell contents:\nx")
    assert batch.describe_failure(t, 5) == "batas waktu terlampaui (5 detik): A cell timed out after 5 seconds."



def test_failure_reasons_in_english():
    ipython8 = ["\x1b[0;32mCell In[4], line 2\x1b[0m\n      1 x = 0\n----> 2 y = 1 / x"]
    assert batch.describe_failure(PapermillExecutionError(ipython8), lang="en") == (
        "cell 6 (In [4]), line 2: `y = 1 / x` → ZeroDivisionError: division by zero")
    DeadKernelError = type("DeadKernelError", (RuntimeError,), {})
    assert batch.describe_failure(DeadKernelError("Kernel died"), lang="en") == (
        "the kernel died while running the notebook (Kernel died)")
    t = TimeoutError("A cell timed out after 5 seconds.\nHere is a preview of the cell contents:\nx")
    assert batch.describe_failure(t, 5, "en") == "time limit exceeded (5 seconds): A cell timed out after 5 seconds."
    assert batch.describe_failure(t, 2.5, "en").startswith("time limit exceeded (2.5 seconds)")

def test_formats_are_checked():
    assert batch.check_formats(["html", "PDF", "html"]) == ("html", "pdf")
    with pytest.raises(ValueError, match="docx"):
        batch.check_formats(["html", "docx"])
    with pytest.raises(ValueError):
        batch.run_batch([ROOT / "params"], "/nonexistent/never", formats=["docx"], builder=light_builder.fake_build)


def test_one_format_parser_for_the_cli_and_the_library():
    from kbreport.build.formats import check_formats

    assert check_formats(" html, PDF,html ") == ("html", "pdf")  # the --formats string, as the CLI passes it
    with pytest.raises(ValueError) as e:
        check_formats("html,docx")
    assert str(e.value) == "format tidak dikenal: docx; pilih dari ipynb, html, pdf, xlsx"
    with pytest.raises(ValueError, match="kosong"):
        check_formats(" , ")


def test_a_job_result_is_plain_data_that_survives_pickling():
    import pickle

    res = batch.JobResult(name="aceh", status="failed", reason="sel ke-4 (In [3]) → ValueError: x", seconds=1.5,
                          timings={"execute": 1.2}, payload={"figures.json": b"{}"})
    assert pickle.loads(pickle.dumps(res)) == res
    # an executor's results never carry an exception object or a traceback
    assert all(isinstance(v, (str, float, int, dict, list, type(None))) for v in vars(res).values())


# --- real kernels: a mix of good and broken reports ------------------------------------------------


def test_good_reports_built_broken_ones_recorded(tmp_path):
    p = tmp_path / "params"
    _params(p, "aceh", nama="Aceh", kode="11", desa=6500, kkb=3000)
    _params(p, "bengkulu", nama="Bengkulu", kode="17", desa=1513, kkb=1322)
    _params(p, "rusak", text="nama: [Rusak\n")
    _params(p, "kunci", nama="Kunci", warna="merah")
    _params(p, "gagal", nama="Gagal", gagal=True)
    _params(p, "lambat", nama="Lambat", tidur=60)
    _params(p, "mati", nama="Mati", mati=True)
    out = tmp_path / "out"
    t0 = time.monotonic()
    res = batch.run_batch([p], out, jobs=2, timeout=6, builder=light_builder.build,
                          resolver=light_builder.resolve, progress=False)
    assert time.monotonic() - t0 < 60
    assert res.exit_code == 1
    status = {r.name: r.status for r in res.reports}
    assert status == {"aceh": "ok", "bengkulu": "ok", "rusak": "failed", "kunci": "failed",
                      "gagal": "failed", "lambat": "failed", "mati": "failed"}
    reason = {r.name: r.reason for r in res.reports}
    assert "kunci.yaml: warna: kunci tidak dikenal" in reason["kunci"]
    assert "YAML tidak valid" in reason["rusak"]
    # markdown 0, parameters 1, injected parameters 2, the cell that raises 3 -> "sel ke-4", In [3]
    assert reason["gagal"] == ('sel ke-4 (In [3]), baris 9: `raise ValueError(f"angka tidak masuk akal untuk {nama}")`'
                               " → ValueError: angka tidak masuk akal untuk Gagal")
    assert reason["lambat"].startswith("batas waktu terlampaui (6 detik)")
    assert reason["mati"].startswith("kernel mati")
    summary = res.summary()
    for name in ("rusak", "kunci", "gagal", "lambat", "mati"):
        assert f"- {name} (" in summary
    # the good ones: complete folders, figures as computed by the notebook (3000/6500 = 46.2%)
    fig = json.loads((out / "aceh" / "figures.json").read_text())
    assert fig["cakupan_persen"] == 46.2 and fig["wilayah"]["nama"] == "Aceh"
    assert sorted(x.name for x in (out / "bengkulu").iterdir()) == [
        STAMP_NAME, "briefing.html", "briefing.ipynb", "figures.json"]
    for bad in ("rusak", "kunci", "gagal", "lambat", "mati"):
        assert not (out / bad).exists()
    m = _manifest(out)
    assert m["__run__"]["exit_code"] == 1 and m["__run__"]["counts"] == {"ok": 2, "failed": 5}
    for f in m["bengkulu"]["files"]:
        assert sha256_file(out / f["path"]) == f["sha256"]
    assert m["gagal"]["reason"] == reason["gagal"] and m["gagal"]["files"] == []
    page = (out / "index.html").read_text()
    assert "Bengkulu" in page and "1.322" in page and "Laporan gagal" in page and "kunci tidak dikenal" in page
    _assert_only_complete_files(out)
    assert _kernels_under(os.getpid()) == []  # every kernel shut down


# --- incremental -------------------------------------------------------------------------------------


def _mtimes(out: Path, names) -> dict:
    return {n: (out / n / "briefing.html").stat().st_mtime_ns for n in names}


def test_noop_rerun_force_and_changes(tmp_path):
    p, out, data = tmp_path / "params", tmp_path / "out", tmp_path / "data"
    data.mkdir()
    (data / "kampung_kb.csv").write_text("kode\n17\n")
    for n, (desa, kkb) in {"aceh": (6500, 3000), "bali": (716, 154), "bengkulu": (1513, 1322)}.items():
        _params(p, n, nama=n.title(), desa=desa, kkb=kkb)
    names = ["aceh", "bali", "bengkulu"]

    def run(**kw):
        return batch.run_batch([p], out, data_dir=data, jobs=2, builder=light_builder.fake_build,
                               resolver=light_builder.resolve, progress=False, **kw)

    first = run()
    assert [r.status for r in first.reports] == ["ok"] * 3 and first.exit_code == 0
    before = _mtimes(out, names)

    t0 = time.monotonic()
    noop = run()
    assert time.monotonic() - t0 < 2.0
    assert noop.built == [] and [r.name for r in noop.skipped] == names and noop.exit_code == 0
    assert _mtimes(out, names) == before
    m = _manifest(out)
    assert m["bali"]["status"] == "skipped"
    assert {f["path"] for f in m["bali"]["files"]} >= {"bali/briefing.pdf", "bali/figures.json"}

    # fewer formats than built: still nothing to do; a format never built: rebuild
    assert run(formats=["html", "pdf"]).built == []
    # a changed params file rebuilds that report only
    _params(p, "bali", nama="Bali", desa=716, kkb=200)
    changed = run()
    assert [r.name for r in changed.built] == ["bali"]
    assert json.loads((out / "bali" / "figures.json").read_text())["kampung_kb"] == 200
    # a changed data file rebuilds every report
    (data / "kampung_kb.csv").write_text("kode\n17\n18\n")
    assert [r.name for r in run().built] == names
    # --force rebuilds although nothing changed
    before = _mtimes(out, names)
    forced = run(force=True)
    assert [r.name for r in forced.built] == names
    assert all(_mtimes(out, names)[n] > before[n] for n in names)
    # a rebuild that fails loses the stamp: the next run tries again instead of skipping
    _params(p, "aceh", nama="Aceh", gagal=True)
    assert {r.name: r.status for r in run().reports}["aceh"] == "failed"
    assert not (out / "aceh" / STAMP_NAME).exists()
    again = run()
    assert {r.name: r.status for r in again.reports} == {"aceh": "failed", "bali": "skipped", "bengkulu": "skipped"}
    assert again.exit_code == 1


def test_a_dead_worker_process_fails_only_its_report(tmp_path):
    p, out = tmp_path / "params", tmp_path / "out"
    _params(p, "aceh", nama="Aceh")
    _params(p, "bengkulu", nama="Bengkulu")
    _params(p, "mati", nama="Mati", mati=True)  # os._exit in the worker, like an out-of-memory kill
    res = batch.run_batch([p], out, jobs=2, builder=light_builder.fake_build, resolver=light_builder.resolve,
                          progress=False)
    st = {r.name: (r.status, r.reason) for r in res.reports}
    assert st["aceh"] == ("ok", None) and st["bengkulu"] == ("ok", None)
    assert st["mati"][0] == "failed" and "proses pekerja berhenti mendadak" in st["mati"][1]
    assert res.exit_code == 1


# --- interruption ------------------------------------------------------------------------------------

RUNNER = """
import sys
sys.path.insert(0, {fix!r})
import light_builder
from kbreport.batch import runner as batch
from kbreport.batch.runner import run_batch

batch.code_fingerprint = lambda cache=None: "0.1.0+test"  # as in the test process

if __name__ == "__main__":
    r = run_batch([{params!r}], {out!r}, jobs=2, timeout=120, builder=light_builder.build,
                  resolver=light_builder.resolve)
    sys.exit(r.exit_code)
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_run_leaves_complete_files_no_kernel_and_resumes(tmp_path, signum):
    p, out = tmp_path / "params", tmp_path / "out"
    hold = tmp_path / "hold"
    hold.write_text("tahan")
    _params(p, "aceh", nama="Aceh")
    _params(p, "bengkulu", nama="Bengkulu")
    _params(p, "tahan", nama="Tahan", tunggu=str(hold))  # runs until `hold` is removed
    script = tmp_path / "runner.py"
    script.write_text(RUNNER.format(fix=str(FIX), params=str(p), out=str(out)))
    log = open(tmp_path / "log.txt", "w")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 90
        while True:  # both quick reports done and the slow one's kernel running
            done = all((out / n / STAMP_NAME).exists() for n in ("aceh", "bengkulu"))
            kernels = _kernels_under(proc.pid)
            if done and kernels:
                break
            assert proc.poll() is None, (tmp_path / "log.txt").read_text()
            assert time.monotonic() < deadline, "the slow report never started"
            time.sleep(0.2)
        tree = psutil.Process(proc.pid).children(recursive=True)
        t0 = time.monotonic()
        proc.send_signal(signum)
        rc = proc.wait(timeout=20)
        stop_seconds = time.monotonic() - t0
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()
    assert rc == 128 + signum, (tmp_path / "log.txt").read_text()
    assert stop_seconds < 8, stop_seconds
    time.sleep(0.3)
    assert _alive(tree) == [], [p.cmdline() for p in _alive(tree)]  # no orphan kernel or worker
    _assert_only_complete_files(out)
    assert not (out / "tahan").exists()
    m = _manifest(out)
    assert m["__run__"]["interrupted"] == signal.Signals(signum).name
    assert (m["aceh"]["status"], m["bengkulu"]["status"], m["tahan"]["status"]) == ("ok", "ok", "interrupted")
    assert "Dihentikan" in (tmp_path / "log.txt").read_text()

    hold.unlink()
    again = batch.run_batch([p], out, jobs=2, builder=light_builder.build, resolver=light_builder.resolve,
                            progress=False)
    assert {r.name: r.status for r in again.reports} == {"aceh": "skipped", "bengkulu": "skipped", "tahan": "ok"}
    assert again.exit_code == 0
    assert json.loads((out / "tahan" / "figures.json").read_text())["wilayah"]["nama"] == "Tahan"


# --- folders: nothing through a symlink, a folder problem is a report problem ----------------------

REFUSAL = {"id": "adalah tautan simbolik; kbreport tidak menulis melaluinya",
           "en": "is a symbolic link; kbreport does not write through it"}


def _quick_run(p, out, **kw):
    return batch.run_batch([p], out, jobs=1, builder=light_builder.fake_build, resolver=light_builder.resolve,
                           progress=False, **kw)


def _listing(folder: Path) -> dict:
    return {q.relative_to(folder).as_posix(): q.read_bytes() for q in sorted(folder.rglob("*")) if q.is_file()}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_symlinked_report_folder_fails_alone_and_nothing_behind_it_is_touched(tmp_path, lang):
    p, out, elsewhere = tmp_path / "params", tmp_path / "out", tmp_path / "elsewhere"
    _params(p, "aceh", nama="Aceh")
    _params(p, "bengkulu", nama="Bengkulu")
    elsewhere.mkdir()
    (elsewhere / STAMP_NAME).write_text('{"stamp_version": 1, "files": {}}')  # looks like ours, is not
    (elsewhere / "briefing.html").write_text("bukan milik kbreport")
    before = _listing(elsewhere)
    out.mkdir()
    (out / "aceh").symlink_to(elsewhere, target_is_directory=True)
    res = _quick_run(p, out, lang=lang)
    st = {r.name: (r.status, r.reason) for r in res.reports}
    assert st == {"aceh": ("failed", f"{out / 'aceh'} {REFUSAL[lang]}"), "bengkulu": ("ok", None)}
    assert res.exit_code == 1
    assert _listing(elsewhere) == before and (out / "aceh").is_symlink()
    assert set(_manifest(out)) == {"aceh", "bengkulu", "__run__"}


@pytest.mark.parametrize("name", [batch.WORK_DIR_NAME, batch.LOGS_DIR_NAME, ".kbreport-cache", batch.MANIFEST_NAME,
                                  "index.html", batch.LOCK_NAME])
def test_a_symlink_among_the_runs_own_files_stops_the_run_before_any_write(tmp_path, name):
    p, out, elsewhere = tmp_path / "params", tmp_path / "out", tmp_path / "elsewhere"
    _params(p, "aceh", nama="Aceh")
    elsewhere.mkdir()
    (elsewhere / "milik-orang-lain.txt").write_text("jangan disentuh")
    out.mkdir()
    is_folder = name in (batch.WORK_DIR_NAME, batch.LOGS_DIR_NAME, ".kbreport-cache")
    (out / name).symlink_to(elsewhere if is_folder else elsewhere / "milik-orang-lain.txt")
    with pytest.raises(ReportError) as e:
        _quick_run(p, out)
    assert str(e.value) == f"{out / name} {REFUSAL['id']}"
    assert _listing(elsewhere) == {"milik-orang-lain.txt": b"jangan disentuh"}
    assert sorted(q.name for q in out.iterdir()) == [name]


def _chattr(flag: str, path: Path) -> bool:
    try:
        return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


@pytest.fixture
def unwritable():
    """Make a folder unwritable in a way that also stops root (chmod does not): `chattr +i` as
    root, chmod 555 otherwise; undone at teardown."""
    done: list[Path] = []

    def make(path: Path) -> None:
        if os.geteuid() == 0:
            if not _chattr("+i", path):
                pytest.skip("chattr +i is not available here, and chmod does not stop root")
        else:
            path.chmod(0o555)
        done.append(path)

    yield make
    for path in done:
        if os.geteuid() == 0:
            _chattr("-i", path)
        else:
            path.chmod(0o755)


def test_an_unwritable_report_folder_fails_that_report_and_the_others_are_built(tmp_path, unwritable):
    p, out = tmp_path / "params", tmp_path / "out"
    for n in ("aceh", "bali", "bengkulu"):
        _params(p, n, nama=n.title())
    assert _quick_run(p, out).exit_code == 0
    earlier = _listing(out / "aceh")
    unwritable(out / "aceh")
    res = _quick_run(p, out, force=True)
    st = {r.name: (r.status, r.reason) for r in res.reports}
    assert st == {"aceh": ("failed", f"folder {out / 'aceh'} tidak dapat ditulis (izin ditolak)"),
                  "bali": ("ok", None), "bengkulu": ("ok", None)}
    assert res.exit_code == 1
    assert _listing(out / "aceh") == earlier  # the earlier build stays as it was
    m = _manifest(out)
    assert (m["aceh"]["status"], m["bali"]["status"], m["bengkulu"]["status"]) == ("failed", "ok", "ok")
    assert "tidak dapat ditulis" in (out / "index.html").read_text()


def test_an_unwritable_output_folder_stops_the_run_in_one_line(tmp_path, unwritable):
    from click.testing import CliRunner

    from kbreport.cli import main

    p, out, data = tmp_path / "params", tmp_path / "out", tmp_path / "demo"
    data.mkdir()
    _params(p, "17-bengkulu", text="laporan: wilayah\nkode: '17'\nas_of: 2024-06-04\n")
    out.mkdir()
    unwritable(out)
    res = CliRunner().invoke(main, ["run", str(p), "--out", str(out), "--data", str(data)])
    assert res.exit_code == 1
    assert res.output == f"folder {out} tidak dapat ditulis (izin ditolak)\n"
    with pytest.raises(ReportError) as e:
        _quick_run(p, out, lang="en")
    assert str(e.value) == f"folder {out} cannot be written (permission denied)"
    # a file where the output folder, or a folder above it, should be
    (tmp_path / "berkas").write_text("x")
    for where in (tmp_path / "berkas", tmp_path / "berkas" / "out"):
        with pytest.raises(ReportError) as e:
            _quick_run(p, where)
        assert str(e.value) == f"{tmp_path / 'berkas'} bukan folder; pindahkan atau hapus berkas itu"


# --- temporary files: under the run's work folder, gone however the run ends ------------------------

TEMP_RUNNER = """
import sys
sys.path.insert(0, {fix!r})
import pdf_builder
from kbreport.batch import runner as batch

batch.code_fingerprint = lambda cache=None: "0.1.0+test"

if __name__ == "__main__":
    r = batch.run_batch([{params!r}], {out!r}, jobs=2, timeout=120, builder=pdf_builder.build,
                        resolver=pdf_builder.light_builder.resolve)
    sys.exit(r.exit_code)
"""


def test_a_run_leaves_nothing_in_the_temp_folder_after_sigint_or_success(tmp_path):
    p, out, hold = tmp_path / "params", tmp_path / "out", tmp_path / "hold"
    tmp, runtime = tmp_path / "tmpdir", tmp_path / "jupyter-runtime"
    tmp.mkdir()
    runtime.mkdir()
    hold.write_text("tahan")
    _params(p, "aceh", nama="Aceh")
    _params(p, "bengkulu", nama="Bengkulu")
    _params(p, "tahan", nama="Tahan", tunggu=str(hold))
    script = tmp_path / "runner.py"
    script.write_text(TEMP_RUNNER.format(fix=str(FIX), params=str(p), out=str(out)))
    env = dict(os.environ, TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp), JUPYTER_RUNTIME_DIR=str(runtime))
    log = open(tmp_path / "log.txt", "w")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path, env=env)
    try:
        deadline = time.monotonic() + 120
        while not (all((out / n / STAMP_NAME).exists() for n in ("aceh", "bengkulu")) and _kernels_under(proc.pid)):
            assert proc.poll() is None, (tmp_path / "log.txt").read_text()
            assert time.monotonic() < deadline, "the slow report never started"
            time.sleep(0.2)
        time.sleep(1.0)  # the slow report is inside its build, its fonts in WeasyPrint's folder
        proc.send_signal(signal.SIGINT)
        rc = proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()
    assert rc == 128 + signal.SIGINT, (tmp_path / "log.txt").read_text()
    assert sorted(os.listdir(tmp)) == [] and sorted(os.listdir(runtime)) == []
    assert not (out / batch.WORK_DIR_NAME).exists()
    assert (out / "aceh" / "briefing.pdf").read_bytes()[:5] == b"%PDF-"

    hold.unlink()
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (out / "tahan" / "briefing.pdf").is_file()
    assert sorted(os.listdir(tmp)) == [] and sorted(os.listdir(runtime)) == []
    assert not (out / batch.WORK_DIR_NAME).exists()


# --- the index lists every report in the output folder ---------------------------------------------


def test_building_some_reports_keeps_the_entries_of_the_others_still_on_disk(tmp_path):
    p, out = tmp_path / "params", tmp_path / "out"
    for n in ("aceh", "bali", "bengkulu"):
        _params(p, n, nama=n.title())
    _quick_run(p, out)
    first = _manifest(out)
    built = {n: first[n]["built"] for n in ("aceh", "bali", "bengkulu")}
    assert all(built.values())
    time.sleep(1.1)  # build times have whole seconds
    _params(p, "aceh", nama="Aceh", kkb=60)
    res = batch.run_batch([p / "aceh.yaml"], out, jobs=1, builder=light_builder.fake_build,
                          resolver=light_builder.resolve, progress=False)
    assert [r.name for r in res.reports] == ["aceh"]
    m = _manifest(out)
    assert set(m) == {"aceh", "bali", "bengkulu", "__run__"}
    assert m["aceh"]["status"] == "ok" and m["aceh"]["built"] > built["aceh"] and not m["aceh"].get("kept")
    for n in ("bali", "bengkulu"):
        assert (m[n]["status"], m[n]["kept"], m[n]["built"]) == ("ok", True, built[n])
        assert {f["path"] for f in m[n]["files"]} == {f["path"] for f in first[n]["files"]}
    assert m["__run__"]["counts"] == {"ok": 1} and m["__run__"]["kept"] == 2
    page = (out / "index.html").read_text()
    from kbreport.text import fmt

    # Bali listed (the cell may name the notebook); Bengkulu's own build time, as the page prints it
    assert '<td class="nm">Bali' in page and fmt.date_time(built["bengkulu"]) in page.split("<details", 1)[1]
    assert "2 laporan lain dari proses sebelumnya" in page

    shutil.rmtree(out / "bali")  # gone from disk: gone from the index
    batch.run_batch([p / "aceh.yaml"], out, jobs=1, builder=light_builder.fake_build,
                    resolver=light_builder.resolve, progress=False)
    m = _manifest(out)
    assert set(m) == {"aceh", "bengkulu", "__run__"} and m["bengkulu"]["built"] == built["bengkulu"]
    assert "Bali" not in (out / "index.html").read_text()  # neither a row nor a detail line


# --- the data: checked once, before any kernel ---------------------------------------------------------


def test_bad_data_stops_the_run_before_any_kernel_with_the_validation_report(tmp_path):
    from click.testing import CliRunner

    from kbreport.cli import main
    from kbreport.text.messages import format_problem
    from kbreport.ingest.validate import validate_folder

    p, out, data = tmp_path / "params", tmp_path / "out", tmp_path / "rusak"
    data.mkdir()
    (data / "kampung_kb.csv").write_text("id,nama\nKKB-1,Mawar\n")  # columns missing, other tables missing
    _params(p, "17-bengkulu", text="laporan: wilayah\nkode: '17'\nas_of: 2024-06-04\n")
    _params(p, "18-lampung", text="laporan: wilayah\nkode: '18'\nas_of: 2024-06-04\n")
    res = CliRunner().invoke(main, ["run", str(p), "--out", str(out), "--data", str(data), "--jobs", "2"])
    assert res.exit_code == 1
    errors = [q for q in validate_folder(data, lang="id")[1] if q.severity == "error"]
    assert errors
    assert res.output.startswith(f"Data di {data} berisi {len(errors)} kesalahan; tidak ada laporan yang dibangun.")
    for q in errors:
        assert f"  {format_problem(q, 'id')}\n" in res.output
    for python in ("DataValidationError", "Traceback", "error(s)", "Error:"):
        assert python not in res.output
    assert sorted(q.name for q in out.iterdir()) == [batch.LOCK_NAME]  # no report, no manifest
    assert _kernels_under(os.getpid()) == []
    with pytest.raises(ReportError) as e:
        batch.run_batch([p], out, data_dir=data, progress=False, lang="en")
    en = [q for q in validate_folder(data, lang="en")[1] if q.severity == "error"]
    assert str(e.value).startswith(f"The data in {data} has {len(en)} errors; no report was built.")
    assert f"  {format_problem(en[0], 'en')}" in str(e.value)


# --- Dask ----------------------------------------------------------------------------------------------


def test_dask_local_cluster_builds_three_reports(tmp_path):
    distributed = pytest.importorskip("distributed")
    p, out, data = tmp_path / "params", tmp_path / "out", tmp_path / "demo"
    data.mkdir()
    (data / "kampung_kb.csv").write_text("kode\n17\n")
    (data / "sumber.json").write_text("{}")
    for n, (desa, kkb) in {"aceh": (6500, 3000), "bali": (716, 154), "bengkulu": (1513, 1322)}.items():
        _params(p, n, nama=n.title(), desa=desa, kkb=kkb)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        res = batch.run_batch([p], out, data_dir=data, timeout=60, dask_address=cluster.scheduler_address,
                              builder=light_builder.build, resolver=light_builder.resolve, progress=False)
        assert res.mode == "dask" and res.exit_code == 0, res.summary()
        assert [r.status for r in res.reports] == ["ok", "ok", "ok"]
        # 154 / 716 = 21.5%
        assert json.loads((out / "bali" / "figures.json").read_text())["cakupan_persen"] == 21.5
        # the worker built from the shipped copy of the data folder
        assert json.loads((out / "bali" / "data.json").read_text()) == ["kampung_kb.csv", "sumber.json"]
        assert (out / "bengkulu" / STAMP_NAME).exists()
        _assert_only_complete_files(out)
        again = batch.run_batch([p], out, data_dir=data, dask_address=cluster.scheduler_address,
                                builder=light_builder.build, resolver=light_builder.resolve, progress=False)
        assert again.built == [] and len(again.skipped) == 3
    assert _manifest(out)["__run__"]["mode"] == "dask"


class _StopWhenMarked(Progress):
    """Progress whose tick() raises KeyboardInterrupt — what Ctrl-C does to the runner — once a
    file appears in `marks` (a report is inside its build)."""

    def __init__(self, marks: Path):
        super().__init__(1, enabled=False)
        self.marks = marks

    def tick(self):
        if any(self.marks.iterdir()):
            raise KeyboardInterrupt
        super().tick()


def test_dask_workers_keep_temp_files_in_the_runs_folder_and_remove_it_after_success_failure_and_sigint(
        tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    import temp_builder

    p, out, data, wtmp, marks = (tmp_path / n for n in ("params", "out", "demo", "worker-tmp", "marks"))
    for d in (data, wtmp, marks):
        d.mkdir()
    (data / "kampung_kb.csv").write_text("kode\n17\n")
    _params(p, "aceh", nama="Aceh")
    _params(p, "bali", nama="Bali")
    _params(p, "gagal", nama="Gagal", gagal=True)  # leaves its temp folder behind, then raises
    for var in ("TMPDIR", "TEMP", "TMP"):  # the workers' own temp folder, inherited
        monkeypatch.setenv(var, str(wtmp))
    monkeypatch.setenv("KBREPORT_TEST_MARKS", str(marks))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  local_directory=str(tmp_path / "dask-scratch")) as cluster:
        res = batch.run_batch([p], out, data_dir=data, timeout=60, dask_address=cluster.scheduler_address,
                              builder=temp_builder.build, resolver=light_builder.resolve, progress=False)
        assert {r.name: r.status for r in res.reports} == {"aceh": "ok", "bali": "ok", "gagal": "failed"}
        assert "angka tidak masuk akal untuk Gagal" in {r.name: r.reason for r in res.reports}["gagal"]
        for n in ("aceh", "bali"):
            seen = json.loads((out / n / "seen.json").read_text())
            run_tmp = Path(seen["gettempdir"])
            # <worker tmp>/kbreport-run-<id>/proc-<pid>/tmp, for Python and for what the build starts
            assert run_tmp.parent.parent.parent == wtmp and run_tmp.parent.parent.name.startswith("kbreport-run-")
            assert run_tmp.name == "tmp" and run_tmp.parent.name.startswith("proc-")
            assert seen["TMPDIR"] == seen["TEMP"] == seen["TMP"] == str(run_tmp)
            assert seen["JUPYTER_RUNTIME_DIR"] == str(run_tmp.parent / "jupyter-runtime")
            assert seen["MPLCONFIGDIR"] in (None, str(run_tmp.parent / "matplotlib"))
            assert Path(seen["left"]).parent == run_tmp
        assert os.listdir(wtmp) == []  # the leftovers of success and failure alike
        assert not (out / batch.WORK_DIR_NAME).exists()

        # stopped while a report is inside its build: its leftover goes too, once its task ends
        for f in marks.iterdir():
            f.unlink()
        _params(p, "aceh", nama="Aceh", tidur=2)
        stopped = batch.run_batch([p / "aceh.yaml"], out, data_dir=data, timeout=60,
                                  dask_address=cluster.scheduler_address, builder=temp_builder.build,
                                  resolver=light_builder.resolve, progress=_StopWhenMarked(marks))
        assert stopped.exit_code == 128 + signal.SIGINT and stopped.interrupted == "SIGINT"
        assert Path((marks / "aceh").read_text()).is_relative_to(wtmp)
        deadline = time.monotonic() + 15
        while os.listdir(wtmp) and time.monotonic() < deadline:  # the task runs on, then removes what it made
            time.sleep(0.2)
        assert os.listdir(wtmp) == []
        assert not (out / batch.WORK_DIR_NAME).exists()


# --- the command ---------------------------------------------------------------------------------------


def test_cli_run_names_the_bad_key_and_exits_1_without_starting_a_kernel(tmp_path):
    from click.testing import CliRunner

    from kbreport.cli import main

    p, out, data = tmp_path / "params", tmp_path / "out", tmp_path / "demo"
    data.mkdir()
    _params(p, "17-bengkulu", text="laporan: wilayah\nkode: '17'\nas_of: 2024-06-04\nwarna: merah\n")
    _params(p, "rusak", text="laporan: wilayah\nkode: [17\n")
    res = CliRunner().invoke(main, ["run", str(p), "--out", str(out), "--data", str(data), "--jobs", "2"])
    assert res.exit_code == 1, res.output
    assert "17-bengkulu.yaml: warna: kunci tidak dikenal" in res.output
    assert "rusak.yaml: YAML tidak valid" in res.output
    assert "Laporan gagal:" in res.output
    m = _manifest(out)
    assert (m["17-bengkulu"]["status"], m["rusak"]["status"]) == ("failed", "failed")
    assert m["17-bengkulu"]["notebook"] is None  # never got as far as choosing a notebook
    assert (out / "index.html").is_file()
    assert _kernels_under(os.getpid()) == []


def test_cli_run_rejects_unknown_format_and_empty_folder(tmp_path):
    from click.testing import CliRunner

    from kbreport.cli import main

    (tmp_path / "kosong").mkdir()
    res = CliRunner().invoke(main, ["run", str(tmp_path / "kosong"), "--out", str(tmp_path / "out"),
                                    "--data", str(tmp_path)])
    assert res.exit_code == 1 and "tidak ada file params" in res.output
    res = CliRunner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "out"), "--formats", "html,docx"])
    assert res.exit_code == 2 and "docx" in res.output


# --- progress ------------------------------------------------------------------------------------------


class _Stream:
    def __init__(self, tty: bool):
        self.text, self.tty = "", tty

    def write(self, s):
        self.text += s

    def flush(self):
        pass

    def isatty(self):
        return self.tty


def test_progress_lines_always_bar_only_on_a_terminal():
    from kbreport.batch.progress import Progress

    for tty in (False, True):
        out, err = _Stream(False), _Stream(tty)
        prog = Progress(3, out=out, err=err)
        prog.finished("17-bengkulu", "ok", 12.34)
        prog.finished("rusak", "failed", 0.0, "params tidak valid — rusak.yaml: YAML tidak valid\ndetail")
        prog.advance()
        prog.close()
        lines = out.text.splitlines()
        assert lines[0].split() == ["selesai", "17-bengkulu", "12.3", "s"]
        assert lines[1].split()[:2] == ["GAGAL", "rusak"] and lines[1].endswith("YAML tidak valid")
        assert len(lines) == 2  # the skipped one is counted, not listed
        if tty:
            assert "3/3, 1 gagal" in err.text and "█" in err.text
        else:
            assert err.text == ""
    quiet_out, quiet_err = _Stream(True), _Stream(True)
    q = Progress(1, enabled=False, out=quiet_out, err=quiet_err)
    q.finished("a", "ok", 1.0)
    q.close()
    assert quiet_out.text == quiet_err.text == ""


# --- the real thing: build_report on the briefing notebooks ---------------------------------------------


@pytest.mark.slow
def test_real_briefings_through_the_batch(tmp_path):
    from kbreport.build import report

    event = ROOT / "params" / "events" / "2024-06-04-fasilitasi-rumah-dataku-bengkulu.yaml"
    region = ROOT / "params" / "wilayah" / "1804-kab-lampung-barat.yaml"
    from kbreport.build.notebooks import builtin_dir

    needed = [builtin_dir() / "wilayah_briefing.ipynb", builtin_dir() / "event_briefing.ipynb", event, region]
    if not all(p.is_file() for p in needed):
        pytest.skip("briefing notebooks or params not there yet")
    data = tmp_path / "demo"
    subprocess.run([sys.executable, "-m", "kbreport.cli", "demo", "--out", str(data)], check=True,
                   stdout=subprocess.DEVNULL)
    p, out = tmp_path / "params", tmp_path / "out"
    p.mkdir()
    for f in (event, region):
        (p / f.name).write_bytes(f.read_bytes())
    (p / "99-salah.yaml").write_text("laporan: wilayah\nkode: '17'\nas_of: 2024-06-04\nwarna: merah\n")
    res = batch.run_batch([p], out, data_dir=data, jobs=2, formats=["html", "pdf", "xlsx"], progress=False)
    st = {r.name: r for r in res.reports}
    assert st["99-salah"].status == "failed" and "warna" in st["99-salah"].reason
    assert st[event.stem].status == "ok", st[event.stem].reason
    assert st[region.stem].status == "ok", st[region.stem].reason
    assert res.exit_code == 1
    fig = json.loads((out / event.stem / "figures.json").read_text())
    # issue 4: Bengkulu as of 2024-06-04 — 1,322 Kampung KB in 1,513 desa/kelurahan
    assert (fig["kampung_kb"], fig["desa_kelurahan"]) == (1322, 1513)
    for name in ("briefing.html", "briefing.pdf", "annex.xlsx", "figures.json", STAMP_NAME):
        assert (out / event.stem / name).is_file(), name
    assert (out / event.stem / "briefing.pdf").read_bytes()[:5] == b"%PDF-"
    page = (out / "index.html").read_text()
    assert "1.322" in page and "Data contoh (sintetis)" in page
    _assert_only_complete_files(out)
    assert _kernels_under(os.getpid()) == []
    t0 = time.monotonic()
    again = batch.run_batch([p], out, data_dir=data, jobs=2, formats=["html", "pdf"], progress=False)
    assert time.monotonic() - t0 < 2.0
    assert sorted(r.name for r in again.skipped) == sorted([event.stem, region.stem])


# --- warm kernels ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("warm", [True, False])
def test_one_worker_keeps_its_kernel_warm_unless_asked_and_failures_do_not_leak(tmp_path, warm):
    p, out = tmp_path / "params", tmp_path / "out"
    _params(p, "1-aceh", nama="Aceh")
    _params(p, "2-bali", nama="Bali")
    _params(p, "3-gagal", nama="Gagal", gagal=True)
    _params(p, "4-mati", nama="Mati", mati=True)
    _params(p, "5-bengkulu", nama="Bengkulu", desa=1513, kkb=1322)
    res = batch.run_batch([p], out, jobs=1, timeout=60, builder=light_builder.build, resolver=light_builder.resolve,
                          progress=False, warm_kernels=warm)
    st = {r.name: r.status for r in res.reports}
    assert st == {"1-aceh": "ok", "2-bali": "ok", "3-gagal": "failed", "4-mati": "failed", "5-bengkulu": "ok"}
    pid = {n: json.loads((out / n / "figures.json").read_text())["kernel_pid"] for n in ("1-aceh", "2-bali", "5-bengkulu")}
    if warm:  # one kernel for the first two; after the failures, a new one
        assert pid["1-aceh"] == pid["2-bali"] != pid["5-bengkulu"]
    else:
        assert len(set(pid.values())) == 3
    assert json.loads((out / "5-bengkulu" / "figures.json").read_text())["cakupan_persen"] == 87.4
    time.sleep(0.5)
    for p_ in set(pid.values()):  # an orphan would be re-parented to init, so look the pids up themselves
        assert not psutil.pid_exists(p_) or psutil.Process(p_).status() == psutil.STATUS_ZOMBIE, p_


def test_summary_speaks_the_run_language(tmp_path):
    oc = batch.ReportOutcome(name="aceh", params="params/aceh.yaml", status="failed", reason="alasan")
    ok = batch.ReportOutcome(name="bali", params="params/bali.yaml", status="ok")
    res = batch.BatchResult(out_dir=tmp_path, reports=[oc, ok], seconds=3.0, exit_code=1)
    assert res.summary().splitlines()[:3] == [
        "1 dibangun, 0 mutakhir (dilewati), 1 gagal — 2 laporan dalam 3.0 s.", "Laporan gagal:",
        "  - aceh (params/aceh.yaml): alasan"]
    res.lang = "en"
    assert res.summary().splitlines()[0] == "1 built, 0 up to date (skipped), 1 failed — 2 reports in 3.0 s."
    assert res.summary().splitlines()[-1] == f"Index: {tmp_path / 'index.html'}"


# --- the run's language: a refused params file is explained in it ---------------------------------

def test_refused_params_files_are_explained_in_the_runs_language(tmp_path):
    """Summary, manifest.json and index.html give a params file's reason in the run's language; the
    good report is still built and the run exits 1."""
    from kbreport.batch.discovery import default_resolver_for

    p, out = tmp_path / "params", tmp_path / "out"
    _params(p, "good", nama="Bengkulu", kode="17")
    _params(p, "float", text="laporan: wilayah\nkode: 16.10\nas_of: 2024-06-04\n")
    _params(p, "dup", text='laporan: wilayah\nkode: "17"\nkode: "18"\n')
    real = default_resolver_for(None)

    def resolver(path):  # the good one is the light builder's; the others go through kbreport's params
        return light_builder.resolve(path) if path.stem == "good" else real(path)

    expected = {
        "en": {"dup": f"invalid params — {p / 'dup.yaml'}: kode: duplicate key (already on line 2); line 3",
               "float": f"invalid params — {p / 'float.yaml'}: kode: region code 16.1 was read as a number; write it "
                        'in quotes, e.g. kode: "16.10"'},
        "id": {"dup": f"params tidak valid — {p / 'dup.yaml'}: kode: kunci ganda (sudah ada di baris 2); baris 3",
               "float": f"params tidak valid — {p / 'float.yaml'}: kode: kode wilayah 16.1 terbaca sebagai angka; "
                        'tulis dalam tanda kutip, mis. kode: "16.10"'},
    }
    for lang, reasons in expected.items():
        res = batch.run_batch([p], out, jobs=1, builder=light_builder.fake_build, resolver=resolver, progress=False, force=True,
                              lang=lang)
        assert res.exit_code == 1 and [r.name for r in res.built] == ["good"]
        assert {r.name: r.reason for r in res.failed} == reasons
        summary = res.summary()
        for name, reason in reasons.items():
            assert f"  - {name} (" in summary and reason in summary
        manifest = json.loads((out / "manifest.json").read_text())
        assert {r["name"]: r["reason"] for r in manifest["reports"] if r["status"] == "failed"} == reasons
        index = (out / "index.html").read_text()
        import html as _html

        for reason in reasons.values():
            assert _html.escape(reason, quote=False) in index or _html.escape(reason) in index
