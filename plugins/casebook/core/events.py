"""Events where cases are shared (seminars, webinars, workshops, conferences, meetings): one
Markdown file each in events/, named after its slug, read and checked as cases are.

    ---
    title: High-level seminar on strategic partnerships
    kind: seminar                  # event_kinds in vocabulary.yml
    start: 2018-04-11              # a date, or a UTC time: 2027-03-04T13:00:00Z
    end: 2018-04-12                # optional
    place: Geneva                  # a city, or online
    organisers: [UNECE]
    cases: [gss-vodafone-flowminder-cdr]   # slugs of the cases presented
    documents:
      - title: Programme
        url: https://...
    summary: One or two sentences.
    reading_list: mobile-network-data   # optional: a collection (collections/) to read first
    ---
    The event's story.

A lesson names the event where it was learned with `event: <slug>`; these slugs, the cases
presented and the reading list are checked here, with a did-you-mean.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .collection import is_skipped, markdown_files
from .files import read_contributed
from .model import Case, Lesson, Source
from .problems import CaseFileError, Problem, ReportsProblems, did_you_mean
from .schema import URL_PATTERN, obj, term, text
from .sourcecheck import source_problems
from .validate import (
    FILE_SLUG,
    body_problems,
    character_problems,
    decode,
    repair_text,
    schema_problems,
    slug_for,
)
from .vocabulary import Vocabulary
from .yamlfile import Document, dotted, parse_yaml, split_front_matter

DATE = r"\d{4}-\d{2}-\d{2}"
WHEN_PATTERN = rf"^{DATE}(?:T\d{{2}}:\d{{2}}(?::\d{{2}})?Z)?$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Event:
    slug: str
    path: str
    title: str
    kind: str
    start: str  # as written: 2018-04-11 or 2027-03-04T13:00:00Z
    end: str | None
    place: str
    organisers: tuple[str, ...]
    cases: tuple[str, ...]
    documents: tuple[Source, ...]
    summary: str
    body: str = ""
    reading_list: str | None = None  # a curated collection's slug (core/curated.py)
    reading_list_line: int = 0

    @property
    def start_date(self) -> dt.date:
        return dt.date.fromisoformat(self.start[:10])

    @property
    def end_date(self) -> dt.date:
        return dt.date.fromisoformat((self.end or self.start)[:10])

    def upcoming(self, today: dt.date) -> bool:
        """Not over yet on `today`."""
        return self.end_date >= today


@dataclass(frozen=True)
class Events(ReportsProblems):
    events: tuple[Event, ...]  # by slug
    problems: tuple[Problem, ...]


def event_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    when = {
        "type": "string",
        "pattern": WHEN_PATTERN,
        "description": "A date such as 2018-04-11, or a UTC time such as 2027-03-04T13:00:00Z.",
    }
    properties = {
        "title": text("The event's title.", 200),
        "kind": term(vocabulary["event_kinds"]),
        "start": when,
        "end": when,
        "place": text("A city, or online.", 200),
        "organisers": {
            "type": "array",
            "minItems": 1,
            "items": text("An organiser.", 200),
            "description": "Who organised it: a list such as [UNECE].",
        },
        "cases": {
            "type": "array",
            "uniqueItems": True,
            "items": {"type": "string", "pattern": SLUG_PATTERN},
            "description": "The cases presented, by slug: a list such as [ssb-payment-receipt-data].",
        },
        "documents": {
            "type": "array",
            "description": "The programme, the report, the slides: title and web address.",
            "items": obj(
                {
                    "title": text("The document's title.", 300),
                    "url": {"type": "string", "pattern": URL_PATTERN, "maxLength": 2000},
                },
                ["title"],
                "A document.",
            ),
        },
        "summary": text("One or two sentences shown in listings.", 600),
        "reading_list": {
            "type": "string",
            "pattern": SLUG_PATTERN,
            "description": "A collection to read before the event, by slug: such as mobile-network-data.",
        },
    }
    return obj(properties, ["title", "kind", "start", "place", "organisers", "summary"], "An event.")


@cache
def _validator(vocabulary: Vocabulary) -> Draft202012Validator:
    return Draft202012Validator(event_schema(vocabulary))


def read_event(
    path: str, raw: bytes, vocabulary: Vocabulary, case_slugs: Iterable[str]
) -> tuple[Event | None, list[Problem]]:
    """Parse and check one event file; an Event only when it has no error."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    slug = name[: -len(".md")]
    problems: list[Problem] = []
    if not FILE_SLUG.fullmatch(slug):
        message = f"'{name}' is not a valid event file name: rename it to '{slug_for(name) or 'my-event'}.md'"
        problems.append(Problem(path, 1, "file name", message))
    try:
        source = decode(raw)
        parts = split_front_matter(source)
        document = parse_yaml(parts.front_matter, first_line=2)
        if not isinstance(document.data, dict):
            raise CaseFileError(
                1, "front matter", "expected fields such as 'title: ...' between the '---' lines"
            )
    except CaseFileError as exc:
        return None, [*problems, Problem(path, exc.line, exc.field, exc.message)]
    data = repair_text(document.data, _validator(vocabulary).schema, (), document)
    problems += schema_problems(path, data, document, _validator(vocabulary))
    problems += _date_problems(path, data, document)
    problems += _slug_problems(path, data.get("cases"), ("cases",), document, set(case_slugs), "case")
    problems += source_problems(path, data, document, field="documents")
    problems += body_problems(path, parts.body, parts.body_line)
    problems += character_problems(path, document, parts.body, parts.body_line)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return _build(slug, path, data, parts.body, document.line_of(("reading_list",))), problems


def read_event_file(
    path: Path, shown: str, vocabulary: Vocabulary, case_slugs: Iterable[str]
) -> tuple[Event | None, list[Problem]]:
    """An event file on disk (a regular file, not a link; see files.py), read and checked."""
    try:
        raw = read_contributed(path)
    except CaseFileError as exc:
        return None, [Problem(shown, exc.line, exc.field, exc.message)]
    return read_event(shown, raw, vocabulary, case_slugs)


def load_events(
    folder: Path, vocabulary: Vocabulary, case_slugs: Iterable[str], base: Path | None = None
) -> Events:
    """Every event file in `folder` (none if there is no such folder), checked against the cases."""
    if not folder.is_dir():
        return Events((), ())
    slugs = set(case_slugs)
    events: list[Event] = []
    problems: list[Problem] = []
    for shown, raw in markdown_files(folder, base, "an event", problems):
        event, found = read_event(shown, raw, vocabulary, slugs)
        problems += found
        if event is not None:
            events.append(event)
    return Events(tuple(sorted(events, key=lambda e: e.slug)), tuple(sorted(problems)))


def file_slugs(folder: Path) -> set[str]:
    """The slugs the Markdown files of a folder give, read or not (for checks of some files)."""
    if not folder.is_dir():
        return set()
    return {slug_for(p.name) for p in folder.iterdir() if p.name.endswith(".md") and not is_skipped(p.name)}


def lesson_event_problems(cases: Iterable[Case], event_slugs: Iterable[str]) -> Iterator[Problem]:
    """A lesson's `event` must name an event file."""
    known = set(event_slugs)
    for case in cases:
        for lesson in case.lessons:
            if lesson.event and lesson.event not in known:
                where = f"lessons[{lesson.number}].event"
                yield Problem(case.path, lesson.event_line, where, _unknown("event", lesson.event, known))


def reading_list_problems(events: Iterable[Event], collection_slugs: Iterable[str]) -> Iterator[Problem]:
    """An event's `reading_list` must name a collection file."""
    known = set(collection_slugs)
    for event in events:
        if event.reading_list and event.reading_list not in known:
            message = _unknown("collection", event.reading_list, known)
            yield Problem(event.path, event.reading_list_line, "reading_list", message)


_FOLDERS = {"event": "events", "case": "cases", "collection": "collections"}


def _unknown(kind: str, slug: str, known: set[str]) -> str:
    folder = _FOLDERS[kind]
    hint = did_you_mean(slug, sorted(known))
    return f"no {kind} '{slug}'{hint}: expected the name of a file in {folder}/, without .md"


def _slug_problems(
    path: str, value: Any, where: tuple, document: Document, known: set[str], kind: str
) -> Iterator[Problem]:
    for number, slug in enumerate(value if isinstance(value, list) else []):
        if isinstance(slug, str) and re.fullmatch(SLUG_PATTERN, slug) and slug not in known:
            at = (*where, number)
            yield Problem(path, document.line_of(at), dotted(at), _unknown(kind, slug, known))


def _date_problems(path: str, data: dict[str, Any], document: Document) -> Iterator[Problem]:
    moments: dict[str, dt.date] = {}
    for key in ("start", "end"):
        value = data.get(key)
        if isinstance(value, str) and re.fullmatch(WHEN_PATTERN, value):
            try:
                moments[key] = (
                    dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
                    if "T" in value
                    else dt.date.fromisoformat(value)
                )
            except ValueError:
                yield Problem(path, document.line_of((key,)), key, f"'{value}' is not a real date")
    if "start" in moments and "end" in moments and moments["end"] < moments["start"]:
        yield Problem(
            path,
            document.line_of(("end",)),
            "end",
            f"ends before it starts ({data['end']} < {data['start']})",
        )


def _build(slug: str, path: str, data: dict[str, Any], body: str, reading_list_line: int) -> Event:
    return Event(
        slug=slug,
        path=path,
        title=data["title"].strip(),
        kind=data["kind"],
        start=data["start"],
        end=data.get("end"),
        place=data["place"].strip(),
        organisers=tuple(o.strip() for o in data["organisers"]),
        cases=tuple(data.get("cases") or ()),
        documents=tuple(Source(d["title"].strip(), d.get("url")) for d in data.get("documents") or ()),
        summary=data["summary"].strip(),
        body=body,
        reading_list=data.get("reading_list"),
        reading_list_line=reading_list_line,
    )


@dataclass(frozen=True)
class EventIndex:
    """The events of an edition, with the cases presented and the lessons learned at each."""

    events: tuple[Event, ...]  # by start, then slug
    by_case: dict[str, tuple[Event, ...]]  # case slug -> the events it was presented at
    cases_at: dict[str, tuple[Case, ...]]  # event slug -> its cases in this edition
    lessons_at: dict[str, tuple[Lesson, ...]]  # event slug -> lessons learned there

    def upcoming(self, today: dt.date) -> tuple[Event, ...]:
        """Events not over yet, the soonest first."""
        return tuple(e for e in self.events if e.upcoming(today))

    def past(self, today: dt.date) -> tuple[Event, ...]:
        """Events over, the newest first."""
        return tuple(reversed([e for e in self.events if not e.upcoming(today)]))


def index_events(events: Iterable[Event], cases: Iterable[Case]) -> EventIndex:
    """Cases outside the edition (internal ones, in the public edition) are left out."""
    ordered = tuple(sorted(events, key=lambda e: (e.start, e.slug)))
    published = {case.slug: case for case in cases}
    by_case: dict[str, list[Event]] = {}
    for event in ordered:
        for slug in event.cases:
            by_case.setdefault(slug, []).append(event)
    lessons: dict[str, list[Lesson]] = {}
    for case in published.values():
        for lesson in case.lessons:
            if lesson.event:
                lessons.setdefault(lesson.event, []).append(lesson)
    return EventIndex(
        events=ordered,
        by_case={slug: tuple(found) for slug, found in by_case.items() if slug in published},
        cases_at={e.slug: tuple(published[s] for s in e.cases if s in published) for e in ordered},
        lessons_at={slug: tuple(found) for slug, found in lessons.items()},
    )
