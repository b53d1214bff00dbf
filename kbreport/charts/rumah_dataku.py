"""Rumah DataKu status (ada / belum / tidak) by sub-unit, against the target share."""
from __future__ import annotations

import pandas as pd

from kbreport.text import fmt
from kbreport.charts import style as s
from kbreport.charts.stacked import stacked_shares
from kbreport.text.i18n import label, phrase

PARTS = ("ada", "belum", "tidak")


def rumah_dataku_status(df: pd.DataFrame, target_persen: float = 75.0, lang: str = "id", *,
                        sort: bool = True, title: str | None = None, footer_note: str | None = None):
    """100%-stacked bars of Kampung KB by Rumah DataKu status, sorted by the share with one ("ada")
    when `sort`, and a dashed target line on that share.

    df columns: `kode`, `nama`, counts `ada`, `belum`, `tidak`; optional `tanpa_profil` (Kampung KB
    without a profile, drawn grey as "no data" when any). This is the table
    kbreport.analysis.rumah_dataku returns; its total row is left out.
    """
    s.require(df, ["nama", *PARTS], "rumah_dataku_status")
    d = s.drop_total(df).copy()
    parts = list(PARTS)
    if "tanpa_profil" in d and pd.to_numeric(d["tanpa_profil"], errors="coerce").fillna(0).sum() > 0:
        parts.append("tanpa_profil")
    c = d[parts].apply(pd.to_numeric, errors="coerce").fillna(0)
    tot = c.sum(axis=1)
    d["_share"] = (c["ada"] / tot.where(tot > 0)).astype(float) * 100
    if sort:
        d = d.sort_values("_share", ascending=False, na_position="last", kind="stable").reset_index(drop=True)
    n = len(d)
    per_row, fs = s.row_height(n)
    colors = {**s.RDK_COLORS, "tanpa_profil": s.GREY}
    with s.house_style():
        fig = s.new_figure(max(1.6, 1.05 + per_row * n), footer_note=footer_note)
        ax = fig.add_subplot()
        s.style_axes(ax, None)
        stacked_shares(ax, d, parts, [colors[p] for p in parts], [label(p, lang) for p in parts],
                       s.names(d, lang), lang, fs)
        if target_persen is not None:  # None: no target in force on the briefing's date
            target_text = phrase("target_line", lang, value=fmt.percent(target_persen, lang, digits=0))
            ax.axvline(target_persen, color=s.ACCENT, lw=1.3, ls=(0, (4, 2)), zorder=3, label=target_text)
        ax.set_xlabel(phrase("rdk_axis", lang))
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=5, fontsize=s.SMALL, handlelength=1.6,
                  borderaxespad=0.3)
        s.title(fig, title)
    return fig
