"""Every content folder a site is made from, read and checked as one: the cases (their
organisations looked up in the registry), the survey, the events (and the events the lessons
name), the curated collections, the guidelines. The build and `casebook check`
both read the content through `load_content`, with the same options (assembly/options.py),
so a file that fails one fails the other; the checker only adds what depends on the day it
runs and the editorial guide's advice (see core/validate.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..core.citedlessons import RECORD_FILE, cited_problems, read_record
from ..core.collection import Collection, ReadAll, load_folder, one_by_one, shown_path
from ..core.curated import Collections, load_collections
from ..core.events import Events, file_slugs, lesson_event_problems, load_events, reading_list_problems
from ..core.files import read_contributed
from ..core.guidelines import Guidelines, load_guidelines
from ..core.guidelinetranslations import TranslatedGuidelines, load_translated_guidelines
from ..core.index import Index, build_index
from ..core.model import Case, Lesson
from ..core.organisations import load_registry, resolve_cases
from ..core.problems import Problem, ReportsProblems
from ..core.translations import Provenance, in_language, read_page_translation
from ..core.vocabulary import Vocabulary
from ..survey import Survey, load_survey
from .options import CasebookOptions


@dataclass(frozen=True)
class InLanguage:
    """The content as the readers of one of the site's languages read it."""

    language: str
    vocabulary: Vocabulary  # its labels in that language
    index: Index  # every case of the edition, translated where it has a translation
    # The guidelines in that language: the default language's own, another's translation
    # (None where there is none, or it is incomplete: its readers are sent to the original).
    guidelines: Guidelines | None
    translated_guidelines: TranslatedGuidelines | None = None


@dataclass(frozen=True)
class Content(ReportsProblems):
    collection: Collection
    survey: Survey
    events: Events
    index: Index  # of the edition's cases
    guidelines: Guidelines
    content_problems: tuple[Problem, ...]  # the events', the lessons' events' and the guidelines'
    languages: dict[str, InLanguage]  # by language, the default first
    # The hand-written pages translated (docs/<language>/...), by path in docs/: their provenance.
    page_translations: dict[str, Provenance] = field(default_factory=dict)
    collections: Collections = field(default_factory=lambda: Collections((), ()))  # core/curated.py

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(sorted(self.collection.problems + self.survey.problems + self.content_problems))


def load_content(
    root: Path,
    options: CasebookOptions,
    vocabulary: Vocabulary,
    read_all: ReadAll = one_by_one,
    today: dt.date | None = None,
    docs: Path | None = None,
) -> Content:
    """Read every content folder under `root` that `options` names (a folder that does not
    exist holds nothing, but the cases folder, which is reported). `today` is the checker's:
    with it come the checks that depend on the day and the editorial advice."""
    collection = load_folder(options.folder(root, "cases"), vocabulary, root, today=today, read_all=read_all)
    survey_dir = options.folder(root, "survey")
    survey = load_survey(survey_dir, root, vocabulary) if survey_dir.is_dir() else Survey()
    slugs = [case.slug for case in collection.cases]
    events = load_events(options.folder(root, "events"), vocabulary, slugs, root)
    lesson_events = lesson_event_problems(collection.cases, (event.slug for event in events.events))
    problems = events.problems + tuple(lesson_events)
    # Every case's office and partners looked up in the registry of organisations (internal
    # cases too: the checker reports them all), then the edition's cases.
    registry_path = root / options.organisations_file
    registry = load_registry(registry_path, shown_path(registry_path, root), vocabulary)
    resolved, unresolved = resolve_cases(collection.cases, registry)
    problems += registry.problems + tuple(unresolved)
    cases = tuple(case for case in resolved if case.is_public or options.include_internal)
    every_case = {case.slug: case for case in collection.cases}
    collections = load_collections(
        options.folder(root, "collections"), vocabulary, every_case, registry.by_slug, root
    )
    problems += collections.problems
    problems += tuple(reading_list_problems(events.events, file_slugs(options.folder(root, "collections"))))
    index = build_index(cases, vocabulary, registry)
    languages: dict[str, InLanguage] = {}
    folder = options.folder(root, "guidelines")
    guidelines = Guidelines(None, None, ())
    for language in options.languages:
        words = vocabulary.in_language(language)
        read = in_language(cases, collection.translated, language)
        local = (
            index
            if all(a is b for a, b in zip(read, cases, strict=True))
            else build_index(read, words, registry)
        )
        if language == options.default_language:  # the guidelines' original
            guidelines = load_guidelines(folder, vocabulary, local.by_slug, root)
            cited = cited_lessons(guidelines, collections, every_case)
            problems += guidelines.problems + tuple(
                citation_problems(options.folder(root, "cases"), cited, every_case, root)
            )
            languages[language] = InLanguage(language, words, local, guidelines)
            continue
        translated, found = load_translated_guidelines(
            folder, language, guidelines, words, local.by_slug, root, checking=today is not None
        )
        problems += tuple(found)
        shown = translated.guidelines if translated else None
        languages[language] = InLanguage(language, words, local, shown, translated)
    pages: dict[str, Provenance] = {}
    if docs is not None:
        found_pages, page_problems = translated_pages(docs, options.languages[1:], root, today is not None)
        pages, problems = found_pages, problems + tuple(page_problems)
    return Content(
        collection, survey, events, index, guidelines, problems, languages, pages, collections=collections
    )


def cited_lessons(
    guidelines: Guidelines, collections: Collections, cases: Mapping[str, Case]
) -> list[Lesson]:
    """Every lesson the guidelines cite as an example, and every lesson a collection lists."""
    cited = [example.lesson for r in guidelines.recommendations for example in r.examples]
    for collection in collections.collections:
        for item in collection.items:
            case = cases.get(item.case)
            if case is not None and item.lesson is not None and 0 < item.lesson <= len(case.lessons):
                cited.append(case.lessons[item.lesson - 1])
    return cited


def citation_problems(
    folder: Path, cited: list[Lesson], cases: Mapping[str, Case], root: Path
) -> list[Problem]:
    """The cited lessons that moved or changed since the record of them in the cases folder
    (core/citedlessons.py)."""
    shown = shown_path(folder / RECORD_FILE, root)
    record, problems = read_record(folder / RECORD_FILE, shown)
    if record is None:
        return problems
    return problems + list(cited_problems(cited, cases, record, shown))


def translated_pages(
    docs: Path, languages: tuple[str, ...], root: Path, checking: bool
) -> tuple[dict[str, Provenance], list[Problem]]:
    """The provenance of each hand-written page translated into one of `languages`
    (docs/fr/about.md from docs/about.md), and the problems of those that carry it."""
    found: dict[str, Provenance] = {}
    problems: list[Problem] = []
    for language in languages:
        for path in sorted((docs / language).rglob("*.md")):
            src = path.relative_to(docs).as_posix()
            english = docs / src.split("/", 1)[1]
            original = read_contributed(english) if english.is_file() else None
            provenance, seen = read_page_translation(
                shown_path(path, root), read_contributed(path), original, shown_path(english, root), checking
            )
            problems += seen
            if provenance is not None:
                found[src] = provenance
    return found, problems
