"""The headline dict on the hand-made world of test_units."""
from __future__ import annotations

import json
import math
from datetime import date

import pytest

from tests.analysis.test_units import AS_OF, make_desa, make_kkb, make_kkbpk, make_profil

import pandas as pd

from kbreport.analysis.headline import HEADLINE_KEYS, extremes, headline

KEYS = {"wilayah_kode", "wilayah_nama", "tingkat", "as_of", "desa_kelurahan", "desa", "kelurahan", "tercakup",
        "kampung_kb", "cakupan_persen", "target_tanggal", "target_persen", "kekurangan", "rumah_dataku",
        "rumah_dataku_persen", "rumah_dataku_target_persen", "laju_12_bulan", "laju_dibutuhkan",
        "perkiraan_tercapai", "cpr", "mkjp", "unmet", "partisipasi_poktan", "sub_unit_jumlah",
        "sub_unit_di_bawah_target", "sub_unit_tertinggi", "sub_unit_terendah",
        "kecamatan", "kecamatan_tercakup", "rumah_dataku_tanpa_tanggal",
        "kkbpk_periode", "kkbpk_periode_awal", "kkbpk_tanpa_periode",
        "profil_periode", "profil_periode_awal", "profil_tanpa_periode"}


def _h(kode, as_of, **kw):
    return headline(make_desa(), make_kkb(), make_profil(), make_kkbpk(), kode, as_of, **kw)


def _no_nan(h):
    for k, v in h.items():
        assert not (isinstance(v, float) and math.isnan(v)), k
        assert type(v).__module__ in ("builtins", "datetime"), (k, type(v))  # plain types, JSON-ready


def test_exact_keys():
    h = _h(None, AS_OF)
    assert set(h) == KEYS and tuple(h) == HEADLINE_KEYS


def test_indonesia():
    h = _h(None, date(2024, 5, 31))
    _no_nan(h)
    assert (h["wilayah_kode"], h["wilayah_nama"], h["tingkat"], h["as_of"]) == \
        (None, "Indonesia", "nasional", date(2024, 5, 31))
    assert (h["desa_kelurahan"], h["desa"], h["kelurahan"], h["tercakup"], h["kampung_kb"]) == (11, 7, 4, 6, 7)
    assert h["cakupan_persen"] == pytest.approx(600 / 11)
    assert (h["target_tanggal"], h["target_persen"], h["kekurangan"]) == (date(2024, 12, 31), 100.0, 5)
    assert (h["rumah_dataku"], h["rumah_dataku_target_persen"]) == (2, 75.0)
    assert h["rumah_dataku_persen"] == pytest.approx(200 / 7)
    assert h["laju_12_bulan"] == 0.25
    assert h["laju_dibutuhkan"] == pytest.approx(5 / 7)  # 31 May → 31 Dec 2024: 7 months
    assert h["perkiraan_tercapai"] == date(2026, 1, 30)
    # K1, K2, K3, K9, K6, K7 have figures (K5 none): PUS 200, peserta 131, MKJP 50, IAT+TIAL 11;
    # poktan 23 of 80 families
    assert h["cpr"] == pytest.approx(65.5)
    assert h["mkjp"] == pytest.approx(100 * 50 / 131)
    assert h["unmet"] == pytest.approx(5.5)
    assert h["partisipasi_poktan"] == pytest.approx(28.75)
    assert (h["sub_unit_jumlah"], h["sub_unit_di_bawah_target"]) == (2, 2)
    # Lampung 2 of 3 (K6, K7 on 12 May), Bengkulu 4 of 8; no ties
    assert h["sub_unit_tertinggi"] == {"nama": "Lampung", "persen": pytest.approx(200 / 3), "tercakup": 2,
                                       "desa_kelurahan": 3, "lainnya": []}
    assert h["sub_unit_terendah"] == {"nama": "Bengkulu", "persen": 50.0, "tercakup": 4, "desa_kelurahan": 8,
                                      "lainnya": []}


def test_province_and_kabkota():
    h = _h("17", AS_OF, target_persen=55.0, rdk_target_persen=50.0)
    assert (h["wilayah_nama"], h["tingkat"], h["kekurangan"]) == ("Bengkulu", "provinsi", 1)  # ceil(4.4) − 4
    assert (h["sub_unit_jumlah"], h["sub_unit_di_bawah_target"]) == (3, 2)  # 17.71 (50 %), 17.02 (0 %)
    assert h["sub_unit_tertinggi"]["nama"] == "Kab. Bengkulu Selatan"
    assert h["sub_unit_terendah"] == {"nama": "Kab. Rejang Lebong", "persen": 0.0, "tercakup": 0,
                                      "desa_kelurahan": 1, "lainnya": []}
    assert h["rumah_dataku_target_persen"] == 50.0
    k = _h("18.04", "2024-06-30")
    assert (k["wilayah_kode"], k["wilayah_nama"], k["tingkat"]) == ("18.04", "Kab. Lampung Barat", "kabkota")
    assert (k["tercakup"], k["cakupan_persen"], k["kekurangan"]) == (3, 100.0, 0)
    assert (k["laju_dibutuhkan"], k["perkiraan_tercapai"]) == (0.0, None)
    # one kecamatan: nothing to single out as highest or lowest
    assert (k["sub_unit_jumlah"], k["sub_unit_tertinggi"], k["sub_unit_terendah"]) == (1, None, None)


def test_before_first_launch_no_nan_surprises():
    h = _h(None, "2015-12-31")
    _no_nan(h)
    assert (h["tercakup"], h["kampung_kb"], h["cakupan_persen"], h["kekurangan"]) == (0, 0, 0.0, 11)
    assert (h["rumah_dataku"], h["rumah_dataku_persen"]) == (0, None)
    assert (h["cpr"], h["mkjp"], h["unmet"], h["partisipasi_poktan"]) == (None, None, None, None)
    assert (h["laju_12_bulan"], h["perkiraan_tercapai"]) == (0.0, None)
    # 31 Dec 2015 → 31 Dec 2024: 9 years = 108 months
    assert h["laju_dibutuhkan"] == pytest.approx(11 / 108)
    assert (h["sub_unit_tertinggi"], h["sub_unit_terendah"], h["sub_unit_di_bawah_target"]) == (None, None, 2)
    json.dumps(h, default=str)


def test_as_of_required():
    with pytest.raises(ValueError, match="as_of"):
        _h(None, None)


def test_ties_are_named_on_the_exact_fraction():
    subs = pd.DataFrame({
        "kode": ["35.72.01", "35.72.02", "35.72.03", "35.72.04", "35.72.05", "35.72.06"],
        "nama": ["Kepanjenkidul", "Sukorejo", "Sananwetan", "Garum", "Kosong", "Talun"],
        "tercakup": [0, 0, 2, 333, 0, 1],
        "desa_kelurahan": [7, 7, 6, 1000, 0, 3],
    })
    hi, lo = extremes(subs)
    # highest: Sananwetan 2/6 and Talun 1/3 are the same fraction; Garum 333/1000 also prints 33,3% but is
    # smaller (0.333 < 0.3333…), so it is not tied. Kosong has no desa and is not ranked.
    assert hi == {"nama": "Sananwetan", "persen": pytest.approx(100 / 3), "tercakup": 2, "desa_kelurahan": 6,
                  "lainnya": ["Talun"]}
    # lowest: 0/7 twice, first by kode named, the other in "lainnya"
    assert lo == {"nama": "Kepanjenkidul", "persen": 0.0, "tercakup": 0, "desa_kelurahan": 7,
                  "lainnya": ["Sukorejo"]}
    same = pd.DataFrame({"nama": ["A", "B"], "tercakup": [1, 2], "desa_kelurahan": [2, 4]})  # 1/2 == 2/4
    assert extremes(same) == (None, None)
    assert extremes(same.iloc[:0]) == (None, None)
