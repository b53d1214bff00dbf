"""The HTML of the page's blocks: what kbreport.elements render, and a notebook may call directly.

Each `*_html` function returns one block of escaped HTML (class names `kb-*`, styled by the kbreport
nbconvert template); the page elements of kbreport.elements wrap them. Each `show_*` function displays
that block and prints nothing else: no code, no reprs.

    show_heading("Cakupan Kampung KB")
    headline_cards([{"label": "Kampung KB", "value": 1322}, ...])
    show_points(talking_points)
    show_figure(fig, "Cakupan per kabupaten/kota")
    show_table(df, "Lampiran: cakupan per kabupaten/kota", percent_cols=["Cakupan (%)"])

Every text argument is HTML-escaped: params and data never become markup.
"""
from __future__ import annotations

import base64
import io
import numbers
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

__all__ = [
    "figure_html", "show_figure", "table_html", "show_table", "cards_html", "headline_cards",
    "points_html", "show_points", "text_html", "show_text", "heading_html", "show_heading",
    "facts_html", "show_facts", "notice_html", "show_notice", "page_break", "KEEP_TABLE_ROWS", "FIGURE_FORMAT",
]

KEEP_TABLE_ROWS = 40  # up to this many rows a table is kept on one page in print
FIGURE_FORMAT = "png"  # see figure_html
_SVG_SALT = "kbreport"  # fixed ids in SVG output: the same figure gives the same bytes


def _e(x: Any) -> str:
    return escape("" if x is None else str(x), quote=True)


def _emit(html: str, plain: str = "") -> None:
    from IPython.display import display  # lazy: the module stays importable without IPython

    display({"text/html": html, "text/plain": plain or " "}, raw=True)


def _fmt_value(v: Any, lang: str, digits: int = 1, percent: bool = False) -> str:
    from kbreport.text import fmt

    if isinstance(v, str):
        return v
    if fmt.is_missing(v):
        return fmt.DASH
    if isinstance(v, bool):
        return {"id": ("Ya", "Tidak"), "en": ("Yes", "No")}[lang][0 if v else 1]
    if percent:
        return fmt.percent(v, lang, digits)
    if isinstance(v, numbers.Integral):
        return fmt.number(v, lang)
    if isinstance(v, numbers.Real):
        return fmt.number(v, lang, 0 if float(v).is_integer() and digits == 0 else digits)
    if hasattr(v, "isoformat"):
        return fmt.date(v, lang)
    return str(v)


# --- figures ------------------------------------------------------------------------------------


def _fig_title(fig) -> str:
    for ax in getattr(fig, "axes", []):
        t = ax.get_title()
        if t:
            return t
    sup = getattr(fig, "_suptitle", None)
    return sup.get_text() if sup is not None else ""


def _png(fig, dpi: int) -> bytes:
    """Opaque RGB PNG. Charts with a layout engine (kbreport's use constrained layout) already fit
    their canvas, so they are drawn once, straight from the Agg buffer; others are cropped to their
    content ("tight"), which draws them twice. RGB, not RGBA: WeasyPrint re-encodes an alpha
    channel as a second image."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    if fig.get_layout_engine() is not None and isinstance(fig.canvas, FigureCanvasAgg):
        old = fig.dpi
        try:
            fig.set_dpi(dpi)
            fig.canvas.draw()
            rgba = np.asarray(fig.canvas.buffer_rgba())
        finally:
            fig.set_dpi(old)
        im = Image.fromarray(rgba, "RGBA")
    else:
        raw = io.BytesIO()
        fig.savefig(raw, format="png", dpi=dpi, bbox_inches="tight", pil_kwargs={"compress_level": 0})
        raw.seek(0)
        im = Image.open(raw)
        im.load()
    if im.getextrema()[3][0] < 255:  # see-through somewhere: lay it on white paper
        im = Image.alpha_composite(Image.new("RGBA", im.size, "white"), im)
    out = io.BytesIO()
    im.convert("RGB").save(out, format="png", compress_level=3, dpi=(dpi, dpi))
    return out.getvalue()


def figure_html(fig, caption: str | None = None, *, alt: str | None = None, fmt: str = FIGURE_FORMAT,
                dpi: int = 200, source: str | None = None) -> str:
    """A matplotlib figure as a self-contained <figure> (PNG or SVG in a data: URI).

    PNG (default) is written at `dpi`, never below 200: sharp on A4 paper and on phone screens.
    SVG is sharp at any zoom and smaller, but WeasyPrint draws a chart's thousands of glyph paths
    3–5 times slower than it places a PNG (1.6 s against 0.6 s for a 4-page province briefing).
    """
    import matplotlib

    if fmt not in ("svg", "png"):
        raise ValueError(f"fmt must be 'svg' or 'png', not {fmt!r}")
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": _SVG_SALT, "svg.fonttype": "path"}):
        if fmt == "svg":
            fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
            mime = "image/svg+xml"
        else:
            buf = io.BytesIO(_png(fig, max(int(dpi), 200)))
            mime = "image/png"
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    w_in, _h_in = fig.get_size_inches()
    width_px = int(round(w_in * 96))  # CSS px at its natural size; a phone keeps it and scrolls (screen.css)
    alt_text = alt or caption or _fig_title(fig) or "Grafik"
    cap = f"<figcaption>{_e(caption)}</figcaption>" if caption else ""
    src = f'<p class="kb-source">{_e(source)}</p>' if source else ""
    return (f'<figure class="kb-figure">{cap}<img src="data:{mime};base64,{data}" alt="{_e(alt_text)}" '
            f'style="max-width:{width_px}px;--kb-w:{width_px}px">{src}</figure>')


def show_figure(fig, caption: str | None = None, *, alt: str | None = None, fmt: str = FIGURE_FORMAT,
                dpi: int = 200, source: str | None = None, close: bool = True) -> None:
    """Display a figure once (and close it, so the inline backend does not show it a second time)."""
    html = figure_html(fig, caption, alt=alt, fmt=fmt, dpi=dpi, source=source)
    if close:
        import matplotlib.pyplot as plt

        plt.close(fig)
    _emit(html, caption or "")


# --- tables -------------------------------------------------------------------------------------


def table_html(df, caption: str | None = None, *, lang: str = "id", digits: int | Mapping[str, int] = 1,
               percent_cols: Iterable[str] = (), index: bool = False, note: str | None = None,
               highlight_last: bool = False, keep_together: bool | None = None, dense: bool = False) -> str:
    """A DataFrame as an escaped HTML table; numbers through kbreport.text.fmt (Babel), right-aligned.

    `digits`: decimals for float columns (one int for all, or {column: int}); `percent_cols` print
    as "87,4%" (values on a 0–100 scale). `highlight_last` styles the last row as a total row.
    Tables up to KEEP_TABLE_ROWS rows are kept on one page in print; longer ones break between
    rows and repeat their header. `dense` prints smaller, tighter rows (a briefing's annex of 38 sub-units).
    """
    import pandas as pd

    pcols = set(percent_cols)
    frame = df.reset_index() if index else df
    cols = list(frame.columns)
    numeric = {c: pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c]) for c in cols}

    def dig(c) -> int:
        return digits.get(c, 1) if isinstance(digits, Mapping) else int(digits)

    num_cls = ' class="num"'
    head = "".join(f'<th scope="col"{num_cls if numeric[c] or c in pcols else ""}>{_e(c)}</th>' for c in cols)
    rows = []
    n = len(frame)
    for i, rec in enumerate(frame.itertuples(index=False, name=None)):
        cells = []
        for c, v in zip(cols, rec):
            text = _fmt_value(v, lang, dig(c), percent=c in pcols)
            cls = ' class="num"' if numeric[c] or c in pcols else ""
            cells.append(f"<td{cls}>{_e(text)}</td>")
        tr_cls = ' class="kb-total"' if highlight_last and i == n - 1 else ""
        rows.append(f"<tr{tr_cls}>{''.join(cells)}</tr>")
    keep = (n <= KEEP_TABLE_ROWS) if keep_together is None else keep_together
    cls = ("kb-table kb-keep" if keep else "kb-table kb-long") + (" kb-dense" if dense else "")
    cap = f"<figcaption>{_e(caption)}</figcaption>" if caption else ""
    foot = f'<p class="kb-note">{_e(note)}</p>' if note else ""
    return (f'<figure class="{cls}">{cap}<div class="kb-scroll"><table>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>{foot}</figure>")


def show_table(df, caption: str | None = None, **kw) -> None:
    _emit(table_html(df, caption, **kw), caption or "")


# --- headline cards -----------------------------------------------------------------------------

_STATUS = ("ok", "warn", "bad", "info")


def cards_html(cards: Sequence[Mapping[str, Any]], *, lang: str = "id") -> str:
    """Headline figures as cards: each {"label", "value", optional "sub", "status" (ok|warn|bad|info),
    "digits", "percent"}. Numbers are formatted through kbreport.text.fmt; strings are printed as given."""
    out = []
    for c in cards:
        status = c.get("status") or "info"
        if status not in _STATUS:
            raise ValueError(f"card status must be one of {_STATUS}, not {status!r}")
        value = _fmt_value(c.get("value"), lang, int(c.get("digits", 0 if not c.get("percent") else 1)),
                           percent=bool(c.get("percent")))
        sub = f'<dd class="kb-card-sub">{_e(c["sub"])}</dd>' if c.get("sub") else ""
        out.append(f'<div class="kb-card kb-{status}"><dt class="kb-card-label">{_e(c.get("label", ""))}</dt>'
                   f'<dd class="kb-card-value">{_e(value)}</dd>{sub}</div>')
    # one description list: each label (dt) with its value (dd), so a screen reader and the PDF's
    # structure tree read "Kampung KB: 1.407", not four labels then four values
    return f'<dl class="kb-cards">{"".join(out)}</dl>'


def headline_cards(cards: Sequence[Mapping[str, Any]], *, lang: str = "id") -> None:
    _emit(cards_html(cards, lang=lang), "; ".join(str(c.get("label", "")) for c in cards))


# --- text blocks --------------------------------------------------------------------------------


def points_html(points: Iterable[str], title: str | None = None) -> str:
    """Talking points as a list; empty or blank points are dropped."""
    items = [p for p in points if p and str(p).strip()]
    if not items:
        return ""
    head = f"<h3>{_e(title)}</h3>" if title else ""
    lis = "".join(f"<li>{_e(p)}</li>" for p in items)
    return f'<section class="kb-points">{head}<ul>{lis}</ul></section>'


def show_points(points: Iterable[str], title: str | None = None) -> None:
    html = points_html(points, title)
    if html:
        _emit(html, title or "")


def text_html(paragraphs: str | Iterable[str], *, cls: str = "kb-text") -> str:
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    ps = "".join(f"<p>{_e(p)}</p>" for p in paragraphs if p and str(p).strip())
    return f'<div class="{_e(cls)}">{ps}</div>' if ps else ""


def show_text(paragraphs: str | Iterable[str]) -> None:
    html = text_html(paragraphs)
    if html:
        _emit(html)


def heading_html(text: str, level: int = 2) -> str:
    level = min(max(int(level), 2), 4)  # h1 is the document title, set by the template
    return f'<h{level} class="kb-heading">{_e(text)}</h{level}>'


def show_heading(text: str, level: int = 2) -> None:
    _emit(heading_html(text, level), text)


def facts_html(rows: Iterable[tuple[str, Any]] | Mapping[str, Any], *, lang: str = "id") -> str:
    """Label/value pairs (what, when, where, who) as a definition list; a list value prints as lines.
    Pairs whose value is empty are left out."""
    items = rows.items() if isinstance(rows, Mapping) else rows
    out = []
    for label, value in items:
        if value is None or value == "" or (isinstance(value, (list, tuple)) and not value):
            continue
        if isinstance(value, (list, tuple)):
            v = "<br>".join(_e(_fmt_value(x, lang)) for x in value)
        else:
            v = _e(_fmt_value(value, lang))
        out.append(f"<dt>{_e(label)}</dt><dd>{v}</dd>")
    return f'<dl class="kb-facts">{"".join(out)}</dl>' if out else ""


def show_facts(rows, *, lang: str = "id") -> None:
    html = facts_html(rows, lang=lang)
    if html:
        _emit(html)


def notice_html(text: str, kind: str = "info") -> str:
    if kind not in _STATUS:
        raise ValueError(f"notice kind must be one of {_STATUS}, not {kind!r}")
    return f'<div class="kb-notice kb-{kind}">{_e(text)}</div>'


def show_notice(text: str, kind: str = "info") -> None:
    _emit(notice_html(text, kind), text)


def page_break() -> None:
    """Start a new page in print (no effect on screen)."""
    _emit('<div class="kb-page-break"></div>')
