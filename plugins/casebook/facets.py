"""The lesson facets of the explorer (contract: parameter names and values).

Facet names come from the vocabulary's `param`; values are vocabulary slugs and lower-case
country codes. Counts here are for the unfiltered list; the explorer's script recounts
them as filters change.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .countries import country_name
from .index import Index
from .model import Lesson
from .vocabulary import Vocabulary

# Vocabulary groups that are lesson facets, in the order the explorer shows them.
FACET_GROUPS = ("partnership_types", "challenges", "stages", "sectors")
COUNTRY_PARAM = "country"


@dataclass(frozen=True)
class FacetValue:
    slug: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    values: tuple[FacetValue, ...]


def lesson_values(lesson: Lesson, index: Index) -> dict[str, tuple[str, ...]]:
    """A lesson's value for every facet: what its data attributes and filters hold."""
    case = index.case_of(lesson)
    return {
        "type": lesson.partnership_types,
        "challenge": lesson.challenges,
        "stage": (lesson.stage,) if lesson.stage else (),
        "sector": case.sectors,
        COUNTRY_PARAM: (case.country.lower(),),
    }


def build_facets(index: Index, vocabulary: Vocabulary) -> tuple[Facet, ...]:
    counts: dict[str, Counter[str]] = {}
    for lesson in index.lessons:
        for param, values in lesson_values(lesson, index).items():
            counts.setdefault(param, Counter()).update(values)
    facets = []
    for name in FACET_GROUPS:
        group = vocabulary[name]
        assert group.param, f"vocabulary group {name} needs a 'param' to be a facet"
        tally = counts.get(group.param, Counter())
        values = tuple(FacetValue(t.slug, t.label, tally[t.slug]) for t in group.terms)
        facets.append(Facet(group.param, group.plural, values))
        if name == "challenges":  # country after the two main facets
            facets.append(_country_facet(index, counts.get(COUNTRY_PARAM, Counter())))
    return tuple(facets)


def _country_facet(index: Index, tally: Counter[str]) -> Facet:
    values = tuple(
        FacetValue(code.lower(), country_name(code), tally[code.lower()]) for code in index.by_country
    )
    return Facet(COUNTRY_PARAM, "Countries", values)
