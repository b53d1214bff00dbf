"""Institutional readiness shares on the hand-made world of test_units."""
from __future__ import annotations

import math

import pytest

from tests.analysis.test_units import AS_OF, make_desa, make_kkb, make_profil

from kbreport.analysis.readiness import READINESS_INDICATORS, READINESS_LABELS, readiness


def _rows(t):
    return {r["kode"]: r for r in t.to_dict("records")}


def test_province_shares_by_kabkota():
    t = readiness(make_desa(), make_kkb(), make_profil(), "17", AS_OF)
    assert list(t.columns) == ["kode", "nama", "kampung_kb", "dengan_profil", *READINESS_INDICATORS, "total"]
    r = _rows(t)
    bs = r["17.01"]  # K1, K2, K3, K9 (K4 inactive, with every flag set, must not count)
    expected = {  # count of 4, by hand from PROFIL
        "pokja_ada": 4, "pokja_sk": 2, "pokja_terlatih": 2, "plkb_pendamping": 2, "regulasi_ada": 2,
        "rencana_kerja": 2, "sekretariat": 3, "poktan_bkb": 3, "poktan_bkr": 3, "poktan_bkl": 2,
        "poktan_uppka": 1, "poktan_pikr": 1,
    }
    assert bs["kampung_kb"] == 4
    for k, n in expected.items():
        assert bs[k] == pytest.approx(100 * n / 4), k
    kota = r["17.71"]  # K5: only a PLKB
    assert kota["plkb_pendamping"] == 100.0 and kota["pokja_ada"] == 0.0
    assert all(math.isnan(r["17.02"][k]) for k in READINESS_INDICATORS)  # no Kampung KB: undefined, not 0
    tot = r["17"]
    assert (tot["kampung_kb"], tot["pokja_ada"], tot["plkb_pendamping"], tot["sekretariat"]) == (5, 80.0, 60.0, 60.0)


def test_missing_profile_counts_as_absent_and_counts_mode():
    t = readiness(make_desa(), make_kkb(), make_profil(), "18", AS_OF, jumlah=True)
    tot = _rows(t)["18"]  # K6 has everything, K7 no profile
    assert (tot["kampung_kb"], tot["dengan_profil"]) == (2, 1)
    assert all(tot[k] == 1 for k in READINESS_INDICATORS)
    pct = _rows(readiness(make_desa(), make_kkb(), make_profil(), "18", AS_OF))["18"]
    assert all(pct[k] == 50.0 for k in READINESS_INDICATORS)


def test_labels_cover_every_indicator():
    for lang in ("id", "en"):
        assert set(READINESS_LABELS[lang]) == set(READINESS_INDICATORS)
    assert READINESS_LABELS["id"]["poktan_pikr"] == "PIK-R"
