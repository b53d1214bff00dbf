"""Since last time: the change line under a headline card, and the table of the figures then and now.

The figures come from kbreport.analysis.change (R.headline["perubahan"]: the same date a year earlier for a region
briefing, the previous event of the same kind for an event briefing; None: nothing to compare with). A figure the
data cannot tell for then reads "tidak tersedia untuk 4 Juni 2023", never 0.

    kb.change_table(R)                       # Kampung KB, coverage, Rumah DataKu: then, now, change
"""
from __future__ import annotations

import pandas as pd

from kbreport.elements.base import omitted
from kbreport.elements.tables import Table
from kbreport.text import fmt

__all__ = ["signed", "since_line", "change_table"]

MINUS = "\u2212"
_FIGURES = {"kkb": ("kampung_kb", "kampung_kb_selisih", "kampung_kb_alasan"),
            "cakupan": ("cakupan", "cakupan_selisih_poin", "cakupan_alasan"),
            "rdk": ("rumah_dataku", "rumah_dataku_selisih", "rumah_dataku_alasan")}


def signed(x, lang: str, digits: int = 0) -> str:
    """+112, −3, +7,4 (a minus sign, not a hyphen); 0 as "0"."""
    s = fmt.number(abs(x), lang, digits)
    return s if x == 0 else ("+" if x > 0 else MINUS) + s


def since_line(R, which: str) -> str | None:
    """The change of card `which` ("kkb", "cakupan", "rdk") since the comparison date, in words: "+112 sejak
    4 Juni 2023", "+7,4 poin sejak …", "tidak berubah sejak …", "perubahan: tidak tersedia untuk …";
    None when the briefing compares with nothing."""
    c = R.headline.get("perubahan")
    if not c:
        return None
    _, key, why = _FIGURES[which]
    date = R.date(c["tanggal"])
    x = c[key]
    if c[why] is not None or x is None:
        return R.t("chg_tidak_tersedia", date=date)
    if x == 0:
        return R.t("chg_tetap", date=date)
    delta = R.t("chg_poin", x=signed(x, R.lang, 1)) if which == "cakupan" else signed(x, R.lang)
    return R.t("chg_sejak", delta=delta, date=date)


def _reasons(R, c: dict) -> list[str]:
    from kbreport.analysis.change import data_start

    whys = []
    for k in ("kampung_kb_alasan", "rumah_dataku_alasan"):
        w = c[k]
        if w and w not in whys:
            whys.append(w)
    out = []
    for w in whys:
        values = {"wilayah": R.wilayah, "n": fmt.number(c["nonaktif_tanpa_tanggal"], R.lang)}
        if w == "sebelum_data":
            values["start"] = R.date(data_start(R.data.kampung_kb))
        out.append(R.t(f"chg_alasan_{w}", **values))
    return out


def change_table(R, caption: str | None = None) -> Table:
    """Kampung KB, desa/kelurahan coverage and Rumah DataKu on the comparison date and on as_of, and the change
    (coverage in percentage points from the exact fractions, kbreport.analysis.change.coverage_points). The
    desa/kelurahan of then are those of the decree in force then, named in the note when it is not today's."""
    c = R.headline.get("perubahan")
    if not c:
        return omitted(R, "chg_lab_tanpa")
    L = R.lang
    na = R.t("chg_sel_tidak_tersedia")
    then, now = R.date(c["tanggal"]), R.date(R.headline["as_of"])

    def count(x):
        return na if x is None else fmt.number(x, L)

    def cov(n, total):
        if n is None or total is None:
            return na
        return R.t("chg_cell_cakupan", p=fmt.percent_of(n, total, L), n=fmt.number(n, L), total=fmt.number(total, L))

    def delta(which):
        _, key, why = _FIGURES[which]
        x = c[key]
        if c[why] is not None or x is None:
            return na
        return R.t("chg_poin", x=signed(x, L, 1)) if which == "cakupan" else signed(x, L)

    df = pd.DataFrame({
        R.t("chg_col_angka"): [R.t("chg_row_kkb"), R.t("chg_row_cakupan"), R.t("chg_row_rdk")],
        then: [count(c["kampung_kb_dulu"]), cov(c["tercakup_dulu"], c["desa_kelurahan_dulu"]),
               count(c["rumah_dataku_dulu"])],
        now: [count(c["kampung_kb_kini"]), cov(c["tercakup_kini"], c["desa_kelurahan_kini"]),
              count(c["rumah_dataku_kini"])],
        R.t("chg_col_perubahan"): [delta("kkb"), delta("cakupan"), delta("rdk")],
    })
    notes = []  # "poin" says percentage points; how they are computed: kbreport.analysis.change
    if c.get("master_wilayah") and c["master_wilayah"] != R.headline.get("master_wilayah"):
        from kbreport.ingest.decrees import get_decree

        notes.append(R.t("chg_note_master", date=then, decree=get_decree(c["master_wilayah"]).judul))
    whys = _reasons(R, c)
    if whys:
        notes.append(R.t("chg_note_alasan", date=then, why="; ".join(whys)))
    if caption is None:
        caption = (R.t("chg_cap_event", jenis=R.t(f"chg_jenis_{R.jenis}"), date=then) if R.jenis
                   else R.t("chg_cap", date=then))
    return Table(df, caption or None, lang=L, note=" ".join(notes) or None, dense=True, keep_together=True)
