"""Text: one or more plain paragraphs (a note, the sources line, a sentence under a chart).

    kb.Text("Angka per kecamatan menyusul setelah verifikasi.")
    kb.sources(R)   # "Sumber: …" from the sumber parameter
"""
from __future__ import annotations

from kbreport.text import fmt
from kbreport.elements.values import number as _num, without_total as _no_total
from kbreport.elements.base import Element, omitted

__all__ = ["Text", "classification_note", "sources", "desa_cantik_note"]


class Text(Element):
    """Paragraphs of plain text (escaped: never markup); blank ones are dropped."""

    def __init__(self, paragraphs: str | list[str] = ()):
        self.paragraphs = [paragraphs] if isinstance(paragraphs, str) else list(paragraphs)

    def html(self) -> str:
        from kbreport.elements.display import text_html

        return text_html(self.paragraphs)

    def plain(self) -> str:
        return " ".join(str(p) for p in self.paragraphs)

    def __repr__(self) -> str:
        return f"Text({self.paragraphs!r})"


def classification_note(R):
    """How far the recomputed classes match the reported ones (under the classification chart)."""
    k = R.tables["klasifikasi"]
    tot = k[k["total"]].iloc[0]
    if int(tot["dengan_profil"]) <= 0:
        return omitted(R, "lab_tanpa_data")  # the chart's cell says so in words
    return Text(R.t("klas_cocok", p=fmt.percent_of(tot["sesuai"], tot["dengan_profil"], R.lang)))


def sources(R):
    """The sources quoted (the sumber parameter), as one small paragraph."""
    if not R.params.sumber:
        return omitted(R, "lab_sumber")
    return Text(R.t("sumber_line", sources="; ".join(R.params.sumber)))


def desa_cantik_note(R):
    """An MoU: how many Desa Cantik, in how many sub-units, how many already Kampung KB / with a Rumah DataKu."""
    if R.jenis != "mou":
        return omitted(R, "lab_jenis", jenis="mou")
    L, dc, h = R.lang, R.extra["desa_cantik"], R.headline
    n = int(dc["desa_cantik"])
    if n <= 0:
        return Text(R.t("dc_tanpa", date=R.date(h["as_of"])))
    per = _no_total(dc["per_sub_unit"])
    k = int((per["desa_cantik"] > 0).sum())
    return Text(R.t("dc_sebaran", date=R.date(h["as_of"]), n=_num(n, L), k=_num(k, L), total=_num(len(per), L),
                    unit=R.unit, kkb=_num(dc["kampung_kb"], L), rdk=_num(dc["rumah_dataku"], L)))
