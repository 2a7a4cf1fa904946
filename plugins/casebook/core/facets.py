"""Facets of the lessons explorer and the cases listing (contract: names and values).

Which facets there are, in which order, and their query parameters are the vocabulary's
(`facets` and each group's `param` in vocabulary.yml); values are vocabulary slugs and
lower-case country codes and the slugs of the registry of organisations. Here is only where
each facet's values come from: the lesson
itself, or its case. Each item's values become its `data-<param>` attributes, which the
filter script reads; the counts are for the unfiltered list (the script recounts them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache

from .index import Index
from .languages import DEFAULT, country_name
from .model import Case, Lesson
from .vocabulary import Vocabulary

# A lesson's own values, where it has them (its own types and challenges, or its case's).
LESSON_FIELDS: dict[str, Callable[[Lesson], tuple[str, ...]]] = {
    "partnership_types": lambda lesson: lesson.partnership_types,
    "challenges": lambda lesson: lesson.challenges,
    "stages": lambda lesson: (lesson.stage,) if lesson.stage else (),
}
CASE_FIELDS: dict[str, Callable[[Case], tuple[str, ...]]] = {
    "partnership_types": lambda case: case.partnership_types,
    "challenges": lambda case: case.challenges,
    "country": lambda case: (case.country.lower(),),
    "sectors": lambda case: case.sectors,
    "access_basis": lambda case: (case.access_basis,) if case.access_basis else (),
    "compensation": lambda case: (case.compensation,) if case.compensation else (),
    "safeguards": lambda case: case.safeguards,
    "organisation": lambda case: case.partner_organisations,
}

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
    lang: str | None = None  # the language of the values' labels, where it is not the page's


@cache
def _case_getters(vocabulary: Vocabulary) -> tuple[tuple[str, Callable[[Case], tuple[str, ...]]], ...]:
    return tuple((vocabulary.param(name), CASE_FIELDS[name]) for name in vocabulary.facets["cases"])


@cache
def lesson_getters(vocabulary: Vocabulary) -> tuple[tuple[str, str, Callable], ...]:
    """(param, 'lesson' or 'case', getter) for each facet of the lessons explorer."""
    return tuple(
        (vocabulary.param(name), "lesson", LESSON_FIELDS[name])
        if name in LESSON_FIELDS
        else (vocabulary.param(name), "case", CASE_FIELDS[name])
        for name in vocabulary.facets["lessons"]
    )


def case_values(case: Case, vocabulary: Vocabulary) -> Values:
    return {param: get(case) for param, get in _case_getters(vocabulary)}


def lesson_values(lesson: Lesson, index: Index, vocabulary: Vocabulary) -> Values:
    """A lesson is filtered by its own types and challenges where it sets them."""
    case = index.case_of(lesson)
    return {
        param: get(lesson) if source == "lesson" else get(case)
        for param, source, get in lesson_getters(vocabulary)
    }


def build_facets(
    values: Iterable[Values], kind: str, index: Index, vocabulary: Vocabulary
) -> tuple[Facet, ...]:
    """The facets of the 'lessons' explorer or the 'cases' listing, with their counts."""
    counts: Counter[tuple[str, str]] = Counter()
    for item in values:
        counts.update((param, value) for param, item_values in item.items() for value in item_values)
    facets = []
    for name in vocabulary.facets[kind]:
        param = vocabulary.param(name)
        if name == vocabulary.country.name:
            choices = [(code.lower(), country_name(code, vocabulary.language)) for code in index.by_country]
            facets.append(_facet(param, vocabulary.country.plural, choices, counts))
        elif vocabulary.organisation and name == vocabulary.organisation.name:
            names = index.organisations.partner_names()  # none without a registry: no facet
            if names:  # the registry's names, as it writes them (in the default language)
                found = _facet(param, vocabulary.organisation.plural, list(names.items()), counts)
                facets.append(replace(found, lang=DEFAULT))
        else:
            group = vocabulary[name]
            facets.append(_facet(param, group.plural, [(t.slug, t.label) for t in group.terms], counts))
    return tuple(facets)


def _facet(param: str, label: str, choices: list[tuple[str, str]], counts: Counter) -> Facet:
    return Facet(param, label, tuple(FacetValue(slug, text, counts[param, slug]) for slug, text in choices))
