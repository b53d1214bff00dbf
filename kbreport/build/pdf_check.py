"""What a built PDF holds, for checks (tests, scripts/check_page_budgets.py): its objects, its pages.

WeasyPrint compresses object streams, so a search for /MediaBox or /StructTreeRoot in the raw bytes
misses them; `pdf_objects` inflates every Flate stream first.
"""
from __future__ import annotations

import re
import zlib

__all__ = ["pdf_objects", "pdf_pages"]


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with every Flate stream inflated, so object-stream dictionaries can be searched."""
    out = [pdf]
    for m in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", m.end())
        try:
            out.append(zlib.decompressobj().decompress(pdf[m.end():end]))
        except zlib.error:
            pass
    return b"\n".join(out)


def pdf_pages(pdf: bytes) -> int:
    """Pages of a WeasyPrint PDF (each page object carries one MediaBox)."""
    return len(re.findall(rb"/MediaBox", pdf_objects(pdf)))
