"""Notice: a short boxed message (info, ok, warn, bad), e.g. why a chart is missing.

    kb.Notice("Data Kecamatan Way Tenong belum masuk.", kind="warn")
"""
from __future__ import annotations

from kbreport.elements.base import Element

__all__ = ["Notice"]


class Notice(Element):
    """One boxed sentence; `kind` colours its edge: info (default), ok, warn, bad."""

    def __init__(self, text: str, kind: str = "info"):
        self.text, self.kind = text, kind

    def html(self) -> str:
        from kbreport.elements.display import notice_html

        return notice_html(self.text, self.kind) if self.text else ""

    def plain(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Notice({self.text!r}, kind={self.kind!r})"
