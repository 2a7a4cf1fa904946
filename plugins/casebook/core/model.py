"""Cases and lessons as plain, immutable data: what the index and the renderers read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .timeline import TimelineEntry


@dataclass(frozen=True)
class Partner:
    name: str
    sector: str
    # Not one organisation that can be named (an operator left unnamed, several listed
    # together): the registry of organisations does not ask for it (core/organisations.py).
    anonymous: bool = False
    organisation: str | None = None  # its registry entry's slug, once resolved
    line: int = field(default=0, compare=False)  # of its name, for messages


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None


@dataclass(frozen=True)
class Lesson:
    case_slug: str
    number: int  # 1-based position in its case, for anchors such as #lesson-2
    text: str
    stage: str | None
    # Effective tags: the lesson's own where it sets them, otherwise its case's.
    partnership_types: tuple[str, ...]
    challenges: tuple[str, ...]
    own_types: bool = False
    own_challenges: bool = False
    event: str | None = None  # the slug of the event where it was learned
    event_line: int = field(default=0, compare=False)  # for a message about an unknown event


@dataclass(frozen=True)
class Case:
    slug: str
    path: str  # as given to the loader, for messages and edit links
    title: str
    summary: str
    organisation: str
    country: str  # upper case: NO, GB, EU, INT
    partners: tuple[Partner, ...]
    partnership_types: tuple[str, ...]
    challenges: tuple[str, ...]
    lessons: tuple[Lesson, ...]
    sources: tuple[Source, ...]
    status: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    identified_via: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    meeting_forums: tuple[str, ...] = ()
    access_basis: str | None = None
    compensation: str | None = None
    safeguards: tuple[str, ...] = ()
    last_reviewed: str | None = None
    visibility: str = "public"
    # Slugs the case had before it was renamed: their addresses lead to it (core/identity.py).
    former_slugs: tuple[str, ...] = ()
    former_lines: tuple[int, ...] = field(default=(), compare=False)  # each one's line, for messages
    timeline: tuple[TimelineEntry, ...] = ()  # in date order
    lang: str = "en"  # the language its text is in: its own, or a translation's (translations.py)
    # Where the text is a translation: its provenance (a translations.Translation), else None.
    translation: Any = field(default=None, compare=False)
    body: str = ""
    body_line: int = 1
    # The front matter as written (after type repair), for the open-data exports.
    front_matter: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    organisation_line: int = field(default=0, compare=False)  # for messages
    # Once resolved in the registry of organisations (core/organisations.py): the office's
    # entry, and the partners' entries with the groups they belong to (the `org` facet).
    organisation_slug: str | None = None
    partner_organisations: tuple[str, ...] = ()

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"

    @property
    def sectors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.sector for p in self.partners))

    @property
    def period(self) -> str:
        """'2016–2019', '2016–' (ongoing), '–2019', or ''."""
        if self.period_start is None and self.period_end is None:
            return ""
        if self.period_start == self.period_end:
            return str(self.period_start)
        start = "" if self.period_start is None else str(self.period_start)
        end = "" if self.period_end is None else str(self.period_end)
        return f"{start}\u2013{end}"
