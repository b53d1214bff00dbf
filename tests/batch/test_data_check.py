"""kbreport.batch.data_check: the data validated once, and not again while OUT remembers it valid as it is."""
from __future__ import annotations

import os

import pytest

from kbreport.batch import data_check
from kbreport.errors import ReportError


@pytest.fixture
def calls(monkeypatch):
    seen = []

    def fake_validate(data, lang, store=None):
        seen.append((data, lang))
        if (data / "rusak.txt").exists():
            raise ReportError("data rusak")

    monkeypatch.setattr(data_check, "_validate", fake_validate)
    return seen


def test_validated_once_until_a_file_or_the_language_changes(tmp_path, calls):
    data, out = tmp_path / "data", tmp_path / "out"
    data.mkdir(), out.mkdir()
    (data / "kampung_kb.csv").write_text("id\nA\n")
    assert data_check.check_data(data, out, "id") is True
    assert (out / data_check.DATA_OK_NAME).is_file()
    assert data_check.check_data(data, out, "id") is False  # remembered: no second validation
    assert len(calls) == 1
    (data / "kampung_kb.csv").write_text("id\nB\n")  # same size, other content
    assert data_check.check_data(data, out, "id") is True
    assert data_check.check_data(data, out, "en") is True  # the report is in the user's language
    assert len(calls) == 3


def test_invalid_data_is_never_remembered(tmp_path, calls):
    data, out = tmp_path / "data", tmp_path / "out"
    data.mkdir(), out.mkdir()
    (data / "rusak.txt").write_text("x")
    for _ in range(2):
        with pytest.raises(ReportError, match="data rusak"):
            data_check.check_data(data, out, "id")
    assert len(calls) == 2 and not (out / data_check.DATA_OK_NAME).exists()


def test_a_symlink_at_its_name_is_neither_trusted_nor_written_through(tmp_path, calls):
    data, out = tmp_path / "data", tmp_path / "out"
    data.mkdir(), out.mkdir()
    (data / "kampung_kb.csv").write_text("id\nA\n")
    elsewhere = tmp_path / "elsewhere.json"
    key = data_check.data_check_key(data, "id")
    elsewhere.write_text('{"key": "%s"}' % key)  # a valid-looking record, but behind a link
    os.symlink(elsewhere, out / data_check.DATA_OK_NAME)
    assert data_check.check_data(data, out, "id") is True and len(calls) == 1
    assert elsewhere.read_text() == '{"key": "%s"}' % key and (out / data_check.DATA_OK_NAME).is_symlink()


def test_a_corrupt_record_means_validate_again(tmp_path, calls):
    data, out = tmp_path / "data", tmp_path / "out"
    data.mkdir(), out.mkdir()
    (data / "kampung_kb.csv").write_text("id\nA\n")
    (out / data_check.DATA_OK_NAME).write_text("[1, 2")
    assert data_check.check_data(data, out, "id") is True
    assert data_check.check_data(data, out, "id") is False


def test_a_validation_in_indonesian_leaves_the_parse_for_the_kernels(tmp_path):
    import shutil
    from pathlib import Path

    import pandas as pd

    from kbreport.ingest.dataset import load_data
    from kbreport.ingest.dataset_store import DatasetStore

    base = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / "_baseline"
    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(base, data)
    out.mkdir()
    store = data_check.data_store(data, out)
    assert store[0] == str(out / data_check.DATA_STORE_NAME)
    assert data_check.check_data(data, out, "en", store=store) is True
    assert DatasetStore(*store).load() is None  # an English parse is not what the kernels read
    (out / data_check.DATA_OK_NAME).unlink()
    assert data_check.check_data(data, out, "id", store=store) is True
    kept, fresh = DatasetStore(*store).load(), load_data(data)
    pd.testing.assert_frame_equal(kept.kampung_kb, fresh.kampung_kb)
    assert kept.checksum == fresh.checksum and [p.message for p in kept.warnings] == [p.message for p in fresh.warnings]
    (data / "kkbpk.csv").write_text((data / "kkbpk.csv").read_text() + "\n")
    assert data_check.data_store(data, out)[1] != store[1]  # changed data: another entry
