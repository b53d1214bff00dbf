"""Every word the briefings print beyond kbreport.text.i18n: TEXT (key -> Indonesian, English) and text().

`Briefing.t` (kbreport.build.briefing) fills, besides the values a caller gives, {as_of} (the briefing's
date), {kb} (the period of the monthly family-planning figures used, "KB bulanan Februari 2017") and
{profil} (that of the profiles, "profil Februari 2017"; kbreport.text.periods), so any entry may name them.
"""
from __future__ import annotations

from kbreport.text.catalogue import section, t

# Every word is a `briefing.<key>` entry of the catalogue (kbreport/text/words/briefing.py); {name} fields
# are filled with already formatted values. TEXT is that section as key -> (Indonesian, English).
TEXT: dict[str, tuple[str, str]] = {k: (v["id"], v["en"]) for k, v in section("briefing.").items()}


def text(key: str, lang: str = "id", **values) -> str:
    """The catalogue's `briefing.<key>` in `lang`, filled with already formatted `values`."""
    return t(f"briefing.{key}", lang, **values)
