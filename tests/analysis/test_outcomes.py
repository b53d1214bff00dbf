"""Family-planning outcomes: ratios of sums, on the hand-made world of test_units."""
from __future__ import annotations

import math

import pytest

from tests.analysis.test_units import AS_OF, make_desa, make_kkb, make_kkbpk

from kbreport.analysis.outcomes import kb_outcomes


def _rows(t):
    return {r["kode"]: r for r in t.to_dict("records")}


def test_ratios_of_sums_not_means_of_ratios():
    r = _rows(kb_outcomes(make_desa(), make_kkb(), make_kkbpk(), "17.01", AS_OF))
    manna = r["17.01.01"]  # K1 (PUS 100, 80 peserta), K2 (PUS 10, 1 peserta), K3 (PUS 0)
    assert (manna["pus"], manna["peserta_kb"], manna["peserta_mkjp"], manna["pus_iat_tial"]) == (110, 81, 20, 9)
    assert manna["cpr"] == pytest.approx(100 * 81 / 110)  # 73.6 %
    assert manna["cpr"] != pytest.approx((80.0 + 10.0) / 2)  # the mean of K1's and K2's CPRs would be 45 %
    assert manna["mkjp"] == pytest.approx(100 * 20 / 81)
    assert manna["unmet"] == pytest.approx(100 * 9 / 110)
    assert manna["partisipasi_poktan"] == pytest.approx(100 * 18 / 60)  # K1 10/50, K2 8/10: mean would be 50
    ked = r["17.01.02"]  # only K9 (K4 is inactive and would swamp it with 1,000 IUD users)
    assert (ked["pus"], ked["cpr"], ked["mkjp"], ked["unmet"], ked["partisipasi_poktan"]) == \
        (40, 50.0, 50.0, 5.0, 25.0)
    tot = r["17.01"]  # 150 PUS, 101 peserta, 30 MKJP, 11 IAT+TIAL, 80 families, 23 in poktan
    assert (tot["kampung_kb"], tot["dengan_data"]) == (4, 4)
    assert tot["cpr"] == pytest.approx(100 * 101 / 150)
    assert tot["mkjp"] == pytest.approx(100 * 30 / 101)
    assert tot["unmet"] == pytest.approx(100 * 11 / 150)
    assert tot["partisipasi_poktan"] == pytest.approx(100 * 23 / 80)


def test_zero_denominators_are_nan():
    r = _rows(kb_outcomes(make_desa(), make_kkb(), make_kkbpk(), "17", AS_OF))
    kota = r["17.71"]  # K5 has no kkbpk row
    assert (kota["kampung_kb"], kota["dengan_data"], kota["pus"]) == (1, 0, 0)
    assert all(math.isnan(kota[k]) for k in ("cpr", "mkjp", "unmet", "partisipasi_poktan"))
    assert all(math.isnan(r["17.02"][k]) for k in ("cpr", "mkjp", "unmet", "partisipasi_poktan"))
    lp = _rows(kb_outcomes(make_desa(), make_kkb(), make_kkbpk(), "18", AS_OF))["18"]
    # K6 (PUS 50, 30 peserta, 20 IUD, no poktan families) + K7 (all zero)
    assert (lp["cpr"], lp["unmet"]) == (60.0, 0.0)
    assert lp["mkjp"] == pytest.approx(100 * 20 / 30)
    assert math.isnan(lp["partisipasi_poktan"])


def test_before_first_launch_all_undefined():
    t = kb_outcomes(make_desa(), make_kkb(), make_kkbpk(), None, "2015-12-31")
    assert (t["pus"] == 0).all()
    assert t["cpr"].isna().all()
