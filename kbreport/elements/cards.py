"""Headline cards: a row of figures, each with a label, a value and a line under it.

`Cards` is a list of dicts ({"label", "value", "sub", "status": ok|warn|bad|info, "percent", "digits"}):
drop, reorder or add cards like list items.

    c = kb.headline_cards(R)
    del c[3]                                            # no Rumah DataKu card
    c.append({"label": "Desa", "value": R.headline["desa"]})
    c
"""
from __future__ import annotations

from kbreport.text import fmt
from kbreport.elements.values import number as _num, target_percent as _pct_target
from kbreport.elements.base import Element, omitted
from kbreport.elements.texts import Text

__all__ = ["Cards", "headline_cards", "outcome_cards", "desa_cantik_cards"]


class Cards(Element, list):
    """Headline figures as cards; numbers are formatted in `lang` (kbreport.text.fmt), strings printed as given."""

    def __init__(self, cards=(), *, lang: str = "id"):
        list.__init__(self, cards)
        self.lang = lang

    def html(self) -> str:
        from kbreport.elements.display import cards_html

        return cards_html(self, lang=self.lang) if self else ""

    def plain(self) -> str:
        return "; ".join(f"{c.get('label', '')}: {c.get('value', '')}" for c in self)

    def __repr__(self) -> str:
        return f"Cards({list.__repr__(self)}, lang={self.lang!r})"


def _with_change(R, sub: str, which: str) -> str:
    """`sub` and, when the briefing compares with an earlier date, the change since (kbreport.elements.change)."""
    from kbreport.elements.change import since_line

    line = since_line(R, which)
    return sub if line is None else f"{sub} · {line}"


def headline_cards(R) -> Cards:
    """Kampung KB, coverage against the target, what is still needed, Rumah DataKu; under Kampung KB, coverage
    and Rumah DataKu the change since the comparison date when there is one (R.headline["perubahan"])."""
    h, L = R.headline, R.lang
    none = h["target_persen"] is None  # no coverage target in force on as_of (kbreport.analysis.targets)
    reached = not none and h["kekurangan"] <= 0
    rdk_p = h["rumah_dataku_persen"]
    rdk_t = h["rumah_dataku_target_persen"]  # None: no target in force on as_of
    rdk_ok = rdk_p is not None and rdk_t is not None and rdk_p >= rdk_t
    rdk_sub = (R.t("card_rdk_sub", p=fmt.percent_of(h["rumah_dataku"], h["kampung_kb"], L), t=_pct_target(rdk_t, L))
               if rdk_t is not None else R.t("card_rdk_sub_tanpa", p=fmt.percent_of(h["rumah_dataku"], h["kampung_kb"], L)))
    if h.get("rumah_dataku_tanpa_tanggal"):  # undated: in no count as of a date, said so
        rdk_sub = R.t("card_rdk_tanpa_tanggal", sub=rdk_sub, n=_num(h["rumah_dataku_tanpa_tanggal"], L))
    return Cards([
        {"label": R.t("card_kkb"), "value": h["kampung_kb"],
         "sub": _with_change(R, R.t("card_kkb_sub", date=R.date(h["as_of"])), "kkb")},
        {"label": R.t("card_cakupan"),
         "value": fmt.percent_of(h["tercakup"], h["desa_kelurahan"], L),
         "sub": _with_change(R, R.t("card_cakupan_sub", n=_num(h["tercakup"], L), total=_num(h["desa_kelurahan"], L)),
                             "cakupan"),
         "status": "info" if none else ("ok" if reached else "warn")},
        {"label": R.t("card_tanpa_kkb"), "value": h["desa_kelurahan"] - h["tercakup"],
         "sub": R.t("card_tanpa_kkb_sub", date=R.date(h["as_of"])), "status": "info"} if none else
        {"label": R.t("card_kurang"), "value": h["kekurangan"],
         "sub": R.t("card_kurang_sub", t=_pct_target(h["target_persen"], L), date=R.date(h["target_tanggal"])),
         "status": "ok" if reached else "warn"},
        {"label": R.t("card_rdk"), "value": h["rumah_dataku"],
         "sub": _with_change(R, rdk_sub, "rdk"),
         "status": "ok" if rdk_ok else ("warn" if rdk_t is not None else "info")},
    ], lang=L)


_OUTCOMES = (("cpr", "cpr"), ("mkjp", "mkjp"), ("unmet", "unmet"), ("poktan", "partisipasi_poktan"))


def outcome_cards(R) -> Cards | Text:
    """CPR, long-acting methods, unmet need and poktan participation in the region's Kampung KB;
    a sentence saying so when there are no monthly family-planning data as of the briefing's date. Each
    card names the month its figures come from (R.kb_label)."""
    h = R.headline
    if all(fmt.is_missing(h[v]) for _, v in _OUTCOMES):
        return Text(R.t("hasil_tanpa"))
    return Cards([{"label": R.t(f"card_{k}"), "value": h[v], "percent": True,
                   "sub": R.t("card_periode", sub=R.t(f"card_{k}_sub"))} for k, v in _OUTCOMES], lang=R.lang)


def desa_cantik_cards(R):
    """An MoU with BPS: Desa Cantik in the region, how many are Kampung KB, not yet, with a Rumah DataKu."""
    from kbreport.elements.values import without_total as _no_total

    if R.jenis != "mou":
        return omitted(R, "lab_jenis", jenis="mou")
    L, dc = R.lang, R.extra["desa_cantik"]
    n = int(dc["desa_cantik"])
    if n <= 0:
        return omitted(R, "lab_tanpa_data")
    per = _no_total(dc["per_sub_unit"])
    k = int((per["desa_cantik"] > 0).sum())
    share = lambda x: R.t("card_share_sub", p=fmt.percent_of(x, n, L))  # noqa: E731
    return Cards([
        {"label": R.t("card_dc"), "value": n, "sub": R.t("card_dc_sub", k=_num(k, L), n=_num(len(per), L), unit=R.unit)},
        {"label": R.t("card_dc_kkb"), "value": int(dc["kampung_kb"]), "sub": share(dc["kampung_kb"]),
         "status": "ok" if dc["kampung_kb"] >= n else "warn"},
        {"label": R.t("card_dc_bukan"), "value": int(dc["bukan_kampung_kb"]), "sub": share(dc["bukan_kampung_kb"]),
         "status": "ok" if dc["bukan_kampung_kb"] == 0 else "warn"},
        {"label": R.t("card_dc_rdk"), "value": int(dc["rumah_dataku"]), "sub": share(dc["rumah_dataku"])},
    ], lang=L)
