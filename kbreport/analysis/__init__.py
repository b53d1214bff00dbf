"""The analysis layer: pure functions over the canonical tables (kbreport.ingest.schema) and the master's desa table.

Every analysis takes the desa table (`kbreport.ingest.wilayah.desa_table(master)`), the canonical DataFrames, a unit
code (None = Indonesia, "PP" = province, "PP.KK" = kab/kota) and an as_of date, and returns one row per
sub-unit (one level below) plus a total row flagged `total`. Only active Kampung KB launched on or before
as_of count (kbreport.analysis.units). No I/O, no plotting.

The `*_from_scope` variants take a precomputed `units.scope(...)` so several tables of one unit share it.
"""
from kbreport.analysis.coverage import (COVERAGE_COLUMNS, coverage, coverage_all_levels, coverage_from_scope,
                                        coverage_level, sub_rows, total_row)
from kbreport.analysis.change import CHANGE_KEYS, change, coverage_points, year_earlier
from kbreport.analysis.desa_cantik import desa_cantik_overlap
from kbreport.analysis.gaps import below_target, desa_without_kkb
from kbreport.analysis.headline import HEADLINE_KEYS, headline
from kbreport.analysis.kecamatan import kecamatan_coverage
from kbreport.analysis.outcomes import kb_outcomes
from kbreport.analysis.readiness import READINESS_INDICATORS, READINESS_LABELS, readiness
from kbreport.analysis.rumah_dataku import rumah_dataku
from kbreport.analysis.trend import target_pace, trend
from kbreport.analysis.units import Scope, Unit, resolve, scope

__all__ = [
    "kecamatan_coverage", "CHANGE_KEYS", "change", "coverage_points", "year_earlier",
    "COVERAGE_COLUMNS", "HEADLINE_KEYS", "READINESS_INDICATORS", "READINESS_LABELS", "Scope", "Unit",
    "below_target", "coverage", "coverage_all_levels", "coverage_from_scope", "coverage_level",
    "desa_cantik_overlap", "desa_without_kkb", "headline", "kb_outcomes", "readiness", "resolve",
    "rumah_dataku", "scope", "sub_rows", "target_pace", "total_row", "trend",
]
