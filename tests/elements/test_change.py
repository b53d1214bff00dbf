"""Since last time on the page (kbreport.elements.change): the cards' change line and the then/now table, in
Indonesian and English; on the demo data the figures of then are those of a briefing as of then."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kbreport import elements as kb
from kbreport.elements.base import Omitted
from kbreport.elements.change import signed, since_line


@pytest.fixture(scope="module")
def R(demo_data):
    return kb.region_report(kode="17", as_of="2024-06-04", data_dir=str(demo_data))


def with_change(R, lang="id", **over):
    c = {"tanggal": date(2023, 6, 4), "alasan": None, "master_wilayah": R.headline["master_wilayah"],
         "kampung_kb_dulu": 1210, "kampung_kb_kini": 1322, "kampung_kb_selisih": 112, "kampung_kb_alasan": None,
         "tercakup_dulu": 1210, "desa_kelurahan_dulu": 1512, "tercakup_kini": 1322, "desa_kelurahan_kini": 1513,
         "cakupan_selisih_poin": 7.3, "cakupan_alasan": None,
         "rumah_dataku_dulu": 700, "rumah_dataku_kini": 640, "rumah_dataku_selisih": -60, "rumah_dataku_alasan": None,
         "nonaktif_tanpa_tanggal": 0}
    c.update(over)
    return replace(R, headline={**R.headline, "perubahan": c}, params=R.params.model_copy({"bahasa": lang}))


def test_signed_numbers():
    assert (signed(112, "id"), signed(-3, "id"), signed(0, "id")) == ("+112", "\u22123", "0")
    assert (signed(7.35, "id", 1), signed(1234, "en"), signed(-0.25, "en", 1)) == ("+7,4", "+1,234", "\u22120.3")


def test_change_lines_in_both_languages(R):
    r = with_change(R)
    assert since_line(r, "kkb") == "+112 sejak 4 Juni 2023"
    assert since_line(r, "cakupan") == "+7,3 poin sejak 4 Juni 2023"
    assert since_line(r, "rdk") == "\u221260 sejak 4 Juni 2023"
    e = with_change(R, "en")
    assert since_line(e, "kkb") == "+112 since 4 June 2023"
    assert since_line(e, "cakupan") == "+7.3 points since 4 June 2023"
    z = with_change(R, kampung_kb_selisih=0, kampung_kb_dulu=1322)
    assert since_line(z, "kkb") == "tidak berubah sejak 4 Juni 2023"
    assert since_line(with_change(R, "en", kampung_kb_selisih=0), "kkb") == "unchanged since 4 June 2023"


def test_a_figure_the_data_cannot_tell_is_never_zero(R):
    r = with_change(R, rumah_dataku_dulu=None, rumah_dataku_selisih=None, rumah_dataku_alasan="rdk_tanpa_riwayat")
    assert since_line(r, "rdk") == "perubahan: tidak tersedia untuk 4 Juni 2023"
    cards = kb.headline_cards(r)
    assert cards[3]["sub"].endswith(" · perubahan: tidak tersedia untuk 4 Juni 2023")
    t = kb.change_table(r)
    assert list(t.data.iloc[2]) == ["Rumah DataKu", "tidak tersedia", "640", "tidak tersedia"]
    assert "Tidak tersedia untuk 4 Juni 2023: Rumah DataKu: profil tanpa periode" in t.options["note"]
    e = with_change(R, "en", rumah_dataku_dulu=None, rumah_dataku_selisih=None, rumah_dataku_alasan="rdk_tanpa_riwayat")
    assert since_line(e, "rdk") == "change: not available for 4 June 2023"
    assert list(kb.change_table(e).data.iloc[2]) == ["Rumah DataKu", "not available", "640", "not available"]
    u = with_change(R, kampung_kb_dulu=None, kampung_kb_selisih=None, kampung_kb_alasan="nonaktif_tanpa_tanggal",
                    tercakup_dulu=None, cakupan_selisih_poin=None, cakupan_alasan="nonaktif_tanpa_tanggal",
                    nonaktif_tanpa_tanggal=3)
    assert "0" not in since_line(u, "kkb").split(" untuk")[0]
    assert "3 Kampung KB nonaktif tanpa tanggal nonaktif" in kb.change_table(u).options["note"]


def test_the_table_then_and_now(R):
    t = kb.change_table(with_change(R))
    assert t.caption == "Perubahan sejak 4 Juni 2023, setahun sebelumnya"
    assert list(t.data.columns) == ["Angka", "4 Juni 2023", "4 Juni 2024", "Perubahan"]
    assert list(t.data.iloc[0]) == ["Kampung KB", "1.210", "1.322", "+112"]
    # 1210 of 1512 = 80,026…% → 80,0%; 1322 of 1513 = 87,37…% → 87,4%; the change from the exact fractions: 7,3
    assert list(t.data.iloc[1]) == ["Cakupan desa/kelurahan", "80,0% (1.210 dari 1.512)", "87,4% (1.322 dari 1.513)",
                                    "+7,3 poin"]
    assert t.options["note"] is None  # nothing missing, the decree of today: no note
    e = kb.change_table(with_change(R, "en"))
    assert e.caption == "Change since 4 June 2023, a year earlier"
    assert list(e.data.iloc[1]) == ["Desa/kelurahan coverage", "80.0% (1,210 of 1,512)", "87.4% (1,322 of 1,513)",
                                    "+7.3 points"]
    old = kb.change_table(with_change(R, master_wilayah="permendagri-58-2021"))
    assert "menurut Permendagri No. 58 Tahun 2021, yang berlaku saat itu" in old.options["note"]


def test_on_the_demo_data_then_is_a_briefing_as_of_then(R, demo_data):
    c = R.headline["perubahan"]
    assert c["tanggal"] == date(2023, 6, 4)
    then = kb.region_report(kode="17", as_of="2023-06-04", data_dir=str(demo_data)).headline
    assert (c["kampung_kb_dulu"], c["tercakup_dulu"], c["desa_kelurahan_dulu"], c["rumah_dataku_dulu"]) == (
        then["kampung_kb"], then["tercakup"], then["desa_kelurahan"], then["rumah_dataku"])
    assert c["kampung_kb_selisih"] == R.headline["kampung_kb"] - then["kampung_kb"]
    assert f"{signed(c['kampung_kb_selisih'], 'id')} sejak 4 Juni 2023" in kb.headline_cards(R)[0]["sub"]


def test_an_event_compares_only_with_the_date_the_runner_gives(demo_data):
    args = dict(jenis="rakorda", kode="16", mulai="2017-03-07", data_dir=str(demo_data))
    alone = kb.event_report(**args)
    assert alone.headline["perubahan"] is None
    assert isinstance(kb.change_table(alone), Omitted)
    assert all("sejak" not in c["sub"] for c in kb.headline_cards(alone))
    ev = kb.event_report(**args, pembanding_tanggal="2016-09-01")
    then = kb.region_report(kode="16", as_of="2016-09-01", data_dir=str(demo_data)).headline
    c = ev.headline["perubahan"]
    assert c["tanggal"] == date(2016, 9, 1) and c["kampung_kb_dulu"] == then["kampung_kb"]
    assert kb.change_table(ev).caption == "Perubahan sejak Rakorda sebelumnya (1 September 2016)"
