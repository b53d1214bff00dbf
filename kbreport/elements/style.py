"""The document's screen stylesheet, carried by each element's output so JupyterLab shows it styled.

In JupyterLab an output's <style> applies to the whole page, so the rules of screen.css are scoped to
the element's wrapper (`.kb-lab`), after a reset of what JupyterLab's own output styles set on tables,
paragraphs and headings. The export takes both off again (`for_document`), so the HTML and PDF keep
one stylesheet: the template's.

    lab_html('<dl class="kb-cards">…</dl>')  # '<style data-kb-lab>…</style><div class="kb-lab">…</div>'
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

__all__ = ["SCOPE", "SCREEN_CSS", "lab_css", "lab_html", "for_document", "strip_lab_styling"]

SCREEN_CSS = Path(__file__).resolve().parents[1] / "templates" / "kbreport" / "static" / "screen.css"

# `:not(#…)` lifts the scope to id weight: it outranks JupyterLab's `.jp-RenderedHTMLCommon td` and
# `h1:first-child` rules without !important.
SCOPE = ".kb-lab:not(#kb-lab)"
_STYLE_OPEN = "<style data-kb-lab>"
_WRAP = '<div class="kb-lab">'
_WRAP_LAB_ONLY = '<div class="kb-lab kb-lab-only">'
_STYLED = re.compile(r"\A<style data-kb-lab>.*?</style>(<div class=\"kb-lab(?: kb-lab-only)?\">)(.*)</div>\Z", re.S)

# JupyterLab styles these elements in outputs; the document has only the browser's defaults under screen.css.
_RESET = (f"{SCOPE} :is(h1, h2, h3, h4, p, ul, ol, li, table, thead, tbody, tr, th, td, img, figure, "
          f"figcaption, dl, dt, dd, section, header, code, pre, a) {{ all: revert; }}")
# The wrapper is one element of the document's column, not a page: no centring or page padding; the
# synthetic-data banner stays in place rather than sticking to the top of the notebook.
_FRAME = (f"{SCOPE} {{ max-width: 50rem; margin: 0; padding: 0; }}\n"
          f"{SCOPE} .kb-banner {{ position: static; }}\n"
          f"{SCOPE} .kb-lab-note {{ color: var(--kb-muted); font-size: .8rem; font-style: italic; margin: .2rem 0; }}")


def _scope_selector(sel: str) -> str | None:
    """One selector of screen.css, scoped to the wrapper (None: a rule for the page itself, dropped)."""
    sel = sel.strip()
    if sel == "html":
        return None
    if sel == ":root":
        return SCOPE
    for page in ("body.kb-doc", ".kb-main"):  # the wrapper plays the document's body and column
        if sel == page or sel.startswith(page + " ") or sel.startswith(page + "."):
            return SCOPE + sel[len(page):]
    return f"{SCOPE} {sel}"


def _scope_rules(css: str) -> str:
    out, i = [], 0
    while True:
        start = css.find("{", i)
        if start < 0:
            return "\n".join(out)
        prelude = css[i:start].strip()
        depth, end = 1, start + 1
        while depth:  # the matching brace (an @media block holds rules)
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        body = css[start + 1:end - 1]
        i = end
        if prelude.startswith("@media"):
            inner = _scope_rules(body)
            if inner:
                out.append(f"{prelude} {{\n{inner}\n}}")
        elif prelude.startswith("@"):
            continue  # @page, @font-face, @supports: the document's business
        else:
            sels = [s for s in (_scope_selector(x) for x in prelude.split(",")) if s]
            if sels:
                out.append(f"{', '.join(sels)} {{{body}}}")


@functools.lru_cache(maxsize=1)
def lab_css() -> str:
    """screen.css scoped to `.kb-lab`, with JupyterLab's output styles reset first."""
    raw = SCREEN_CSS.read_text(encoding="utf-8")
    raw = re.sub(r"/\*.*?\*/", "", raw, flags=re.S)
    return "\n".join((_RESET, _scope_rules(raw), _FRAME))


def lab_html(html: str, *, lab_only: bool = False) -> str:
    """`html` wrapped for a notebook output: the scoped stylesheet, then the wrapper. `lab_only`: the
    export drops the output (a note for the analyst, or the masthead the template prints itself)."""
    return f"{_STYLE_OPEN}{lab_css()}</style>{_WRAP_LAB_ONLY if lab_only else _WRAP}{html}</div>"


def for_document(html: str) -> str | None:
    """An output's HTML as the document prints it: the wrapper and its <style> taken off; None for a
    JupyterLab-only output. Other HTML is returned as it is."""
    m = _STYLED.match(html)
    if m is None:
        return html
    return None if m.group(1) == _WRAP_LAB_ONLY else m.group(2)


def strip_lab_styling(nb) -> None:
    """In place, on every code cell's outputs (the export's copy of the notebook): see for_document."""
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            html = data.get("text/html")
            if html is not None:
                html = for_document("".join(html) if isinstance(html, list) else html)
                if html is None:
                    continue
                data["text/html"] = html
            kept.append(out)
        cell["outputs"] = kept
