"""Coverage on the hand-made world of test_units (expected values worked out by hand below)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.analysis.test_units import AS_OF, make_desa, make_kkb

from kbreport.analysis.coverage import (COVERAGE_COLUMNS, coverage, coverage_all_levels, coverage_level,
                                        rank_desc, sub_rows, target_count, total_row)


def _rows(t):
    return {r["kode"]: r for r in t.to_dict("records")}


def test_indonesia_by_province():
    t = coverage(make_desa(), make_kkb(), None, AS_OF)
    assert list(t.columns) == COVERAGE_COLUMNS
    assert list(t["kode"]) == ["17", "18", None]
    r = _rows(t)
    b, l, tot = r["17"], r["18"], r[None]
    # Bengkulu: 8 desa/kel (5 desa incl. desa adat, 3 kel); covered 17.01.01.2001, .1001, 17.01.02.3001,
    # 17.71.01.1001 = 4 with 5 Kampung KB (K1, K2, K3, K5, K9); K4 inactive not counted
    assert (b["nama"], b["desa_kelurahan"], b["desa"], b["kelurahan"], b["tercakup"], b["kampung_kb"]) == \
        ("Bengkulu", 8, 5, 3, 4, 5)
    assert b["cakupan_persen"] == pytest.approx(50.0)
    assert (b["kekurangan"], b["selisih_poin"]) == (4, pytest.approx(50.0))
    # Lampung: 3 (2 desa, 1 kel); K6, K7 by 31 May; K8 on 1 June not yet
    assert (l["desa_kelurahan"], l["desa"], l["kelurahan"], l["tercakup"], l["kampung_kb"]) == (3, 2, 1, 2, 2)
    assert l["cakupan_persen"] == pytest.approx(200 / 3)
    assert (l["kekurangan"], l["selisih_poin"]) == (1, pytest.approx(100 / 3))
    assert (l["peringkat"], b["peringkat"]) == (1, 2)
    assert (tot["nama"], tot["total"], tot["desa_kelurahan"], tot["desa"], tot["kelurahan"]) == \
        ("Indonesia", True, 11, 7, 4)
    assert (tot["tercakup"], tot["kampung_kb"], tot["kekurangan"]) == (6, 7, 5)
    assert tot["cakupan_persen"] == pytest.approx(600 / 11)
    assert pd.isna(tot["peringkat"])
    assert not b["total"] and not l["total"]


def test_province_with_a_sub_unit_without_kampung_kb():
    t = coverage(make_desa(), make_kkb(), "17", AS_OF)
    r = _rows(t)
    assert list(t["kode"]) == ["17.01", "17.02", "17.71", "17"]
    rl = r["17.02"]  # Kab. Rejang Lebong: no Kampung KB, zeros not NaN
    assert (rl["nama"], rl["desa_kelurahan"], rl["tercakup"], rl["kampung_kb"], rl["kekurangan"]) == \
        ("Kab. Rejang Lebong", 1, 0, 0, 1)
    assert rl["cakupan_persen"] == 0.0 and rl["selisih_poin"] == 100.0
    bs = r["17.01"]  # 5 desa/kel, covered 2001, 1001, 3001 → 60 %
    assert (bs["desa"], bs["kelurahan"], bs["tercakup"], bs["kampung_kb"]) == (4, 1, 3, 4)
    assert bs["cakupan_persen"] == pytest.approx(60.0)
    kota = r["17.71"]  # 2 kelurahan, 1 covered
    assert (kota["desa"], kota["kelurahan"], kota["cakupan_persen"]) == (0, 2, pytest.approx(50.0))
    assert [r[k]["peringkat"] for k in ("17.01", "17.71", "17.02")] == [1, 2, 3]
    assert r["17"]["nama"] == "Bengkulu"


def test_kabkota_desa_with_two_kampung_kb_and_desa_adat():
    r = _rows(coverage(make_desa(), make_kkb(), "17.01", AS_OF))
    manna = r["17.01.01"]  # Padang Kapuk holds K1 (RW) and K2 (Dusun); Pasar Manna K3
    assert (manna["tercakup"], manna["kampung_kb"]) == (2, 3)
    kedurang = r["17.01.02"]  # desa + desa adat both count as desa; only the desa adat's K9 is active
    assert (kedurang["desa"], kedurang["kelurahan"], kedurang["tercakup"], kedurang["kampung_kb"]) == (2, 0, 1, 1)
    assert r["17.01"]["nama"] == "Kab. Bengkulu Selatan"


def test_before_the_first_launch_everything_is_zero():
    t = coverage(make_desa(), make_kkb(), "17", "2015-12-31")
    assert (t["tercakup"] == 0).all() and (t["kampung_kb"] == 0).all()
    assert (t["cakupan_persen"] == 0.0).all()
    assert list(t["kekurangan"]) == [5, 1, 2, 8]
    assert t[["cakupan_persen", "selisih_poin", "kekurangan"]].notna().all().all()
    assert list(sub_rows(t)["peringkat"]) == [1, 1, 1]  # all tie


def test_rank_ties_share_the_best_rank():
    # as of end 2016 only K1 (Padang Kapuk): 17.01 20 %, 17.02 and 17.71 both 0 % → 1, 2, 2
    t = coverage(make_desa(), make_kkb(), "17", "2016-12-31")
    assert list(sub_rows(t)["peringkat"]) == [1, 2, 2]
    assert list(rank_desc([100 / 3, 200 / 6, 50.0, 0.0])) == [2, 2, 1, 4]  # 1/3 and 2/6 are a tie


def test_target_share_and_count():
    assert target_count(10, 70.0) == 7  # not 8 from float noise
    assert target_count(3, 75.0) == 3  # 2.25 → 3
    assert list(target_count(np.array([8, 0]), 75.0)) == [6, 0]
    t = coverage(make_desa(), make_kkb(), None, AS_OF, target_persen=75.0)
    r = _rows(t)
    # 17: ceil(0.75*8)=6 − 4 = 2; 18: ceil(2.25)=3 − 2 = 1; total ceil(8.25)=9 − 6 = 3
    assert (r["17"]["kekurangan"], r["18"]["kekurangan"], r[None]["kekurangan"]) == (2, 1, 3)
    assert r["17"]["selisih_poin"] == pytest.approx(25.0)
    # above target: no negative gaps
    t = coverage(make_desa(), make_kkb(), "17", AS_OF, target_persen=55.0)
    r = _rows(t)
    assert (r["17.01"]["kekurangan"], r["17.01"]["selisih_poin"]) == (0, 0.0)


def test_all_levels_nationwide():
    lv = coverage_all_levels(make_desa(), make_kkb(), AS_OF)
    assert set(lv) == {"provinsi", "kabkota", "kecamatan"}
    prov = lv["provinsi"]
    nat = sub_rows(coverage(make_desa(), make_kkb(), None, AS_OF))
    pd.testing.assert_series_equal(prov["tercakup"], nat["tercakup"], check_names=False)
    kab = lv["kabkota"].set_index("kode")
    assert list(kab.index) == ["17.01", "17.02", "17.71", "18.04"]
    # 17.01 60 %, 17.02 0, 17.71 50, 18.04 66.7 → national ranks 2, 4, 3, 1; within province 1, 3, 2, 1
    assert list(kab["peringkat"]) == [2, 4, 3, 1]
    assert list(kab["peringkat_induk"]) == [1, 3, 2, 1]
    assert list(kab["nama_provinsi"]) == ["Bengkulu", "Bengkulu", "Bengkulu", "Lampung"]
    kec = lv["kecamatan"].set_index("kode")
    assert len(kec) == 5
    assert (kec.loc["17.01.01", "tercakup"], kec.loc["17.01.01", "kampung_kb"]) == (2, 3)
    assert kec.loc["17.01.01", "nama_kabkota"] == "Kab. Bengkulu Selatan"
    assert kec["tercakup"].sum() == 6
    with pytest.raises(ValueError, match="tingkat"):
        coverage_level(make_desa(), make_kkb(), "desa")


def test_inputs_are_not_modified():
    desa, kkb = make_desa(), make_kkb()
    before = kkb.copy()
    coverage(desa, kkb, "17", AS_OF)
    coverage_all_levels(desa, kkb, "2016-06-30")
    pd.testing.assert_frame_equal(kkb, before)
    assert list(desa.columns) == list(make_desa().columns)
    assert total_row(coverage(desa, kkb, None, None))["kampung_kb"] == 8  # no cut-off: K8 counts too
