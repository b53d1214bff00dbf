"""kbreport.batch.index_page: the batch's index.html — status, time, links and headline figures."""
import json
import re

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


def test_national_summary_and_province_total():
    page = _page()
    assert "Ringkasan nasional" in page
    # Aceh + Bengkulu (same as-of): 6500 + 1513 = 8013 desa/kel; 3000 + 1322 = 4322 Kampung KB;
    # covered desa 2990 + 1300 = 4290, 4290 / 8013 = 53.54% -> "53,5%"; Rumah DataKu 1000 + 640 = 1640.
    assert "Jumlah 2 provinsi dalam batch, per 2024-06-04" in page
    assert "8.013" in page and "4.322" in page and "53,5%" in page and "1.640" in page
    assert "53,9%" not in page  # Kampung KB / desa is not coverage


def test_rows_ordered_national_then_provinces_by_code():
    page = _page()
    assert page.index(">Indonesia<") < page.index(">Aceh ") < page.index(">Bengkulu ")


def test_status_time_and_relative_links():
    page = _page()
    assert '<a href="bengkulu/briefing.html">HTML</a>' in page
    assert '<a href="bengkulu/briefing.pdf">PDF</a>' in page
    assert '<a href="bengkulu/annex.xlsx">XLSX</a>' in page
    assert "12,3 dtk" in page
    assert "mutakhir" in page and "gagal" in page
    assert "3 selesai, 1 mutakhir (dilewati), 1 gagal, 0 dibatalkan — dari 5 laporan" in page


def test_event_table():
    page = _page()
    assert "Laporan kegiatan" in page
    assert "Fasilitasi Rumah DataKu" in page
    assert "2024-06-04 – 2024-06-05" in page


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
    row = page[page.index(">Bengkulu "):]
    row = row[: row.index("</tr>")]
    assert "2024-06-01 06:30" in row and "9,0 dtk" not in row  # no time in this run
    assert "2024-06-05 07:00" in page and "<th>Dibangun</th>" in page
    en = ip.render_index(_manifest(now, kept), figures, "en")
    assert "1 more report from earlier runs, still in this folder" in en and "<th>Built</th>" in en


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
