"""How a briefing names the period its family-planning and profile figures come from.

From the headline dict (kbreport.analysis.headline): `<prefix>_periode` (latest month used),
`<prefix>_periode_awal` (earliest) and `<prefix>_tanpa_periode` (rows used without a period), prefix "kkbpk"
or "profil":
- one month:            "KB bulanan Februari 2017"          / "monthly FP data, February 2017"
- several months:       "KB bulanan Juni 2016–Februari 2017" / "monthly FP data, June 2016–February 2017"
- some rows undated:    "... dan sebagian tanpa periode"     / "... and some undated"
- all rows undated:     "KB bulanan tanpa periode"            / "monthly FP data, undated"
- no row at all:        None (the briefing then says there are no data as of its date)
"""
from __future__ import annotations

from kbreport.text import fmt

__all__ = ["period_label", "month_name"]

_WHAT = {"kkbpk": ("KB bulanan", "monthly FP data,"), "profil": ("profil", "profiles,")}
_UNDATED = {"id": ("tanpa periode", "dan sebagian tanpa periode"), "en": ("undated", "and some undated")}


def month_name(d, lang: str = "id") -> str:
    """'Februari 2017' / 'February 2017'."""
    return fmt.date(d, lang).split(" ", 1)[1]


def period_label(h: dict, prefix: str, lang: str = "id") -> str | None:
    """The label of the rows a headline's `prefix` figures used (module doc); None when there were none."""
    what = _WHAT[prefix][0 if lang == "id" else 1]
    last, first = h.get(f"{prefix}_periode"), h.get(f"{prefix}_periode_awal")
    undated = int(h.get(f"{prefix}_tanpa_periode") or 0)
    if last is None:
        return f"{what} {_UNDATED[lang][0]}" if undated else None
    span = month_name(last, lang)
    if first is not None and (first.year, first.month) != (last.year, last.month):
        span = f"{month_name(first, lang)}–{span}"
    return f"{what} {span}" + (f" {_UNDATED[lang][1]}" if undated else "")
