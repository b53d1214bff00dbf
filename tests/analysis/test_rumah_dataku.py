"""Rumah DataKu status counts on the hand-made world of test_units."""
from __future__ import annotations

import math

import pytest

from tests.analysis.test_units import AS_OF, make_desa, make_kkb, make_profil

from kbreport.analysis.rumah_dataku import RDK_COLUMNS, rumah_dataku


def _rows(t):
    return {r["kode"]: r for r in t.to_dict("records")}


def test_indonesia_as_of_with_one_formed_later():
    t = rumah_dataku(make_desa(), make_kkb(), make_profil(), None, AS_OF)
    assert list(t.columns) == RDK_COLUMNS
    r = _rows(t)
    # Bengkulu: K1 ada (2019), K2 tidak, K3 ada but formed 1 July 2024 → belum on 31 May, K5 belum, K9 tidak;
    # K4 (inactive, ada) not counted
    b = r["17"]
    assert (b["kampung_kb"], b["ada"], b["tidak"], b["belum"], b["tanpa_profil"]) == (5, 1, 2, 2, 0)
    assert (b["ada_persen"], b["tidak_persen"], b["belum_persen"]) == (20.0, 40.0, 40.0)
    # target 75 % of 5 = 3.75 → 4 needed, 1 formed → 3 more; 75 − 20 = 55 points
    assert (b["kekurangan"], b["selisih_poin"]) == (3, 55.0)
    # Lampung: K6 ada (12 May 2024, on time), K7 has no profile; K8 launched after 31 May
    lp = r["18"]
    assert (lp["kampung_kb"], lp["ada"], lp["tidak"], lp["belum"], lp["tanpa_profil"]) == (2, 1, 0, 0, 1)
    assert (lp["ada_persen"], lp["kekurangan"], lp["selisih_poin"]) == (50.0, 1, 25.0)
    tot = r[None]
    assert (tot["kampung_kb"], tot["ada"], tot["tidak"], tot["belum"], tot["tanpa_profil"]) == (7, 2, 2, 2, 1)
    assert tot["ada_persen"] == pytest.approx(200 / 7)
    assert tot["kekurangan"] == 4  # ceil(5.25) = 6 − 2
    assert tot["total"] and tot["nama"] == "Indonesia"


def test_after_formation_date_it_counts_as_ada():
    r = _rows(rumah_dataku(make_desa(), make_kkb(), make_profil(), None, "2024-07-01"))
    assert (r["17"]["ada"], r["17"]["belum"]) == (2, 1)  # K3 formed on 1 July 2024 counts that day
    assert (r["18"]["kampung_kb"], r["18"]["ada"]) == (3, 2)  # K8 launched and formed 1 June 2024
    r = _rows(rumah_dataku(make_desa(), make_kkb(), make_profil(), None, None))  # no cut-off: as reported
    assert r[None]["ada"] == 4


def test_sub_unit_without_kampung_kb_and_custom_target():
    r = _rows(rumah_dataku(make_desa(), make_kkb(), make_profil(), "17", AS_OF, target_persen=50.0))
    rl = r["17.02"]
    assert (rl["kampung_kb"], rl["ada"], rl["kekurangan"]) == (0, 0, 0)
    assert math.isnan(rl["ada_persen"]) and math.isnan(rl["selisih_poin"])
    bs = r["17.01"]  # K1 ada, K2 tidak, K3 belum (as of), K9 tidak: 25 %, needs ceil(2) − 1 = 1
    assert (bs["kampung_kb"], bs["ada"], bs["ada_persen"], bs["kekurangan"]) == (4, 1, 25.0, 1)
    assert (r["17.71"]["belum"], r["17.71"]["ada_persen"]) == (1, 0.0)


def test_before_first_launch():
    t = rumah_dataku(make_desa(), make_kkb(), make_profil(), None, "2015-12-31")
    assert (t["kampung_kb"] == 0).all() and (t["ada"] == 0).all() and (t["kekurangan"] == 0).all()


def test_status_spelling_is_tolerated_and_missing_column_is_named():
    p = make_profil()
    p["rumah_dataku"] = p["rumah_dataku"].str.upper()
    assert _rows(rumah_dataku(make_desa(), make_kkb(), p, None, AS_OF))[None]["ada"] == 2
    with pytest.raises(ValueError, match="rumah_dataku"):
        rumah_dataku(make_desa(), make_kkb(), p.drop(columns="rumah_dataku"), None, AS_OF)
