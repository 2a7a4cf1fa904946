"""The editorial guide's floor for a case (CONTRIBUTING, "Editorial guide"), as warnings that
`casebook check` gives and the build never does: at least three lessons, each with the stage
it applies to, and an Outcome section that says how the story ends or stands."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .problems import Problem
from .yamlfile import Document

MIN_LESSONS = 3
# The Outcome section's heading and the issue form's text for a section left empty, in each
# language a case may be written in: the catalogue's translations of "Outcome" and "Not yet
# written." (tests/test_editorial.py keeps them equal).
OUTCOME = {"en": "Outcome", "fr": "Résultat", "ru": "Итог"}
NOT_WRITTEN = {"en": "Not yet written.", "fr": "Pas encore rédigé.", "ru": "Ещё не написано."}
_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t#]*(?:\{[^}]*\})?[ \t]*$")


def editorial_problems(
    path: str, data: dict[str, Any], doc: Document, body: str, body_line: int, stages: tuple[str, ...]
) -> Iterator[Problem]:
    lessons = data.get("lessons")
    if isinstance(lessons, list):
        if len(lessons) < MIN_LESSONS:
            have = "one lesson" if len(lessons) == 1 else f"{len(lessons)} lessons"
            yield Problem(
                path,
                doc.line_of(("lessons",)),
                "lessons",
                f"{have}: the editorial guide asks for at least {MIN_LESSONS}, each saying what another "
                "office should do or avoid, and why",
                "warning",
            )
        for number, lesson in enumerate(lessons, start=1):
            if isinstance(lesson, dict) and not lesson.get("stage"):
                yield Problem(
                    path,
                    doc.line_of(("lessons", number - 1)),
                    f"lessons[{number}]",
                    f"no stage: add a line '    stage: {stages[0]}' under its text, with the stage the "
                    f"lesson applies to (one of: {', '.join(stages)})",
                    "warning",
                )
    language = data.get("lang") if data.get("lang") in OUTCOME else "en"
    yield from _outcome_problems(path, body, body_line, language)


def _outcome_problems(path: str, body: str, body_line: int, language: str) -> Iterator[Problem]:
    heading = OUTCOME[language]
    lines = body.split("\n")
    start = next(
        (n for n, line in enumerate(lines) if (m := _HEADING.match(line)) and m.group(1).strip() == heading),
        None,
    )
    if start is None:
        last = body_line + len(body.rstrip("\n").split("\n")) - 1  # where the story ends now
        yield Problem(
            path,
            last,
            "body",
            f"no '## {heading}' section: end the story with one that says how the partnership ended "
            "or stands (a renewal, an audit, a ruling, a closure), or what is still unknown and since when",
            "warning",
        )
        return
    end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("## ")), len(lines))
    text = " ".join(" ".join(lines[start + 1 : end]).split())
    if not text or text in (NOT_WRITTEN[language], NOT_WRITTEN["en"]):
        yield Problem(
            path,
            body_line + start,
            "body",
            f"the '## {heading}' section is not written yet: say how the partnership ended or stands, "
            "with its source",
            "warning",
        )
