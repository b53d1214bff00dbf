"""Since last time (kbreport.analysis.change) on the hand-made world of test_units, every expectation by hand.

Bengkulu (17) has 8 desa/kelurahan. As of AS_OF (31 May 2024) K1, K2, K3, K5, K9 count: 5 Kampung KB in 4 desa
(Padang Kapuk, Pasar Manna, Jalan Gedang, Tebat Gunung). A year earlier, 31 May 2023, K9 (Sept 2023) is not yet
launched; K4 (launched 15 March 2023, inactive) counts then only if it stopped after that day.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from kbreport.analysis.change import CHANGE_KEYS, change, coverage_points, figures_on, year_earlier
from kbreport.analysis.headline import headline
from tests.analysis.test_units import AS_OF, make_desa, make_kkb, make_kkbpk, make_profil

THEN = date(2023, 5, 31)


def kkb_with_stop(day: str | None) -> pd.DataFrame:
    k = make_kkb()
    k["tanggal_nonaktif"] = pd.to_datetime(pd.Series([day if i == "K4" else None for i in k["id"]]))
    return k


def dated_profil() -> pd.DataFrame:
    """Profiles with a period: K5 'belum' in May 2023, 'ada' (formed 15 January 2024) from January 2024."""
    p = make_profil()
    p["periode"] = pd.to_datetime(pd.Series(["2019-03-01", "2018-06-01", "2022-07-01", "2023-03-01", "2023-05-01",
                                             "2024-05-01", "2024-06-01", "2023-09-01"]))
    k5 = p[p["kampung_kb_id"] == "K5"].assign(periode=pd.Timestamp("2024-01-01"), rumah_dataku="ada",
                                               rumah_dataku_tanggal=pd.Timestamp("2024-01-15"))
    return pd.concat([p, k5], ignore_index=True)


def now(kkb, profil):
    return headline(make_desa(), kkb, profil, make_kkbpk(), "17", AS_OF)


def test_year_earlier_keeps_the_day_and_29_february_becomes_28():
    assert year_earlier("2024-06-04") == date(2023, 6, 4)
    assert year_earlier(date(2024, 2, 29)) == date(2023, 2, 28)
    assert year_earlier("2025-03-01") == date(2024, 3, 1)
    assert year_earlier(AS_OF) == THEN


def test_coverage_points_round_the_exact_difference_once():
    # 1 of 8 = 12,5% now, 1 of 16 = 6,25% then: exactly 6,25 points → 6,3 (half up), whereas the rounded
    # percentages 12,5 − 6,3 would give 6,2
    assert coverage_points(1, 8, 1, 16) == 6.3
    assert coverage_points(1, 16, 1, 8) == -6.3  # half away from zero, like every figure of kbreport.text.fmt
    # 13 of 16 = 81,25% → 81,3; 4 of 9 = 44,44…% → 44,4; the exact change is 36,805… → 36,8, not 36,9
    assert coverage_points(13, 16, 4, 9) == 36.8
    assert coverage_points(4, 8, 4, 8) == 0.0
    assert coverage_points(4, 8, 0, 0) is None


def test_a_year_earlier_with_every_date_known():
    k, p = kkb_with_stop("2023-04-30"), dated_profil()  # K4 stopped before 31 May 2023
    c = change(now(k, p), make_desa(), k, p, "17", THEN)
    assert tuple(c) == CHANGE_KEYS
    # then: K1, K2, K3, K5 (K4 stopped, K9 later) in Padang Kapuk, Pasar Manna, Jalan Gedang: 3 of 8
    assert (c["kampung_kb_dulu"], c["kampung_kb_kini"], c["kampung_kb_selisih"]) == (4, 5, 1)
    assert (c["tercakup_dulu"], c["desa_kelurahan_dulu"], c["tercakup_kini"], c["desa_kelurahan_kini"]) == (3, 8, 4, 8)
    assert c["cakupan_selisih_poin"] == 12.5  # 4/8 − 3/8
    # Rumah DataKu then: K1 only (K3's is formed in July 2024, K5's row of May 2023 says belum); now K1 and K5
    assert (c["rumah_dataku_dulu"], c["rumah_dataku_kini"], c["rumah_dataku_selisih"]) == (1, 2, 1)
    assert c["alasan"] is c["kampung_kb_alasan"] is c["cakupan_alasan"] is c["rumah_dataku_alasan"] is None
    assert c["tanggal"] == THEN


def test_an_inactive_kampung_kb_that_stopped_later_counted_then():
    k, p = kkb_with_stop("2023-06-30"), dated_profil()
    c = change(now(k, p), make_desa(), k, p, "17", THEN)
    # then K1, K2, K3, K4, K5: 5 Kampung KB in 4 desa (Lubuk Ladung instead of Tebat Gunung): no change
    assert (c["kampung_kb_dulu"], c["kampung_kb_selisih"], c["tercakup_dulu"], c["cakupan_selisih_poin"]) == (5, 0, 4, 0.0)


def test_the_denominator_is_that_of_the_master_then():
    k, p = kkb_with_stop("2023-04-30"), dated_profil()
    desa_then = make_desa()
    desa_then = desa_then[desa_then["kode_desa"] != "17.71.01.1002"]  # Cempaka Permai formed later
    c = change(now(k, p), desa_then, k, p, "17", THEN)
    assert c["desa_kelurahan_dulu"] == 7 and c["tercakup_dulu"] == 3
    assert c["cakupan_selisih_poin"] == 7.1  # 100 × (4/8 − 3/7) = 7,142…


def test_an_inactive_kampung_kb_without_its_stop_date_makes_then_unknown():
    k, p = make_kkb(), dated_profil()  # K4: aktif False, no tanggal_nonaktif, launched before then
    c = change(now(k, p), make_desa(), k, p, "17", THEN)
    assert c["kampung_kb_dulu"] is None and c["kampung_kb_selisih"] is None
    assert c["tercakup_dulu"] is None and c["cakupan_selisih_poin"] is None
    assert c["rumah_dataku_dulu"] is None
    assert c["kampung_kb_alasan"] == c["cakupan_alasan"] == c["rumah_dataku_alasan"] == "nonaktif_tanpa_tanggal"
    assert c["nonaktif_tanpa_tanggal"] == 1
    # Lampung Barat holds no such Kampung KB: its figures of then are known (none launched before May 2024)
    c18 = change(headline(make_desa(), k, p, make_kkbpk(), "18.04", AS_OF), make_desa(), k, p, "18.04", THEN)
    assert (c18["kampung_kb_dulu"], c18["kampung_kb_selisih"], c18["cakupan_selisih_poin"]) == (0, 2, 66.7)


def test_rumah_dataku_without_history_is_not_told():
    k, p = kkb_with_stop("2023-04-30"), make_profil()  # profiles without a period
    c = change(now(k, p), make_desa(), k, p, "17", THEN)
    assert c["kampung_kb_selisih"] == 1  # the registry has its dates
    assert c["rumah_dataku_dulu"] is None and c["rumah_dataku_selisih"] is None
    assert c["rumah_dataku_alasan"] == "rdk_tanpa_riwayat"


def test_before_the_data_begin_and_a_region_not_yet_formed():
    k, p = kkb_with_stop("2023-04-30"), dated_profil()
    early = figures_on(make_desa(), k, p, "17", "2015-06-01")  # the first launch is 14 January 2016
    assert early["alasan"] == "sebelum_data" and early["kampung_kb"] is None and early["rumah_dataku"] is None
    c = change(now(k, p), make_desa(), k, p, "17", "2015-06-01")
    assert c["kampung_kb_selisih"] is c["cakupan_selisih_poin"] is c["rumah_dataku_selisih"] is None
    assert c["kampung_kb_alasan"] == c["rumah_dataku_alasan"] == "sebelum_data"
    desa_then = make_desa()
    desa_then = desa_then[desa_then["kode_provinsi"] != "18"]
    c = change(headline(make_desa(), k, p, make_kkbpk(), "18.04", AS_OF), desa_then, k, p, "18.04", THEN)
    assert c["alasan"] == c["kampung_kb_alasan"] == "wilayah_belum_ada" and c["kampung_kb_dulu"] is None


def test_a_reason_from_the_caller_blanks_every_figure_of_then():
    k, p = kkb_with_stop("2023-04-30"), dated_profil()
    c = change(now(k, p), make_desa(), k, p, "17", THEN, alasan="wilayah_berubah")
    assert c["kampung_kb_dulu"] is c["tercakup_dulu"] is c["rumah_dataku_dulu"] is None
    assert c["alasan"] == c["cakupan_alasan"] == "wilayah_berubah"
    assert c["kampung_kb_kini"] == 5  # today's figures stay


@pytest.mark.parametrize("then", ["2023-05-31", "2020-01-01"])
def test_figures_of_then_are_those_of_a_headline_as_of_then(then):
    k, p = kkb_with_stop("2023-04-30"), dated_profil()
    f = figures_on(make_desa(), k, p, "17", then)
    h = headline(make_desa(), k, p, make_kkbpk(), "17", then)
    assert (f["kampung_kb"], f["tercakup"], f["desa_kelurahan"], f["rumah_dataku"]) == (
        h["kampung_kb"], h["tercakup"], h["desa_kelurahan"], h["rumah_dataku"])
