"""kbreport.build.decree_view: the decree view translated once per run, equal to the uncached one."""
from __future__ import annotations

from datetime import date

import pandas as pd


def _same(a, b):
    for name in ("kampung_kb", "desa_cantik", "master"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert a.master.attrs == b.master.attrs


def test_cached_view_equals_uncached_and_translates_once(demo_data):
    from kbreport.build import decree_view
    from kbreport.ingest.dataset import load_data_cached, with_master_on

    decree_view.clear()
    day = date(2017, 3, 7)  # an older decree than the demo data's
    plain = with_master_on(load_data_cached(demo_data), day)
    before = decree_view.calls["translate"]
    first = decree_view.with_master_on(load_data_cached(demo_data), day)
    second = decree_view.with_master_on(load_data_cached(demo_data), day)  # the next report of the run
    assert decree_view.calls["translate"] - before == 2  # kampung_kb and desa_cantik, once each
    assert first.master_wilayah != load_data_cached(demo_data).master_wilayah
    _same(plain, first)
    _same(plain, second)


def test_changed_codes_are_translated_afresh(demo_data):
    from kbreport.build import decree_view
    from kbreport.ingest.dataset import load_data_cached, with_master_on

    decree_view.clear()
    day = date(2017, 3, 7)
    decree_view.with_master_on(load_data_cached(demo_data), day)
    ds = load_data_cached(demo_data)
    ds.kampung_kb = ds.kampung_kb.iloc[::2].copy()  # a report's own edited copy
    before = decree_view.calls["translate"]
    got = decree_view.with_master_on(ds, day)
    assert decree_view.calls["translate"] - before == 1
    _same(with_master_on(ds, day), got)
    second = decree_view.with_master_on(load_data_cached(demo_data), day)
    second.kampung_kb.loc[second.kampung_kb.index[0], "kode_desa"] = None  # a write stays in its own copy
    _same(with_master_on(load_data_cached(demo_data), day), decree_view.with_master_on(load_data_cached(demo_data), day))
