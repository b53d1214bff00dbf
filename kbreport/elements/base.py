"""What every page element shares: how it shows itself in a notebook.

An element is a small object holding what it shows (a DataFrame, a list of sentences, a figure …).
`html()` is its HTML in the document (kbreport.elements.display builds it; "" = nothing to print);
`_repr_html_()` is the same wrapped with the screen stylesheet for JupyterLab (kbreport.elements.style).
A cell whose last line is an element shows it; an element with nothing to print shows at most a
JupyterLab-only note saying why (`Omitted`), which never reaches the document.
"""
from __future__ import annotations

from kbreport.elements.style import lab_html

__all__ = ["Element", "Omitted", "PageBreak", "omitted"]


class Element:
    """Base of the page elements (see the module docstring)."""

    def html(self) -> str:
        """The element's HTML in the document; "" when there is nothing to print."""
        return ""

    def lab_only_html(self) -> str:
        """HTML shown in JupyterLab only, when html() is empty (kept out of the document)."""
        return ""

    def plain(self) -> str:
        """A one-line text/plain form (what a notebook shows where HTML is not rendered)."""
        return type(self).__name__

    def _repr_html_(self) -> str | None:
        doc = self.html()
        if doc:
            return lab_html(doc)
        note = self.lab_only_html()
        return lab_html(note, lab_only=True) if note else None

    def _ipython_display_(self) -> None:
        # instead of IPython's own reprs: an element with nothing to show makes no output at all
        from IPython.display import display

        html = self._repr_html_()
        if html:
            display({"text/html": html, "text/plain": self.plain() or " "}, raw=True)


class Omitted(Element):
    """Nothing to print for this report (an MoU part in a workshop briefing, notes left empty …);
    JupyterLab shows `why`, the document nothing."""

    def __init__(self, why: str = ""):
        self.why = why

    def lab_only_html(self) -> str:
        from kbreport.elements.display import text_html

        return text_html(self.why, cls="kb-lab-note") if self.why else ""

    def plain(self) -> str:
        return self.why

    def __repr__(self) -> str:
        return f"Omitted({self.why!r})"


def omitted(R, why_key: str, **values) -> Omitted:
    """Omitted with the reason TEXT[why_key] in the report's language."""
    return Omitted(R.t("lab_kosong", why=R.t(why_key, **values)))


class PageBreak(Element):
    """Start a new page in print (nothing on screen)."""

    def html(self) -> str:
        return '<div class="kb-page-break"></div>'

    def __repr__(self) -> str:
        return "PageBreak()"
