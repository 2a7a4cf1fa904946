"""Data for the sources page and the statistics page, from the index."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from gettext import NullTranslations
from urllib.parse import urlsplit

from ..core.index import Index
from ..core.languages import country_name, sort_key
from ..core.model import Case, Source
from ..core.routes import Router
from ..core.vocabulary import Vocabulary
from ..core.words import N_
from .charts import Chart, bar_chart


@dataclass(frozen=True)
class CitedSource:
    source: Source
    cases: tuple[Case, ...]


def publisher(source: Source) -> str:
    """Who published a source, as its web address's host ('www.cbs.nl' -> 'cbs.nl'); '' for a
    source without an address (the page calls them other publications, listed last)."""
    host = urlsplit(source.url).hostname if source.url else None
    return host.removeprefix("www.") if host else ""


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
        for name, items in sorted(groups.items(), key=lambda kv: (not kv[0], kv[0].casefold()))
    }


# The statistics page's charts, titled in the page's language.
CHART_TITLES = {
    "chart-types": N_("Cases by partnership type"),
    "chart-challenges": N_("Cases by challenge area"),
    "chart-countries": N_("Cases by country"),
    "chart-access": N_("Cases by how access was obtained"),
    "chart-years": N_("Cases by the year the partnership started"),
}


def statistics_charts(
    index: Index, vocabulary: Vocabulary, router: Router, words: NullTranslations
) -> tuple[Chart, ...]:
    """The statistics page's charts, with their labels in the vocabulary's language and the
    bars' links in the router's."""
    url, language = router.url, vocabulary.language
    types = [(t.label, len(index.by_type[t.slug]), url("type", slug=t.slug)) for t in vocabulary.types.terms]
    challenges = [
        (t.label, len(index.by_challenge[t.slug]), url("challenge", slug=t.slug))
        for t in vocabulary.challenges.terms
    ]
    countries = sorted(
        (
            (country_name(code, language), len(cases), url("country", code=code.lower()))
            for code, cases in index.by_country.items()
        ),
        key=lambda row: (-row[1], sort_key(row[0])),
    )
    bases = Counter(case.access_basis for case in index.cases)
    param = vocabulary.param("access_basis")
    cases = url("cases")
    access = [
        (t.label, bases[t.slug], f"{cases}?{param}={t.slug}") for t in vocabulary["access_basis"].terms
    ] + [(words.gettext("Not recorded"), bases[None], None)]
    years = Counter(case.period_start for case in index.cases if case.period_start)
    by_year = [(str(year), years[year], None) for year in sorted(years)]
    unit = words.gettext("Cases")
    rows = {
        "chart-types": types,
        "chart-challenges": challenges,
        "chart-countries": countries,
        "chart-access": access,
        "chart-years": by_year,
    }
    return tuple(bar_chart(key, words.gettext(CHART_TITLES[key]), rows[key], unit) for key in CHART_TITLES)
