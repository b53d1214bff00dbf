"""Page elements as an analyst edits them in a cell, how they show in JupyterLab, and how the export
takes the JupyterLab stylesheet off again (kbreport.elements, kbreport.elements.style)."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from kbreport import elements as kb
from kbreport.elements.style import SCOPE, for_document, lab_css, lab_html, strip_lab_styling


@pytest.fixture(scope="module")
def R(demo_data):
    return kb.region_report(kode="17", as_of="2024-06-04", data_dir=str(demo_data))


def published(monkeypatch, element) -> list[dict]:
    """The display bundles a cell ending in `element` publishes."""
    out = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: out.append(obj))
    element._ipython_display_()
    return out


# --- editing in a cell -------------------------------------------------------------------------------


def test_talking_points_are_a_list_to_edit(R):
    poin = kb.talking_points(R)
    first = poin[0]
    poin.append("Pemkab menargetkan 20 Rumah DataKu baru.")
    html = poin.html()
    assert html.count("<li>") == len(poin) and "<li>Pemkab menargetkan 20 Rumah DataKu baru.</li>" in html
    assert html.index(first) < html.index("Pemkab")
    poin[:] = ["Satu.", "Dua."]
    assert poin.html() == '<section class="kb-points"><h3>Pokok pembicaraan</h3><ul><li>Satu.</li><li>Dua.</li></ul></section>'
    assert kb.Points(["a < b", " "]).html() == '<section class="kb-points"><ul><li>a &lt; b</li></ul></section>'


def test_cards_and_facts_are_lists(R):
    cards = kb.headline_cards(R)
    del cards[3]
    cards.append({"label": "Desa <baru>", "value": 12})
    html = cards.html()
    assert html.count('class="kb-card ') == 4 and "Rumah DataKu" not in html and "Desa &lt;baru&gt;" in html
    facts = kb.Facts([("Waktu", "4 Juni 2024")])
    facts.append(("Catatan", ["satu", "dua"]))
    assert facts.html() == '<dl class="kb-facts"><dt>Waktu</dt><dd>4 Juni 2024</dd><dt>Catatan</dt><dd>satu<br>dua</dd></dl>'


def test_caption_sort_and_filter(R):
    assert kb.trend_chart(R, caption="Tren <x>").html().startswith('<figure class="kb-figure"><figcaption>Tren &lt;x&gt;</figcaption>')
    assert "<figcaption>" not in kb.trend_chart(R, caption="").html()
    # a filtered table draws fewer bars
    c = R.tables["cakupan"]
    low = c[c["total"] | (c["cakupan_persen"] < 90)]
    assert 0 < (~low["total"]).sum() < 10
    bars = kb.coverage_chart(R, data=low).figure.axes[0].patches
    assert len(bars) == (~low["total"]).sum()
    # a sorted annex keeps each sub-unit's Rumah DataKu figures on its own row
    t = kb.annex_table(R, data=c.sort_values("nama")).data
    assert list(t["Kabupaten/kota"]) == sorted(c["nama"])
    rdk = R.tables["rumah_dataku"].set_index("nama")["ada"]
    assert all(t.set_index("Kabupaten/kota")["Rumah DataKu"] == rdk.reindex(t["Kabupaten/kota"]).to_numpy())
    # the total row sorts into the middle: it is no longer printed as the total
    mid = kb.annex_table(R, data=c.sort_values("nama"))
    assert mid.options["highlight_last"] is False


def test_every_text_is_escaped():
    assert kb.Text("<b>Catatan</b> & lain").html() == '<div class="kb-text"><p>&lt;b&gt;Catatan&lt;/b&gt; &amp; lain</p></div>'
    assert kb.Heading('<img src=x onerror="y">').html() == '<h2 class="kb-heading">&lt;img src=x onerror=&quot;y&quot;&gt;</h2>'
    assert kb.Notice("<script>", kind="warn").html() == '<div class="kb-notice kb-warn">&lt;script&gt;</div>'
    t = kb.Table(pd.DataFrame({"<th>": ["<td>"]}), "<cap>").html()
    assert "<script" not in t and "&lt;th&gt;" in t and "&lt;td&gt;" in t and "&lt;cap&gt;" in t
    block = kb.TitleBlock("<k>", "<t>", "<s>", "<synth>")._repr_html_()
    assert "&lt;t&gt;" in block and "&lt;synth&gt;" in block and "<t>" not in block and "<synth>" not in block


def test_a_pyplot_figure_is_shown_once():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 2))
    ax.plot([0, 1], [1, 2])
    chart = kb.Chart(fig, "Grafik sendiri")
    assert not plt.fignum_exists(fig.number)  # closed: the inline backend will not show it a second time
    assert chart.html().startswith('<figure class="kb-figure"><figcaption>Grafik sendiri</figcaption><img src="data:image/png')


# --- showing in JupyterLab ------------------------------------------------------------------------------


def test_an_element_publishes_one_styled_output(monkeypatch, R):
    (bundle,) = published(monkeypatch, kb.heading(R, "cakupan"))
    assert bundle["text/plain"] == "Cakupan per kabupaten/kota"
    html = bundle["text/html"]
    assert html.startswith("<style data-kb-lab>") and html.endswith('<div class="kb-lab"><h2 class="kb-heading">'
                                                                    'Cakupan per kabupaten/kota</h2></div>')
    assert f"{SCOPE} .kb-cards" in html  # the screen stylesheet's rules, scoped to the element


def test_nothing_to_print_shows_only_a_lab_note(monkeypatch, R):
    assert published(monkeypatch, kb.Omitted()) == []
    (bundle,) = published(monkeypatch, kb.tile_map_chart(R))
    assert 'class="kb-lab kb-lab-only"' in bundle["text/html"] and "peta petak" in bundle["text/html"]
    assert for_document(bundle["text/html"]) is None  # never in the document


def test_a_section_publishes_one_output_per_element(monkeypatch, R):
    s = kb.Section([kb.Heading("A"), kb.Omitted(), kb.Text("b")])
    bundles = published(monkeypatch, s)
    assert [for_document(b["text/html"]) for b in bundles] == ['<h2 class="kb-heading">A</h2>',
                                                             '<div class="kb-text"><p>b</p></div>']
    assert s.html() == '<h2 class="kb-heading">A</h2><div class="kb-text"><p>b</p></div>'


def test_lab_stylesheet_is_screen_css_scoped():
    css = lab_css()
    screen = (Path(kb.__file__).resolve().parents[1] / "templates" / "kbreport" / "static" / "screen.css").read_text()
    for prop in ("grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr))", "border-top: 4px solid var(--kb-navy)",
                 "--kb-accent: #0e8a7d"):
        assert prop in screen and prop in css
    body = re.sub(r":is\([^)]*\)", ":is()", re.sub(r"@media[^{]*\{", "", css))  # no commas inside :is()
    selectors = [s.strip() for block in re.findall(r"(?:^|\})\s*([^{}@]+)\{", body) for s in block.split(",")]
    assert selectors and all(s.startswith(SCOPE) for s in selectors if s), [s for s in selectors if not s.startswith(SCOPE)]
    assert "@page" not in css and not re.search(r"(^|[\s,}])(html|body)\b", css)  # page rules stay the document's


def test_the_export_keeps_one_stylesheet(R):
    from kbreport.build.render import render_html

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("kb.headline_cards(R)")
    cards = kb.headline_cards(R)
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": cards._repr_html_(), "text/plain": "x"}),
                    nbformat.v4.new_output("display_data", data={"text/html": kb.notes(R)._repr_html_(), "text/plain": "n"})]
    nb.cells = [cell]
    html = render_html(nb)
    assert cards.html() in html and "kb-lab" not in html and "data-kb-lab" not in html
    assert "Tidak dicetak" not in html  # the JupyterLab note is dropped
    assert html.count("<style") == 4  # the template's own: fonts, screen.css, print.css, page counter


def test_strip_lab_styling_unwraps_lists_of_lines_and_leaves_other_html():
    inner = '<div class="kb-text"><p>x</p></div>'
    styled = lab_html(inner)
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": [styled[:40], styled[40:]]}),
        nbformat.v4.new_output("display_data", data={"text/html": lab_html("note", lab_only=True)}),
        nbformat.v4.new_output("display_data", data={"text/html": "<b>own</b>"}),
        nbformat.v4.new_output("stream", name="stdout", text="x"),
    ]
    nb.cells = [cell, nbformat.v4.new_markdown_cell("m")]
    strip_lab_styling(nb)
    assert [o.get("data", {}).get("text/html") for o in cell.outputs] == [inner, "<b>own</b>", None]
