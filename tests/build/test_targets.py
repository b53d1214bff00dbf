"""Targets that belong to their time: the Inpres 3/2022 coverage default (100 % by 31 December 2024) applies
from 20 May 2022 only; before it, a briefing without a target of its own quotes none. The 2017 Rakorda
counts its own unit, kecamatan holding a Kampung KB."""
from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from tests.build.test_briefing import EVENT, event, section, words

from kbreport import elements as kb
from kbreport.analysis.targets import DEFAULT_TARGET_SEJAK, coverage_target
from kbreport.build.figures import build_figures, validate_figures


def test_coverage_target_in_force_by_date():
    assert DEFAULT_TARGET_SEJAK == date(2022, 5, 20)  # Inpres 3/2022, signed 20 May 2022
    assert coverage_target("2022-05-19") == (None, None)
    assert coverage_target("2022-05-20") == (date(2024, 12, 31), 100.0)
    # a target in params is always used, the missing half from the default
    assert coverage_target("2017-03-07", None, 50.0) == (date(2024, 12, 31), 50.0)
    assert coverage_target("2017-03-07", "2019-12-31", None) == (date(2019, 12, 31), 100.0)


def _region(demo, kode, as_of, **extra):
    # no target_tanggal / target_persen: the notebook's defaults (None) apply
    return kb.region_report(data_dir=str(demo), kode=kode, as_of=as_of, **extra)


def _all_words(R) -> str:
    return words([kb.headline_cards(R), kb.talking_points(R), kb.coverage_chart(R), kb.trend_chart(R),
                  kb.annex_table(R)])


def test_a_2019_region_briefing_has_no_target(demo_data):
    R = _region(demo_data, "17", "2019-06-30")
    h = R.headline
    assert h["target_persen"] is None and h["target_tanggal"] is None and h["kekurangan"] is None
    fig = build_figures(h, R.params, True)
    assert fig["target"] is None and "kekurangan" not in fig
    validate_figures(json.loads(json.dumps(fig)), R.params)  # the contract accepts a null target
    cards = kb.headline_cards(R)
    # the third card: desa without a Kampung KB (no shortfall to a target), 1,513 - covered in Bengkulu
    assert cards[2]["value"] == h["desa_kelurahan"] - h["tercakup"]
    assert "belum ada target cakupan per 30 Juni 2019" in cards[2]["sub"]
    text = _all_words(R)
    for w in ("Kekurangan", "kekurangan", "kurang", "2024", "diperkirakan", "target cakupan 100", "Target 100"):
        assert w not in text, w
    assert kb.heading(R, "ringkasan").text == "Angka utama per 30 Juni 2019"
    assert kb.trend_chart(R).caption == "Perkembangan Kampung KB dan desa/kelurahan tercakup"


def test_a_2023_region_briefing_takes_the_default(demo_data):
    R = _region(demo_data, "17", "2023-06-30")
    h = R.headline
    assert (h["target_tanggal"], h["target_persen"]) == (date(2024, 12, 31), 100.0)
    assert h["kekurangan"] == h["desa_kelurahan"] - h["tercakup"]  # at 100 % the shortfall is every uncovered desa
    fig = build_figures(h, R.params, True)
    assert fig["target"] == {"tanggal": "2024-12-31", "persen": 100.0}
    assert fig["kekurangan"] == h["kekurangan"]
    assert "31 Desember 2024" in " ".join(kb.talking_points(R))


def test_an_explicit_target_before_inpres_is_used(demo_data):
    R = _region(demo_data, "17", "2019-06-30", target_tanggal="2020-12-31", target_persen=20.0)
    assert (R.headline["target_tanggal"], R.headline["target_persen"]) == (date(2020, 12, 31), 20.0)
    assert build_figures(R.headline, R.params, True)["target"] == {"tanggal": "2020-12-31", "persen": 20.0}


@pytest.fixture(scope="module")
def rakorda(demo_data):
    return event(demo_data, "2017-03-07-rakorda-sumsel")


def test_rakorda_figures_are_of_7_march_2017_without_a_target(rakorda):
    fig = build_figures(rakorda.headline, rakorda.params, True)
    assert fig["master_wilayah"] == "permendagri-56-2015"
    assert (fig["kecamatan"], fig["desa_kelurahan"]) == (231, 3236)
    assert fig["target"] is None and "kekurangan" not in fig
    for k in ("kkbpk_periode", "profil_periode"):
        assert fig[k] is None or fig[k] <= "2017-03"
    text = "\n".join(words(EVENT[name](rakorda)) for name in EVENT)
    assert "2024" not in text and "Kekurangan" not in text


def test_rakorda_ranks_kabkota_by_kecamatan(rakorda, demo_data):
    s = section(rakorda, "jenis")
    t = rakorda.tables["kecamatan"]
    subs = t[~t["total"]]
    assert len(subs) == 17 and int(subs["kecamatan"].sum()) == 231  # Permendagri 56/2015: 17 kab/kota
    assert t.iloc[-1]["kecamatan_tercakup"] == rakorda.headline["kecamatan_tercakup"]
    # recounted from the raw files: per kab/kota, kecamatan with a Kampung KB counting on 7 March 2017
    kkb = pd.read_csv(demo_data / "kampung_kb.csv", dtype=str)
    active = kkb["aktif"].eq("ya") | (kkb["tanggal_nonaktif"].fillna("") > "2017-03-07")
    sel = kkb[kkb["kode_desa"].str.startswith("16.") & active & (kkb["tanggal_pencanangan"] <= "2017-03-07")]
    per = sel["kode_desa"].str.slice(0, 8).drop_duplicates().str.slice(0, 5).value_counts()
    assert dict(zip(subs["kode"], subs["kecamatan_tercakup"])) == {k: int(per.get(k, 0)) for k in subs["kode"]}
    assert s[1].caption == "Kecamatan yang memiliki Kampung KB per kabupaten/kota, per 7 Maret 2017"
    # the briefing's one order: the bars list the kab/kota by code, and the line under them says so
    bars = [x.get_text() for x in s[1].figure.axes[0].get_yticklabels()]
    assert bars == list(subs.sort_values("kode")["nama"]) and s[1].source.startswith("Urutan kabupaten/kota")
    # the kab/kota with most kecamatan still without a Kampung KB is named with that number
    gap = (subs["kecamatan"] - subs["kecamatan_tercakup"])
    worst = subs.assign(gap=gap).sort_values(["gap", "kode"], ascending=[False, True]).iloc[0]
    name = rakorda.sub_name(worst["nama"])
    assert f"{name}: {worst['gap']} dari {worst['kecamatan']} kecamatan belum memiliki Kampung KB." in list(s[2])


def test_monev_without_a_target(demo_data):
    R = _region(demo_data, "18.72", "2019-06-30")  # Kota Metro, before Inpres 3/2022
    h = R.headline
    cards = kb.monev_cards(R)
    assert [c["label"] for c in cards] == ["Belum memiliki Kampung KB", "Laju yang dibutuhkan"]
    assert cards[0]["value"] == h["desa_kelurahan"] - h["tercakup"] and "per 30 Juni 2019" in cards[1]["sub"]
    table = kb.monev_table(R)
    assert "Kekurangan" not in table.data.columns and "Per bulan" not in table.data.columns
    assert "belum ada target cakupan" in table.caption
