"""The two briefing notebooks: a parameters cell papermill can read, defaults that run — and, executed
through kbreport.build.report.build_report on the demo data, briefings whose figures, HTML and PDF hold up, also
from notebooks saved with their outputs.

The slow tests build twelve reports once (module fixture, one after the other: papermill changes the working
directory, so builds do not share a process in parallel): Indonesia, Sumatera Barat, Lampung and Kalimantan Barat (the page budget), Bengkulu on the day of the Rumah DataKu
facilitation (2024-06-04, in Indonesian and in English), Kab. Lampung Barat, and the five events of
params/events. They also run each notebook as it is, with its defaults, in a copy of the project, as Run
All in JupyterLab does. Expected figures are the demo data's calibration anchors (docs/demo-data.md) or
sums of the params files, written out here.
"""
from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest

from kbreport.build.pdf_check import pdf_objects
from kbreport.errors import ParamsError
from kbreport.build.notebooks import notebook_info
from kbreport.build.params import load_params, parse_params, to_notebook_parameters
from kbreport.build.params import read_params_file as load_yaml
from kbreport.build.report import build_report
from kbreport.build.warm_kernel import WarmKernel

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
PARAMS = ROOT / "params"
A4_PT = (595.28, 841.89)
SHIPPED = ("event_briefing.ipynb", "monev_kampung_kb.ipynb", "wilayah_briefing.ipynb")
BRIEFINGS = ("event_briefing.ipynb", "wilayah_briefing.ipynb")
RUNTIME = {"data_dir", "out_dir", "annex"}  # what kbreport run sets; every report notebook declares them


# --- fast: the notebooks' contract ------------------------------------------------------------------------
# The notebooks are the source analysts edit in JupyterLab: these tests hold only what kbreport run and
# papermill rely on, never the cells' layout, so a notebook run, edited and saved keeps passing.

ANNOTATIONS = {"str", "int", "float", "bool", "list", "dict"}
PARAMETER_LINE = re.compile(r'^(?P<name>[a-z_]+): (?P<annotation>\w+|"Optional\[\w+\]") = (?P<default>.+?)  # (?P<help>\S.*)$')


def parameter_lines(name) -> list[re.Match]:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"{name}: exactly one cell tagged parameters"
    lines = [x for x in cells[0].source.splitlines() if x.strip()]
    matches = [PARAMETER_LINE.match(x) for x in lines]
    assert all(matches), f"{name}: not `name: annotation = default  # help`: {[x for x, m in zip(lines, matches) if not m]}"
    return matches


@pytest.mark.parametrize("name", SHIPPED)
def test_parameters_cell_one_annotated_line_with_help_per_parameter(name):
    lines = parameter_lines(name)
    assert [m["name"] for m in lines] == list(dict.fromkeys(m["name"] for m in lines))  # each name once
    assert RUNTIME <= set(m["name"] for m in lines)
    for m in lines:
        ann = m["annotation"].strip('"')
        assert ann in ANNOTATIONS or (ann.startswith("Optional[") and ann[9:-1] in ANNOTATIONS), m.group(0)
        value = ast.literal_eval(m["default"])  # a literal papermill can print and override
        assert value is None or ann.startswith("Optional") or type(value).__name__ == ann, m.group(0)
        assert len(m["help"]) >= 10 and "#" not in m["help"], m.group(0)
    # papermill reads the same cell the same way (kbreport run refuses names it does not declare)
    declared = papermill.inspect_notebook(str(NOTEBOOKS / name))
    assert list(declared) == [m["name"] for m in lines]
    for m in lines:
        p = declared[m["name"]]
        assert p["inferred_type_name"] == m["annotation"].strip('"') and p["help"] == m["help"], p
        assert p["default"] == m["default"], p


def defaults(name) -> dict:
    return {m["name"]: ast.literal_eval(m["default"]) for m in parameter_lines(name)}


def test_defaults_are_neutral_for_the_notebooks_kind():
    """`papermill -p kode 16 notebooks/event_briefing.ipynb` briefs a Sumatera Selatan event: no default
    carries another event's content (its title and organiser are derived: kbreport.build.briefing)."""
    ev = defaults("event_briefing.ipynb")
    for key in ("peserta", "pihak", "tujuan", "target", "tindak_lanjut", "narasumber", "agenda", "kunjungan_lapangan",
                "catatan", "sumber"):
        assert ev[key] == [], key
    for key in ("selesai", "tempat", "peserta_total", "penyelenggara", "judul", "as_of"):
        assert ev[key] is None, key
    for name in SHIPPED:
        d = defaults(name)
        # None: the coverage target in force on as_of (Inpres 3/2022's 100 % by 2024, from 20 May 2022)
        assert d["target_tanggal"] is None and d["target_persen"] is None
        assert d.get("rdk_target_persen") is None  # the default in force on as_of (75 % from 2023)
        assert (d["data_dir"], d["out_dir"], d["annex"], d["bahasa"]) == (None, None, True, "id")
    assert defaults("wilayah_briefing.ipynb")["catatan"] == [] == defaults("wilayah_briefing.ipynb")["sumber"]


def test_help_notebook_lists_every_parameter():
    out = subprocess.run([sys.executable, "-m", "papermill", "--help-notebook",
                          str(NOTEBOOKS / "event_briefing.ipynb")], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0
    for name in papermill.inspect_notebook(str(NOTEBOOKS / "event_briefing.ipynb")):
        assert re.search(rf"^\s+{name}: ", out.stdout, re.M), name
    assert "kunjungan lapangan: nama, kode_desa, tanggal, keterangan" in out.stdout


def test_every_params_file_fits_its_notebook_and_unknown_names_are_refused(tmp_path):
    from kbreport.batch.plan import expand_params

    files = sorted(PARAMS.rglob("*.yaml"))
    assert len(files) >= 40  # Indonesia, 38 provinces, Lampung Barat, the events, the monev fan-out
    for f in files:
        spec = expand_params(f)[0]  # a fan-out: its first member
        p = parse_params(dict(load_yaml(f), **({"kode": spec.kode} if spec.kode else {})), str(f), params_path=f)
        declared = notebook_info(NOTEBOOKS / f"{p.notebook}.ipynb").parameters
        assert set(to_notebook_parameters(p, tmp_path, tmp_path)) <= set(declared)
    with pytest.raises(ParamsError, match="kunci tidak dikenal"):
        parse_params({"laporan": "wilayah", "kode": "17", "as_of": "2024-06-04", "judull": "x"})
    with pytest.raises(ParamsError, match="kunci tidak dikenal"):  # an event parameter is unknown to the region notebook
        parse_params({"laporan": "wilayah", "kode": "17", "as_of": "2024-06-04", "jenis": "mou"})


# --- slow: twelve builds ----------------------------------------------------------------------------------

REPORTS = {
    "00-indonesia": PARAMS / "wilayah" / "00-indonesia.yaml",
    # the page budget's hardest provinces: the most kab/kota below the compact threshold (19), 15 and 14
    # (scripts/check_page_budgets.py builds every province)
    "13-sumatera-barat": PARAMS / "wilayah" / "13-sumatera-barat.yaml",
    "18-lampung": PARAMS / "wilayah" / "18-lampung.yaml",
    "61-kalimantan-barat": PARAMS / "wilayah" / "61-kalimantan-barat.yaml",
    "1804-kab-lampung-barat": PARAMS / "wilayah" / "1804-kab-lampung-barat.yaml",
    **{p.stem: p for p in sorted((PARAMS / "events").glob("*.yaml"))},
}
PAGES = {"wilayah": (2, 4), "event": (2, 3)}
# Over budget, known and reported: {report: pages}. Empty since Sumatera Barat fits 4 pages again (tables
# set closer, the classification chart's frame lower); a name here is asserted at exactly that count.
KNOWN_OVER: dict[str, int] = {}
# The page budgets hold for the cells as shipped. An analyst who adds a chart may well add a page: the
# budget is then not asserted (a warning says so), so an edited, committed notebook still passes.
LAYOUTS = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "notebook_layouts.json").read_text(encoding="utf-8"))


def layout_fingerprint(name: str) -> str:
    """sha256 of the notebook's code cells (sources only; outputs, ids and metadata do not count)."""
    import hashlib

    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    code = [c.source.strip() for c in nb.cells if c.cell_type == "code"]
    return hashlib.sha256("\n\0".join(code).encode("utf-8")).hexdigest()


def test_layout_fingerprints_cover_the_shipped_briefings():
    assert set(LAYOUTS) == set(BRIEFINGS)




def page_texts(html: str) -> list[str]:
    """The text of each laid-out page, margin boxes included (WeasyPrint's layout of the same HTML)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    doc = HTML(string=html).render()
    return [" ".join(b.text for b in p._page_box.descendants() if isinstance(b, boxes.TextBox)) for p in doc.pages]


@pytest.fixture(scope="module")
def built(tmp_path_factory, demo_data):
    root = tmp_path_factory.mktemp("briefings")
    data = demo_data
    extra = root / "params"
    extra.mkdir()
    bengkulu = (PARAMS / "wilayah" / "17-bengkulu.yaml").read_text(encoding="utf-8")
    assert "as_of: 2024-06-30" in bengkulu
    (extra / "17-bengkulu-2024-06-04.yaml").write_text(bengkulu.replace("as_of: 2024-06-30", "as_of: 2024-06-04"),
                                                       encoding="utf-8")
    (extra / "17-bengkulu-en.yaml").write_text(
        bengkulu.replace("as_of: 2024-06-30", "as_of: 2024-06-04").replace("bahasa: id", "bahasa: en"),
        encoding="utf-8")
    reports = {**REPORTS, "17-bengkulu-2024-06-04": extra / "17-bengkulu-2024-06-04.yaml",
               "17-bengkulu-en": extra / "17-bengkulu-en.yaml"}
    out = root / "out"
    results = {}
    # one warm kernel for all of them, as a batch worker has (test_warm_build_equals_a_cold_one checks it changes nothing)
    with WarmKernel(data_dir=data, cwd=root) as kernel:
        builds = {name: build_report(path, out, data_dir=data, timeout=300, kernel=kernel)
                  for name, path in reports.items()}
    for name, r in builds.items():
        assert r.ok, f"{name}: {r.reason}"
        folder = Path(r.out_dir)
        results[name] = {
            "laporan": load_params(reports[name], regions=False).laporan,
            "folder": folder,
            "figures": json.loads((folder / "figures.json").read_text(encoding="utf-8")),
            "html": (folder / "briefing.html").read_text(encoding="utf-8"),
            "pdf": (folder / "briefing.pdf").read_bytes(),
            "seconds": r.seconds,
        }
    return results


@pytest.mark.slow
def test_warm_build_equals_a_cold_one(built, demo_data, tmp_path):
    """Bengkulu was built on a kernel that had already built Indonesia and others; on a new kernel of
    its own it comes out byte for byte the same."""
    warm = built["17-bengkulu-2024-06-04"]
    data = demo_data
    r = build_report(warm["folder"].parents[1] / "params" / "17-bengkulu-2024-06-04.yaml", tmp_path / "cold",
                     data_dir=data, timeout=300, formats=("html", "pdf"))
    assert r.ok, r.reason
    cold = Path(r.out_dir)
    assert sorted(p.name for p in cold.iterdir()) == ["briefing.html", "briefing.pdf", "figures.json"]  # no xlsx asked
    assert (cold / "figures.json").read_bytes() == (warm["folder"] / "figures.json").read_bytes()
    assert (cold / "briefing.html").read_text(encoding="utf-8") == warm["html"]


def fig(built, name):
    return built[name]["figures"]


@pytest.mark.slow
def test_every_build_writes_the_five_files(built):
    for name, r in built.items():
        files = sorted(p.name for p in r["folder"].iterdir())
        assert files == ["annex.xlsx", "briefing.html", "briefing.ipynb", "briefing.pdf", "figures.json"], name
        nb = nbformat.read(r["folder"] / "briefing.ipynb", as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        streams = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                   if o.output_type == "stream" and o.name == "stdout"]
        assert not errors and not streams, name  # nothing printed, nothing failed
    print("\nbuild seconds: " + ", ".join(f"{n} {r['seconds']:.1f}" for n, r in built.items()))


@pytest.mark.slow
def test_region_figures(built):
    f = fig(built, "17-bengkulu-2024-06-04")
    assert f["laporan"] == "wilayah" and f["wilayah"] == {"kode": "17", "nama": "Bengkulu", "tingkat": "provinsi"}
    assert (f["as_of"], f["kampung_kb"], f["desa_kelurahan"]) == ("2024-06-04", 1322, 1513)
    assert f["desa_kelurahan_tercakup"] <= 1322 and f["data_contoh"] is True
    assert f["cakupan_persen"] == round(100 * f["desa_kelurahan_tercakup"] / 1513, 1)
    assert fig(built, "17-bengkulu-en")["kampung_kb"] == 1322

    f = fig(built, "1804-kab-lampung-barat")
    assert f["wilayah"] == {"kode": "18.04", "nama": "Kab. Lampung Barat", "tingkat": "kabkota"}
    assert (f["as_of"], f["desa_kelurahan"], f["desa_kelurahan_tercakup"], f["kampung_kb"], f["cakupan_persen"]) == \
        ("2024-05-12", 136, 136, 136, 100.0)

    f = fig(built, "00-indonesia")
    assert f["wilayah"] == {"kode": None, "nama": "Indonesia", "tingkat": "nasional"} and f["as_of"] == "2024-06-30"
    assert f["kampung_kb"] > 16_793  # the August 2022 anchor, and launches went on after it
    assert 80_000 < f["desa_kelurahan"] < 84_000 and f["rumah_dataku"] < f["kampung_kb"]


@pytest.mark.slow
def test_event_figures(built):
    expected = {  # kode, as_of (= first day), kampung_kb (anchor) or None, peserta (sum of the params file)
        "2017-03-07-rakorda-sumsel": ("16", "2017-03-07", None, None),  # eselon III not counted in the report
        "2022-08-24-workshop-sumsel": ("16", "2022-08-24", 497, 144),
        "2023-04-03-mou-kalsel-bps": ("63", "2023-04-03", 456, None),
        "2024-03-12-rakor-pokja-ogan-ilir": ("16.10", "2024-03-12", None, 16 + 32 + 40),
        "2024-06-04-fasilitasi-rumah-dataku-bengkulu": ("17", "2024-06-04", 1322, 10 + 10 + 10),
    }
    for name, (kode, as_of, kkb, peserta) in expected.items():
        f = fig(built, name)
        assert f["laporan"] == "event" and f["wilayah"]["kode"] == kode and f["as_of"] == as_of, name
        assert f["event"]["mulai"] == as_of and f["event"]["peserta"] == peserta, name
        if kkb is not None:
            assert f["kampung_kb"] == kkb, name
    assert fig(built, "2023-04-03-mou-kalsel-bps")["rumah_dataku"] == 236
    assert fig(built, "2024-06-04-fasilitasi-rumah-dataku-bengkulu")["desa_kelurahan"] == 1513
    assert fig(built, "2024-06-04-fasilitasi-rumah-dataku-bengkulu")["event"]["selesai"] == "2024-06-05"
    assert {fig(built, n)["event"]["jenis"] for n in expected} == {"rakorda", "workshop", "mou", "fasilitasi"}


@pytest.mark.slow
def test_html_is_self_contained_without_code(built):
    for name, r in built.items():
        html = r["html"]
        assert "<script" not in html.lower(), name
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I), name
        assert not re.search(r"url\(\s*[\"']?\s*(?:https?:)?//", html, re.I), name
        assert "In&nbsp;[" not in html and "In [" not in html and "Out[" not in html, name
        for code in ("kb.", "region_report", "event_report", "write_outputs", "import ", "remove-cell", "Run All",
                     "kb-lab", "Tidak dicetak"):  # no code, no JupyterLab-only styles or notes
            assert code not in html, f"{name}: {code!r} leaked into the document"
        assert "kb-notice kb-bad" not in html and "Traceback" not in html, name
        imgs = re.findall(r"<img\b[^>]*>", html)  # charts: embedded PNG, never a file or URL
        assert len(imgs) >= (0 if "mou" in name else 1) and all('src="data:image/png;base64,' in i for i in imgs), name
        lang = "en" if name.endswith("-en") else "id"
        assert ("Sample data (synthetic)" if lang == "en" else "Data contoh (sintetis)") in html, name


@pytest.mark.slow
def test_html_words_by_report(built):
    h = built["00-indonesia"]["html"]
    for words in ("Angka utama terhadap target", "Pokok pembicaraan", "Cakupan per provinsi",
                  "Cakupan per provinsi", "Rumah DataKu dan kesiapan kelembagaan",
                  "Hasil program KB di Kampung KB", "Klasifikasi Kampung KB", "Lampiran: angka per provinsi"):
        assert words in h
    h = built["17-bengkulu-2024-06-04"]["html"]
    assert "1.322" in h and "1.513" in h and "Cakupan per kabupaten/kota" in h
    h = built["1804-kab-lampung-barat"]["html"]
    assert "Cakupan per kecamatan" in h and "B/100/KPTS/III.06/2024" in h and "136 dari 136 pekon/kelurahan" in h and "desa/kelurahan" not in h
    assert "100%" in h
    h = built["2023-04-03-mou-kalsel-bps"]["html"]
    assert "Para pihak dan Desa Cantik" in h and "Pihak pertama" in h and "Martin Wibisono" in h
    assert "Posisi kabupaten/kota" not in h and "Kesenjangan Rumah DataKu" not in h  # other types' sections
    h = built["2022-08-24-workshop-sumsel"]["html"]
    assert "Posisi kabupaten/kota sebagai bahan workshop" in h and "Pokok pembicaraan untuk agenda" in h
    assert "Kampung KB Seroja, Desa Sembadak, Kecamatan Pemulutan, Kab. Ogan Ilir" in h and "144 orang" in h
    h = built["2017-03-07-rakorda-sumsel"]["html"]
    assert "Posisi kabupaten/kota sebagai bahan rapat koordinasi" in h and "Hotel Aston Palembang" in h
    # no composition chart without counts per group, and no analyst's note about it (issue 13)
    assert 'alt="Komposisi peserta"' not in h and "tidak merinci jumlah peserta" not in h
    assert "sedikitnya 17 orang dari 2 unsur" in h and "tidak disebutkan dalam berita" not in h
    h = built["2024-06-04-fasilitasi-rumah-dataku-bengkulu"]["html"]
    assert "Kesenjangan Rumah DataKu per kabupaten/kota" in h and 'alt="Komposisi peserta"' in h
    assert "Tindak lanjut dan target" in h and "192" in h  # 1,514 target − 1,322 on the first day
    h = built["17-bengkulu-en"]["html"]
    for words in ("Headline figures against the target", "Talking points", "Coverage by kabupaten/kota",
                  '"Page "', "1,322", "Bengkulu Province"):
        assert words in h
    for words in ("Pokok pembicaraan", "Cakupan per", '"Halaman "', "Lampiran", ">Data contoh (sintetis)<", "1.322", "dari 1.513"):
        assert words not in h


@pytest.mark.slow
def test_pdf_a4_pages_and_fonts(built):
    for name, r in built.items():
        pdf = r["pdf"]
        assert pdf.startswith(b"%PDF-"), name
        objs = pdf_objects(pdf)
        boxes = [tuple(float(x) for x in m.split()) for m in re.findall(rb"/MediaBox\s*\[\s*([^\]]+)\]", objs)]
        assert boxes and all(abs(b[2] - b[0] - A4_PT[0]) <= 1 and abs(b[3] - b[1] - A4_PT[1]) <= 1
                             for b in boxes), name
        lo, hi = PAGES[r["laporan"]]
        nb = f"{r['laporan']}_briefing.ipynb"
        if layout_fingerprint(nb) == LAYOUTS[nb]:
            if name in KNOWN_OVER:
                assert len(boxes) == KNOWN_OVER[name], f"{name}: {len(boxes)} pages; update KNOWN_OVER"
            else:
                assert lo <= len(boxes) <= hi, f"{name}: {len(boxes)} pages"
        else:
            import warnings

            warnings.warn(f"{nb} edited since its page budget was set: {name} has {len(boxes)} pages "
                          f"(budget {hi}); update tests/fixtures/notebook_layouts.json once it fits again")
        assert b"/FontFile2" in objs and b"KB-Sans" in objs, name  # the template's DejaVu Sans, embedded
        # tagged ("Tagged: yes" in pdfinfo): a structure tree with headings and each chart's alt text
        assert re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", objs) and b"/StructTreeRoot" in objs, name
        assert b"/S /H1" in objs and (b"/S /Figure" in objs) == (b"/Alt" in objs), name


@pytest.mark.slow
def test_pdf_pages_carry_the_label_and_indonesian_text(built):
    for name in ("00-indonesia", "2023-04-03-mou-kalsel-bps"):
        texts = page_texts(built[name]["html"])
        n = len(texts)
        assert n == len(re.findall(rb"/MediaBox", pdf_objects(built[name]["pdf"])))
        for i, t in enumerate(texts, start=1):
            assert "Data contoh (sintetis)" in t, f"{name} page {i}"
            assert f"Halaman {i} dari {n}" in t and "Dibuat dengan kbreport" in t, f"{name} page {i}"
    texts = page_texts(built["00-indonesia"]["html"])
    assert "Pokok pembicaraan" in texts[0] and "Kampung KB di Indonesia" in texts[0]
    # as of 30 June 2024 the decree in force (6117/2022) ends at Papua Pegunungan (95); Papua Barat Daya is 2025's
    assert "Lampiran: angka per provinsi" in texts[-1] and "Papua Pegunungan" in texts[-1]
    assert "Papua Barat Daya" not in texts[-1]
    texts = page_texts(built["17-bengkulu-en"]["html"])
    assert all("Sample data (synthetic)" in t and "Page" in t for t in texts)


# --- slow: the notebooks as they are, with their defaults, and saved with outputs --------------------------


@pytest.fixture(scope="module")
def ran_with_defaults(built, demo_data, tmp_path_factory):
    """Each notebook executed with no parameter at all, in a copy of the project (Run All in JupyterLab:
    the kernel works in the notebook's folder; $KBREPORT_DATA points at the demo data)."""
    import os

    root = tmp_path_factory.mktemp("project")
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    (root / "notebooks").mkdir()
    for name in SHIPPED:
        shutil.copy(NOTEBOOKS / name, root / "notebooks" / name)
    data = demo_data
    old = os.environ.get("KBREPORT_DATA")
    os.environ["KBREPORT_DATA"] = str(data)  # the kernel inherits it
    try:
        executed = {name: papermill.execute_notebook(str(root / "notebooks" / name), str(root / f"ran-{name}"),
                                                     kernel_name="python3", cwd=str(root / "notebooks"),
                                                     progress_bar=False, log_output=False, execution_timeout=300)
                    for name in SHIPPED}
    finally:
        if old is None:
            os.environ.pop("KBREPORT_DATA", None)
        else:
            os.environ["KBREPORT_DATA"] = old
    return {"root": root, "executed": executed, "data": data}


@pytest.mark.slow
def test_each_notebook_runs_with_its_defaults_and_writes_nothing_beside_itself(ran_with_defaults):
    root = ran_with_defaults["root"]
    assert sorted(p.name for p in (root / "notebooks").iterdir()) == sorted(SHIPPED)
    for name, nb in ran_with_defaults["executed"].items():
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, name
        out = root / "outputs" / "lab" / Path(name).stem
        assert sorted(p.name for p in out.iterdir()) == ["annex.xlsx", "figures.json"], name
    f = json.loads((root / "outputs" / "lab" / "wilayah_briefing" / "figures.json").read_text(encoding="utf-8"))
    assert (f["wilayah"]["kode"], f["as_of"], f["kampung_kb"], f["judul"]) == ("17", "2024-06-04", 1322, None)
    f = json.loads((root / "outputs" / "lab" / "event_briefing" / "figures.json").read_text(encoding="utf-8"))
    assert f["event"] == {"jenis": "fasilitasi", "judul": "Fasilitasi teknis Kampung KB", "mulai": "2024-06-04",
                          "selesai": "2024-06-04", "peserta": None, "tempat": None,
                          "penyelenggara": "Perwakilan BKKBN Provinsi Bengkulu"}


@pytest.mark.slow
def test_notebooks_saved_with_outputs_pass_the_contract_and_build_the_same(ran_with_defaults, built, tmp_path):
    from kbreport.nbstrip import strip_text

    saved = tmp_path / "notebooks"
    saved.mkdir()
    for name, nb in ran_with_defaults["executed"].items():
        nbformat.write(nb, str(saved / name))  # as JupyterLab saves it: outputs, counts, kernel metadata
        text = (saved / name).read_text(encoding="utf-8")
        assert '"output_type": "display_data"' in text and "data-kb-lab" in text  # styled outputs kept
        assert strip_text(text) == (NOTEBOOKS / name).read_text(encoding="utf-8")  # git sees the source unchanged
        assert papermill.inspect_notebook(str(saved / name)) == papermill.inspect_notebook(str(NOTEBOOKS / name))
    data = ran_with_defaults["data"]
    for report in ("1804-kab-lampung-barat", "2023-04-03-mou-kalsel-bps"):
        r = build_report(REPORTS[report], tmp_path / "out", data_dir=data, notebooks=saved, timeout=300,
                         formats=("html", "pdf"))
        assert r.ok, r.reason
        folder = Path(r.out_dir)
        assert (folder / "figures.json").read_bytes() == (built[report]["folder"] / "figures.json").read_bytes()
        assert (folder / "briefing.html").read_text(encoding="utf-8") == built[report]["html"]  # old outputs never leak
