"""The PDF's running header: "title · region · as-of date", shortened at word boundaries to fit its one line.

The header's box (print.css `@top-left`) is 76 % of the A4 text width, in 7.5 pt DejaVu Sans. The text is
measured with the embedded face's own advance widths (matplotlib's FreeType, unhinted), so the words are
shortened here, whole, before WeasyPrint would cut a letter off ("per 24 A…"): the title first, then the
region, never the date.

    running_head("Workshop Pengelolaan Kampung Keluarga …", "Provinsi Sumatera Selatan", "per 24 Agustus 2022")
    # 'Workshop Pengelolaan Kampung Keluarga Berkualitas dalam rangka… · Provinsi Sumatera Selatan · per 24 Agustus 2022'
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

__all__ = ["running_head", "text_width_pt", "HEAD_WIDTH_PT", "HEAD_SIZE_PT", "SEPARATOR", "ELLIPSIS"]

# print.css: A4 (210 mm) less 14 mm margins each side; @top-left is 76 % of it; .kb-running is 7.5 pt.
HEAD_WIDTH_PT = (210 - 2 * 14) * 0.76 / 25.4 * 72
HEAD_SIZE_PT = 7.5
SAFETY = 0.99  # room for the layout engine's rounding (measured: a 388 pt line fits the 392 pt box)
SEPARATOR = " · "
ELLIPSIS = "…"
_TRAILING = " ,.;:–—-(/"
_FONT = Path(__file__).resolve().parents[1] / "data" / "fonts" / "DejaVuSans.ttf"


@functools.lru_cache(maxsize=1)
def _face():
    from matplotlib.ft2font import FT2Font

    face = FT2Font(str(_FONT))
    face.set_size(100, 72)  # a large size: hinting would round each advance to a whole pixel
    return face


@functools.lru_cache(maxsize=4096)
def text_width_pt(text: str, size_pt: float = HEAD_SIZE_PT) -> float:
    """Width in points of `text` set in DejaVu Sans at `size_pt` (kerning included, no hinting)."""
    from matplotlib.ft2font import LoadFlags

    face = _face()
    face.set_text(text, 0, flags=LoadFlags.NO_HINTING)
    return face.get_width_height()[0] / 64 * size_pt / 100


def _cut(text: str, words: int) -> str:
    """The first `words` words of text with an ellipsis (trailing punctuation dropped); all of it if it has no more."""
    parts = text.split()
    if words >= len(parts):
        return text
    return " ".join(parts[:words]).rstrip(_TRAILING) + ELLIPSIS


def running_head(title: str, region: str = "", when: str = "", *, width_pt: float = HEAD_WIDTH_PT,
                 measure: Callable[[str], float] | None = None) -> str:
    """"title · region · when" on one line of `width_pt`: words are taken off the end of the title (then of
    the region) and an ellipsis put in their place until it fits; the date `when` is never shortened. A
    region already named in the title is not repeated. `measure(text)` gives a text's width in points
    (default: the header's face and size)."""
    fits_in = width_pt * SAFETY
    width = measure or text_width_pt
    title, region, when = (" ".join(str(x or "").split()) for x in (title, region, when))
    if region and region in title:
        region = ""

    def join(t: str, r: str) -> str:
        return SEPARATOR.join(x for x in (t, r, when) if x)

    text = join(title, region)
    if width(text) <= fits_in:
        return text
    for n in range(len(title.split()) - 1, 0, -1):  # the title, a word at a time (at least its first word)
        text = join(_cut(title, n), region)
        if width(text) <= fits_in:
            return text
    short_title = _cut(title, 1)
    for n in range(len(region.split()) - 1, 0, -1):  # then the region
        text = join(short_title, _cut(region, n))
        if width(text) <= fits_in:
            return text
    return join(short_title, _cut(region, 1))  # the date whole, even if the line is then too long
