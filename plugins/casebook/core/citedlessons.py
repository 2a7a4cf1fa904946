"""Lessons the guidelines and the collections cite stay the lessons they cited.

A lesson's address is its case's and its number (`#lesson-3`); the guidelines cite it so
(`<case>#3`), a collection by its case and number. Reordering a case's lessons, or rewriting
one, would silently make a citation point at other words. `cases/_cited-lessons.yml` records,
for each lesson cited, a digest of its text as it was when cited:

    ssb-payment-receipt-data#1: "3f2a9c1b7d4e"

The build and `casebook check` compare (assembly/content.py): where the text at a cited
number is not the recorded one, the lesson has either moved (its text is found at another
number of the same case: an error, as the citation now shows another lesson) or changed (a
warning: someone should check that what cites it still holds). `casebook check
--record-citations` writes the record again once the citations are right. Without the
file, nothing is compared.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .model import Case, Lesson
from .problems import CaseFileError, Problem
from .validate import read_yaml

RECORD_FILE = "_cited-lessons.yml"
RECORD_COMMAND = "casebook check --record-citations"


def digest(text: str) -> str:
    """The first 12 hex digits of the SHA-256 of a lesson's text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def reference(lesson: Lesson) -> str:
    return f"{lesson.case_slug}#{lesson.number}"


def record_text(cited: Iterable[Lesson]) -> str:
    """The record of the lessons cited, one a line, sorted."""
    lines = sorted({f'{reference(lesson)}: "{digest(lesson.text)}"\n' for lesson in cited})
    header = (
        "# The lessons the guidelines and the collections cite, each with a digest of its text:\n"
        f"# written by `{RECORD_COMMAND}`; see CONTRIBUTING.md, 'Lessons keep their numbers'.\n"
    )
    return header + "".join(lines)


def read_record(path: Path, shown: str) -> tuple[dict[str, tuple[str, int]] | None, list[Problem]]:
    """ref -> (digest, line), or None where there is no record."""
    if not path.is_file():
        return None, []
    try:
        document = read_yaml(path.read_bytes())
    except CaseFileError as exc:
        return {}, [Problem(shown, exc.line, exc.field, exc.message)]
    if not isinstance(document.data, dict):
        return {}, [
            Problem(shown, 1, "file", f"expected lines such as 'case-slug#1: 3f2a9c1b7d4e'; {_REWRITE}")
        ]
    record: dict[str, tuple[str, int]] = {}
    problems = []
    for key, value in document.data.items():
        line = document.line_of((key,))
        value = document.texts.get((key,), value)  # as written: 123456789012 is not a number here
        if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{12}", value):
            problems.append(Problem(shown, line, str(key), f"expected a digest of 12 hex digits; {_REWRITE}"))
            continue
        record[str(key)] = (value, line)
    return record, problems


_REWRITE = f"run `{RECORD_COMMAND}` to write the file again"


def cited_problems(
    cited: Iterable[Lesson], cases: dict[str, Case], record: dict[str, tuple[str, int]], shown: str
) -> Iterator[Problem]:
    """Each cited lesson whose text is not the one recorded, or that is not recorded."""
    for lesson in sorted(set(cited), key=lambda x: (x.case_slug, x.number)):
        ref = reference(lesson)
        if ref not in record:
            message = f"cited by the guidelines or a collection but not recorded; {_REWRITE}"
            yield Problem(shown, 1, ref, message, "warning")
            continue
        recorded, line = record[ref]
        if digest(lesson.text) == recorded:
            continue
        case = cases[lesson.case_slug]
        moved = [other.number for other in case.lessons if digest(other.text) == recorded]
        if moved:
            now = f"{lesson.case_slug}#{moved[0]}"
            yield Problem(
                shown,
                line,
                ref,
                f"the lesson cited as {ref} is now {now} in {case.path} (its lessons were "
                f"reordered): cite {now} in the guidelines or collections, or put the lessons back "
                f"in their order; then {_REWRITE}",
            )
        else:
            yield Problem(
                shown,
                line,
                ref,
                f"the text of the lesson cited as {ref} ({case.path}) has changed since it was "
                f"cited: check that the recommendations and collections citing it still hold, "
                f"then {_REWRITE}",
                "warning",
            )
