"""kbreport.batch.index_page: the batch's index.html — status, time, links and headline figures."""
import json
import re
import shutil
import subprocess

import pytest

from kbreport.batch import index_page as ip


def _fig(nama, kode, tingkat, desa, kkb, pct, rdk, as_of="2024-06-04", contoh=True, tercakup=None, **extra):
    return {"laporan": "wilayah", "wilayah": {"kode": kode, "nama": nama, "tingkat": tingkat}, "as_of": as_of,
            "desa_kelurahan": desa, "desa_kelurahan_tercakup": kkb if tercakup is None else tercakup,
            "kampung_kb": kkb, "cakupan_persen": pct,
            "rumah_dataku": rdk, "data_contoh": contoh, **extra}


def _rep(name, status="ok", seconds=12.34, reason=None, files=("briefing.html", "briefing.pdf", "annex.xlsx")):
    return {"name": name, "params": f"params/{name}.yaml", "status": status, "reason": reason, "seconds": seconds,
            "files": [{"path": f"{name}/{f}", "sha256": "0" * 64, "bytes": 1} for f in files]}


def _manifest(*reports):
    return {"kbreport": "0.1.0", "created": "2024-06-05T07:00:00+07:00", "seconds": 61.5, "reports": list(reports)}


def _page():
    figures = {
        "bengkulu": _fig("Bengkulu", "17", "provinsi", 1513, 1322, 87.4, 640, tercakup=1300),
        "aceh": _fig("Aceh", "11", "provinsi", 6500, 3000, 46.2, 1000, tercakup=2990),
        "indonesia": _fig("Indonesia", None, "nasional", 83763, 60000, 71.6, 20000),
        "fasilitasi_bengkulu": {
            **_fig("Bengkulu", "17", "provinsi", 1513, 1322, 87.4, 640),
            "laporan": "event",
            "event": {"jenis": "fasilitasi", "judul": "Fasilitasi Rumah DataKu", "mulai": "2024-06-04",
                      "selesai": "2024-06-05", "peserta": 30},
        },
    }
    manifest = _manifest(
        _rep("bengkulu"), _rep("aceh", status="skipped", seconds=0.0), _rep("indonesia"),
        _rep("fasilitasi_bengkulu"),
        _rep("rusak", status="failed", seconds=0.0, files=(),
             reason="params/rusak.yaml: warna: kunci tidak dikenal <b>x</b>"),
    )
    return ip.render_index(manifest, figures)


def test_headline_figures_in_indonesian_format():
    page = _page()
    assert "1.513" in page and "1.322" in page  # thousands separator "."
    assert "87,4%" in page  # decimal comma
    assert "83.763" in page


def _section(page: str, start: str, end: str = "</tbody>") -> str:
    part = page[page.index(start):]
    return part[: part.index(end)]


def test_one_row_of_national_cards_indonesia_s_own_when_the_batch_has_it():
    page = _page()
    assert "Ringkasan nasional" in page and page.count('<dl class="cards">') == 1
    cards = _section(page, '<dl class="cards">', "</dl>")
    assert "83.763" in cards and "71,6%" in cards and "8.013" not in cards
    assert "Jumlah 2 provinsi" not in page  # the province sum would repeat the national row


def test_province_total_when_no_national_report():
    figures = {"bengkulu": _fig("Bengkulu", "17", "provinsi", 1513, 1322, 87.4, 640, tercakup=1300),
               "aceh": _fig("Aceh", "11", "provinsi", 6500, 3000, 46.2, 1000, tercakup=2990)}
    page = ip.render_index(_manifest(_rep("bengkulu"), _rep("aceh")), figures)
    # Aceh + Bengkulu (same as-of): 6500 + 1513 = 8013 desa/kel; 3000 + 1322 = 4322 Kampung KB;
    # covered desa 2990 + 1300 = 4290, 4290 / 8013 = 53.54% -> "53,5%"; Rumah DataKu 1000 + 640 = 1640.
    assert "Jumlah 2 provinsi dalam batch, per 4 Juni 2024" in page and page.count('<dl class="cards">') == 1
    cards = _section(page, '<dl class="cards">', "</dl>")
    assert "8.013" in cards and "4.322" in cards and "53,5%" in cards and "1.640" in cards
    assert "53,9%" not in page  # Kampung KB / desa is not coverage


def test_cards_pair_each_label_with_its_value():
    cards = _section(_page(), '<dl class="cards">', "</dl>")
    pairs = re.findall(r'<div class="card"><dt>([^<]*)</dt><dd>([^<]*)</dd></div>', cards)
    assert pairs == [("Desa/kel.", "83.763"), ("Kampung KB", "60.000"), ("Cakupan", "71,6%"),
                     ("Rumah DataKu", "20.000")]


def test_reports_under_their_province_national_first():
    figures = {
        "18": _fig("Lampung", "18", "provinsi", 2651, 2000, 70.0, 500),
        "1804": _fig("Kab. Lampung Barat", "18.04", "kabkota", 136, 100, 70.0, 20),
        "91": _fig("Papua", "91", "provinsi", 1000, 300, 30.0, 50),
        "00": _fig("Indonesia", None, "nasional", 83763, 60000, 71.6, 20000),
        "ev": {**_fig("Lampung", "18", "provinsi", 2651, 2000, 70.0, 500), "laporan": "event",
               "event": {"jenis": "rakorda", "judul": "Rakorda Lampung", "mulai": "2017-03-07",
                         "selesai": "2017-03-08", "peserta": 17}},
    }
    page = ip.render_index(_manifest(*(_rep(n) for n in ("91", "1804", "ev", "18", "00"))), figures)
    order = [page.index(x) for x in (">Indonesia<", ">Lampung ", ">Kab. Lampung Barat ", ">Rakorda Lampung<", ">Papua ")]
    assert order == sorted(order)
    lampung = _section(page, ">Lampung ")
    assert "Kab. Lampung Barat" in lampung and "Rakorda Lampung" in lampung and "Papua" not in lampung
    assert "Rapat koordinasi daerah (Rakorda) · 7–8 Maret 2017 · 17 peserta" in lampung
    assert "Laporan kegiatan" not in page  # events are not a list of their own


def test_a_kab_kota_without_its_province_report_is_headed_by_the_province_name():
    figures = {"1804": _fig("Kab. Lampung Barat", "18.04", "kabkota", 136, 100, 70.0, 20),
               "91": _fig("Papua", "91", "provinsi", 1000, 300, 30.0, 50)}
    page = ip.render_index(_manifest(_rep("91"), _rep("1804")), figures)
    assert page.index('scope="rowgroup">Lampung</th>') < page.index(">Kab. Lampung Barat ") < page.index(">Papua ")


def test_links_for_a_reader_and_the_technical_columns_in_a_details_toggle():
    page = _page()
    main, detail = page.split("<details", 1)
    assert '<a href="bengkulu/briefing.html">HTML</a>' in main
    assert '<a href="bengkulu/briefing.pdf">PDF</a>' in main
    assert '<a href="bengkulu/annex.xlsx">XLSX</a>' in main
    assert "dtk" not in main and "<th" + ' scope="col">Status' not in main.split("Laporan gagal")[0]
    assert "12,3 dtk" in detail and "mutakhir" in detail and "kbreport 0.1.0" in detail
    assert "<summary>Detail teknis" in detail and "<script" not in page
    assert "3 selesai, 1 mutakhir (dilewati), 1 gagal, 0 dibatalkan — dari 5 laporan" in main


def test_dates_in_the_page_s_language():
    page = _page()
    assert "Dibuat 5 Juni 2024 07.00" in page and "Per tanggal 4 Juni 2024" in page and "T07:00" not in page
    assert "4–5 Juni 2024" in page
    en = ip.render_index(_manifest(_rep("b")), {"b": _fig("Bengkulu", "17", "provinsi", 1, 1, 100.0, 1)}, "en")
    assert "Generated 5 June 2024 07:00" in en and "As of 4 June 2024" in en


def test_a_date_only_differing_from_the_page_s_is_repeated_in_its_row():
    figures = {"a": _fig("Aceh", "11", "provinsi", 1, 1, 100.0, 1), "b": _fig("Bali", "51", "provinsi", 1, 1, 100.0, 1),
               "c": _fig("Banten", "36", "provinsi", 1, 1, 100.0, 1, as_of="2023-12-31")}
    page = ip.render_index(_manifest(_rep("a"), _rep("b"), _rep("c")), figures)
    assert page.count("Per tanggal 31 Desember 2023") == 1 and "31 Desember" in _section(page, ">Banten ", "</tr>")


def test_failed_reason_is_escaped_and_page_is_self_contained():
    page = _page()
    assert "Laporan gagal" in page
    assert "kunci tidak dikenal &lt;b&gt;x&lt;/b&gt;" in page
    assert "<b>x</b>" not in page
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert "http://" not in page and "https://" not in page


def test_synthetic_banner_only_when_a_report_says_so():
    page = _page()
    assert '<div class="banner">Data contoh (sintetis)</div>' in page
    real = ip.render_index(_manifest(_rep("bengkulu")), {"bengkulu": _fig("Bengkulu", "17", "provinsi", 1, 1, 100.0, 1, contoh=False)})
    assert "Data contoh (sintetis)" not in real


def test_untrusted_text_in_figures_is_escaped():
    evil = _fig('<script>alert("x")</script>', "17", "provinsi", 1, 1, 100.0, 1)
    page = ip.render_index(_manifest(_rep("x")), {"x": evil})
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    # dates that are not dates, an event's words, a group name: shown as they are, escaped
    bad = dict(evil, as_of="<i>kemarin</i>", laporan="event", wilayah={"kode": "17.01", "nama": "<u>", "tingkat": "kabkota"},
               event={"jenis": "<b>", "judul": "<img src=x>", "mulai": "<s>", "selesai": None, "peserta": "<p>"})
    rep = dict(_rep("y"), group="<em>g</em>", built="<built>")
    page = ip.render_index({**_manifest(_rep("x"), rep), "created": "<now>"}, {"x": evil, "y": bad})
    assert not re.search(r"<(i|u|b|s|p|em|img|now|built)[ >]", page.split("</style>", 1)[1].replace("<p class", ""))
    assert "&lt;em&gt;g&lt;/em&gt;" in page and "&lt;img src=x&gt;" in page and "&lt;now&gt;" in page
    page = ip.render_index(_manifest(_rep("x"), _rep("z")), {"x": evil, "z": dict(evil, as_of="<i>kemarin</i>")})
    assert "&lt;i&gt;kemarin&lt;/i&gt;" in page and "<i>" not in page


def test_bad_figure_values_print_a_dash():
    fig = _fig("Bengkulu", "17", "provinsi", "banyak", None, float("nan"), True)
    page = ip.render_index(_manifest(_rep("b")), {"b": fig})
    row = page[page.index(">Bengkulu "):]
    row = row[: row.index("</tr>")]
    assert row.count(">–<") >= 4  # desa, Kampung KB, cakupan, Rumah DataKu


def test_percent_rounds_half_up_like_the_briefings():
    assert ip.fmt_pct(87.45) == "87,5%" and ip.fmt_pct(0.05, "en") == "0.1%" and ip.fmt_pct(100) == "100,0%"


def test_english():
    page = ip.render_index(_manifest(_rep("b")), {"b": _fig("Bengkulu", "17", "provinsi", 1513, 1322, 87.4, 640)}, "en")
    assert "1,513" in page and "87.4%" in page and "Sample data (synthetic)" in page and 'lang="en"' in page


def test_write_index_reads_figures_and_ignores_broken_ones(tmp_path):
    (tmp_path / "bengkulu").mkdir()
    (tmp_path / "bengkulu" / "figures.json").write_text(json.dumps(_fig("Bengkulu", "17", "provinsi", 1513, 1322, 87.4, 640)))
    (tmp_path / "rusak").mkdir()
    (tmp_path / "rusak" / "figures.json").write_text("{not json")
    path = ip.write_index(tmp_path, _manifest(_rep("bengkulu"), _rep("rusak")))
    page = path.read_text()
    assert "1.322" in page
    assert "Laporan lain" in page  # rusak is ok but has no readable figures
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bengkulu", "index.html", "rusak"]


def test_empty_run():
    assert "Belum ada laporan." in ip.render_index(_manifest(), {})


def test_kept_reports_of_earlier_runs_show_their_own_build_time_and_are_counted_apart():
    now = dict(_rep("aceh"), built="2024-06-05T07:00:12+07:00")
    kept = dict(_rep("bengkulu", seconds=9.0), built="2024-06-01T06:30:00+07:00", kept=True)
    figures = {"aceh": _fig("Aceh", "11", "provinsi", 6500, 3000, 46.2, 1000),
               "bengkulu": _fig("Bengkulu", "17", "provinsi", 1513, 1322, 87.4, 640)}
    page = ip.render_index(_manifest(now, kept), figures)
    assert "1 selesai, 0 mutakhir (dilewati), 0 gagal, 0 dibatalkan — dari 1 laporan" in page
    assert "1 laporan lain dari proses sebelumnya, masih ada di folder ini" in page
    detail = page[page.index("<details"):]
    row = detail[detail.index(">bengkulu<"):]
    row = row[: row.index("</tr>")]
    assert "1 Juni 2024 06.30" in row and "9,0 dtk" not in row  # no time in this run
    assert "5 Juni 2024 07.00" in detail and ">Dibangun</th>" in detail
    en = ip.render_index(_manifest(now, kept), figures, "en")
    assert "1 more report from earlier runs, still in this folder" in en and ">Built</th>" in en


def test_fanout_members_are_grouped_under_their_params_file():
    from kbreport.batch.index_page import render_index

    def fig(kode, nama):
        return {"laporan": "wilayah", "wilayah": {"kode": kode, "nama": nama, "tingkat": "kabkota"},
                "as_of": "2024-06-04", "desa_kelurahan": 10, "kampung_kb": 5, "cakupan_persen": 50.0,
                "rumah_dataku": 1, "data_contoh": True}

    reports = [{"name": "17-bengkulu", "status": "ok", "notebook": "wilayah_briefing.ipynb"},
               {"name": "monev_17-01", "status": "ok", "group": "monev", "notebook": "monev_kampung_kb.ipynb"},
               {"name": "monev_17-02", "status": "ok", "group": "monev"}]
    figures = {"17-bengkulu": {**fig("17", "Bengkulu"), "wilayah": {"kode": "17", "nama": "Bengkulu",
                                                                    "tingkat": "provinsi"}},
               "monev_17-01": fig("17.01", "Kab. Bengkulu Selatan"), "monev_17-02": fig("17.02", "Kab. Rejang Lebong")}
    html = render_index({"reports": reports}, figures)
    assert "<h2>monev: 2 laporan dari satu file params</h2>" in html
    head, group = html.split("<h2>monev: 2 laporan", 1)
    assert "Bengkulu" in head and "Kab. Bengkulu Selatan" not in head  # members only under their group
    assert "Kab. Bengkulu Selatan" in group and "Kab. Rejang Lebong" in group
    assert group.count("· monev_kampung_kb") == 1 and "· wilayah_briefing" not in html  # the notebook, if not a shipped briefing
    assert "<h2>monev: 2 reports from one params file</h2>" in render_index({"reports": reports}, figures, lang="en")
    assert group.count("4 Juni 2024") == 0  # the group shares the page's date: not repeated
    later = {k: dict(v, as_of="2024-07-01") if k.startswith("monev") else v for k, v in figures.items()}
    group = render_index({"reports": reports}, later).split("<h2>monev: 2 laporan", 1)[1]
    assert group.count("Per tanggal 1 Juli 2024") == 1  # said once under the heading, not in every row


PHONE_PX = 390


def _phone_page() -> str:
    """A page with the longest things a batch holds: a long event title, a long reason, a fan-out."""
    figures = {
        "00": _fig("Indonesia", None, "nasional", 83763, 60000, 71.6, 20000),
        "16": _fig("Sumatera Selatan", "16", "provinsi", 3258, 2068, 63.2, 518),
        "ev": {**_fig("Sumatera Selatan", "16", "provinsi", 3258, 2068, 63.2, 518), "laporan": "event",
               "event": {"jenis": "workshop", "judul": "Workshop Pengelolaan Kampung Keluarga Berkualitas " * 3,
                         "mulai": "2022-08-24", "selesai": "2022-08-26", "peserta": 144}},
    }
    reason = "params/wilayah/x.yaml: " + "sebab_yang_sangat_panjang_tanpa_spasi" * 6
    return ip.render_index(_manifest(_rep("00"), _rep("16"), _rep("ev"),
                                     _rep("x", status="failed", files=(), reason=reason)), figures)


def test_no_fixed_width_layout_wider_than_a_phone():
    page = _phone_page()
    css = page[page.index("<style>"):page.index("</style>")]
    # a width or min-width (in the stylesheet or a style="" attribute) or a grid track's minimum
    widths = re.findall(r"(?:(?<![-\w])(?:min-)?width:\s*|minmax\()([\d.]+)(px|rem|em)",
                        css + page.split("</style>", 1)[1])
    assert widths, "the test would pass on a page with no widths at all"
    px = [float(n) * (1 if unit == "px" else 16) for n, unit in widths]
    assert max(px) <= PHONE_PX, widths
    assert not re.search(r"<table[^>]*\bwidth=|table-layout:\s*fixed", page)
    # the report table keeps at most four columns on a phone (name, Kampung KB, coverage, Rumah DataKu)
    head = re.search(r"<table><thead><tr>(.*?)</tr>", page).group(1)
    shown = [th for th in re.findall(r"<th[^>]*>", head) if "c-desa" not in th]
    assert len(shown) == 4 and ".c-desa{display:none}" in css.split("@media (max-width:34rem)")[1]


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_index_fits_a_390_px_phone_in_chromium(tmp_path):
    """Laid out by a browser at 390 px (in an iframe: headless chromium will not open a window under 500 px),
    the page is no wider than the phone: no sideways scroll."""
    (tmp_path / "index.html").write_text(_phone_page(), encoding="utf-8")
    (tmp_path / "frame.html").write_text(
        f'<html><body style="margin:0"><iframe id="f" src="index.html" style="width:{PHONE_PX}px;height:900px;border:0">'
        '</iframe><script>document.getElementById("f").onload=function(){'
        'var d=this.contentDocument.documentElement;'
        'document.body.setAttribute("data-sw",d.scrollWidth+"/"+this.contentWindow.innerWidth)}</script></body></html>')
    out = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--allow-file-access-from-files", "--window-size=600,1000", "--virtual-time-budget=3000",
         "--dump-dom", (tmp_path / "frame.html").as_uri()], capture_output=True, text=True, timeout=60).stdout
    width, viewport = map(int, re.search(r'data-sw="(\d+)/(\d+)"', out).groups())
    assert viewport == PHONE_PX and width <= PHONE_PX
