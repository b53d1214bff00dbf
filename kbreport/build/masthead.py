"""The report's masthead as a page element: title, region and date as the printed document shows them, with
the synthetic-data label; built from the same metadata the HTML/PDF template uses."""
from __future__ import annotations

from kbreport.elements.headings import TitleBlock


def title_block(R) -> TitleBlock:
    """The report's masthead as the document prints it (title, region, date; the synthetic-data label)."""
    from kbreport.build.figures import build_figures
    from kbreport.build.render import page_context
    from kbreport.build.report import report_metadata
    from kbreport.ingest.wilayah import region

    figures = build_figures(R.headline, R.params, R.data.sintetis)
    meta = report_metadata(R.params, figures, region(R.data.master, R.params.kode), R.data.sumber, "")
    ctx = page_context(meta)
    return TitleBlock(ctx["kicker"], ctx["judul"], ctx["subtitle"], ctx["synthetic_label"] if ctx["synthetic"] else None)
