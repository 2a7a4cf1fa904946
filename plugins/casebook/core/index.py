"""Cross-indexes of a set of cases: pure data (dicts and tuples) that the renderers read.

Like Hugo's taxonomies: every term of the vocabulary gets its list of cases and lessons,
empty ones included, so a gap in knowledge shows as an empty list rather than a missing page.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import islice

from .languages import country_key, sort_key
from .model import Case, Lesson
from .organisations import NO_REGISTRY, Organisations, Registry, organisations_of
from .timeline import TimelineEntry
from .vocabulary import Vocabulary

RELATED_LIMIT = 5
NEWEST_LIMIT = 5


@dataclass(frozen=True)
class Index:
    cases: tuple[Case, ...]  # by title
    by_slug: dict[str, Case]
    by_type: dict[str, tuple[Case, ...]]
    by_challenge: dict[str, tuple[Case, ...]]
    by_country: dict[str, tuple[Case, ...]]  # ordered by country name
    matrix: dict[tuple[str, str], tuple[Case, ...]]  # (type, challenge) -> cases
    lessons: tuple[Lesson, ...]  # in case order, then lesson order
    lessons_by_type: dict[str, tuple[Lesson, ...]]  # by the lesson's effective types
    lessons_by_challenge: dict[str, tuple[Lesson, ...]]
    lesson_matrix: dict[tuple[str, str], tuple[Lesson, ...]]  # (type, challenge) -> lessons
    newest: tuple[Case, ...]
    tags: tuple[str, ...]  # every type, then every challenge: what related cases share
    organisations: Organisations = field(default_factory=lambda: organisations_of((), NO_REGISTRY))

    @cached_property
    def related(self) -> RelatedCases:
        """Each case's related cases. Only the case pages need them, and the build makes
        those in another process (see site.py): worked out there, case by case."""
        return RelatedCases(self.cases, self.tags)

    def case_of(self, lesson: Lesson) -> Case:
        return self.by_slug[lesson.case_slug]

    @cached_property
    def developments(self) -> tuple[Development, ...]:
        """Every timeline entry of the collection, newest first: by the first day its date
        names (so within a year, dated entries come before those dated by the year alone),
        then the more precise first, then by case title and position."""
        return tuple(
            sorted(
                (Development(case, entry) for case in self.cases for entry in case.timeline),
                key=lambda d: (
                    -d.entry.earliest.toordinal(),
                    -d.entry.date.count("-"),
                    _title_key(d.case),
                    d.entry.number,
                ),
            )
        )

    @cached_property
    def developments_by_year(self) -> dict[int, tuple[Development, ...]]:
        """Developments by the year of their date, newest year first."""
        years: dict[int, list[Development]] = {}
        for development in self.developments:
            years.setdefault(development.entry.earliest.year, []).append(development)
        return {year: tuple(items) for year, items in years.items()}


@dataclass(frozen=True)
class Development:
    """A dated development of a case: one entry of its timeline."""

    case: Case
    entry: TimelineEntry


def most_recent(cases: tuple[Case, ...], limit: int) -> tuple[Case, ...]:
    """The `limit` most recently reviewed cases, newest first (then by slug: reproducible)."""
    return tuple(sorted(cases, key=lambda c: (c.last_reviewed or "", c.slug), reverse=True)[:limit])


def _title_key(case: Case) -> tuple[tuple[int, ...], str]:
    return (sort_key(case.title), case.slug)


def build_index(cases: Iterable[Case], vocabulary: Vocabulary, registry: Registry = NO_REGISTRY) -> Index:
    ordered = tuple(sorted(cases, key=_title_key))
    types, challenges = vocabulary.types.slugs, vocabulary.challenges.slugs
    by_type = _group(ordered, types, lambda c: c.partnership_types)
    by_challenge = _group(ordered, challenges, lambda c: c.challenges)
    language = vocabulary.language
    countries = sorted({c.country for c in ordered}, key=lambda code: (country_key(code, language), code))
    by_country = _group(ordered, countries, lambda c: (c.country,))
    matrix = {(t, ch): tuple(c for c in by_type[t] if ch in c.challenges) for t in types for ch in challenges}
    lessons = tuple(lesson for case in ordered for lesson in case.lessons)
    lessons_by_type = _group(lessons, types, lambda lesson: lesson.partnership_types)
    return Index(
        cases=ordered,
        by_slug={c.slug: c for c in ordered},
        by_type=by_type,
        by_challenge=by_challenge,
        by_country=by_country,
        matrix=matrix,
        lessons=lessons,
        lessons_by_type=lessons_by_type,
        lessons_by_challenge=_group(lessons, challenges, lambda lesson: lesson.challenges),
        lesson_matrix={
            (t, ch): tuple(lesson for lesson in lessons_by_type[t] if ch in lesson.challenges)
            for t in types
            for ch in challenges
        },
        newest=most_recent(ordered, NEWEST_LIMIT),
        tags=tuple(types + challenges),
        organisations=organisations_of(ordered, registry),
    )


def _group(items, keys, tags_of) -> dict:
    groups: dict[str, list] = {key: [] for key in keys}
    for item in items:
        for tag in tags_of(item):
            groups[tag].append(item)
    return {key: tuple(values) for key, values in groups.items()}


class RelatedCases(Mapping[str, tuple[Case, ...]]):
    """slug -> the cases sharing the most types and challenges with it, best first, then by
    title; worked out for each case when first asked for (see `_Ranking`)."""

    def __init__(self, cases: tuple[Case, ...], tags: tuple[str, ...]) -> None:
        self._by_slug = {case.slug: case for case in cases}
        entries = tuple((_title_key(case), case.partnership_types + case.challenges) for case in cases)
        self._ranking = _ranking(entries, tags)

    def __getitem__(self, slug: str) -> tuple[Case, ...]:
        return tuple(self._by_slug[other] for other in self._ranking[slug])

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_slug)

    def __len__(self) -> int:
        return len(self._by_slug)


@lru_cache(maxsize=8)
def _ranking(
    entries: tuple[tuple[tuple[tuple[int, ...], str], tuple[str, ...]], ...], tags: tuple[str, ...]
) -> _Ranking:
    """The ranking of these cases (title key with slug, tags): the same for the same cases,
    so a preview's rebuild after an edit that changes no title or tag (a summary, a story)
    finds every case's related cases already worked out."""
    return _Ranking(entries, tags)


@lru_cache(maxsize=8)
def _tag_rankings(tag_sets: frozenset[int], tags: int) -> dict[int, list[tuple[int, int]]]:
    """Each tag set's ranking of the others, filled in as `_Ranking` asks: shared by the
    rankings of collections with the same tag sets (a title edit changes no tag set)."""
    return {}


class _Ranking:
    """Related case slugs, worked out for each case when first asked for.

    Scoring every pair of cases is quadratic; cases with the same tags score alike, so pairs
    of distinct tag sets are scored instead, each set a bit mask (types, then challenges)
    whose shared tags are counted with one AND. A tag set is ranked against the others when
    a case with that set is first asked for, so the first case page does not wait for all.
    """

    def __init__(
        self, entries: tuple[tuple[tuple[tuple[int, ...], str], tuple[str, ...]], ...], tags: tuple[str, ...]
    ) -> None:
        self._bits = {slug: 1 << i for i, slug in enumerate(tags)}
        self._masks = {key[1]: self._mask(case_tags) for key, case_tags in entries}
        # Each tag set's cases in title order, with their sort keys (titles are compared once).
        self._by_tags: dict[int, list[tuple[tuple[int, ...], str]]] = defaultdict(list)
        for key, _ in sorted(entries):
            self._by_tags[self._masks[key[1]]].append(key)
        # Which tag sets share how many tags: the same for the same tag sets, whatever the titles.
        self._ranked = _tag_rankings(frozenset(self._by_tags), len(self._bits))
        self._related: dict[str, tuple[str, ...]] = {}
        self._firsts: dict[int, tuple[str, ...]] = {}

    def __getitem__(self, slug: str) -> tuple[str, ...]:
        if slug not in self._related:
            self._related[slug] = self._find(slug)
        return self._related[slug]

    def _mask(self, case_tags: tuple[str, ...]) -> int:
        return sum(self._bits[slug] for slug in case_tags)

    def _rank(self, tags: int) -> list[tuple[int, int]]:
        """The other tag sets by shared tags, most first (bucketed by score instead of sorted:
        the cases of one score's tag sets are merged in title order)."""
        if tags not in self._ranked:
            buckets: list[list[int]] = [[] for _ in range(len(self._bits) + 1)]
            for other in self._by_tags:
                buckets[(tags & other).bit_count()].append(other)
            most = len(self._bits)
            self._ranked[tags] = [(score, other) for score in range(most, 0, -1) for other in buckets[score]]
        return self._ranked[tags]

    def _find(self, slug: str) -> tuple[str, ...]:
        """The best-scoring other cases: the first of its tag set's order, itself left out."""
        return tuple(other for other in self._first(self._masks[slug]) if other != slug)[:RELATED_LIMIT]

    def _first(self, tags: int) -> tuple[str, ...]:
        """The cases best for a tag set, one more than are shown (the case itself may be
        among them), by score, then by title: the tag sets of one score are merged in title
        order, and only as far as the cases still missing. Worked out once per tag set."""
        if tags in self._firsts:
            return self._firsts[tags]
        ranked = self._rank(tags)
        found: list[str] = []
        start = 0
        while start < len(ranked) and len(found) <= RELATED_LIMIT:
            end = start
            while end < len(ranked) and ranked[end][0] == ranked[start][0]:
                end += 1
            merged = heapq.merge(*(self._by_tags[other] for _, other in ranked[start:end]))
            found.extend(islice((slug for _, slug in merged), RELATED_LIMIT + 1 - len(found)))
            start = end
        self._firsts[tags] = tuple(found)
        return self._firsts[tags]
