"""The desa/kelurahan coverage target in force on a date: the default applies only from when it was set.

The default — a Kampung KB in 100 % of desa/kelurahan by 31 December 2024 — comes from Presidential
Instruction (Inpres) No. 3 of 2022, signed 20 May 2022 (/work/shared/domain-notes.md; the seeds quote it).
Before that date no such target existed, so a briefing as of an earlier date, with no target of its own in
params, has none: `coverage_target` returns (None, None) and the briefing quotes no shortfall, pace or
target line. A target given in params is always used (a missing half takes the default's half).
"""
from __future__ import annotations

from datetime import date

from kbreport.analysis.units import to_date

DEFAULT_TARGET_TANGGAL = date(2024, 12, 31)  # Inpres 3/2022: a Kampung KB in every desa/kelurahan by 2024
DEFAULT_TARGET_PERSEN = 100.0
DEFAULT_TARGET_SEJAK = date(2022, 5, 20)  # Inpres 3/2022 signed 20 May 2022 (domain notes)


def coverage_target(as_of, target_tanggal=None, target_persen=None) -> tuple[date | None, float | None]:
    """(deadline, percent) of the coverage target on `as_of`: the params' own when either is given,
    else the Inpres 3/2022 default on or after DEFAULT_TARGET_SEJAK, else (None, None)."""
    if target_tanggal is None and target_persen is None:
        d = to_date(as_of)
        if d is not None and d < DEFAULT_TARGET_SEJAK:
            return None, None
        return DEFAULT_TARGET_TANGGAL, DEFAULT_TARGET_PERSEN
    tgl = DEFAULT_TARGET_TANGGAL if target_tanggal is None else to_date(target_tanggal)
    return tgl, DEFAULT_TARGET_PERSEN if target_persen is None else float(target_persen)
