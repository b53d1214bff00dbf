"""Kecamatan holding a Kampung KB on the hand-made world of test_units (expected values worked out by hand)."""
from __future__ import annotations

import pandas as pd
import pytest

from tests.analysis.test_units import AS_OF, make_desa, make_kkb

from kbreport.analysis.kecamatan import KECAMATAN_COLUMNS, kecamatan_coverage


def _rows(t):
    return {r["kode"]: (r["kecamatan"], r["kecamatan_tercakup"]) for r in t.to_dict("records")}


def test_province_by_kabkota():
    t = kecamatan_coverage(make_desa(), make_kkb(), "17", AS_OF)
    assert list(t.columns) == KECAMATAN_COLUMNS
    # 17.01: Manna (K1, K2, K3) and Kedurang (K9; K4 inactive) → 2 of 2; 17.02 Curup: none → 0 of 1;
    # 17.71 Gading Cempaka (K5) → 1 of 1; Bengkulu 3 of 4
    assert _rows(t) == {"17.01": (2, 2), "17.02": (1, 0), "17.71": (1, 1), "17": (4, 3)}
    assert list(t["total"]) == [False, False, False, True]
    assert t["kecamatan_persen"].tolist() == pytest.approx([100.0, 0.0, 100.0, 75.0])


def test_as_of_an_earlier_date_counts_only_what_was_launched():
    # 1 January 2019: only K1 (2016) and K2 (2018), both in Manna
    t = kecamatan_coverage(make_desa(), make_kkb(), "17", "2019-01-01")
    assert _rows(t) == {"17.01": (2, 1), "17.02": (1, 0), "17.71": (1, 0), "17": (4, 1)}


def test_indonesia_by_province_and_an_empty_kecamatan_table():
    t = kecamatan_coverage(make_desa(), make_kkb(), None, AS_OF)
    assert _rows(t) == {"17": (4, 3), "18": (1, 1), None: (5, 4)}  # Balik Bukit: K6, K7 by 31 May
    none = kecamatan_coverage(make_desa(), make_kkb(), "17", "2015-01-01")  # before any Kampung KB
    assert _rows(none)["17"] == (4, 0) and not pd.isna(none["kecamatan_persen"]).any()
