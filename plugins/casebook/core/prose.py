"""What contributed prose may hold: the HTML of case and event bodies and of the guidelines'
editorial text, whether Markdown made it or a contributor wrote it by hand.

Prose is headings, paragraphs, lists, tables, links, emphasis, quotes, code, footnotes,
admonitions and images from the site itself. Nothing in it may reach the site's script or
the theme's: no `data-*` attributes, no ids or classes they read, no `rel` but the safe
values, no image from another host (it becomes a link), and so no attribute list
(`{#id .class key=value}`) that sets them. `pages/sanitize.py` enforces this on the converted
HTML, and `neutralise_attribute_lists` makes an attribute list in a body plain text before
it is converted. `scan_body` finds, at its line, what a body's Markdown asks for that will not
be published, for `casebook check` and `casebook from-issue`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
        "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
        "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "time", "tr", "u", "ul",
    }
)  # fmt: skip
# Removed with everything inside them, not only their tags.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template", "svg", "math"})
# `id` is allowed on every tag but filtered (see `allowed_id`); `class` only from CLASSES.
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "title", "lang", "dir"}),
    "a": frozenset({"href", "rel", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "scope", "align"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
}
# The classes Markdown's extensions give prose (admonitions, footnotes, the headings'
# permalinks): styled by the theme, read by no script.
ADMONITIONS = frozenset(
    {
        "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
        "success", "check", "done", "question", "help", "faq", "warning", "caution", "attention",
        "failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
    }
)  # fmt: skip
CLASSES: dict[str, frozenset[str]] = {
    "div": frozenset({"admonition", "footnote"}) | ADMONITIONS,
    "p": frozenset({"admonition-title"}),
    "a": frozenset({"headerlink", "footnote-ref", "footnote-backref"}),
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
SAFE_REL = frozenset({"nofollow", "noopener", "noreferrer", "external", "license", "author", "help"})
# Ids the site's templates, its script or the theme use, and the globals they read: a
# contributed one could stand in for them (DOM clobbering). Material's are '__'-prefixed
# ('__config' holds its settings); its globals end in '$', which no id here may hold.
_RESERVED_ID = re.compile(
    r"^(?:__|cb-|md-)|^(?:lesson|timeline|source|recommendation)-\d[\d-]*$|^pagefind", re.I
)
# Letters of any script (a heading's anchor in French or Russian: #résultat, #итог), digits,
# and _ : . - after the first; no space, quote or markup character.
_ID = re.compile(r"^[^\W_][\w:.-]{0,99}$")


def allowed_id(value: str) -> bool:
    """An id a contributor may set: plain, and none that the site or the theme uses."""
    return bool(_ID.fullmatch(value)) and not _RESERVED_ID.search(value)


def safe_rel(value: str) -> str | None:
    """The safe words of a `rel` (never 'attachment', which would embed a file in the PDF)."""
    words = [word for word in value.lower().split() if word in SAFE_REL]
    return " ".join(dict.fromkeys(words)) or None


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INVISIBLE = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))  # what browsers strip from an address


def is_site_address(url: str) -> bool:
    """An address on the site itself: relative, with no scheme and no host. Browsers drop tabs
    and line breaks from addresses and read a backslash as a slash, so '/\\host' and '/\t/host'
    name another host as '//host' does."""
    text = _INVISIBLE.sub("", html.unescape(url)).strip(_C0_AND_SPACE)
    return not (_SCHEME.match(text) or "\\" in text or text.startswith("//"))


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, within the text scanned
    message: str


# An attribute list: '{: #id .class key=value }' or '{#id}' after a heading, a paragraph or
# inline text (Python-Markdown's attr_list).
_ATTR_LIST = re.compile(r"\{:?[ \t]*([#.][^}\n]*|[A-Za-z_][\w-]*=[^}\n]*)\}")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# Every finding starts at one of these: an attribute list's brace, a tag, an image.
_MARKS = ("{", "<", "![")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")


def scan_body(markdown: str) -> Iterator[Finding]:
    """What the Markdown asks for that the published page will not have: raw HTML tags and
    attributes outside prose, attribute lists, remote images. Code (fenced, indented or in
    backticks) is text and is not scanned."""
    if not any(mark in markdown for mark in _MARKS):
        return  # nothing to find: most bodies, passed over without taking their code out
    prose = _without_code(markdown)
    for match in _ATTR_LIST.finditer(prose):
        line = prose.count("\n", 0, match.start()) + 1
        yield Finding(
            line,
            f"the attribute list '{match.group(0)}' is published as text: case text cannot set ids, "
            "classes or other attributes; remove it",
        )
    scanner = _TagScanner()
    scanner.feed(_AUTOLINK.sub(lambda m: " " * len(m.group(0)), prose))
    scanner.close()
    yield from scanner.findings
    for match in re.finditer(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]+)", prose):
        if not is_site_address(match.group(1)):
            line = prose.count("\n", 0, match.start()) + 1
            yield Finding(line, _remote_image(match.group(1)))


def neutralise_attribute_lists(markdown: str) -> str:
    """The Markdown with each attribute list's brace escaped, so that Markdown prints it as
    text instead of applying it (code is left as it is)."""
    prose = _without_code(markdown)
    starts = [match.start() for match in _ATTR_LIST.finditer(prose)]
    if not starts:
        return markdown
    pieces, last = [], 0
    for start in starts:
        pieces += [markdown[last:start], "\\"]
        last = start
    return "".join(pieces) + markdown[last:]


def _remote_image(url: str) -> str:
    return (
        f"the image at '{url}' is on another site: it is published as a link, since no page loads "
        "anything from another host; put the image in docs/ or link to it"
    )


def _without_code(markdown: str) -> str:
    """The text with code replaced by spaces: every character keeps its offset and line."""
    lines = markdown.split("\n")
    fence: str | None = None
    out = []
    for line in lines:
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            out.append(" " * len(line))
            continue
        if opening:
            fence = opening.group(1)
            out.append(" " * len(line))
            continue
        if line.startswith(("    ", "\t")) and (not out or not out[-1].strip()):
            out.append(" " * len(line))  # an indented code block's line (or a list's: text either way)
            continue
        out.append(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return "\n".join(out)


class _TagScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag not in TAGS:
            inside = " and what it holds" if tag in DROPPED_WITH_CONTENT else ""
            self.findings.append(Finding(line, f"the HTML tag <{tag}>{inside} is removed: {_ALLOWED}"))
            return
        for name, value in attrs:
            message = _attribute_problem(tag, name, value or "")
            if message:
                self.findings.append(Finding(line, message))

    handle_startendtag = handle_starttag


_ALLOWED = "case text is prose (headings, paragraphs, lists, tables, links, emphasis, quotes, code)"


def _attribute_problem(tag: str, name: str, value: str) -> str | None:
    if name == "class":
        kept = CLASSES.get(tag, frozenset())
        dropped = [c for c in value.split() if c not in kept]
        return f"class '{' '.join(dropped)}' on <{tag}> is removed: {_ALLOWED}" if dropped else None
    if name not in ATTRIBUTES["*"] | ATTRIBUTES.get(tag, frozenset()):
        return f"the attribute {name} on <{tag}> is removed: {_ALLOWED}"
    if name == "id" and not allowed_id(value):
        return f"id '{value}' is removed: the site uses ids of this form itself"
    if name == "rel" and safe_rel(value) != " ".join(value.lower().split()):
        return f"rel '{value}' is removed but for {', '.join(sorted(SAFE_REL))}"
    if name in ("href", "src", "cite") and _SCHEME.match(value.strip()):
        scheme = value.strip().split(":", 1)[0].lower()
        if scheme not in URL_SCHEMES:
            return f"the address '{value}' is removed: links are http(s), mailto or on the site"
    if tag == "img" and name == "src" and not is_site_address(value):
        return _remote_image(value)
    return None
