"""Converting a case page's Markdown as MkDocs would, so that the worker can do it.

MkDocs converts every page on one core, each with a new Python-Markdown instance and the
site's extensions, and then rewrites the page's relative links. A case body whose links all
go to other sites or to its own headings comes out the same whether MkDocs converts it or
this converter does, with the same extensions and settings: there is nothing to rewrite.
So the build's worker converts such pages on the second core (see site.py) and the build
only puts them in place. A page with any other link or image is left to MkDocs, which
rewrites and checks it.

Nothing here knows MkDocs: the plugin gives the extensions and their settings.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import markdown as python_markdown

# A page's front matter as MkDocs reads it (mkdocs.utils.meta), so the body is the same text.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_LINK = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)
_ID = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class Converted(NamedTuple):
    html: str
    toc: list[dict[str, Any]]  # Python-Markdown's toc_tokens: MkDocs makes the page's table of contents
    anchors: frozenset[str]  # the page's ids, which links from other pages may point to


class MarkdownConverter:
    """Python-Markdown with the site's extensions: a new instance a page, as MkDocs does, so
    no state of one page (footnote numbers, heading ids) carries over to the next."""

    def __init__(self, extensions: Sequence[Any], configs: Mapping[str, Any] | None = None) -> None:
        self.extensions = list(extensions)
        self.configs = dict(configs or {})

    def __call__(self, text: str) -> Converted | None:
        """The page body's HTML, or None if it links to anything MkDocs would rewrite."""
        md = python_markdown.Markdown(extensions=self.extensions, extension_configs=self.configs)
        html = md.convert(text)
        anchors = frozenset(a or b for a, b in _ID.findall(html))
        links = (a or b or c for a, b, c in _LINK.findall(html))
        if not all(_left_as_is(link, anchors) for link in links):
            return None
        return Converted(html, getattr(md, "toc_tokens", []), anchors)


def _left_as_is(url: str, anchors: frozenset[str]) -> bool:
    """True for a link MkDocs does not rewrite: another site's (a scheme, or `//host`), an
    e-mail address as Markdown hides it in character references, or one of this page's own
    headings. Anything else may be a page or an image of the site."""
    if url.startswith("&#"):
        url = html_lib.unescape(url)
    if _SCHEME.match(url) or url.startswith("//"):
        return True
    return url == "#" or (url.startswith("#") and url[1:] in anchors)


def split_front_matter(page: str) -> tuple[str, str] | None:
    """(front matter, body) as MkDocs splits a page, or None if it has no front matter."""
    match = FRONT_MATTER.match(page)
    if match is None:
        return None
    return page[: match.end()], page[match.end() :].lstrip("\n")
