"""`/events.ics`: every event as an iCalendar file (RFC 5545), so that a reader can subscribe
to the webinars and seminars. Written with the icalendar library; the same events and the
same day of the build give the same bytes."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from ..core.events import Event, EventIndex
from ..core.routes import Router

PRODUCT = "-//Casebook//Events of strategic partnerships in official statistics//EN"


def events_ics(events: EventIndex, site_url: str, today: dt.date, router: Router) -> str:
    """`today` stamps every entry (DTSTAMP), from the build's day: SOURCE_DATE_EPOCH fixes it.
    One calendar for every language: events are written in the default language, and their
    pages are in it."""
    base = site_url.rstrip("/")
    host = base.split("://", 1)[-1].split("/", 1)[0] or "casebook"
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Casebook events")
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    for event in events.events:
        entry = CalendarEvent()
        entry.add("uid", f"{event.slug}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("summary", event.title)
        start, end = _moments(event)
        entry.add("dtstart", start)
        entry.add("dtend", end)
        entry.add("location", event.place)
        entry.add("description", event.summary)
        entry.add("categories", [event.kind])
        if base:
            entry.add("url", f"{base}/{router.url('event', language=router.default, slug=event.slug)}")
        calendar.add_component(entry)
    return calendar.to_ical().decode("utf-8")


def _moments(event: Event) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
    """All-day events end the day after their last day (RFC 5545's DTEND is exclusive); timed
    ones are in UTC and, without an end, last an hour."""
    if "T" not in event.start:
        return event.start_date, event.end_date + dt.timedelta(days=1)
    start = _utc(event.start)
    end = _utc(event.end) if event.end and "T" in event.end else start + dt.timedelta(hours=1)
    return start, end


def _utc(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(dt.UTC)
