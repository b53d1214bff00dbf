"""Talking points: a boxed list of sentences a leader can read aloud.

`Points` is a list of sentences with a title: edit it like any list in the cell.

    poin = kb.talking_points(R)
    poin.append("Pemkab menargetkan 20 Rumah DataKu baru tahun ini.")
    poin[0] = "…"                          # replace one; poin[:] = [...] replaces all (the title stays)
    poin

    kb.Points(["Satu.", "Dua."], title="Catatan rapat")   # sentences of your own
"""
from __future__ import annotations

from kbreport.elements.base import Element, omitted
from kbreport.elements.texts import Text

__all__ = ["Points", "talking_points", "agenda_points", "notes", "follow_ups"]


class Points(Element, list):
    """Sentences as a list under an optional title; blank sentences are dropped."""

    def __init__(self, points=(), title: str | None = None):
        list.__init__(self, points)
        self.title = title

    def html(self) -> str:
        from kbreport.elements.display import points_html

        return points_html(self, self.title)

    def plain(self) -> str:
        return "\n".join([*([self.title] if self.title else []), *(f"- {p}" for p in self)])

    def __repr__(self) -> str:
        return f"Points({list.__repr__(self)}, title={self.title!r})"


def talking_points(R) -> Points:
    """3–6 sentences on the headline figures (kbreport.text.talking_points); an event's topic first."""
    from kbreport.text.talking_points import talking_points as sentences

    local = getattr(R, "local", lambda s: s)  # "desa/kelurahan" in the region's own words
    return Points([local(p) for p in sentences(R.headline, R.lang, event=R.jenis)], title=R.t("h_pokok"))


def agenda_points(R) -> Points:
    """Agenda-ready sentences on the sub-units: who covers everything, the best, the furthest behind."""
    return Points(R.agenda_points(), title=R.t("h_agenda"))  # R.t says desa in the region's words


def notes(R):
    """The catatan parameter: a boxed list in a region briefing; in an event briefing one plain
    paragraph (a box would push the colophon onto a fourth page)."""
    local = R.local_note() if hasattr(R, "local_note") else None  # what the region calls its desa, and why
    items = [*R.params.catatan, *([local] if local else [])]
    if not items:
        return omitted(R, "lab_catatan")
    if R.laporan == "event":
        return Text(R.t("catatan_line", notes=" ".join(items)))
    return Points(items, title=R.t("h_catatan"))


def follow_ups(R):
    """The tindak_lanjut parameter as a list; a sentence when the source quotes neither target nor follow-up."""
    p = R.params
    if p.tindak_lanjut:
        return Points(list(p.tindak_lanjut), title=R.t("h_tl_points"))
    if not p.target:
        return Text(R.t("tl_tanpa"))
    return omitted(R, "lab_tindak_lanjut")
