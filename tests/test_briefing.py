"""kbreport.briefing: the glue the briefing notebooks call (no kernel, no PDF: fast).

Expected figures are the calibration anchors of the demo data (docs/demo-data.md) or counted here
independently from the raw tables, never read back from the code under test.
"""
from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from kbreport import briefing, display
from kbreport.briefing import Block, prepare_event, prepare_wilayah, show, text
from kbreport.exceptions import ParamsError, ReportError
from kbreport.params import load_params, to_notebook_parameters

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "params" / "events"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    from kbreport.demo import generate

    out = tmp_path_factory.mktemp("demo")
    generate(out)
    return out


def wilayah_values(demo, kode, as_of, **extra):
    values = {"kode": kode, "as_of": as_of, "bahasa": "id", "judul": None, "target_tanggal": "2024-12-31",
              "target_persen": 100.0, "rdk_target_persen": 75.0, "catatan": [], "sumber": [],
              "data_dir": str(demo), "out_dir": "."}
    values.update(extra)
    return values


def event_values(demo, stem, **extra):
    values = to_notebook_parameters(load_params(EVENTS / f"{stem}.yaml"), demo)
    values.update(extra)
    return values


@pytest.fixture(scope="module")
def bengkulu(demo):
    return prepare_wilayah(wilayah_values(demo, "17", "2024-06-04"))


@pytest.fixture(scope="module")
def indonesia(demo):
    return prepare_wilayah(wilayah_values(demo, None, "2024-06-30"))


def kinds(blocks):
    return [b.kind for b in blocks]


def strings(blocks) -> str:
    """Every text a list of blocks would print (args and kwargs, recursively), joined."""
    out = []

    def walk(x):
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)
        elif isinstance(x, pd.DataFrame):
            out.extend(map(str, x.columns))
            for v in x.to_numpy().ravel():
                walk(v)

    for b in blocks:
        walk(b.args)
        walk(b.kwargs)
    return "\n".join(out)


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
    monkeypatch.setattr("kbreport.report.default_data_dir", lambda: target)
    monkeypatch.setattr("kbreport.demo.generate", fake_generate)
    assert briefing.resolve_data_dir(None) == target and made == [target]
    assert briefing.resolve_data_dir(None) == target and made == [target]  # present now: not generated again
    # an explicit $KBREPORT_DATA without data is an error, never silently filled with demo data
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr("kbreport.report.default_data_dir", lambda: empty)
    monkeypatch.setenv("KBREPORT_DATA", str(empty))
    with pytest.raises(ReportError, match="KBREPORT_DATA"):
        briefing.resolve_data_dir(None)


def test_bad_parameter_values_are_refused(demo):
    with pytest.raises(ParamsError, match="bahasa"):
        prepare_wilayah(wilayah_values(demo, "17", "2024-06-04", bahasa="fr"))


# --- region briefing ------------------------------------------------------------------------------------


def test_bengkulu_headline_and_cards(bengkulu):
    h = bengkulu.headline
    assert (h["kampung_kb"], h["desa_kelurahan"]) == (1322, 1513)  # calibration anchors
    assert bengkulu.n_sub == 10 and not bengkulu.dense and bengkulu.per_row == 0.2
    assert bengkulu.unit == "kabupaten/kota" and bengkulu.wilayah == "Provinsi Bengkulu"
    cards = bengkulu.cards()
    assert [c["label"] for c in cards] == ["Kampung KB", "Cakupan desa/kelurahan", "Kekurangan menuju target",
                                           "Rumah DataKu"]
    assert cards[0]["value"] == 1322
    share = f"{100 * h['tercakup'] / 1513:.1f}".replace(".", ",") + "%"
    assert cards[1]["value"] == share and cards[1]["status"] == "warn"
    assert cards[1]["sub"] == f"{h['tercakup']:,} dari 1.513 desa/kelurahan".replace(",", ".")
    assert cards[2]["value"] == 1513 - h["tercakup"]


def test_region_sections(bengkulu):
    s = bengkulu.section("ringkasan")
    assert kinds(s) == ["heading", "cards", "points"]
    assert s[0].args == ("Angka utama terhadap target",) and 3 <= len(s[2].args[0]) <= 6
    s = bengkulu.section("cakupan")
    assert kinds(s) == ["heading", "figure", "figure"] and s[0].args[0] == "Cakupan per kabupaten/kota"
    assert kinds(bengkulu.section("rumah_dataku")) == ["heading", "figure", "figure"]
    s = bengkulu.section("hasil_kb")
    assert kinds(s) == ["heading", "cards", "table"]
    table = s[2].args[0]
    assert len(table) == 11 and table.iloc[-1, 0] == "Bengkulu"  # 10 kab/kota and the total
    assert s[2].kwargs["percent_cols"] == ["CPR", "MKJP", "Unmet", "Poktan"]
    s = bengkulu.section("klasifikasi")
    assert kinds(s) == ["heading", "figure", "text"] and "dilaporkan" in s[2].args[0]
    s = bengkulu.section("lampiran")
    assert kinds(s) == ["heading", "table"]
    annex = s[1].args[0]
    assert list(annex.columns)[:4] == ["Kabupaten/kota", "Desa/kel.", "Kampung KB", "Tercakup"]
    assert annex.iloc[-1]["Desa/kel."] == 1513 and annex.iloc[-1]["Kampung KB"] == 1322
    assert annex["Desa/kel."].iloc[:-1].sum() == 1513  # sub-units add up to the total
    for b in (*bengkulu.section("cakupan"), *bengkulu.section("rumah_dataku")):
        if b.kind == "figure":
            assert b.args[0].texts or b.args[0].axes  # a real matplotlib figure
    with pytest.raises(ValueError, match="mou"):
        bengkulu.section("mou")  # an event section in a region briefing


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
    ids = set(kkb[(kkb["kode_desa"].str.startswith("17.")) & (kkb["aktif"].str.lower().isin(["ya", "true", "1"]))
                  & (kkb["tanggal_pencanangan"] <= "2024-06-04")]["id"])
    assert len(ids) == 1322
    assert int(tot["dengan_profil"]) == int(prof["kampung_kb_id"].isin(ids).sum())


def test_indonesia_is_compact(indonesia):
    assert indonesia.n_sub == 38 and indonesia.dense and indonesia.per_row == 0.105
    s = indonesia.section("cakupan")
    assert kinds(s) == ["heading", "figure", "figure", "figure"]  # tile map, compact bars, trend
    assert s[1].args[1] == "Cakupan desa/kelurahan ber-Kampung KB per provinsi"
    bars = s[2].args[0]
    assert bars.get_size_inches()[1] == pytest.approx(0.75 + 0.105 * 38)
    assert kinds(indonesia.section("hasil_kb")) == ["heading", "cards"]  # by province: in annex.xlsx
    s = indonesia.section("klasifikasi")
    assert "Indonesia" in s[1].args[1]
    assert len(s[1].args[0].axes[0].patches) == 4  # one bar of four classes
    cap = indonesia.section("lampiran")[1].args[1]
    assert cap.startswith("Angka per provinsi per 30 Juni 2024") and "annex.xlsx" in cap


def test_dense_province_has_no_tile_map(demo):
    b = prepare_wilayah(wilayah_values(demo, "35", "2024-06-30"))  # Jawa Timur: 38 kab/kota
    assert b.n_sub == 38 and b.dense and b.tingkat == "provinsi"
    assert kinds(b.section("cakupan")) == ["heading", "figure", "figure"]


def test_lampung_barat_full_coverage_and_notes(demo):
    b = prepare_wilayah(wilayah_values(demo, "18.04", "2024-05-12", catatan=["SK Bupati."],
                                       sumber=["Medialampung.co.id"]))
    h = b.headline
    assert (h["desa_kelurahan"], h["tercakup"], h["kampung_kb"], h["kekurangan"]) == (136, 136, 136, 0)
    assert b.unit == "kecamatan" and b.per_row == 0.16  # 15 kecamatan
    cards = b.cards()
    assert cards[1]["value"] == "100%" and cards[1]["status"] == "ok" and cards[2]["value"] == 0
    ring = b.section("ringkasan")
    assert kinds(ring) == ["heading", "cards", "points", "points"] and ring[3].args[0] == ["SK Bupati."]
    assert strings(b.section("lampiran")).endswith("Sumber: Medialampung.co.id")
    assert b.agenda_points() == ["Seluruh 15 kecamatan telah mencakup seluruh desa/kelurahannya; agenda dapat "
                                 "beralih ke Rumah DataKu dan kualitas Kampung KB."]


def test_english_switches_every_word(demo):
    b = prepare_wilayah(wilayah_values(demo, "17", "2024-06-04", bahasa="en"))
    words = strings([blk for name in briefing.WILAYAH_SECTIONS for blk in b.section(name)])
    for english in ("Headline figures against the target", "Coverage by kabupaten/kota", "Talking points",
                    "Family-planning outcomes in Kampung KB", "Annex: figures by kabupaten/kota as of"[:30],
                    "Still needed for the target", "1,322"):
        assert english in words
    domain = {"MKJP"}  # a domain word English sentences keep too
    indonesian = {v[0] for k, v in briefing.TEXT.items() if v[0] != v[1] and "{" not in v[0]} - domain
    leaked = [w for w in indonesian if w in words]
    assert not leaked
    for w in ("Cakupan", "Pokok pembicaraan", "Lampiran", "dari 1.513", "Kekurangan"):
        assert w not in words


def test_write_outputs(bengkulu, tmp_path):
    bengkulu.write_outputs(tmp_path)
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


# --- event briefing -------------------------------------------------------------------------------------


def test_event_type_sections_are_exclusive(demo):
    b = prepare_event(event_values(demo, "2024-06-04-fasilitasi-rumah-dataku-bengkulu"))
    assert b.section("mou") == [] and b.section("workshop") == [] and b.section("rakorda") == []
    s = b.section("fasilitasi")
    assert kinds(s) == ["heading", "figure", "table"] and s[0].args[0] == "Kesenjangan Rumah DataKu per kabupaten/kota"
    gaps = s[2].args[0]
    col = "Kekurangan RDK"
    assert list(gaps[col].iloc[:-1]) == sorted(gaps[col].iloc[:-1], reverse=True)  # largest gap first
    assert gaps.iloc[-1]["Kampung KB"] == 1322
    with pytest.raises(ValueError, match="lampiran"):
        b.section("lampiran")


def test_fasilitasi_what_who_and_targets(demo):
    b = prepare_event(event_values(demo, "2024-06-04-fasilitasi-rumah-dataku-bengkulu"))
    s = b.section("kegiatan")
    assert kinds(s) == ["heading", "facts", "figure"]
    facts = dict(s[1].args[0])
    assert facts["Waktu"] == "4–5 Juni 2024" and facts["Wilayah"] == "Provinsi Bengkulu"
    assert facts["Peserta"][0] == "30 orang" and "Ketua IPeKB: 10 orang" in facts["Peserta"]
    assert list(b.participants_table()["jumlah"]) == [10, 10, 10]
    s = b.section("angka")
    assert s[0].args[0] == "Angka Provinsi Bengkulu per 4 Juni 2024" and s[1].args[0][0]["value"] == 1322
    # the quoted target: 1,514 Kampung KB by July 2024, 1,322 on the first day -> 192 to go
    assert b.target_position(b.params.target[0]) == ("1.322 Kampung KB", "192")
    s = b.section("tindak_lanjut")
    table = s[1].args[0]
    assert list(table.iloc[0]) == [b.params.target[0].uraian, "31 Juli 2024", "1.514 Kampung KB",
                                   "1.322 Kampung KB", "192"]
    assert strings(s).count("Menurut Kepala Perwakilan, 1.322 Kampung KB") == 1


def test_rakorda_without_counts_per_group_gets_a_notice(demo):
    b = prepare_event(event_values(demo, "2017-03-07-rakorda-sumsel"))
    assert b.participants_table() is None and b.params.jumlah_peserta is None
    assert kinds(b.section("kegiatan")) == ["heading", "facts", "notice"]
    h = b.headline
    assert 17 <= h["kampung_kb"] < 231  # 17 by end-2016 (anchor); the 2017 target not met in March
    s = b.section("rakorda")
    assert kinds(s) == ["heading", "figure", "points"]
    points = s[2].args[0]
    assert 2 <= len(points) <= 1 + briefing.TOP_N
    # the furthest behind is named, with its desa without a Kampung KB and, the target being 7.1 %, its shortfall
    subs = b.tables["cakupan"][~b.tables["cakupan"]["total"]]
    worst = subs.sort_values(["cakupan_persen", "kekurangan", "kode"], ascending=[True, False, True]).iloc[0]
    tanpa = worst["desa_kelurahan"] - worst["tercakup"]
    assert any(p.endswith(f"; {tanpa} desa/kelurahan belum memiliki Kampung KB, masih kurang {worst['kekurangan']} "
                          "untuk target 7,1%.") for p in points)
    assert b.target_position(b.params.target[0])[1] == str(231 - h["kampung_kb"])


def test_mou_parties_and_desa_cantik(demo):
    b = prepare_event(event_values(demo, "2023-04-03-mou-kalsel-bps"))
    h = b.headline
    assert (h["kampung_kb"], h["rumah_dataku"]) == (456, 236)  # calibration anchors
    s = b.section("mou")
    assert kinds(s) == ["heading", "facts", "text", "cards", "table"]
    assert s[1].args[0][0] == ("Pihak pertama", "Perwakilan BKKBN Provinsi Kalimantan Selatan — H. Ramlan, Kepala Perwakilan")
    assert s[1].args[0][1][0] == "Pihak kedua"
    # Desa Cantik of Kalimantan Selatan formed up to 2023, counted here from the raw file
    dc = pd.read_csv(demo / "desa_cantik.csv", dtype=str)
    mine = dc[dc["kode_desa"].str.startswith("63.") & (dc["tahun"].astype(int) <= 2023)]
    assert s[3].args[0][0]["value"] == len(mine)
    kabkota = mine["kode_desa"].str.slice(0, 5).nunique()
    assert b.target_position(b.params.target[0]) == (f"{kabkota} kabupaten/kota", str(13 - kabkota))
    table = s[4].args[0]
    assert len(table) == 14 and table.iloc[-1]["Desa Cantik"] == len(mine)  # 13 kab/kota and the total
    assert "Pihak" not in strings(b.section("kegiatan"))  # the parties have their own section


def test_event_outputs_and_kabkota_level(demo, tmp_path):
    b = prepare_event(event_values(demo, "2024-03-12-rakor-pokja-ogan-ilir"))
    assert b.tingkat == "kabkota" and b.unit == "kecamatan"
    facts = dict(b.section("kegiatan")[1].args[0])
    assert facts["Kunjungan lapangan"] == ["Kampung KB Seroja, Desa Sembadak, Kecamatan Pemulutan, Kab. Ogan Ilir"]
    b.write_outputs(tmp_path)
    fig = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    assert fig["event"]["jenis"] == "rakorda" and fig["event"]["peserta"] == 16 + 32 + 40
    assert fig["wilayah"] == {"kode": "16.10", "nama": "Kab. Ogan Ilir", "tingkat": "kabkota"}
    wb = load_workbook(tmp_path / "annex.xlsx", read_only=True)
    assert wb.sheetnames == ["Keterangan", "Cakupan", "Rumah DataKu", "Peserta", "Target"]
    head = next(wb["Target"].values)
    assert head == ("Target", "Batas waktu", "Nilai target", "Satuan")


# --- show ---------------------------------------------------------------------------------------------


def test_show_emits_each_block_and_nothing_for_an_empty_section(monkeypatch):
    emitted = []
    monkeypatch.setattr(display, "_emit", lambda html, plain="": emitted.append(html))
    show([])
    assert emitted == []
    show([Block("heading", ("Cakupan <b>",)), Block("points", (["satu", ""],), {"title": "Pokok"}),
          Block("table", (pd.DataFrame({"A": [1322]}), "T"), {"lang": "id", "dense": True})])
    assert len(emitted) == 3
    assert emitted[0] == '<h2 class="kb-heading">Cakupan &lt;b&gt;</h2>'
    assert "<li>satu</li>" in emitted[1] and emitted[1].count("<li>") == 1
    assert 'class="kb-table kb-keep kb-dense"' in emitted[2] and ">1.322<" in emitted[2]
    assert re.search(r"<figcaption>T</figcaption>", emitted[2])


# --- agenda points on the hand-made world of test_analysis_units ---------------------------------------


def _agenda(cakupan: pd.DataFrame, tingkat: str, target_persen: float, lang: str) -> list[str]:
    from types import SimpleNamespace

    subs = cakupan[~cakupan["total"]] if "total" in cakupan.columns else cakupan
    h = {"tingkat": tingkat, "target_persen": target_persen, "sub_unit_jumlah": len(subs)}
    return briefing.Briefing(params=SimpleNamespace(bahasa=lang), data=None, headline=h,
                             tables={"cakupan": cakupan}).agenda_points()


def test_agenda_says_without_and_short_apart_and_full_only_at_100_percent():
    try:
        from test_analysis_units import AS_OF, make_desa, make_kkb
    except ImportError:  # tests collected as a package
        from tests.test_analysis_units import AS_OF, make_desa, make_kkb
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
