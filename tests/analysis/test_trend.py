"""Trend, pace and projection on the hand-made world of test_units."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tests.analysis.test_units import AS_OF, make_desa, make_kkb

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
    # 31 May → 31 Dec 2024 = 7 calendar months (June to December; 31 May is a month's end)
    assert p["bulan_tersisa"] == 7.0
    assert p["laju_dibutuhkan"] == pytest.approx(5 / 7)
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
    assert zero["laju_dibutuhkan"] == pytest.approx(1 / 7)
    late = target_pace(desa, kkb, None, "2025-01-31")
    assert late["bulan_tersisa"] == 0.0 and late["laju_dibutuhkan"] is None
    # a lower target with its own date: 50 % of 8 in Bengkulu = 4 = already covered
    half = target_pace(desa, kkb, "17", AS_OF, target_tanggal="2024-07-31", target_persen=50.0)
    assert half["tercapai"] and half["target_desa"] == 4
    with pytest.raises(ValueError, match="as_of"):
        target_pace(desa, kkb, "17", None)


def _big_unit(n_desa: int):
    """One kecamatan of n_desa desa in Bengkulu, one of them covered on 1 May 2024 (within 12 months)."""
    desa = pd.DataFrame([{"kode_desa": f"17.01.01.{2001 + i}", "nama_desa": f"Desa {i}", "jenis": "desa",
                          "kode_kecamatan": "17.01.01", "nama_kecamatan": "Manna", "kode_kabkota": "17.01",
                          "nama_kabkota": "Kab. Bengkulu Selatan", "kode_provinsi": "17", "nama_provinsi": "Bengkulu"}
                         for i in range(n_desa)])
    kkb = pd.DataFrame({"id": ["K1"], "kode_desa": ["17.01.01.2001"],
                        "tanggal_pencanangan": pd.to_datetime(["2024-05-01"]), "cakupan_wilayah": ["Desa"],
                        "aktif": [True], "nama": ["Kampung KB K1"], "contoh_kabupaten": [False],
                        "contoh_provinsi": [False]})
    return desa, kkb


def test_projection_far_beyond_the_target_is_none_and_never_overflows():
    # 9,000 desa, 1 covered in the last 12 months: 8,999 to go at 1/12 a month = ceil(8999 × 365.25) =
    # 3,286,885 days ≈ 9,000 years — past date.max; the old Timestamp arithmetic raised here
    p = target_pace(*_big_unit(9000), "17", AS_OF)
    assert (p["sisa"], p["laju_12_bulan"]) == (8999, 1 / 12)
    assert p["perkiraan_tercapai"] is None and p["perkiraan_di_luar_batas"] is True
    # the pace needed is still said: 8,999 over the 7 months from 31 May to 31 Dec 2024
    assert p["laju_dibutuhkan"] == pytest.approx(8999 / 7)


def test_projection_cap_is_three_years_after_the_target_date():
    from kbreport.analysis.trend import PROJECTION_YEARS, projected_date

    assert PROJECTION_YEARS == 3
    as_of, target = date(2024, 5, 31), date(2024, 12, 31)
    # cap 31 Dec 2027 = as_of + 214 (to 31 Dec 2024) + 365 + 365 + 365 = 1,309 days.
    # 12 desa a year (1/month): 43 to go = ceil(43 × 30.4375) = ceil(1308.81) = 1,309 days: on the cap, kept
    assert projected_date(as_of, 43, 12, target) == date(2027, 12, 31)
    # 44 to go = ceil(1339.25) = 1,340 days: past the cap
    assert projected_date(as_of, 44, 12, target) is None
    assert projected_date(as_of, 44, 0, target) is None  # no pace
    # a leap-day target: the cap is 28 Feb 2027; 1 desa at 1/12 a month = ceil(365.25) = 366 days;
    # 27 Feb 2026 + 366 = 28 Feb 2027 (on the cap), 1 Mar 2026 + 366 = 2 Mar 2027 (past it)
    assert projected_date(date(2026, 2, 27), 1, 1, date(2024, 2, 29)) == date(2027, 2, 28)
    assert projected_date(date(2026, 3, 1), 1, 1, date(2024, 2, 29)) is None


def test_deadline_today_leaves_no_pace_to_compute():
    desa, kkb = make_desa(), make_kkb()
    # Indonesia on 31 Dec 2024 = the default target date: 6 covered by May + Pasar Liwa (K8, June) = 7 of 11
    today = target_pace(desa, kkb, None, "2024-12-31")
    assert (today["sisa"], today["bulan_tersisa"], today["laju_dibutuhkan"]) == (4, 0.0, None)
    # Lampung Barat on its own deadline day, all 3 covered: met, so the pace needed is 0, not None
    met = target_pace(desa, kkb, "18.04", "2024-06-30", target_tanggal="2024-06-30")
    assert (met["tercapai"], met["bulan_tersisa"], met["laju_dibutuhkan"]) == (True, 0.0, 0.0)


def test_months_between_counts_calendar_months_as_a_leader_does():
    from kbreport.analysis.trend import months_after, months_between

    assert months_between("2024-06-30", "2024-12-31") == 6.0  # July to December, not 184 / 30.4375 = 6.05
    assert months_between("2024-05-31", "2024-12-31") == 7.0
    assert months_between("2023-12-31", "2024-12-31") == 12.0
    # 4 June → 4 December = 6 months; 4 → 31 December is 27 of the 31 days to 4 January
    assert months_between("2024-06-04", "2024-12-31") == pytest.approx(6 + 27 / 31)
    # 31 January (a month's end) + 1 = 29 February 2024; 30 January + 1 = 29 February too (no 30 February)
    assert months_after(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert months_after(date(2024, 1, 30), 1) == date(2024, 2, 29)
    assert months_after(date(2024, 2, 29), 1) == date(2024, 3, 31)  # end of February → end of March
    assert months_between("2024-02-15", "2024-03-01") == pytest.approx(15 / 29)  # 15 Feb → 15 Mar: 29 days
    assert months_between("2024-12-31", "2024-12-31") == 0.0 and months_between("2025-01-31", "2024-12-31") == 0.0


def test_pace_needed_times_the_months_left_is_the_shortfall():
    # the sentence "agar tepat waktu dibutuhkan N per bulan": N in each of the months left closes the gap
    p = target_pace(make_desa(), make_kkb(), None, "2024-06-30")
    assert p["bulan_tersisa"] == 6.0
    assert p["laju_dibutuhkan"] * 6 == pytest.approx(p["sisa"])
