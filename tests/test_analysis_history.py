"""Figures as of a date from data with history: rows in force, deactivation, Desa Cantik and Rumah DataKu dates."""
from __future__ import annotations

from datetime import date

import numpy as np
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
