"""Cumulative Kampung KB and covered desa/kelurahan by month, with the target marker."""
from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from kbreport.text import fmt
from kbreport.charts import style as s
from kbreport.text.i18n import label, phrase


def _date_axis(ax, start, end, lang):
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 36:
        ax.xaxis.set_major_locator(mdates.YearLocator(1 if months <= 120 else 2))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: str(mdates.num2date(v).year)))
    else:
        step = 1 if months <= 8 else 3 if months <= 24 else 6
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=step))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt.month_short(mdates.num2date(v), lang)))


def trend(monthly_df: pd.DataFrame, target_date=None, target_count: float | None = None, lang: str = "id", *,
          desa_kelurahan: int | None = None, title: str | None = None, footer_note: str | None = None,
          height: float = 2.0):
    """Lines of cumulative Kampung KB and covered desa/kelurahan, the last value labelled, and the
    target as a marker joined to the last month by a dashed line (the path still to go).

    monthly_df columns: `bulan` (Timestamp, first of the month), `kampung_kb_kumulatif`, and optional
    `tercakup_kumulatif`; the running totals `kampung_kb` / `tercakup` of kbreport.analysis.trend are
    accepted in their place. `desa_kelurahan` (the unit's total) draws a faint ceiling line.
    """
    d = monthly_df.rename(columns={k: f"{k}_kumulatif" for k in ("kampung_kb", "tercakup")
                                   if k in monthly_df and f"{k}_kumulatif" not in monthly_df})
    s.require(d, ["bulan", "kampung_kb_kumulatif"], "trend")
    d = d.sort_values("bulan").reset_index(drop=True)
    x = [t.to_pydatetime() for t in pd.to_datetime(d["bulan"])]
    # covered desa drawn wide underneath, Kampung KB thin on top: both stay visible where they coincide
    series = [("kampung_kb_kumulatif", s.BLUE, 1.4, 4)]
    if "tercakup_kumulatif" in d:
        series.append(("tercakup_kumulatif", s.TEAL, 3.2, 3))
    with s.house_style():
        fig = s.new_figure(height, footer_note=footer_note)
        ax = fig.add_subplot()
        s.style_axes(ax, "y")
        ymax = 0.0
        for col, color, lw, z in series:
            y = pd.to_numeric(d[col], errors="coerce").astype(float)
            last = y.dropna()
            # the latest value goes into the legend: no end label to collide with the target path
            text = label(col, lang) + (f": {fmt.number(last.iloc[-1], lang)}" if len(last) else "")
            ax.plot(x, y, color=color, lw=lw, label=text, zorder=z, solid_capstyle="butt")
            if len(last):
                ymax = max(ymax, float(last.max()))
        end = x[-1] if len(d) else None
        if target_date is not None and not fmt.is_missing(target_count):
            td = pd.Timestamp(fmt.as_date(target_date)).to_pydatetime()
            if end is not None and td > end:
                base_col = "tercakup_kumulatif" if "tercakup_kumulatif" in d else "kampung_kb_kumulatif"
                ax.plot([end, td], [float(d[base_col].iloc[-1]), float(target_count)], color=s.ACCENT,
                        lw=1.1, ls=(0, (3, 2)), zorder=2)
            ax.plot([td], [float(target_count)], marker="D", ms=6, color=s.ACCENT, zorder=4, ls="none",
                    label=phrase("target_marker", lang, count=fmt.number(target_count, lang),
                                 date=fmt.date(td, lang)))
            ymax = max(ymax, float(target_count))
            end = td if end is None or td > end else end
        if desa_kelurahan:
            ax.axhline(desa_kelurahan, color=s.MUTED, lw=0.7, ls=":", zorder=1)
            ax.annotate(f"{label('desa_kelurahan', lang)}: {fmt.number(desa_kelurahan, lang)}",
                        (0.0, desa_kelurahan), xycoords=("axes fraction", "data"), xytext=(2, 2),
                        textcoords="offset points", fontsize=6.5, color=s.MUTED, va="bottom")
            ymax = max(ymax, float(desa_kelurahan))
        if len(d):
            start = x[0]
            _date_axis(ax, start, end, lang)
            pad = (end - start) * 0.06
            ax.set_xlim(start, end + pad)
        ax.set_ylim(0, ymax * 1.12 if ymax else 1)
        ax.yaxis.set_major_locator(MaxNLocator(5, integer=True))
        s.number_ticks(ax.yaxis, lang)
        ax.set_ylabel(phrase("trend_axis", lang))
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2 if len(series) + 1 > 2 else 3,
                  fontsize=s.SMALL, handlelength=1.6, borderaxespad=0.3)
        s.title(fig, title)
    return fig
