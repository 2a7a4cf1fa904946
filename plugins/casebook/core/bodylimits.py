"""Limits that keep the conversion of a contributed Markdown body bounded.

Python-Markdown's link pattern looks for the end of a link from every '[', so a paragraph
of n brackets costs n² (4,000 of them took 2 s, 16,000 took 43 s), and nested lists,
admonitions, quotes or emphasis recurse once a level (a few hundred levels, even on one line
as '- - - x', exhaust Python's stack).
A body within these limits converts in well under a second; the longest real case is far
inside them (at most 15 brackets in a paragraph, 4 columns of indentation, runs of 3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .prose import Finding

MAX_BODY_BYTES = 100_000  # the longest case's body is about 17 kB
MAX_BRACKETS = 100  # unescaped '[' in one paragraph
MAX_INDENT = 32  # columns (a tab counts 4): eight levels of a list or an admonition
MAX_RUN = 16  # the same one of * _ ~ ` > in a row
MAX_MARKERS = 8  # list or quote markers opening one line ('- - 1. > x' nests four deep)
MAX_EMPHASIS = 400  # '*' and '_' in one paragraph (each pair may nest one level more)

_BRACKET = re.compile(r"(?<!\\)\[")
_MARKERS = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)]|>)[ \t]+)+")
_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")
# Only a line that starts with one of these is indented or opens a list or a quote.
_NESTING_LINE = re.compile(r"^[ \t*+>0-9-].*", re.MULTILINE)
_RUN = re.compile(rf"([*_~`>])\1{{{MAX_RUN},}}")


def body_limit_findings(body: str) -> Iterator[Finding]:
    """Where `body` goes past a limit, at the line it starts to."""
    size = len(body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        yield Finding(
            1, f"the text is {size // 1000} kB, over the limit of {MAX_BODY_BYTES // 1000} kB: shorten it"
        )
    # In the order of the lines; at one line, a paragraph's findings before its first line's.
    yield from sorted(_findings(body), key=lambda finding: finding.line)


def _findings(body: str) -> Iterator[Finding]:
    """Each kind of finding is looked for only where the whole body could hold one: most
    bodies have no run, fewer brackets and emphasis marks in all than one paragraph may
    have, and most lines start with a letter."""
    if body.count("[") > MAX_BRACKETS or body.count("*") + body.count("_") > MAX_EMPHASIS:
        line = 1
        for paragraph in body.split("\n\n"):
            brackets = len(_BRACKET.findall(paragraph))
            if brackets > MAX_BRACKETS:
                yield Finding(
                    line,
                    f"this paragraph has {brackets} '[' (at most {MAX_BRACKETS}): split it, or write a "
                    "bracket that opens no link as \\[",
                )
            emphasis = paragraph.count("*") + paragraph.count("_")
            if emphasis > MAX_EMPHASIS:
                yield Finding(
                    line, f"this paragraph has {emphasis} '*' and '_' (at most {MAX_EMPHASIS}): split it"
                )
            line += paragraph.count("\n") + 2
    line, counted_to = 1, 0
    for match in _NESTING_LINE.finditer(body):
        line += body.count("\n", counted_to, match.start())
        counted_to = match.start()
        yield from _nesting(match.group(0), line)
    if _RUN.search(body) is not None:  # a run never crosses a line
        for number, text in enumerate(body.split("\n"), start=1):
            run = _RUN.search(text)
            if run:
                yield Finding(
                    number, f"{len(run.group(0))} '{run.group(1)}' in a row (at most {MAX_RUN}): write fewer"
                )


def _nesting(text: str, line: int) -> Iterator[Finding]:
    depth = len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip(" "))
    if depth > MAX_INDENT and text.strip():
        yield Finding(line, f"indented {depth} columns (at most {MAX_INDENT}): nest less deeply")
    opening = _MARKERS.match(text)
    markers = len(_MARKER.findall(opening.group(0))) if opening else 0
    if markers > MAX_MARKERS:
        yield Finding(
            line, f"{markers} list or quote markers open this line (at most {MAX_MARKERS}): nest less"
        )
