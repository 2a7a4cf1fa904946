"""Counting the answers: pure functions of a question and a set of responses.

Every response counts here, internal ones included; which responses may be *named or quoted*
is the pages' concern (`Survey.shown`), never the counts'. No office answers a question
twice (the loader refuses that), so counting responses counts offices.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .questionnaire import Option, Question
from .responses import Response


@dataclass(frozen=True)
class Tally:
    """The answers to one closed question."""

    question: Question
    answered: int  # responses that answered the question at all
    counts: dict[str, int]  # choices: option slug -> responses choosing it
    ratings: dict[str, dict[str, int]]  # rating: item slug -> level slug -> responses

    def rated(self, item: str) -> int:
        """Responses that gave the item a level."""
        return sum(self.ratings[item].values())

    def top(self, item: str) -> int:
        """Responses that gave the item the levels that count as demand (else the strongest level)."""
        levels = self.question.demand or (self.question.options[0].slug,)
        return sum(count for level, count in self.ratings[item].items() if level in levels)


def tally(question: Question, responses: Iterable[Response]) -> Tally:
    given = [r.answers[question.id] for r in responses if question.id in r.answers]
    counts: dict[str, int] = {}
    ratings: dict[str, dict[str, int]] = {}
    if question.kind == "choices":
        counts = {option.slug: sum(option.slug in answer for answer in given) for option in question.options}
    elif question.kind == "rating":
        ratings = {
            item.slug: {
                level.slug: sum(1 for answer in given if answer.get(item.slug) == level.slug)
                for level in question.options
            }
            for item in question.items
        }
    return Tally(question, len(given), counts, ratings)


@dataclass(frozen=True)
class TextAnswer:
    response: Response
    text: str
    item: Option | None = None  # for text-per-item questions


def text_answers(question: Question, responses: Sequence[Response]) -> tuple[TextAnswer, ...]:
    """Free-text answers in questionnaire order: by item, then by office."""
    ordered = sorted(responses, key=lambda r: (r.office_key, r.slug))
    if question.kind == "text":
        return tuple(TextAnswer(r, r.answers[question.id]) for r in ordered if question.id in r.answers)
    if question.kind != "text-per-item":
        return ()
    return tuple(
        TextAnswer(r, r.answers[question.id][item.slug], item)
        for item in question.items
        for r in ordered
        if item.slug in r.answers.get(question.id, {})
    )


def office_count(responses: Iterable[Response]) -> int:
    """Distinct offices: one office may send its two parts as two files."""
    return len({r.office_key for r in responses})


def answering(questions: Iterable[Question], responses: Iterable[Response]) -> tuple[Response, ...]:
    """The responses that answered any of `questions` (a part of the questionnaire, say)."""
    ids = {q.id for q in questions}
    return tuple(r for r in responses if ids & r.answers.keys())


def date_range(responses: Iterable[Response]) -> tuple[str, str] | None:
    dates = sorted(r.submitted for r in responses if r.submitted)
    return (dates[0], dates[-1]) if dates else None
