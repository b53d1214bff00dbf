"""pydantic's validation errors of report parameters as one ParamsError, its reason in plain Indonesian.

The key is a dotted path with list items numbered from 1 as a user counts them ("peserta[2].jumlah");
the first problem is the reason, up to five more follow it ("— juga: …").
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from kbreport.build.params_rules import KeyedError
from kbreport.errors import ParamsError

__all__ = ["raise_validation"]


def _loc_to_key(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif part in ("function-after", "function-before") or str(part).startswith("function-"):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


def _short(v: Any) -> str:
    s = repr(v)
    return s if len(s) <= 60 else s[:57] + "…"


def _reason(err: dict, model: type[BaseModel]) -> str:
    t = err["type"]
    ctx = err.get("ctx") or {}
    got = err.get("input")
    if t == "extra_forbidden":
        allowed = ", ".join(sorted(model.model_fields))
        return f"kunci tidak dikenal (kunci yang boleh di tingkat atas: {allowed})" if len(err["loc"]) == 1 \
            else "kunci tidak dikenal"
    if t == "missing":
        return "wajib diisi"
    if t in ("int_type", "int_parsing", "int_from_float"):
        return f"harus bilangan bulat, bukan {_short(got)}"
    if t in ("float_type", "float_parsing"):
        return f"harus angka, bukan {_short(got)}"
    if t == "string_type":
        return f"harus teks, bukan {_short(got)}"
    if t in ("string_too_short",):
        return "tidak boleh kosong"
    if t in ("string_too_long", "too_long"):
        return f"terlalu panjang (batas {ctx.get('max_length')})"
    if t.startswith("date_") or t.startswith("datetime_"):
        return f"harus tanggal YYYY-MM-DD, bukan {_short(got)}"
    if t == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", " atau ")
        return f"harus salah satu dari {expected}, bukan {_short(got)}"
    if t == "list_type":
        return f"harus daftar (list), bukan {_short(got)}"
    if t in ("model_type", "dict_type", "model_attributes_type"):
        return f"harus pemetaan (kunci: nilai), bukan {_short(got)}"
    if t in ("bool_type", "bool_parsing"):
        return f"harus true/false, bukan {_short(got)}"
    if t == "greater_than_equal":
        return f"harus ≥ {ctx.get('ge')}, bukan {_short(got)}"
    if t == "greater_than":
        return f"harus > {ctx.get('gt')}, bukan {_short(got)}"
    if t == "less_than_equal":
        return f"harus ≤ {ctx.get('le')}, bukan {_short(got)}"
    if t == "value_error":
        e = ctx.get("error")
        return str(e) if e is not None else err["msg"].removeprefix("Value error, ")
    return err["msg"]


def raise_validation(file: str, e: ValidationError, model: type[BaseModel]) -> None:
    problems = []
    for err in e.errors(include_url=False):
        exc = (err.get("ctx") or {}).get("error")
        if isinstance(exc, KeyedError):
            problems.append((exc.key, exc.reason))
        else:
            problems.append((_loc_to_key(err["loc"]) or None, _reason(err, model)))
    key, reason = problems[0]
    if len(problems) > 1:
        more = "; ".join(f"{k or '(berkas)'}: {r}" for k, r in problems[1:6])
        extra = f" (+{len(problems) - 6} lagi)" if len(problems) > 6 else ""
        reason = f"{reason} — juga: {more}{extra}"
    raise ParamsError(file, key, reason) from None
