"""Heat table of institutional readiness: sub-units × indicators, share of Kampung KB in %."""
from __future__ import annotations

import numpy as np
import pandas as pd

from kbreport.text import fmt
from kbreport.charts import style as s
from kbreport.text.i18n import label

_NOT_INDICATORS = {"kode", "nama", "kampung_kb", "dengan_profil", "peringkat", "total"}


def readiness_heat(df: pd.DataFrame, lang: str = "id", *, indicators: list[str] | None = None,
                   title: str | None = None, footer_note: str | None = None):
    """Rows are sub-units in df order, columns the indicators; each cell is the share (0–100) of the
    sub-unit's Kampung KB that has it, printed as a whole percent and shaded light -> dark.

    df columns: `kode`, `nama`, one column per indicator, named canonically (`pokja_ada`, `pokja_sk`,
    `pokja_terlatih`, `plkb_pendamping`, `regulasi_ada`, `rencana_kerja`, `sekretariat`, `poktan_bkb`,
    …; a `_persen` suffix is accepted), optional `kampung_kb` (added to the row label as "n = …").
    `indicators` picks and orders columns; by default every numeric column but kode/nama/kampung_kb/
    dengan_profil. This is the table kbreport.analysis.readiness returns; its total row is left out.
    """
    s.require(df, ["nama"], "readiness_heat")
    df = s.drop_total(df)
    cols = indicators or [c for c in df.columns if c not in _NOT_INDICATORS
                          and pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])]
    s.require(df, cols, "readiness_heat")
    if not cols:
        raise ValueError("readiness_heat: no indicator columns")
    vals = df[cols].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    rows = s.names(df, lang)
    if "kampung_kb" in df:
        rows = [f"{r} (n = {fmt.number(n, lang)})" for r, n in zip(rows, df["kampung_kb"])]
    n, m = vals.shape
    per_row, fs = s.row_height(n)
    with s.house_style():
        fig = s.new_figure(max(1.8, 1.15 + max(per_row, 0.2) * n), footer_note=footer_note)
        ax = fig.add_subplot()
        masked = np.ma.masked_invalid(vals)
        cmap = s.HEAT_CMAP.with_extremes(bad=s.GREY)
        ax.imshow(masked, cmap=cmap, vmin=0, vmax=100, aspect="auto", interpolation="nearest")
        for i in range(n):
            for j in range(m):
                v = vals[i, j]
                if np.isnan(v):
                    txt, ink = fmt.DASH, s.TEXT
                else:
                    txt, ink = fmt.number(v, lang), s.text_color_on(_hex(cmap(v / 100)))
                ax.text(j, i, txt, ha="center", va="center", fontsize=fs, color=ink)
        ax.set_xticks(range(m), [label(c, lang) for c in cols], rotation=40, ha="left",
                      rotation_mode="anchor", fontsize=s.SMALL)
        ax.xaxis.tick_top()
        ax.set_yticks(range(n), rows, fontsize=fs)
        ax.tick_params(length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        poktan = [j for j, c in enumerate(cols) if c.startswith("poktan_")]
        if poktan and poktan[0] > 0:  # a wider gap between the institution and the poktan columns
            ax.axvline(poktan[0] - 0.5, color="white", lw=4, zorder=3)
        ax.set_xticks(np.arange(-0.5, m, 1), minor=True)
        ax.set_yticks(np.arange(-0.5, n, 1), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.2)
        ax.tick_params(which="minor", length=0)
        ax.set_xlabel(("Angka: % Kampung KB yang memiliki" if lang == "id" else "Figures: % of Kampung KB with"),
                      fontsize=6.5, color=s.MUTED, loc="left")
        s.title(fig, title)
    return fig


def _hex(rgba) -> str:
    from matplotlib.colors import to_hex

    return to_hex(rgba)
