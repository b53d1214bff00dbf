"""Charts: a matplotlib figure with its caption, one function per chart kind of the briefings.

Each function takes the report and optionally `data=` (the analysis table to draw, in the columns of
`R.tables[...]`: pass a filtered copy to draw fewer rows) and `caption=` (None: the report's own caption;
"" none). The element keeps the figure as `.figure`, to adjust before it is shown.

    kb.coverage_chart(R, data=R.tables["cakupan"].query("cakupan_persen < 90"), caption="Di bawah 90%")
    c = kb.trend_chart(R); c.figure.axes[0].set_ylim(0, 1600); c
    kb.Chart(fig, "Judul grafik sendiri")      # any matplotlib figure
"""
from __future__ import annotations

import sys

import pandas as pd

from kbreport.elements.values import DENSE_SUB_UNITS, target_percent as _pct_target, without_total as _no_total
from kbreport.elements.base import Element, omitted
from kbreport.elements.notices import Notice
from kbreport.elements.texts import Text

__all__ = [
    "Chart", "ROW_HEIGHTS", "bar_row_height", "coverage_chart", "tile_map_chart", "trend_chart", "rumah_dataku_chart",
    "readiness_chart", "classification_chart", "participants_chart",
]

# Bar-row height (inches) by number of rows: (more than n, per row); below the first, the charts' own.
ROW_HEIGHTS = ((DENSE_SUB_UNITS, 0.105), (12, 0.16), (9, 0.2))


class Chart(Element):
    """A figure with a caption, embedded as a PNG (kbreport.elements.display.figure_html); `alt` is the
    text for screen readers (default: the caption, else the chart's own title)."""

    def __init__(self, figure, caption: str | None = None, *, alt: str | None = None, source: str | None = None):
        self.figure, self.caption, self.alt, self.source = figure, caption, alt, source
        plt = sys.modules.get("matplotlib.pyplot")
        if plt is not None and getattr(figure, "number", None) is not None and plt.fignum_exists(figure.number):
            plt.close(figure)  # a pyplot figure: this element shows it, the inline backend must not show it again

    def html(self) -> str:
        from kbreport.elements.display import figure_html

        return figure_html(self.figure, self.caption, alt=self.alt, source=self.source)

    def plain(self) -> str:
        return self.caption or self.alt or "Chart"

    def __repr__(self) -> str:
        return f"Chart({self.caption!r})"


def bar_row_height(rows: int) -> float | None:
    """Bar-row height (inches) for this many rows; None: the chart's own."""
    return next((h for n, h in ROW_HEIGHTS if rows > n), None)


def _fit_rows(fig, rows: int, fixed: float):
    """A denser version of a row chart for many rows: `fixed` inches plus a row height, never taller than drawn."""
    per_row = bar_row_height(rows)
    if per_row is None:
        return fig
    w, h = fig.get_size_inches()
    fig.set_size_inches(w, min(h, fixed + per_row * rows))
    return fig


def _rows(R, data) -> int:
    return R.n_sub if data is None else len(_no_total(data))


def _caption(caption, default: str) -> str | None:
    return default if caption is None else (caption or None)


def coverage_chart(R, data: pd.DataFrame | None = None, caption: str | None = None) -> Chart:
    """Sub-units ranked by desa/kelurahan coverage, with the target line (data: R.tables["cakupan"])."""
    from kbreport.charts import coverage_bars

    d = R.tables["cakupan"] if data is None else data
    fig = _fit_rows(coverage_bars(d, R.params.target_persen, R.lang, footer_note=R.note), _rows(R, data), 0.75)
    default = R.cap("cap_bars_compact" if R.tingkat == "nasional" else "cap_bars")  # under Indonesia's tile map
    return Chart(fig, _caption(caption, default))


def tile_map_chart(R, data: pd.DataFrame | None = None, caption: str | None = None):
    """Indonesia only: the 38 provinces as tiles coloured by coverage (data: R.tables["cakupan"])."""
    from kbreport.charts import tile_map

    if R.tingkat != "nasional":
        return omitted(R, "lab_tilemap")
    d = R.tables["cakupan"] if data is None else data
    return Chart(tile_map(d, R.lang, footer_note=R.note), _caption(caption, R.t("cap_tilemap")))


def trend_chart(R, data: pd.DataFrame | None = None, caption: str | None = None) -> Chart:
    """Kampung KB and covered desa/kelurahan month by month towards the target (data: R.tables["tren"])."""
    from kbreport.analysis.coverage import target_count
    from kbreport.charts import trend

    h = R.headline
    d = R.tables["tren"] if data is None else data
    fig = trend(d, h["target_tanggal"], target_count(h["desa_kelurahan"], h["target_persen"]), R.lang,
                desa_kelurahan=h["desa_kelurahan"], footer_note=R.note)
    default = R.t("cap_trend", t=_pct_target(h["target_persen"], R.lang), date=R.date(h["target_tanggal"]))
    return Chart(fig, _caption(caption, default))


def rumah_dataku_chart(R, data: pd.DataFrame | None = None, caption: str | None = None) -> Chart | Text:
    """Kampung KB by Rumah DataKu status per sub-unit, against rdk_target_persen (data: R.tables["rumah_dataku"])."""
    from kbreport.charts import rumah_dataku_status

    if R.headline["kampung_kb"] <= 0:
        return Text(R.t("rdk_tanpa"))
    d = R.tables["rumah_dataku"] if data is None else data
    fig = _fit_rows(rumah_dataku_status(d, R.params.rdk_target_persen, R.lang, footer_note=R.note), _rows(R, data), 1.05)
    return Chart(fig, _caption(caption, R.cap("cap_rdk")))


def readiness_chart(R, data: pd.DataFrame | None = None, caption: str | None = None):
    """Share of Kampung KB with each institutional element, by sub-unit; for more than DENSE_SUB_UNITS
    sub-units the region's one row (the rest is in annex.xlsx). data: R.tables["kesiapan"]."""
    from kbreport.charts import readiness_heat

    if R.headline["kampung_kb"] <= 0:
        return omitted(R, "lab_tanpa_data")  # the Rumah DataKu cell says so in words
    k = R.tables["kesiapan"] if data is None else data
    if data is None and R.dense:
        fig = readiness_heat(k[k["total"].astype(bool)], R.lang, footer_note=R.note)
        default = R.t("cap_readiness_total", wilayah=R.wilayah, unit=R.unit)
    else:
        fig = _fit_rows(readiness_heat(k, R.lang, footer_note=R.note), _rows(R, data), 1.15)
        default = R.cap("cap_readiness")
    return Chart(fig, _caption(caption, default))


def classification_chart(R, data: pd.DataFrame | None = None, caption: str | None = None) -> Chart | Text:
    """Recomputed Kampung KB classes by sub-unit; for more than DENSE_SUB_UNITS sub-units one bar for
    the region. data: R.tables["klasifikasi"]."""
    from kbreport.charts import classification_bars

    k = R.tables["klasifikasi"] if data is None else data
    tot = R.tables["klasifikasi"]
    if int(tot[tot["total"]].iloc[0]["dengan_profil"]) <= 0:
        return Text(R.t("klas_tanpa"))
    if data is None and R.dense:  # one overall bar; the shares by sub-unit are in annex.xlsx
        fig = classification_bars(k[k["total"]], R.lang, footer_note=R.note)
        w, h = fig.get_size_inches()
        fig.set_size_inches(w, min(h, 1.0 + 0.3))
        default = R.t("cap_klas_total", wilayah=R.wilayah, unit=R.unit)
    else:
        fig = _fit_rows(classification_bars(k, R.lang, footer_note=R.note), _rows(R, data), 1.0)
        default = R.cap("cap_klas")
    return Chart(fig, _caption(caption, default))


def participants_chart(R, caption: str | None = None):
    """An event's participants by group, when every group has a number; else a notice that the
    source gives no composition (or nothing, when no participants are named)."""
    from kbreport.charts import participants

    df = R.participants_table()
    if df is not None:
        # the chart's own title names it and the total; a caption would repeat it
        return Chart(participants(df, R.lang, footer_note=R.note), caption or None, alt=R.t("cap_peserta"))
    if R.params.peserta or R.params.jumlah_peserta:
        return Notice(R.t("peserta_tanpa_rincian"), kind="info")
    return omitted(R, "lab_peserta")
