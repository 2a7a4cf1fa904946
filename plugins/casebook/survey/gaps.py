"""Demand against supply: which topics the offices want, and what the collection holds on them.

Demand for a partnership type or challenge area is the number of offices that ask for
knowledge on it through a question marked `demand` in the questionnaire (they rate the type
of high importance, name the area among the most challenging...): an office counts once
however many of those questions it answers so. Supply is the cases and lessons tagged with
the term. A topic is under-covered when its share of the group's requests is larger than its
share of the group's cases: relative shares keep the verdict meaningful whether the
collection holds twenty cases or two thousand. The rankings are kept simple enough for a
reader to check by eye:

- seminar agenda: the topics the largest share of offices asked for, fewer cases first;
- cases to seek next: wanted topics with no case, then by how far their share of the
  requests exceeds their share of the cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..core.index import Index
from ..core.model import Case, Lesson
from ..core.vocabulary import Group, Term, Vocabulary
from .questionnaire import Question, Questionnaire
from .responses import Answer, Response

GROUPS = ("partnership_types", "challenges")
SHORTLIST = 5

# A topic's place between demand and supply; the pages word and explain each.
NO_CASE = "no-case"  # offices ask for it, no case covers it
UNDER_COVERED = "under-covered"  # a larger share of the requests than of the cases
COVERED = "covered"
NOT_ASKED = "not-asked"  # offices answered, none asked for it
NO_DEMAND_DATA = "no-demand-data"  # no office has answered yet


@dataclass(frozen=True)
class Signal:
    """The offices asking for a topic through one question."""

    question: Question
    offices: int


@dataclass(frozen=True)
class Topic:
    group: Group
    term: Term
    demand: int  # offices asking for knowledge on it, through any demand question
    asked: int  # offices that answered a demand question of its group
    signals: tuple[Signal, ...]
    cases: int
    lessons: int
    request_share: float  # of all the requests for the group's topics
    case_share: float  # of all the group's tags on cases (a case with two types counts in both)

    @property
    def share(self) -> float:
        """The share of the offices asked that asked for this topic."""
        return self.demand / self.asked if self.asked else 0.0

    @property
    def shortfall(self) -> float:
        return self.request_share - self.case_share

    @property
    def status(self) -> str:
        if not self.asked:
            return NO_DEMAND_DATA
        if not self.demand:
            return NOT_ASKED
        if not self.cases:
            return NO_CASE
        return UNDER_COVERED if self.shortfall > 0 else COVERED


@dataclass(frozen=True)
class Gaps:
    offices: int  # offices whose answers say what they want (0: no demand known yet)
    topics: dict[str, tuple[Topic, ...]]  # group name -> its topics, ranked
    agenda: tuple[Topic, ...]  # suggested seminar topics
    to_seek: tuple[Topic, ...]  # topics to seek cases on next


def asks_about(question: Question, answer: Answer) -> set[str]:
    """The terms an answer asks for knowledge on."""
    if isinstance(answer, dict):  # a rating: the items given a level that counts
        return {item for item, level in answer.items() if level in question.demand}
    if isinstance(answer, tuple):  # choices: the options chosen
        return {slug for slug in answer if slug in question.demand}
    return set()


def find_gaps(
    questionnaire: Questionnaire | None, responses: Sequence[Response], index: Index, vocabulary: Vocabulary
) -> Gaps:
    questions = tuple(questionnaire.questions.values()) if questionnaire else ()
    topics = {name: _topics(vocabulary[name], questions, responses, index) for name in GROUPS}
    every = [topic for name in GROUPS for topic in topics[name]]
    offices = {r.office_key for r in responses if any(q.demand and q.id in r.answers for q in questions)}
    if offices:
        wanted = [t for t in every if t.demand]
        agenda = sorted(wanted, key=lambda t: (-t.share, -t.demand, t.cases, t.lessons))
        lacking = [t for t in wanted if t.status in (NO_CASE, UNDER_COVERED)]
        to_seek = sorted(lacking, key=lambda t: (t.cases > 0, -t.shortfall, -t.demand, t.lessons))
    else:  # no demand known: only the supply can guide what to seek
        agenda = []
        to_seek = sorted(every, key=lambda t: (t.cases, t.lessons))
    return Gaps(len(offices), topics, tuple(agenda[:SHORTLIST]), tuple(to_seek[:SHORTLIST]))


def _topics(
    group: Group, questions: Sequence[Question], responses: Sequence[Response], index: Index
) -> tuple[Topic, ...]:
    asking = [q for q in questions if q.group == group.name and q.demand]
    asked = {r.office_key for r in responses if any(q.id in r.answers for q in asking)}
    cases, lessons = _supply(index, group.name)
    offices_by_term = {
        term.slug: {
            q: {r.office_key for r in responses if term.slug in asks_about(q, r.answers.get(q.id, ""))}
            for q in asking
        }
        for term in group.terms
    }
    demand = {slug: len(set().union(*by_q.values())) for slug, by_q in offices_by_term.items()}
    requests = sum(demand.values())
    tags = sum(len(cases[term.slug]) for term in group.terms)
    topics = [
        Topic(
            group=group,
            term=term,
            demand=demand[term.slug],
            asked=len(asked),
            signals=tuple(Signal(q, len(offices)) for q, offices in offices_by_term[term.slug].items()),
            cases=len(cases[term.slug]),
            lessons=len(lessons[term.slug]),
            request_share=demand[term.slug] / requests if requests else 0.0,
            case_share=len(cases[term.slug]) / tags if tags else 0.0,
        )
        for term in group.terms
    ]
    # Sorted is stable: ties keep the vocabulary's order.
    return tuple(sorted(topics, key=lambda t: (-t.demand, t.cases, t.lessons)))


def _supply(index: Index, group: str) -> tuple[dict[str, tuple[Case, ...]], dict[str, tuple[Lesson, ...]]]:
    if group == "partnership_types":
        return index.by_type, index.lessons_by_type
    return index.by_challenge, index.lessons_by_challenge
