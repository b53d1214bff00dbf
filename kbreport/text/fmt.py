"""Numbers and dates the way a briefing prints them, through Babel.

Every figure that reaches a reader goes through these functions: "1.322", "87,4%",
"4–5 Juni 2024" in Indonesian (the default), "1,322", "87.4%", "4–5 June 2024" in English.
A missing value (None, NaN, pd.NA, NaT) prints as an en dash.
"""
from __future__ import annotations

import functools
import math
import numbers
from datetime import date as _date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import parse_pattern

DASH = "–"  # printed for a missing figure
LANGS = ("id", "en")


def _locale(lang: str) -> Locale:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use 'id' or 'en'")
    return _babel_locale(lang)


# Babel's format_decimal/format_percent parse the locale and the pattern on every call; a
# briefing formats thousands of figures, so both are parsed once (same output: it is what
# those functions do, then pattern.apply).
@functools.lru_cache(maxsize=None)
def _babel_locale(lang: str) -> Locale:
    return Locale.parse(lang)


@functools.lru_cache(maxsize=None)
def _pattern(pattern: str):
    return parse_pattern(pattern)


def is_missing(x) -> bool:
    """True for None, NaN, pd.NA and NaT (anything that must not be printed as a figure)."""
    if x is None:
        return True
    try:
        import pandas as pd

        if x is pd.NA or x is pd.NaT:
            return True
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    if isinstance(x, float):
        return math.isnan(x)
    try:
        return bool(x != x)  # numpy floats, Decimal('NaN')
    except (TypeError, ValueError):
        return False


def exact(x) -> Fraction:
    """x as an exact fraction: integers and Fractions as they are, a float by its shortest repr
    (63.75 is 63.75, 0.1 + 0.2 is 0.30000000000000004), so rounding never sees binary noise."""
    if isinstance(x, (Fraction, Decimal)):
        return Fraction(x)
    if isinstance(x, numbers.Integral):
        return Fraction(int(x))
    return Fraction(str(float(x)))


def _half_up(q: Fraction, digits: int) -> Decimal:
    """q rounded half away from zero (as people round: 63.75 -> 63.8, 2.5 -> 3) to `digits` decimals."""
    scaled = abs(q) * 10 ** digits
    n = math.floor(scaled + Fraction(1, 2))
    return Decimal(-n if q < 0 else n).scaleb(-digits)


def _rounded(x, digits: int) -> Decimal:
    # Half-up on the exact value (a float's shortest repr), so 87.45 prints 87,5, not 87,4.
    return _half_up(exact(x), digits)


def number(n, lang: str = "id", digits: int = 0) -> str:
    """1322 -> "1.322" (id) / "1,322" (en); with digits=1, 15.25 -> "15,3" / "15.3"."""
    loc = _locale(lang)
    if is_missing(n):
        return DASH
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return _pattern(pattern).apply(_rounded(n, digits), loc)


def number_up(n, lang: str = "id", digits: int = 0) -> str:
    """A quantity that is needed, rounded up at the precision shown (at the rounded-down figure the target
    would be missed): 884.8 -> "885", with digits=1 3.21 -> "3,3"; 3.3 stays "3,3" (float noise dropped)."""
    if is_missing(n):
        return DASH
    scaled = round(float(n) * 10 ** digits, 6)
    return number(math.ceil(scaled) / 10 ** digits, lang, digits)


def percent(x, lang: str = "id", digits: int = 1) -> str:
    """x on a 0–100 scale: 87.37 -> "87,4%" (id) / "87.4%" (en)."""
    loc = _locale(lang)
    if is_missing(x):
        return DASH
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
    return _pattern(pattern).apply(_rounded(x, digits) / 100, loc)


def percent_of(part, whole, lang: str = "id", digits: int = 1) -> str:
    """part/whole as a percentage, rounded half up on the exact fraction (51 of 80 -> "63,8%"), that
    never rounds to 100% while something is missing, nor to 0% when something is there:
    1512 of 1513 -> "99,9%", not "100,0%"; 1 of 2000 -> "0,1%"; all of them -> "100%". Whole 0 -> "–"."""
    loc = _locale(lang)
    if is_missing(part) or is_missing(whole) or float(whole) == 0:
        return DASH
    p, w = exact(part), exact(whole)
    if p == w:
        return percent(100, lang, digits=0)  # "100%": all of them, said plainly
    x = _half_up(p / w * 100, digits)
    step = Decimal(1).scaleb(-digits)
    if p < w:
        x = min(x, 100 - step)
    if p > 0:
        x = max(x, step)
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
    return _pattern(pattern).apply(x / 100, loc)


def as_date(d) -> _date:
    """A date from a date, datetime, Timestamp or ISO string."""
    if isinstance(d, datetime):  # also pd.Timestamp
        return d.date()
    if isinstance(d, _date):
        return d
    if isinstance(d, str):
        return _date.fromisoformat(d)
    raise TypeError(f"not a date: {d!r}")


def date(d, lang: str = "id") -> str:
    """date(2024, 6, 4) -> "4 Juni 2024" / "4 June 2024"."""
    loc = _locale(lang)
    if is_missing(d):
        return DASH
    return format_date(as_date(d), "d MMMM y", locale=loc)


def date_time(d, lang: str = "id") -> str:
    """A moment to the minute, as the clock on the wall read it (the offset is not converted):
    "2026-12-01T19:35:17+00:00" -> "1 Desember 2026 19.35" / "1 December 2026 19:35"."""
    loc = _locale(lang)
    if is_missing(d):
        return DASH
    moment = datetime.fromisoformat(d) if isinstance(d, str) else d
    if not isinstance(moment, datetime):
        raise TypeError(f"not a date and time: {d!r}")
    clock = "HH.mm" if lang == "id" else "HH:mm"
    return format_datetime(moment.replace(tzinfo=None), f"d MMMM y {clock}", locale=loc)


def date_range(start, end, lang: str = "id") -> str:
    """Shortest unambiguous range: "4–5 Juni 2024", "30 Mei–2 Juni 2024",
    "28 Desember 2023–2 Januari 2024"; one day prints as a single date."""
    loc = _locale(lang)
    if is_missing(start) or is_missing(end):
        return date(start if not is_missing(start) else end, lang)
    s, e = as_date(start), as_date(end)
    if e < s:
        raise ValueError(f"date range ends before it starts: {s} – {e}")
    if s == e:
        return date(s, lang)
    if s.year != e.year:
        left = format_date(s, "d MMMM y", locale=loc)
    elif s.month != e.month:
        left = format_date(s, "d MMMM", locale=loc)
    else:
        left = format_date(s, "d", locale=loc)
    return f"{left}–{format_date(e, 'd MMMM y', locale=loc)}"


def month_year(d, lang: str = "id") -> str:
    """date(2024, 6, 4) -> "Juni 2024" / "June 2024"."""
    loc = _locale(lang)
    if is_missing(d):
        return DASH
    return format_date(as_date(d), "LLLL y", locale=loc)


def month_short(d, lang: str = "id") -> str:
    """Axis-tick form: "Jun 2024" / "Jun 2024"; "Agu 2022" in Indonesian."""
    loc = _locale(lang)
    if is_missing(d):
        return DASH
    return format_date(as_date(d), "LLL y", locale=loc)


def megabytes(n: int, lang: str = "id") -> str:
    """A file size: "120,5 MB" (id) / "120.5 MB" (en), whole megabytes without decimals ("100 MB"); below
    1 MB in bytes ("1.054 byte" / "1,054 bytes")."""
    _locale(lang)
    if n < 1_000_000:
        return f"{number(int(n), lang)} {'byte' if lang == 'id' else 'bytes'}"
    mb = n / 1_000_000
    s = f"{mb:.0f}" if mb.is_integer() else f"{mb:.1f}"
    return f"{s.replace('.', ',') if lang == 'id' else s} MB"
