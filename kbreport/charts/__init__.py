"""Charts for the briefings: one house style (kbreport.charts.style), DataFrames in, Figures out.

Each function documents the columns it reads. Pass `footer_note=kbreport.SYNTHETIC_LABEL[lang]`
when the data are synthetic; `lang` ("id" default, "en") switches every word on the chart.
"""
from __future__ import annotations

import io

from matplotlib.figure import Figure

from kbreport.charts.choropleth import coverage_map
from kbreport.charts.classification import classification_bars
from kbreport.charts.coverage import coverage_bars
from kbreport.charts.participants import participants
from kbreport.charts.readiness import readiness_heat
from kbreport.charts.rumah_dataku import rumah_dataku_status
from kbreport.charts.style import house_style
from kbreport.charts.tilemap import tile_map
from kbreport.charts.trend import trend

__all__ = [
    "classification_bars", "coverage_bars", "coverage_map", "participants", "readiness_heat", "rumah_dataku_status",
    "tile_map", "trend", "figure_to_svg", "figure_to_png_bytes",
]


def figure_to_svg(fig: Figure) -> str:
    """The figure as SVG text (glyphs as paths, no date stamp: same figure, same bytes)."""
    buf = io.StringIO()
    with house_style():
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def figure_to_png_bytes(fig: Figure, dpi: int = 200) -> bytes:
    """The figure as PNG bytes at `dpi` (200 is sharp on paper at A4 width)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()
