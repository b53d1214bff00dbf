"""A briefing's comparison with an earlier date: the export read with the decree in force then, and the change.

A region briefing compares with the same date a year earlier (kbreport.analysis.change.year_earlier); an event
briefing with the previous event of its kind for its region, whose date the batch runner passes as the runtime
parameter `pembanding_tanggal` (kbreport.batch.previous) — without it an event briefing does not compare.
The figures of then are counted over the decree in force then (its desa/kelurahan are the denominator); a unit
whose desa/kelurahan moved to or from another unit between the two decrees is not compared ("wilayah_berubah").
"""
from __future__ import annotations

from datetime import date

import pandas as pd

__all__ = ["borders_changed", "compare_with", "as_date"]


def borders_changed(kode: str | None, stem_now: str | None, stem_then: str | None) -> bool:
    """True when some desa/kelurahan of unit `kode` under decree `stem_then` lie outside it under `stem_now`, or
    the other way round (kbreport.ingest.decrees.translate_desa: only certain counterparts count). Indonesia's
    border never changes; the same decree, or a user's own master (stem None), changes nothing."""
    if kode is None or stem_now is None or stem_then is None or stem_now == stem_then:
        return False
    from kbreport.ingest.decrees import decree_table, translate_desa

    prefix = kode + "."
    for src, dst in ((stem_now, stem_then), (stem_then, stem_now)):
        t = decree_table(src)["kode"]
        codes = t[(t.str.len() == 13) & t.str.startswith(prefix)]
        mapped, _ = translate_desa(codes, src, dst)
        mapped = mapped.dropna()
        if (~mapped.astype(str).str.startswith(prefix)).any():
            return True
    return False


def compare_with(ds_now, headline: dict, kode: str | None, then: date) -> dict:
    """kbreport.analysis.change.change of `headline` (the briefing's, over `ds_now`) with `then`: the export of
    `ds_now` read again with the decree in force on `then` (kbreport.ingest.dataset.with_master_on)."""
    from kbreport.analysis.change import change
    from kbreport.build.decree_view import with_master_on
    from kbreport.ingest.dataset import load_data_cached
    from kbreport.ingest.wilayah import desa_table

    from kbreport.ingest.decrees import decree_in_force

    ds_then = ds_now  # the same decree then (or a user's own master): the export as the briefing reads it
    if ds_now.master_wilayah is not None and decree_in_force(then).stem != ds_now.master_wilayah:
        ds_then = with_master_on(load_data_cached(ds_now.data_dir), then)
    why = "wilayah_berubah" if borders_changed(kode, ds_now.master_wilayah, ds_then.master_wilayah) else None
    out = change(headline, desa_table(ds_then.master), ds_then.kampung_kb, ds_then.profil, kode, then, alasan=why)
    out["master_wilayah"] = ds_then.master_wilayah
    return out


def as_date(value) -> date | None:
    """A runtime date parameter (ISO text, date or None) as a date."""
    if value in (None, ""):
        return None
    return pd.Timestamp(value).date()
