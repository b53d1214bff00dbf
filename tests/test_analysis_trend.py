"""Trend, pace and projection on the hand-made world of test_analysis_units."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

try:
    from test_analysis_units import AS_OF, make_desa, make_kkb
except ImportError:  # tests collected as a package
    from tests.test_analysis_units import AS_OF, make_desa, make_kkb

from kbreport.analysis.trend import target_pace, trend


def test_monthly_trend_of_a_province():
    t = trend(make_desa(), make_kkb(), "17", AS_OF)
    # January 2016 .. May 2024 = 8 × 12 + 5 months
    assert len(t) == 101
    assert t["bulan"].iloc[0] == pd.Timestamp("2016-01-01") and t["bulan"].iloc[-1] == pd.Timestamp("2024-05-01")
    m = t.set_index("bulan")
    assert (m.loc["2016-01-01", "kampung_kb_baru"], m.loc["2016-01-01", "tercakup_baru"]) == (1, 1)
    # K2 (June 2018) is a second Kampung KB in an already covered desa: a new KKB, no new desa
    assert (m.loc["2018-06-01", "kampung_kb_baru"], m.loc["2018-06-01", "tercakup_baru"]) == (1, 0)
    # K4 (March 2023) is inactive: nothing
    assert m.loc["2023-03-01", "kampung_kb_baru"] == 0
    assert (m.loc["2023-05-01", "tercakup"], m.loc["2023-05-01", "kampung_kb"]) == (3, 4)
    last = t.iloc[-1]
    assert (last["kampung_kb"], last["tercakup"]) == (5, 4)
    assert last["cakupan_persen"] == pytest.approx(50.0)
    assert t["kampung_kb_baru"].sum() == 5
    assert (t["tercakup"].diff().dropna() >= 0).all()


def test_yearly_trend():
    t = trend(make_desa(), make_kkb(), "17", AS_OF, per="tahun")
    assert list(t["tahun"]) == list(range(2016, 2025))
    assert list(t["kampung_kb_baru"]) == [1, 0, 1, 0, 0, 0, 1, 2, 0]
    assert list(t["tercakup"]) == [1, 1, 1, 1, 1, 1, 2, 4, 4]
    assert list(t["cakupan_persen"]) == pytest.approx([12.5] * 6 + [25.0, 50.0, 50.0])
    with pytest.raises(ValueError, match="per"):
        trend(make_desa(), make_kkb(), "17", AS_OF, per="minggu")


def test_trend_before_first_launch_is_zero_not_empty():
    t = trend(make_desa(), make_kkb(), None, "2015-11-30")
    assert list(t["bulan"]) == [pd.Timestamp("2015-11-01")]  # one row of zeros, as of a day before the programme
    assert (t[["kampung_kb", "tercakup", "cakupan_persen"]] == 0).all().all()
    assert t.notna().all().all()
    t = trend(make_desa(), make_kkb(), "17.02", AS_OF)  # never a Kampung KB: 101 months of zeros
    assert len(t) == 101 and (t["tercakup"] == 0).all() and (t["cakupan_persen"] == 0.0).all()


def test_pace_and_projection_indonesia():
    p = target_pace(make_desa(), make_kkb(), None, AS_OF)
    # covered 6 of 11; in the 12 months after 31 May 2023: Tebat Gunung (Sep 2023), Sukarame and
    # Way Empulau Ulu (May 2024) = 3 desa → 0.25/month (Jalan Gedang, 10 May 2023, is just outside)
    assert (p["tercakup"], p["target_desa"], p["sisa"], p["tercapai"]) == (6, 11, 5, False)
    assert p["laju_12_bulan"] == 0.25 and p["laju_kkb_12_bulan"] == 0.25
    # 31 May → 31 Dec 2024 = 214 days = 214 / 30.4375 months
    assert p["bulan_tersisa"] == pytest.approx(214 / 30.4375)
    assert p["laju_dibutuhkan"] == pytest.approx(5 * 30.4375 / 214)
    # 5 desa at 0.25/month = 20 months = 608.75 → 609 days: 31 May 2024 + 214 = 31 Dec 2024,
    # + 365 = 31 Dec 2025, + 30 = 30 Jan 2026
    assert p["perkiraan_tercapai"] == date(2026, 1, 30)
    assert (p["as_of"], p["target_tanggal"]) == (date(2024, 5, 31), date(2024, 12, 31))


def test_pace_target_met_zero_pace_and_no_time_left():
    desa, kkb = make_desa(), make_kkb()
    met = target_pace(desa, kkb, "18.04", "2024-06-30")  # all 3 covered by K6, K7, K8
    assert met["tercapai"] and met["sisa"] == 0
    assert met["laju_dibutuhkan"] == 0.0 and met["perkiraan_tercapai"] is None
    assert met["laju_12_bulan"] == pytest.approx(3 / 12)
    zero = target_pace(desa, kkb, "17.02", AS_OF)  # Rejang Lebong: nothing ever
    assert zero["laju_12_bulan"] == 0.0 and zero["perkiraan_tercapai"] is None
    assert zero["laju_dibutuhkan"] == pytest.approx(1 * 30.4375 / 214)
    late = target_pace(desa, kkb, None, "2025-01-31")
    assert late["bulan_tersisa"] == 0.0 and late["laju_dibutuhkan"] is None
    # a lower target with its own date: 50 % of 8 in Bengkulu = 4 = already covered
    half = target_pace(desa, kkb, "17", AS_OF, target_tanggal="2024-07-31", target_persen=50.0)
    assert half["tercapai"] and half["target_desa"] == 4
    with pytest.raises(ValueError, match="as_of"):
        target_pace(desa, kkb, "17", None)
