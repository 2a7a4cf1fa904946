"""Every content folder a site is made from, read and checked as one: the cases, the survey,
the events (and the events the lessons name), the guidelines. The build and `casebook check`
both read the content through `load_content`, with the same options (assembly/options.py),
so a file that fails one fails the other; the checker only adds what depends on the day it
runs and the editorial guide's advice (see core/validate.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..core.collection import Collection, ReadAll, load_folder, one_by_one, shown_path
from ..core.events import Events, lesson_event_problems, load_events
from ..core.files import read_contributed
from ..core.guidelines import Guidelines, load_guidelines
from ..core.guidelinetranslations import TranslatedGuidelines, load_translated_guidelines
from ..core.index import Index, build_index
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
    cases = collection.edition(options.include_internal)
    index = build_index(cases, vocabulary)
    languages: dict[str, InLanguage] = {}
    folder = options.folder(root, "guidelines")
    guidelines = Guidelines(None, None, ())
    for language in options.languages:
        words = vocabulary.in_language(language)
        read = in_language(cases, collection.translated, language)
        local = index if all(a is b for a, b in zip(read, cases, strict=True)) else build_index(read, words)
        if language == options.default_language:  # the guidelines' original
            guidelines = load_guidelines(folder, vocabulary, local.by_slug, root)
            problems += guidelines.problems
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
    return Content(collection, survey, events, index, guidelines, problems, languages, pages)


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
