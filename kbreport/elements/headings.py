"""Headings: a section's heading, and the title block (the document's masthead, shown in JupyterLab).

    kb.heading(R, "cakupan")        # "Cakupan per kabupaten/kota" / "Coverage by kabupaten/kota"
    kb.Heading("Catatan lapangan")  # any text
    kb.title_block(R)               # kicker, title, region and date, as the PDF's first page has them
"""
from __future__ import annotations

from kbreport.elements.base import Element

__all__ = ["Heading", "TitleBlock", "SECTION_HEADINGS", "heading", "title_block"]

# section name -> TEXT key of its heading; {unit}, {wilayah}, {date} are filled from the report
SECTION_HEADINGS = {
    "ringkasan": "h_ringkasan", "cakupan": "h_cakupan", "rumah_dataku": "h_rdk", "hasil_kb": "h_hasil",
    "klasifikasi": "h_klasifikasi", "lampiran": "h_lampiran",
    "kegiatan": "h_kegiatan", "angka": "h_angka", "mou": "h_mou", "workshop": "h_workshop",
    "rakorda": "h_rakorda", "fasilitasi": "h_fasilitasi", "tindak_lanjut": "h_tindak_lanjut", "monev": "h_monev",
}


class Heading(Element):
    """A section heading (level 2; 3 and 4 for sub-headings; the title is level 1, the template's)."""

    def __init__(self, text: str, level: int = 2):
        self.text, self.level = text, level

    def html(self) -> str:
        from kbreport.elements.display import heading_html

        return heading_html(self.text, self.level) if self.text else ""

    def plain(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Heading({self.text!r})"


def heading(R, section: str) -> Heading:
    """The heading of one of the briefing's sections (SECTION_HEADINGS), in the report's language."""
    if section not in SECTION_HEADINGS:
        raise ValueError(f"unknown section {section!r}: use one of {', '.join(SECTION_HEADINGS)}")
    key = SECTION_HEADINGS[section]
    if key == "h_ringkasan" and R.headline.get("target_persen") is None:  # no target in force on as_of
        key = "h_ringkasan_tanpa"
    return Heading(R.t(key, unit=R.unit, wilayah=R.wilayah, date=R.date(R.headline["as_of"])))


class TitleBlock(Element):
    """The masthead: kicker, title, subtitle, and the synthetic-data banner. JupyterLab only: the
    document's masthead is the template's, made from the same words (kbreport.build.report.report_metadata)."""

    def __init__(self, kicker: str, title: str, subtitle: str = "", synthetic_label: str | None = None):
        self.kicker, self.title, self.subtitle, self.synthetic_label = kicker, title, subtitle, synthetic_label

    def lab_only_html(self) -> str:
        from html import escape

        banner = f'<div class="kb-banner" role="note">{escape(self.synthetic_label)}</div>' if self.synthetic_label else ""
        sub = f'<p class="kb-subtitle">{escape(self.subtitle)}</p>' if self.subtitle else ""
        return (f'{banner}<header class="kb-masthead"><p class="kb-kicker">{escape(self.kicker)}</p>'
                f"<h1>{escape(self.title)}</h1>{sub}</header>")

    def plain(self) -> str:
        return self.title

    def __repr__(self) -> str:
        return f"TitleBlock({self.title!r})"
