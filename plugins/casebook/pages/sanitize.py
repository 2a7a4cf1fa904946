"""What raw HTML a case body may hold, enforced on the rendered page with nh3 (ammonia).

Contributors write Markdown. The HTML that Markdown and its extensions produce is kept
(headings, lists, tables, links, images, code, admonitions, footnotes, abbreviations), and
so is the same small set of tags written by hand. Everything else is removed: scripts,
styles, forms, frames, event-handler attributes (`onclick`), inline `style`, and links or
images whose address is not http(s), mailto or relative (`javascript:` never survives).
"""

from __future__ import annotations

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "u", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role"},
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "time": {"datetime"},
    "details": {"open"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto"}


# One cleaner for every page: building ammonia's rules is a third of a call's time.
_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
    attributes=ATTRIBUTES,
    generic_attribute_prefixes={"aria-", "data-"},
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
)


def sanitize(html: str) -> str:
    """Keep the allowed markup of `html`; drop the rest, with the content of script and style."""
    return _CLEANER.clean(html)
