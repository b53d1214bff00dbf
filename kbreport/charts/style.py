"""The house style every chart shares: palette, font, sizes, figure factory, value labels, footer stamp.

Figures are built with the object API on an Agg canvas (no pyplot state, safe in batch runs) and
sized for A4 portrait: 6.7 in wide, the printable width inside 2 cm margins.
"""
from __future__ import annotations

from contextlib import contextmanager

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from kbreport.text import fmt

FIG_WIDTH = 6.7  # inches

# Palette: a BKKBN-ish blue and teal, one warm accent reserved for targets, grey for "no data".
BLUE = "#1F5C99"
BLUE_LIGHT = "#9DC3E6"
TEAL = "#23877B"
ACCENT = "#D2552F"  # target lines and markers only
GREY = "#C4C4C4"  # no data
TEXT = "#222222"
MUTED = "#5F6368"
GRID = "#E4E7EB"

# Ordered light -> dark, Dasar to Berkelanjutan.
CLASS_COLORS = {"Dasar": "#D3E4F3", "Berkembang": "#8CB8DF", "Mandiri": "#3A7DBF", "Berkelanjutan": "#173F6B"}
RDK_COLORS = {"ada": TEAL, "belum": "#F0C35C", "tidak": "#DDE1E6"}

# Coverage classes for maps: [lo, hi) in percent, the last is exactly 100.
COVERAGE_BINS = ((0, 25), (25, 50), (50, 75), (75, 100), (100, 100))
COVERAGE_COLORS = ("#E6F0F9", "#B4D2EC", "#6EA6D6", "#2F70B0", "#123F6E")

HEAT_CMAP = LinearSegmentedColormap.from_list("kb_heat", ["#F4F8FC", "#A9CBE8", "#3A7DBF", "#123F6E"])

FONT = "DejaVu Sans"  # ships with matplotlib, so it is always there
SIZE = 8.0  # body text in points
SMALL = 7.0

RC = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": SIZE,
    "axes.titlesize": 9.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": SIZE,
    "axes.edgecolor": "#9AA0A6",
    "axes.labelcolor": TEXT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.color": TEXT,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": TEXT,
    "ytick.labelcolor": TEXT,
    "xtick.labelsize": SMALL,
    "ytick.labelsize": SMALL,
    "legend.frameon": False,
    "legend.fontsize": SMALL,
    "svg.fonttype": "path",  # glyphs as paths: the SVG needs no font on the reader's machine
    "svg.hashsalt": "kbreport",  # stable element ids, so the same data gives the same SVG
    "pdf.fonttype": 42,
}


@contextmanager
def house_style():
    with mpl.rc_context(RC):
        yield


def new_figure(height: float, width: float = FIG_WIDTH, footer_note: str | None = None) -> Figure:
    """An empty figure on an Agg canvas with constrained layout; `footer_note` is stamped at the bottom."""
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    if footer_note:
        stamp(fig, footer_note)
    return fig


def stamp(fig: Figure, note: str) -> None:
    """Small italic note in the bottom-left corner ("Data contoh (sintetis)"), space reserved for it."""
    h = fig.get_figheight()
    band = min(0.19 / h, 0.2)
    fig.get_layout_engine().set(rect=(0, band, 1, 1 - band))
    fig.text(0.008, 0.04 / h, note, ha="left", va="bottom", fontsize=6.5, style="italic", color=MUTED)


def title(fig: Figure, text: str | None) -> None:
    """Left-aligned bold title over the whole figure (constrained layout keeps room for it)."""
    if text:
        fig.suptitle(text, x=0.01, ha="left", fontsize=9.5, fontweight="bold", color=TEXT)


def style_axes(ax, grid_axis: str | None = "x") -> None:
    """Tick sizes and colours set on the axes itself, so they hold outside the rc context too."""
    ax.tick_params(labelsize=SMALL, colors=MUTED, labelcolor=TEXT, length=3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if grid_axis:
        ax.grid(axis=grid_axis, color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)


def percent_ticks(axis, lang: str) -> None:
    """Tick labels as Indonesian/English percentages (0–100 scale)."""
    axis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _pos: fmt.percent(v, lang, digits=0)))


def number_ticks(axis, lang: str) -> None:
    axis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _pos: fmt.number(v, lang)))


def text_color_on(hex_color: str) -> str:
    """White text on dark fills, dark text on light ones."""
    r, g, b = mpl.colors.to_rgb(hex_color)
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 else TEXT


def label_box() -> dict:
    # a white pad behind value labels so a target line passing behind them never cuts the digits
    return dict(boxstyle="square,pad=0.08", fc="white", ec="none")


def row_height(n: int) -> tuple[float, float]:
    """(inches per bar row, label font size): tighter for 38 provinces than for a dozen kab/kota."""
    if n > 25:
        return 0.165, 6.5
    if n > 12:
        return 0.22, SMALL
    return 0.28, SMALL


def names(df, lang: str) -> list[str]:
    """Row labels: `nama`, falling back to `kode`, then to "tidak ada data"."""
    from kbreport.text.i18n import label

    out = []
    for nama, kode in zip(df["nama"] if "nama" in df else [None] * len(df),
                          df["kode"] if "kode" in df else [None] * len(df)):
        if not fmt.is_missing(nama) and str(nama).strip():
            out.append(str(nama))
        elif not fmt.is_missing(kode):
            out.append(str(kode))
        else:
            out.append(label("tidak_ada_data", lang))
    return out


def drop_total(df):
    """Sub-unit rows only: analysis tables end with a total row (`total` True); keep it only when it is
    all there is (an overall chart of one unit)."""
    if "total" not in df.columns:
        return df
    is_total = df["total"].fillna(False).astype(bool)
    return df if is_total.all() else df[~is_total]


def require(df, columns, chart: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{chart}: missing column(s) {', '.join(missing)}; got {', '.join(map(str, df.columns))}")
