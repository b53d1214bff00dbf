"""kbreport.ingest.dataset_store: a parse kept on disk is loaded back exactly, and only when it is ours,
unchanged and of the folder as it is now."""
from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pandas as pd
import pytest

from kbreport.ingest import dataset
from kbreport.ingest.dataset import load_data, load_data_cached
from kbreport.ingest.dataset_store import KEY_FILE_NAME, DatasetStore

BASE = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / "_baseline"
KEY = "ab" * 32


@pytest.fixture(scope="module")
def parsed():
    return load_data(BASE)


def test_what_is_saved_loads_back_with_the_same_tables_dtypes_and_attrs(tmp_path, parsed):
    store = DatasetStore(tmp_path / "c", KEY)
    assert store.save(parsed)
    assert stat.S_IMODE((tmp_path / "c" / KEY_FILE_NAME).stat().st_mode) == 0o600
    back = store.load(parsed.checksum)
    for name in ("kampung_kb", "profil", "kkbpk", "desa_cantik", "master"):
        a, b = getattr(parsed, name), getattr(back, name)
        pd.testing.assert_frame_equal(a, b)
        assert list(a.dtypes) == list(b.dtypes) and a.attrs == b.attrs
    assert back.checksum == parsed.checksum and back.sumber == parsed.sumber


def test_a_changed_byte_another_checksum_or_a_missing_key_is_a_miss(tmp_path, parsed):
    store = DatasetStore(tmp_path / "c", KEY)
    store.save(parsed)
    assert store.load("0" * 64) is None  # the folder is no longer what was parsed
    blob = bytearray(store.path.read_bytes())
    blob[-10] ^= 1
    store.path.write_bytes(bytes(blob))
    assert store.load(parsed.checksum) is None
    store.save(parsed)
    (tmp_path / "c" / KEY_FILE_NAME).unlink()
    assert store.load(parsed.checksum) is None


def test_a_key_others_can_read_or_a_link_is_not_trusted(tmp_path, parsed):
    store = DatasetStore(tmp_path / "c", KEY)
    store.save(parsed)
    key = tmp_path / "c" / KEY_FILE_NAME
    key.chmod(0o644)
    assert store.load() is None
    key.chmod(0o600)
    assert store.load() is not None
    elsewhere = tmp_path / "entry"
    store.path.rename(elsewhere)
    store.path.symlink_to(elsewhere)
    assert store.load() is None  # a link at the entry's name is never read
    linked = tmp_path / "linked"
    linked.symlink_to(tmp_path / "c")
    assert DatasetStore(linked, KEY).load() is None and not DatasetStore(linked, KEY).save(parsed)


def test_saving_keeps_only_the_newest_entry_and_never_writes_through_a_link(tmp_path, parsed):
    old = DatasetStore(tmp_path / "c", "cd" * 32)
    old.save(parsed)
    victim = tmp_path / "victim"
    victim.write_text("mine")
    new = DatasetStore(tmp_path / "c", KEY)
    new.path.symlink_to(victim)
    assert new.save(parsed)
    assert victim.read_text() == "mine" and not new.path.is_symlink()
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == sorted([KEY_FILE_NAME, new.path.name])


def test_a_key_that_is_not_hex_is_refused(tmp_path):
    with pytest.raises(ValueError):
        DatasetStore(tmp_path, "../x")


def test_load_data_cached_takes_the_stored_parse_in_a_new_process(tmp_path, monkeypatch, parsed):
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    store = DatasetStore(tmp_path / "c", KEY)
    dataset._DATASETS.clear()
    first = load_data_cached(data, store=store)  # parses and leaves the parse
    assert store.path.is_file()
    dataset._DATASETS.clear()  # as in the next kernel
    monkeypatch.setattr(dataset, "load_data", lambda *a, **k: pytest.fail("parsed again"))
    monkeypatch.chdir(tmp_path)
    again = load_data_cached(Path("data"), store=store)
    assert again.data_dir == Path("data")  # as this caller names the folder
    pd.testing.assert_frame_equal(again.kampung_kb, first.kampung_kb)
    dataset._DATASETS.clear()
