"""pydantic's validation errors of report parameters as one ParamsError, its reason a catalogue entry.

The key is a dotted path with list items numbered from 1 as a user counts them ("peserta[2].jumlah");
the first problem is the reason, up to five more follow it ("— juga: …"); the words are params.* of
kbreport.text.words.params (Indonesian in str(), either language through kbreport.text.params_text).
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from kbreport.build.params_rules import KeyedError, RuleError
from kbreport.text.params_text import params_error

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


def _reason(err: dict, model: type[BaseModel]) -> tuple[str, dict]:
    """The catalogue entry (params.*) and fields that say why pydantic refused a value."""
    t = err["type"]
    ctx = err.get("ctx") or {}
    got = _short(err.get("input"))
    if t == "extra_forbidden":
        if len(err["loc"]) == 1:
            return "params.unknown_key_top", {"allowed": ", ".join(sorted(model.model_fields))}
        return "params.unknown_key", {}
    if t == "missing":
        return "params.required", {}
    if t in ("int_type", "int_parsing", "int_from_float"):
        return "params.int", {"got": got}
    if t in ("float_type", "float_parsing"):
        return "params.float", {"got": got}
    if t == "string_type":
        return "params.text", {"got": got}
    if t in ("string_too_short",):
        return "params.empty", {}
    if t in ("string_too_long", "too_long"):
        return "params.too_long", {"limit": ctx.get("max_length")}
    if t.startswith("date_") or t.startswith("datetime_"):
        return "params.date", {"got": got}
    if t == "literal_error":
        expected = str(ctx.get("expected", ""))
        return "params.one_of", {"expected": {"id": expected.replace(" or ", " atau "), "en": expected}, "got": got}
    if t == "list_type":
        return "params.list", {"got": got}
    if t in ("model_type", "dict_type", "model_attributes_type"):
        return "params.mapping", {"got": got}
    if t in ("bool_type", "bool_parsing"):
        return "params.bool", {"got": got}
    if t == "greater_than_equal":
        return "params.ge", {"bound": ctx.get("ge"), "got": got}
    if t == "greater_than":
        return "params.gt", {"bound": ctx.get("gt"), "got": got}
    if t == "less_than_equal":
        return "params.le", {"bound": ctx.get("le"), "got": got}
    if t == "value_error":
        e = ctx.get("error")
        if isinstance(e, RuleError):
            return e.msg, e.fields
        return "params.raw", {"text": str(e) if e is not None else err["msg"].removeprefix("Value error, ")}
    return "params.raw", {"text": err["msg"]}


def raise_validation(file: str, e: ValidationError, model: type[BaseModel]) -> None:
    problems = []
    for err in e.errors(include_url=False):
        exc = (err.get("ctx") or {}).get("error")
        if isinstance(exc, KeyedError):
            problems.append((exc.key, exc.msg, exc.fields))
        else:
            problems.append((_loc_to_key(err["loc"]) or None, *_reason(err, model)))
    key, msg, fields = problems[0]
    raise params_error(file, key, msg, also=problems[1:], **fields) from None
