"""The demo data: calibration figures exactly, determinism, realism rules; read back with plain pandas."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from kbreport.demo import generator as demo
from kbreport.analysis.classification import indicator_scores
from kbreport.ingest.wilayah import desa_table, load_master

SEED = 20160114
BOOLS = {"ya": True, "tidak": False}


@pytest.fixture(scope="module")
def master():
    return load_master()


@pytest.fixture(scope="module")
def out(demo_data) -> Path:
    # tests/conftest.py generates it once per session: demo.generate() with its default seed, which is
    # SEED, and the shipped master (test_same_seed_same_bytes regenerates it with both given explicitly)
    return demo_data


@pytest.fixture(scope="module")
def t(out) -> dict[str, pd.DataFrame]:
    """The written CSVs, read as text (no kbreport reader involved)."""
    return {n: pd.read_csv(out / f"{n}.csv", dtype=str, keep_default_na=False)
            for n in ("kampung_kb", "profil", "kkbpk", "desa_cantik")}


def active_by(kkb: pd.DataFrame, prefix: str, when: str) -> pd.DataFrame:
    """Kampung KB in the region launched on or before `when` and active then: aktif, or stopped after
    `when` (ISO dates compare as text)."""
    sel = (kkb["aktif"].eq("ya") | (kkb["tanggal_nonaktif"] > when)) & (kkb["tanggal_pencanangan"] <= when)
    if prefix:
        sel &= kkb["kode_desa"].str.startswith(prefix + ".")
    return kkb.loc[sel]


def last_month(when: str) -> str:
    """YYYY-MM of the latest month ended on or before `when` ("2023-04-03" -> "2023-03")."""
    d = pd.Timestamp(when)
    return when[:7] if (d + pd.Timedelta(days=1)).day == 1 else (d.replace(day=1) - pd.Timedelta(days=1)).strftime("%Y-%m")


def profile_in_force(t, ids, when: str) -> pd.DataFrame:
    """Each Kampung KB's latest profile row whose month has ended by `when`."""
    p = t["profil"]
    p = p[(p["periode"] <= last_month(when)) & p["kampung_kb_id"].isin(set(ids))]
    return p.sort_values("periode").drop_duplicates("kampung_kb_id", keep="last").set_index("kampung_kb_id")


def rdk_by(t, kkb_rows: pd.DataFrame, when: str) -> int:
    p = profile_in_force(t, kkb_rows["id"], when)
    return int((p["rumah_dataku"].eq("ada") & p["rumah_dataku_tanggal"].ne("")
                & (p["rumah_dataku_tanggal"] <= when)).sum())


def test_last_month():
    assert (last_month("2023-04-03"), last_month("2024-06-30"), last_month("2017-03-07")) == \
        ("2023-03", "2024-06", "2017-02")


# --- calibration, counted by hand ----------------------------------------------------------

@pytest.mark.parametrize("prefix,when,expected", [
    ("", "2022-08-24", 16_793),
    ("16", "2016-12-31", 17),
    ("16", "2022-08-24", 497),
    ("17", "2024-06-04", 1_322),
    ("63", "2023-04-03", 456),
    ("36", "2023-08-23", 884),
    ("51", "2023-08-31", 154),
    ("18.04", "2024-05-12", 136),
])
def test_kampung_kb_counts(t, prefix, when, expected):
    assert len(active_by(t["kampung_kb"], prefix, when)) == expected


@pytest.mark.parametrize("prefix,when,expected", [
    ("63", "2023-04-03", 236),
    ("36", "2023-08-23", 322),
    ("51", "2023-08-31", 122),
])
def test_rumah_dataku_counts(t, prefix, when, expected):
    assert rdk_by(t, active_by(t["kampung_kb"], prefix, when), when) == expected


def test_sumsel_2016_one_per_kabkota(t):
    rows = active_by(t["kampung_kb"], "16", "2016-12-31")
    assert rows["kode_desa"].str.slice(0, 5).nunique() == 17
    assert rows["contoh_kabupaten"].eq("ya").all()


def test_full_coverage_bengkulu_and_lampung_barat(t, master):
    d = desa_table(master)
    kkb = t["kampung_kb"]
    beng = set(d.loc[d["kode_provinsi"].eq("17"), "kode_desa"])
    assert len(beng) == 1_513
    assert set(active_by(kkb, "17", "2024-07-31")["kode_desa"]) == beng
    lb = set(d.loc[d["kode_kabkota"].eq("18.04"), "kode_desa"])
    rows = active_by(kkb, "18.04", "2024-05-12")
    assert len(lb) == 136 and set(rows["kode_desa"]) == lb and len(rows) == 136
    # Nothing launched there afterwards (every desa already covered).
    assert active_by(kkb, "18.04", "2024-12-31").shape[0] == 136
    assert active_by(kkb, "17", "2024-12-31").shape[0] == active_by(kkb, "17", "2024-07-31").shape[0]


def test_desa_cantik(t):
    dc, kkb = t["desa_cantik"], t["kampung_kb"]
    tahun = dc["tahun"].astype(int)
    assert (tahun.value_counts().sort_index().to_dict()) == {2021: 100, 2022: 200, 2023: 250}
    assert dc.loc[tahun.eq(2021), "kode_desa"].str.slice(0, 2).nunique() == 30
    assert not dc["kode_desa"].duplicated().any()
    kal = dc.loc[dc["kode_desa"].str.startswith("63.") & tahun.le(2022), "kode_desa"]
    assert len(kal) == 15
    # A mix: in a Kampung KB desa with a Rumah DataKu, in one without, and outside any Kampung KB.
    rows = active_by(kkb, "63", "2022-12-31")
    in_kkb = kal.isin(rows["kode_desa"])
    p = profile_in_force(t, rows["id"], "2022-12-31")
    has = p.loc[p["rumah_dataku"].eq("ada") & p["rumah_dataku_tanggal"].between("2021-01-01", "2022-12-31")].index
    rdk = set(rows.loc[rows["id"].isin(has), "kode_desa"])
    with_rdk = kal.isin(rdk)
    assert 0 < with_rdk.sum() < in_kkb.sum() < 15


# --- determinism and files ------------------------------------------------------------------

def test_same_seed_same_bytes(out, tmp_path, master):
    demo.generate(tmp_path, seed=SEED, master=master)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["README.txt", "desa_cantik.csv", "kampung_kb.csv", "kkbpk.csv", "profil.csv", "sumber.json"]
    for name in names:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_other_seed_differs_but_still_calibrated(master, t):
    from kbreport.demo.calibration import check

    tables = demo.build_tables(master, seed=7)
    assert check(tables)["cocok"].all()
    assert len(active_by_typed(tables["kampung_kb"], "2022-08-24")) == 16_793
    assert tables["kampung_kb"]["kode_desa"].tolist() != t["kampung_kb"]["kode_desa"].tolist()


def active_by_typed(kkb, when):
    w = pd.Timestamp(when)
    return kkb.loc[(kkb["aktif"] | (kkb["tanggal_nonaktif"] > w)) & (kkb["tanggal_pencanangan"] <= w)]


def test_sumber_and_readme(out, t):
    s = json.loads((out / "sumber.json").read_text("utf-8"))
    assert s["sumber"] == "Data contoh (sintetis) kbreport" and s["sintetis"] is True
    assert s["generator"] == "kbreport.demo.generator" and s["seed"] == SEED and s["kbreport_version"]
    readme = (out / "README.txt").read_text("utf-8")
    assert "Data contoh (sintetis)" in readme and "Sample data (synthetic)" in readme
    # The recorded number of deliberate mismatches is what the data holds.
    assert s["klasifikasi_beda"] == mismatches(t)[0]


def test_no_temporary_files_left_and_failed_write_keeps_old_files(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"old")
    with pytest.raises(TypeError):
        demo.write_atomic(tmp_path, {"a.csv": b"new", "b.csv": None})  # fails while writing b
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    assert (tmp_path / "a.csv").read_bytes() == b"old"
    demo.write_atomic(tmp_path, {"a.csv": b"new", "b.csv": b"b"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]
    assert (tmp_path / "a.csv").read_bytes() == b"new"


# --- realism rules -------------------------------------------------------------------------

def test_every_kode_desa_in_master(t, master):
    codes = set(desa_table(master)["kode_desa"])
    assert set(t["kampung_kb"]["kode_desa"]) <= codes
    assert set(t["desa_cantik"]["kode_desa"]) <= codes


def test_launch_dates_and_first_kampung_kb(t):
    kkb = t["kampung_kb"]
    assert kkb["tanggal_pencanangan"].min() == "2016-01-14"
    assert kkb["tanggal_pencanangan"].max() <= "2024-12-31"
    first = kkb.iloc[0]
    assert (first["nama"], first["kode_desa"], first["tanggal_pencanangan"]) == (
        "Kampung KB Mertasinga", "32.09.21.2015", "2016-01-14")
    years = kkb.loc[kkb["aktif"].eq("ya"), "tanggal_pencanangan"].str.slice(0, 4).value_counts()
    assert sorted(years.index) == [str(y) for y in range(2016, 2025)]
    assert years["2016"] == 514  # one per kab/kota
    assert years["2024"] > years["2021"] > years["2016"]  # accelerating towards every desa
    assert kkb["id"].is_unique


def test_no_rw_or_dusun_after_inpres(t):
    kkb = t["kampung_kb"]
    small = kkb["cakupan_wilayah"].isin(["RW", "Dusun"])
    assert small.sum() > 0
    assert kkb.loc[small, "tanggal_pencanangan"].max() < "2022-05-20"
    assert set(kkb["cakupan_wilayah"]) == {"RW", "Dusun", "Desa"}


def test_two_rw_dusun_kampung_kb_in_one_desa_before_2022(t):
    # the planned second ones, among Kampung KB still active (an inactive RW/Dusun one, active in 2021, may
    # share its desa with a desa-wide one: validation allows it)
    kkb = active_by(t["kampung_kb"][t["kampung_kb"]["aktif"].eq("ya")], "", "2021-12-31")
    n = kkb["kode_desa"].value_counts()
    twice = kkb.loc[kkb["kode_desa"].isin(n.index[n == 2])]
    assert twice["kode_desa"].nunique() >= 50 and n.max() == 2
    assert twice["cakupan_wilayah"].isin(["RW", "Dusun"]).all()
    # and never two desa-wide ones in a desa
    wide = t["kampung_kb"].loc[t["kampung_kb"]["cakupan_wilayah"].eq("Desa"), "kode_desa"]
    assert not wide.duplicated().any()


def test_inactive_exist_and_are_old(t):
    kkb = t["kampung_kb"]
    ina = kkb.loc[kkb["aktif"].eq("tidak")]
    assert 100 < len(ina) < 0.01 * len(kkb)
    assert ina["tanggal_pencanangan"].max() < "2022-01-01"
    # each stopped after its launch and before Inpres 3/2022, so no calibrated figure moves
    assert (ina["tanggal_nonaktif"] > ina["tanggal_pencanangan"]).all() and ina["tanggal_nonaktif"].max() < "2022-05-20"
    assert kkb.loc[kkb["aktif"].eq("ya"), "tanggal_nonaktif"].eq("").all()


def test_kkbpk_plausible(t):
    k = t["kkbpk"].set_index("kampung_kb_id")
    num = k.drop(columns="periode").astype(int)
    users = num[[f"kb_{m}" for m in ("iud", "mow", "mop", "implan", "suntik", "pil", "kondom")]].sum(axis=1)
    assert (users <= num["pus"]).all()
    tkb = num[["tkb_hamil", "tkb_ingin_anak_segera", "tkb_iat", "tkb_tial"]].sum(axis=1)
    assert (tkb <= num["pus"] - users).all()
    assert (num["peserta_poktan"] <= num["keluarga_poktan"]).all()
    assert num["pus"].between(150, 900).all()
    kkb = t["kampung_kb"].set_index("id")
    active = kkb.index[kkb["aktif"].eq("ya")]
    # history: the launch month, then every June and December; every active one reports December 2024
    assert set(k.loc[active].groupby(level=0)["periode"].max()) == {"2024-12"}
    launch = kkb["tanggal_pencanangan"].str.slice(0, 7).reindex(k.index).to_numpy()
    assert ((k["periode"].to_numpy() == launch) | k["periode"].str.endswith(("-06", "-12"))).all()
    assert (k["periode"].to_numpy() >= launch).all()
    # an inactive one only before it stopped
    off = kkb["tanggal_nonaktif"].reindex(k.index).to_numpy()
    stopped = off != ""
    assert (k["periode"].to_numpy()[stopped] < off[stopped]).all()
    last = k["periode"].eq("2024-12").to_numpy()
    cpr = users[last].sum() / num["pus"][last].sum()
    mkjp = num.loc[last, ["kb_iud", "kb_mow", "kb_mop", "kb_implan"]].sum().sum() / users[last].sum()
    assert 0.45 < cpr < 0.75 and 0.15 < mkjp < 0.35


def test_rumah_dataku_dates(t):
    p = t["profil"].merge(t["kampung_kb"][["id", "tanggal_pencanangan"]], left_on="kampung_kb_id", right_on="id")
    ada = p["rumah_dataku"].eq("ada")
    assert (p["rumah_dataku_tanggal"].ne("") == ada).all()
    d = p.loc[ada]
    assert (d["rumah_dataku_tanggal"] >= d["tanggal_pencanangan"]).all()
    assert d["rumah_dataku_tanggal"].min() >= "2021-01-01"
    assert (d["rumah_dataku_tanggal"] >= "2022-01-01").mean() > 0.8
    assert set(p["rumah_dataku"]) == {"ada", "belum", "tidak"}


def test_profiles_improve_with_age(t):
    final = t["profil"].sort_values("periode").drop_duplicates("kampung_kb_id", keep="last")
    p = final.merge(t["kampung_kb"][["id", "tanggal_pencanangan"]], left_on="kampung_kb_id", right_on="id")
    old = p["tanggal_pencanangan"] < "2020-01-01"
    new = p["tanggal_pencanangan"] >= "2024-01-01"
    for col in ("pokja_sk", "regulasi_ada", "sekretariat", "poktan_pikr"):
        assert p.loc[old, col].eq("ya").mean() > p.loc[new, col].eq("ya").mean() + 0.1, col


def typed_for_scores(t):
    prof = t["profil"].copy()
    for c in prof.columns:
        if set(prof[c].unique()) <= {"ya", "tidak"}:
            prof[c] = prof[c].map(BOOLS)
    for c in ("pokja_jumlah", "pokja_terlatih", "jumlah_mekanisme", "jumlah_instansi"):
        prof[c] = prof[c].astype(int)
    kk = t["kkbpk"].copy()
    for c in kk.columns.drop(["kampung_kb_id", "periode"]):
        kk[c] = kk[c].astype(int)
    return prof, kk


def mismatches(t) -> tuple[int, float]:
    """Every profile snapshot scored with its Kampung KB's KB month in force then (latest not after it)."""
    prof, kk = typed_for_scores(t)
    prof = prof.assign(_key=[str(i) for i in range(len(prof))], _m=pd.to_datetime(prof["periode"]))
    kk = kk.assign(_m=pd.to_datetime(kk["periode"]))
    got = pd.merge_asof(prof[["_key", "kampung_kb_id", "_m"]].sort_values("_m"), kk.sort_values("_m"), on="_m",
                        by="kampung_kb_id", direction="backward").dropna(subset=["pus"])
    s = indicator_scores(prof.assign(kampung_kb_id=prof["_key"]), got.assign(kampung_kb_id=got["_key"]))
    same = prof.set_index("_key")["klasifikasi"].eq(s["klasifikasi_hitung"])
    return int((~same).sum()), float(same.mean())


def test_reported_class_mostly_agrees(t):
    n, share = mismatches(t)
    assert 0.95 <= share < 1.0 and n > 0
    classes = t["profil"]["klasifikasi"].value_counts(normalize=True)
    assert set(classes.index) == {"Dasar", "Berkembang", "Mandiri", "Berkelanjutan"}
    assert classes.min() > 0.02  # every class present in earnest


def test_sembadak_kampung_kb_seroja(t):
    kkb = t["kampung_kb"]
    row = kkb.loc[kkb["kode_desa"].eq("16.10.05.2041")]
    assert len(row) == 1
    r = row.iloc[0]
    assert r["nama"] == "Kampung KB Seroja" and r["tanggal_pencanangan"] < "2016-07-01"
    assert (r["contoh_kabupaten"], r["contoh_provinsi"], r["aktif"]) == ("ya", "ya", "ya")
    p = t["profil"].set_index("kampung_kb_id").loc[[r["id"]]].sort_values("periode").iloc[-1]  # its latest
    assert p["periode"] == "2024-12" and p["klasifikasi"] == "Berkelanjutan" and p["rumah_dataku"] == "ada"
    # one contoh_provinsi per province, among the 2016 contoh_kabupaten
    cp = kkb.loc[kkb["contoh_provinsi"].eq("ya")]
    assert cp["kode_desa"].str.slice(0, 2).is_unique and len(cp) == 38
    assert cp["contoh_kabupaten"].eq("ya").all()


# --- summary and command --------------------------------------------------------------------

SUMMARY = {
    "out_dir": "data/demo", "seed": 20160114,
    "rows": {"kampung_kb": 71928, "profil": 71928, "kkbpk": 71928, "desa_cantik": 550},
    "bytes": {"kampung_kb.csv": 5836427, "README.txt": 1040},
    "kampung_kb_per_tahun": {2016: 514, 2017: 1535},
    "kampung_kb_aktif": 2049, "kampung_kb_tidak_aktif": 358, "klasifikasi_beda": 1439,
    "kalibrasi_cocok": 15, "kalibrasi_total": 15, "detik": 3.25,
}


def test_format_summary_indonesian_and_english():
    text = demo.format_summary(SUMMARY)
    assert "Data contoh (sintetis) ditulis ke data/demo (benih 20160114)" in text
    assert "71.928" in text and "2017     1.535  (kumulatif 2.049)" in text
    assert "5.836.427 bita" in text and "(5,8 MB)" in text and "15 dari 15" in text and "3,2 detik" in text
    en = demo.format_summary(SUMMARY, "en")
    assert "71,928" in en and "5,836,427 bytes" in en and "(5.8 MB)" in en


def test_cli_demo(monkeypatch, tmp_path):
    from kbreport.cli import main

    seen = {}

    def fake(out_dir, seed):
        seen.update(out_dir=out_dir, seed=seed)
        return SUMMARY

    monkeypatch.setattr(demo, "generate", fake)
    r = CliRunner().invoke(main, ["demo", "--out", str(tmp_path / "x"), "--seed", "5"])
    assert r.exit_code == 0, r.output
    assert seen == {"out_dir": str(tmp_path / "x"), "seed": 5}
    assert "Kalibrasi: 15 dari 15" in r.output
    r = CliRunner().invoke(main, ["demo", "--out", str(tmp_path / "y"), "--lang", "en"])
    assert r.exit_code == 0 and seen["seed"] == SEED and "Calibration: 15 of 15" in r.output
