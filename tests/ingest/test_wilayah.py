"""The Kemendagri region master (today's decree, Kepmendagri 300.2.2-2430/2025): counts, known values, code
handling, user masters, provenance, CLI. Expected counts were counted with pandas from the source file
../shared/sources/wilayah-decrees/kepmendagri-300.2.2-2430-2025.csv.gz; older decrees: tests/test_decrees.py."""
from __future__ import annotations

import gzip
import hashlib
import time
from importlib import resources

import pandas as pd
import pytest
from click.testing import CliRunner

from kbreport.ingest import wilayah as w
from kbreport.cli import main
from kbreport.errors import MasterError, UnknownRegionError


@pytest.fixture(scope="module")
def master() -> pd.DataFrame:
    return w.load_master()


@pytest.fixture(scope="module")
def desa(master) -> pd.DataFrame:
    return w.desa_table(master)


def _desa_in(desa: pd.DataFrame, kode: str) -> pd.DataFrame:
    col = {1: "kode_provinsi", 2: "kode_kabkota", 3: "kode_kecamatan"}[kode.count(".") + 1]
    return desa.loc[desa[col] == kode]


# --- the bundled master -------------------------------------------------------------------

def test_counts_by_level(master):
    counts = master["tingkat"].value_counts().to_dict()
    assert counts == {"provinsi": 38, "kabkota": 514, "kecamatan": 7285, "desa": 83762}
    assert master["kode"].is_unique
    assert list(master.columns) == ["kode", "nama", "nama_resmi", "tingkat", "jenis",
                                    "kode_provinsi", "kode_kabkota", "kode_kecamatan"]


def test_jenis_split_matches_the_decree(master):
    # Kepmendagri 2025: 416 kabupaten + 98 kota; 75,252 desa + 8,496 kelurahan + 14 desa adat.
    j = master["jenis"].value_counts().to_dict()
    assert (j["kabupaten"], j["kota"]) == (416, 98)
    assert (j["desa"], j["kelurahan"], j["desa adat"]) == (75252, 8496, 14)
    assert set(j) <= {"provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan", "desa adat"}
    # jenis follows the code rule everywhere
    kab = master.loc[master["tingkat"] == "kabkota"]
    assert ((kab["kode"].str[3:].astype(int) >= 71) == (kab["jenis"] == "kota")).all()
    ds = master.loc[master["tingkat"] == "desa"]
    assert ((ds["kode"].str[9] == "1") == (ds["jenis"] == "kelurahan")).all()


@pytest.mark.parametrize("kode,n_desa,n_kab", [("17", 1513, 10), ("16", 3259, 17), ("63", 2016, 13)])
def test_province_known_values(master, desa, kode, n_desa, n_kab):
    assert len(_desa_in(desa, kode)) == n_desa
    assert len(w.children(master, kode)) == n_kab
    assert _desa_in(desa, kode)["kode_kabkota"].nunique() == n_kab


def test_lampung_barat(master, desa):
    r = w.region(master, "18.04")
    assert (r.nama, r.tingkat, r.jenis) == ("Kab. Lampung Barat", "kabkota", "kabupaten")
    lb = _desa_in(desa, "18.04")
    assert len(lb) == 136
    assert lb["jenis"].value_counts().to_dict() == {"desa": 131, "kelurahan": 5}


def test_sembadak(master, desa):
    hit = desa.loc[desa["nama_desa"] == "Sembadak"]
    assert hit["kode_desa"].tolist() == ["16.10.05.2041"]
    row = hit.iloc[0]
    assert (row["jenis"], row["nama_kabkota"], row["nama_provinsi"]) == ("desa", "Kab. Ogan Ilir", "Sumatera Selatan")
    assert w.region(master, "1610052041") == w.Region("16.10.05.2041", "Sembadak", "desa", "desa")


def test_six_papua_provinces(master):
    prov = master.loc[master["tingkat"] == "provinsi"].set_index("kode")["nama"]
    assert {k: prov[k] for k in ("91", "92", "93", "94", "95", "96")} == {
        "91": "Papua", "92": "Papua Barat", "93": "Papua Selatan",
        "94": "Papua Tengah", "95": "Papua Pegunungan", "96": "Papua Barat Daya"}
    # kab/kota per province after the 2022 split: 9 + 7 + 4 + 8 + 8 + 6 = 42
    n = {k: len(w.children(master, k)) for k in ("91", "92", "93", "94", "95", "96")}
    assert n == {"91": 9, "92": 7, "93": 4, "94": 8, "95": 8, "96": 6}
    assert w.region(master, "93.01").nama == "Kab. Merauke"  # was 91.01
    assert w.region(master, "96.71").nama == "Kota Sorong"  # was 92.71
    assert w.region(master, "95.01").nama == "Kab. Jayawijaya"  # was 91.02
    with pytest.raises(UnknownRegionError):
        w.region(master, "91.01")  # Merauke's old code is gone
    # kecamatan and desa followed their kab/kota: every Papua Selatan desa sits under a 93.xx code
    ps = master.loc[master["kode"].str.startswith("93.")]
    assert ps["tingkat"].value_counts()["desa"] > 0
    assert (ps["kode_provinsi"] == "93").all()


def test_every_row_has_its_parent(master):
    codes = set(master["kode"])
    below = master.loc[master["tingkat"] != "provinsi", "kode"]
    assert below.str.rsplit(".", n=1).str[0].isin(codes).all()


def test_printable_names(master):
    nama = master.set_index("kode")["nama"]
    assert nama["16"] == "Sumatera Selatan"
    assert nama["31"] == "DKI Jakarta"
    assert nama["34"] == "DI Yogyakarta"
    assert nama["19"] == "Kepulauan Bangka Belitung"
    assert nama["52"] == "Nusa Tenggara Barat"
    assert nama["17.71"] == "Kota Bengkulu"
    assert nama["16.08"] == "Kab. Ogan Komering Ulu Timur"
    assert nama["96.04"] == "Kab. Tambrauw" and nama["96.05"] == "Kab. Maybrat"  # the 2019 master mixed these up
    resmi = master.set_index("kode")["nama_resmi"]
    assert resmi["34"] == "Daerah Istimewa Yogyakarta"
    assert resmi["16.08"] == "Kabupaten Ogan Komering Ulu Timur"
    assert not master["nama"].str.isupper().loc[master["tingkat"] != "desa"].any()


@pytest.mark.parametrize("raw,tingkat,expected", [
    ("KAB. LAMPUNG BARAT", "kabkota", "Kab. Lampung Barat"),
    ("KABUPATEN LAMPUNG BARAT", "kabkota", "Kab. Lampung Barat"),
    ("KOTA BENGKULU", "kabkota", "Kota Bengkulu"),
    ("KAB. KEP. SIAU TAGULANDANG BIARO", "kabkota", "Kab. Kep. Siau Tagulandang Biaro"),
    ("KAB. PANGKAJENE DAN KEPULAUAN", "kabkota", "Kab. Pangkajene dan Kepulauan"),
    ("KAB. TOJO UNA-UNA", "kabkota", "Kab. Tojo Una-Una"),
    ("SUMATERA SELATAN", "provinsi", "Sumatera Selatan"),
    ("DKI JAKARTA", "provinsi", "DKI Jakarta"),
    ("SEMBADAK", "desa", "Sembadak"),
    ("sembadak", "desa", "Sembadak"),
    ("KUTA II", "desa", "Kuta II"),
    ("Kuta Ii", "desa", "Kuta II"),
    ("Timang gajah", "kecamatan", "Timang Gajah"),
    ("2 x 11 Kayu Tanam", "kecamatan", "2 x 11 Kayu Tanam"),
    ("STM Hilir", "kecamatan", "STM Hilir"),
    ("MA'RANG", "kecamatan", "Ma'rang"),
    ("  Koto   XI Tarusan ", "kecamatan", "Koto XI Tarusan"),
])
def test_printable_name(raw, tingkat, expected):
    assert w.printable_name(raw, tingkat) == expected


# --- codes --------------------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ("16", "16"), ("1610", "16.10"), ("161005", "16.10.05"), ("1610052041", "16.10.05.2041"),
    ("16.10.05.2041", "16.10.05.2041"), ("  16.10 ", "16.10"), (" 1610052041\t", "16.10.05.2041"),
    (1610052041, "16.10.05.2041"), (1610052041.0, "16.10.05.2041"), (16, "16"), ("1610052041.0", "16.10.05.2041"),
    (None, None), ("", None), ("   ", None), (float("nan"), None), (True, None),
    ("161", None), ("16100520411", None), ("16.1", None), ("16.10.5.2041", None), ("16.10.05.204", None),
    ("16-10-05-2041", None), ("16a0", None), ("16..10", None), (1610052041.5, None), (-16, None), ("١٦", None),
])
def test_normalize_code(value, expected):
    assert w.normalize_code(value) == expected


def test_level_of():
    assert w.level_of(None) == "nasional"
    assert w.level_of("") == "nasional"
    assert w.level_of("16") == "provinsi"
    assert w.level_of("16.10") == "kabkota"
    assert w.level_of("161005") == "kecamatan"
    assert w.level_of("16.10.05.2041") == "desa"
    with pytest.raises(ValueError):
        w.level_of("161")


def test_jenis_of():
    assert [w.jenis_of(k) for k in ("17", "17.01", "17.71", "17.01.01", "18.04.01.1001", "18.04.01.2001",
                                    "91.01.01.3001")] == [
        "provinsi", "kabupaten", "kota", "kecamatan", "kelurahan", "desa", "desa adat"]


# --- queries ------------------------------------------------------------------------------

def test_region(master):
    assert w.region(master, None) == w.Region(None, "Indonesia", "nasional", "nasional")
    assert w.region(master, "") .nama == "Indonesia"
    assert w.region(master, 17) == w.Region("17", "Bengkulu", "provinsi", "provinsi")
    assert w.region(master, "1771").nama == "Kota Bengkulu"
    assert w.region(master, "1610052041").nama_lengkap == "Desa Sembadak"
    with pytest.raises(UnknownRegionError, match="99.01"):
        w.region(master, "9901")
    with pytest.raises(KeyError):  # UnknownRegionError is a KeyError too
        w.region(master, "16.1")


def test_children(master):
    prov = w.children(master, None)
    assert len(prov) == 38 and prov["kode"].is_monotonic_increasing
    assert prov["kode"].iloc[0] == "11" and prov["kode"].iloc[-1] == "96"
    kab = w.children(master, "17")
    assert kab["kode"].tolist()[-1] == "17.71" and len(kab) == 10
    assert (kab["tingkat"] == "kabkota").all()
    assert len(w.children(master, "18.04")) == 15  # kecamatan of Lampung Barat
    assert len(w.children(master, "1804")) == 15
    assert w.children(master, "16.10.05.2041").empty


def test_load_master_returns_a_safe_copy():
    m = w.load_master()
    m.loc[0, "nama"] = "DIUBAH"
    assert w.load_master().loc[0, "nama"] == "Aceh"
    # a modified copy is not served from the bundled cache
    assert w.desa_table(m)["nama_provinsi"].iloc[0] == "DIUBAH"
    assert w.desa_table(w.load_master())["nama_provinsi"].iloc[0] == "Aceh"


def test_desa_table(master, desa):
    assert list(desa.columns) == w.DESA_COLUMNS
    assert len(desa) == 83762 and desa["kode_desa"].is_unique
    assert desa[["nama_kecamatan", "nama_kabkota", "nama_provinsi"]].notna().all().all()
    t0 = time.perf_counter()
    w.desa_table(w.load_master())
    assert time.perf_counter() - t0 < 0.3


def test_parent_columns(master):
    row = master.set_index("kode").loc["16.10.05.2041"]
    assert (row["kode_provinsi"], row["kode_kabkota"], row["kode_kecamatan"]) == ("16", "16.10", "16.10.05")
    prov = master.set_index("kode").loc["16"]
    assert prov["kode_provinsi"] == "16" and pd.isna(prov["kode_kabkota"]) and pd.isna(prov["kode_kecamatan"])


# --- a user's newer master ----------------------------------------------------------------

USER_MASTER = """kode,nama
17,BENGKULU
17.01,KAB. BENGKULU SELATAN
17.71,KOTA BENGKULU
17.01.01,MANNA
1701011001,PASAR MANNA
17.01.01.2002,TANJUNG AUR
17.01.01.3003,ADAT CONTOH
"""


def test_user_master_loads_and_derives(tmp_path):
    p = tmp_path / "wilayah_2025.csv"
    p.write_text(USER_MASTER, encoding="utf-8")
    m = w.load_master(p)
    assert m["kode"].tolist() == ["17", "17.01", "17.01.01", "17.01.01.1001", "17.01.01.2002",
                                  "17.01.01.3003", "17.71"]
    by = m.set_index("kode")
    assert by.loc["17.01", "jenis"] == "kabupaten" and by.loc["17.71", "jenis"] == "kota"
    assert by.loc["17.01.01.1001", "jenis"] == "kelurahan"
    assert by.loc["17.01.01.2002", "jenis"] == "desa"
    assert by.loc["17.01.01.3003", "jenis"] == "desa adat"
    assert by.loc["17.71", "nama"] == "Kota Bengkulu" and by.loc["17.71", "nama_resmi"] == "KOTA BENGKULU"
    assert by.loc["17.01.01.2002", "nama"] == "Tanjung Aur"
    assert by.loc["17.01.01.2002", "kode_kabkota"] == "17.01"
    assert by.loc["17.01.01.2002", "tingkat"] == "desa"
    d = w.desa_table(m)
    assert d.set_index("kode_desa").loc["17.01.01.1001", "nama_kabkota"] == "Kab. Bengkulu Selatan"
    assert len(w.children(m, "17")) == 2


def test_user_master_semicolon_and_bom(tmp_path):
    p = tmp_path / "m.csv"
    p.write_bytes("\ufeffKode Wilayah;Nama Wilayah\r\n17;Bengkulu\r\n\r\n17.71;Kota Bengkulu\r\n".encode("utf-8"))
    m = w.load_master(p)
    assert m["kode"].tolist() == ["17", "17.71"]
    assert m["jenis"].tolist() == ["provinsi", "kota"]


@pytest.mark.parametrize("body,needle", [
    ("kode,nama\n17,BENGKULU\n17.01,KAB. A\n17.1,KAB. B\n", "baris 4, kolom kode: [17.1] kode wilayah tidak valid"),
    ("kode,nama\n17,BENGKULU\n17.01,KAB. A\n17.01,KAB. B\n", "baris 4, kolom kode: [17.01] kode 17.01 ganda (sudah ada di baris 3)"),
    ("kode,nama\n17,BENGKULU\n17.01,\n", "baris 3, kolom nama: nama wilayah kosong"),
    ("kode,nama\n17,BENGKULU\n17.02.01,X\n", "baris 3, kolom kode: [17.02.01] induk wilayah 17.02 tidak ada di master"),
    ("kode,nama\n17,BENGKULU\n17.01,KAB. A\n17.01.01,K\n17.01.01.4001,D\n", "baris 5, kolom kode: [17.01.01.4001] digit pertama"),
    ("code_x,nama\n17,BENGKULU\n", "baris 1: kolom 'kode' tidak ada"),
])
def test_malformed_user_master(tmp_path, body, needle):
    p = tmp_path / "rusak.csv"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(MasterError) as e:
        w.load_master(p)
    assert str(p) in str(e.value)
    assert needle in str(e.value)


def test_user_master_missing_file(tmp_path):
    with pytest.raises(MasterError, match="tidak ditemukan"):
        w.load_master(tmp_path / "tidak_ada.csv")


def test_malformed_user_master_lists_every_problem(tmp_path):
    p = tmp_path / "rusak.csv"
    p.write_text("kode,nama\n17,BENGKULU\nxx,A\n17.01,\n", encoding="utf-8")
    with pytest.raises(MasterError) as e:
        w.load_master(p)
    assert [(q.row, q.column) for q in e.value.problems] == [(3, "kode"), (4, "nama")]


# --- provenance and the shipped files -----------------------------------------------------

def _data(name: str) -> bytes:
    return (resources.files("kbreport") / "data" / name).read_bytes()


def test_provenance_matches_shipped_files():
    prov = w.provenance()
    for name, digest in prov["files"].items():
        assert hashlib.sha256(_data(name)).hexdigest() == digest
    assert prov["source"]["repository"] == "https://github.com/cahyadsn/wilayah" and prov["source"]["licence"] == "MIT"
    today = prov["decrees"][-1]
    assert today["stem"] == "kepmendagri-300.2.2-2430-2025"
    assert today["counts"] == {"provinsi": 38, "kabkota": 514, "kecamatan": 7285, "desa": 83762}
    assert [d["stem"] for d in prov["decrees"]] == [
        "permendagri-56-2015", "permendagri-137-2017", "permendagri-72-2019", "permendagri-58-2021",
        "kepmendagri-100.1.1-6117-2022", "kepmendagri-300.2.2-2430-2025"]
    assert all(d["ditetapkan"] and d["sumber"] for d in prov["decrees"])
    prov["decrees"][-1]["counts"]["desa"] = 0  # provenance() hands out a copy
    assert w.provenance()["decrees"][-1]["counts"]["desa"] == 83762


def test_shipped_files_are_deterministic_and_small():
    total = 0
    for name in ("wilayah-kepmendagri-300.2.2-2430-2025.csv.gz", "wilayah-decree-diffs.csv.gz"):
        raw = _data(name)
        assert raw[4:8] == b"\0\0\0\0"  # gzip mtime 0: the build gives the same bytes every run
        total += len(raw)
    assert total < 1_000_000  # six decrees in less than the single 2019 master used to take
    assert gzip.decompress(_data("wilayah-decree-diffs.csv.gz")).split(b"\n", 1)[0] == b"decree,op,kode,nama_resmi,nama"
    notice = _data("WILAYAH_NOTICE.md").decode("utf-8")
    assert "Copyright (c) 2017-2025 Cahya DSN" in notice and notice.count("Permission is hereby granted") == 1


# --- CLI ----------------------------------------------------------------------------------

def test_cli_ringkasan():
    res = CliRunner().invoke(main, ["wilayah", "ringkasan"])
    assert res.exit_code == 0, res.output
    assert "83.762" in res.output and "7.285" in res.output and "514" in res.output
    assert "416 kabupaten, 98 kota" in res.output


def test_cli_show():
    res = CliRunner().invoke(main, ["wilayah", "show", "17"])
    assert res.exit_code == 0, res.output
    assert "Provinsi Bengkulu" in res.output
    assert "1.513" in res.output and "1.341 desa, 172 kelurahan" in res.output
    res = CliRunner().invoke(main, ["wilayah", "show", "1804"])
    assert "136" in res.output and "131 desa, 5 kelurahan" in res.output
    res = CliRunner().invoke(main, ["wilayah", "show", "99.99"])
    assert res.exit_code == 1 and "tidak ada di master" in res.output


def test_cli_cari_and_user_master(tmp_path):
    res = CliRunner().invoke(main, ["wilayah", "cari", "sembadak"])
    assert res.exit_code == 0
    assert "16.10.05.2041" in res.output and "Kab. Ogan Ilir" in res.output
    p = tmp_path / "m.csv"
    p.write_text(USER_MASTER, encoding="utf-8")
    res = CliRunner().invoke(main, ["wilayah", "show", "17", "--master", str(p)])
    assert res.exit_code == 0, res.output
    assert "3  (1 desa, 1 kelurahan, 1 desa adat)" in res.output
    bad = tmp_path / "bad.csv"
    bad.write_text("kode,nama\n17,X\n1x,Y\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["wilayah", "ringkasan", "--master", str(bad)])
    assert res.exit_code == 1 and "baris 3" in res.output
