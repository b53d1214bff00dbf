"""Classification rules: each indicator's bands, each boundary, each class — expected values by hand."""
from __future__ import annotations

import pandas as pd
import pytest

from kbreport.analysis.classification import classify, compare, indicator_scores

DANA = ("apbn", "apbd", "dana_desa", "hibah", "csr", "swadaya")
POKTAN = ("bkb", "bkr", "bkl", "uppka", "pikr")
DATA = ("pk", "rutin", "potensi_desa", "sektoral", "lain")


def prof(kid: str, *, dana: int = 0, poktan: int = 0, data: int = 0, **kw) -> dict:
    """A profile with nothing (every indicator at its lowest) unless told otherwise."""
    row = {
        "kampung_kb_id": kid, "pokja_ada": False, "pokja_sk": False, "pokja_jumlah": 0, "pokja_terlatih": 0,
        "plkb_pendamping": False, "regulasi_ada": False, "regulasi_tingkat": None, "rencana_kerja": False,
        "sekretariat": False, "rumah_dataku": "tidak", "rumah_dataku_tanggal": pd.NaT,
        "jumlah_mekanisme": 0, "jumlah_instansi": 0, "klasifikasi": "Dasar",
    }
    row.update({f"dana_{s}": i < dana for i, s in enumerate(DANA)})
    row.update({f"poktan_{p}": i < poktan for i, p in enumerate(POKTAN)})
    row.update({f"data_{d}": i < data for i, d in enumerate(DATA)})
    row.update(kw)
    return row


def kk(kid: str, **kw) -> dict:
    row = {"kampung_kb_id": kid, "periode": pd.Timestamp("2024-12-01"), "pus": 0,
           **{f"kb_{m}": 0 for m in ("iud", "mow", "mop", "implan", "suntik", "pil", "kondom")},
           **{f"tkb_{r}": 0 for r in ("hamil", "ingin_anak_segera", "iat", "tial")},
           "keluarga_poktan": 0, "peserta_poktan": 0}
    row.update(kw)
    return row


def scores(profiles: list[dict], kkbpk: list[dict] | None = None) -> pd.DataFrame:
    k = pd.DataFrame(kkbpk) if kkbpk else pd.DataFrame([kk("none")]).iloc[:0]
    return indicator_scores(pd.DataFrame(profiles), k)


def test_shape_index_and_columns():
    s = scores([prof("a"), prof("b")], [kk("a")])
    assert list(s.index) == ["a", "b"] and s.index.name == "kampung_kb_id"
    assert list(s.columns) == ["pokja", "dana", "poktan", "sarana", "pendamping", "data", "mekanisme", "instansi",
                               "partisipasi_poktan", "cpr", "mkjp", "unmet", "indeks_input", "indeks_proses",
                               "indeks_output", "klasifikasi_hitung"]
    # Nothing at all: every indicator 1, every index 1.0, Dasar.
    assert (s.iloc[:, :12] == 1).all().all()
    assert s.loc["a", "indeks_input"] == 1.0 and s.loc["b", "klasifikasi_hitung"] == "Dasar"


def test_pokja_levels():
    s = scores([
        prof("none"),
        prof("no_sk", pokja_ada=True, pokja_jumlah=10, pokja_terlatih=5),
        prof("sk", pokja_ada=True, pokja_sk=True, pokja_jumlah=10, pokja_terlatih=0),
        prof("sk_trained", pokja_ada=True, pokja_sk=True, pokja_jumlah=10, pokja_terlatih=1),
    ])
    assert s["pokja"].tolist() == [1, 2, 3, 4]


@pytest.mark.parametrize("indicator,field,values,expected", [
    ("dana", "dana", [0, 1, 2, 4, 5, 6], [1, 2, 3, 3, 4, 4]),
    ("poktan", "poktan", [0, 1, 2, 3, 4, 5], [1, 2, 2, 3, 3, 4]),
    ("data", "data", [0, 1, 2, 3, 4, 5], [1, 2, 3, 3, 4, 4]),
    ("mekanisme", "jumlah_mekanisme", [0, 1, 2, 3, 4, 5], [1, 2, 2, 3, 3, 4]),
    ("instansi", "jumlah_instansi", [0, 1, 3, 4, 6, 7], [1, 2, 2, 3, 3, 4]),
])
def test_count_bands(indicator, field, values, expected):
    s = scores([prof(f"k{i}", **{field: v}) for i, v in enumerate(values)])
    assert s[indicator].tolist() == expected


def test_sarana_and_pendamping_scored_1_to_3():
    s = scores([
        prof("a"),
        prof("b", sekretariat=True),
        prof("c", rumah_dataku="ada"),
        prof("d", sekretariat=True, rumah_dataku="ada", plkb_pendamping=True, regulasi_ada=True),
        prof("e", rumah_dataku="belum", regulasi_ada=True),  # planned Rumah DataKu does not count
    ])
    assert s["sarana"].tolist() == [1, 2, 2, 3, 1]
    assert s["pendamping"].tolist() == [1, 1, 1, 3, 2]


def test_cpr_boundaries():
    # PUS 1000: 29.9 % → 1, 30 → 2, 40 → 2, 40.1 → 3, 40.5 → 3, 50 → 3, 50.1 → 4.
    users = [299, 300, 400, 401, 405, 500, 501]
    s = scores([prof(f"k{u}") for u in users], [kk(f"k{u}", pus=1000, kb_suntik=u) for u in users])
    assert s["cpr"].tolist() == [1, 2, 2, 3, 3, 3, 4]
    # 81 of 200 = 40.5 % exactly (a share is never rounded to 40 or 41 first) → 3; PUS 0 → 1.
    s = scores([prof("x"), prof("y")], [kk("x", pus=200, kb_pil=41, kb_iud=40), kk("y", pus=0)])
    assert s["cpr"].tolist() == [3, 1]


def test_mkjp_boundaries():
    # 1000 users: MKJP 19.9 % → 1, 20 → 2, 22 → 2, 22.1 → 3, 24 → 3, 24.1 → 4.
    shares = [199, 200, 220, 221, 240, 241]
    s = scores([prof(f"k{m}") for m in shares],
               [kk(f"k{m}", pus=2000, kb_implan=m, kb_suntik=1000 - m) for m in shares])
    assert s["mkjp"].tolist() == [1, 2, 2, 3, 3, 4]
    # All four long-acting methods count; no users at all → 1.
    s = scores([prof("x"), prof("y")], [kk("x", pus=100, kb_iud=3, kb_mow=3, kb_mop=3, kb_implan=3, kb_pil=38),
                                        kk("y", pus=100)])
    assert s["mkjp"].tolist() == [3, 1]  # 12 of 50 = 24 % → 3


def test_participation_boundaries():
    n = [99, 100, 200, 201, 300, 301]
    s = scores([prof(f"k{i}") for i in n], [kk(f"k{i}", keluarga_poktan=1000, peserta_poktan=i) for i in n])
    assert s["partisipasi_poktan"].tolist() == [1, 2, 2, 3, 3, 4]
    s = scores([prof("z")], [kk("z", pus=100, keluarga_poktan=0, peserta_poktan=0)])
    assert s["partisipasi_poktan"].tolist() == [1]


def test_unmet_boundaries_reversed():
    # PUS 1000, IAT + TIAL: 5.9 % → 4, 6 → 3, 9 → 3, 9.1 → 2, 12 → 2, 12.1 → 1.
    n = [59, 60, 90, 91, 120, 121]
    s = scores([prof(f"k{i}") for i in n], [kk(f"k{i}", pus=1000, tkb_iat=i - 10, tkb_tial=10, tkb_hamil=50)
                                            for i in n])
    assert s["unmet"].tolist() == [4, 3, 3, 2, 2, 1]
    # PUS 0 (or no kkbpk row) is not "no unmet need": it scores 1.
    s = scores([prof("z"), prof("missing")], [kk("z", pus=0)])
    assert s["unmet"].tolist() == [1, 1]


def test_no_kkbpk_row_scores_output_1():
    s = scores([prof("a", pokja_ada=True), prof("b")], [kk("b", pus=100, kb_implan=60, tkb_iat=1,
                                                              keluarga_poktan=10, peserta_poktan=5)])
    assert s.loc["a", ["partisipasi_poktan", "cpr", "mkjp", "unmet"]].tolist() == [1, 1, 1, 1]
    # b: 50 % participation → 4, CPR 60 % → 4, MKJP 100 % → 4, unmet 1 % → 4.
    assert s.loc["b", ["partisipasi_poktan", "cpr", "mkjp", "unmet"]].tolist() == [4, 4, 4, 4]
    assert s.loc["b", "indeks_output"] == 4.0


# Building blocks at an index of exactly 3 and just below.
INPUT_3 = dict(pokja_ada=True, pokja_sk=True, dana=2, poktan=3, sekretariat=True, rumah_dataku="ada",
               plkb_pendamping=True, regulasi_ada=True)  # 3+3+3+3+3 = 15 → 3.0
INPUT_LOW = {**INPUT_3, "regulasi_ada": False}  # 3+3+3+3+2 = 14 → 2.8
PROSES_3 = dict(data=2, jumlah_mekanisme=3, jumlah_instansi=4)  # 3+3+3 = 9 → 3.0
PROSES_LOW = {**PROSES_3, "jumlah_instansi": 3}  # 3+3+2 = 8 → 2.67
# pus 1000: CPR 45 % → 3; MKJP 103/450 = 22.9 % → 3; unmet 7 % → 3; participation 25 % → 3: 12 → 3.0
OUTPUT_3 = dict(pus=1000, kb_implan=103, kb_suntik=347, tkb_iat=40, tkb_tial=30, keluarga_poktan=400,
                peserta_poktan=100)
OUTPUT_LOW = {**OUTPUT_3, "tkb_tial": 60}  # unmet 10 % → 2: 11 → 2.75


@pytest.mark.parametrize("i,p,o,expected", [
    (True, True, True, "Berkelanjutan"),
    (False, True, True, "Mandiri"),
    (True, False, True, "Mandiri"),
    (False, False, True, "Dasar"),
    (True, True, False, "Berkembang"),
    (True, False, False, "Dasar"),
    (False, True, False, "Dasar"),
    (False, False, False, "Dasar"),
])
def test_each_class_at_the_boundary(i, p, o, expected):
    profile = prof("k", **(INPUT_3 if i else INPUT_LOW), **(PROSES_3 if p else PROSES_LOW))
    s = scores([profile], [kk("k", **(OUTPUT_3 if o else OUTPUT_LOW))])
    row = s.loc["k"]
    assert row["indeks_input"] == (3.0 if i else 2.8)
    assert row["indeks_proses"] == pytest.approx(3.0 if p else 8 / 3)
    assert row["indeks_output"] == (3.0 if o else 2.75)
    assert row["klasifikasi_hitung"] == expected


@pytest.mark.parametrize("triple,expected", [
    ((3, 3, 3), "Berkelanjutan"),
    ((3.6, 4, 4), "Berkelanjutan"),
    ((2.8, 3, 3), "Mandiri"),
    ((3, 2.67, 3.25), "Mandiri"),
    ((2, 2, 3.5), "Dasar"),
    ((3.6, 3, 2.75), "Berkembang"),
    ((3, 2, 2), "Dasar"),
    ((1, 1, 1), "Dasar"),
])
def test_classify_one_triple(triple, expected):
    assert classify(triple) == expected


def test_compare_lists_mismatches():
    profiles = [prof("a", klasifikasi="Dasar"), prof("b", klasifikasi="Mandiri"),
                prof("c", klasifikasi="Berkembang", **INPUT_3, **PROSES_3)]
    s = scores(profiles)
    c = compare(pd.DataFrame(profiles), s)
    assert list(c.columns) == ["kampung_kb_id", "reported", "computed", "match"]
    assert c["computed"].tolist() == ["Dasar", "Dasar", "Berkembang"]
    assert c["match"].tolist() == [True, False, True]
    # A profile without scores is a mismatch, not an error.
    c = compare(pd.DataFrame(profiles), s.drop(index="a"))
    assert c["match"].tolist() == [False, False, True] and pd.isna(c.loc[0, "computed"])


def test_blank_values_count_as_absent():
    p = pd.DataFrame([prof("a", pokja_ada=True, pokja_sk=True, pokja_terlatih=2)])
    p["pokja_sk"] = pd.array([pd.NA], dtype="boolean")
    p["jumlah_instansi"] = pd.array([pd.NA], dtype="Int64")
    s = indicator_scores(p, pd.DataFrame([kk("a")]))
    assert s.loc["a", "pokja"] == 2 and s.loc["a", "instansi"] == 1


def test_duplicate_profile_rejected():
    with pytest.raises(ValueError, match="more than one row for Kampung KB 'a'"):
        scores([prof("a"), prof("a")])
