"""Composition of an event's participants by unsur (element)."""
from __future__ import annotations

import pandas as pd

from kbreport.text import fmt
from kbreport.charts import style as s
from kbreport.text.i18n import phrase

_SEQ = (s.BLUE, s.TEAL, "#6EA6D6", "#7FBFB3", "#2F4F73", "#B4D2EC", "#4F6D7A", "#A7B7C7")


def participants(df: pd.DataFrame, lang: str = "id", *, kind: str = "bar", title: str | None = None,
                 footer_note: str | None = None):
    """Participants per unsur as ranked horizontal bars with counts and shares (kind="bar"), or a
    donut with the total in the middle (kind="donut"). The default title states the total.

    df columns: `unsur` (text) and `jumlah` (people).
    """
    s.require(df, ["unsur", "jumlah"], "participants")
    if kind not in ("bar", "donut"):
        raise ValueError(f"participants: kind must be 'bar' or 'donut', not {kind!r}")
    d = df.copy()
    d["jumlah"] = pd.to_numeric(d["jumlah"], errors="coerce").fillna(0)
    d = d.sort_values("jumlah", ascending=False, kind="stable").reset_index(drop=True)
    total = float(d["jumlah"].sum())
    n = len(d)
    if title is None:
        title = phrase("participants_title", lang, total=fmt.number(total, lang))
    with s.house_style():
        if kind == "donut":
            fig = s.new_figure(2.6, footer_note=footer_note)
            ax = fig.add_subplot()
            colors = [_SEQ[i % len(_SEQ)] for i in range(n)]
            ax.pie(d["jumlah"], colors=colors, startangle=90, counterclock=False,
                   wedgeprops=dict(width=0.38, edgecolor="white", linewidth=1))
            ax.text(0, 0, fmt.number(total, lang), ha="center", va="center", fontsize=13, fontweight="bold")
            labels = [f"{u}: {fmt.number(j, lang)} ({fmt.percent(j / total * 100 if total else None, lang, digits=0)})"
                      for u, j in zip(d["unsur"], d["jumlah"])]
            ax.legend(ax.patches, labels, loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=s.SMALL)
            ax.set_aspect("equal")
        else:
            per_row, fs = s.row_height(n)
            fig = s.new_figure(max(1.4, 0.8 + max(per_row, 0.3) * n), footer_note=footer_note)
            ax = fig.add_subplot()
            s.style_axes(ax, None)
            bars = ax.barh(range(n), d["jumlah"], height=0.65, color=s.BLUE, zorder=2)
            ax.set_yticks(range(n), [str(u) for u in d["unsur"]], fontsize=fs)
            ax.set_ylim(n - 0.5, -0.5)
            ax.tick_params(axis="y", length=0)
            top = float(d["jumlah"].max() or 1)
            for i, (b, j) in enumerate(zip(bars, d["jumlah"])):
                share = fmt.percent(j / total * 100, lang, digits=0) if total else fmt.DASH
                ax.text(b.get_width() + top * 0.015, i, f"{fmt.number(j, lang)} ({share})", va="center",
                        fontsize=fs)
            ax.set_xlim(0, top * 1.25)
            ax.xaxis.set_visible(False)
            for side in ("left", "bottom"):
                ax.spines[side].set_visible(False)
        s.title(fig, title)
    return fig
