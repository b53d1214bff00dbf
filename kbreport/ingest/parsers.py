"""Cell text to typed values, a whole column at a time: each parser returns (values, bad mask).

Cells arrive as stripped text ("" for blank). Blank cells become NA and are never "bad"; a cell is
bad when it holds text the parser cannot read (validation then names the row and the value).
Parsers run on distinct values only where that is cheaper (a column of 80,000 cells holds few).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kbreport.ingest import schema

__all__ = ["parse_code", "parse_date", "parse_month", "parse_bool", "parse_int", "parse_category", "parse_str",
           "category_map", "parse_column", "DTYPES", "empty_frame"]

_DESA_CODE = r"\d{2}\.\d{2}\.\d{2}\.\d{4}"


def _normalize_code_scalar(value: str) -> str | None:
    try:
        from kbreport.ingest.wilayah import normalize_code
    except ImportError:  # pragma: no cover - wilayah ships with the package
        digits = re.sub(r"\.0$", "", value.strip()).replace(".", "")
        return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}" if re.fullmatch(r"\d{10}", digits) else None
    return normalize_code(value)


def parse_code(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Desa codes "PP.KK.CC.DDDD" from dotted or undotted text; bad = non-blank but not a desa code."""
    blank = s == ""
    out = pd.Series(pd.NA, index=s.index, dtype="str")
    dotted = s.str.fullmatch(_DESA_CODE)
    out[dotted] = s[dotted]
    digits = s.str.fullmatch(r"\d{10}")
    d = s[digits]
    out[digits] = d.str.slice(0, 2) + "." + d.str.slice(2, 4) + "." + d.str.slice(4, 6) + "." + d.str.slice(6, 10)
    for i in s.index[~(blank | dotted | digits)]:  # unusual spellings only
        k = _normalize_code_scalar(s[i])
        if k is not None and re.fullmatch(_DESA_CODE, k):
            out[i] = k
    return out, ~blank & out.isna()


_MONTH_WORDS = {
    **{m: i for i, m in enumerate(("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
                                    "september", "oktober", "november", "desember"), start=1)},
    **{m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                    "september", "october", "november", "december"), start=1)},
    **{m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt",
                                    "nov", "des"), start=1)},
    "agt": 8, "ags": 8, "aug": 8, "okt": 10, "oct": 10, "dec": 12, "sept": 9, "pebruari": 2, "nopember": 11,
}
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _from_parts(index, y, m, d) -> pd.Series:
    parts = pd.DataFrame({"year": y, "month": m, "day": d}, index=index).astype("float64")
    ok = parts.notna().all(axis=1)
    out = pd.Series(pd.NaT, index=index, dtype="datetime64[us]")
    if ok.any():
        out[ok] = pd.to_datetime(parts[ok], errors="coerce").astype("datetime64[us]")
    return out


def _num(x: pd.Series) -> pd.Series:
    return pd.to_numeric(x, errors="coerce")


def parse_date(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates from ISO (2016-01-14), dd/mm/yyyy (14/01/2016, also - or .), "14 Januari 2016",
    or an Excel serial number. dd/mm, never mm/dd: Indonesian order. bad = non-blank, unparsed."""
    blank = s == ""
    t = s.str.lower()
    y = pd.Series(np.nan, index=s.index)
    m, d = y.copy(), y.copy()

    iso = t.str.extract(rf"^(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}$")
    dmy = t.str.extract(rf"^(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}){_TIME}$")
    words = t.str.extract(r"^(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})$")
    for yy, mm, dd in ((iso[0], iso[1], iso[2]), (dmy[2], dmy[1], dmy[0])):
        hit = yy.notna()
        y[hit], m[hit], d[hit] = _num(yy[hit]), _num(mm[hit]), _num(dd[hit])
    hit = words[0].notna() & words[1].isin(list(_MONTH_WORDS))
    y[hit], m[hit], d[hit] = _num(words[2][hit]), words[1][hit].map(_MONTH_WORDS).astype("float64"), _num(words[0][hit])

    out = _from_parts(s.index, y, m, d)
    serial = t.str.fullmatch(r"\d{5}(?:\.0+)?") & out.isna()  # Excel day number in an unformatted cell
    if serial.any():
        days = _num(t[serial]).astype("int64")
        ok = days.between(20000, 80000)  # 1954..2119: anything else is not a date
        out[ok[ok].index] = (_EXCEL_EPOCH + pd.to_timedelta(days[ok], unit="D")).astype("datetime64[us]")
    return out, ~blank & out.isna()


def parse_month(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First day of the month from 2024-06, 06/2024, "Juni 2024" or any date parse_date accepts."""
    blank = s == ""
    t = s.str.lower()
    y = pd.Series(np.nan, index=s.index)
    m = y.copy()
    ym = t.str.extract(r"^(\d{4})[-/.](\d{1,2})$")
    my = t.str.extract(r"^(\d{1,2})[-/.](\d{4})$")
    words = t.str.extract(r"^([a-z]+)\.?[\s-]+(\d{4})$")
    hit = ym[0].notna()
    y[hit], m[hit] = _num(ym[0][hit]), _num(ym[1][hit])
    hit = my[0].notna()
    y[hit], m[hit] = _num(my[1][hit]), _num(my[0][hit])
    hit = words[0].notna() & words[0].isin(list(_MONTH_WORDS))
    y[hit], m[hit] = _num(words[1][hit]), words[0][hit].map(_MONTH_WORDS).astype("float64")
    out = _from_parts(s.index, y, m, pd.Series(1.0, index=s.index).where(y.notna()))
    rest = ~blank & out.isna()
    if rest.any():
        full, _ = parse_date(s[rest])
        out[rest] = full.dt.to_period("M").dt.to_timestamp().astype("datetime64[us]")
    return out, ~blank & out.isna()


_TRUE = ("ya", "y", "yes", "true", "1", "ada", "iya", "benar", "aktif", "sudah")
_FALSE = ("tidak", "t", "no", "n", "false", "0", "tidak ada", "tdk", "bukan", "tidak aktif", "nonaktif",
          "non aktif", "belum", "belum ada")
_BOOL_MAP = {**{k: True for k in _TRUE}, **{k: False for k in _FALSE}, "1.0": True, "0.0": False}


def parse_bool(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """True/False from ya/tidak, y/t, yes/no, true/false, 1/0, ada/tidak ada (any case)."""
    blank = s == ""
    key = s.str.lower().str.replace(r"[\s_\-]+", " ", regex=True)
    out = key.map(_BOOL_MAP).astype("boolean")
    return out, ~blank & out.isna()


def parse_int(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole numbers (Int64; negatives kept, validation reports them). "12.0" from Excel is 12;
    "1.000" is NOT read as a thousand (nor as 1): it is reported, because its meaning is unclear."""
    blank = s == ""
    t = s.str.replace(r"^([+-]?\d+)\.0$", r"\1", regex=True)
    ok = t.str.fullmatch(r"[+-]?\d{1,15}")
    out = pd.to_numeric(t.where(ok), errors="coerce").astype("Int64")
    return out, ~blank & ~ok


# Extra spellings of category values (keys compared like headings).
_CATEGORY_SYNONYMS: dict[str, dict[str, str]] = {
    "cakupan_wilayah": {"desa/kelurahan": "Desa", "kelurahan": "Desa", "desa kelurahan": "Desa", "rt/rw": "RW",
                        "dusun/lingkungan": "Dusun", "lingkungan": "Dusun"},
    "klasifikasi": {"paripurna": "Berkelanjutan"},
    "rumah_dataku": {"sudah": "ada", "ya": "ada", "tidak ada": "tidak", "belum ada": "belum", "belum dibentuk": "belum"},
    "regulasi_tingkat": {"bupati": "bupati/walikota", "walikota": "bupati/walikota", "wali kota": "bupati/walikota",
                         "bupati/wali kota": "bupati/walikota", "kepala desa": "kepala desa/lurah",
                         "lurah": "kepala desa/lurah", "kades": "kepala desa/lurah", "kepala desa/kelurahan":
                         "kepala desa/lurah", "gubernur": "gubernur", "camat": "camat"},
}


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def category_map(col: schema.Column) -> dict[str, str]:
    """heading_key-style key -> value in the domain's spelling."""
    out = {_squash(v): v for v in col.domain}
    for k, v in _CATEGORY_SYNONYMS.get(col.name, {}).items():
        out[_squash(k)] = v
    return out


def parse_category(s: pd.Series, col: schema.Column) -> tuple[pd.Series, pd.Series]:
    """A domain value matched without regard to case, spaces or punctuation; bad = not in the domain."""
    blank = s == ""
    key = s.str.lower().str.replace(r"[^a-z0-9]+", "", regex=True)
    cmap = category_map(col)
    out = key.map(cmap).astype("str")
    return out, ~blank & out.isna()


def parse_str(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    out = s.where(s != "").astype("str")
    return out, pd.Series(False, index=s.index)


def _by_unique(s: pd.Series, parse) -> tuple[pd.Series, pd.Series]:
    """Run `parse` once per distinct value and spread the results back (string ops are per element)."""
    codes, uniq = pd.factorize(s.to_numpy(dtype=object))
    if len(uniq) * 2 > len(s):
        return parse(s)
    vals, bad = parse(pd.Series(uniq, dtype="str"))
    return (pd.Series(vals.array.take(codes), index=s.index, name=s.name),
            pd.Series(bad.to_numpy(dtype=bool)[codes], index=s.index, name=s.name))


def parse_column(s: pd.Series, col: schema.Column) -> tuple[pd.Series, pd.Series]:
    """Dispatch on the column's kind. Blank cells become NA and are never "bad" here."""
    if col.kind == "str":
        return parse_str(s)
    if col.kind == "category":
        return _by_unique(s, lambda u: parse_category(u, col))
    return _by_unique(s, _PARSERS[col.kind])


_PARSERS = {"code": parse_code, "date": parse_date, "month": parse_month, "bool": parse_bool, "int": parse_int}

DTYPES = {"code": "str", "str": "str", "category": "str", "date": "datetime64[us]", "month": "datetime64[us]",
          "bool": "boolean", "int": "Int64"}


def empty_frame(table: schema.Table) -> pd.DataFrame:
    """A table with no rows and the canonical columns and dtypes."""
    return pd.DataFrame({c.name: pd.Series(dtype=DTYPES[c.kind]) for c in table.columns})
