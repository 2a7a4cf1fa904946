"""The guidelines publication's editorial text, kept as data in guidelines/: an introduction,
an executive summary, and one file per challenge area with numbered recommendations, each
citing the lessons that support it (`<case-slug>#<lesson number>`). The examples are drawn
from the cases themselves, so an example never drifts from its case; a reference to a case or
lesson that does not exist, or a recommendation without an example, is an error.

    ---
    challenge: confidentiality-data-sharing
    recommendations:
      - title: Settle the legal basis before you ask for data
        text: >-
          Why, and what the examples show.
        examples: [ssb-payment-receipt-data#1, ine-spain-mobile-phone-mobility#2]
    ---
    The chapter's introduction.

Chapters are numbered in the vocabulary's order of challenge areas, recommendations in their
order in the file: "Recommendation 4.2".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .collection import folder_entries
from .files import read_contributed
from .model import Case, Lesson
from .problems import CaseFileError, Problem, ReportsProblems, did_you_mean
from .schema import obj, text
from .validate import body_problems, character_problems, decode, repair_text, schema_problems
from .vocabulary import Term, Vocabulary
from .yamlfile import Document, dotted, parse_yaml, split_front_matter

INTRODUCTION = "introduction"
SUMMARY = "executive-summary"
EXAMPLE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)#([1-9][0-9]*)$")


@dataclass(frozen=True)
class Example:
    case: Case
    lesson: Lesson


@dataclass(frozen=True)
class Recommendation:
    label: str  # '4.2'
    title: str
    text: str
    examples: tuple[Example, ...]

    @property
    def anchor(self) -> str:
        return "recommendation-" + self.label.replace(".", "-")


@dataclass(frozen=True)
class Chapter:
    number: int
    challenge: Term
    introduction: str  # Markdown
    recommendations: tuple[Recommendation, ...]


@dataclass(frozen=True)
class Part:
    title: str
    body: str  # Markdown


@dataclass(frozen=True)
class Guidelines(ReportsProblems):
    introduction: Part | None
    summary: Part | None
    chapters: tuple[Chapter, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        return tuple(r for chapter in self.chapters for r in chapter.recommendations)

    @property
    def cited_cases(self) -> tuple[Case, ...]:
        """Every case an example comes from, once, by title: the references."""
        cases = {e.case.slug: e.case for r in self.recommendations for e in r.examples}
        return tuple(sorted(cases.values(), key=lambda c: c.title.casefold()))


def chapter_schema() -> dict[str, Any]:
    recommendation = obj(
        {
            "title": text("The recommendation, as an instruction.", 300),
            "text": text("Why, and what the examples show.", 3000),
            "examples": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "pattern": EXAMPLE.pattern},
                "description": "The lessons that support it: a list such as [ssb-payment-receipt-data#1].",
            },
        },
        ["title", "text", "examples"],
        "A recommendation.",
    )
    recommendations = {
        "type": "array",
        "minItems": 1,
        "items": recommendation,
        "description": "Recommendations.",
    }
    return obj({"challenge": text("The challenge area's slug.", 100), "recommendations": recommendations},
               ["challenge", "recommendations"], "A chapter of the guidelines.")  # fmt: skip


def part_schema() -> dict[str, Any]:
    return obj({"title": text("The part's title.", 200)}, ["title"], "The introduction or the summary.")


@cache
def _validators() -> tuple[Draft202012Validator, Draft202012Validator]:
    return Draft202012Validator(chapter_schema()), Draft202012Validator(part_schema())


def load_guidelines(
    folder: Path, vocabulary: Vocabulary, cases: Mapping[str, Case], base: Path | None = None
) -> Guidelines:
    """Every file of `folder` (no guidelines if there is no such folder). `cases` are the
    cases of the edition being built, by slug: an example must come from one of them."""
    if not folder.is_dir():
        return Guidelines(None, None, ())
    challenges = vocabulary.challenges
    problems: list[Problem] = []
    parts: dict[str, Part] = {}
    chapters: list[Chapter] = []
    for shown, entry in folder_entries(folder, base):
        stem = entry.name.removesuffix(".md")
        names = [INTRODUCTION, SUMMARY, *challenges.slugs]
        if not entry.name.endswith(".md") or stem not in names:
            hint = did_you_mean(stem, names)
            problems.append(
                Problem(
                    shown,
                    1,
                    "file",
                    f"not a guidelines file{hint}: expected one of {', '.join(n + '.md' for n in names)}",
                )
            )
            continue
        try:
            parsed = _read(shown, Path(entry.path))
        except CaseFileError as exc:
            problems.append(Problem(shown, exc.line, exc.field, exc.message))
            continue
        data, document, body, body_line = parsed
        problems += body_problems(shown, body, body_line)
        problems += character_problems(shown, document, body, body_line)
        if stem in (INTRODUCTION, SUMMARY):
            found = list(schema_problems(shown, data, document, _validators()[1]))
            problems += found
            if not found:
                parts[stem] = Part(data["title"].strip(), body)
            continue
        number = challenges.slugs.index(stem) + 1
        found = list(schema_problems(shown, data, document, _validators()[0]))
        if not found and data["challenge"] != stem:
            message = f"'{data['challenge']}' is not this file's challenge area: write challenge: {stem}"
            found.append(Problem(shown, document.line_of(("challenge",)), "challenge", message))
        if not found:
            found += _reference_problems(shown, data, document, cases)
        problems += found
        if not any(p.severity == "error" for p in found):
            chapters.append(_chapter(number, challenges.term_of(stem), data, body, cases))
    chapters.sort(key=lambda c: c.number)
    return Guidelines(parts.get(INTRODUCTION), parts.get(SUMMARY), tuple(chapters), tuple(sorted(problems)))


def _read(shown: str, path: Path) -> tuple[dict[str, Any], Document, str, int]:
    parts = split_front_matter(decode(read_contributed(path)))
    document = parse_yaml(parts.front_matter, first_line=2)
    if not isinstance(document.data, dict):
        raise CaseFileError(1, "front matter", "expected fields such as 'title: ...' between the '---' lines")
    schema = _validators()[0].schema
    return repair_text(document.data, schema, (), document), document, parts.body, parts.body_line


def _reference_problems(
    shown: str, data: dict[str, Any], document: Document, cases: Mapping[str, Case]
) -> Iterator[Problem]:
    for r, recommendation in enumerate(data["recommendations"]):
        for e, reference in enumerate(recommendation["examples"]):
            where = ("recommendations", r, "examples", e)
            slug, number = EXAMPLE.fullmatch(reference).groups()  # type: ignore[union-attr]
            case = cases.get(slug)
            if case is None:
                hint = did_you_mean(slug, sorted(cases))
                message = (
                    f"no case '{slug}'{hint}: cite a case of the collection as <case-slug>#<lesson number>"
                )
            elif int(number) > len(case.lessons):
                message = f"'{slug}' has {len(case.lessons)} lessons: there is no lesson {number}"
            else:
                continue
            yield Problem(shown, document.line_of(where), dotted(where), message)


def _chapter(
    number: int, challenge: Term, data: dict[str, Any], body: str, cases: Mapping[str, Case]
) -> Chapter:
    recommendations = []
    for position, item in enumerate(data["recommendations"], start=1):
        examples = []
        for reference in item["examples"]:
            slug, lesson = EXAMPLE.fullmatch(reference).groups()  # type: ignore[union-attr]
            case = cases[slug]
            examples.append(Example(case, case.lessons[int(lesson) - 1]))
        label = f"{number}.{position}"
        recommendations.append(
            Recommendation(label, item["title"].strip(), item["text"].strip(), tuple(examples))
        )
    return Chapter(number, challenge, body.strip(), tuple(recommendations))
