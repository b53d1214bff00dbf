"""The time bound of reading a params file (kbreport.build.params_yaml): looked at while the YAML is
scanned and while it is composed, a ParamsError naming the file when it is hit."""
from __future__ import annotations

import pytest

from kbreport.build import params_yaml
from kbreport.build.params import load_params, read_params_file
from kbreport.errors import ParamsError
from kbreport.ingest import bounds

SLOW = ("membacanya memakan waktu lebih dari 2,5 detik, melebihi batas waktu; "
        "periksa apakah ini file yang benar dan tidak terlalu besar")
TEXT = 'laporan: wilayah\nkode: "17"\nas_of: 2024-06-04\ncatatan:\n  - satu\n  - dua\n'


class Clock:
    """time.monotonic() that moves one second per look."""

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


def test_a_params_file_read_past_its_bound_names_the_file(tmp_path, clock):
    p = tmp_path / "p.yaml"
    p.write_text(TEXT, encoding="utf-8")
    with pytest.raises(ParamsError) as e:
        read_params_file(p, seconds=2.5)
    assert (e.value.file, e.value.key, e.value.reason) == (str(p), None, SLOW)
    assert str(e.value) == f"{p}: {SLOW}"


def test_the_bound_is_looked_at_while_scanning(tmp_path, clock, monkeypatch):
    # scanning TEXT yields 25 tokens; one look per 8: t = 1, 2, 3 > 2.5 before anything is composed
    monkeypatch.setattr(params_yaml, "CHECK_TOKENS", 8)
    monkeypatch.setattr(params_yaml._UniqueKeyLoader, "compose_node",
                        lambda *a: pytest.fail("composed past the deadline"))
    p = tmp_path / "p.yaml"
    p.write_text(TEXT, encoding="utf-8")
    with pytest.raises(ParamsError) as e:
        read_params_file(p, seconds=2.5)
    assert e.value.reason == SLOW and clock.now == 3


def test_the_bound_is_looked_at_for_each_node(tmp_path, clock, monkeypatch):
    monkeypatch.setattr(params_yaml, "CHECK_TOKENS", 10**9)  # the scan never looks
    p = tmp_path / "p.yaml"
    p.write_text(TEXT, encoding="utf-8")
    with pytest.raises(ParamsError) as e:
        read_params_file(p, seconds=2.5)  # nodes: the mapping (t=1), "laporan" (t=2), "wilayah" (t=3)
    assert e.value.reason == SLOW and clock.now == 3
    clock.now = -1.0
    assert read_params_file(p, seconds=100)["catatan"] == ["satu", "dua"]
    assert clock.now == 11  # t = 0 at the start, then one look per node: the mapping, 4 keys, 3 scalars,
    #                         the list and its 2 items


def test_load_params_has_the_default_bound(tmp_path, monkeypatch):
    p = tmp_path / "p.yaml"
    p.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(params_yaml, "MAX_READ_SECONDS", 0.0)  # already due when reading starts
    with pytest.raises(ParamsError) as e:
        load_params(p, regions=False)
    assert e.value.reason.startswith("membacanya memakan waktu lebih dari 0 detik")
    monkeypatch.undo()
    assert load_params(p, regions=False).catatan == ["satu", "dua"]
