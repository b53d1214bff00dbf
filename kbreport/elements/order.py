"""The briefing's one order of sub-units on the page (kbreport.analysis.order), and the line that says it.

Every element listing sub-units takes its rows through `ordered` when it draws R.tables itself (a table passed
as `data=` prints in its own order). The first of them drawn for a report carries the line saying the order
(`order_note`), under the chart or table; the others do not repeat it. Drawing the same element again (a cell
run twice in JupyterLab) gives it the line again.
"""
from __future__ import annotations

import pandas as pd

from kbreport.analysis.order import in_briefing_order
from kbreport.text.catalogue import t as catalogue_t

__all__ = ["ordered", "order_note", "collapse_note", "joined"]

_SAID = "order_said_by"  # R.extra key: the element kind that says the order


def ordered(df: pd.DataFrame) -> pd.DataFrame:
    """R.tables[...] in the briefing's order, index reset."""
    return in_briefing_order(df).reset_index(drop=True)


def order_note(R, kind: str, *, on_map: bool = False) -> str | None:
    """The line saying the order when `kind` ("map", "coverage", "annex" …) is the first element to list
    sub-units in this report (or the one that said it before); None for the others."""
    extra = getattr(R, "extra", None)
    if extra is None:
        return None
    said = extra.setdefault(_SAID, kind)
    if said != kind:
        return None
    return catalogue_t("regions.urutan_peta" if on_map else "regions.urutan", R.lang, unit=R.unit)


def collapse_note(R, n: int) -> str | None:
    """What the coverage chart's top bar is when it stands for `n` fully covered sub-units (None for 0)."""
    if not n:
        return None
    return catalogue_t("regions.urutan_gabung", R.lang, n=str(n), unit=R.unit, desa_kel=_desa_kel(R)).strip()


def joined(*lines: str | None) -> str | None:
    """Lines under an element, one after the other; None when there is none."""
    out = " ".join(x for x in lines if x)
    return out or None


def _desa_kel(R) -> str:
    word = getattr(R, "desa_word", None)
    return word() if callable(word) else "desa/kelurahan"
