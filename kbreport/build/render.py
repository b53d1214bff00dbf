"""Executed notebook → self-contained HTML (nbconvert, kbreport template) → A4 PDF (WeasyPrint).

One template (kbreport/templates/kbreport) serves screen, browser print and the PDF. Report
metadata (title, region, as-of date, language, generation stamp, synthetic flag) travels in
`nb.metadata["kbreport"]`; `KbreportPreprocessor`, registered in the template's conf.json, turns
it into `resources["kbreport"]` with the fixed words in the report's language and the embedded
font, so `jupyter nbconvert --to html --template kbreport` gives the same page.

    html = render_html(nb)
    render_pdf(html, "briefing.pdf")
"""
from __future__ import annotations

import base64
import functools
import io
import os
import re
import threading
from pathlib import Path
from typing import Any

from kbreport import SYNTHETIC_LABEL, __version__
from kbreport.build.running_head import running_head
from kbreport.errors import ReportError
from kbreport.text.catalogue import by_lang

__all__ = [
    "TEMPLATE_NAME", "template_basedir", "KbreportPreprocessor", "render_html", "render_pdf", "font_css",
    "external_references", "WORDS", "SKIP_TAGS", "METADATA_KEY", "page_context",
]

TEMPLATE_NAME = "kbreport"
METADATA_KEY = "kbreport"
# Cells with these tags never reach the document (the parameter cells hold code only).
SKIP_TAGS = ("parameters", "injected-parameters", "remove-cell", "remove_cell", "hide", "remove-output")
# head.modified of the PDF's font subsets: fixed (2020-01-01), so a PDF depends only on its HTML
FONT_SUBSET_EPOCH = "1577836800"

# The template's fixed words (catalogue keys page.*) as {lang: {key: text}}; every other word comes from
# the notebook in the report's language.
WORDS: dict[str, dict[str, str]] = by_lang("page.")

# Latin text, Indonesian and English punctuation, arrows and the comparison signs a briefing uses.
_FONT_RANGES = [(0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x2027), (0x2030, 0x2030), (0x2039, 0x203A),
                (0x20AC, 0x20AC), (0x2122, 0x2122), (0x2190, 0x2195), (0x2212, 0x2212), (0x2248, 0x2248),
                (0x2260, 0x2265), (0x25A0, 0x25CF), (0x2713, 0x2717)]
_FONT_FACES = (("DejaVuSans.ttf", "normal", "normal"), ("DejaVuSans-Bold.ttf", "bold", "normal"),
               ("DejaVuSans-Oblique.ttf", "normal", "italic"), ("DejaVuSans-BoldOblique.ttf", "bold", "italic"))


def template_basedir() -> Path:
    """The folder holding the `kbreport` template (pass it as nbconvert's extra_template_basedirs)."""
    return Path(__file__).resolve().parents[1] / "templates"


FONT_DIR = Path(__file__).resolve().parents[1] / "data" / "fonts"


@functools.lru_cache(maxsize=None)
def _font_bytes(filename: str) -> bytes:
    """A DejaVu Sans face subset to the characters a briefing uses: the copy shipped in
    kbreport/data/fonts (made by scripts/build_fonts.py; subsetting takes about 1 s per process),
    else subset now from matplotlib's copy."""
    shipped = FONT_DIR / filename
    if shipped.is_file():
        return shipped.read_bytes()
    return subset_font(filename)


def subset_font(filename: str) -> bytes:
    """A DejaVu Sans face from matplotlib's bundled fonts, subset to the characters a briefing uses."""
    import logging

    import matplotlib
    from fontTools import subset

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM NOT subset" is noise
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / filename
    opts = subset.Options()
    opts.hinting = False  # hinting is for low-dpi screens of the past; it doubles the size
    opts.desubroutinize = True
    opts.name_IDs = ["*"]  # keep copyright/licence names (DejaVu's licence asks for it)
    opts.notdef_outline = True
    font = subset.load_font(str(path), opts)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[u for lo, hi in _FONT_RANGES for u in range(lo, hi + 1)])
    sub.subset(font)
    buf = io.BytesIO()
    subset.save_font(font, buf, opts)
    return buf.getvalue()


def _font_rules(url) -> str:
    return "\n".join(f'@font-face {{ font-family: "KB Sans"; font-weight: {weight}; font-style: {style}; '
                     f'src: url({url(filename)}) format("truetype"); }}' for filename, weight, style in _FONT_FACES)


@functools.lru_cache(maxsize=1)
def font_css() -> str:
    """@font-face rules embedding DejaVu Sans (regular, bold, italic) as base64 TrueType."""
    return _font_rules(lambda f: "data:font/ttf;base64," + base64.b64encode(_font_bytes(f)).decode("ascii"))


_FONT_SCHEME = "kbreport-font"


@functools.lru_cache(maxsize=1)
def _pdf_font_css() -> str:
    """The same faces by name, served by _PdfFetcher: WeasyPrint's CSS tokenizer walks a data: URL
    character by character (about 0.06 s of every PDF for these 240 kB)."""
    return _font_rules(lambda f: f"{_FONT_SCHEME}:{f}")


HEAD_TITLE_MAX = 60  # characters of the title in the running header: one line beside the label


def _shorten(text: str, limit: int) -> str:
    """Cut at a word boundary and add an ellipsis (a long event title would wrap in the page header)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–—-(")
    return (cut or text[: limit - 1]) + "…"


def page_context(meta: dict | None, nb_title: str | None = None) -> dict[str, Any]:
    """What the template needs, from nb.metadata["kbreport"] (missing keys get safe defaults).

    Metadata keys (all optional): laporan, judul, subjudul, wilayah, as_of, as_of_teks, bahasa,
    versi, sumber, checksum, data_contoh.
    """
    meta = dict(meta or {})
    lang = meta.get("bahasa") if meta.get("bahasa") in WORDS else "id"
    w = WORDS[lang]
    laporan = meta.get("laporan") if meta.get("laporan") in ("wilayah", "event") else "wilayah"
    judul = meta.get("judul") or nb_title or w["title_default"]
    wilayah = meta.get("wilayah") or ""
    as_of = meta.get("as_of_teks") or meta.get("as_of") or ""
    when = f"{w['as_of']} {as_of}" if as_of else ""
    subtitle = meta.get("subjudul") or " · ".join(x for x in (wilayah, when) if x)
    # one line of the page header, words and the date whole (a region the title names is not repeated)
    head = running_head(_shorten(judul, HEAD_TITLE_MAX), "" if wilayah and wilayah in judul else wilayah, when)
    version = meta.get("versi") or __version__
    stamp = [f"{w['generated']} {version}"]
    if meta.get("sumber"):
        stamp.append(f"{w['source']}: {meta['sumber']}")
    if meta.get("checksum"):
        stamp.append(f"{w['checksum']} {str(meta['checksum'])[:16]}")
    synthetic = bool(meta.get("data_contoh"))
    title = judul if (not wilayah or wilayah in judul) else f"{judul} — {wilayah}"
    return {
        "lang": lang,
        "laporan": laporan,
        "words": w,
        "kicker": w["kicker_event"] if laporan == "event" else w["kicker_wilayah"],
        "judul": judul,
        "title": title,
        "subtitle": subtitle,
        "running_head": head,
        "stamp": " · ".join(stamp),
        "version": version,
        "synthetic": synthetic,
        "synthetic_label": SYNTHETIC_LABEL[lang],
        "synthetic_note": w["synthetic_note"],
        "skip_tags": list(SKIP_TAGS),
        "font_css": font_css(),
    }


@functools.lru_cache(maxsize=1)
def _preprocessor_class():
    from nbconvert.preprocessors import Preprocessor

    class KbreportPreprocessor(Preprocessor):
        """Puts the page context (from nb.metadata["kbreport"]) into resources["kbreport"], and takes the
        JupyterLab stylesheet and notes off the elements' outputs (the document has one stylesheet)."""

        def preprocess(self, nb, resources):
            from kbreport.elements.style import strip_lab_styling

            strip_lab_styling(nb)
            resources = dict(resources or {})
            resources["kbreport"] = page_context(nb.metadata.get(METADATA_KEY), nb.metadata.get("title"))
            return nb, resources

    KbreportPreprocessor.__qualname__ = "KbreportPreprocessor"
    return KbreportPreprocessor


def __getattr__(name: str):
    # nbconvert takes a second or two to import: only the export needs this class, never a notebook's
    # kernel (kbreport.elements.title_block uses page_context)
    if name == "KbreportPreprocessor":
        return _preprocessor_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_local = threading.local()


@functools.lru_cache(maxsize=1)
def _exporter_class():
    import nbformat
    from nbconvert import HTMLExporter

    class KbreportHTMLExporter(HTMLExporter):
        """nbconvert's HTMLExporter validating the notebook once, after all its preprocessors, instead of
        after each of its dozen (a tenth of a second per report, for the same check)."""

        def _validate_preprocessor(self, nbc, preprocessor):
            pass

        def _preprocess(self, nb, resources):
            nb, resources = super()._preprocess(nb, resources)
            nbformat.validate(nb, relax_add_props=True)
            return nb, resources

    return KbreportHTMLExporter


def _exporter():
    """One HTMLExporter per thread (building it loads the Jinja environment; reuse is much faster)."""
    exp = getattr(_local, "exporter", None)
    if exp is None:
        exp = _exporter_class()(
            template_name=TEMPLATE_NAME,
            extra_template_basedirs=[str(template_basedir())],
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            exclude_anchor_links=True,
            embed_images=True,
        )
        _local.exporter = exp
    return exp


_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_EXTERNAL = re.compile(
    r"""(?:\b(?:src|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//[^"'\s>]*)"""
    r"""|(?:<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//[^"'\s>]*)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//[^)"']*)"""
    r"""|(?:@import\b[^;]*)""",
    re.IGNORECASE,
)


def external_references(html: str) -> list[str]:
    """Anything in the HTML that would make a browser fetch from the network (src, link, url(), @import)."""
    return [m.group(0)[:120] for m in _EXTERNAL.finditer(html)]


def render_html(nb, *, notebook_dir: str | os.PathLike | None = None) -> str:
    """The executed notebook as one self-contained HTML page (no code, no prompts, no scripts).

    Raises ReportError if some output still refers to a resource on the network.
    """
    resources = {"metadata": {"path": str(notebook_dir or ".")}}
    html, _ = _exporter().from_notebook_node(nb, resources=resources)
    html = _SCRIPT.sub("", html)  # outputs may carry scripts (widgets, JS reprs); a briefing runs none
    bad = external_references(html)
    if bad:
        raise ReportError(f"HTML is not self-contained: it refers to {bad[0]!r}" +
                          (f" and {len(bad) - 1} more" if len(bad) > 1 else ""))
    return html


def _pdf_fetcher():
    """data: URLs, and kbreport's own fonts; nothing from the network or the disk (one per PDF:
    a fetcher is a urllib opener, not meant to be shared between threads)."""
    return _pdf_fetcher_class()(allowed_protocols={"data", _FONT_SCHEME})


@functools.lru_cache(maxsize=1)
def _pdf_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    faces = {f for f, _w, _s in _FONT_FACES}

    class _PdfFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            name = url.partition(":")[2]
            if url.startswith(_FONT_SCHEME + ":") and name in faces:
                return URLFetcherResponse(url, body=_font_bytes(name), headers={"Content-Type": "font/ttf"})
            return super().fetch(url, headers)

    return _PdfFetcher


def _png_idat(data: bytes) -> bytes | None:
    """The compressed pixel data of a complete, intact, still, 8-bit, non-interlaced RGB or grey
    PNG, else None. That IDAT stream is exactly what a PDF image with FlateDecode and PNG
    predictors holds. Anything unusual (a bad CRC, a cut-off file, an animation, pixels that do
    not fill the image) returns None, and WeasyPrint decodes the image its own way."""
    import struct
    import zlib

    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR" or len(data) < 33:
        return None
    width, height, depth, colour, _comp, _filt, interlace = struct.unpack(">IIBBBBB", data[16:29])
    if depth != 8 or colour not in (0, 2) or interlace != 0:
        return None
    out, pos, ended = [], 8, False
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body_end = data[pos + 4:pos + 8], pos + 8 + length
        if body_end + 4 > len(data):
            return None
        body = data[pos + 8:body_end]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[body_end:body_end + 4])[0]:
            return None
        if kind == b"acTL":  # animated: the PDF would show the default image, not what Pillow reads
            return None
        if kind == b"IDAT":
            out.append(body)
        elif kind == b"IEND":
            ended = True
            break
        pos = body_end + 4
    idat = b"".join(out)
    if not ended or not idat:
        return None
    try:
        raw = zlib.decompress(idat)
    except zlib.error:
        return None
    return idat if len(raw) == height * (1 + width * (3 if colour == 2 else 1)) else None


_PNG_PASSTHROUGH = False


def _install_png_passthrough() -> None:
    """WeasyPrint (70) decodes every PNG and compresses it again for the PDF (a quarter of a
    briefing's PDF time, for the charts). A chart PNG's own IDAT is already what the PDF needs;
    other images (alpha, 16-bit, palette, interlaced) keep WeasyPrint's way."""
    global _PNG_PASSTHROUGH
    if _PNG_PASSTHROUGH:
        return
    from weasyprint.images import RasterImage

    original = getattr(RasterImage, "_get_png_data", None)
    if original is None:  # another WeasyPrint: nothing to speed up
        return

    def _get_png_data(pillow_image):
        fp = getattr(pillow_image, "fp", None)
        if getattr(pillow_image, "format", None) == "PNG" and hasattr(fp, "getvalue"):
            idat = _png_idat(fp.getvalue())
            if idat is not None:
                return idat
        return original(pillow_image)

    RasterImage._get_png_data = staticmethod(_get_png_data)
    _PNG_PASSTHROUGH = True


def render_pdf(html: str, target: str | os.PathLike | None = None) -> bytes | None:
    """Render the HTML with WeasyPrint (print media, A4 from the template). Only data: URLs are loaded.

    The PDF is tagged (`pdf_tags`): a structure tree of headings, paragraphs, lists, tables and figures
    with each image's alt text, in reading order, and the document's language — what a screen reader
    needs. Tagging adds no date or random id: the same HTML still gives the same bytes.
    Returns the PDF bytes when `target` is None, else writes `target` and returns None.
    """
    from weasyprint import HTML

    _install_png_passthrough()
    # fontTools stamps each font subset it writes with the current second (head.modified) unless
    # SOURCE_DATE_EPOCH is set: then the same HTML rendered a second later gave other bytes
    os.environ.setdefault("SOURCE_DATE_EPOCH", FONT_SUBSET_EPOCH)
    fonts = font_css()
    if fonts in html:
        html = html.replace(fonts, _pdf_font_css(), 1)
    doc = HTML(string=html, base_url=None, url_fetcher=_pdf_fetcher())
    fonts = _font_configuration()
    try:
        return doc.write_pdf(target=str(target) if target is not None else None, font_config=fonts, pdf_tags=True)
    finally:
        _remove_font_files(fonts)


def _font_configuration():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _remove_font_files(fonts) -> None:
    """WeasyPrint copies @font-face fonts into a temporary folder that it removes only when the
    FontConfiguration is garbage-collected, which a worker that exits or is killed never reaches:
    remove it as soon as the PDF is written."""
    import shutil

    folder = getattr(fonts, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        fonts._folder = None
