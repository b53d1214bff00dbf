"""kbreport.ingest.dataset.load_data_cached and data_checksum_cached: parsed once per state of the folder,
and no caller can change what the next one sees."""
from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from kbreport.ingest import dataset
from kbreport.ingest.dataset import data_checksum, data_checksum_cached, folder_state, load_data, load_data_cached

BASE = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / "_baseline"
TODAY = date(2025, 1, 1)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    d = tmp_path / "data"
    shutil.copytree(BASE, d)
    dataset._DATASETS.clear()
    calls = []
    real = dataset.load_data

    def counting(*a, **kw):
        calls.append(a[0])
        return real(*a, **kw)

    monkeypatch.setattr(dataset, "load_data", counting)
    return d, calls


def test_parsed_once_and_equal_to_load_data(folder):
    d, calls = folder
    a = load_data_cached(d, today=TODAY)
    b = load_data_cached(d, today=TODAY)
    assert len(calls) == 1
    ref = load_data(d, today=TODAY)
    for name in ("kampung_kb", "profil", "kkbpk", "desa_cantik"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(ref, name))
        pd.testing.assert_frame_equal(getattr(b, name), getattr(ref, name))
    assert a is not b and a.kampung_kb is not b.kampung_kb
    assert (a.checksum, a.sumber, a.sintetis) == (ref.checksum, ref.sumber, ref.sintetis)


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning")
def test_changes_by_one_caller_are_invisible_to_the_next(folder):
    d, _ = folder
    a = load_data_cached(d, today=TODAY)
    first = a.kampung_kb.iloc[0]["nama"]
    a.kampung_kb.loc[0, "nama"] = "RUSAK"
    a.kampung_kb["baru"] = 1
    a.kampung_kb.drop(index=a.kampung_kb.index[1:], inplace=True)
    a.profil.iloc[:, 0] = None
    a.master.drop(index=a.master.index, inplace=True)
    a.warnings.append("x")
    b = load_data_cached(d, today=TODAY)
    assert len(b.kampung_kb) == 4 and b.kampung_kb.loc[0, "nama"] == first
    assert "baru" not in b.kampung_kb.columns
    assert b.profil.iloc[:, 0].notna().all()
    assert len(b.master) > 80_000 and b.warnings == []


def test_an_edited_added_or_removed_file_is_read_again(folder):
    d, calls = folder
    load_data_cached(d, today=TODAY)
    kkb = d / "kampung_kb.csv"
    text = kkb.read_text(encoding="utf-8")
    kkb.write_text(text.rstrip("\n") + "\n", encoding="utf-8")  # same bytes…
    os.utime(kkb, ns=(kkb.stat().st_atime_ns, kkb.stat().st_mtime_ns + 1_000_000))  # …but touched
    load_data_cached(d, today=TODAY)
    assert len(calls) == 2
    (d / "desa_cantik.csv").unlink()
    assert len(load_data_cached(d, today=TODAY).desa_cantik) == 0 and len(calls) == 3
    # another day may change what counts as a date in the future: parsed again
    load_data_cached(d, today=date(2025, 1, 2))
    assert len(calls) == 4


def test_a_master_frame_is_never_cached(folder):
    from kbreport.ingest.wilayah import load_master

    d, calls = folder
    m = load_master()
    load_data_cached(d, master=m, today=TODAY)
    load_data_cached(d, master=m, today=TODAY)
    assert len(calls) == 2


def test_checksum_cached_follows_the_files(tmp_path, monkeypatch):
    d = tmp_path / "data"
    shutil.copytree(BASE, d)
    calls = []
    real = dataset.data_checksum
    monkeypatch.setattr(dataset, "data_checksum", lambda p: calls.append(p) or real(p))
    before = folder_state(d)
    first = data_checksum_cached(d)
    assert first == real(d) and data_checksum_cached(d) == first
    assert len(calls) == 1  # the second answer came from the cache
    (d / "kkbpk.csv").write_text((d / "kkbpk.csv").read_text() + "\n")
    assert folder_state(d) != before
    assert data_checksum_cached(d) == real(d) != first and len(calls) == 2


def test_a_copy_that_keeps_the_modification_time_is_seen(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(BASE, d)
    before = folder_state(d)
    src = tmp_path / "kkbpk.csv"
    src.write_text((d / "kkbpk.csv").read_text().replace("\n", "\r\n"))
    st = (d / "kkbpk.csv").stat()
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns))
    shutil.copy2(src, d / "kkbpk.csv")  # like `cp -p`: another content, the old modification time
    assert folder_state(d) != before


def test_checksum_never_follows_a_symlinked_table(tmp_path):
    # two folders whose kampung_kb.csv links to different files: the link's name counts, its target is not read
    sums = []
    for i, target in enumerate(("satu", "dua")):
        d = tmp_path / f"d{i}"
        shutil.copytree(BASE, d)
        (tmp_path / target).write_text(target)
        (d / "kampung_kb.csv").unlink()
        (d / "kampung_kb.csv").symlink_to(tmp_path / target)
        sums.append(data_checksum(d))
    assert sums[0] == sums[1] != data_checksum(BASE)


def test_checksum_does_not_read_a_file_above_the_size_limit(tmp_path, monkeypatch):
    from kbreport.ingest import bounds as io

    d = tmp_path / "d"
    shutil.copytree(BASE, d)
    monkeypatch.setattr(io, "MAX_CSV_BYTES", 100)  # kkbpk.csv (385 bytes) is now too large to be read
    capped = data_checksum(d)
    p = d / "kkbpk.csv"
    p.write_text(p.read_text().replace(",150,90", ",150,91"))  # same size, other bytes
    assert data_checksum(d) == capped
    monkeypatch.undo()
    assert data_checksum(d) != data_checksum(BASE)  # within the limit the edit is seen again
