"""Warnings about words in a file's text, each at the line of the value or body line that
holds them: shared by the personal-data and leftover-placeholder checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .problems import Problem
from .yamlfile import Document, Path, dotted

# A text -> (message, offset in the text) for each thing found in it.
Finder = Callable[[str], Iterable[tuple[str, int]]]


def text_warnings(
    path: str,
    document: Document,
    body: str,
    body_line: int,
    find: Finder,
    skip: Callable[[Path], bool] = lambda where: False,
) -> Iterator[Problem]:
    for where, text in document.texts.items():
        if not skip(where):
            for message, _ in find(text):
                yield Problem(path, document.line_of(where), dotted(where), message, "warning")
    for message, start in find(body):
        yield Problem(path, body_line + body.count("\n", 0, start), "body", message, "warning")
