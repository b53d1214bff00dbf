"""kbreport.batch.stamps: content hashes and the build stamp that make `kbreport run` incremental."""
import json
import os

import pytest

from kbreport import __version__
from kbreport.batch import stamps as h
from kbreport.errors import ReportError

ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # FIPS 180-2 test vector


def test_sha256_of_bytes_and_file(tmp_path):
    f = tmp_path / "abc.txt"
    f.write_bytes(b"abc")
    assert h.sha256_bytes(b"abc") == ABC_SHA256
    assert h.sha256_file(f) == ABC_SHA256


def test_tree_files_sorted_without_hidden_or_caches(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.csv").write_text("1")
    (tmp_path / "a.csv").write_text("1")
    (tmp_path / ".hidden.csv").write_text("1")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.pyc").write_text("1")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("1")
    rel = [p.relative_to(tmp_path).as_posix() for p in h.tree_files(tmp_path)]
    assert rel == ["a.csv", "b/z.csv"]


def test_hash_cache_sees_a_changed_file(tmp_path):
    f = tmp_path / "d.csv"
    f.write_bytes(b"abc")
    cache = h.HashCache()
    assert cache.file(f) == ABC_SHA256
    f.write_bytes(b"abcd")  # new size: must be re-read even if mtime granularity is coarse
    assert cache.file(f) == h.sha256_bytes(b"abcd")
    assert cache.tree(tmp_path) == {"d.csv": h.sha256_bytes(b"abcd")}


def _inputs(tmp_path, formats=("html",), code="1.0+x"):
    return h.build_inputs(notebook=tmp_path / "nb.ipynb", params_path=tmp_path / "p.yaml",
                          data_dir=tmp_path / "data", formats=formats, code=code, cache=h.HashCache())


@pytest.fixture
def inputs_dir(tmp_path):
    (tmp_path / "nb.ipynb").write_text("{}")
    (tmp_path / "p.yaml").write_text("kode: '17'\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kampung_kb.csv").write_text("kode,nama\n")
    return tmp_path


def test_inputs_name_every_hash(inputs_dir):
    inp = _inputs(inputs_dir)
    assert inp["notebook"] == {"path": "nb.ipynb", "sha256": h.sha256_bytes(b"{}")}
    assert inp["params"] == {"path": "p.yaml", "sha256": h.sha256_bytes(b"kode: '17'\n")}
    assert inp["data"] == {"kampung_kb.csv": h.sha256_bytes(b"kode,nama\n")}
    assert inp["kbreport"] == "1.0+x"


@pytest.mark.parametrize("change", ["params", "notebook", "data_edit", "data_new_file", "code"])
def test_digest_changes_with_each_input(inputs_dir, change):
    before = h.inputs_digest(_inputs(inputs_dir))
    code = "1.0+x"
    if change == "params":
        (inputs_dir / "p.yaml").write_text("kode: '18'\n")
    elif change == "notebook":
        (inputs_dir / "nb.ipynb").write_text('{"cells": []}')
    elif change == "data_edit":
        (inputs_dir / "data" / "kampung_kb.csv").write_text("kode,nama\n17,X\n")
    elif change == "data_new_file":
        (inputs_dir / "data" / "rumah_dataku.csv").write_text("x\n")
    else:
        code = "1.0+y"
    assert h.inputs_digest(_inputs(inputs_dir, code=code)) != before


def test_digest_ignores_formats_and_unchanged_inputs(inputs_dir):
    a = h.inputs_digest(_inputs(inputs_dir, formats=("html",)))
    b = h.inputs_digest(_inputs(inputs_dir, formats=("pdf", "html")))
    assert a == b


def test_code_fingerprint_carries_the_version():
    fp = h.code_fingerprint()
    assert fp.startswith(__version__ + "+")
    assert len(fp) == len(__version__) + 1 + 16


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "m.json"
    target.write_text("old")
    h.write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]


def test_write_atomic_failure_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "m.json"
    target.write_text("old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(h.os, "replace", boom)
    with pytest.raises(ReportError) as e:  # one line naming the file, not an OSError's repr
        h.write_atomic(target, b"new")
    assert str(e.value) == f"berkas {target} tidak dapat ditulis (sebab tidak diketahui)"
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]


def _report(tmp_path):
    d = tmp_path / "bengkulu"
    d.mkdir()
    (d / "briefing.html").write_text("<html>")
    (d / "figures.json").write_text("{}")
    return d


def test_stamp_round_trip_and_up_to_date(inputs_dir):
    d = _report(inputs_dir)
    inp = _inputs(inputs_dir, formats=("html", "pdf"))
    files = h.output_hashes(d)
    assert files == {"briefing.html": h.sha256_bytes(b"<html>"), "figures.json": h.sha256_bytes(b"{}")}
    h.write_stamp(d, inp, files)
    assert h.STAMP_NAME not in h.output_hashes(d)  # the stamp is not an output
    assert h.up_to_date(d, inp)["files"] == files
    # fewer formats requested than were built: still up to date
    assert h.up_to_date(d, _inputs(inputs_dir, formats=("html",))) is not None
    # a format that was not built: rebuild
    assert h.up_to_date(d, _inputs(inputs_dir, formats=("html", "xlsx"))) is None


def test_not_up_to_date_when_an_output_is_gone_or_stamp_bad(inputs_dir):
    d = _report(inputs_dir)
    inp = _inputs(inputs_dir)
    h.write_stamp(d, inp, h.output_hashes(d))
    (d / "figures.json").unlink()
    assert h.up_to_date(d, inp) is None
    (d / "figures.json").write_text("{}")
    assert h.up_to_date(d, inp) is not None
    (d / h.STAMP_NAME).write_text("{not json")
    assert h.up_to_date(d, inp) is None
    (d / h.STAMP_NAME).write_text(json.dumps({"stamp_version": 999}))
    assert h.up_to_date(d, inp) is None
    h.remove_stamp(d)
    h.remove_stamp(d)  # twice is fine
    assert not (d / h.STAMP_NAME).exists()


def test_not_up_to_date_when_an_input_changed(inputs_dir):
    d = _report(inputs_dir)
    h.write_stamp(d, _inputs(inputs_dir), h.output_hashes(d))
    (inputs_dir / "p.yaml").write_text("kode: '16'\n")
    assert h.up_to_date(d, _inputs(inputs_dir)) is None


def test_missing_notebook_and_data_are_recorded_as_none(tmp_path):
    (tmp_path / "p.yaml").write_text("a: 1\n")
    inp = h.build_inputs(notebook=None, params_path=tmp_path / "p.yaml", data_dir=None,
                         formats=["html"], code="c", cache=h.HashCache())
    assert inp["notebook"] is None and inp["data"] is None
    assert os.path.basename(inp["params"]["path"]) == "p.yaml"


def test_a_symlinked_report_folder_is_never_up_to_date_and_its_stamp_never_removed(inputs_dir):
    elsewhere = _report(inputs_dir)  # a complete, stamped report that is not ours to change
    inp = _inputs(inputs_dir)
    h.write_stamp(elsewhere, inp, h.output_hashes(elsewhere))
    stamp = (elsewhere / h.STAMP_NAME).read_bytes()
    link = inputs_dir / "out" / "bengkulu"
    link.parent.mkdir()
    link.symlink_to(elsewhere, target_is_directory=True)
    assert h.up_to_date(link, inp) is None
    for write in (lambda: h.remove_stamp(link), lambda: h.write_stamp(link, inp, {})):
        with pytest.raises(ReportError) as e:
            write()
        assert str(e.value) == f"{link} adalah tautan simbolik; kbreport tidak menulis melaluinya"
    assert (elsewhere / h.STAMP_NAME).read_bytes() == stamp


def test_built_time_comes_from_the_stamp(inputs_dir):
    d = _report(inputs_dir)
    assert h.built_time(d) is None
    stamp = h.write_stamp(d, _inputs(inputs_dir), h.output_hashes(d))
    assert h.built_time(d) == stamp["built"]
    old = json.loads((d / h.STAMP_NAME).read_text())
    del old["built"]  # a stamp from before stamps held a time: the file's own
    (d / h.STAMP_NAME).write_text(json.dumps(old))
    os.utime(d / h.STAMP_NAME, (1717459200, 1717459200))  # 2024-06-04T00:00:00Z
    import datetime as dt

    assert dt.datetime.fromisoformat(h.built_time(d)).timestamp() == 1717459200
