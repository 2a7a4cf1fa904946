"""The survey's pages: /survey/ (the questionnaire with its results), /gaps/, and one page per
public response, rendered from templates/survey/ through the site's Renderer.

Counts include every response. Office names and free text come only from `Survey.shown`:
the public responses, or all of them in the secretariat's internal edition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

from ..core.index import Index
from ..core.vocabulary import load_vocabulary
from ..pages.charts import Chart, bar_chart
from ..pages.render import Renderer
from .aggregate import Tally, TextAnswer, answering, date_range, office_count, tally, text_answers
from .gaps import find_gaps
from .loading import Survey
from .questionnaire import Option, Part, Question, Section
from .responses import ROLE_LABELS, Response

UNIT = "offices"


@dataclass(frozen=True)
class QuestionView:
    question: Question
    number: str  # '1.3': part, then question, as a reader cites it
    tally: Tally | None  # closed questions
    chart: Chart | None
    # Free text from the responses that may be quoted, grouped by item (None: no items).
    texts: tuple[tuple[Option | None, tuple[TextAnswer, ...]], ...]


@dataclass(frozen=True)
class SectionView:
    section: Section
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class PartView:
    part: Part
    number: int
    sections: tuple[SectionView, ...]
    responses: int  # responses answering any question of the part


def survey_pages(survey: Survey, index: Index, renderer: Renderer) -> dict[str, str]:
    """/survey/ and /gaps/ always (also with no responses, or no survey at all), plus one page
    per response that may be shown."""
    include_internal = renderer.options.edition == "internal"
    shown = survey.shown(include_internal)
    context = {
        "survey": survey,
        "shown": shown,
        "paragraphs": paragraphs,
        "term_link": _term_url,
        "roles": ROLE_LABELS,
    }
    pages = {
        "survey/index.md": renderer.render(
            "survey/survey.md.j2",
            "survey/index.md",
            parts=_part_views(survey, shown),
            offices=office_count(survey.responses),
            unnamed=office_count(survey.responses) - office_count(shown),
            dates=date_range(survey.responses),
            **context,
        ),
        "gaps/index.md": renderer.render(
            "survey/gaps.md.j2",
            "gaps/index.md",
            gaps=find_gaps(survey.questionnaire, survey.responses, index, renderer.vocabulary),
            signal_label=signal_label,
            **context,
        ),
    }
    for response in shown:
        src = f"survey/responses/{response.slug}.md"
        pages[src] = renderer.render("survey/response.md.j2", src, response=response, **context)
    return pages


def _part_views(survey: Survey, shown: tuple[Response, ...]) -> tuple[PartView, ...]:
    if survey.questionnaire is None:
        return ()
    views = []
    for number, part in enumerate(survey.questionnaire.parts, start=1):
        numbers = {q.id: f"{number}.{i}" for i, q in enumerate(part.questions, start=1)}
        sections = tuple(
            SectionView(
                section,
                tuple(_question_view(q, numbers[q.id], survey, shown) for q in section.questions),
            )
            for section in part.sections
        )
        views.append(PartView(part, number, sections, len(answering(part.questions, survey.responses))))
    return tuple(views)


def _question_view(
    question: Question, number: str, survey: Survey, shown: tuple[Response, ...]
) -> QuestionView:
    if not question.is_closed:
        answers = text_answers(question, shown)
        grouped = tuple((item, tuple(group)) for item, group in groupby(answers, key=lambda a: a.item))
        return QuestionView(question, number, None, None, grouped)
    counted = tally(question, survey.responses)
    return QuestionView(question, number, counted, _chart(counted) if counted.answered else None, ())


def _chart(counted: Tally) -> Chart:
    """Options by how many offices chose them; for a rating, items by the offices giving the
    levels that count (the full spread is in the table beside the chart)."""
    question = counted.question
    if question.kind == "choices":
        rows = [
            (o.label, counted.counts[o.slug], _term_url(question.group, o.slug)) for o in question.options
        ]
        title = f"{question.short}: offices choosing each"
    else:
        levels = question.demand or (question.options[0].slug,)
        rows = [(i.label, counted.top(i.slug), _term_url(question.group, i.slug)) for i in question.items]
        title = f"{question.short}: offices answering {' or '.join(question.option(s).label for s in levels)}"
    rows.sort(key=lambda row: -row[1])  # stable: ties keep the questionnaire's order
    return bar_chart(f"chart-{question.id}", title, rows, unit=UNIT)


def _term_url(group: str | None, slug: str) -> str | None:
    """The page of a term, for groups whose terms have pages (types, challenges)."""
    vocabulary = load_vocabulary()
    folder = vocabulary[group].folder if group in vocabulary.groups else None
    return f"{folder}/{slug}/" if folder else None


def signal_label(question: Question) -> str:
    """A column heading of /gaps/: what the offices counted there answered."""
    if question.kind == "rating":
        return f"{question.short}: {' or '.join(question.option(s).label for s in question.demand)}"
    return question.short


def paragraphs(text: str) -> list[str]:
    """Free text as paragraphs (blank lines), each on one line: a blank line would end the
    raw HTML block the text is printed in."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
