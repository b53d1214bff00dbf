"""The time bound of the table readers (kbreport.ingest.bounds.Deadline): a read that runs past it is
refused with a reason naming the bound, in Indonesian or English, between chunks and rows."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kbreport.errors import DataValidationError
from kbreport.ingest import bounds, readers, schema
from kbreport.ingest.readers import read_column, read_raw, read_table

BASE = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / "_baseline"

SLOW_ID = ("file tidak dapat dibaca: membacanya memakan waktu lebih dari 2,5 detik, melebihi batas waktu; "
           "periksa apakah ini file yang benar dan tidak terlalu besar")
SLOW_EN = ("file cannot be read: reading it took longer than 2.5 seconds, over the time limit; "
           "check that it is the right file and not too large")


class Clock:
    """time.monotonic() that moves one second per look, counting the looks."""

    def __init__(self):
        self.now = -1.0

    def monotonic(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(bounds, "time", c)
    return c


def _csv(path: Path, rows: int) -> Path:
    lines = ["kode_desa,tahun"] + [f"16.10.05.{2000 + i:04d},2022" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_deadline_counts_from_its_start(clock):
    d = bounds.Deadline(2.5)  # look 1: t = 0, due at 2.5
    d.check()  # t = 1
    d.check()  # t = 2
    with pytest.raises(bounds.Unreadable) as e:
        d.check()  # t = 3
    assert (e.value.key, e.value.fields) == ("too_slow", {"seconds": 2.5})


def test_the_default_bound_is_read_when_a_read_starts(monkeypatch):
    monkeypatch.setattr(bounds, "MAX_READ_SECONDS", 7.0)
    assert bounds.Deadline().seconds == 7.0 and bounds.Deadline(1).seconds == 1.0


def test_seconds_in_a_reason_as_the_user_writes_them():
    assert bounds.reason_fields("id", {"seconds": 2.5}) == {"seconds": "2,5"}
    assert bounds.reason_fields("en", {"seconds": 2.5}) == {"seconds": "2.5"}
    assert bounds.reason_fields("id", {"seconds": 300.0}) == {"seconds": "300"}
    assert bounds.reason_fields("en", {"seconds": 0.25}) == {"seconds": "0.25"}


def test_a_csv_read_past_its_bound_is_refused_in_either_language(tmp_path, clock):
    p = _csv(tmp_path / "desa_cantik.csv", 3)
    raw = read_raw(p, schema.DESA_CANTIK, seconds=2.5)
    assert raw.frame is None
    assert [(x.file, x.row, x.code, x.severity, x.message) for x in raw.problems] == [
        ("desa_cantik.csv", None, "file_unreadable", "error", SLOW_ID)]
    assert [x.message for x in read_raw(p, schema.DESA_CANTIK, lang="en", seconds=2.5).problems] == [SLOW_EN]


def test_a_csv_is_timed_between_chunks(tmp_path, clock, monkeypatch):
    # 7 rows + heading, 2 rows per chunk: 4 chunks, each followed by a look at the clock
    p = _csv(tmp_path / "desa_cantik.csv", 7)
    monkeypatch.setattr(readers, "CSV_CHUNK_ROWS", 2)
    raw = read_raw(p, schema.DESA_CANTIK, seconds=1000)
    assert raw.problems == [] and len(raw.frame) == 7
    looks_with_chunks = clock.now
    clock.now = -1.0
    monkeypatch.setattr(readers, "CSV_CHUNK_ROWS", 100)
    read_raw(p, schema.DESA_CANTIK, seconds=1000)
    assert looks_with_chunks - clock.now == 3  # three more chunks, three more looks


def test_chunked_reading_gives_the_same_table(tmp_path, monkeypatch):
    p = _csv(tmp_path / "desa_cantik.csv", 7)
    whole = read_raw(p, schema.DESA_CANTIK).frame
    monkeypatch.setattr(readers, "CSV_CHUNK_ROWS", 3)
    chunked = read_raw(p, schema.DESA_CANTIK).frame
    assert chunked.equals(whole) and list(chunked.index) == list(range(2, 9))


def test_a_workbook_is_timed_between_rows(tmp_path, xlsx_engine, clock, monkeypatch):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["kode_desa", "tahun"])
    for i in range(5):
        wb.active.append([f"16.10.05.{2000 + i:04d}", 2022])
    p = tmp_path / "desa_cantik.xlsx"
    wb.save(p)
    monkeypatch.setattr(readers, "XLSX_CHECK_ROWS", 2)
    # start t=0; after opening t=1; rows 2 and 4: t=2, t=3 > 2.5 — refused inside the sheet
    assert [x.message for x in read_raw(p, schema.DESA_CANTIK, seconds=2.5).problems] == [SLOW_ID]
    assert clock.now == 3
    clock.now = -1.0
    raw = read_raw(p, schema.DESA_CANTIK, seconds=1000)
    assert raw.problems == [] and len(raw.frame) == 5


def test_read_table_and_read_column_fail_cleanly_past_the_bound(tmp_path):
    d = tmp_path / "d"
    shutil.copytree(BASE, d)
    with pytest.raises(DataValidationError) as e:
        read_table(d / "kampung_kb.csv", schema.KAMPUNG_KB, seconds=0)  # already due when it starts
    assert [p.code for p in e.value.problems] == ["file_unreadable"]
    assert "batas waktu" in e.value.problems[0].message
    with pytest.raises(DataValidationError) as e:
        read_column(d / "kampung_kb.csv", schema.KAMPUNG_KB, "kode_desa", seconds=0)
    assert "batas waktu" in e.value.problems[0].message
    # within the bound, the fast path and the full reader agree
    fast = read_column(d / "kampung_kb.csv", schema.KAMPUNG_KB, "kode_desa")
    assert fast.tolist() == read_table(d / "kampung_kb.csv", schema.KAMPUNG_KB)["kode_desa"].tolist()


def test_read_column_does_not_follow_a_link_or_read_past_the_size_bound(tmp_path, monkeypatch):
    d = tmp_path / "d"
    shutil.copytree(BASE, d)
    (d / "kampung_kb.csv").rename(tmp_path / "elsewhere.csv")
    (d / "kampung_kb.csv").symlink_to(tmp_path / "elsewhere.csv")
    with pytest.raises(DataValidationError) as e:
        read_column(d / "kampung_kb.csv", schema.KAMPUNG_KB, "kode_desa")
    assert [p.code for p in e.value.problems] == ["file_symlink"]
    monkeypatch.setattr(bounds, "MAX_CSV_BYTES", 100)
    with pytest.raises(DataValidationError) as e:
        read_column(tmp_path / "elsewhere.csv", schema.KAMPUNG_KB, "kode_desa")
    assert "melebihi batas 100 byte" in e.value.problems[0].message
