"""Small value helpers the page elements share: numbers and target percentages in the report's language,
analysis tables without their total row, and when a table is too long for the page."""
from __future__ import annotations

import pandas as pd

from kbreport.text import fmt

DENSE_SUB_UNITS = 20  # more sub-units than this: the page shows a compact chart, the annex has them all


def number(x, lang) -> str:
    return fmt.number(x, lang)


def target_percent(x, lang) -> str:
    """A target as people say it: "100%" for a whole number, "87,5%" otherwise."""
    return fmt.percent(x, lang, digits=0 if float(x).is_integer() else 1)


def without_total(df: pd.DataFrame) -> pd.DataFrame:
    return df[~df["total"].astype(bool)] if "total" in df.columns else df
