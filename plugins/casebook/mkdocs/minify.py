"""Smaller HTML: the theme's indentation, taken out of its templates.

Material's templates indent their HTML deeply; at 5,000 cases that indentation is about an
eighth of the site. A line break with spaces after it shows as one space, and so does the
line break alone, so removing the spaces changes nothing on screen. Preformatted text
(`pre`, `textarea`) and the text of scripts and styles are left exactly as they are.

This is done to a Jinja template's source, once, rather than to every page drawn from it:
the same pages, without a pass over each one.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
_INDENT = re.compile(r"\n\s+")
_TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}")
_DRAWS = re.compile(r"\{[%#]-?\s*(?:include|call)\b")  # tags whose output takes their place


def strip_template_indentation(source: str) -> str:
    """The template without indentation, and without the empty lines its tags would leave."""
    return _outside_kept(source, lambda text: _join_tag_lines(_INDENT.sub("\n", text)))


def _join_tag_lines(text: str) -> str:
    """A line of Jinja tags that draw nothing in their place (`{% if %}`, `{% endfor %}`,
    `{# #}`) would come out as an empty line, which drawn pages never had: each such tag
    line takes the line break before it away (`{%-`). Not `include` or `call`, whose output
    needs its own line."""
    lines = text.split("\n")
    for i in range(1, len(lines) - 1):  # whole lines only: a break before and after
        line = lines[i]
        if not line.startswith(("{%", "{#")) or line[2:3] in ("-", "+"):
            continue
        tags = _TAG.findall(line)
        if "".join(tags) == line and not any(_DRAWS.match(tag) for tag in tags):
            lines[i] = line[:2] + "-" + line[2:]
    return "\n".join(lines)


def _outside_kept(text: str, change) -> str:  # type: ignore[no-untyped-def]
    parts = _KEPT.split(text)
    # split() with two groups gives: text, kept block, tag name, text, kept block, ...
    out = []
    for i in range(0, len(parts), 3):
        out.append(change(parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
