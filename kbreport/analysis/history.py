"""Rows in force as of a date: which profil / kkbpk row each Kampung KB's figures come from, and their period.

A table with history (a `periode` column, monthly) holds several rows per Kampung KB. As of `as_of` a
Kampung KB's row is its latest row whose month has **ended** on or before as_of (a month counts from its
last day: as of 7 March 2017 the latest is February 2017, as of 30 June 2024 June 2024). Rows of later
months are never used; a Kampung KB with no such row has none (its figures are absent, not borrowed from
later). `as_of=None` takes each Kampung KB's latest row.

A row without a period (an export without history: no `periode` column, or a blank one) is undated: it is
used at any date, but only when the Kampung KB has no dated row in force, and `Periods.tanpa_periode`
counts it so the briefing can say the figure is undated.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kbreport.analysis.units import as_of_timestamp, cached, check_columns

__all__ = ["Periods", "last_month_ended", "rows_as_of", "periods_used"]


def last_month_ended(as_of) -> np.datetime64 | None:
    """The latest month (datetime64[M]) that has ended on or before `as_of`; None for no cut-off."""
    ts = as_of_timestamp(as_of)
    if ts is None:
        return None
    return (np.datetime64(ts.date(), "D") + 1).astype("datetime64[M]") - 1


def _months(table: pd.DataFrame) -> np.ndarray:
    """periode as months since 1970 (int64), with a very small number for rows without a period."""
    if "periode" not in table.columns:
        return np.full(len(table), np.iinfo(np.int64).min, dtype=np.int64)
    m = pd.to_datetime(table["periode"]).to_numpy().astype("datetime64[M]")
    out = m.astype(np.int64)
    out[np.isnat(m)] = np.iinfo(np.int64).min
    return out


def rows_as_of(table: pd.DataFrame, kampung_kb: pd.DataFrame, as_of=None, key: str = "kampung_kb_id") -> np.ndarray:
    """Per row of `kampung_kb`: the row position in `table` in force as of `as_of` (module doc), -1 if none."""
    check_columns(table, (key,), "profil/kkbpk")
    limit = last_month_ended(as_of)
    lim = None if limit is None else int(limit.astype(np.int64))
    cols = (key,) + (("periode",) if "periode" in table.columns else ())

    def build():
        months = _months(table)
        ok = np.ones(len(table), dtype=bool) if lim is None else months <= lim  # undated rows always pass
        rows = np.flatnonzero(ok)
        codes = pd.factorize(table[key].to_numpy(dtype=object)[rows])[0]
        # latest month per key; among equal months (an undated export) the first row, as before
        order = np.lexsort((-rows, months[rows], codes))
        last = np.ones(len(order), dtype=bool)
        codes = codes[order]
        last[:-1] = codes[:-1] != codes[1:]
        chosen = rows[order[last]]
        pos = pd.Index(table[key].to_numpy(dtype=object)[chosen]).get_indexer(kampung_kb["id"].to_numpy(dtype=object))
        return np.where(pos >= 0, chosen[np.maximum(pos, 0)] if len(chosen) else -1, -1).astype(np.int64)

    return cached(f"as_of:{key}:{lim}", (table, kampung_kb), (cols, ("id",)), build)


@dataclass(frozen=True)
class Periods:
    """The periods of the rows a figure used: first and last month (Timestamps) and how many rows had none."""

    awal: pd.Timestamp | None
    akhir: pd.Timestamp | None
    tanpa_periode: int
    baris: int  # rows used

    @property
    def label(self) -> str | None:
        """YYYY-MM of the latest month used (figures.json), None when no dated row was used."""
        return None if self.akhir is None else self.akhir.strftime("%Y-%m")


def periods_used(table: pd.DataFrame, positions: np.ndarray) -> Periods:
    """Periods of the rows at `positions` (-1 entries are skipped)."""
    pos = np.asarray(positions)
    pos = pos[pos >= 0]
    if "periode" not in table.columns or not len(pos):
        return Periods(None, None, int(len(pos)), int(len(pos)))
    p = pd.to_datetime(table["periode"]).to_numpy()[pos]
    dated = p[~np.isnat(p)]
    if not len(dated):
        return Periods(None, None, int(len(pos)), int(len(pos)))
    return Periods(pd.Timestamp(dated.min()), pd.Timestamp(dated.max()), int(len(pos) - len(dated)), int(len(pos)))
