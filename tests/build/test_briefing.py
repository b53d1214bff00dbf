"""A briefing's data (kbreport.build.briefing) and the elements the notebooks put on the page from it
(kbreport.elements): no kernel, no PDF, fast.

Expected figures are the calibration anchors of the demo data (docs/demo-data.md) or counted here
independently from the raw tables, never read back from the code under test. The sections below list
the cells of the shipped notebooks, in their order.
"""
from __future__ import annotations

import html as htmllib
import json
import re
import string
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from kbreport.build import briefing
from kbreport import elements as kb
from kbreport.build.briefing import text
from kbreport.elements.charts import bar_row_height
from kbreport.errors import ParamsError, ReportError
from kbreport.build.params import load_params, to_notebook_parameters
from kbreport.ingest.wilayah import desa_table

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "params" / "events"

# the cells of notebooks/wilayah_briefing.ipynb and event_briefing.ipynb, section by section
REGION = {
    "ringkasan": lambda R: [kb.heading(R, "ringkasan"), kb.headline_cards(R), kb.map_chart(R), kb.talking_points(R),
                            kb.notes(R)],
    "cakupan": lambda R: [kb.heading(R, "cakupan"), kb.coverage_chart(R), kb.trend_chart(R)],
    "rumah_dataku": lambda R: [kb.heading(R, "rumah_dataku"), kb.rumah_dataku_chart(R), kb.readiness_chart(R)],
    "hasil_kb": lambda R: [kb.heading(R, "hasil_kb"), kb.outcome_cards(R), kb.outcomes_table(R)],
    "klasifikasi": lambda R: [kb.heading(R, "klasifikasi"), kb.classification_chart(R), kb.classification_note(R)],
    "lampiran": lambda R: [kb.heading(R, "lampiran"), kb.annex_table(R), kb.sources(R)],
}
EVENT = {
    "kegiatan": lambda R: [kb.heading(R, "kegiatan"), kb.event_facts(R), kb.participants_chart(R)],
    "angka": lambda R: [kb.heading(R, "angka"), kb.headline_cards(R), kb.talking_points(R)],
    "jenis": lambda R: list(kb.event_section(R)),
    "tindak_lanjut": lambda R: [kb.heading(R, "tindak_lanjut"), kb.targets_table(R), kb.follow_ups(R), kb.notes(R),
                                kb.sources(R)],
}


@pytest.fixture(scope="module")
def demo(demo_data) -> Path:
    return demo_data  # tests/conftest.py: generated once per session


def region(demo, kode, as_of, **extra):
    values = {"kode": kode, "as_of": as_of, "bahasa": "id", "judul": None, "target_tanggal": "2024-12-31",
              "target_persen": 100.0, "rdk_target_persen": 75.0, "catatan": [], "sumber": []}
    values.update(extra)
    return kb.region_report(data_dir=str(demo), **values)


def event(demo, stem, **extra):
    values = to_notebook_parameters(load_params(EVENTS / f"{stem}.yaml"), demo)
    for runtime in ("data_dir", "out_dir", "annex"):
        values.pop(runtime)
    values.update(extra)
    return kb.event_report(data_dir=str(demo), **values)


@pytest.fixture(scope="module")
def bengkulu(demo):
    return region(demo, "17", "2024-06-04")


@pytest.fixture(scope="module")
def indonesia(demo):
    return region(demo, None, "2024-06-30")


def shown(elements):
    """The elements that print something (Omitted ones print nothing)."""
    return [e for e in elements if e.html()]


def kinds(elements):
    return [type(e).__name__ for e in shown(elements)]


def words(elements) -> str:
    """Every text the elements print, one element a line (tags dropped, entities decoded, charts by caption)."""
    out = []
    for e in shown(elements):
        h = e.html()
        if isinstance(e, kb.Chart):
            h = " ".join(x for x in (e.caption, e.alt) if x)
        out.append(htmllib.unescape(re.sub(r"<[^>]+>", " ", h)))
    return "\n".join(" ".join(x.split()) for x in out)


def section(R, name):
    return (REGION if R.laporan == "wilayah" else EVENT)[name](R)


# --- text table ---------------------------------------------------------------------------------------


def test_every_text_has_both_languages_with_the_same_fields():
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    for key, (id_, en) in briefing.TEXT.items():
        assert id_.strip() and en.strip(), key
        assert fields(id_) == fields(en), key  # switching language never breaks a format call


def test_text_fills_and_checks_the_language():
    assert text("h_cakupan", "id", unit="kecamatan") == "Cakupan per kecamatan"
    assert text("h_cakupan", "en", unit="kecamatan") == "Coverage by kecamatan"
    with pytest.raises(ValueError, match="fr"):
        text("h_cakupan", "fr", unit="x")


# --- data folder --------------------------------------------------------------------------------------


def test_resolve_data_dir(tmp_path, monkeypatch, demo):
    assert briefing.resolve_data_dir(str(demo)) == demo
    with pytest.raises(ReportError, match="tidak ditemukan"):
        briefing.resolve_data_dir(tmp_path / "nowhere")
    # no data_dir: the default folder, generated when missing (the demo generator is replaced here)
    target = tmp_path / "data" / "demo"
    made = []

    def fake_generate(out):
        made.append(Path(out))
        Path(out).mkdir(parents=True)
        (Path(out) / "kampung_kb.csv").write_text("x\n", encoding="utf-8")

    monkeypatch.delenv("KBREPORT_DATA", raising=False)
    monkeypatch.setattr("kbreport.build.report.default_data_dir", lambda: target)
    monkeypatch.setattr("kbreport.demo.generator.generate", fake_generate)
    assert briefing.resolve_data_dir(None) == target and made == [target]
    assert briefing.resolve_data_dir(None) == target and made == [target]  # present now: not generated again
    # an explicit $KBREPORT_DATA without data is an error, never silently filled with demo data
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr("kbreport.build.report.default_data_dir", lambda: empty)
    monkeypatch.setenv("KBREPORT_DATA", str(empty))
    with pytest.raises(ReportError, match="KBREPORT_DATA"):
        briefing.resolve_data_dir(None)


def test_bad_parameter_values_are_refused(demo):
    with pytest.raises(ParamsError, match="bahasa"):
        region(demo, "17", "2024-06-04", bahasa="fr")
    with pytest.raises(ParamsError, match="judull"):  # a misspelt name is refused, never ignored
        region(demo, "17", "2024-06-04", judull="x")


# --- region briefing ------------------------------------------------------------------------------------


def test_bengkulu_headline_and_cards(bengkulu):
    h = bengkulu.headline
    assert (h["kampung_kb"], h["desa_kelurahan"]) == (1322, 1513)  # calibration anchors
    assert bengkulu.n_sub == 10 and not bengkulu.dense and bar_row_height(bengkulu.n_sub) == 0.2
    assert bengkulu.unit == "kabupaten/kota" and bengkulu.wilayah == "Provinsi Bengkulu"
    cards = kb.headline_cards(bengkulu)
    assert [c["label"] for c in cards] == ["Kampung KB", "Cakupan desa/kelurahan", "Kekurangan menuju target",
                                           "Rumah DataKu"]
    assert cards[0]["value"] == 1322
    share = f"{100 * h['tercakup'] / 1513:.1f}".replace(".", ",") + "%"
    assert cards[1]["value"] == share and cards[1]["status"] == "warn"
    sub, since = cards[1]["sub"].split(" · ")  # then the change since a year earlier (kbreport.elements.change)
    assert sub == f"{h['tercakup']:,} dari 1.513 desa/kelurahan".replace(",", ".")
    assert since.endswith(" poin sejak 4 Juni 2023")
    assert cards[2]["value"] == 1513 - h["tercakup"]


def test_region_sections(bengkulu):
    s = section(bengkulu, "ringkasan")
    assert kinds(s) == ["Heading", "Cards", "Chart", "Points"]  # no catatan: the notes cell prints nothing
    assert s[0].text == "Angka utama terhadap target" and 3 <= len(s[3]) <= 6
    assert s[2].alt.startswith("Peta 10 kabupaten/kota di Provinsi Bengkulu")
    s = section(bengkulu, "cakupan")
    assert kinds(s) == ["Heading", "Chart", "Chart"] and s[0].text == "Cakupan per kabupaten/kota"  # no tile map
    assert kinds(section(bengkulu, "rumah_dataku")) == ["Heading", "Chart", "Chart"]
    s = section(bengkulu, "hasil_kb")
    assert kinds(s) == ["Heading", "Cards", "Table"]
    table = s[2].data
    assert len(table) == 11 and table.iloc[-1, 0] == "Bengkulu"  # 10 kab/kota and the total
    assert s[2].options["percent_cols"] == ["CPR", "MKJP", "Unmet", "Poktan"] and s[2].options["highlight_last"]
    s = section(bengkulu, "klasifikasi")
    assert kinds(s) == ["Heading", "Chart", "Text"] and "dilaporkan" in s[2].paragraphs[0]
    s = section(bengkulu, "lampiran")
    assert kinds(s) == ["Heading", "Table"]
    annex = s[1].data
    assert list(annex.columns)[:4] == ["Kabupaten/kota", "Desa/kel.", "Kampung KB", "Tercakup"]
    assert annex.iloc[-1]["Desa/kel."] == 1513 and annex.iloc[-1]["Kampung KB"] == 1322
    assert annex["Desa/kel."].iloc[:-1].sum() == 1513  # sub-units add up to the total
    for e in (*section(bengkulu, "cakupan"), *section(bengkulu, "rumah_dataku")):
        if isinstance(e, kb.Chart):
            assert e.figure.texts or e.figure.axes  # a real matplotlib figure
    # an event's parts print nothing in a region briefing; its event section does not exist
    assert not shown([kb.parties(bengkulu), kb.desa_cantik_cards(bengkulu), kb.desa_cantik_table(bengkulu)])
    with pytest.raises(ValueError, match="event"):
        kb.event_section(bengkulu)
    with pytest.raises(ValueError, match="ringkasan"):
        kb.heading(bengkulu, "ringkasn")


def test_classification_counts_add_up(bengkulu, demo):
    k = bengkulu.tables["klasifikasi"]
    tot = k[k["total"]].iloc[0]
    classes = ["Dasar", "Berkembang", "Mandiri", "Berkelanjutan"]
    assert tot["kampung_kb"] == 1322
    assert sum(int(tot[c]) for c in classes) == int(tot["dengan_profil"]) <= 1322
    assert (k[~k["total"]][classes].sum() == tot[classes]).all()
    # the share matching the reported class, counted here from the raw files
    kkb = pd.read_csv(demo / "kampung_kb.csv", dtype=str)
    prof = pd.read_csv(demo / "profil.csv", dtype=str)
    active = kkb["aktif"].str.lower().isin(["ya", "true", "1"]) | (kkb["tanggal_nonaktif"].fillna("") > "2024-06-04")
    ids = set(kkb[(kkb["kode_desa"].str.startswith("17.")) & active
                  & (kkb["tanggal_pencanangan"] <= "2024-06-04")]["id"])
    assert len(ids) == 1322
    # a profile counts once its month has ended: as of 4 June 2024, May 2024 or earlier
    in_force = prof[prof["periode"] <= "2024-05"]
    assert int(tot["dengan_profil"]) == int(in_force.loc[in_force["kampung_kb_id"].isin(ids), "kampung_kb_id"].nunique())


def test_indonesia_is_compact(indonesia):
    # 30 June 2024: Kepmendagri 100.1.1-6117/2022 is in force, 37 provinces (Papua Barat Daya came in 2025)
    assert indonesia.n_sub == 37 and indonesia.dense and bar_row_height(indonesia.n_sub) == 0.105
    assert indonesia.headline["master_wilayah"] == "kepmendagri-100.1.1-6117-2022"
    s = section(indonesia, "cakupan")
    assert kinds(s) == ["Heading", "Chart", "Chart"]  # compact bars, trend (the map is under the headline cards)
    assert s[1].caption == "Cakupan per provinsi"
    assert s[1].figure.get_size_inches()[1] == pytest.approx(0.75 + 0.105 * 37)
    assert section(indonesia, "ringkasan")[2].caption == "Peta cakupan desa/kelurahan ber-Kampung KB per provinsi"
    assert kinds(section(indonesia, "hasil_kb")) == ["Heading", "Cards"]  # by province: in annex.xlsx
    s = section(indonesia, "klasifikasi")
    assert "Indonesia" in s[1].caption
    assert len(s[1].figure.axes[0].patches) == 4  # one bar of four classes
    cap = section(indonesia, "lampiran")[1].caption
    assert cap.startswith("Angka per provinsi per 30 Juni 2024") and "annex.xlsx" in cap


def test_dense_province_has_no_tile_map(demo):
    b = region(demo, "35", "2024-06-30")  # Jawa Timur: 38 kab/kota
    assert b.n_sub == 38 and b.dense and b.tingkat == "provinsi"
    assert kinds(section(b, "cakupan")) == ["Heading", "Chart", "Chart"]


def test_lampung_barat_full_coverage_and_notes(demo):
    b = region(demo, "18.04", "2024-05-12", catatan=["SK Bupati."], sumber=["Medialampung.co.id"])
    h = b.headline
    assert (h["desa_kelurahan"], h["tercakup"], h["kampung_kb"], h["kekurangan"]) == (136, 136, 136, 0)
    assert b.unit == "kecamatan" and bar_row_height(b.n_sub) == 0.14  # 15 kecamatan (issue 13: 0.16 in until then)
    cards = kb.headline_cards(b)
    assert cards[1]["value"] == "100%" and cards[1]["status"] == "ok" and cards[2]["value"] == 0
    ring = section(b, "ringkasan")
    assert kinds(ring) == ["Heading", "Cards", "Chart", "Points", "Points"] and list(ring[4]) == [
        "SK Bupati.", "Sebutan desa: pekon di Kab. Lampung Barat (Perda Kab. Lampung Barat No. 02 Tahun 2000 "
        "tentang Penyebutan Pekon, Peratin dan Perangkat Pekon)."]
    bars = section(b, "cakupan")[1].figure.axes[0]  # 15 kecamatan all at 100 %: one bar
    assert len(bars.patches) == 1 and [t.get_text() for t in bars.get_yticklabels()] == ["15 kecamatan"]
    assert words(section(b, "lampiran")).endswith("Sumber: Medialampung.co.id")
    assert b.agenda_points() == ["Seluruh 15 kecamatan telah mencakup seluruh pekon/kelurahannya; agenda dapat "
                                 "beralih ke Rumah DataKu dan kualitas Kampung KB."]


def test_english_switches_every_word(demo):
    b = region(demo, "17", "2024-06-04", bahasa="en")
    text_ = words([e for name in REGION for e in section(b, name)])
    for english in ("Headline figures against the target", "Coverage by kabupaten/kota", "Talking points",
                    "Family-planning outcomes in Kampung KB", "Annex: figures by kabupaten/kota",
                    "Still needed for the target", "1,322"):
        assert english in text_
    domain = {"MKJP"}  # a domain word English sentences keep too
    indonesian = {v[0] for k, v in briefing.TEXT.items() if v[0] != v[1] and "{" not in v[0]} - domain
    leaked = [w for w in indonesian if w in text_]
    assert not leaked
    for w in ("Cakupan", "Pokok pembicaraan", "Lampiran", "dari 1.513", "Kekurangan"):
        assert w not in text_
    assert kb.notes(b).why.startswith("Not printed for this report")  # JupyterLab's note follows bahasa too
    t = kb.title_block(b)
    assert (t.kicker, t.title, t.synthetic_label) == ("Kampung KB briefing", "Kampung KB in Bengkulu Province",
                                                      "Sample data (synthetic)")


def test_write_outputs(bengkulu, tmp_path):
    assert bengkulu.write_outputs(tmp_path) == tmp_path
    fig = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    assert fig["laporan"] == "wilayah" and fig["wilayah"] == {"kode": "17", "nama": "Bengkulu", "tingkat": "provinsi"}
    assert (fig["as_of"], fig["kampung_kb"], fig["desa_kelurahan"], fig["data_contoh"]) == ("2024-06-04", 1322, 1513, True)
    assert fig["cakupan_persen"] == round(100 * fig["desa_kelurahan_tercakup"] / 1513, 1)
    wb = load_workbook(tmp_path / "annex.xlsx", read_only=True)
    assert wb.sheetnames == ["Keterangan", "Cakupan", "Rumah DataKu", "Tren bulanan", "Kesiapan", "Hasil KB",
                             "Klasifikasi", "Desa tanpa Kampung KB"]
    rows = list(wb["Desa tanpa Kampung KB"].values)
    assert len(rows) - 1 == 1513 - fig["desa_kelurahan_tercakup"]  # one row per uncovered desa
    head = next(wb["Klasifikasi"].values)
    assert "Sesuai dengan yang dilaporkan" in head and "Dasar" in head


def test_write_outputs_without_out_dir_goes_to_the_projects_lab_folder(bengkulu, tmp_path, monkeypatch):
    project = tmp_path / "proj"
    (project / "notebooks").mkdir(parents=True)
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(project / "notebooks")  # a kernel started by JupyterLab works in the notebook's folder
    monkeypatch.setenv("JPY_SESSION_NAME", str(project / "notebooks" / "bengkulu_saya.ipynb"))
    out = bengkulu.write_outputs(None, annex=False)
    assert out == project / "outputs" / "lab" / "bengkulu_saya"
    assert sorted(p.name for p in out.iterdir()) == ["figures.json"]
    assert list((project / "notebooks").iterdir()) == []


def test_title_block_is_the_documents_masthead(bengkulu):
    t = kb.title_block(bengkulu)
    assert (t.kicker, t.title, t.subtitle) == ("Briefing Kampung KB", "Kampung KB di Provinsi Bengkulu", "per 4 Juni 2024")
    assert t.synthetic_label == "Data contoh (sintetis)"
    assert t.html() == "" and "Kampung KB di Provinsi Bengkulu" in t._repr_html_()  # JupyterLab only


# --- event briefing -------------------------------------------------------------------------------------


def test_event_type_sections_are_exclusive(demo):
    b = event(demo, "2024-06-04-fasilitasi-rumah-dataku-bengkulu")
    assert not shown([*kb.mou_section(b)[1:], kb.parties(b), kb.desa_cantik_note(b)])  # MoU parts: nothing
    s = section(b, "jenis")
    assert kinds(s) == ["Heading", "Chart", "Table"] and s[0].text == "Kesenjangan Rumah DataKu per kabupaten/kota"
    gaps = s[2].data
    col = "Kekurangan RDK"
    # the briefing's one order (kbreport.analysis.order): by code, as the Rumah DataKu chart above it
    r = b.tables["rumah_dataku"]
    assert list(gaps.iloc[:-1, 0]) == list(r[~r["total"]].sort_values("kode")["nama"])
    assert list(gaps[col].iloc[:-1]) != sorted(gaps[col].iloc[:-1], reverse=True)  # no longer by gap
    assert gaps.iloc[-1]["Kampung KB"] == 1322


def test_fasilitasi_what_who_and_targets(demo):
    b = event(demo, "2024-06-04-fasilitasi-rumah-dataku-bengkulu")
    s = section(b, "kegiatan")
    assert kinds(s) == ["Heading", "Facts", "Chart"]
    facts = dict(s[1])
    assert facts["Waktu"] == "4–5 Juni 2024" and facts["Wilayah"] == "Provinsi Bengkulu"
    assert facts["Peserta"][0] == "30 orang" and "Ketua IPeKB: 10 orang" in facts["Peserta"]
    assert list(b.participants_table()["jumlah"]) == [10, 10, 10]
    s = section(b, "angka")
    assert s[0].text == "Angka Provinsi Bengkulu per 4 Juni 2024" and s[1][0]["value"] == 1322
    # the quoted target: 1,514 Kampung KB by July 2024, 1,322 on the first day -> 192 to go
    assert b.target_position(b.params.target[0]) == ("1.322 Kampung KB", "192")
    s = section(b, "tindak_lanjut")
    table = s[1].data
    assert list(table.iloc[0]) == [b.params.target[0].uraian, "31 Juli 2024", "1.514 Kampung KB",
                                   "1.322 Kampung KB", "192"]
    assert words(s).count("Menurut Kepala Perwakilan, 1.322 Kampung KB") == 1


def test_rakorda_without_counts_per_group_prints_no_analyst_note(demo):
    b = event(demo, "2017-03-07-rakorda-sumsel")
    assert b.participants_table() is None and b.params.jumlah_peserta is None
    # issue 13: "the source gives no count per group" is the analyst's note (JupyterLab only), not the leader's
    assert kinds(section(b, "kegiatan")) == ["Heading", "Facts"]
    peserta = dict(section(b, "kegiatan")[1])["Peserta"]
    # 17 Kepala Dinas counted, the eselon III officials not: at least 17 people, from the 2 groups listed
    assert b.params.peserta_tercatat == 17
    assert peserta[0] == "sedikitnya 17 orang dari 2 unsur"
    assert peserta[1] == "Kepala Dinas Pengendalian Penduduk dan KB kabupaten/kota: 17 orang"
    assert not any("tidak disebutkan" in x for x in peserta)  # the group's keterangan stays in the params file
    assert "tidak merinci" not in words(section(b, "kegiatan"))
    en = dict(section(event(demo, "2017-03-07-rakorda-sumsel", bahasa="en"), "kegiatan")[1])["Participants"]
    assert en[0] == "at least 17 people from 2 groups"
    h = b.headline
    assert 17 <= h["kampung_kb"] < 231  # 17 by end-2016 (anchor); the 2017 target not met in March
    s = section(b, "jenis")
    assert kinds(s) == ["Heading", "Chart", "Points"]
    points = s[2]
    assert 2 <= len(points) <= 1 + briefing.TOP_N and points.title == "Pokok pembicaraan untuk agenda"
    # its target counts kecamatan: the kab/kota are ranked by kecamatan holding a Kampung KB (no desa target on
    # 7 March 2017, before Inpres 3/2022), the furthest behind named with its kecamatan still without one
    assert b.headline["target_persen"] is None
    subs = b.tables["kecamatan"][~b.tables["kecamatan"]["total"]]
    worst = subs.assign(gap=subs["kecamatan"] - subs["kecamatan_tercakup"]).sort_values(
        ["gap", "kode"], ascending=[False, True]).iloc[0]
    assert any(p.endswith(f": {worst['gap']} dari {worst['kecamatan']} kecamatan belum memiliki Kampung KB.")
               for p in points)
    # the Rakorda's own measure: kecamatan holding a Kampung KB on 7 March 2017, counted from the raw files
    kkb = pd.read_csv(demo / "kampung_kb.csv", dtype=str)
    active = kkb["aktif"].eq("ya") | (kkb["tanggal_nonaktif"].fillna("") > "2017-03-07")
    sel = kkb[kkb["kode_desa"].str.startswith("16.") & active & (kkb["tanggal_pencanangan"] <= "2017-03-07")]
    kec = sel["kode_desa"].str.slice(0, 8).nunique()
    desa = desa_table(b.data.master)
    total = desa.loc[desa["kode_provinsi"] == "16", "kode_kecamatan"].nunique()
    assert (h["kecamatan"], h["kecamatan_tercakup"]) == (total, kec)
    assert b.target_position(b.params.target[0]) == (f"{kec} dari {total} kecamatan memiliki Kampung KB", str(231 - kec))
    # all figures as of that day: KB and profiles from February 2017 at the latest, no Rumah DataKu target yet
    assert h["kkbpk_periode"] <= date(2017, 2, 1) and h["profil_periode"] <= date(2017, 2, 1)
    assert h["rumah_dataku_target_persen"] is None


def test_mou_parties_and_desa_cantik(demo):
    b = event(demo, "2023-04-03-mou-kalsel-bps")
    h = b.headline
    assert (h["kampung_kb"], h["rumah_dataku"]) == (456, 236)  # calibration anchors
    s = section(b, "jenis")
    assert kinds(s) == ["Heading", "Facts", "Text", "Cards", "Table"]
    assert s[1][0] == ("Pihak pertama", "Perwakilan BKKBN Provinsi Kalimantan Selatan — H. Ramlan, Kepala Perwakilan")
    assert s[1][1][0] == "Pihak kedua"
    # Desa Cantik of Kalimantan Selatan formed by 3 April 2023, counted here from the raw file
    dc = pd.read_csv(demo / "desa_cantik.csv", dtype=str)
    mine = dc[dc["kode_desa"].str.startswith("63.") & (dc["tanggal_pembentukan"] <= "2023-04-03")]
    assert s[3][0]["value"] == len(mine)
    kabkota = mine["kode_desa"].str.slice(0, 5).nunique()
    assert b.target_position(b.params.target[0]) == (f"{kabkota} kabupaten/kota", str(13 - kabkota))
    table = s[4].data
    assert len(table) == 14 and table.iloc[-1]["Desa Cantik"] == len(mine)  # 13 kab/kota and the total
    assert "Pihak" not in words(section(b, "kegiatan"))  # the parties have their own section


def test_event_outputs_and_kabkota_level(demo, tmp_path):
    b = event(demo, "2024-03-12-rakor-pokja-ogan-ilir")
    assert b.tingkat == "kabkota" and b.unit == "kecamatan"
    facts = dict(section(b, "kegiatan")[1])
    assert facts["Kunjungan lapangan"] == ["Kampung KB Seroja, Desa Sembadak, Kecamatan Pemulutan, Kab. Ogan Ilir"]
    b.write_outputs(tmp_path)
    fig = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    assert fig["event"]["jenis"] == "rakorda" and fig["event"]["peserta"] == 16 + 32 + 40
    assert fig["wilayah"] == {"kode": "16.10", "nama": "Kab. Ogan Ilir", "tingkat": "kabkota"}
    wb = load_workbook(tmp_path / "annex.xlsx", read_only=True)
    assert wb.sheetnames == ["Keterangan", "Cakupan", "Rumah DataKu", "Peserta", "Target"]
    head = next(wb["Target"].values)
    assert head == ("Target", "Batas waktu", "Nilai target", "Satuan")


# --- agenda points on the hand-made world of tests/analysis/test_units.py ---------------------------------------


def _agenda(cakupan: pd.DataFrame, tingkat: str, target_persen: float, lang: str) -> list[str]:
    from types import SimpleNamespace

    subs = cakupan[~cakupan["total"]] if "total" in cakupan.columns else cakupan
    h = {"tingkat": tingkat, "target_persen": target_persen, "sub_unit_jumlah": len(subs)}
    return briefing.Briefing(params=SimpleNamespace(bahasa=lang), data=None, headline=h,
                             tables={"cakupan": cakupan}).agenda_points()


def test_agenda_says_without_and_short_apart_and_full_only_at_100_percent():
    from tests.analysis.test_units import AS_OF, make_desa, make_kkb
    from kbreport.analysis.coverage import coverage

    cov = coverage(make_desa(), make_kkb(), None, AS_OF, target_persen=60.0)
    # 31 May 2024, target 60 %: Lampung 2 of 3 (K6, K7) meets ceil(1.8) = 2 without covering all;
    # Bengkulu 4 of 8 (K1, K3, K5, K9): 8 − 4 = 4 without a Kampung KB, ceil(4.8) − 4 = 1 short
    assert _agenda(cov, "nasional", 60.0, "id") == [
        "1 provinsi telah mencapai target cakupan 60%: Lampung.",
        "Bengkulu: cakupan 50,0%; 4 desa/kelurahan belum memiliki Kampung KB, masih kurang 1 untuk target 60%."]
    assert _agenda(cov, "nasional", 60.0, "en")[1] == (
        "Bengkulu: coverage 50.0%; 4 desa/kelurahan still without a Kampung KB, 1 short of the 60% target.")
    # at 100 % both numbers are the same (8 − 4 = 4), said once; Lampung 3 − 2 = 1
    assert _agenda(coverage(make_desa(), make_kkb(), None, AS_OF), "nasional", 100.0, "id") == [
        "Lampung mencatat cakupan tertinggi (66,7%) dan dapat berbagi praktik baiknya.",
        "Bengkulu: cakupan 50,0%; 4 desa/kelurahan belum memiliki Kampung KB.",
        "Lampung: cakupan 66,7%; 1 desa/kelurahan belum memiliki Kampung KB."]
    # Kab. Bengkulu Selatan, 50 %: Manna 2 of 3, Kedurang 1 of 2 — both meet it, neither covers all
    kab = coverage(make_desa(), make_kkb(), "17.01", AS_OF, target_persen=50.0)
    assert _agenda(kab, "kabkota", 50.0, "id") == [
        "Seluruh 2 kecamatan telah mencapai target cakupan 50%; agenda dapat beralih ke Rumah DataKu dan "
        "kualitas Kampung KB."]
    assert _agenda(kab, "kabkota", 50.0, "en") == [
        "All 2 kecamatan have reached the 50% coverage target; the agenda can move on to Rumah DataKu and the "
        "quality of Kampung KB."]


def test_agenda_names_every_sub_unit_tied_at_the_top():
    def table(counts):
        return pd.DataFrame({"kode": [f"35.72.0{i + 1}" for i in range(len(counts))],
                             "nama": [n for n, _, _ in counts], "tercakup": [c for _, c, _ in counts],
                             "desa_kelurahan": [d for _, _, d in counts],
                             "cakupan_persen": [100 * c / d for _, c, d in counts],
                             "kekurangan": [d - c for _, c, d in counts]})

    two = table([("Kepanjenkidul", 2, 7), ("Sukorejo", 2, 7), ("Sananwetan", 1, 7)])  # 2/7 = 28,6 % twice
    assert _agenda(two, "kabkota", 100.0, "id")[0] == (
        "Kecamatan Kepanjenkidul dan Kecamatan Sukorejo mencatat cakupan tertinggi (28,6%) dan dapat berbagi "
        "praktik baiknya.")
    assert _agenda(two, "kabkota", 100.0, "en")[0] == (
        "Kecamatan Kepanjenkidul and Kecamatan Sukorejo have the highest coverage (28.6%) and can share what worked.")
    three = table([("A", 1, 2), ("B", 2, 4), ("C", 3, 6), ("D", 0, 5)])  # 1/2 = 2/4 = 3/6 = 50 %
    assert _agenda(three, "kabkota", 100.0, "id")[0] == (
        "Kecamatan A dan 2 kecamatan lain mencatat cakupan tertinggi (50,0%) dan dapat berbagi praktik baiknya.")
    assert _agenda(three, "kabkota", 100.0, "en")[0].startswith(
        "Kecamatan A and 2 other kecamatan have the highest coverage (50.0%)")


def test_event_defaults_are_neutral_and_derived(demo, tmp_path):
    """The notebook's defaults: a one-day event with nothing quoted; title from the type, organiser
    from the province of kode (Sumatera Selatan for 16 and for a kab/kota in it)."""
    b = kb.event_report(jenis="fasilitasi", kode="16", mulai="2024-06-04", data_dir=str(demo))
    p = b.params
    assert (p.judul, p.penyelenggara) == ("Fasilitasi teknis Kampung KB", "Perwakilan BKKBN Provinsi Sumatera Selatan")
    assert p.selesai == p.mulai == p.as_of == date(2024, 6, 4) and p.target_tanggal == date(2024, 12, 31)
    assert kinds(section(b, "kegiatan")) == ["Heading", "Facts"]  # no participants named: no chart, no notice
    assert kinds(section(b, "tindak_lanjut")) == ["Heading", "Text"]  # "the source quotes no target or follow-up"
    en = kb.event_report(jenis="workshop", kode="16.10", mulai="2024-06-04", bahasa="en", data_dir=str(demo))
    assert (en.params.judul, en.params.penyelenggara) == ("Kampung KB workshop", "Perwakilan BKKBN Provinsi Sumatera Selatan")
    given = kb.event_report(jenis="mou", kode="63", mulai="2023-04-03", judul="MoU X", penyelenggara="BPS",
                            pihak=[{"nama": "A"}, {"nama": "B"}], data_dir=str(demo))
    assert (given.params.judul, given.params.penyelenggara) == ("MoU X", "BPS")
    # the PDF's masthead takes the notebook's title when the params file leaves judul out
    from kbreport.build.params import parse_params
    from kbreport.build.report import report_metadata
    from kbreport.ingest.wilayah import region as region_of

    fig = json.loads((b.write_outputs(tmp_path, annex=False) / "figures.json").read_text(encoding="utf-8"))
    yaml_params = parse_params({"laporan": "event", "jenis": "fasilitasi", "kode": "16", "mulai": "2024-06-04"})
    meta = report_metadata(yaml_params, fig, region_of(b.data.master, "16"), "demo", "c")
    assert meta["judul"] == "Fasilitasi teknis Kampung KB" and fig["event"]["penyelenggara"].endswith("Sumatera Selatan")


def test_docs_example_rumah_dataku_by_kecamatan(demo, bengkulu):
    """docs/notebooks.md: a cell added to a province's briefing, for one kabupaten's kecamatan."""
    kaur = kb.region_report(kode="17.04", as_of="2024-06-04", bahasa="id", data_dir=str(demo))
    c = kb.rumah_dataku_chart(kaur, caption="Status Rumah DataKu di Kampung KB per kecamatan, Kabupaten Kaur")
    kec = kaur.tables["rumah_dataku"]
    assert kaur.unit == "kecamatan" and len(c.figure.axes[0].get_yticklabels()) == (~kec["total"]).sum() == 15
    assert int(kec[kec["total"]]["kampung_kb"].iloc[0]) == int(bengkulu.tables["rumah_dataku"].set_index("kode").loc["17.04", "kampung_kb"])
    assert c.html().startswith('<figure class="kb-figure"><figcaption>Status Rumah DataKu di Kampung KB per kecamatan, Kabupaten Kaur<')
