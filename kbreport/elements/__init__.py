"""Page elements: what a briefing notebook's cells put on the page, one element per cell.

    from kbreport import elements as kb
    R = kb.region_report(kode=kode, as_of=as_of, ...)     # the data, computed once (kbreport.build.briefing)
    kb.heading(R, "ringkasan")
    kb.headline_cards(R)
    kb.talking_points(R)

Each function returns an element: an object a notebook shows (`_repr_html_`, styled as in the HTML and
PDF) that holds what it shows, to change in the cell — a list of sentences (`Points`), of cards
(`Cards`), of label/value pairs (`Facts`), a DataFrame (`Table.data`), a figure (`Chart.figure`), a
caption (`caption=`). Functions taking the report also take `data=` where it makes sense: the analysis
table to show, sorted or filtered. The classes make elements from your own data. An element with
nothing to print for this report (a tile map outside Indonesia, empty notes) prints nothing; JupyterLab
shows why. Every text is HTML-escaped (kbreport.elements.display).

Elements and their functions (one module each):

- headings: Heading, TitleBlock — heading(R, section), title_block(R)
- cards: Cards — headline_cards, outcome_cards, desa_cantik_cards
- points: Points — talking_points, agenda_points, notes, follow_ups
- charts: Chart — map_chart, coverage_chart, tile_map_chart, trend_chart, rumah_dataku_chart, readiness_chart,
  classification_chart, participants_chart
- tables: Table — annex_table, outcomes_table, rdk_gap_table, desa_cantik_table, targets_table
- texts: Text — classification_note, sources, desa_cantik_note
- facts: Facts — event_facts, parties
- notices: Notice
- monev: monev_cards, monev_table, monev_desa_list (what is left, kecamatan by kecamatan)
- sections: Section — event_section (the part for the event's jenis), mou_section, ranking_section,
  facilitation_section
- change: change_table (Kampung KB, coverage, Rumah DataKu then and now; the cards' change line)
- base: Element, Omitted, PageBreak
"""
from __future__ import annotations

from kbreport.elements.base import Element, Omitted, PageBreak
from kbreport.elements.cards import Cards, desa_cantik_cards, headline_cards, outcome_cards
from kbreport.elements.change import change_table
from kbreport.elements.charts import (Chart, classification_chart, coverage_chart, map_chart, participants_chart,
                                     readiness_chart, rumah_dataku_chart, tile_map_chart, trend_chart)
from kbreport.elements.facts import Facts, event_facts, parties
from kbreport.elements.headings import Heading, TitleBlock, heading
from kbreport.elements.monev import monev_cards, monev_desa_list, monev_table
from kbreport.elements.notices import Notice
from kbreport.elements.points import Points, agenda_points, follow_ups, notes, talking_points
from kbreport.elements.sections import Section, event_section, facilitation_section, mou_section, ranking_section
from kbreport.elements.tables import Table, annex_table, desa_cantik_table, outcomes_table, rdk_gap_table, targets_table
from kbreport.elements.texts import Text, classification_note, desa_cantik_note, sources

# The notebook's one import also hands it the report's data and masthead. They sit above the elements (in
# kbreport.build) and import them, so they are looked up on first use, not at import.
_FROM_BUILD = {"Briefing": "kbreport.build.briefing", "region_report": "kbreport.build.briefing",
               "event_report": "kbreport.build.briefing", "title_block": "kbreport.build.masthead"}


def __getattr__(name: str):
    if name in _FROM_BUILD:
        import importlib

        return getattr(importlib.import_module(_FROM_BUILD[name]), name)
    raise AttributeError(f"module 'kbreport.elements' has no attribute {name!r}")

__all__ = [
    # the report's data
    "Briefing", "region_report", "event_report",
    # element classes
    "Element", "Heading", "TitleBlock", "Cards", "Points", "Chart", "Table", "Text", "Facts", "Notice",
    "Section", "Omitted", "PageBreak",
    # elements of a briefing
    "heading", "title_block", "headline_cards", "outcome_cards", "desa_cantik_cards", "talking_points",
    "agenda_points", "notes", "follow_ups", "map_chart", "coverage_chart", "tile_map_chart", "trend_chart",
    "rumah_dataku_chart", "readiness_chart", "classification_chart", "participants_chart", "annex_table",
    "outcomes_table", "rdk_gap_table", "desa_cantik_table", "targets_table", "classification_note",
    "sources", "desa_cantik_note", "event_facts", "parties", "event_section", "mou_section",
    "ranking_section", "facilitation_section", "change_table",
    # elements of a monev (to-do list) report
    "monev_cards", "monev_table", "monev_desa_list",
]
