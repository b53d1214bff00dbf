"""The region master per decree (kbreport.ingest.decrees): the decree in force on a date, each decree's counts,
exports coded by an older decree, codes that moved (Papua Barat Daya), figures.json's master_wilayah.

Expected counts were counted with pandas from ../shared/sources/wilayah-decrees/<stem>.csv.gz (rows whose code
starts with the region's code, by number of dots); expected codes and names were read there by eye.
"""
from __future__ import annotations

import json
import shutil
import sys
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from kbreport.cli import main
from kbreport.ingest import decrees as D
from kbreport.ingest import wilayah as w

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "tests" / "fixtures" / "broken" / "_baseline"
SOURCES = ROOT.parent / "shared" / "sources" / "wilayah-decrees"
if not SOURCES.is_dir():
    SOURCES = Path("/work/shared/sources/wilayah-decrees")
S56, S137, S72, S58, S6117, S2025 = (d.stem for d in D.DECREES)


# --- which decree is in force -------------------------------------------------------------

@pytest.mark.parametrize("day,stem", [
    (date(2014, 1, 1), S56),  # nothing older ships: the first
    (date(2015, 6, 29), S56),  # its signing day
    (date(2017, 3, 7), S56),  # the Sumsel Rakorda
    (date(2017, 12, 26), S56),
    (date(2017, 12, 27), S137),  # signing day of 137/2017
    (date(2019, 10, 7), S137),
    (date(2019, 10, 8), S72),
    (date(2022, 2, 13), S72),  # Permendagri 58/2021 is signed, its code list (050-145/2022) not yet
    (date(2022, 2, 14), S58),
    (date(2022, 8, 24), S58),  # the Sumsel workshop: 6117/2022 came on 9 November
    (date(2022, 11, 8), S58),
    (date(2022, 11, 9), S6117),
    (date(2023, 4, 3), S6117),
    (date(2024, 6, 4), S6117),
    (date(2025, 4, 24), S6117),
    (date(2025, 4, 25), S2025),  # 300.2.2-2138/2025, which 2430 amends
    (date(2026, 12, 2), S2025),
])
def test_decree_in_force(day, stem):
    assert D.decree_in_force(day).stem == stem
    assert D.decree_in_force(datetime(day.year, day.month, day.day, 23, 59)).stem == stem
    assert D.decree_in_force(pd.Timestamp(day)).stem == stem
    assert D.get_decree(day).stem == stem
    assert D.get_decree(day.isoformat()).stem == stem


def test_get_decree_by_stem_and_unknown():
    assert D.get_decree(S56).judul == "Permendagri No. 56 Tahun 2015"
    assert D.get_decree(D.TODAY) is D.TODAY and D.TODAY.stem == S2025
    with pytest.raises(KeyError):
        D.get_decree("permendagri-1-2000")


def test_every_decree_cites_its_dates():
    for d in D.DECREES:
        assert d.sumber and d.sumber[0].startswith("https://github.com/cahyadsn/wilayah/blob/")
        assert d.berlaku_sejak >= d.ditetapkan or d.perubahan  # only a later act's list moves the date
    assert [d.berlaku_sejak for d in D.DECREES] == sorted(d.berlaku_sejak for d in D.DECREES)


# --- counts per decree, counted from the source files ---------------------------------------

def _count(master: pd.DataFrame, kode: str, tingkat: str) -> int:
    return int(((master["tingkat"] == tingkat) & master["kode"].str.startswith(kode + ".")).sum())


@pytest.mark.parametrize("stem,kode,kab,kec,desa", [
    (S56, "16", 17, 231, 3236),  # the Rakorda's 231 kecamatan
    (S137, "16", 17, 236, 3239),
    (S72, "16", 17, 241, 3240),
    (S58, "16", 17, 241, 3248),
    (S6117, "16", 17, 241, 3258),
    (S2025, "16", 17, 241, 3259),
    (S58, "63", 13, 156, 2008),
    (S6117, "63", 13, 156, 2016),  # the Kalsel MoU, 3 April 2023
    (S6117, "17", 10, 129, 1513),  # the Bengkulu facilitation, June 2024
    (S56, "17", 10, 128, 1513),
    (S56, "18.04", 0, 15, 136),  # Kab. Lampung Barat, the same 136 in every decree
    (S2025, "18.04", 0, 15, 136),
    (S56, "91", 29, 558, 5529),  # Papua before the 2022 split
    (S2025, "91", 9, 105, 999),
    (S2025, "96", 6, 132, 1013),  # Papua Barat Daya exists from 2025 on
])
def test_counts_per_decree(stem, kode, kab, kec, desa):
    m = w.load_master(decree=stem)
    assert m.attrs["decree"] == stem
    assert (_count(m, kode, "kabkota"), _count(m, kode, "kecamatan"), _count(m, kode, "desa")) == (kab, kec, desa)


@pytest.mark.parametrize("stem,counts", [
    (S56, (34, 514, 7160, 83184)), (S137, (34, 514, 7201, 83436)), (S72, (34, 514, 7230, 83449)),
    (S58, (34, 514, 7266, 83467)), (S6117, (37, 514, 7277, 83763)), (S2025, (38, 514, 7285, 83762)),
])
def test_national_counts_and_desa_table(stem, counts):
    m = w.load_master(decree=stem)
    by = m["tingkat"].value_counts()
    assert tuple(int(by[t]) for t in w.LEVELS) == counts
    d = w.desa_table(m)
    assert len(d) == counts[3] and d["nama_kecamatan"].notna().all()


def test_load_master_by_date_and_names_of_their_time():
    m = w.load_master(decree=date(2017, 3, 7))
    assert m.attrs["decree"] == S56
    assert w.region(m, "12.12").nama == "Kab. Toba Samosir"  # renamed Toba later
    assert w.region(w.load_master(), "12.12").nama == "Kab. Toba"
    assert w.region(m, "91.01").nama == "Kab. Merauke"  # 93.01 from 2022
    with pytest.raises(w.UnknownRegionError):
        w.region(m, "96")


def test_user_master_still_loads(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("kode,nama\n17,BENGKULU\n17.71,KOTA BENGKULU\n17.71.01,Selebar\n17.71.01.1001,Betungan\n")
    m = w.load_master(p)
    assert w.decree_of(m) is None and len(w.desa_table(m)) == 1


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the decree source files are not on this machine")
def test_build_script_check_matches_the_committed_files():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_wilayah_decrees as build
    finally:
        sys.path.pop(0)
    assert build.main(["--sources", str(SOURCES), "--check"]) == 0


# --- codes that moved between decrees -------------------------------------------------------

def test_papua_barat_daya_codes_map_to_their_old_kabupaten():
    # Desa Fef, Distrik Fef: 96.04.01.2001 (Kab. Tambrauw, Papua Barat Daya) in 2025, 92.09.01.2001 before
    codes, lost = D.translate_desa(pd.Series(["96.04.01.2001", "17.71.01.1001"]), S2025, S58)
    assert codes.tolist() == ["92.09.01.2001", "17.71.01.1001"] and lost == []
    back, lost = D.translate_desa(pd.Series(["92.09.01.2001"]), S58, S2025)
    assert back.tolist() == ["96.04.01.2001"] and lost == []
    # every 2025 desa of Tambrauw (96.04) and Maybrat (96.05) that maps lands in 92.09 / 92.10, never elsewhere
    t = D.decree_table(S2025)
    for new, old in (("96.04", "92.09"), ("96.05", "92.10")):
        desa = t.loc[t["kode"].str.startswith(new + ".") & (t["kode"].str.len() == 13), "kode"]
        mapped, lost = D.translate_desa(desa, S2025, S58)
        assert mapped.notna().sum() > 0.8 * len(desa) and len(lost) == mapped.isna().sum()
        assert mapped.dropna().str.slice(0, 5).eq(old).all()
        names_new = t.set_index("kode")["nama_resmi"]
        names_old = D.decree_table(S58).set_index("kode")["nama_resmi"]
        ok = mapped.notna()
        assert (names_new[desa[ok]].str.lower().to_numpy() == names_old[mapped[ok]].str.lower().to_numpy()).all()


def test_a_desa_without_counterpart_is_listed_not_guessed():
    # Kampung Malabam (96.01.04.2002, Kab. Sorong) is not in the 58/2021 list: NA and listed
    codes, lost = D.translate_desa(pd.Series(["96.01.04.2002", "96.04.01.2001"]), S2025, S58)
    assert codes.isna().tolist() == [True, False] and lost == ["96.01.04.2002"]
    # a code that is not in the source decree at all is left for validation to report
    codes, lost = D.translate_desa(pd.Series(["99.99.99.2999"]), S2025, S58)
    assert codes.tolist() == ["99.99.99.2999"] and lost == []


def test_match_decree_counts_desa_codes():
    only56 = ["11.01.15.2007", "11.12.03.2018"]  # Kampung Baru, Ladang Tuha I: only in Permendagri 56/2015
    m = D.match_decree(only56 + ["17.71.01.1001", "17.71.01.1001", None, "bukan kode"])
    assert (m.decree.stem, m.found, m.total) == (S56, 3, 3)
    m = D.match_decree(["92.09.01.2001", "17.71.01.1001"])  # in 56/2015 … 6117/2022 alike: the newest of them
    assert (m.decree.stem, m.found) == (S6117, 2)
    assert D.match_decree(["17.71.01.1001"]).decree.stem == S2025  # in every decree: today's
    assert D.match_decree([]).decree.stem == S2025


def _export(tmp_path: Path, codes: list[str]) -> Path:
    d = tmp_path / "data"
    shutil.copytree(BASE, d)
    k = pd.read_csv(d / "kampung_kb.csv", dtype=str, keep_default_na=False)
    k["kode_desa"] = [codes[i % len(codes)] for i in range(len(k))]
    k["cakupan_wilayah"] = "Desa"
    k = k.drop_duplicates("kode_desa")
    k.to_csv(d / "kampung_kb.csv", index=False)
    for name in ("profil", "kkbpk"):
        t = pd.read_csv(d / f"{name}.csv", dtype=str, keep_default_na=False)
        t[t["kampung_kb_id"].isin(k["id"])].to_csv(d / f"{name}.csv", index=False)
    return d


def test_validate_names_the_older_decree_and_lists_what_does_not_map(tmp_path):
    # two desa only Permendagri 56/2015 lists, Fef of Tambrauw under its old 92.09 code, one desa in every decree;
    # desa_cantik adds Sembadak (16.10.05.2041): 5 distinct codes
    d = _export(tmp_path, ["11.01.15.2007", "11.12.03.2018", "92.09.01.2001", "17.71.01.1001"])
    res = CliRunner().invoke(main, ["validate", "--data", str(d)])
    assert "Master wilayah: Permendagri No. 56 Tahun 2015 (5 dari 5 kode desa ada di sana)" in res.output, res.output
    assert "1 kode desa ditulis lain di Kepmendagri No. 300.2.2-2430 Tahun 2025" in res.output
    assert ("2 kode desa tidak punya padanan yang pasti di Kepmendagri No. 300.2.2-2430 Tahun 2025: "
            "11.01.15.2007, 11.12.03.2018") in res.output
    en = CliRunner().invoke(main, ["validate", "--data", str(d), "--lang", "en"])
    assert "Region master: Permendagri No. 56 Tahun 2015 (5 of 5 desa codes found in it)" in en.output


def test_validate_an_export_in_todays_codes():
    res = CliRunner().invoke(main, ["validate", "--data", str(BASE)])
    assert "Master wilayah: Kepmendagri No. 300.2.2-2430 Tahun 2025" in res.output
    assert "ditulis lain" not in res.output and "padanan" not in res.output


# --- a report uses the decree in force on its date --------------------------------------------

@pytest.fixture(scope="module")
def papua_export(tmp_path_factory) -> Path:
    # an export coded by 58/2021: Fef under 92.09, and Sembadak (Sumsel)
    return _export(tmp_path_factory.mktemp("pbd"), ["92.09.01.2001", "16.10.05.2041"])


def test_briefing_counts_by_the_decree_in_force(papua_export, tmp_path):
    from kbreport.build.briefing import region_report

    r = region_report(data_dir=str(papua_export), kode="16", as_of="2017-03-07")
    assert r.headline["master_wilayah"] == S56 and r.headline["desa_kelurahan"] == 3236
    fig = json.loads((r.write_outputs(tmp_path / "a", annex=False) / "figures.json").read_text(encoding="utf-8"))
    assert fig["master_wilayah"] == S56 and fig["desa_kelurahan"] == 3236
    r = region_report(data_dir=str(papua_export), kode="16", as_of="2022-08-24")
    assert (r.headline["master_wilayah"], r.headline["desa_kelurahan"]) == (S58, 3248)
    r = region_report(data_dir=str(papua_export), kode="16", as_of="2023-01-31")
    assert (r.headline["master_wilayah"], r.headline["desa_kelurahan"]) == (S6117, 3258)


def test_briefing_puts_a_moved_desa_in_its_new_province(papua_export, tmp_path):
    from kbreport.build.briefing import region_report

    r = region_report(data_dir=str(papua_export), kode="96", as_of="2025-06-30")
    assert r.headline["master_wilayah"] == S2025
    assert (r.headline["desa_kelurahan"], r.headline["kampung_kb"]) == (1013, 1)  # Fef, now 96.04.01.2001
    fig = json.loads((r.write_outputs(tmp_path / "b", annex=False) / "figures.json").read_text(encoding="utf-8"))
    assert fig["master_wilayah"] == S2025 and fig["kampung_kb"] == 1
    r = region_report(data_dir=str(papua_export), kode="92", as_of="2025-06-30")
    assert r.headline["kampung_kb"] == 0  # not left in Papua Barat under its old code


def test_with_master_on_keeps_a_users_master_and_todays_decree(tmp_path):
    from dataclasses import replace

    from kbreport.ingest.dataset import load_data, with_master_on

    ds = load_data(BASE)
    assert ds.master_wilayah == S2025
    assert with_master_on(ds, None) is ds and with_master_on(ds, date(2025, 6, 1)) is ds
    old = with_master_on(ds, date(2017, 3, 7))
    assert old.master_wilayah == S56 and old.master.attrs["dibaca_dengan"] == S2025
    assert old.kampung_kb["kode_desa"].tolist() == ds.kampung_kb["kode_desa"].tolist()  # same codes in 2015
    p = tmp_path / "m.csv"
    p.write_text("kode,nama\n17,BENGKULU\n")
    mine = replace(ds, master=w.load_master(p))
    assert with_master_on(mine, date(2017, 3, 7)) is mine


# --- the events over the demo data: the decree in force, its counts, the seed figures still hold ----

@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    from kbreport.demo.generator import generate

    out = tmp_path_factory.mktemp("demo")
    generate(out)
    return out


@pytest.mark.parametrize("stem,decree,desa,kampung_kb,rumah_dataku", [
    ("2017-03-07-rakorda-sumsel", S56, 3236, None, None),
    ("2022-08-24-workshop-sumsel", S58, 3248, 497, None),  # 6117/2022 was signed on 9 November 2022
    ("2023-04-03-mou-kalsel-bps", S6117, 2016, 456, 236),
    ("2024-06-04-fasilitasi-rumah-dataku-bengkulu", S6117, 1513, 1322, None),
])
def test_events_use_the_decree_in_force(demo, stem, decree, desa, kampung_kb, rumah_dataku):
    from kbreport.build.briefing import event_report
    from kbreport.build.params import load_params, to_notebook_parameters

    values = to_notebook_parameters(load_params(ROOT / "params" / "events" / f"{stem}.yaml"), demo)
    for runtime in ("data_dir", "out_dir", "annex"):
        values.pop(runtime)
    h = event_report(data_dir=str(demo), **values).headline
    assert (h["master_wilayah"], h["desa_kelurahan"]) == (decree, desa)
    if kampung_kb is not None:
        assert h["kampung_kb"] == kampung_kb
    if rumah_dataku is not None:
        assert h["rumah_dataku"] == rumah_dataku


def test_lampung_barat_136_of_136(demo):
    from kbreport.build.briefing import region_report

    h = region_report(data_dir=str(demo), kode="18.04", as_of="2024-05-12").headline
    assert (h["master_wilayah"], h["desa_kelurahan"], h["tercakup"], h["kampung_kb"]) == (S6117, 136, 136, 136)


def test_rakorda_2017_kecamatan_of_its_decree(demo):
    from kbreport.ingest.wilayah import desa_table

    d = desa_table(w.load_master(decree=date(2017, 3, 7)))
    assert d.loc[d["kode_provinsi"] == "16", "kode_kecamatan"].nunique() == 231
