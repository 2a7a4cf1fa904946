"""Facets of the lessons explorer and the cases listing (contract: names and values).

Facet names come from the vocabulary's `param`; values are vocabulary slugs and lower-case
country codes. Each item's values become its `data-<facet>` attributes, which the filter
script reads; the counts here are for the unfiltered list (the script recounts them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .countries import country_name
from .index import Index
from .model import Case, Lesson
from .vocabulary import Vocabulary

COUNTRY = "country"
# Vocabulary groups that are facets, in the order the filters show them; country comes
# after the two main facets.
LESSON_FACETS = ("partnership_types", "challenges", COUNTRY, "stages", "sectors")
CASE_FACETS = ("partnership_types", "challenges", COUNTRY, "sectors")

Values = dict[str, tuple[str, ...]]


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


def case_values(case: Case) -> Values:
    return {
        "type": case.partnership_types,
        "challenge": case.challenges,
        COUNTRY: (case.country.lower(),),
        "sector": case.sectors,
    }


def lesson_values(lesson: Lesson, index: Index) -> Values:
    """A lesson is filtered by its own types and challenges where it sets them."""
    case = index.case_of(lesson)
    return {
        "type": lesson.partnership_types,
        "challenge": lesson.challenges,
        COUNTRY: (case.country.lower(),),
        "stage": (lesson.stage,) if lesson.stage else (),
        "sector": case.sectors,
    }


def build_facets(
    values: Iterable[Values], groups: tuple[str, ...], index: Index, vocabulary: Vocabulary
) -> tuple[Facet, ...]:
    counts: Counter[tuple[str, str]] = Counter()
    for item in values:
        counts.update((param, value) for param, item_values in item.items() for value in item_values)
    facets = []
    for name in groups:
        if name == COUNTRY:
            choices = [(code.lower(), country_name(code)) for code in index.by_country]
            facets.append(_facet(COUNTRY, "Countries", choices, counts))
            continue
        group = vocabulary[name]
        if not group.param:
            raise ValueError(f"vocabulary group {name} needs a 'param' to be a facet")
        facets.append(_facet(group.param, group.plural, [(t.slug, t.label) for t in group.terms], counts))
    return tuple(facets)


def _facet(param: str, label: str, choices: list[tuple[str, str]], counts: Counter) -> Facet:
    return Facet(param, label, tuple(FacetValue(slug, text, counts[param, slug]) for slug, text in choices))
