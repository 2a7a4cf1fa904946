"""Data for the feed, the sources page and the statistics page, from the index."""

from __future__ import annotations

import subprocess
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .charts import Chart, bar_chart
from .countries import country_name
from .index import Index
from .model import Case, Source
from .vocabulary import Vocabulary

EPOCH = "1970-01-01"


def last_commit_dates(folder: Path) -> dict[str, str]:
    """File name -> date (YYYY-MM-DD) of its last commit, from one `git log`; {} outside git.

    A case's feed entry is dated by the later of `last_reviewed` and this, so an edit that
    forgot to update `last_reviewed` still shows as an update.
    """
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    date = EPOCH
    for line in result.stdout.splitlines():
        if line.startswith("\x00"):
            date = line[1:]
        elif line.strip():
            dates.setdefault(Path(line).name, date)  # newest commit comes first
    return dates


@dataclass(frozen=True)
class FeedEntry:
    case: Case
    updated: str  # YYYY-MM-DD


def feed_entries(index: Index, commit_dates: dict[str, str]) -> tuple[FeedEntry, ...]:
    """One entry a case, newest first; dated without the clock, so builds are reproducible."""
    entries = [
        FeedEntry(case, max(case.last_reviewed or EPOCH, commit_dates.get(f"{case.slug}.md", EPOCH)))
        for case in index.cases
    ]
    return tuple(sorted(entries, key=lambda e: (e.updated, e.case.slug), reverse=True))


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
    types = [(t.label, len(index.by_type[t.slug]), f"types/{t.slug}/") for t in vocabulary.types.terms]
    challenges = [
        (t.label, len(index.by_challenge[t.slug]), f"challenges/{t.slug}/")
        for t in vocabulary.challenges.terms
    ]
    countries = sorted(
        (
            (country_name(code), len(cases), f"countries/{code.lower()}/")
            for code, cases in index.by_country.items()
        ),
        key=lambda row: (-row[1], row[0]),
    )
    years = Counter(case.period_start for case in index.cases if case.period_start)
    by_year = [(str(year), years[year], None) for year in sorted(years)]
    return (
        bar_chart("chart-types", "Cases by partnership type", types),
        bar_chart("chart-challenges", "Cases by challenge area", challenges),
        bar_chart("chart-countries", "Cases by country", countries),
        bar_chart("chart-years", "Cases by the year the partnership started", by_year),
    )
