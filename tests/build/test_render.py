"""Rendering and building one report: the kbreport template (HTML), WeasyPrint (PDF), kbreport.build.report.

Uses a tiny stand-in briefing notebook (tests/fixtures/notebooks/wilayah_briefing.ipynb) and a
three-row data folder, so the pipeline is tested without the real notebooks and demo data.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import time
import zlib
from html import unescape
from pathlib import Path

import nbformat
import pytest

from kbreport.build.pdf_check import pdf_objects
from kbreport.build import report as report_mod
from kbreport.build.render import external_references, page_context, render_html, render_pdf
from kbreport.build.report import build_report, check_notebook_parameters, data_date_range

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NOTEBOOKS = FIXTURES / "notebooks"
A4_PT = (595.28, 841.89)
KKB_CSV = (
    "id,nama,kode_desa,tanggal_pencanangan,cakupan_wilayah,contoh_kabupaten,contoh_provinsi,aktif\n"
    "KKB-1,Kampung KB Satu,17.01.01.2001,2016-01-14,Desa,ya,tidak,ya\n"
    "KKB-2,Kampung KB Dua,17.01.01.2002,2020-05-02,RW,tidak,tidak,ya\n"
    "KKB-3,Kampung KB Tiga,17.71.01.1001,2024-12-31,Desa,tidak,tidak,ya\n"
)
JUDUL = 'Briefing <script>alert("x")</script> & Co'


# --- helpers ----------------------------------------------------------------------------------------




def pdf_alts(objs: bytes) -> list[str]:
    """The /Alt texts of the PDF's structure elements, decoded (a literal string, or UTF-16 in hex)."""
    out = []
    for lit, hexa in re.findall(rb"/Alt\s*(?:\(((?:[^()\\]|\\.)*)\)|<([0-9a-fA-F]*)>)", objs):
        if hexa:
            out.append(bytes.fromhex(hexa.decode()).decode("utf-16"))
        else:
            out.append(re.sub(rb"\\([\\()])", rb"\1", lit).decode("latin-1"))
    return out


def pdf_is_tagged(pdf: bytes) -> bool:
    """What `pdfinfo` reports as "Tagged: yes" (it reads the catalog's /MarkInfo /Marked), plus the
    structure tree a screen reader walks."""
    objs = pdf_objects(pdf)
    return bool(re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", objs)) and b"/StructTreeRoot" in objs


def page_texts(html: str) -> list[str]:
    """Text of each laid-out page (content and margin boxes), from WeasyPrint's layout."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    doc = HTML(string=html).render()
    return [" ".join(b.text for b in p._page_box.descendants() if isinstance(b, boxes.TextBox)) for p in doc.pages]


def write_params(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


# --- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("data")
    (d / "kampung_kb.csv").write_text(KKB_CSV, encoding="utf-8")
    (d / "sumber.json").write_text(json.dumps({"sumber": "Data uji kbreport", "sintetis": True}), encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def built(tmp_path_factory, data_dir):
    root = tmp_path_factory.mktemp("build")
    params = write_params(root, "17-bengkulu.yaml",
                          f'laporan: wilayah\nkode: "17"\nas_of: 2024-06-04\njudul: {json.dumps(JUDUL)}\n')
    out = root / "outputs"
    t = time.perf_counter()
    result = build_report(params, out, data_dir=data_dir, notebooks=NOTEBOOKS, timeout=120)
    seconds = time.perf_counter() - t
    return {"result": result, "out": out, "params": params, "root": root, "seconds": seconds}


# --- the built report -------------------------------------------------------------------------------


def test_build_report_ok_and_files(built):
    r = built["result"]
    assert r.status == "ok", r.reason
    folder = built["out"] / "17-bengkulu"
    assert r.out_dir == str(folder)
    names = sorted(Path(f).name for f in r.files)
    assert names == ["annex.xlsx", "briefing.html", "briefing.ipynb", "briefing.pdf", "figures.json"]
    assert sorted(p.name for p in folder.iterdir()) == names  # nothing else, no temp files
    assert set(r.timings) >= {"params", "execute", "html", "pdf", "publish"}
    fig = json.loads((folder / "figures.json").read_text(encoding="utf-8"))
    assert fig["wilayah"] == {"kode": "17", "nama": "Bengkulu", "tingkat": "provinsi"}
    assert (fig["as_of"], fig["kampung_kb"], fig["desa_kelurahan"], fig["cakupan_persen"]) == \
        ("2024-06-04", 1322, 1513, 87.4)
    assert fig["data_contoh"] is True


def test_executed_notebook_has_metadata_and_outputs(built, data_dir):
    nb = nbformat.read(built["out"] / "17-bengkulu" / "briefing.ipynb", as_version=4)
    meta = nb.metadata["kbreport"]
    data = (data_dir / "kampung_kb.csv").read_bytes()
    h = hashlib.sha256()
    h.update(b"kampung_kb.csv\0" + str(len(data)).encode() + b"\0")
    h.update(data)
    assert meta["checksum"] == h.hexdigest()
    assert (meta["wilayah"], meta["as_of"], meta["as_of_teks"], meta["judul"], meta["sumber"]) == \
        ("Provinsi Bengkulu", "2024-06-04", "4 Juni 2024", JUDUL, "Data uji kbreport")
    assert meta["data_contoh"] is True
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_html_is_self_contained_without_code(built):
    html = (built["out"] / "17-bengkulu" / "briefing.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert re.search(r'<meta (?=[^>]*name="viewport")(?=[^>]*content="width=device-width, initial-scale=1")', html)
    assert "<script" not in html.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "http://" not in html and "https://" not in html
    assert external_references(html) == []
    assert "@font-face" in html and "data:font/ttf;base64," in html
    assert "data:image/png;base64," in html  # the chart, embedded
    # no code and no prompts
    for code in ("from kbreport import", "kd.show_table", "plt.subplots", "write_figures(", "In&nbsp;[", "In [",
                 "Out["):
        assert code not in html, code
    assert "&lt;Figure size" not in html and "<Figure size" not in html  # bare repr of the last expression
    # Indonesian text, escaped params and data
    assert '<html lang="id">' in html
    assert "Ringkasan cakupan" in html and "Pokok pembicaraan" in html and "Provinsi Bengkulu" in html
    assert "Data contoh (sintetis)" in html and 'class="kb-banner"' in html
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; Co' in html  # nbconvert re-serialises: " stays bare
    assert "Kota Bengkulu &lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
    assert "1.322" in html and "87,4%" in html  # numbers through Babel, Indonesian style
    assert "size: A4 portrait" in html and "@media print" in html and "break-inside: avoid" in html


def test_pdf_a4_pages_fonts_and_text(built):
    folder = built["out"] / "17-bengkulu"
    pdf = (folder / "briefing.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    objs = pdf_objects(pdf)
    boxes_ = [tuple(float(x) for x in m.split()) for m in re.findall(rb"/MediaBox\s*\[\s*([^\]]+)\]", objs)]
    assert boxes_ and all(abs(b[2] - b[0] - A4_PT[0]) <= 1 and abs(b[3] - b[1] - A4_PT[1]) <= 1 for b in boxes_)
    counts = [int(c) for c in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", objs)] or \
        [int(c) for c in re.findall(rb"/Count\s+(\d+)", objs)]
    assert max(counts) == 3 == len(boxes_)  # page 1 summary, forced break, annex table over 2 pages
    assert b"/FontFile2" in objs  # TrueType fonts embedded
    assert b"KB-Sans" in objs  # the embedded DejaVu Sans of the template, not a system font

    html = (folder / "briefing.html").read_text(encoding="utf-8")
    texts = page_texts(html)
    assert len(texts) == 3
    for i, t in enumerate(texts, start=1):
        assert f"Halaman {i} dari 3" in t
        assert "Data contoh (sintetis)" in t  # on every page
        assert "Provinsi Bengkulu" in t and "per 4 Juni 2024" in t  # running header
        assert "Dibuat dengan kbreport" in t and "Data uji kbreport" in t  # generation stamp
    assert "Ringkasan cakupan" in texts[0] and "Pokok pembicaraan" in texts[0]
    assert "Lampiran" in texts[1] and "Daftar panjang" in texts[1]
    assert "Lampiran" not in texts[0]


def test_pdf_is_tagged_with_headings_tables_and_each_chart_s_alt_text(built):
    folder = built["out"] / "17-bengkulu"
    pdf = (folder / "briefing.pdf").read_bytes()
    assert pdf_is_tagged(pdf)
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(folder / "briefing.pdf")], capture_output=True, text=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    objs = pdf_objects(pdf)
    kinds = set(re.findall(rb"/S\s*/(\w+)", objs))
    assert {b"Document", b"H1", b"H2", b"Table", b"TH", b"TD", b"Figure", b"L", b"LI"} <= kinds
    assert re.search(rb"/Lang\s*\(id\)", objs)  # the language a screen reader speaks it in
    html = (folder / "briefing.html").read_text(encoding="utf-8")
    alts = [unescape(a) for a in re.findall(r'<img [^>]*alt="([^"]*)"', html)]
    assert alts and sorted(pdf_alts(objs)) == sorted(alts)  # every chart's description, none lost
    assert render_pdf(html) == pdf  # tagging adds no date or random id: same HTML, same bytes


def test_pdf_render_time(built):
    html = (built["out"] / "17-bengkulu" / "briefing.html").read_text(encoding="utf-8")
    t = time.perf_counter()
    pdf = render_pdf(html)
    seconds = time.perf_counter() - t
    print(f"\nPDF render: {seconds:.2f} s; whole build {built['seconds']:.1f} s; timings {built['result'].timings}")
    assert pdf.startswith(b"%PDF-") and seconds < 30


def test_english_switches_the_template_words(built):
    nb = nbformat.read(built["out"] / "17-bengkulu" / "briefing.ipynb", as_version=4)
    nb.metadata["kbreport"].update(bahasa="en", as_of_teks="4 June 2024", wilayah="Bengkulu Province")
    html = render_html(nb)
    assert '<html lang="en">' in html and "Sample data (synthetic)" in html and "Data contoh" not in html
    texts = page_texts(html)
    assert "Page 1 of 3" in texts[0] and "Halaman" not in texts[0]
    assert "as of 4 June 2024" in texts[0] and "Generated with kbreport" in texts[0]


def test_failed_cell_is_reported_and_old_outputs_stay(built, data_dir):
    folder = built["out"] / "17-bengkulu"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    # same stem, other folder: the failing build targets the same output folder
    other = built["root"] / "gagal"
    other.mkdir()
    params = write_params(other, "17-bengkulu.yaml", 'laporan: wilayah\nkode: "17"\nas_of: 2024-06-04\njudul: GAGAL\n')
    r = build_report(params, built["out"], data_dir=data_dir, notebooks=NOTEBOOKS, timeout=120)
    assert r.status == "failed" and r.files == []
    # cell 6 of the executed notebook (papermill inserts the injected-parameters cell), execution count 5
    assert r.reason.startswith("sel ke-6 (In [5]), baris 7: `raise ValueError(\"gagal sengaja\")`"), r.reason
    assert r.reason.endswith("ValueError: gagal sengaja")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_fewer_formats_replace_the_old_files(built, data_dir, tmp_path):
    out = tmp_path / "out"
    folder = out / "17-bengkulu"
    folder.mkdir(parents=True)
    (folder / "briefing.pdf").write_bytes(b"%PDF- stale")
    r = build_report(built["params"], out, data_dir=data_dir, notebooks=NOTEBOOKS, formats=("html",), timeout=120)
    assert r.status == "ok", r.reason
    assert sorted(p.name for p in folder.iterdir()) == ["briefing.html", "figures.json"]
    assert "pdf" not in r.timings


# --- failures before any kernel starts ----------------------------------------------------------------


@pytest.fixture
def no_kernel(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(report_mod, "_execute", boom)


def test_invalid_params_start_no_kernel(tmp_path, data_dir, no_kernel):
    p = write_params(tmp_path, "x.yaml", 'laporan: wilayah\nkode: "17"\nas_of: 2024-06-04\nwarna: merah\n')
    r = build_report(p, tmp_path / "out", data_dir=data_dir, notebooks=NOTEBOOKS)
    assert r.status == "failed" and r.name == "x"
    assert r.reason == f"params tidak valid — {p}: warna: kunci tidak dikenal (kunci yang boleh di tingkat atas: " \
                       "as_of, bahasa, catatan, judul, kode, rdk_target_persen, sumber, target_persen, " \
                       "target_tanggal)"
    assert not (tmp_path / "out").exists()


def test_as_of_outside_the_data(tmp_path, data_dir, no_kernel):
    assert data_date_range(data_dir) == (__import__("datetime").date(2016, 1, 14), __import__("datetime").date(2024, 12, 31))
    p = write_params(tmp_path, "x.yaml", 'laporan: wilayah\nkode: "17"\nas_of: 2025-01-01\n')
    r = build_report(p, tmp_path / "out", data_dir=data_dir, notebooks=NOTEBOOKS)
    assert r.status == "failed"
    assert f"{p}: as_of: 2025-01-01 sesudah akhir data (2024-12-31)" in r.reason


def test_unknown_notebook_parameter_is_an_error(tmp_path, data_dir, no_kernel):
    nb = nbformat.read(NOTEBOOKS / "wilayah_briefing.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source = "\n".join(line for line in cell.source.splitlines() if not line.startswith("sumber ="))
    d = tmp_path / "nbs"
    d.mkdir()
    nbformat.write(nb, d / "wilayah_briefing.ipynb")
    with pytest.raises(Exception, match="parameter tidak dikenal oleh notebook: sumber"):
        check_notebook_parameters(d / "wilayah_briefing.ipynb", {"kode": "17", "sumber": []})
    p = write_params(tmp_path, "x.yaml", 'laporan: wilayah\nkode: "17"\nas_of: 2024-06-04\n')
    r = build_report(p, tmp_path / "out", data_dir=data_dir, notebooks=d)
    assert r.status == "failed" and "parameter tidak dikenal oleh notebook: sumber" in r.reason


def test_missing_notebook_and_bad_format(tmp_path, data_dir, no_kernel):
    p = write_params(tmp_path, "x.yaml", 'laporan: wilayah\nkode: "17"\nas_of: 2024-06-04\n')
    r = build_report(p, tmp_path / "out", data_dir=data_dir, notebooks=tmp_path / "none")
    assert r.status == "failed" and "wilayah_briefing.ipynb tidak ditemukan" in r.reason
    r = build_report(p, tmp_path / "out", data_dir=data_dir, formats=("html", "docx"))
    assert r.status == "failed" and "format tidak dikenal: docx" in r.reason


# --- the template on a hand-made notebook (no kernel) ----------------------------------------------------


def test_template_drops_code_prompts_scripts_and_noise():
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("SECRET_PARAM = 1")
    params.metadata["tags"] = ["parameters"]
    params.outputs = [nbformat.v4.new_output("stream", name="stdout", text="param noise")]
    code = nbformat.v4.new_code_cell("SECRET_CODE = 2", execution_count=3)
    code.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": '<p class="keep">Tampil</p><script>x()</script>',
                                                     "text/plain": "p"}),
        nbformat.v4.new_output("stream", name="stderr", text="DeprecationWarning: stderr noise"),
        nbformat.v4.new_output("stream", name="stdout", text="baris <cetak>"),
        nbformat.v4.new_output("execute_result", data={"text/plain": "Text(0.5, 1.0, 'judul')"}, execution_count=3),
        nbformat.v4.new_output("display_data", data={"application/javascript": "alert(1)", "text/plain": "js"}),
        nbformat.v4.new_output("display_data", data={"image/svg+xml": "<svg xmlns='http://www.w3.org/2000/svg'/>",
                                                     "text/plain": "fig"}),
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "fig"},
                               metadata={"image/png": {"width": 500}}),
    ]
    hidden = nbformat.v4.new_code_cell("HIDDEN = 3")
    hidden.metadata["tags"] = ["remove-cell"]
    hidden.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hidden output")]
    nb.cells = [params, nbformat.v4.new_markdown_cell("## Judul bagian\n\nTeks *narasi*."), code, hidden]
    html = render_html(nb)
    for gone in ("SECRET_PARAM", "SECRET_CODE", "HIDDEN", "param noise", "stderr noise", "Text(0.5", "alert(1)",
                 "<script", "hidden output", "In [", "Out[", "In&nbsp;["):
        assert gone not in html, gone
    assert '<p class="keep">Tampil</p>' in html
    assert '<img alt="Grafik" src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnLz4="/>' in html
    assert 'src="data:image/png;base64,iVBORw0KGgo=" style="max-width:500px"' in html
    assert "baris &lt;cetak&gt;" in html
    assert "<h2" in html and "Judul bagian" in html and "<em>narasi</em>" in html
    # no metadata: defaults, not synthetic, Indonesian words
    assert 'class="kb-banner"' not in html and "Briefing Kampung KB" in html and '<html lang="id">' in html


def test_external_references_are_refused():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("![logo](https://example.org/logo.png)")]
    with pytest.raises(Exception, match="not self-contained"):
        render_html(nb)
    assert external_references('<img src="data:image/png;base64,AAA"><a href="#x">') == []
    assert external_references('<link href="//cdn.example/x.css">') != []
    assert external_references("<style>@import url(x.css);</style>") != []


def test_page_context_defaults_and_escaping_is_left_to_the_template():
    ctx = page_context({"judul": "A <b>", "wilayah": "Provinsi Bengkulu", "as_of_teks": "4 Juni 2024",
                        "data_contoh": True, "bahasa": "id", "checksum": "ab" * 32, "sumber": "Demo"})
    assert ctx["running_head"] == "A <b> · Provinsi Bengkulu · per 4 Juni 2024"
    assert ctx["stamp"].endswith("Sumber data: Demo · SHA-256 abababababababab")
    assert ctx["synthetic_label"] == "Data contoh (sintetis)"
    ctx = page_context({"judul": "Kampung KB di Provinsi Bengkulu", "wilayah": "Provinsi Bengkulu", "bahasa": "xx"})
    assert ctx["running_head"] == "Kampung KB di Provinsi Bengkulu" and ctx["lang"] == "id"


# --- page context and report metadata -------------------------------------------------------------------


def test_long_titles_are_shortened_in_the_running_header_only():
    judul = "Fasilitasi Teknis Manajemen Rumah Data Kependudukan (Rumah DataKu) di Kampung KB"
    ctx = page_context({"judul": judul, "wilayah": "Provinsi Bengkulu", "as_of_teks": "4 Juni 2024"})
    assert ctx["judul"] == judul  # the masthead keeps the whole title
    assert ctx["running_head"] == \
        "Fasilitasi Teknis Manajemen Rumah Data Kependudukan (Rumah… · Provinsi Bengkulu · per 4 Juni 2024"


def test_report_metadata_titles():
    from datetime import date

    from kbreport.build.params import parse_params
    from kbreport.build.report import report_metadata
    from kbreport.ingest.wilayah import Region

    bengkulu = Region("17", "Bengkulu", "provinsi", "provinsi")
    fig = {"wilayah": {"kode": "17", "nama": "Bengkulu", "tingkat": "provinsi"}, "data_contoh": True}
    w = parse_params({"laporan": "wilayah", "kode": "17", "as_of": "2024-06-30"})
    m = report_metadata(w, fig, bengkulu, "Demo", "c" * 64)
    assert (m["judul"], m["subjudul"], m["wilayah"], m["as_of_teks"]) == \
        ("Kampung KB di Provinsi Bengkulu", "per 30 Juni 2024", "Provinsi Bengkulu", "30 Juni 2024")
    w_en = parse_params({"laporan": "wilayah", "kode": "17", "as_of": "2024-06-30", "bahasa": "en", "judul": "Briefing"})
    m = report_metadata(w_en, fig, bengkulu, "Demo", "c" * 64)
    assert (m["judul"], m["subjudul"], m["as_of_teks"]) == ("Briefing", "Bengkulu Province · as of 30 June 2024",
                                                            "30 June 2024")
    ev = parse_params({"laporan": "event", "jenis": "fasilitasi", "judul": "Fasilitasi", "penyelenggara": "BKKBN",
                       "kode": "17", "mulai": "2024-06-04", "selesai": "2024-06-05", "tempat": "Hotel X"})
    m = report_metadata(ev, fig, bengkulu, "Demo", "c" * 64)
    assert (m["judul"], m["subjudul"], m["as_of"]) == \
        ("Fasilitasi", "Provinsi Bengkulu · 4–5 Juni 2024 · Hotel X", date(2024, 6, 4).isoformat())
    ev2 = ev.model_copy(update={"as_of": date(2024, 6, 30)})
    assert report_metadata(ev2, fig, bengkulu, "Demo", "c")["subjudul"].endswith("· per 30 Juni 2024")


# --- display helpers ---------------------------------------------------------------------------------------


def test_table_html_formats_escapes_and_keeps_short_tables_together():
    import pandas as pd

    from kbreport.elements.display import KEEP_TABLE_ROWS, table_html

    df = pd.DataFrame({"Wilayah": ["Kab. <A>", "Jumlah"], "Kampung KB": [1322, 12345], "Cakupan": [87.376, None]})
    html = table_html(df, "Cakupan & target", percent_cols=["Cakupan"], highlight_last=True)
    assert "<figcaption>Cakupan &amp; target</figcaption>" in html
    assert "<td>Kab. &lt;A&gt;</td>" in html
    assert '<td class="num">1.322</td>' in html and '<td class="num">12.345</td>' in html
    assert '<td class="num">87,4%</td>' in html and '<td class="num">–</td>' in html
    assert '<th scope="col" class="num">Kampung KB</th>' in html and '<th scope="col">Wilayah</th>' in html
    assert '<tr class="kb-total">' in html and 'class="kb-table kb-keep"' in html
    en = table_html(df, lang="en", percent_cols=["Cakupan"])
    assert '<td class="num">1,322</td>' in en and '<td class="num">87.4%</td>' in en
    long = table_html(pd.DataFrame({"n": range(KEEP_TABLE_ROWS + 1)}))
    assert 'class="kb-table kb-long"' in long


def test_cards_points_facts_notice():
    from kbreport.elements.display import cards_html, facts_html, heading_html, notice_html, points_html, text_html

    html = cards_html([{"label": "Kampung KB", "value": 1322, "status": "ok"},
                       {"label": "Cakupan", "value": 87.37, "percent": True, "sub": "target <100%>"},
                       {"label": "Catatan", "value": "teks <b>"}])
    assert '<div class="kb-card kb-ok"><dt class="kb-card-label">Kampung KB</dt>' in html
    assert '<dd class="kb-card-value">1.322</dd>' in html and '<dd class="kb-card-value">87,4%</dd>' in html
    # label and value read together: one <dl>, each card a label (dt) followed by its value (dd)
    import re
    assert html.startswith('<dl class="kb-cards">') and html.endswith("</dl>")
    pairs = re.findall(r'<div class="kb-card kb-\w+"><dt class="kb-card-label">([^<]*)</dt>'
                       r'<dd class="kb-card-value">([^<]*)</dd>', html)
    assert pairs == [("Kampung KB", "1.322"), ("Cakupan", "87,4%"), ("Catatan", "teks &lt;b&gt;")]
    assert "target &lt;100%&gt;" in html and "teks &lt;b&gt;" in html
    with pytest.raises(ValueError):
        cards_html([{"label": "x", "value": 1, "status": "hijau"}])
    assert points_html(["", "  ", None]) == ""
    assert points_html(["a < b", ""], "Pokok") == '<section class="kb-points"><h3>Pokok</h3><ul><li>a &lt; b</li></ul></section>'
    facts = facts_html([("Waktu", "4–5 Juni 2024"), ("Tempat", None), ("Peserta", ["SIGA: 10", "IPeKB: 10"]),
                        ("Jumlah", 144)])
    assert facts == ('<dl class="kb-facts"><dt>Waktu</dt><dd>4–5 Juni 2024</dd><dt>Peserta</dt><dd>SIGA: 10<br>'
                     'IPeKB: 10</dd><dt>Jumlah</dt><dd>144</dd></dl>')
    assert heading_html("A & B", 1) == '<h2 class="kb-heading">A &amp; B</h2>'  # h1 is the document title
    assert notice_html("x", "warn") == '<div class="kb-notice kb-warn">x</div>'
    assert text_html(["p1", ""]) == '<div class="kb-text"><p>p1</p></div>'


def test_figure_html_svg_and_sharp_png():
    import base64
    import struct

    from matplotlib.figure import Figure

    from kbreport.elements.display import figure_html

    fig = Figure(figsize=(7, 3))
    ax = fig.add_subplot()
    ax.bar(["a", "b"], [1, 2])
    ax.set_title("Judul <grafik>")
    svg = figure_html(fig, "Keterangan", fmt="svg")
    assert svg.startswith('<figure class="kb-figure"><figcaption>Keterangan</figcaption><img src="data:image/svg+xml;base64,')
    assert 'alt="Keterangan"' in svg and 'style="max-width:672px;--kb-w:672px"' in svg  # 7 in × 96 px
    assert figure_html(fig, "Keterangan", fmt="svg") == svg  # same figure, same bytes (stable SVG ids, no date)
    assert figure_html(fig).startswith('<figure class="kb-figure"><img src="data:image/png;base64,')  # PNG default
    png = figure_html(fig, fmt="png", dpi=72)  # asked for less: still at least 200 dpi
    assert 'alt="Judul &lt;grafik&gt;"' in png  # alt text falls back to the chart title, escaped
    data = base64.b64decode(png.split("base64,")[1].split('"')[0])
    width = struct.unpack(">I", data[16:20])[0]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and width >= 5 * 200  # ~6 in after tight crop, at ≥ 200 dpi (72 dpi gives ~430 px)


def test_png_is_opaque_rgb_at_the_figure_size_on_both_paths():
    import io

    from matplotlib.figure import Figure
    from PIL import Image

    from kbreport.charts import style
    from kbreport.elements.display import _png

    laid_out = style.new_figure(2.0)  # constrained layout: drawn once, straight from the Agg buffer
    laid_out.add_subplot().plot([0, 1], [0, 1])
    laid_out.patch.set_facecolor((1.0, 0.0, 0.0, 0.0))  # see-through red: must come out white paper, not red
    im = Image.open(io.BytesIO(_png(laid_out, 200)))
    assert im.mode == "RGB" and im.size == (1340, 400)  # 6.7 in × 2 in at 200 dpi, nothing cropped
    assert im.getpixel((2, 2)) == (255, 255, 255)
    assert laid_out.dpi == 100  # the figure is left as it was

    plain = Figure(figsize=(4, 3))  # no layout engine: cropped to its content ("tight")
    plain.add_subplot().plot([0, 1], [0, 1])
    im = Image.open(io.BytesIO(_png(plain, 200)))
    assert im.mode == "RGB" and im.size[0] < 800 and im.size[1] < 600


def test_shipped_fonts_are_the_subset_the_build_would_make():
    import io

    from fontTools.ttLib import TTFont

    from kbreport.build.render import _FONT_FACES, _FONT_RANGES, FONT_DIR, subset_font

    want = {u for lo, hi in _FONT_RANGES for u in range(lo, hi + 1)}
    for filename, _w, _s in _FONT_FACES:
        shipped = set(TTFont(io.BytesIO((FONT_DIR / filename).read_bytes())).getBestCmap())
        assert shipped == set(TTFont(io.BytesIO(subset_font(filename))).getBestCmap()), filename
        assert shipped <= want and {ord("é"), ord("–"), ord("≥"), ord("1")} <= shipped
    assert "Bitstream" in (FONT_DIR / "LICENSE_DEJAVU").read_text()


def test_chart_png_goes_into_the_pdf_as_it_is():
    """The PDF carries the chart PNG's own compressed pixels (no second encoding), and they decode
    to the same picture; an RGBA image still takes WeasyPrint's own way."""
    import base64
    import io
    import struct
    import zlib

    from PIL import Image

    from kbreport.charts import style
    from kbreport.elements.display import _png
    from kbreport.build.render import _png_idat, render_pdf

    fig = style.new_figure(1.5)
    fig.add_subplot().bar(["a", "b"], [1, 2])
    png = _png(fig, 200)
    idat = _png_idat(png)
    assert idat is not None
    src = Image.open(io.BytesIO(png))
    w, h = src.size

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rebuilt = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
               + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    assert Image.open(io.BytesIO(rebuilt)).tobytes() == src.tobytes()

    html = f'<html><body><img src="data:image/png;base64,{base64.b64encode(png).decode()}"></body></html>'
    pdf = render_pdf(html)
    assert idat in pdf  # stored as it was, not encoded again

    cut = png[: len(png) // 2]  # cut off: WeasyPrint's own way (which then refuses it), never half an image
    assert _png_idat(cut) is None
    flipped = bytearray(png)
    flipped[png.index(b"IDAT") + 20] ^= 0xFF  # one byte of pixel data changed: its CRC no longer matches
    assert _png_idat(bytes(flipped)) is None
    assert _png_idat(png.replace(b"IEND", b"IENX")) is None

    rgba = io.BytesIO()
    Image.new("RGBA", (40, 30), (10, 20, 30, 128)).save(rgba, format="png")
    assert _png_idat(rgba.getvalue()) is None  # alpha: WeasyPrint splits it off itself
    html = f'<html><body><img src="data:image/png;base64,{base64.b64encode(rgba.getvalue()).decode()}"></body></html>'
    assert render_pdf(html)[:5] == b"%PDF-"


def test_synthetic_data_cannot_lose_its_label(tmp_path, data_dir):
    nb = nbformat.read(NOTEBOOKS / "wilayah_briefing.ipynb", as_version=4)
    last = nb.cells[-1]
    assert "synthetic=True" in last.source
    last.source = last.source.replace("synthetic=True", "synthetic=False")
    d = tmp_path / "nbs"
    d.mkdir()
    nbformat.write(nb, d / "wilayah_briefing.ipynb")
    p = write_params(tmp_path, "x.yaml", 'laporan: wilayah\nkode: "17"\nas_of: 2024-06-04\n')
    r = build_report(p, tmp_path / "out", data_dir=data_dir, notebooks=d, formats=("html",), timeout=120)
    assert r.status == "failed"
    assert r.reason == "figures.json: data_contoh false, padahal sumber.json menyatakan data sintetis"
    assert not (tmp_path / "out" / "x").exists()


# --- the HTML on a desktop and on a phone -------------------------------------------------------------

PHONE_PX, DESKTOP_PX, MIN_CHART_TEXT_PX = 390, 1200, 9.0


def _screen_css() -> str:
    from kbreport.build.render import template_basedir

    return (template_basedir() / "kbreport" / "static" / "screen.css").read_text(encoding="utf-8")


def test_charts_on_a_phone_keep_text_of_at_least_9_px():
    import kbreport.charts
    from kbreport.charts import style
    from kbreport.elements.display import figure_html

    css = _screen_css()
    block = re.search(r"@media screen and \(max-width: ([\d.]+)rem\) \{(.*?)\n\}", css, re.S)
    factor = float(re.search(r"\.kb-figure img \{ min-width: calc\(var\(--kb-w, [\d.]+rem\) \* ([\d.]+)\); \}",
                             block.group(2)).group(1))
    assert re.search(r"\.kb-figure \{ overflow-x: auto;", block.group(2))  # it scrolls in its figure, not the page
    # the smallest text any chart draws, in points: literal font sizes, size constants, the bar-row sizes
    src = "\n".join(p.read_text(encoding="utf-8") for p in Path(kbreport.charts.__file__).parent.glob("*.py"))
    sizes = [float(x) for x in re.findall(r"fontsize=(\d+(?:\.\d+)?)", src)]
    sizes += [float(x) for x in re.findall(r"^_?\w*SIZE\s*=\s*(\d+(?:\.\d+)?)", src, re.M)]
    sizes += [style.SIZE, style.SMALL] + [style.row_height(n)[1] for n in (5, 20, 40)]
    smallest = min(sizes)
    assert 5 < smallest < 8  # the search found the charts' sizes
    assert smallest * 96 / 72 * factor >= MIN_CHART_TEXT_PX, (smallest, factor)
    # a chart's natural width (its inches at 96 px) reaches the stylesheet
    import matplotlib.figure

    fig = matplotlib.figure.Figure(figsize=(6.7, 2))
    fig.add_subplot().plot([0, 1])
    assert 'style="max-width:643px;--kb-w:643px"' in figure_html(fig, "x")
    # the phone rule is screen-only and starts below the natural width of a chart plus the page margins
    assert float(block.group(1)) * 16 >= 643 + 2 * 16


def _measure(html_path: Path, width: int) -> dict:
    """Lay the page out in headless chromium at `width` CSS px (in an iframe: it will not open a window under
    500 px) and return the document's width, each table's width against its box, each image's width."""
    frame = html_path.parent / f"measure-{width}.html"
    frame.write_text(
        f'<html><body style="margin:0"><iframe id="f" src="{html_path.name}" style="width:{width}px;height:1200px;'
        'border:0"></iframe><script>document.getElementById("f").onload=function(){var d=this.contentDocument;'
        'var r={doc:d.documentElement.scrollWidth,view:this.contentWindow.innerWidth,tables:[],imgs:[]};'
        'd.querySelectorAll(".kb-scroll").forEach(function(s){r.tables.push([s.querySelector("table").scrollWidth,'
        's.clientWidth])});d.querySelectorAll(".kb-figure img").forEach(function(i){r.imgs.push([i.width,'
        'parseFloat(i.style.getPropertyValue("--kb-w"))])});'
        'document.body.setAttribute("data-m",JSON.stringify(r))}</script></body></html>', encoding="utf-8")
    out = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--allow-file-access-from-files", f"--window-size={max(width + 20, 600)},1300",
         "--virtual-time-budget=4000", "--dump-dom", frame.as_uri()], capture_output=True, text=True, timeout=90).stdout
    frame.unlink()
    return json.loads(unescape(re.search(r'data-m="([^"]*)"', out).group(1)))


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_briefing_tables_fit_their_column_and_charts_stay_readable_on_a_phone(built):
    path = built["out"] / "17-bengkulu" / "briefing.html"
    desk = _measure(path, DESKTOP_PX)
    assert desk["view"] == DESKTOP_PX and desk["doc"] <= DESKTOP_PX and desk["tables"]
    assert all(table <= box for table, box in desk["tables"]), desk["tables"]  # no table behind a scrollbar
    assert desk["imgs"] and all(w <= natural for w, natural in desk["imgs"])  # never enlarged past its size
    phone = _measure(path, PHONE_PX)
    assert phone["view"] == PHONE_PX and phone["doc"] <= PHONE_PX  # the page never scrolls sideways
    factor = float(re.search(r"--kb-w, [\d.]+rem\) \* ([\d.]+)", _screen_css()).group(1))
    assert all(w >= natural * factor - 1 for w, natural in phone["imgs"]), phone["imgs"]


# --- the running header fits its line, words and date whole (issue 13) --------------------------------------


def test_running_head_shortens_the_title_then_the_region_at_word_boundaries():
    from kbreport.build.running_head import SAFETY, running_head

    chars = len  # a measure of one point per character: the limits below are counted by hand
    assert running_head("Kampung KB di Bengkulu", "", "per 4 Juni 2024", width_pt=100, measure=chars) == \
        "Kampung KB di Bengkulu · per 4 Juni 2024"  # 40 characters: fits
    # "Rapat Koordinasi Daerah Tahun 2017 · Provinsi Sumatera Selatan · per 7 Maret 2017" has 82 characters;
    # in 70 / SAFETY the title loses "Tahun 2017" ("Rapat Koordinasi Daerah… · …" is 71 > 70, "Rapat Koordinasi…" 61)
    head = running_head("Rapat Koordinasi Daerah Tahun 2017", "Provinsi Sumatera Selatan", "per 7 Maret 2017",
                        width_pt=70 / SAFETY, measure=chars)
    assert head == "Rapat Koordinasi… · Provinsi Sumatera Selatan · per 7 Maret 2017"
    # too narrow for any title word but the first: then the region goes word by word; the date never
    head = running_head("Rapat Koordinasi Daerah", "Provinsi Sumatera Selatan", "per 7 Maret 2017",
                        width_pt=40 / SAFETY, measure=chars)
    assert head == "Rapat… · Provinsi… · per 7 Maret 2017"
    assert running_head("A", "Provinsi Sumatera Selatan", "per 7 Maret 2017", width_pt=5, measure=chars) \
        .endswith(" · per 7 Maret 2017")
    # punctuation before the cut is dropped, a region named in the title is not repeated
    assert running_head("Fasilitasi: Rumah DataKu di Bengkulu", "Bengkulu", "per 4 Juni 2024",
                        width_pt=30 / SAFETY, measure=chars) == "Fasilitasi… · per 4 Juni 2024"  # 29 characters


def test_running_heads_of_the_shipped_events_fit_the_header_box():
    from kbreport.build.running_head import HEAD_WIDTH_PT, text_width_pt

    # measured in the embedded face: 7.5 pt DejaVu Sans, the header box 0.76 × 182 mm = 392 pt
    assert HEAD_WIDTH_PT == pytest.approx(392.09, abs=0.01)
    assert 150 < text_width_pt("Kampung KB di Provinsi Sumatera Barat · per 30 Juni 2024") < 250
    for judul, wilayah, when in [
            ("Rapat Koordinasi Daerah (Rakorda) Program KKBPK Tahun 2017", "Provinsi Sumatera Selatan", "7 Maret 2017"),
            ("Workshop Pengelolaan Kampung Keluarga Berkualitas dalam rangka Pemberdayaan Kelompok Masyarakat di "
             "Kampung KB", "Provinsi Sumatera Selatan", "24 Agustus 2022")]:
        head = page_context({"judul": judul, "wilayah": wilayah, "as_of_teks": when})["running_head"]
        assert head.endswith(f" · {wilayah} · per {when}"), head  # the date whole ("per 7 M…" before)
        assert text_width_pt(head) <= HEAD_WIDTH_PT
        kept = head.split(" · ")[0].rstrip("…")
        assert judul.startswith(kept) and judul[len(kept)] in " ", head  # cut between words


def test_the_same_html_gives_the_same_pdf_a_day_later(monkeypatch):
    # fontTools stamps font subsets with the current time unless SOURCE_DATE_EPOCH is set (render_pdf sets it)
    import time as _time

    from fontTools.misc import timeTools

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    html = "<html lang='id'><body><h1>Bengkulu</h1><p>1.322 dari 1.513 desa/kelurahan; 87,4%</p></body></html>"
    now = _time.time()
    monkeypatch.setattr(timeTools.time, "time", lambda: now)
    first = render_pdf(html)
    monkeypatch.setattr(timeTools.time, "time", lambda: now + 86400)
    assert render_pdf(html) == first
