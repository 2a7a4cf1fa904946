"""The survey's pages: /survey/ (the questionnaire with its results), /gaps/, and one page per
public response, rendered from templates/survey/ through the site's Renderer.

Counts include every response. Office names and free text come only from `Survey.shown`:
the public responses, or all of them in the secretariat's internal edition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from gettext import NullTranslations
from itertools import groupby

from ..core.index import Index
from ..core.routes import Router
from ..pages.charts import Chart, bar_chart
from ..pages.render import TERM_KINDS, Renderer
from .aggregate import Tally, TextAnswer, answering, date_range, office_count, tally, text_answers
from .gaps import find_gaps
from .loading import Survey
from .questionnaire import QUESTIONNAIRE_LANGUAGE, Option, Part, Question, Section
from .responses import ROLE_LABELS, Response


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
    router, words = renderer.router, renderer.translations
    context = {
        "survey": survey,
        "shown": shown,
        "paragraphs": paragraphs,
        "term_link": partial(_term_url, router),
        "roles": ROLE_LABELS,
        "questionnaire_language": QUESTIONNAIRE_LANGUAGE,
    }
    survey_page, gaps_page = router.source("survey"), router.source("gaps")
    pages = {
        survey_page: renderer.render(
            "survey/survey.md.j2",
            survey_page,
            parts=_part_views(survey, shown, router, words),
            offices=office_count(survey.responses),
            unnamed=office_count(survey.responses) - office_count(shown),
            dates=date_range(survey.responses),
            **context,
        ),
        gaps_page: renderer.render(
            "survey/gaps.md.j2",
            gaps_page,
            gaps=find_gaps(survey.questionnaire, survey.responses, index, renderer.vocabulary),
            signal_label=partial(signal_label, words=words),
            **context,
        ),
    }
    if router.language != router.default:  # the responses are not translated: one page each
        return pages
    for response in shown:
        src = router.source("response", slug=response.slug)
        pages[src] = renderer.render("survey/response.md.j2", src, response=response, **context)
    return pages


def _part_views(
    survey: Survey, shown: tuple[Response, ...], router: Router, words: NullTranslations
) -> tuple[PartView, ...]:
    if survey.questionnaire is None:
        return ()
    views = []
    for number, part in enumerate(survey.questionnaire.parts, start=1):
        numbers = {q.id: f"{number}.{i}" for i, q in enumerate(part.questions, start=1)}
        sections = tuple(
            SectionView(
                section,
                tuple(
                    _question_view(q, numbers[q.id], survey, shown, router, words) for q in section.questions
                ),
            )
            for section in part.sections
        )
        views.append(PartView(part, number, sections, len(answering(part.questions, survey.responses))))
    return tuple(views)


def _question_view(
    question: Question,
    number: str,
    survey: Survey,
    shown: tuple[Response, ...],
    router: Router,
    words: NullTranslations,
) -> QuestionView:
    if not question.is_closed:
        answers = text_answers(question, shown)
        grouped = tuple((item, tuple(group)) for item, group in groupby(answers, key=lambda a: a.item))
        return QuestionView(question, number, None, None, grouped)
    counted = tally(question, survey.responses)
    chart = _chart(counted, router, words) if counted.answered else None
    return QuestionView(question, number, counted, chart, ())


def _chart(counted: Tally, router: Router, words: NullTranslations) -> Chart:
    """Options by how many offices chose them; for a rating, items by the offices giving the
    levels that count (the full spread is in the table beside the chart)."""
    question = counted.question
    if question.kind == "choices":
        rows = [
            (o.label, counted.counts[o.slug], _term_url(router, question.group, o.slug))
            for o in question.options
        ]
        title = words.gettext("%(question)s: offices choosing each") % {"question": question.short}
    else:
        levels = question.demand or (question.options[0].slug,)
        rows = [
            (i.label, counted.top(i.slug), _term_url(router, question.group, i.slug)) for i in question.items
        ]
        title = words.gettext("%(question)s: offices answering %(levels)s") % {
            "question": question.short,
            "levels": _either(levels, question, words),
        }
    rows.sort(key=lambda row: -row[1])  # stable: ties keep the questionnaire's order
    return bar_chart(f"chart-{question.id}", title, rows, unit=words.gettext("Offices"))


def _either(levels: Sequence[str], question: Question, words: NullTranslations) -> str:
    """'High or Medium': the levels a chart or a column counts."""
    return words.gettext(" or ").join(question.option(s).label for s in levels)


def _term_url(router: Router, group: str | None, slug: str) -> str | None:
    """The page of a term, for groups whose terms have pages (types, challenges)."""
    kind = TERM_KINDS.get(group or "")
    return router.url(kind, slug=slug) if kind else None


def signal_label(question: Question, words: NullTranslations) -> str:
    """A column heading of /gaps/: what the offices counted there answered."""
    if question.kind == "rating":
        levels = _either(question.demand, question, words)
        return words.gettext("%(question)s: %(levels)s") % {"question": question.short, "levels": levels}
    return question.short


def paragraphs(text: str) -> list[str]:
    """Free text as paragraphs (blank lines), each on one line: a blank line would end the
    raw HTML block the text is printed in."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
