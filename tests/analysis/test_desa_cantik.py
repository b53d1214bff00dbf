"""Desa Cantik overlap on the hand-made world of test_units."""
from __future__ import annotations

from tests.analysis.test_units import AS_OF, make_desa, make_desa_cantik, make_kkb, make_profil

from kbreport.analysis.desa_cantik import desa_cantik_overlap


def _args():
    return make_desa(), make_kkb(), make_profil(), make_desa_cantik()


def test_indonesia_overlap_as_of():
    o = desa_cantik_overlap(*_args(), None, AS_OF)
    # formed ≤ 2024 and in the master: Padang Kapuk (2021), Tebat Gunung (2022), Lubuk Ladung (2022),
    # Pasar Liwa (2023); Air Bang (2025) too late, 99.99.99.9999 not in the master
    assert list(o["daftar"]["kode_desa"]) == ["17.01.01.2001", "17.01.02.2001", "17.01.02.3001", "18.04.01.1001"]
    # Kampung KB: Padang Kapuk (K1, K2) and Tebat Gunung (K9); Lubuk Ladung only the inactive K4;
    # Pasar Liwa's K8 comes on 1 June. Rumah DataKu: only Padang Kapuk (K1, 2019)
    assert (o["desa_cantik"], o["kampung_kb"], o["bukan_kampung_kb"], o["rumah_dataku"]) == (4, 2, 2, 1)
    d = o["daftar"].set_index("kode_desa")
    assert d.loc["17.01.01.2001", "kampung_kb"] == 2 and d.loc["17.01.01.2001", "rumah_dataku"]
    assert d.loc["17.01.02.3001", "is_kampung_kb"] and not d.loc["17.01.02.3001", "rumah_dataku"]
    assert d.loc["18.04.01.1001", "nama_desa"] == "Pasar Liwa" and d.loc["18.04.01.1001", "tahun"] == 2023
    per = o["per_sub_unit"].set_index("kode")
    assert list(per.loc["17", ["desa_cantik", "kampung_kb", "bukan_kampung_kb", "rumah_dataku"]]) == [3, 2, 1, 1]
    assert list(per.loc["18", ["desa_cantik", "kampung_kb", "bukan_kampung_kb", "rumah_dataku"]]) == [1, 0, 1, 0]
    tot = o["per_sub_unit"][o["per_sub_unit"]["total"]].iloc[0]
    assert (tot["kode"], tot["nama"], tot["desa_cantik"], tot["rumah_dataku"]) == (None, "Indonesia", 4, 1)


def test_later_date_and_province():
    o = desa_cantik_overlap(*_args(), None, "2024-06-30")  # Pasar Liwa now has K8 with a Rumah DataKu
    assert (o["desa_cantik"], o["kampung_kb"], o["bukan_kampung_kb"], o["rumah_dataku"]) == (4, 3, 1, 2)
    o = desa_cantik_overlap(*_args(), "17", "2022-12-31")  # formed ≤ 2022; K9 not yet launched
    assert (o["desa_cantik"], o["kampung_kb"], o["bukan_kampung_kb"], o["rumah_dataku"]) == (3, 1, 2, 1)
    per = o["per_sub_unit"].set_index("kode")
    assert list(per.index) == ["17.01", "17.02", "17.71", "17"]
    assert per.loc["17.02", "desa_cantik"] == 0  # a sub-unit without Desa Cantik appears with zeros


def test_no_desa_cantik_table():
    desa, kkb, profil, _ = _args()
    o = desa_cantik_overlap(desa, kkb, profil, None, "17", AS_OF)
    assert (o["desa_cantik"], o["kampung_kb"], o["rumah_dataku"]) == (0, 0, 0)
    assert o["daftar"].empty and len(o["per_sub_unit"]) == 4
