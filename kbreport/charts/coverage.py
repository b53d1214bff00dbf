"""Ranked coverage of sub-units with the target line."""
from __future__ import annotations

import pandas as pd
from matplotlib.patches import Patch

from kbreport.text import fmt
from kbreport.charts import style as s
from kbreport.text.i18n import label, phrase


def coverage_bars(df: pd.DataFrame, target_persen: float | None = 100.0, lang: str = "id", *,
                  value_col: str = "cakupan_persen", highlight: str | None = None,
                  show_counts: bool | None = None, title: str | None = None,
                  footer_note: str | None = None, xlabel: str | None = None, sort: bool = True):
    """Horizontal bars of sub-units, ranked by coverage (best on top) when `sort`, else in df's order (the
    briefings pass their one order, kbreport.analysis.order), with a dashed target line.

    df columns: `kode`, `nama`, `cakupan_persen` (0–100, NaN = no data); optional `tercakup` and
    `desa_kelurahan` (shown as "1.322/1.513" after the share when `show_counts`, default for ≤ 20 rows).
    A `total` row (as analysis tables have) is left out. Bars at or above the target are teal, those below blue; `highlight` (a kode) prints that row bold.
    target_persen None (no target in force on the briefing's date): one colour, no target line, no legend.
    `xlabel` replaces the axis title (e.g. kecamatan with a Kampung KB, passed in the same columns).
    """
    s.require(df, ["nama", value_col], "coverage_bars")
    d = s.drop_total(df).copy()
    d["_v"] = pd.to_numeric(d[value_col], errors="coerce").astype(float)
    if sort:
        d = d.sort_values("_v", ascending=False, na_position="last", kind="stable")
    d = d.reset_index(drop=True)
    n = len(d)
    has_counts = {"tercakup", "desa_kelurahan"} <= set(d.columns)
    if show_counts is None:
        show_counts = has_counts and n <= 20
    per_row, fs = s.row_height(n)
    with s.house_style():
        fig = s.new_figure(max(1.6, 0.75 + per_row * n), footer_note=footer_note)
        ax = fig.add_subplot()
        s.style_axes(ax, "x")
        vals = d["_v"].fillna(0.0).to_numpy()
        colors = [s.GREY if pd.isna(v) else (s.TEAL if target_persen is not None and v >= target_persen else s.BLUE)
                  for v in d["_v"]]
        bars = ax.barh(range(n), vals, height=0.72, color=colors, zorder=2)
        ax.set_yticks(range(n), s.names(d, lang), fontsize=fs)
        ax.set_ylim(n - 0.5, -0.5)  # the first row on top
        ax.tick_params(axis="y", length=0)
        for i, (v, bar) in enumerate(zip(d["_v"], bars)):
            if pd.isna(v):
                text = label("tidak_ada_data", lang)
            else:
                text = fmt.percent(v, lang, digits=0 if v >= 100 else 1)
                if has_counts and value_col == "cakupan_persen":  # never "100,0%" with a desa still missing
                    text = fmt.percent_of(d.at[i, "tercakup"], d.at[i, "desa_kelurahan"], lang)
                if show_counts and has_counts:
                    text += f"  ({fmt.number(d.at[i, 'tercakup'], lang)}/{fmt.number(d.at[i, 'desa_kelurahan'], lang)})"
            ax.text(bar.get_width() + 1.2, i, text, va="center", ha="left", fontsize=fs, zorder=4,
                    bbox=s.label_box(), color=s.MUTED if pd.isna(v) else s.TEXT,
                    fontstyle="italic" if pd.isna(v) else "normal")
        if highlight is not None and "kode" in d:
            for tick, kode in zip(ax.get_yticklabels(), d["kode"]):
                if str(kode) == str(highlight):
                    tick.set_fontweight("bold")
        if target_persen is not None:
            target_text = phrase("target_line", lang, value=fmt.percent(target_persen, lang, digits=0))
            line = ax.axvline(target_persen, color=s.ACCENT, lw=1.3, ls=(0, (4, 2)), zorder=3, label=target_text)
        right = 100 + (30 if show_counts else 16)
        ax.set_xlim(0, max(right, float(d["_v"].max(skipna=True) or 0) + 16))
        ax.set_xticks([0, 25, 50, 75, 100])
        s.percent_ticks(ax.xaxis, lang)
        ax.set_xlabel(xlabel or phrase("coverage_axis", lang))
        ax.spines["left"].set_visible(False)
        ax.spines["bottom"].set_bounds(0, 100)
        if target_persen is not None:
            reached = label("target", lang).lower()
            handles = []  # only the categories that occur
            if (d["_v"] >= target_persen).any():
                handles.append(Patch(color=s.TEAL, label=("Mencapai " if lang == "id" else "Reached ") + reached))
            if (d["_v"] < target_persen).any():
                handles.append(Patch(color=s.BLUE, label=("Di bawah " if lang == "id" else "Below ") + reached))
            ax.legend(handles=[*handles, line],
                      loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, fontsize=s.SMALL, handlelength=1.6,
                      borderaxespad=0.3)
        s.title(fig, title)
    return fig
