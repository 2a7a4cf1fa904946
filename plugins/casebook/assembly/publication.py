"""The guidelines publication as a PDF, with WeasyPrint: for `casebook pdf`, and published
with the site as /guidelines/casebook-guidelines.pdf where WeasyPrint is installed (the site
does not need it: its build says so and leaves the link out).

The PDF is tagged (PDF/UA-1: a structure tree a screen reader follows), has the document's
language and title, an outline of every chapter, and embedded fonts. The same collection
gives the same bytes: its dates come from the cases, not the clock.

WeasyPrint fetches what the document names. Its fetcher here serves only the site's own
files (an image the guidelines' text shows, from the docs folder) and data: URLs, and
refuses every other address: the published PDF never holds anything fetched from another
host (nor, since contributed text keeps no rel="attachment", an embedded file).
"""

from __future__ import annotations

import mimetypes
from importlib.util import find_spec
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..core.files import read_contributed
from ..core.problems import CaseFileError
from ..pages.render import Renderer

MAX_RESOURCE_BYTES = 5_000_000


def can_write_pdf() -> bool:
    """Whether WeasyPrint (an optional dependency, with Debian's Pango) can be imported."""
    if find_spec("weasyprint") is None:
        return False
    try:
        import weasyprint  # noqa: F401
    except OSError:  # installed, but Pango is missing
        return False
    return True


def guidelines_pdf(renderer: Renderer, site_url: str, docs_dir: Path) -> bytes:
    from weasyprint import HTML

    document = renderer.guidelines_document(site_url)
    base = site_url.rstrip("/") + "/" if site_url else None  # no base: relative addresses load nothing
    return HTML(string=document, base_url=base, url_fetcher=site_fetcher(base, docs_dir)).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=b"casebook-guidelines"
    )


def site_fetcher(base: str | None, docs_dir: Path) -> Any:
    """A WeasyPrint URL fetcher for the site's own files under `base` and data: URLs only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    root = docs_dir.resolve()

    class SiteFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if base is None or not url.startswith(base):
                raise ValueError(f"the PDF loads nothing from outside the site: {url}")
            path = (root / unquote(urlsplit(url[len(base) :]).path)).resolve()
            if not path.is_relative_to(root):
                raise ValueError(f"not a file of the site: {url}")
            try:
                data = read_contributed(path, MAX_RESOURCE_BYTES)
            except CaseFileError as error:
                raise ValueError(f"{url}: {error.message}") from None
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, data, {"Content-Type": kind})

    return SiteFetcher(allowed_protocols=("data",), allow_redirects=False)
