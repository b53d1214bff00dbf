"""The one text catalogue: every word a user reads, key -> {"id": ..., "en": ...}, and `t()` to look it up.

Keys are dotted by interface: `briefing.*` (the briefings), `label.*` / `phrase.*` (columns, charts, annex),
`rule.*` / `reason.*` / `separator.*` / `ui.*` (validation), `run.*` / `os.*` / `status.*` / `index.*` /
`page.*` (batch run, index page, page template), `cli.*` (command-line help and messages), `error.*`,
`params.*` (why a params file is refused).
The entries live in kbreport/text/words/ (one data module per interface); Indonesian is the default,
English is chosen with `--bahasa en` or KBREPORT_BAHASA=en (`env_lang`). Values filled into a template
are formatted first with kbreport.text.fmt.
"""
from __future__ import annotations

import os
import string
from collections.abc import Mapping

from kbreport import SYNTHETIC_LABEL
from kbreport.text.words import briefing as _briefing
from kbreport.text.words import change as _change
from kbreport.text.words import cli as _cli
from kbreport.text.words import labels as _labels
from kbreport.text.words import maps as _maps
from kbreport.text.words import params as _params
from kbreport.text.words import regions as _regions
from kbreport.text.words import run as _run
from kbreport.text.words import validation as _validation

LANGS = ("id", "en")
DEFAULT_LANG = "id"
ENV_VAR = "KBREPORT_BAHASA"


def _merge(*tables: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for table in tables:
        for key, entry in table.items():
            if key in out:
                raise ValueError(f"catalogue key {key!r} is defined twice")
            out[key] = dict(entry)
    return out


CATALOGUE: dict[str, dict[str, str]] = _merge(
    _briefing.WORDS, _labels.LABELS, _labels.PHRASES, _validation.RULES, _validation.REASONS,
    _validation.SEPARATORS, _validation.UI, {"ui.synthetic": dict(SYNTHETIC_LABEL)},
    _run.RUN, _run.OS, _run.STATUS, _run.INDEX, _run.PAGE, _run.PLURALS, _cli.CLI, _cli.ERRORS, _maps.WORDS,
    _params.PARAMS,
    _change.WORDS, _regions.WORDS,
)


def check_lang(lang: str) -> str:
    """`lang` itself when it is "id" or "en"; anything else is a ValueError naming it."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use 'id' or 'en'")
    return lang


def env_lang(default: str = DEFAULT_LANG) -> str:
    """The language of $KBREPORT_BAHASA ("id" or "en"); `default` when unset or anything else."""
    value = os.environ.get(ENV_VAR, "").strip().lower()
    return value if value in LANGS else default


def has(key: str) -> bool:
    return key in CATALOGUE


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The entry `key` in `lang`, its {fields} filled with `values` (already formatted: kbreport.text.fmt)."""
    return CATALOGUE[key][check_lang(lang)].format(**values)


def template(key: str, lang: str = DEFAULT_LANG) -> str:
    """The entry `key` in `lang` as written, {fields} unfilled (for str.format later)."""
    return CATALOGUE[key][check_lang(lang)]


def section(prefix: str) -> dict[str, dict[str, str]]:
    """The entries whose key starts with `prefix` ("briefing."), keyed without it."""
    return {k[len(prefix):]: dict(v) for k, v in CATALOGUE.items() if k.startswith(prefix)}


def by_lang(prefix: str) -> dict[str, dict[str, str]]:
    """The entries under `prefix` as {lang: {key: text}} (the shape a Jinja template reads)."""
    sec = section(prefix)
    return {lang: {k: v[lang] for k, v in sec.items()} for lang in LANGS}


def placeholders(text: str) -> set[str]:
    """The {field} names of a template."""
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def plural(n: int, key: str, lang: str = DEFAULT_LANG) -> str:
    """The noun of `key` for n things: "report"/"reports" in English; Indonesian nouns do not change.
    Entries `plural.<key>.one` and `plural.<key>.other`."""
    form = "one" if n == 1 else "other"
    return t(f"plural.{key}.{form}", lang)
