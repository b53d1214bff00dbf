"""100%-stacked horizontal bars, shared by the classification and Rumah DataKu charts."""
from __future__ import annotations

import numpy as np
import pandas as pd

from kbreport.text import fmt
from kbreport.charts import style as s


def stacked_shares(ax, counts: pd.DataFrame, parts: list[str], colors: list[str], labels: list[str],
                   row_names: list[str], lang: str, fontsize: float, min_label: float = 7.0) -> list:
    """Draw rows of shares (each row sums to 100%), with the share printed in segments wide enough
    (≥ `min_label` points of percent) and the row total of Kampung KB at the right end.
    Returns the BarContainers, one per part."""
    c = counts[parts].apply(pd.to_numeric, errors="coerce").fillna(0).to_numpy(dtype=float)
    totals = c.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(totals[:, None] > 0, c / totals[:, None] * 100, 0.0)
    n = len(row_names)
    left = np.zeros(n)
    containers = []
    for j, (part, color, lab) in enumerate(zip(parts, colors, labels)):
        bars = ax.barh(range(n), shares[:, j], left=left, height=0.7, color=color, label=lab,
                       edgecolor="white", linewidth=0.5, zorder=2)
        containers.append(bars)
        ink = s.text_color_on(color)
        for i in range(n):
            if shares[i, j] >= min_label:
                ax.text(left[i] + shares[i, j] / 2, i, fmt.percent(shares[i, j], lang, digits=0),
                        ha="center", va="center", fontsize=fontsize - 0.5, color=ink, zorder=4,
                        # a pad of the segment's own colour hides a target line passing behind the figure
                        bbox=dict(boxstyle="square,pad=0.05", fc=color, ec="none"))
        left += shares[:, j]
    for i, t in enumerate(totals):
        ax.text(101.5, i, fmt.number(t, lang) if t > 0 else fmt.DASH, ha="left", va="center",
                fontsize=fontsize, color=s.MUTED)
    ax.set_yticks(range(n), row_names, fontsize=fontsize)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100])
    s.percent_ticks(ax.xaxis, lang)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    # header of the totals column
    ax.text(101.5, -0.55, "n", ha="left", va="bottom", fontsize=fontsize, color=s.MUTED, fontstyle="italic")
    return containers
