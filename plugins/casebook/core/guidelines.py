"""The guidelines publication's text, kept as data in guidelines/: an introduction, an executive
summary of key messages, a chapter per challenge area and two more (the data holder's side;
running and closing a partnership), the frameworks the recommendations apply
(`frameworks.yml`), and the tools (`tools/`, see guidelinetools.py).

    ---
    challenge: confidentiality-data-sharing
    recommendations:
      - title: Settle the legal basis before you ask for data
        actor: head-of-office            # the roles in vocabulary.yml (actors)
        stage: agreeing                  # the lesson stages
        text: Why, and what the examples show.
        safeguard: The test that prevents misuse or failure.
        frameworks: [gdpr-art-6, fpos-6] # ids of guidelines/frameworks.yml
        when: Where it applies (optional; where the evidence points two ways).
        advised_because: Why it is advised though its evidence is limited (then required).
        examples:
          - {ref: ssb-payment-receipt-data#1, role: cautionary}   # worked, cautionary or mixed
    ---
    The chapter's introduction.

Chapters are numbered in the vocabulary's order of challenge areas, then the extra chapters;
recommendations in their order in the file: "Recommendation 4.2". Each recommendation's grade
is computed from its examples (evidence.py). Every reference (case, lesson, framework, actor,
role, a key message's recommendation) is checked, with file, line and a did-you-mean, and a
limited recommendation must say why it is still advised.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator

from .collection import folder_entries, shown_path
from .evidence import Grade, grade
from .files import read_contributed
from .languages import LANGUAGES
from .model import Case, Lesson
from .problems import CaseFileError, Problem, ReportsProblems, did_you_mean
from .schema import in_language, obj, term, text
from .validate import (
    body_problems,
    character_problems,
    read_front_matter,
    read_yaml,
    repair_text,
    schema_problems,
)
from .vocabulary import Term, Vocabulary
from .yamlfile import Document, dotted

if TYPE_CHECKING:
    from .guidelinetools import Tools

INTRODUCTION = "introduction"
SUMMARY = "executive-summary"
FRAMEWORKS = "frameworks.yml"
TOOLS = "tools"
PROVENANCE_FILE = "translation.yml"  # in a translation's folder: see guidelinetranslations.py
# Chapters after the nine challenge areas, in this order, each titled in its own file.
EXTRA_CHAPTERS = ("data-holders", "administration")
REF = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)#([1-9][0-9]*)$")
LABEL = re.compile(r"^[1-9][0-9]?\.[1-9][0-9]?$")
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Read:
    """A guidelines file read: its path as messages show it, its front matter and its body."""

    shown: str
    data: dict[str, Any]
    document: Document
    body: str


@dataclass(frozen=True)
class Framework:
    id: str
    title: str  # the text's short title: 'Fundamental Principles of Official Statistics'
    provision: str  # the article or principle: 'Principle 6'
    publisher: str
    year: int
    url: str  # the official text
    summary: str = ""  # what the provision says


@dataclass(frozen=True)
class Example:
    case: Case
    lesson: Lesson
    role: str = "worked"


@dataclass(frozen=True)
class Recommendation:
    label: str  # '4.2'
    title: str
    text: str
    examples: tuple[Example, ...]
    actor: str = ""
    stage: str = ""
    safeguard: str = ""
    frameworks: tuple[Framework, ...] = ()
    when: str | None = None
    advised_because: str | None = None
    grade: Grade = field(default_factory=lambda: grade(()))

    @property
    def anchor(self) -> str:
        return "recommendation-" + self.label.replace(".", "-")


@dataclass(frozen=True)
class Chapter:
    number: int
    key: str  # the file's name: a challenge's slug, or an extra chapter's
    title: str
    introduction: str  # Markdown
    recommendations: tuple[Recommendation, ...]
    challenge: Term | None = None


@dataclass(frozen=True)
class Part:
    title: str
    body: str  # Markdown
    edition: int | None = None  # the introduction's: the edition number and year
    published: int | None = None


@dataclass(frozen=True)
class KeyMessage:
    text: str
    recommendations: tuple[Recommendation, ...]


@dataclass(frozen=True)
class Guidelines(ReportsProblems):
    introduction: Part | None
    summary: Part | None
    chapters: tuple[Chapter, ...]
    problems: tuple[Problem, ...] = ()
    key_messages: tuple[KeyMessage, ...] = ()
    frameworks: tuple[Framework, ...] = ()
    tools: Tools | None = None  # where the folder has them

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        return tuple(r for chapter in self.chapters for r in chapter.recommendations)

    @property
    def cited_cases(self) -> tuple[Case, ...]:
        """Every case an example comes from, once, by title: the references."""
        cases = {e.case.slug: e.case for r in self.recommendations for e in r.examples}
        return tuple(sorted(cases.values(), key=lambda c: c.title.casefold()))

    @property
    def cited_lessons(self) -> tuple[Lesson, ...]:
        """Every lesson an example cites, once, in case and lesson order: the annex."""
        lessons = {
            (e.case.title.casefold(), e.case.slug, e.lesson.number): e.lesson
            for r in self.recommendations
            for e in r.examples
        }
        return tuple(lessons[key] for key in sorted(lessons))

    def applying(self, framework: Framework) -> tuple[Recommendation, ...]:
        return tuple(r for r in self.recommendations if framework in r.frameworks)

    @property
    def edition(self) -> tuple[int | None, int | None]:
        """(edition number, year published), as the introduction gives them."""
        part = self.introduction
        return (part.edition, part.published) if part else (None, None)


def chapter_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    example = obj(
        {
            "ref": {
                "type": "string",
                "pattern": REF.pattern,
                "description": "The lesson: <case-slug>#<lesson number>, such as ssb-payment-receipt-data#1.",
            },
            "role": term(vocabulary["example_roles"]),
        },
        ["ref", "role"],
        "An example and what it shows.",
    )
    recommendation = obj(
        {
            "title": text("The recommendation, as an instruction.", 300),
            "text": text("Why, and what the examples show.", 3000),
            "actor": term(vocabulary["actors"]),
            "stage": term(vocabulary.stages),
            "safeguard": text("The condition or test that prevents misuse or failure.", 600),
            "frameworks": {
                "type": "array",
                "minItems": 1,
                "uniqueItems": True,
                "items": {"type": "string", "pattern": SLUG},
                "description": "The principles, codes and laws it applies: ids of guidelines/frameworks.yml.",
            },
            "when": text("The conditions under which it applies.", 600),
            "advised_because": text("Why it is advised though its evidence is limited.", 600),
            "examples": {
                "type": "array",
                "minItems": 1,
                "items": example,
                "description": "The lessons that show it: a list of {ref: <case>#<lesson>, role: worked}.",
            },
        },
        ["title", "text", "actor", "stage", "safeguard", "frameworks", "examples"],
        "A recommendation.",
    )
    recommendations = {
        "type": "array",
        "minItems": 1,
        "items": recommendation,
        "description": "Recommendations.",
    }
    return obj(
        {
            "challenge": text("The challenge area's slug.", 100),
            "title": text("The chapter's title (the chapters after the challenge areas).", 200),
            "recommendations": recommendations,
        },
        ["recommendations"],
        "A chapter of the guidelines.",
    )


def part_schema() -> dict[str, Any]:
    year = {"type": "integer", "minimum": 2000, "maximum": 2200, "description": "The year, such as 2027."}
    key_message = obj(
        {
            "text": text("The message, in one or two sentences.", 600),
            "recommendations": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "pattern": LABEL.pattern},
                "description": "The recommendations it sums up, by label: a list such as ['4.1', '4.3'].",
            },
        },
        ["text", "recommendations"],
        "A key message.",
    )
    return obj(
        {
            "title": text("The part's title.", 200),
            "edition": {
                "type": "integer",
                "minimum": 1,
                "maximum": 99,
                "description": "The edition's number.",
            },
            "published": year,
            "key_messages": {
                "type": "array",
                "minItems": 1,
                "items": key_message,
                "description": "In priority order.",
            },
        },
        ["title"],
        "The introduction or the executive summary.",
    )


def frameworks_schema() -> dict[str, Any]:
    entry = obj(
        {
            "id": {"type": "string", "pattern": SLUG, "description": "A short id, such as fpos-6."},
            "title": text("The text's short title.", 200),
            "provision": text("The article or principle, such as 'Principle 6' or 'Article 89'.", 200),
            "summary": text("What the provision says, in a sentence or two.", 1500),
            "publisher": text("Who adopted or publishes it.", 300),
            "year": {
                "type": "integer",
                "minimum": 1900,
                "maximum": 2200,
                "description": "The year, such as 2014.",
            },
            "url": {"type": "string", "pattern": r"^https?://\S+$", "description": "The official text."},
        },
        ["id", "title", "provision", "publisher", "year", "url"],
        "A principle, code or law.",
    )
    return {"type": "array", "minItems": 1, "items": entry, "description": "The frameworks."}


@cache
def _validators(vocabulary: Vocabulary) -> tuple[Draft202012Validator, ...]:
    schemas = (chapter_schema(vocabulary), part_schema(), frameworks_schema())
    return tuple(Draft202012Validator(in_language(schema, vocabulary.language)) for schema in schemas)


def load_guidelines(
    folder: Path, vocabulary: Vocabulary, cases: Mapping[str, Case], base: Path | None = None
) -> Guidelines:
    """Every file of `folder` (no guidelines if there is no such folder). `cases` are the
    cases of the edition being built, by slug: an example must come from one of them."""
    if not folder.is_dir():
        return Guidelines(None, None, ())
    reader = _Reader(vocabulary, cases, base)
    names = [INTRODUCTION, SUMMARY, *vocabulary.challenges.slugs, *EXTRA_CHAPTERS]
    framework_file = folder / FRAMEWORKS
    frameworks = reader.frameworks(framework_file) if framework_file.exists() else {}
    chapter_validator, part_validator, _ = _validators(vocabulary)
    parts: dict[str, Read] = {}
    chapters: list[Chapter] = []
    for shown, entry in folder_entries(folder, base):
        stem = entry.name.removesuffix(".md")
        # The translations' folders and provenance: see guidelinetranslations.py.
        if entry.name in (FRAMEWORKS, TOOLS, PROVENANCE_FILE) or entry.name in LANGUAGES:
            continue
        if not entry.name.endswith(".md") or stem not in names:
            expected = ", ".join([*(n + ".md" for n in names), FRAMEWORKS, TOOLS + "/"])
            message = f"not a guidelines file{did_you_mean(stem, names)}: expected one of {expected}"
            reader.add(Problem(shown, 1, "file", message))
            continue
        is_part = stem in (INTRODUCTION, SUMMARY)
        read = reader.markdown(shown, Path(entry.path), part_validator if is_part else chapter_validator)
        if read is None:
            continue
        if is_part:
            parts[stem] = read
            continue
        chapter = reader.chapter(read, stem, names.index(stem) - 2, frameworks)
        if chapter is not None:
            chapters.append(chapter)
    chapters.sort(key=lambda c: c.number)
    recommendations = {r.label: r for chapter in chapters for r in chapter.recommendations}
    summary, key_messages = None, ()
    if SUMMARY in parts:
        summary, key_messages = reader.summary(parts[SUMMARY], recommendations)
    introduction = reader.part(parts[INTRODUCTION]) if INTRODUCTION in parts else None
    tools = None
    if (folder / TOOLS).is_dir():
        from .guidelinetools import load_tools  # the tools read the guidelines' frameworks

        tools = load_tools(folder / TOOLS, vocabulary, cases, frameworks, base, reader.add)
    return Guidelines(
        introduction,
        summary,
        tuple(chapters),
        tuple(sorted(reader.problems)),
        key_messages,
        tuple(frameworks.values()),
        tools,
    )


class _Reader:
    """Reads the guidelines' files, gathering every problem."""

    def __init__(self, vocabulary: Vocabulary, cases: Mapping[str, Case], base: Path | None) -> None:
        self.vocabulary = vocabulary
        self.cases = cases
        self.base = base
        self.problems: list[Problem] = []

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def markdown(self, shown: str, path: Path, validator: Draft202012Validator) -> Read | None:
        """A Markdown file's front matter (checked against `validator`) and body."""
        try:
            _, parts, document = read_front_matter(read_contributed(path))
        except CaseFileError as exc:
            self.add(Problem(shown, exc.line, exc.field, exc.message))
            return None
        data = repair_text(document.data, validator.schema, (), document)
        found = [*schema_problems(shown, data, document, validator)]
        found += body_problems(shown, parts.body, parts.body_line)
        found += character_problems(shown, document, parts.body, parts.body_line)
        self.problems += found
        if any(p.severity == "error" for p in found):
            return None
        return Read(shown, data, document, parts.body)

    def frameworks(self, path: Path) -> dict[str, Framework]:
        shown = shown_path(path, self.base)
        try:
            document = read_yaml(read_contributed(path))
        except CaseFileError as exc:
            self.add(Problem(shown, exc.line, exc.field, exc.message))
            return {}
        validator = _validators(self.vocabulary)[2]
        data = repair_text(document.data, validator.schema, (), document)
        found = [*schema_problems(shown, data, document, validator), *character_problems(shown, document)]
        self.problems += found
        if any(p.severity == "error" for p in found):
            return {}
        frameworks: dict[str, Framework] = {}
        for position, entry in enumerate(data):
            if entry["id"] in frameworks:
                where = (position, "id")
                message = f"'{entry['id']}' is given twice; keep one"
                self.add(Problem(shown, document.line_of(where), dotted(where), message))
                continue
            frameworks[entry["id"]] = Framework(
                id=entry["id"],
                title=entry["title"].strip(),
                provision=entry["provision"].strip(),
                publisher=entry["publisher"].strip(),
                year=entry["year"],
                url=entry["url"],
                summary=(entry.get("summary") or "").strip(),
            )
        return frameworks

    def chapter(
        self, read: Read, key: str, position: int, frameworks: Mapping[str, Framework]
    ) -> Chapter | None:
        shown, data, document = read.shown, read.data, read.document
        challenge = (
            self.vocabulary.challenges.term_of(key) if key in self.vocabulary.challenges.slugs else None
        )
        number = position + 1
        problems: list[Problem] = []
        if challenge is not None and data.get("challenge") != key:
            written = data.get("challenge")
            message = (
                f"'{written}' is not this file's challenge area: write challenge: {key}"
                if written
                else f"missing required field 'challenge': write challenge: {key}"
            )
            problems.append(Problem(shown, document.line_of(("challenge",)), "challenge", message))
        if challenge is None and not data.get("title"):
            message = "missing required field 'title': give the chapter's title"
            problems.append(Problem(shown, document.start_line, "title", message))
        recommendations = []
        for index, item in enumerate(data["recommendations"]):
            recommendation = self._recommendation(shown, document, index, item, number, frameworks, problems)
            if recommendation is not None:
                recommendations.append(recommendation)
        self.problems += problems
        if problems:
            return None
        title = challenge.label if challenge else data["title"].strip()
        return Chapter(number, key, title, read.body.strip(), tuple(recommendations), challenge)

    def _recommendation(
        self,
        shown: str,
        document: Document,
        index: int,
        item: dict[str, Any],
        number: int,
        frameworks: Mapping[str, Framework],
        problems: list[Problem],
    ) -> Recommendation | None:
        where = ("recommendations", index)
        before = len(problems)
        examples = []
        for position, example in enumerate(item["examples"]):
            found = self.lesson(example["ref"])
            if isinstance(found, str):
                at = where + ("examples", position, "ref")
                problems.append(Problem(shown, document.line_of(at), dotted(at), found))
            else:
                examples.append(Example(found[0], found[1], example["role"]))
        chosen = []
        for position, framework_id in enumerate(item["frameworks"]):
            if framework_id in frameworks:
                chosen.append(frameworks[framework_id])
                continue
            at = where + ("frameworks", position)
            hint = did_you_mean(framework_id, frameworks)
            message = f"no framework '{framework_id}'{hint}: use an id of guidelines/{FRAMEWORKS}"
            problems.append(Problem(shown, document.line_of(at), dotted(at), message))
        if len(problems) > before:
            return None
        graded = grade((e.role, e.case) for e in examples)
        if graded.level == "limited" and not item.get("advised_because"):
            message = (
                f"its evidence is limited ({describe_grade(graded)}): say why it is still advised "
                "in advised_because: (a principle or a law that requires it, say), or drop it"
            )
            problems.append(Problem(shown, document.line_of(where), dotted(where), message))
            return None
        return Recommendation(
            label=f"{number}.{index + 1}",
            title=item["title"].strip(),
            text=item["text"].strip(),
            examples=tuple(examples),
            actor=item["actor"],
            stage=item["stage"],
            safeguard=item["safeguard"].strip(),
            frameworks=tuple(chosen),
            when=(item.get("when") or "").strip() or None,
            advised_because=(item.get("advised_because") or "").strip() or None,
            grade=graded,
        )

    def lesson(self, reference: str) -> tuple[Case, Lesson] | str:
        """The case and lesson of '<slug>#<n>', or why there is none."""
        slug, number = REF.fullmatch(reference).groups()  # type: ignore[union-attr]
        case = self.cases.get(slug)
        if case is None:
            hint = did_you_mean(slug, sorted(self.cases))
            return f"no case '{slug}'{hint}: cite a case of the collection as <case-slug>#<lesson number>"
        if int(number) > len(case.lessons):
            return f"'{slug}' has {len(case.lessons)} lessons: there is no lesson {number}"
        return case, case.lessons[int(number) - 1]

    def part(self, read: Read) -> Part:
        data = read.data
        return Part(data["title"].strip(), read.body, data.get("edition"), data.get("published"))

    def summary(
        self, read: Read, recommendations: Mapping[str, Recommendation]
    ) -> tuple[Part, tuple[KeyMessage, ...]]:
        shown, data, document = read.shown, read.data, read.document
        messages = []
        for index, message in enumerate(data.get("key_messages", [])):
            chosen = []
            for position, label in enumerate(message["recommendations"]):
                if label in recommendations:
                    chosen.append(recommendations[label])
                    continue
                at = ("key_messages", index, "recommendations", position)
                hint = did_you_mean(label, recommendations)
                self.add(Problem(shown, document.line_of(at), dotted(at), f"no recommendation {label}{hint}"))
            messages.append(KeyMessage(message["text"].strip(), tuple(chosen)))
        return self.part(read), tuple(messages)


def describe_grade(graded: Grade) -> str:
    """What a grade rests on: 'worked in 2 offices whose cases report the outcome; 1 cautionary
    example; no mixed example'."""
    offices = len(graded.worked)
    if offices == 1:
        parts = ["worked in 1 office whose case reports the outcome"]
    else:
        parts = [
            f"worked in {offices or 'no'} office{'s' if offices != 1 else ''} whose cases report the outcome"
        ]
    for count, kind in ((graded.cautionary, "cautionary"), (graded.mixed, "mixed")):
        parts.append(f"{count or 'no'} {kind} example{'s' if count != 1 else ''}")
    if graded.unknown:
        parts.append(f"{graded.unknown} where it worked but the outcome is not yet known")
    return "; ".join(parts)
