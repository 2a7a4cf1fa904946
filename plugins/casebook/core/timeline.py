"""A case's timeline: dated developments, each reported by one of the case's sources.

    timeline:
      - date: 2022-11-30          # YYYY, YYYY-MM or YYYY-MM-DD: as precise as the source
        event: The authority gave notice of a ban.
        source: 8                 # the 1-based number of the source that reports it

A date names a span (2022 is the whole year), so two entries are out of order only when the
later one ends before the earlier one begins: "2022-05" may follow "2022". The checks here
need no clock, so the build makes them too; whether an ongoing case has been followed up
recently depends on the day, and only `casebook check` asks it (`stale_problems`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .problems import Problem, Severity
from .words import counted
from .yamlfile import Document, dotted

DATE_PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
# A case must have been followed up within this many years of the day it is checked, while
# its status says it is ongoing.
FOLLOW_UP_YEARS = 2
MIN_ENTRIES = 3
DATE_FORMS = "write YYYY, YYYY-MM or YYYY-MM-DD, such as 2023-04-26"
ENDED = ("completed", "ended-breakdown", "ended-funding")


@dataclass(frozen=True)
class TimelineEntry:
    date: str  # as written: 2022, 2022-11 or 2022-11-30
    event: str
    source: int  # 1-based, into the case's sources
    number: int = 0  # 1-based position in its case's timeline, for anchors (#timeline-2)

    @property
    def earliest(self) -> dt.date:
        return span(self.date)[0]

    @property
    def latest(self) -> dt.date:
        return span(self.date)[1]

    @property
    def precision(self) -> str:
        """'year', 'month' or 'day': how the date is shown."""
        return ("year", "month", "day")[self.date.count("-")]

    @property
    def anchor(self) -> str:
        return f"timeline-{self.number}"

    @property
    def key(self) -> str:
        """Names the development whatever its position in the timeline (a feed entry's id)."""
        return hashlib.sha256(f"{self.date} {self.event}".encode()).hexdigest()[:12]


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (28 February for a 29 February that year lacks)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def span(date: str) -> tuple[dt.date, dt.date]:
    """The first and last day a date names; ValueError if it names none."""
    parts = [int(p) for p in date.split("-")]
    year, month, day = (parts + [0, 0])[:3]
    if len(parts) == 1:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        return dt.date(year, month, 1), dt.date(year, month, last)
    exact = dt.date(year, month, day)
    return exact, exact


def timeline_problems(path: str, data: dict[str, Any], doc: Document) -> Iterator[Problem]:
    """What the schema cannot say of a timeline: real dates, their order, the sources named,
    no development after the case's last review. Entries the schema rejects are skipped."""
    entries = data.get("timeline")
    if not isinstance(entries, list):
        return
    sources = data.get("sources")
    count = len(sources) if isinstance(sources, list) else 0
    reviewed = _date(data.get("last_reviewed"))
    before: tuple[str, dt.date] | None = None
    for position, entry in enumerate(entries):
        where = ("timeline", position)
        date = entry.get("date") if isinstance(entry, dict) else None
        number = entry.get("source") if isinstance(entry, dict) else None
        if not isinstance(date, str) or not re.fullmatch(DATE_PATTERN, date):
            continue
        try:
            first, last = span(date)
        except ValueError:
            yield _at(path, doc, where + ("date",), f"'{date}' is not a real date: {DATE_FORMS}")
            continue
        if isinstance(number, int) and not isinstance(number, bool) and number > count:
            listed = f"lists {count} sources" if count != 1 else "lists 1 source"
            message = (
                f"there is no source {number}: the case {listed}"
                if count
                else f"names source {number}, but the case lists no sources: add the source under sources:"
            )
            if count:
                message += "; give the number of the entry under sources: that reports it, counting from 1"
            yield _at(path, doc, where + ("source",), message)
        if before is not None and last < before[1]:
            message = f"{date} comes before an entry above it ({before[0]}): list the timeline oldest first"
            yield _at(path, doc, where + ("date",), message)
        if reviewed is not None and first > reviewed:
            message = (
                f"{date} is after the case's last review ({reviewed.isoformat()}): date each development "
                "when it happened, and set last_reviewed to the day you checked the case"
            )
            yield _at(path, doc, where + ("date",), message)
        if before is None or first >= before[1]:
            before = (date, first)


def consistency_problems(path: str, data: dict[str, Any], doc: Document) -> Iterator[Problem]:
    """Warnings where status, period and timeline tell different stories (no clock needed)."""
    entries = data.get("timeline")
    status = data.get("status")
    period = data.get("period") if isinstance(data.get("period"), dict) else {}
    end = period.get("end") if isinstance(period.get("end"), int) else None
    if status in ENDED and end is None:
        message = (
            f"the status is '{status}' but the period has no end: add the year it ended, "
            "as period: {start: 2016, end: 2019}"
        )
        yield _at(path, doc, ("status",), message, "warning", field="period.end")
    if status == "ongoing" and end is not None and isinstance(data.get("last_reviewed"), str):
        reviewed = _date(data["last_reviewed"])
        if reviewed is not None and end < reviewed.year:
            message = (
                f"the status is 'ongoing' but the period ended in {end}: "
                "set the status it ended with, or remove the end"
            )
            yield _at(path, doc, ("period", "end"), message, "warning")
    if end is not None and isinstance(entries, list) and entries:
        years = [_year(e.get("date")) for e in entries if isinstance(e, dict)]
        known = [y for y in years if y is not None]
        if status in ENDED and known and end not in known:
            message = (
                f"the period ends in {end}, but no development in the timeline is dated {end}: "
                "add how it ended, with its source"
            )
            yield _at(path, doc, ("period", "end"), message, "warning")


def advice_problems(path: str, data: dict[str, Any], doc: Document) -> Iterator[Problem]:
    """The editorial guide's floor for a timeline (casebook check only, never the build)."""
    entries = data.get("timeline")
    if entries is None or (isinstance(entries, list) and len(entries) < MIN_ENTRIES):
        have = counted(len(entries), "dated development") if entries else "no timeline"
        where = ("timeline",) if entries is not None else ()
        message = (
            f"{have}: give at least {MIN_ENTRIES}, from the start to the latest known development, "
            "each as '- date: 2023-04', 'event: ...', 'source: <number>'"
        )
        yield _at(path, doc, where, message, "warning", field="timeline")


def stale_problems(path: str, data: dict[str, Any], doc: Document, today: dt.date) -> Iterator[Problem]:
    """An ongoing case whose latest development is years before `today` (casebook check only)."""
    entries = data.get("timeline")
    if data.get("status") != "ongoing" or not isinstance(entries, list) or not entries:
        return
    try:
        latest = max(span(e["date"])[1] for e in entries)
    except (ValueError, KeyError, TypeError):
        return
    if latest < years_before(today, FOLLOW_UP_YEARS):
        message = (
            f"'ongoing', but the latest development in the timeline is from {latest.year}: "
            "search for what happened since, add it to the timeline, and set the status"
        )
        yield _at(path, doc, ("status",), message, "warning")


def _at(
    path: str, doc: Document, where: tuple, message: str, severity: Severity = "error", field: str = ""
) -> Problem:
    return Problem(path, doc.line_of(where), field or dotted(where), message, severity)


def build_timeline(entries: Iterable[dict[str, Any]]) -> tuple[TimelineEntry, ...]:
    return tuple(
        TimelineEntry(str(e["date"]), " ".join(e["event"].split()), int(e["source"]), number)
        for number, e in enumerate(entries, start=1)
    )


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _year(value: object) -> int | None:
    match = re.match(r"^(\d{4})", str(value)) if value is not None else None
    return int(match.group(1)) if match else None
