"""kbreport.build.pdf_check on a PDF WeasyPrint writes here (pages counted from its compressed objects)."""
from kbreport.build.pdf_check import pdf_objects, pdf_pages


def test_pages_and_objects_of_a_two_page_pdf():
    from weasyprint import HTML

    pdf = HTML(string="<p>satu</p><p style='break-before: page'>dua</p>").write_pdf(pdf_tags=True)
    assert pdf_pages(pdf) == 2
    assert b"/StructTreeRoot" in pdf_objects(pdf) and b"/StructTreeRoot" not in pdf  # only once inflated
