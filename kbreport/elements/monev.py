"""Monev elements: the operators' to-do list towards a Kampung KB in every desa/kelurahan of a kab/kota
(or one of its kecamatan): what is left, the monthly pace needed, and the desa by kecamatan.

    kb.monev_cards(R)                       # without a Kampung KB; pace needed
    kb.monev_table(R)                       # per kecamatan: left, short of target, a month
    kb.monev_desa_list(R, kecamatan="18.72.01")

The figures come from kbreport.analysis.monev on the report's own tables (as of its as_of).
"""
from __future__ import annotations

import pandas as pd

from kbreport.text import fmt
from kbreport.analysis.monev import desa_to_do, months_left, remaining_by_kecamatan
from kbreport.elements.values import number as _num, target_percent as _pct_target
from kbreport.elements.base import omitted
from kbreport.elements.cards import Cards
from kbreport.elements.tables import Table, _caption
from kbreport.elements.texts import Text

__all__ = ["monev_cards", "monev_table", "monev_desa_list"]


def _remaining(R, kecamatan):
    _kecamatan_inside(R, kecamatan)
    h = R.headline
    return remaining_by_kecamatan(R.tables["cakupan"], h["as_of"], h["target_tanggal"], kecamatan)


def _kecamatan_inside(R, kecamatan):
    if kecamatan is not None and not str(kecamatan).startswith(f"{R.headline['wilayah_kode']}."):
        raise ValueError(f"monev: kecamatan {kecamatan!r} tidak berada di {R.wilayah}")


def _check(R):
    if R.tingkat != "kabkota":
        raise ValueError(f"monev: laporan kabupaten/kota diperlukan, bukan {R.tingkat}")


def monev_cards(R, kecamatan: str | None = None) -> Cards:
    """Desa/kelurahan without a Kampung KB, and the monthly pace needed to reach the target on time."""
    _check(R)
    h, L = R.headline, R.lang
    tot = _remaining(R, kecamatan).iloc[-1]
    belum = {"label": R.t("card_belum"), "value": int(tot["belum"]),
             "sub": R.t("card_belum_sub", total=_num(tot["desa_kelurahan"], L), date=R.date(h["as_of"])),
             "status": "ok" if tot["belum"] == 0 else "warn"}
    if h["target_persen"] is None:  # no target in force on as_of: nothing to pace to
        return Cards([belum, {"label": R.t("card_laju"), "value": fmt.DASH, "status": "info",
                              "sub": R.t("card_tanpa_kkb_sub", date=R.date(h["as_of"]))}], lang=L)
    laju = tot["laju_dibutuhkan"]
    when = R.date(h["target_tanggal"])
    if fmt.is_missing(laju):  # something needed, no time left
        pace = {"label": R.t("card_laju"), "value": fmt.DASH, "sub": R.t("card_laju_lewat", date=when), "status": "bad"}
    elif laju == 0:
        pace = {"label": R.t("card_laju"), "value": 0, "sub": R.t("card_laju_nol", t=_pct_target(h["target_persen"], L)),
                "status": "ok"}
    else:
        pace = {"label": R.t("card_laju"), "value": fmt.number_up(laju, L, 1),  # as the table prints it
                "sub": R.t("card_laju_sub", date=when), "status": "warn"}
    return Cards([
        belum,
        {"label": R.t("card_kurang"), "value": int(tot["kekurangan"]),
         "sub": R.t("card_kurang_sub", t=_pct_target(h["target_persen"], L), date=when),
         "status": "ok" if tot["kekurangan"] == 0 else "warn"},
        pace,
    ], lang=L)


def monev_table(R, kecamatan: str | None = None, caption: str | None = None) -> Table:
    """Per kecamatan: desa/kelurahan, covered, without a Kampung KB, short of target, needed a month."""
    _check(R)
    from kbreport.elements.order import ordered

    t, L, h = ordered(_remaining(R, kecamatan)), R.lang, R.headline  # the report's one order: by code
    table = pd.DataFrame({
        R.t("col_kecamatan"): t["nama"].to_numpy(),
        R.t("col_desa"): t["desa_kelurahan"].to_numpy(),
        R.t("col_tercakup"): t["tercakup"].to_numpy(),
        R.t("col_belum_kkb"): t["belum"].to_numpy(),
        R.t("col_kurang"): t["kekurangan"].to_numpy(),
        R.t("col_laju"): [fmt.number_up(x, L, 1) for x in t["laju_dibutuhkan"]]  # missing (no time left) prints "–",
    })
    if h["target_persen"] is None:  # no target in force: no shortfall or pace columns
        table = table.drop(columns=[R.t("col_kurang"), R.t("col_laju")])
        default = R.t("cap_monev_tanpa")
    else:
        default = R.t("cap_monev", t=_pct_target(h["target_persen"], L), date=R.date(h["target_tanggal"]))
    return Table(table, _caption(caption, default), lang=L, dense=True, highlight_last=True)


def monev_desa_list(R, kecamatan: str | None = None, caption: str | None = None):
    """The desa/kelurahan without a Kampung KB, grouped by kecamatan: the operators' to-do list."""
    _check(R)
    _kecamatan_inside(R, kecamatan)
    d, h = desa_to_do(R.tables["desa_tanpa_kkb"], kecamatan), R.headline
    if d.empty:
        return Text(R.t("monev_selesai", date=R.date(h["as_of"]), wilayah=R.wilayah))
    table = pd.DataFrame({
        R.t("col_kecamatan"): d["nama_kecamatan"].to_numpy(),
        R.t("col_nama_desa"): d["nama_desa"].to_numpy(),
        R.t("col_jenis_desa"): d["jenis"].to_numpy(),
        R.t("col_kode_desa"): d["kode_desa"].to_numpy(),
    })
    default = R.t("cap_monev_desa", n=_num(len(d), R.lang), date=R.date(h["as_of"]))
    return Table(table, _caption(caption, default), lang=R.lang, dense=True)
