"""Sections: several elements shown by one cell, each as its own output (as if each had a cell).

The event notebook has one cell for the part that depends on the event's type:

    kb.event_section(R)    # mou: parties and Desa Cantik; workshop/rakorda: ranking and agenda points;
                           # fasilitasi: Rumah DataKu gaps

To change one part, replace that cell with the elements of `kb.mou_section` / `kb.ranking_section` /
`kb.facilitation_section`, one per cell (docs/notebooks.md).
"""
from __future__ import annotations

from kbreport.elements.base import Element
from kbreport.elements.cards import desa_cantik_cards
from kbreport.elements.charts import coverage_chart, rumah_dataku_chart
from kbreport.elements.facts import parties
from kbreport.elements.headings import heading
from kbreport.elements.points import agenda_points
from kbreport.elements.tables import desa_cantik_table, rdk_gap_table
from kbreport.elements.texts import desa_cantik_note

__all__ = ["Section", "event_section", "mou_section", "ranking_section", "facilitation_section"]


class Section(Element, list):
    """A list of elements shown one after the other (an element with nothing to print is skipped)."""

    def html(self) -> str:
        return "".join(e.html() for e in self)

    def _ipython_display_(self) -> None:
        for e in self:
            e._ipython_display_()

    def plain(self) -> str:
        return "; ".join(e.plain() for e in self if e.html())

    def __repr__(self) -> str:
        return f"Section({list.__repr__(self)})"


def mou_section(R) -> Section:
    """The parties and the Desa Cantik of the region: sentence, cards, table by sub-unit."""
    return Section([heading(R, "mou"), parties(R), desa_cantik_note(R), desa_cantik_cards(R), desa_cantik_table(R)])


def ranking_section(R) -> Section:
    """A workshop or rakorda: the sub-units ranked by coverage and agenda-ready talking points; by
    kecamatan holding a Kampung KB when the event's target counts kecamatan (kbreport.elements.kecamatan)."""
    from kbreport.elements.kecamatan import counts_kecamatan, kecamatan_chart, kecamatan_points

    if counts_kecamatan(R):
        return Section([heading(R, R.jenis), kecamatan_chart(R), kecamatan_points(R)])
    return Section([heading(R, R.jenis), coverage_chart(R), agenda_points(R)])


def facilitation_section(R) -> Section:
    """A facilitation: Rumah DataKu status by sub-unit and the sub-units by Rumah DataKu still needed."""
    return Section([heading(R, "fasilitasi"), rumah_dataku_chart(R), rdk_gap_table(R)])


_BY_JENIS = {"mou": mou_section, "workshop": ranking_section, "rakorda": ranking_section,
             "fasilitasi": facilitation_section}


def event_section(R) -> Section:
    """The section of the event's type (jenis): see the module docstring."""
    if R.jenis not in _BY_JENIS:
        raise ValueError("event_section is for an event briefing (kb.event_report)")
    return _BY_JENIS[R.jenis](R)
