"""Indonesia as a tile grid of its 38 provinces, coloured by coverage class."""
from __future__ import annotations

import pandas as pd
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch, Rectangle

from kbreport.text import fmt
from kbreport.charts import style as s
from kbreport.charts.ink import text_width_pt
from kbreport.charts.tilegrid import N_COLS, N_ROWS, TILES, province_code
from kbreport.text.i18n import label


def coverage_class(v) -> int | None:
    """Index into style.COVERAGE_BINS for a 0–100 value; None when missing."""
    if fmt.is_missing(v):
        return None
    v = float(v)
    if v >= 100:
        return len(s.COVERAGE_BINS) - 1
    for i, (lo, hi) in enumerate(s.COVERAGE_BINS[:-1]):
        if lo <= v < hi:
            return i
    return 0  # negative values cannot happen; keep them in the lowest class


# At 6.7 in wide the 15 columns leave about 30 pt per tile; a label may take 85% of it.
_LABEL_MAX_PT = 0.85 * (s.FIG_WIDTH - 0.1) * 72 / (N_COLS + 0.05) * 0.94


def _label_size(size: float = 6.0) -> float:
    """One font size for every tile label: the largest ≤ `size` at which the widest label fits."""
    prop = FontProperties(family=s.FONT)
    widest = max(text_width_pt(t, size, prop) for _, _, t in TILES.values())
    return size if widest <= _LABEL_MAX_PT else round(size * _LABEL_MAX_PT / widest, 1)


def _bin_labels(lang: str) -> list[str]:
    p = lambda v: fmt.percent(v, lang, digits=0)  # noqa: E731
    out = [f"< {p(25)}"]
    out += [f"{p(lo)} – < {p(hi)}" for lo, hi in s.COVERAGE_BINS[1:-1]]
    out.append(p(100))
    return out


def tile_map(df: pd.DataFrame, lang: str = "id", *, value_col: str = "cakupan_persen",
             highlight: str | None = None, title: str | None = None, footer_note: str | None = None):
    """Tile map of the 38 provinces: each tile shows its short label and the value, coloured by class
    (< 25, 25–50, 50–75, 75–< 100, 100%); provinces missing from df are grey ("tidak ada data").

    df columns: `kode` (province code "17"; a longer dotted code is cut to its province) and
    `cakupan_persen` (0–100). `highlight` (a province code) gets a dark outline.
    """
    s.require(df, ["kode", value_col], "tile_map")
    values: dict[str, float] = {}
    for kode, v in zip(df["kode"], pd.to_numeric(df[value_col], errors="coerce")):
        if not fmt.is_missing(kode):
            values[province_code(kode)] = v
    hl = province_code(highlight) if highlight is not None else None
    with s.house_style():
        fig = s.new_figure(3.6, footer_note=footer_note)
        ax = fig.add_subplot()
        ax.set_axis_off()
        size = 0.94
        label_size = _label_size()
        for kode, (row, col, short) in TILES.items():
            v = values.get(kode)
            k = coverage_class(v)
            fill = s.GREY if k is None else s.COVERAGE_COLORS[k]
            ax.add_patch(Rectangle((col, -row - size), size, size, facecolor=fill,
                                   edgecolor=s.TEXT if kode == hl else "white",
                                   linewidth=1.6 if kode == hl else 0.5, gid=f"tile-{kode}"))
            ink = s.text_color_on(fill)
            cx, cy = col + size / 2, -row - size / 2
            ax.text(cx, cy + 0.16, short, ha="center", va="center", fontsize=label_size, color=ink)
            ax.text(cx, cy - 0.18, fmt.percent(v, lang, digits=0) if k is not None else fmt.DASH,
                    ha="center", va="center", fontsize=6.4, fontweight="bold", color=ink)
        ax.set_xlim(-0.05, N_COLS)
        ax.set_ylim(-N_ROWS - 0.05, 0.05)
        ax.set_aspect("equal")
        handles = [Patch(facecolor=c, edgecolor="#9AA0A6", linewidth=0.4, label=t)
                   for c, t in zip(s.COVERAGE_COLORS, _bin_labels(lang))]
        handles.append(Patch(facecolor=s.GREY, edgecolor="#9AA0A6", linewidth=0.4,
                             label=label("tidak_ada_data", lang)))
        # the Indian Ocean, south-west of Java, is empty: the legend goes there
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 0.0), fontsize=6.5,
                  title=label("cakupan", lang), title_fontsize=6.5, handlelength=1.1,
                  handleheight=1.0, alignment="left", borderaxespad=0.2)
        s.title(fig, title)
    return fig
