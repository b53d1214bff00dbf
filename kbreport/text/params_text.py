"""Params-file errors in the user's language: a ParamsError made from a catalogue key, and its text in id or en.

    raise params_error(file, "kode", "params.kode_float", got="16.1")
    params_error_text(e, "en")  -> "params/x.yaml: kode: region code 16.1 was read as a number; …"
    params_failure(e, "en")     -> "invalid params — params/x.yaml: kode: …"

The error's own `reason` (and str()) stays Indonesian, so every output in Indonesian is as it always was.
A field value may be {"id": ..., "en": ...} (`both`): a word that itself depends on the language.
"""
from __future__ import annotations

from collections.abc import Sequence

from kbreport.errors import ParamsError
from kbreport.text.catalogue import DEFAULT_LANG, LANGS, t

__all__ = ["MAX_ALSO", "both", "joined", "render", "params_error", "params_reason", "params_error_text", "error_text",
           "params_failure"]

MAX_ALSO = 5  # other problems of the same file named after the first one; the rest are counted


def _local(fields: dict, lang: str) -> dict:
    return {k: (v[lang] if isinstance(v, dict) else v) for k, v in fields.items()}


def render(msg: str, fields: dict | None, lang: str = DEFAULT_LANG) -> str:
    """The catalogue entry `msg` in `lang`, each field picked in that language when it is in both."""
    return t(msg, lang, **_local(dict(fields or {}), lang))


def both(msg: str, **fields) -> dict[str, str]:
    """Entry `msg` in every language, as a field value of another entry."""
    return {lang: render(msg, fields, lang) for lang in LANGS}


def joined(msgs: Sequence[str], sep: str = "params.or") -> dict[str, str]:
    """Entries joined by the word `sep` (" atau " / " or "), in every language."""
    return {lang: t(sep, lang).join(t(m, lang) for m in msgs) for lang in LANGS}


def _reason(msg: str, fields: dict, also: Sequence, lang: str) -> str:
    reason = render(msg, fields, lang)
    if not also:
        return reason
    more = "; ".join(f"{k or t('params.whole_file', lang)}: {render(m, f, lang)}" for k, m, f in also[:MAX_ALSO])
    extra = t("params.also_extra", lang, n=len(also) - MAX_ALSO) if len(also) > MAX_ALSO else ""
    return t("params.also", lang, reason=reason, more=more, extra=extra)


def params_error(file: str, key: str | None, msg: str, also: Sequence = (), **fields) -> ParamsError:
    """The ParamsError of catalogue entry `msg` (its reason in Indonesian); `also`: the file's other
    problems, each (key, msg, fields)."""
    also = tuple((k, m, dict(f)) for k, m, f in also)
    return ParamsError(file, key, _reason(msg, fields, also, DEFAULT_LANG), msg=msg, fields=fields, also=also)


def params_reason(e: ParamsError, lang: str = DEFAULT_LANG) -> str:
    """Why the params are refused, in `lang` (the reason as written when the error has no catalogue key)."""
    msg = getattr(e, "msg", None)
    if msg is None:
        return e.reason
    return _reason(msg, e.fields, getattr(e, "also", ()), lang)


def params_error_text(e: ParamsError, lang: str = DEFAULT_LANG) -> str:
    """"file: key: reason" in `lang` (what str(e) says in Indonesian)."""
    where = f"{e.file}: {e.key}: " if e.key else f"{e.file}: "
    return where + params_reason(e, lang)


def params_failure(e: ParamsError, lang: str = DEFAULT_LANG) -> str:
    """A report's failure reason for params that are refused: "invalid params — file: key: reason"."""
    return t("params.invalid", lang, error=params_error_text(e, lang))


def error_text(e: BaseException, lang: str = DEFAULT_LANG) -> str:
    """What kbreport's own error says, in `lang` when it is a params error (else its message as made)."""
    return params_error_text(e, lang) if isinstance(e, ParamsError) else str(e)
