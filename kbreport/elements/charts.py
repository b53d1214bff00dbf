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

from kbreport.elements.values import target_percent as _pct_target, without_total as _no_total
from kbreport.elements.base import Element, Omitted, omitted
from kbreport.elements.texts import Text
from kbreport.text.catalogue import t as catalogue_t

__all__ = [
    "Chart", "ROW_HEIGHTS", "bar_row_height", "coverage_chart", "map_chart", "tile_map_chart", "trend_chart", "rumah_dataku_chart",
    "readiness_chart", "classification_chart", "participants_chart",
]

# Bar-row height (inches) by number of rows: (more than n, per row); below the first, the charts' own.
ROW_HEIGHTS = ((15, 0.105), (13, 0.14), (12, 0.16), (9, 0.2), (4, 0.22))  # 16 rows and more: as dense as it gets


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


def local_figure(R, fig):
    """The figure with "desa/kelurahan" in its titles, axes and legend in the region's own words (R.local)."""
    from matplotlib.text import Text as _MplText

    local = getattr(R, "local", None)
    if local is None:
        return fig
    for t in fig.findobj(_MplText):
        s = t.get_text()
        if s and local(s) != s:
            t.set_text(local(s))
    return fig


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

    from kbreport.elements.order import collapse_note, joined, order_note, ordered

    d = R.tables["cakupan"] if data is None else data
    group = 0  # sub-units drawn as the one bar on top
    if data is None:  # the briefing's order, fully covered sub-units as one bar on top (in code order below it)
        before = len(_no_total(d))
        d = collapse_full(ordered(d), R.unit)
        if len(_no_total(d)) < before:
            group = before - len(_no_total(d)) + 1
    rows = len(_no_total(d))
    fig = _fit_rows(local_figure(R, coverage_bars(d, R.params.target_persen, R.lang, footer_note=R.note, sort=False)),
                    rows, 0.75)
    if rows <= 3:  # the chart's floor height leaves a lone bar (a collapsed region) twice as thick as needed
        w, h = fig.get_size_inches()
        fig.set_size_inches(w, min(h, 0.95 + 0.25 * rows))
    default = R.cap("cap_bars_compact" if R.tingkat == "nasional" else "cap_bars")  # under Indonesia's tile map
    return Chart(fig, _caption(caption, default), source=joined(order_note(R, "coverage"), collapse_note(R, group)))


def _mt(R, key: str, **values) -> str:
    return catalogue_t(f"map.{key}", R.lang, **values)


def map_alt(R, d: pd.DataFrame) -> str:
    """The map's text for screen readers: what it shows, how many sub-units in each class, what is not drawn."""
    from kbreport.charts.choropleth import class_labels, map_class, not_drawn
    from kbreport.text import fmt

    subs = _no_total(d)
    has = {"tercakup", "desa_kelurahan"} <= set(subs.columns)
    ks = [map_class(v, r.get("tercakup") if has else None, r.get("desa_kelurahan") if has else None)
          for v, (_, r) in zip(pd.to_numeric(subs["cakupan_persen"], errors="coerce"), subs.iterrows())]
    labels = class_labels(R.lang)
    parts = [_mt(R, "alt_class", n=fmt.number(ks.count(k), R.lang), cls=labels[k])
             for k in range(len(labels) - 1, -1, -1) if ks.count(k)]
    if ks.count(None):
        parts.append(_mt(R, "alt_nodata", n=fmt.number(ks.count(None), R.lang)))
    alt = _mt(R, "alt_map", n=fmt.number(len(subs), R.lang), unit=R.unit, wilayah=R.wilayah, classes="; ".join(parts))
    missing = not_drawn(d, R.headline["wilayah_kode"] or "")
    if missing:
        names = dict(zip(subs["kode"].astype(str), subs["nama"]))
        alt += _mt(R, "alt_not_drawn", names=", ".join(f"{names.get(k, k)} ({k})" for k in missing))
    return alt


def map_chart(R, data: pd.DataFrame | None = None, caption: str | None = None):
    """The sub-units on a map, coloured by coverage class with a numbered key; sub-units whose code has no
    2025 boundary are listed under it (data: R.tables["cakupan"]). Its alt text starts "Peta" / "Map"."""
    from kbreport.charts.choropleth import coverage_map

    if R.tingkat not in ("nasional", "provinsi", "kabkota"):
        return Omitted(R.t("lab_kosong", why=_mt(R, "lab_map")))
    from kbreport.elements.order import order_note

    d = R.tables["cakupan"] if data is None else data
    fig = local_figure(R, coverage_map(d, R.lang, parent=R.headline["wilayah_kode"] or "", footer_note=R.note))
    local = getattr(R, "local", lambda x: x)
    return Chart(fig, _caption(caption, local(_mt(R, "cap_map", unit=R.unit))), alt=local(map_alt(R, d)),
                 source=order_note(R, "map", on_map=True))


FULL_COLLAPSE = 5  # this many sub-units or more with every desa/kelurahan covered: one bar for all of them


def collapse_full(d: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The coverage table with its fully covered sub-units as one row ("15 kecamatan", their desa/kelurahan
    added up) when there are at least FULL_COLLAPSE of them: identical 100 % bars say nothing a line does
    not (their names are in the map's key and the annex)."""
    subs = _no_total(d)
    full = subs[(subs["desa_kelurahan"] > 0) & (subs["tercakup"] >= subs["desa_kelurahan"])]
    if len(full) < FULL_COLLAPSE:
        return d
    one = {c: pd.NA for c in d.columns}
    one.update(kode=None, nama=f"{len(full)} {unit}", desa_kelurahan=int(full["desa_kelurahan"].sum()),
               tercakup=int(full["tercakup"].sum()), cakupan_persen=100.0)
    if "total" in d.columns:
        one["total"] = False
    rows = pd.DataFrame([one]).astype({c: d[c].dtype for c in ("desa_kelurahan", "tercakup", "cakupan_persen")})
    return pd.concat([rows, d.drop(index=full.index)], ignore_index=True)


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
    if h["target_persen"] is None:  # no target in force on as_of: no target marker, a caption without one
        fig = trend(d, None, None, R.lang, desa_kelurahan=h["desa_kelurahan"], footer_note=R.note)
        return Chart(local_figure(R, fig), _caption(caption, R.t("cap_trend_tanpa")), source=_more_kkb(R, data))
    fig = local_figure(R, trend(d, h["target_tanggal"], target_count(h["desa_kelurahan"], h["target_persen"]), R.lang,
                                desa_kelurahan=h["desa_kelurahan"], footer_note=R.note))
    default = R.t("cap_trend", t=_pct_target(h["target_persen"], R.lang), date=R.date(h["target_tanggal"]))
    return Chart(fig, _caption(caption, default), source=_more_kkb(R, data))


def _more_kkb(R, data) -> str | None:
    """Why the Kampung KB line runs above the covered line (kbreport.elements.tables.more_kkb_than_desa)."""
    from kbreport.elements.tables import more_kkb_than_desa

    return more_kkb_than_desa(R, R.tables["cakupan"]) if data is None and "cakupan" in R.tables else None


def rumah_dataku_chart(R, data: pd.DataFrame | None = None, caption: str | None = None) -> Chart | Text:
    """Kampung KB by Rumah DataKu status per sub-unit, against rdk_target_persen (data: R.tables["rumah_dataku"])."""
    from kbreport.charts import rumah_dataku_status

    if R.headline["kampung_kb"] <= 0:
        return Text(R.t("rdk_tanpa"))
    from kbreport.elements.order import order_note, ordered

    d = ordered(R.tables["rumah_dataku"]) if data is None else data
    fig = _fit_rows(rumah_dataku_status(d, R.params.rdk_target_persen, R.lang, footer_note=R.note, sort=False),
                    _rows(R, data), 1.0)
    return Chart(fig, _caption(caption, R.cap("cap_rdk")), source=order_note(R, "rumah_dataku"))


def readiness_chart(R, data: pd.DataFrame | None = None, caption: str | None = None):
    """Share of Kampung KB with each institutional element, by sub-unit; for more than DENSE_SUB_UNITS
    sub-units the region's one row (the rest is in annex.xlsx). data: R.tables["kesiapan"]."""
    from kbreport.charts import readiness_heat

    if R.headline["kampung_kb"] <= 0:
        return omitted(R, "lab_tanpa_data")  # the Rumah DataKu cell says so in words
    from kbreport.elements.order import order_note, ordered

    k = ordered(R.tables["kesiapan"]) if data is None else data
    if data is None and R.dense:
        fig = readiness_heat(k[k["total"].astype(bool)], R.lang, footer_note=R.note)
        default = R.t("cap_readiness_total", wilayah=R.wilayah, unit=R.unit)
    else:
        fig = _fit_rows(readiness_heat(k, R.lang, footer_note=R.note), _rows(R, data), 0.95)
        default = R.cap("cap_readiness")
        return Chart(fig, _caption(caption, default), source=order_note(R, "readiness"))
    return Chart(fig, _caption(caption, default))


def classification_chart(R, data: pd.DataFrame | None = None, caption: str | None = None) -> Chart | Text:
    """Recomputed Kampung KB classes by sub-unit; for more than DENSE_SUB_UNITS sub-units one bar for
    the region. data: R.tables["klasifikasi"]."""
    from kbreport.charts import classification_bars

    from kbreport.elements.order import order_note, ordered

    k = ordered(R.tables["klasifikasi"]) if data is None else data
    tot = R.tables["klasifikasi"]
    if int(tot[tot["total"]].iloc[0]["dengan_profil"]) <= 0:
        return Text(R.t("klas_tanpa"))
    if data is None and R.dense:  # one overall bar; the shares by sub-unit are in annex.xlsx
        fig = classification_bars(k[k["total"]], R.lang, footer_note=R.note)
        w, h = fig.get_size_inches()
        fig.set_size_inches(w, min(h, 1.0 + 0.3))
        default = R.t("cap_klas_total", wilayah=R.wilayah, unit=R.unit)
    else:
        fig = _fit_rows(classification_bars(k, R.lang, footer_note=R.note), _rows(R, data), 0.85)
        default = R.cap("cap_klas")
        return Chart(fig, _caption(caption, default), source=order_note(R, "klasifikasi"))
    return Chart(fig, _caption(caption, default))


def participants_chart(R, caption: str | None = None):
    """An event's participants by group, when every group has a number; else nothing in the document (JupyterLab
    says the source gives no composition: a note for the analyst, not for the leader)."""
    from kbreport.charts import participants

    df = R.participants_table()
    if df is not None:
        # the chart's own title names it and the total; a caption would repeat it
        return Chart(participants(df, R.lang, footer_note=R.note), caption or None, alt=R.t("cap_peserta"))
    if R.params.peserta or R.params.jumlah_peserta:  # a note for the analyst (JupyterLab), not for the leader
        return omitted(R, "lab_peserta_rincian")
    return omitted(R, "lab_peserta")
