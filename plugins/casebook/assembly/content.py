"""Every content folder a site is made from, read and checked as one: the cases, the survey,
the events (and the events the lessons name), the guidelines. The build and `casebook check`
both read the content through `load_content`, with the same options (assembly/options.py),
so a file that fails one fails the other; the checker only adds what depends on the day it
runs and the editorial guide's advice (see core/validate.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..core.collection import Collection, ReadAll, load_folder, one_by_one
from ..core.events import Events, lesson_event_problems, load_events
from ..core.guidelines import Guidelines, load_guidelines
from ..core.index import Index, build_index
from ..core.problems import Problem, ReportsProblems
from ..core.vocabulary import Vocabulary
from ..survey import Survey, load_survey
from .options import CasebookOptions


@dataclass(frozen=True)
class Content(ReportsProblems):
    collection: Collection
    survey: Survey
    events: Events
    index: Index  # of the edition's cases
    guidelines: Guidelines
    content_problems: tuple[Problem, ...]  # the events', the lessons' events' and the guidelines'

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(sorted(self.collection.problems + self.survey.problems + self.content_problems))


def load_content(
    root: Path,
    options: CasebookOptions,
    vocabulary: Vocabulary,
    read_all: ReadAll = one_by_one,
    today: dt.date | None = None,
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
    index = build_index(collection.edition(options.include_internal), vocabulary)
    guidelines = load_guidelines(options.folder(root, "guidelines"), vocabulary, index.by_slug, root)
    return Content(collection, survey, events, index, guidelines, problems + guidelines.problems)
