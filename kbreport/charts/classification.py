"""Distribution of Kampung KB classes (Dasar → Berkelanjutan), by sub-unit or overall."""
from __future__ import annotations

import pandas as pd

from kbreport.charts import style as s
from kbreport.charts.stacked import stacked_shares
from kbreport.text.i18n import label, phrase
from kbreport.ingest.schema import KLASIFIKASI


def classification_bars(df: pd.DataFrame, lang: str = "id", *, title: str | None = None,
                        footer_note: str | None = None):
    """One 100%-stacked bar per row, classes in their order with light-to-dark colours; the share is
    printed in each wide-enough segment and the number of Kampung KB at the right.

    df columns: `nama` (or `kode`) and the class counts `Dasar`, `Berkembang`, `Mandiri`,
    `Berkelanjutan` (a missing class column counts as 0). One row gives the overall distribution; a `total`
    row is left out unless it is the only row.
    """
    s.require(df, ["nama"] if "kode" not in df else ["kode"], "classification_bars")
    present = [k for k in KLASIFIKASI if k in df.columns]
    if not present:
        raise ValueError(f"classification_bars: none of the class columns {', '.join(KLASIFIKASI)}")
    d = s.drop_total(df).copy()
    for k in KLASIFIKASI:
        if k not in d:
            d[k] = 0
    n = len(d)
    per_row, fs = s.row_height(n)
    with s.house_style():
        fig = s.new_figure(max(1.5, 1.0 + max(per_row, 0.3 if n <= 3 else per_row) * n), footer_note=footer_note)
        ax = fig.add_subplot()
        s.style_axes(ax, None)
        stacked_shares(ax, d, list(KLASIFIKASI), [s.CLASS_COLORS[k] for k in KLASIFIKASI],
                       [label(k, lang) for k in KLASIFIKASI], s.names(d, lang), lang, fs)
        ax.set_xlabel(phrase("classification_axis", lang))
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=4, fontsize=s.SMALL, handlelength=1.0,
                  borderaxespad=0.3)
        s.title(fig, title)
    return fig
