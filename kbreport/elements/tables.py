"""Tables: a DataFrame printed with the report's number format, headings in the report's language.

Each function takes the report and optionally `data=` (the analysis table, in the columns of
`R.tables[...]`; rows print in its order, so sort or filter it first) and `caption=`.

    kb.annex_table(R, data=R.tables["cakupan"].sort_values("nama"))
    kb.Table(df, "Judul tabel", lang=R.lang, percent_cols=["Cakupan"])   # any DataFrame
"""
from __future__ import annotations

import pandas as pd

from kbreport.text import fmt
from kbreport.elements.values import target_percent as _pct_target, without_total as _no_total
from kbreport.elements.base import Element, omitted

__all__ = ["Table", "annex_table", "outcomes_table", "rdk_gap_table", "desa_cantik_table", "targets_table"]


class Table(Element):
    """A DataFrame as an HTML table (kbreport.elements.display.table_html): numbers right-aligned and formatted
    in `lang`; `percent_cols` print as "87,4%"; `highlight_last` marks a total row; `dense` prints
    smaller rows (an annex of 38 sub-units)."""

    def __init__(self, data: pd.DataFrame, caption: str | None = None, *, lang: str = "id", percent_cols=(),
                 digits=1, highlight_last: bool = False, dense: bool = False, note: str | None = None,
                 index: bool = False, keep_together: bool | None = None):
        self.data, self.caption, self.lang = data, caption, lang
        self.options = dict(percent_cols=list(percent_cols), digits=digits, highlight_last=highlight_last,
                            dense=dense, note=note, index=index, keep_together=keep_together)

    def html(self) -> str:
        from kbreport.elements.display import table_html

        return table_html(self.data, self.caption, lang=self.lang, **self.options)

    def plain(self) -> str:
        return self.caption or f"Table ({len(self.data)} rows)"

    def __repr__(self) -> str:
        return f"Table({self.caption!r}, {len(self.data)} rows)"


def _caption(caption, default: str) -> str | None:
    return default if caption is None else (caption or None)


def _key(df: pd.DataFrame) -> pd.Series:
    """Row identity across analysis tables of one report: the code, or the total row."""
    total = df["total"].astype(bool) if "total" in df.columns else pd.Series(False, index=df.index)
    return df["kode"].astype(object).where(~total, "__total__").astype(str)


def _aligned(other: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """`other`'s rows for the sub-units of `rows`, in `rows`' order."""
    return other.set_index(_key(other)).reindex(_key(rows).to_numpy()).reset_index(drop=True)


def _ends_with_total(df: pd.DataFrame) -> bool:
    return "total" in df.columns and len(df) > 0 and bool(df["total"].iloc[-1])


def annex_table(R, data: pd.DataFrame | None = None, caption: str | None = None) -> Table:
    """Coverage and Rumah DataKu by sub-unit and the total (data: R.tables["cakupan"]; the Rumah DataKu
    columns follow its rows)."""
    from kbreport.elements.order import order_note, ordered

    c, L = (ordered(R.tables["cakupan"]) if data is None else data).reset_index(drop=True), R.lang
    r = _aligned(R.tables["rumah_dataku"], c)
    cols = {
        R.unit_heading: c["nama"].to_numpy(),
        R.t("col_desa"): c["desa_kelurahan"].to_numpy(),
        R.t("col_kkb"): c["kampung_kb"].to_numpy(),
        R.t("col_tercakup"): c["tercakup"].to_numpy(),
        R.t("col_cakupan"): [fmt.percent_of(a, b, L) for a, b in zip(c["tercakup"], c["desa_kelurahan"])],
        R.t("col_kurang"): c["kekurangan"].to_numpy(),
        R.t("col_rdk"): r["ada"].to_numpy(),
        R.t("col_rdk_persen"): [fmt.percent_of(a, b, L) for a, b in zip(r["ada"], r["kampung_kb"])],
    }
    if R.headline["target_persen"] is None:  # no target in force: no shortfall column
        del cols[R.t("col_kurang")]
    table = pd.DataFrame(cols)
    default = R.cap("cap_lampiran_dense" if R.dense else "cap_lampiran", date=R.date(R.headline["as_of"]))
    return Table(table, _caption(caption, default), lang=L, dense=True, highlight_last=_ends_with_total(c),
                 percent_cols=[R.t("col_cakupan"), R.t("col_rdk_persen")],
                 note=order_note(R, "annex"))


def more_kkb_than_desa(R, c: pd.DataFrame) -> str | None:
    """Why a row shows more Kampung KB than desa/kelurahan covered (one desa may hold several RW/dusun-level
    Kampung KB from before Inpres 3/2022; "Tercakup" counts each desa once), with how many sub-units do; None
    when no row has more. Said under the trend chart, whose two lines show the gap (the annex closes the
    last page and has no room for it)."""
    from kbreport.text.catalogue import t as catalogue_t

    subs = _no_total(c)
    n = int((subs["kampung_kb"] > subs["tercakup"]).sum())
    if not n:
        return None
    dk = R.desa_word() if hasattr(R, "desa_word") else "desa/kelurahan"
    return catalogue_t("regions.kkb_lebih", R.lang, n=fmt.number(n, R.lang), unit=R.unit, desa_kel=dk)


_OUTCOME_COLS = ("col_cpr", "col_mkjp", "col_unmet", "col_poktan")


def outcomes_table(R, data: pd.DataFrame | None = None, caption: str | None = None):
    """PUS, family-planning users, CPR, MKJP, unmet need, poktan by sub-unit (data: R.tables["hasil_kb"]).
    Left out for more than DENSE_SUB_UNITS sub-units (annex.xlsx has them; the annex caption says so)."""
    from kbreport.elements.values import DENSE_SUB_UNITS

    h = R.headline
    if all(fmt.is_missing(h[k]) for k in ("cpr", "mkjp", "unmet", "partisipasi_poktan")):
        return omitted(R, "lab_tanpa_data")  # the cards' cell says so in words
    if data is None and R.dense:
        return omitted(R, "lab_dense", n=DENSE_SUB_UNITS)
    from kbreport.elements.order import order_note, ordered

    o = ordered(R.tables["hasil_kb"]) if data is None else data
    table = pd.DataFrame({
        R.unit_heading: o["nama"].to_numpy(),
        R.t("col_pus"): o["pus"].to_numpy(),
        R.t("col_peserta_kb"): o["peserta_kb"].to_numpy(),
        R.t("col_cpr"): o["cpr"].to_numpy(),
        R.t("col_mkjp"): o["mkjp"].to_numpy(),
        R.t("col_unmet"): o["unmet"].to_numpy(),
        R.t("col_poktan"): o["partisipasi_poktan"].to_numpy(),
    })
    return Table(table, _caption(caption, R.cap("cap_hasil")), lang=R.lang, dense=True,
                 percent_cols=[R.t(k) for k in _OUTCOME_COLS], highlight_last=_ends_with_total(o),
                 note=order_note(R, "outcomes"))


def rdk_gap_table(R, data: pd.DataFrame | None = None, caption: str | None = None):
    """A facilitation: sub-units with the Rumah DataKu still needed for rdk_target_persen, in the briefing's
    order (kbreport.analysis.order), then the total (data: R.tables["rumah_dataku"], printed in its order
    when given)."""
    from kbreport.elements.order import order_note, ordered

    if R.headline["kampung_kb"] <= 0:
        return omitted(R, "lab_tanpa_data")  # the chart's cell says so in words
    L = R.lang
    r = ordered(R.tables["rumah_dataku"]) if data is None else data
    table = pd.DataFrame({
        R.unit_heading: r["nama"].to_numpy(),
        R.t("col_kkb"): r["kampung_kb"].to_numpy(),
        R.t("col_rdk"): r["ada"].to_numpy(),
        R.t("col_rdk_persen"): [fmt.percent_of(a, b, L) for a, b in zip(r["ada"], r["kampung_kb"])],
        R.t("col_rdk_kurang"): r["kekurangan"].to_numpy(),
        R.t("col_belum"): r["belum"].to_numpy(),
        R.t("col_tidak"): r["tidak"].to_numpy(),
    })
    default = R.t("cap_rdk_gap", unit=R.unit_heading, t=_pct_target(R.params.rdk_target_persen, L))
    return Table(table, _caption(caption, default), lang=L, dense=True, percent_cols=[R.t("col_rdk_persen")],
                 highlight_last=_ends_with_total(r), note=order_note(R, "rdk_gap"))


def desa_cantik_table(R, data: pd.DataFrame | None = None, caption: str | None = None):
    """An MoU with BPS: Desa Cantik by sub-unit, how many are Kampung KB, not yet, with a Rumah DataKu
    (data: R.extra["desa_cantik"]["per_sub_unit"])."""
    if R.jenis != "mou":
        return omitted(R, "lab_jenis", jenis="mou")
    dc = R.extra["desa_cantik"]
    if int(dc["desa_cantik"]) <= 0:
        return omitted(R, "lab_tanpa_data")  # the sentence's cell says so in words
    from kbreport.elements.order import order_note, ordered

    t = ordered(dc["per_sub_unit"]) if data is None else data
    table = pd.DataFrame({
        R.unit_heading: t["nama"].to_numpy(),
        R.t("col_dc"): t["desa_cantik"].to_numpy(),
        R.t("col_dc_kkb"): t["kampung_kb"].to_numpy(),
        R.t("col_dc_bukan"): t["bukan_kampung_kb"].to_numpy(),
        R.t("col_dc_rdk"): t["rumah_dataku"].to_numpy(),
    })
    return Table(table, _caption(caption, R.cap("cap_dc")), lang=R.lang, dense=True,
                 highlight_last=_ends_with_total(t), note=order_note(R, "desa_cantik"))


def targets_table(R, caption: str | None = None):
    """The targets an event quotes (the target parameter), with where the region stands as of as_of
    when the data measure their unit (R.target_position)."""
    L, p = R.lang, R.params
    if not p.target:
        return omitted(R, "lab_target")
    rows = []
    for tg in p.target:
        pos, gap = R.target_position(tg)
        value = None
        if tg.nilai is not None:
            value = fmt.number(tg.nilai, L, 0 if float(tg.nilai).is_integer() else 1)
            value += f" {tg.satuan}" if tg.satuan else ""
        rows.append({R.t("col_target"): tg.uraian,
                     R.t("col_batas"): R.date(tg.tanggal) if tg.tanggal else fmt.DASH,
                     R.t("col_nilai"): value or fmt.DASH,
                     R.t("col_posisi"): pos or fmt.DASH,
                     R.t("col_selisih"): gap or fmt.DASH})
    return Table(pd.DataFrame(rows), _caption(caption, R.t("cap_target", date=R.date(R.headline["as_of"]))),
                 lang=L, dense=True)
