"""Figures as of a date from data with history: rows in force, deactivation, Desa Cantik and Rumah DataKu dates."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest
import pandas as pd

from kbreport.analysis.history import last_month_ended, periods_used, rows_as_of
from kbreport.analysis.rumah_dataku import default_target
from kbreport.analysis.units import counting_kkb
from kbreport.text.periods import period_label

KKB = pd.DataFrame({"id": ["A", "B", "C"], "kode_desa": ["x", "y", "z"],
                    "tanggal_pencanangan": pd.to_datetime(["2016-05-01", "2016-06-01", "2017-01-10"]),
                    "aktif": [True, False, False],
                    "tanggal_nonaktif": pd.to_datetime(["NaT", "2017-03-01", "NaT"])})
KKBPK = pd.DataFrame({"kampung_kb_id": ["A", "A", "A", "B"],
                      "periode": pd.to_datetime(["2016-12-01", "2017-02-01", "2017-03-01", "2016-06-01"])})


def test_a_month_counts_once_it_has_ended():
    assert last_month_ended(date(2017, 3, 7)) == np.datetime64("2017-02")
    assert last_month_ended(date(2024, 6, 30)) == np.datetime64("2024-06")
    assert last_month_ended(None) is None


def test_latest_row_on_or_before_as_of_never_a_later_one():
    # 7 March 2017: A's February row (position 1), B's June 2016 row (3), C has none
    assert rows_as_of(KKBPK, KKB, date(2017, 3, 7)).tolist() == [1, 3, -1]
    # 31 December 2016: A's December row (0); 30 November 2016: none of A's, B's June
    assert rows_as_of(KKBPK, KKB, date(2016, 12, 31)).tolist() == [0, 3, -1]
    assert rows_as_of(KKBPK, KKB, date(2016, 11, 30)).tolist() == [-1, 3, -1]
    p = periods_used(KKBPK, rows_as_of(KKBPK, KKB, date(2017, 3, 7)))
    assert (p.awal, p.akhir, p.tanpa_periode, p.label) == (pd.Timestamp("2016-06-01"), pd.Timestamp("2017-02-01"), 0,
                                                          "2017-02")


def test_undated_rows_are_used_and_labelled_undated():
    undated = KKBPK.drop(columns="periode").iloc[[0, 3]].reset_index(drop=True)
    pos = rows_as_of(undated, KKB, date(2017, 3, 7))
    assert pos.tolist() == [0, 1, -1]
    p = periods_used(undated, pos)
    h = {"kkbpk_periode": None, "kkbpk_periode_awal": None, "kkbpk_tanpa_periode": p.tanpa_periode}
    assert period_label(h, "kkbpk", "id") == "KB bulanan tanpa periode"
    assert period_label(h, "kkbpk", "en") == "monthly FP data, undated"


def test_period_labels():
    one = {"kkbpk_periode": date(2017, 2, 1), "kkbpk_periode_awal": date(2017, 2, 1), "kkbpk_tanpa_periode": 0}
    assert period_label(one, "kkbpk", "id") == "KB bulanan Februari 2017"
    span = {**one, "kkbpk_periode_awal": date(2016, 6, 1)}
    assert period_label(span, "kkbpk", "en") == "monthly FP data, June 2016–February 2017"
    assert period_label({"kkbpk_periode": None, "kkbpk_tanpa_periode": 0}, "kkbpk", "id") is None


def test_deactivated_after_as_of_counts_as_active_then():
    # B stopped on 1 March 2017: active on 28 February, not on 1 March; C has no date: never
    assert counting_kkb(KKB, date(2017, 2, 28))["id"].tolist() == ["A", "B"]
    assert counting_kkb(KKB, date(2017, 3, 1))["id"].tolist() == ["A"]
    assert counting_kkb(KKB, None)["id"].tolist() == ["A"]
    assert counting_kkb(KKB.drop(columns="tanggal_nonaktif"), date(2017, 2, 28))["id"].tolist() == ["A"]


def test_rumah_dataku_default_target_only_from_2023():
    assert default_target(date(2017, 3, 7)) is None
    assert default_target(date(2022, 12, 31)) is None
    assert default_target(date(2023, 1, 1)) == 75.0


# --- on the hand-made world of tests/analysis/test_units.py -------------------------------------------------

from tests.analysis.test_units import AS_OF, make_desa, make_desa_cantik, make_kkb, make_kkbpk, make_profil  # noqa: E402

from kbreport.analysis import desa_cantik_overlap, headline, kb_outcomes, readiness, rumah_dataku  # noqa: E402


def _row(kid, periode, pus, suntik):
    """A kkbpk row with `suntik` users of `pus`, nothing else."""
    r = {c: 0 for c in make_kkbpk().columns if c not in ("kampung_kb_id", "periode")}
    return {**r, "kampung_kb_id": kid, "periode": pd.Timestamp(periode), "pus": pus, "kb_suntik": suntik}


def _kkbpk_with_history():
    later = pd.DataFrame([_row("K1", "2024-06-01", 100, 100), _row("K2", "2024-06-01", 10, 10),
                          _row("K9", "2023-12-01", 40, 8)])
    return pd.concat([make_kkbpk(), later], ignore_index=True)


def test_outcomes_from_the_month_in_force():
    desa, kkb, kk = make_desa(), make_kkb(), _kkbpk_with_history()
    # 31 May 2024, Bengkulu: K1, K2, K3, K5, K9 count (K4 inactive, no date). May rows: K1 80 of 100, K2 1 of 10,
    # K3 0 of 0, K9 20 of 40 (K5 has none); June rows are after the date: CPR = 101 / 150
    t = kb_outcomes(desa, kkb, kk, "17", AS_OF)
    tot = t[t["total"]].iloc[0]
    assert (int(tot["peserta_kb"]), int(tot["pus"]), int(tot["dengan_data"])) == (101, 150, 4)
    h = headline(desa, kkb, make_profil(), kk, "17", AS_OF)
    assert (h["kkbpk_periode"], h["kkbpk_periode_awal"], h["kkbpk_tanpa_periode"]) == \
        (date(2024, 5, 1), date(2024, 5, 1), 0)
    assert h["cpr"] == pytest.approx(100 * 101 / 150)
    # 30 May 2024: May has not ended; only K9's December 2023 row, 8 of 40
    h = headline(desa, kkb, make_profil(), kk, "17", "2024-05-30")
    assert (h["cpr"], h["kkbpk_periode"]) == (pytest.approx(20.0), date(2023, 12, 1))
    # 30 November 2023: no row at all, so no figure (not a later one)
    h = headline(desa, kkb, make_profil(), kk, "17", "2023-11-30")
    assert (h["cpr"], h["kkbpk_periode"]) == (None, None)


def test_a_kampung_kb_deactivated_later_counts_with_its_data():
    kkb = make_kkb().assign(tanggal_nonaktif=pd.NaT)
    kkb.loc[kkb["id"].eq("K4"), "tanggal_nonaktif"] = pd.Timestamp("2024-06-15")
    # K4 (Kedurang, launched 15 March 2023) stopped on 15 June 2024: counted on 31 May, with 1000 of 1000
    t = kb_outcomes(make_desa(), kkb, make_kkbpk(), "17", AS_OF)
    tot = t[t["total"]].iloc[0]
    assert (int(tot["kampung_kb"]), int(tot["peserta_kb"]), int(tot["pus"])) == (6, 1101, 1150)
    t = kb_outcomes(make_desa(), kkb, make_kkbpk(), "17", "2024-06-15")
    assert int(t[t["total"]].iloc[0]["kampung_kb"]) == 5


def test_kecamatan_and_kecamatan_covered():
    desa, kkb, prof, kk = make_desa(), make_kkb(), make_profil(), make_kkbpk()
    # Bengkulu: Manna, Kedurang, Curup, Gading Cempaka; with a Kampung KB on 31 May 2024: Manna (K1–K3),
    # Kedurang (K9; K4 inactive), Gading Cempaka (K5)
    h = headline(desa, kkb, prof, kk, "17", AS_OF)
    assert (h["kecamatan"], h["kecamatan_tercakup"]) == (4, 3)
    # on 1 January 2017 only K1 (Manna)
    h = headline(desa, kkb, prof, kk, "17", "2017-01-01")
    assert (h["kecamatan"], h["kecamatan_tercakup"]) == (4, 1)


def test_target_in_kecamatan():
    from types import SimpleNamespace

    from kbreport.build.briefing import Briefing

    h = headline(make_desa(), make_kkb(), make_profil(), make_kkbpk(), "17", AS_OF)
    R = Briefing(params=SimpleNamespace(bahasa="id"), data=None, headline=h, tables={})
    assert R.target_position(SimpleNamespace(nilai=4, satuan="kecamatan")) == \
        ("3 dari 4 kecamatan memiliki Kampung KB", "1")
    R = Briefing(params=SimpleNamespace(bahasa="en"), data=None, headline=h, tables={})
    assert R.target_position(SimpleNamespace(nilai=2, satuan="Kecamatan")) == \
        ("3 of 4 kecamatan have a Kampung KB", "0")


def test_rumah_dataku_without_a_date_counts_at_no_date():
    prof = make_profil()
    prof.loc[prof["kampung_kb_id"].eq("K1"), "rumah_dataku_tanggal"] = pd.NaT
    # Bengkulu on 31 May 2024: K1 'ada' undated, K3 formed later (belum), K5 belum, K2 and K9 tidak
    t = rumah_dataku(make_desa(), make_kkb(), prof, "17", AS_OF)
    tot = t[t["total"]].iloc[0]
    assert (tot["ada"], tot["tanpa_tanggal"], tot["belum"], tot["tidak"], tot["kampung_kb"]) == (0, 1, 2, 2, 5)
    h = headline(make_desa(), make_kkb(), prof, make_kkbpk(), "17", AS_OF, rdk_target_persen=None)
    assert (h["rumah_dataku"], h["rumah_dataku_tanpa_tanggal"], h["rumah_dataku_target_persen"]) == (0, 1, None)
    assert int(t[t["total"]].iloc[0]["kekurangan"]) == 4  # ceil(0.75 × 5) = ceil(3.75) = 4, minus 0 formed
    t = rumah_dataku(make_desa(), make_kkb(), prof, "17", AS_OF, target_persen=None)
    assert int(t[t["total"]].iloc[0]["kekurangan"]) == 0 and t["selisih_poin"].isna().all()


def test_profile_rows_in_force():
    prof = make_profil()
    k1, k2 = prof[prof["kampung_kb_id"].eq("K1")].iloc[0], prof[prof["kampung_kb_id"].eq("K2")].iloc[0]
    rows = pd.DataFrame([k1.to_dict() | {"pokja_sk": False, "periode": pd.Timestamp("2018-12-01")},
                         k1.to_dict() | {"pokja_sk": True, "periode": pd.Timestamp("2024-05-01")},
                         k2.to_dict() | {"pokja_sk": False, "periode": pd.Timestamp("2018-06-01")}])
    # 1 January 2019, Manna: K1 (its December 2018 row, no SK) and K2 (June 2018, no SK)
    r = readiness(make_desa(), make_kkb(), rows, "17.01", "2019-01-01", jumlah=True)
    manna = r[r["kode"].eq("17.01.01")].iloc[0]
    assert (manna["kampung_kb"], manna["dengan_profil"], manna["pokja_sk"]) == (2, 2, 0)
    # 30 December 2018: December not ended, K1 has no row yet
    r = readiness(make_desa(), make_kkb(), rows, "17.01", "2018-12-30", jumlah=True)
    assert r[r["kode"].eq("17.01.01")].iloc[0]["dengan_profil"] == 1
    # 31 May 2024: K1's May 2024 row, with its SK (K3 launched 2022 has no row in this table)
    r = readiness(make_desa(), make_kkb(), rows, "17.01", AS_OF, jumlah=True)
    manna = r[r["kode"].eq("17.01.01")].iloc[0]
    assert (manna["kampung_kb"], manna["dengan_profil"], manna["pokja_sk"]) == (3, 2, 1)


def test_desa_cantik_by_formation_date():
    dc = make_desa_cantik().assign(tanggal_pembentukan=pd.NaT)
    dc.loc[dc["kode_desa"].eq("17.01.02.3001"), "tanggal_pembentukan"] = pd.Timestamp("2022-09-01")
    # Bengkulu: 17.01.01.2001 (2021, undated: from 31 Dec 2021), 17.01.02.3001 (1 Sep 2022),
    # 17.01.02.2001 (2022, undated: from 31 Dec 2022), 17.02.01.2001 (2025)
    n = {d: desa_cantik_overlap(make_desa(), make_kkb(), make_profil(), dc, "17", d)["desa_cantik"]
         for d in ("2021-12-30", "2021-12-31", "2022-08-31", "2022-09-01", "2022-12-30", "2022-12-31")}
    assert n == {"2021-12-30": 0, "2021-12-31": 1, "2022-08-31": 1, "2022-09-01": 2, "2022-12-30": 2,
                 "2022-12-31": 3}


def test_export_without_history_is_labelled_undated():
    # make_profil has no periode: the five Bengkulu Kampung KB with a profile (K1, K2, K3, K5, K9) are undated
    h = headline(make_desa(), make_kkb(), make_profil(), make_kkbpk(), "17", AS_OF)
    assert (h["profil_periode"], h["profil_tanpa_periode"]) == (None, 5)
    assert period_label(h, "profil", "id") == "profil tanpa periode"


def test_undated_rumah_dataku_is_said_on_the_card():
    from types import SimpleNamespace

    from kbreport.build.briefing import Briefing
    from kbreport.elements.cards import headline_cards

    prof = make_profil()
    prof.loc[prof["kampung_kb_id"].eq("K1"), "rumah_dataku_tanggal"] = pd.NaT
    h = headline(make_desa(), make_kkb(), prof, make_kkbpk(), "17", AS_OF, rdk_target_persen=None)
    R = Briefing(params=SimpleNamespace(bahasa="id"), data=None, headline=h, tables={})
    # 0 of 5 Kampung KB formed (K1 is undated), no target given
    assert headline_cards(R)[3]["sub"] == "0,0% dari Kampung KB; belum ada target; 1 berstatus 'ada' tanpa tanggal tidak dihitung"
