"""Labels and short phrases (catalogue keys label.* and phrase.*), shared by charts, the Excel annex and text.

`label(key, lang)` names a canonical column or concept ("cakupan_persen" -> "Cakupan (%)").
`phrase(key, lang, **values)` fills a short template ("target_line" -> "Target 100%").
Unknown keys fall back to a readable form of the key, so a new column never breaks a report.
"""
from __future__ import annotations

import re

from kbreport.text.catalogue import check_lang, has, section, t

# The catalogue's label.* and phrase.* entries as (Indonesian, English) pairs, the shape these tables had.
# Domain words stay Indonesian in English text.
LABELS: dict[str, tuple[str, str]] = {k: (v["id"], v["en"]) for k, v in section("label.").items()}
PHRASES: dict[str, tuple[str, str]] = {k: (v["id"], v["en"]) for k, v in section("phrase.").items()}


_PCT_SUFFIX = re.compile(r"_(persen|pct)$")


def label(key: str, lang: str = "id") -> str:
    """Heading for a canonical column or concept; "<x>_persen" gets "<label of x> (%)"."""
    check_lang(lang)
    if has(f"label.{key}"):
        return t(f"label.{key}", lang)
    m = _PCT_SUFFIX.search(key)
    if m and has(f"label.{key[: m.start()]}"):
        base = t(f"label.{key[: m.start()]}", lang)
        return base if base.endswith("(%)") else f"{base} (%)"
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def phrase(key: str, lang: str = "id", **values) -> str:
    """A short template filled with already-formatted values (format them with kbreport.text.fmt)."""
    return t(f"phrase.{key}", lang, **values)


def sub_unit_kind(tingkat: str, lang: str = "id") -> str:
    """What the sub-units of a unit are called: nasional -> provinsi, provinsi -> kabupaten/kota, ..."""
    key = {"nasional": "sub_provinsi", "provinsi": "sub_kabkota", "kabkota": "sub_kecamatan",
           "kecamatan": "sub_desa"}.get(tingkat)
    if key is None:
        raise ValueError(f"unknown tingkat {tingkat!r}: use nasional, provinsi, kabkota or kecamatan")
    return label(key, lang)


def yes_no(value: bool, lang: str = "id") -> str:
    return label("ya" if value else "tidak_bool", lang)
