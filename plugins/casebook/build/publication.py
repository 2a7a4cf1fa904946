"""The guidelines publication as a PDF, with WeasyPrint: for `casebook pdf`, and published
with the site as /guidelines/casebook-guidelines.pdf where WeasyPrint is installed (the site
does not need it: its build says so and leaves the link out).

The PDF is tagged (PDF/UA-1: a structure tree a screen reader follows), has the document's
language and title, an outline of every chapter, and embedded fonts. The same collection
gives the same bytes: its dates come from the cases, not the clock.
"""

from __future__ import annotations

from importlib.util import find_spec

from ..pages.render import Renderer

PDF_PATH = "guidelines/casebook-guidelines.pdf"


def can_write_pdf() -> bool:
    """Whether WeasyPrint (an optional dependency, with Debian's Pango) can be imported."""
    if find_spec("weasyprint") is None:
        return False
    try:
        import weasyprint  # noqa: F401
    except OSError:  # installed, but Pango is missing
        return False
    return True


def guidelines_pdf(renderer: Renderer, site_url: str) -> bytes:
    from weasyprint import HTML

    document = renderer.guidelines_document(site_url)
    return HTML(string=document, base_url=site_url or None).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=b"casebook-guidelines"
    )
