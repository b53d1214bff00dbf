"""Units and the hand-made master/registry every tests/analysis/test_*.py file uses.

The small world (codes and names hand-made, shaped like the Kemendagri master):

  17 Bengkulu                                  8 desa/kelurahan (5 desa incl. 1 desa adat, 3 kelurahan)
    17.01 Kab. Bengkulu Selatan
      17.01.01 Manna      2001 Padang Kapuk (desa)   2002 Tanjung Raman (desa)   1001 Pasar Manna (kel)
      17.01.02 Kedurang   2001 Lubuk Ladung (desa)   3001 Tebat Gunung (desa adat)
    17.02 Kab. Rejang Lebong                   no Kampung KB at all
      17.02.01 Curup      2001 Air Bang (desa)
    17.71 Kota Bengkulu
      17.71.01 Gading Cempaka  1001 Jalan Gedang (kel)   1002 Cempaka Permai (kel)
  18 Lampung                                   3 desa/kelurahan (2 desa, 1 kelurahan)
    18.04 Kab. Lampung Barat
      18.04.01 Balik Bukit  2001 Sukarame (desa)  2002 Way Empulau Ulu (desa)  1001 Pasar Liwa (kel)

Kampung KB (K4 inactive; K1 and K2 share a desa):
  K1 17.01.01.2001 2016-01-14 RW      K2 17.01.01.2001 2018-06-01 Dusun   K3 17.01.01.1001 2022-07-01
  K4 17.01.02.2001 2023-03-15 (aktif False)   K5 17.71.01.1001 2023-05-10   K9 17.01.02.3001 2023-09-01
  K6 18.04.01.2001 2024-05-12   K7 18.04.01.2002 2024-05-12   K8 18.04.01.1001 2024-06-01
"""
from __future__ import annotations

import pandas as pd
import pytest

from kbreport.analysis import units
from kbreport.errors import UnknownRegionError

PROV = {"17": "Bengkulu", "18": "Lampung"}
KAB = {"17.01": "Kab. Bengkulu Selatan", "17.02": "Kab. Rejang Lebong", "17.71": "Kota Bengkulu",
       "18.04": "Kab. Lampung Barat"}
KEC = {"17.01.01": "Manna", "17.01.02": "Kedurang", "17.02.01": "Curup", "17.71.01": "Gading Cempaka",
       "18.04.01": "Balik Bukit"}
DESA = [
    ("17.01.01.2001", "Padang Kapuk", "desa"),
    ("17.01.01.2002", "Tanjung Raman", "desa"),
    ("17.01.01.1001", "Pasar Manna", "kelurahan"),
    ("17.01.02.2001", "Lubuk Ladung", "desa"),
    ("17.01.02.3001", "Tebat Gunung", "desa adat"),
    ("17.02.01.2001", "Air Bang", "desa"),
    ("17.71.01.1001", "Jalan Gedang", "kelurahan"),
    ("17.71.01.1002", "Cempaka Permai", "kelurahan"),
    ("18.04.01.2001", "Sukarame", "desa"),
    ("18.04.01.2002", "Way Empulau Ulu", "desa"),
    ("18.04.01.1001", "Pasar Liwa", "kelurahan"),
]
AS_OF = "2024-05-31"


def make_desa() -> pd.DataFrame:
    rows = []
    for kode, nama, jenis in DESA:
        p, k, c = kode[:2], kode[:5], kode[:8]
        rows.append({"kode_desa": kode, "nama_desa": nama, "jenis": jenis, "kode_kecamatan": c,
                     "nama_kecamatan": KEC[c], "kode_kabkota": k, "nama_kabkota": KAB[k], "kode_provinsi": p,
                     "nama_provinsi": PROV[p]})
    return pd.DataFrame(rows)


def make_kkb() -> pd.DataFrame:
    rows = [
        ("K1", "17.01.01.2001", "2016-01-14", "RW", True),
        ("K2", "17.01.01.2001", "2018-06-01", "Dusun", True),
        ("K3", "17.01.01.1001", "2022-07-01", "Desa", True),
        ("K4", "17.01.02.2001", "2023-03-15", "Desa", False),
        ("K5", "17.71.01.1001", "2023-05-10", "Desa", True),
        ("K6", "18.04.01.2001", "2024-05-12", "Desa", True),
        ("K7", "18.04.01.2002", "2024-05-12", "Desa", True),
        ("K8", "18.04.01.1001", "2024-06-01", "Desa", True),
        ("K9", "17.01.02.3001", "2023-09-01", "Desa", True),
    ]
    df = pd.DataFrame(rows, columns=["id", "kode_desa", "tanggal_pencanangan", "cakupan_wilayah", "aktif"])
    df["tanggal_pencanangan"] = pd.to_datetime(df["tanggal_pencanangan"])
    df["nama"] = "Kampung KB " + df["id"]
    df["contoh_kabupaten"] = False
    df["contoh_provinsi"] = False
    return df


# rumah_dataku, date, then the 12 readiness flags as 0/1 in READINESS_INDICATORS order except pokja_terlatih,
# which is a count: pokja_ada, pokja_sk, pokja_terlatih, plkb, regulasi, rencana, sekretariat, bkb, bkr, bkl, uppka, pikr
PROFIL = {
    "K1": ("ada", "2019-03-01", (1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 0, 0)),
    "K2": ("tidak", None, (1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0)),
    "K3": ("ada", "2024-07-01", (1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 0)),  # formed after AS_OF
    "K4": ("ada", "2023-04-01", (1, 1, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1)),  # inactive
    "K5": ("belum", None, (0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0)),
    "K6": ("ada", "2024-05-12", (1, 1, 12, 1, 1, 1, 1, 1, 1, 1, 1, 1)),
    # K7: no profile row
    "K8": ("ada", "2024-06-01", (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
    "K9": ("tidak", None, (1, 0, 2, 0, 1, 0, 1, 0, 1, 1, 0, 1)),
}


def make_profil() -> pd.DataFrame:
    from kbreport.analysis.readiness import READINESS_INDICATORS
    rows = []
    for kid, (rdk, tgl, flags) in PROFIL.items():
        r = {"kampung_kb_id": kid, "rumah_dataku": rdk, "rumah_dataku_tanggal": tgl}
        for name, v in zip(READINESS_INDICATORS, flags):
            r[name] = v if name == "pokja_terlatih" else bool(v)
        r["pokja_jumlah"] = 12
        rows.append(r)
    df = pd.DataFrame(rows)
    df["rumah_dataku_tanggal"] = pd.to_datetime(df["rumah_dataku_tanggal"])
    df["pokja_terlatih"] = df["pokja_terlatih"].astype("Int64")
    return df


# pus, iud, mow, mop, implan, suntik, pil, kondom, iat, tial, keluarga_poktan, peserta_poktan
KKBPK = {
    "K1": (100, 10, 5, 0, 5, 40, 15, 5, 4, 2, 50, 10),
    "K2": (10, 0, 0, 0, 0, 1, 0, 0, 2, 1, 10, 8),
    "K3": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    "K4": (1000, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 100, 100),  # inactive
    # K5: no kkbpk row
    "K6": (50, 20, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0),
    "K7": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    "K9": (40, 0, 0, 0, 10, 0, 10, 0, 1, 1, 20, 5),
}
KKBPK_COLUMNS = ["pus", "kb_iud", "kb_mow", "kb_mop", "kb_implan", "kb_suntik", "kb_pil", "kb_kondom", "tkb_iat",
                 "tkb_tial", "keluarga_poktan", "peserta_poktan"]


def make_kkbpk() -> pd.DataFrame:
    df = pd.DataFrame([{"kampung_kb_id": k, "periode": pd.Timestamp("2024-05-01"), **dict(zip(KKBPK_COLUMNS, v))}
                       for k, v in KKBPK.items()])
    df["tkb_hamil"] = 0
    df["tkb_ingin_anak_segera"] = 0
    for c in KKBPK_COLUMNS:
        df[c] = df[c].astype("Int64")
    return df


def make_desa_cantik() -> pd.DataFrame:
    return pd.DataFrame({
        "kode_desa": ["17.01.01.2001", "17.01.02.3001", "17.01.02.2001", "17.02.01.2001", "18.04.01.1001",
                      "99.99.99.9999"],
        "tahun": pd.array([2021, 2022, 2022, 2025, 2023, 2021], dtype="Int64"),
    })


# --- tests of units ---------------------------------------------------------------------------------------

def test_normalise_kode():
    assert units.normalise_kode(None) is None
    assert units.normalise_kode(" ") is None
    assert units.normalise_kode("17") == "17"
    assert units.normalise_kode("1804") == "18.04"
    assert units.normalise_kode("18.04") == "18.04"
    with pytest.raises(ValueError, match="18.04.01"):
        units.normalise_kode("18.04.01")


def test_resolve_names_levels_and_unknown():
    desa = make_desa()
    u = units.resolve(desa, None)
    assert (u.kode, u.nama, u.tingkat, u.sub_tingkat) == (None, "Indonesia", "nasional", "provinsi")
    u = units.resolve(desa, "17")
    assert (u.kode, u.nama, u.tingkat, u.sub_columns) == ("17", "Bengkulu", "provinsi",
                                                          ("kode_kabkota", "nama_kabkota"))
    u = units.resolve(desa, "1804")
    assert (u.kode, u.nama, u.tingkat, u.sub_tingkat) == ("18.04", "Kab. Lampung Barat", "kabkota", "kecamatan")
    with pytest.raises(UnknownRegionError, match="'19'"):
        units.resolve(desa, "19")
    with pytest.raises(ValueError, match="kode_provinsi"):
        units.resolve(desa.drop(columns="kode_provinsi"), "17")


def test_counting_kkb_excludes_inactive_and_later_launches():
    kkb = make_kkb()
    ids = set(units.counting_kkb(kkb, AS_OF)["id"])
    assert ids == {"K1", "K2", "K3", "K5", "K6", "K7", "K9"}  # K4 inactive, K8 launched 2024-06-01
    assert set(units.counting_kkb(kkb, None)["id"]) == ids | {"K8"}
    # launched on the as_of day counts, even with a time of day
    kkb.loc[kkb["id"] == "K8", "tanggal_pencanangan"] = pd.Timestamp("2024-06-01 15:30")
    assert "K8" in set(units.counting_kkb(kkb, "2024-06-01")["id"])
    assert units.counting_kkb(kkb, "2015-12-31").empty
    # blank aktif counts as inactive
    kkb["aktif"] = pd.array([True, None, True, False, True, True, True, True, True], dtype="boolean")
    assert "K2" not in set(units.counting_kkb(kkb, AS_OF)["id"])


def test_scope_places_kkb_in_sub_units_and_drops_unknown_desa():
    kkb = pd.concat([make_kkb(), pd.DataFrame({"id": ["KX"], "kode_desa": ["99.99.99.9999"],
                                               "tanggal_pencanangan": [pd.Timestamp("2020-01-01")],
                                               "aktif": [True]})], ignore_index=True)
    sc = units.scope(make_desa(), kkb, "17", AS_OF)
    assert sc.unit.nama == "Bengkulu"
    assert len(sc.desa) == 8
    assert list(sc.sub_units["kode"]) == ["17.01", "17.02", "17.71"]
    assert dict(zip(sc.kkb["id"], sc.kkb["sub_kode"])) == {
        "K1": "17.01", "K2": "17.01", "K3": "17.01", "K5": "17.71", "K9": "17.01"}
    sc = units.scope(make_desa(), kkb, None, None)
    assert "KX" not in set(sc.kkb["id"])


def test_in_place_edits_are_seen_despite_the_cache():
    from kbreport.analysis.coverage import coverage, total_row
    from kbreport.analysis.rumah_dataku import rumah_dataku
    desa, kkb, profil = make_desa(), make_kkb(), make_profil()
    assert total_row(coverage(desa, kkb, None, AS_OF))["kampung_kb"] == 7
    kkb.loc[kkb["id"] == "K2", "aktif"] = False  # in place
    assert total_row(coverage(desa, kkb, None, AS_OF))["kampung_kb"] == 6
    kkb.loc[kkb["id"] == "K9", "kode_desa"] = "17.01.01.2002"  # moved from Kedurang to Manna
    r = coverage(desa, kkb, "17.01", AS_OF).set_index("kode")
    assert (r.loc["17.01.01", "tercakup"], r.loc["17.01.02", "tercakup"]) == (3, 0)
    kkb.loc[kkb["id"] == "K8", "tanggal_pencanangan"] = pd.Timestamp("2024-05-01")
    assert total_row(coverage(desa, kkb, "18", AS_OF))["tercakup"] == 3
    assert total_row(rumah_dataku(desa, kkb, profil, "18", AS_OF))["ada"] == 1  # K8's formed 1 June
    profil.loc[profil["kampung_kb_id"] == "K8", "kampung_kb_id"] = "K7"  # K8 loses its profile, K7 gains it
    t = total_row(rumah_dataku(desa, kkb, profil, "18", AS_OF))
    assert (t["tanpa_profil"], t["belum"]) == (1, 1)  # K7's new profile: 'ada' formed 1 June → belum
    desa.loc[desa["kode_kabkota"] == "18.04", "nama_kabkota"] = "Kab. Lampung Barat (baru)"
    assert units.resolve(desa, "18.04").nama == "Kab. Lampung Barat (baru)"
    units.clear_cache()
    assert total_row(coverage(desa, kkb, None, AS_OF))["kampung_kb"] == 7  # K2 out, K8 in


def test_cache_hits_while_unchanged():
    desa, kkb = make_desa(), make_kkb()
    assert units.desa_index(desa) is units.desa_index(desa)
    r1 = units.registry(kkb, desa)
    assert units.registry(kkb, desa) is r1
    kkb.loc[0, "aktif"] = False
    r2 = units.registry(kkb, desa)
    assert r2 is not r1 and not r2.aktif[0] and r1.aktif[0]
    assert units.registry(kkb.copy(), desa) is not r2  # another frame, another entry


def test_shallow_copies_share_the_cache_and_an_edited_copy_does_not():
    """A warm kernel hands each report shallow copies of the same tables: they reuse the prepared
    forms, and a report that edits its copy gets its own without changing the others'."""
    desa, kkb = make_desa(), make_kkb()
    r1 = units.registry(kkb, desa)
    mine, yours = kkb.copy(deep=False), kkb.copy(deep=False)
    assert units.registry(mine, desa.copy(deep=False)) is r1
    assert units.desa_index(desa.copy(deep=False)) is units.desa_index(desa)
    mine.loc[0, "aktif"] = False
    r2 = units.registry(mine, desa)
    assert r2 is not r1 and not r2.aktif[0]
    assert units.registry(yours, desa) is r1 and r1.aktif[0] and bool(kkb.loc[0, "aktif"])
