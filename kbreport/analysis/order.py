"""The one order sub-units take in every chart and table of a briefing: Kemendagri code, as the master lists them.

A leader looking for "Kab. Kaur" finds it at the same place on every page: the map's numbered key, the coverage
bars, Rumah DataKu, readiness, classes, outcomes and the annex all list sub-units by code. Ranks are in the
talking points (who is furthest behind) and in the map's colours, not in the order of the rows.

    in_briefing_order(R.tables["cakupan"])   # sub-units by code, the total row last

Rows without a code (a collapsed group such as "15 kecamatan" with every desa/kelurahan covered,
kbreport.elements.charts.collapse_full) come first, in the order given: the group stands for several codes.
"""
from __future__ import annotations

import pandas as pd

__all__ = ["ORDER", "in_briefing_order", "order_codes"]

ORDER = "kode"  # the one order: the master's code order (kbreport.text.words.regions: "urutan.*" says it)


def _is_total(df: pd.DataFrame) -> pd.Series:
    if "total" not in df.columns:
        return pd.Series(False, index=df.index)
    return df["total"].fillna(False).astype(bool)


def in_briefing_order(df: pd.DataFrame) -> pd.DataFrame:
    """`df`'s rows in the briefing's order: rows without a code first (as given), then the sub-units by
    code (dotted codes of one level sort as the master does: "17.09" before "17.71"), the total row last."""
    total = _is_total(df)
    kode = df["kode"] if "kode" in df.columns else pd.Series(pd.NA, index=df.index)
    no_code = ~total & kode.isna()
    subs = df[~total & ~no_code]
    subs = subs.assign(_k=subs["kode"].astype(str)).sort_values("_k", kind="stable").drop(columns="_k")
    return pd.concat([df[no_code], subs, df[total]])


def order_codes(df: pd.DataFrame) -> list[str]:
    """The sub-unit codes of `df` in the briefing's order (no group, no total): what a test compares."""
    d = in_briefing_order(df)
    d = d[~_is_total(d) & d["kode"].notna()]
    return [str(k) for k in d["kode"]]
