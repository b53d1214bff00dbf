"""Gap lists on the hand-made world of test_units."""
from __future__ import annotations

from tests.analysis.test_units import AS_OF, make_desa, make_kkb, make_profil

from kbreport.analysis.coverage import coverage
from kbreport.analysis.gaps import DESA_GAP_COLUMNS, below_target, desa_without_kkb
from kbreport.analysis.rumah_dataku import rumah_dataku


def test_sub_units_below_target_furthest_behind_first():
    cov = coverage(make_desa(), make_kkb(), "17", AS_OF)  # 17.01 60 %, 17.71 50 %, 17.02 0 %
    b = below_target(cov)
    assert list(b["kode"]) == ["17.02", "17.71", "17.01"]
    assert list(b["peringkat"]) == [3, 2, 1]
    assert list(b["kekurangan"]) == [1, 1, 2]
    b = below_target(coverage(make_desa(), make_kkb(), "17", AS_OF, target_persen=55.0))
    assert list(b["kode"]) == ["17.02", "17.71"]  # 17.01 at 60 % is past 55 %
    assert below_target(coverage(make_desa(), make_kkb(), "18.04", "2024-06-30")).empty  # all covered


def test_rumah_dataku_below_target():
    t = rumah_dataku(make_desa(), make_kkb(), make_profil(), None, AS_OF)  # 17 at 20 %, 18 at 50 %
    assert list(below_target(t, "ada_persen")["kode"]) == ["17", "18"]


def test_desa_without_kampung_kb():
    g = desa_without_kkb(make_desa(), make_kkb(), None, AS_OF)
    assert list(g.columns) == DESA_GAP_COLUMNS
    # 11 desa/kelurahan − 6 covered; Lubuk Ladung's only Kampung KB (K4) is inactive, Pasar Liwa's (K8) later
    assert list(g["kode_desa"]) == ["17.01.01.2002", "17.01.02.2001", "17.02.01.2001", "17.71.01.1002",
                                    "18.04.01.1001"]
    row = g.set_index("kode_desa").loc["17.02.01.2001"]
    assert (row["nama_desa"], row["nama_kecamatan"], row["nama_kabkota"], row["nama_provinsi"]) == \
        ("Air Bang", "Curup", "Kab. Rejang Lebong", "Bengkulu")
    assert list(desa_without_kkb(make_desa(), make_kkb(), "18.04", AS_OF)["nama_desa"]) == ["Pasar Liwa"]
    assert desa_without_kkb(make_desa(), make_kkb(), "18.04", "2024-06-01").empty
    assert len(desa_without_kkb(make_desa(), make_kkb(), None, "2015-12-31")) == 11
