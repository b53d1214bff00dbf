"""The kecamatan ranking of a workshop or rakorda whose target counts kecamatan ("satu kecamatan satu
Kampung KB"): sub-units ranked by kecamatan holding a Kampung KB, and agenda points on them.

Data: R.tables["kecamatan"] (kbreport.analysis.kecamatan), as of the briefing's date, over the kecamatan
of the decree in force then.
"""
from __future__ import annotations

from kbreport.elements.values import without_total as _no_total

__all__ = ["counts_kecamatan", "kecamatan_chart", "kecamatan_points"]

TOP_N = 5  # kab/kota named as furthest behind (as kbreport.build.briefing.TOP_N for desa coverage)


def counts_kecamatan(R) -> bool:
    """True when the event quotes a target in kecamatan and the briefing has the kecamatan table."""
    if "kecamatan" not in R.tables or getattr(R.params, "jenis", None) not in ("workshop", "rakorda"):
        return False
    return any((x.satuan or "").strip().lower() == "kecamatan" for x in (R.params.target or []))


def _as_coverage(t):
    # the coverage chart's columns, so the same bars (and exact rounding) show kecamatan
    return t.rename(columns={"kecamatan_tercakup": "tercakup", "kecamatan": "desa_kelurahan",
                             "kecamatan_persen": "cakupan_persen"})


def kecamatan_chart(R, caption: str | None = None):
    """Sub-units by the share of their kecamatan holding a Kampung KB, in the briefing's order (no target line)."""
    from kbreport.charts import coverage_bars
    from kbreport.elements.charts import Chart, _caption, _fit_rows
    from kbreport.elements.order import order_note, ordered

    d = ordered(_as_coverage(R.tables["kecamatan"]))
    rows = len(_no_total(d))
    fig = _fit_rows(coverage_bars(d, None, R.lang, footer_note=R.note, xlabel=R.t("axis_kec"), sort=False), rows, 0.75)
    return Chart(fig, _caption(caption, R.cap("cap_bars_kec", date=R.date(R.headline["as_of"]))),
                 source=order_note(R, "kecamatan"))


def kecamatan_point_list(R) -> list[str]:
    """Who has a Kampung KB in every kecamatan, the best (ties named), those with most kecamatan without one."""
    from kbreport.analysis.headline import extremes
    from kbreport.elements.values import number as _num
    from kbreport.text import fmt
    from kbreport.text.talking_points import name_ties

    L = R.lang
    subs = _no_total(_as_coverage(R.tables["kecamatan"])).sort_values("kode")
    subs = subs[subs["desa_kelurahan"] > 0]
    full = subs[subs["tercakup"] >= subs["desa_kelurahan"]]
    if len(subs) and len(full) == len(subs):
        return [R.t("agenda_kec_semua", n=_num(len(full), L), unit=R.unit)]
    out = []
    if len(full):
        names = ", ".join(R.sub_name(x) for x in full["nama"].head(8)) + (", …" if len(full) > 8 else "")
        out.append(R.t("agenda_kec_penuh", n=_num(len(full), L), unit=R.unit, names=names))
    top = extremes(subs)[0]
    if not len(full) and top:
        tied = [R.sub_name(x) for x in (top["nama"], *top["lainnya"])]
        out.append(R.t("agenda_kec_tinggi", unit=R.unit, nama=name_ties(tied, R.unit, L), k=_num(top["tercakup"], L),
                       total=_num(top["desa_kelurahan"], L), p=fmt.percent_of(top["tercakup"], top["desa_kelurahan"], L)))
    low = subs.assign(_tanpa=subs["desa_kelurahan"] - subs["tercakup"])
    low = low[low["_tanpa"] > 0].sort_values(["_tanpa", "kode"], ascending=[False, True]).head(TOP_N)
    for _, r in low.iterrows():
        out.append(R.t("agenda_kec_rendah", nama=R.sub_name(r["nama"]), k=_num(r["_tanpa"], L),
                       total=_num(r["desa_kelurahan"], L)))
    return out


def kecamatan_points(R):
    """The kecamatan agenda points, titled as the agenda."""
    from kbreport.elements.points import Points

    return Points(kecamatan_point_list(R), title=R.t("h_agenda"))
