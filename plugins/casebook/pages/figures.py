"""Data for the sources page and the statistics page, from the index."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..core.countries import country_name
from ..core.index import Index
from ..core.model import Case, Source
from ..core.vocabulary import Vocabulary
from .charts import Chart, bar_chart


@dataclass(frozen=True)
class CitedSource:
    source: Source
    cases: tuple[Case, ...]


def publisher(source: Source) -> str:
    """Who published a source, as its web address's host ('www.cbs.nl' -> 'cbs.nl')."""
    if not source.url:
        return "Other publications"
    host = urlsplit(source.url).hostname or "Other publications"
    return host.removeprefix("www.")


def sources_by_publisher(index: Index) -> dict[str, tuple[CitedSource, ...]]:
    """Every source cited, once per address (or title), grouped by publisher, sorted."""
    citing: dict[str, list[Case]] = defaultdict(list)
    first: dict[str, Source] = {}
    for case in index.cases:
        for source in case.sources:
            key = source.url or source.title
            first.setdefault(key, source)
            if case not in citing[key]:
                citing[key].append(case)
    groups: dict[str, list[CitedSource]] = defaultdict(list)
    for key, source in first.items():
        groups[publisher(source)].append(CitedSource(source, tuple(citing[key])))
    return {
        name: tuple(sorted(items, key=lambda c: (c.source.title.casefold(), c.source.url or "")))
        for name, items in sorted(groups.items(), key=lambda kv: kv[0].casefold())
    }


def statistics_charts(index: Index, vocabulary: Vocabulary) -> tuple[Chart, ...]:
    folder = vocabulary.folder
    types = [
        (t.label, len(index.by_type[t.slug]), f"{folder('partnership_types')}/{t.slug}/")
        for t in vocabulary.types.terms
    ]
    challenges = [
        (t.label, len(index.by_challenge[t.slug]), f"{folder('challenges')}/{t.slug}/")
        for t in vocabulary.challenges.terms
    ]
    countries = sorted(
        (
            (country_name(code), len(cases), f"{folder('country')}/{code.lower()}/")
            for code, cases in index.by_country.items()
        ),
        key=lambda row: (-row[1], row[0]),
    )
    bases = Counter(case.access_basis for case in index.cases)
    param = vocabulary.param("access_basis")
    access = [
        (t.label, bases[t.slug], f"cases/?{param}={t.slug}") for t in vocabulary["access_basis"].terms
    ] + [("Not recorded", bases[None], None)]
    years = Counter(case.period_start for case in index.cases if case.period_start)
    by_year = [(str(year), years[year], None) for year in sorted(years)]
    return (
        bar_chart("chart-types", "Cases by partnership type", types),
        bar_chart("chart-challenges", "Cases by challenge area", challenges),
        bar_chart("chart-countries", "Cases by country", countries),
        bar_chart("chart-access", "Cases by how access was obtained", access),
        bar_chart("chart-years", "Cases by the year the partnership started", by_year),
    )
