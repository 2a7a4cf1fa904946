"""Curated collections: reading lists a curator makes from the cases, one Markdown file each
in collections/, named after its slug, read and checked as cases and events are.

    ---
    title: Mobile network data
    curator: secretariat          # an organisation's slug (organisations.yml) or a curator role
    summary: One or two sentences shown in the listing.
    items:                        # in the order to read them
      - case: cbs-vodafone-mezuro-mobile-data
        lesson: 2                 # optional: one lesson of the case, counted from 1
        note: Why read this.
    ---
    The collection's introduction (Markdown, sanitised as case bodies are).

An item's case is checked against the case files (with a did-you-mean), its lesson against the
case's lessons, the curator against the registry and the curator roles of the vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .collection import markdown_files
from .events import SLUG_PATTERN
from .model import Case
from .problems import CaseFileError, Problem, ReportsProblems, did_you_mean
from .schema import obj, text
from .validate import (
    FILE_SLUG,
    body_problems,
    character_problems,
    read_front_matter,
    repair_text,
    schema_problems,
    slug_for,
)
from .vocabulary import Vocabulary
from .yamlfile import Document, dotted

ROLES = "curator_roles"


@dataclass(frozen=True)
class Item:
    case: str  # a case's slug
    lesson: int | None  # counted from 1
    note: str


@dataclass(frozen=True)
class Curated:
    slug: str
    path: str
    title: str
    curator: str  # an organisation's slug or a curator role's
    summary: str
    items: tuple[Item, ...]
    body: str = ""


@dataclass(frozen=True)
class Collections(ReportsProblems):
    collections: tuple[Curated, ...]  # by title
    problems: tuple[Problem, ...]

    def published(self, cases: Mapping[str, Case]) -> tuple[Curated, ...]:
        """Each collection with only the items whose case the edition publishes (an internal
        case is left out of the public site's lists)."""
        return tuple(
            Curated(
                c.slug,
                c.path,
                c.title,
                c.curator,
                c.summary,
                tuple(i for i in c.items if i.case in cases),
                c.body,
            )
            for c in self.collections
        )


def collection_schema() -> dict[str, Any]:
    item = obj(
        {
            "case": {"type": "string", "pattern": SLUG_PATTERN},
            "lesson": {"type": "integer", "minimum": 1},
            "note": text("Why read this: one or two sentences.", 1000),
        },
        ["case", "note"],
        "A case to read, or one of its lessons.",
    )
    properties = {
        "title": text("The collection's title.", 200),
        "curator": {"type": "string", "pattern": SLUG_PATTERN},
        "summary": text("One or two sentences shown in the listing.", 600),
        "items": {"type": "array", "minItems": 1, "items": item},
    }
    return obj(properties, ["title", "curator", "summary", "items"], "A curated collection.")


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(collection_schema())


def read_curated(
    path: str, raw: bytes, vocabulary: Vocabulary, cases: Mapping[str, Case], organisations: Iterable[str]
) -> tuple[Curated | None, list[Problem]]:
    """Parse and check one collection file; a Curated only when it has no error. `cases` are
    every case by slug (internal ones too), `organisations` the registry's slugs."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    slug = name[: -len(".md")]
    problems: list[Problem] = []
    if not FILE_SLUG.fullmatch(slug):
        fixed = slug_for(name) or "my-collection"
        message = f"'{name}' is not a valid collection file name: rename it to '{fixed}.md'"
        problems.append(Problem(path, 1, "file name", message))
    try:
        _, parts, document = read_front_matter(raw)
    except CaseFileError as exc:
        return None, [*problems, Problem(path, exc.line, exc.field, exc.message)]
    data = repair_text(document.data, _validator().schema, (), document)
    problems += schema_problems(path, data, document, _validator())
    problems += _curator_problems(path, data.get("curator"), document, vocabulary, set(organisations))
    problems += _item_problems(path, data.get("items"), document, cases)
    problems += body_problems(path, parts.body, parts.body_line)
    problems += character_problems(path, document, parts.body, parts.body_line)
    if any(p.severity == "error" for p in problems):
        return None, problems
    items = tuple(Item(i["case"], i.get("lesson"), i["note"].strip()) for i in data["items"])
    curated = Curated(
        slug, path, data["title"].strip(), data["curator"], data["summary"].strip(), items, parts.body
    )
    return curated, problems


def _curator_problems(
    path: str, curator: Any, document: Document, vocabulary: Vocabulary, organisations: set[str]
) -> Iterator[Problem]:
    roles = vocabulary[ROLES].slugs
    if isinstance(curator, str) and curator not in organisations and curator not in roles:
        known = sorted(organisations) + list(roles)
        message = (
            f"'{curator}' is neither an organisation of organisations.yml nor a curator role"
            f"{did_you_mean(curator, known)}; the roles are: {', '.join(roles)}"
        )
        yield Problem(path, document.line_of(("curator",)), "curator", message)


def _item_problems(path: str, items: Any, document: Document, cases: Mapping[str, Case]) -> Iterator[Problem]:
    for number, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("case"), str):
            continue
        slug = item["case"]
        case = cases.get(slug)
        if case is None:
            where = (number, "case")
            hint = did_you_mean(slug, sorted(cases))
            message = f"no case '{slug}'{hint}: expected the name of a file in cases/, without .md"
            yield Problem(path, document.line_of(("items", *where)), dotted(("items", *where)), message)
            continue
        lesson = item.get("lesson")
        if isinstance(lesson, int) and not isinstance(lesson, bool) and lesson > len(case.lessons):
            where = ("items", number, "lesson")
            count = len(case.lessons)
            message = (
                f"'{slug}' has {count} lesson{'s' if count != 1 else ''}: expected a number from 1 to {count}"
            )
            yield Problem(path, document.line_of(where), dotted(where), message)


def load_collections(
    folder: Path,
    vocabulary: Vocabulary,
    cases: Mapping[str, Case],
    organisations: Iterable[str],
    base: Path | None = None,
) -> Collections:
    """Every collection file in `folder` (none if there is no such folder)."""
    if not folder.is_dir():
        return Collections((), ())
    slugs = set(organisations)
    found: list[Curated] = []
    problems: list[Problem] = []
    for shown, raw in markdown_files(folder, base, "a collection", problems):
        curated, seen = read_curated(shown, raw, vocabulary, cases, slugs)
        problems += seen
        if curated is not None:
            found.append(curated)
    ordered = tuple(sorted(found, key=lambda c: (c.title.casefold(), c.slug)))
    return Collections(ordered, tuple(sorted(problems)))
