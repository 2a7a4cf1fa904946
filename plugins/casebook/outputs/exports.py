"""The collection as open data: /api/cases.json, /api/lessons.json, /api/cases.csv and
/api/lessons.csv.

Shapes are part of the contract (DESIGN.md): a case is its front-matter fields plus `slug`,
`url` (its page in the language it is written in), `lang` and `translations` (each published
translation: language, url, method, reviewed, outdated); a lesson carries its case's slug and
country and its effective types and challenges (its own where it sets them).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from ..core.countries import country_name
from ..core.curated import Curated
from ..core.index import Index
from ..core.model import Case, Lesson
from ..core.organisations import Organisations
from ..core.routes import Router
from ..core.translations import Translation

LIST_SEPARATOR = "; "
# Spreadsheets run a cell that starts with one of these as a formula: quote it (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

CSV_COLUMNS = (
    "slug", "title", "summary", "organisation", "country", "country_name", "partners",
    "partnership_types", "challenges", "status", "period_start", "period_end", "identified_via",
    "support", "meeting_forums", "access_basis", "compensation", "safeguards", "lessons", "sources",
    "last_reviewed", "url",
)  # fmt: skip


@dataclass(frozen=True)
class Published:
    """Where the site publishes each case, and in which languages (for the open data)."""

    router: Router
    site_url: str = ""
    translations: Mapping[tuple[str, str], Translation] = field(default_factory=dict)

    def url(self, case: Case, language: str | None = None) -> str:
        """The address of a case's page: in its own language, or in `language`."""
        path = self.router.url("case", language=language or case.lang, slug=case.slug)
        return f"{self.site_url.rstrip('/')}/{path}"

    def translations_of(self, case: Case) -> list[dict[str, Any]]:
        """The case's translations that the site publishes (into one of its languages)."""
        found = []
        for language in self.router.languages:
            translation = self.translations.get((case.slug, language))
            if translation is None or language == case.lang:
                continue
            provenance = translation.provenance
            reviewed = (
                {"by": provenance.reviewed_by, "on": provenance.reviewed_on}
                if provenance.reviewed_by
                else None
            )
            found.append(
                {
                    "language": language,
                    "url": self.url(case, language),
                    "method": provenance.method,
                    "reviewed": reviewed,
                    "outdated": provenance.outdated,
                }
            )
        return found


def case_record(case: Case, published: Published) -> dict[str, Any]:
    """A case's front matter, and where it is published; its office and each named partner
    with the slug of its entry in the registry of organisations (`organisation_slug`, absent
    where the project has no registry; null for a partner marked anonymous)."""
    record = {
        **case.front_matter,
        "lang": case.lang,
        "slug": case.slug,
        "url": published.url(case),
        "translations": published.translations_of(case),
    }
    if case.organisation_slug is not None:
        record["organisation_slug"] = case.organisation_slug
        written = case.front_matter.get("partners") or []
        record["partners"] = [
            {**item, "organisation_slug": partner.organisation}
            for item, partner in zip(written, case.partners, strict=False)
        ]
    return record


def organisations_json(organisations: Organisations, published: Published) -> str:
    """Every organisation of the registry that took part in a published case: its entry,
    its page, and its cases with its role in each (`via`: the national arm the case names,
    where it is not the organisation itself)."""
    records = []
    for organisation in organisations.listed:
        record: dict[str, Any] = {
            key: value for key, value in asdict(organisation).items() if key != "line" and value is not None
        }
        record["aliases"] = list(organisation.aliases)
        path = published.router.url("organisation", language=published.router.default, slug=organisation.slug)
        record["url"] = f"{published.site_url.rstrip('/')}/{path}"
        record["cases"] = [
            {"case": i.case.slug, "role": i.role}
            | ({"via": i.via.slug} if i.via.slug != organisation.slug else {})
            for i in organisations.involvements[organisation.slug]
        ]
        records.append(record)
    return _json_lines(records)


def lesson_record(lesson: Lesson, case: Case, published: Published) -> dict[str, Any]:
    return {
        "case": case.slug,
        "text": lesson.text,
        "partnership_types": list(lesson.partnership_types),
        "challenges": list(lesson.challenges),
        "stage": lesson.stage,
        "country": case.country,
        "event": lesson.event,
        "url": f"{published.url(case)}#lesson-{lesson.number}",
    }


def _json_lines(records: list[dict[str, Any]]) -> str:
    """A JSON list with one record a line: compact, and diffs show one record per change."""
    if not records:
        return "[]\n"
    rows = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
    return f"[\n{rows}\n]\n"


def cases_json(index: Index, published: Published) -> str:
    return _json_lines([case_record(case, published) for case in index.cases])


def lessons_json(index: Index, published: Published) -> str:
    return _json_lines([lesson_record(x, index.case_of(x), published) for x in index.lessons])


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


# /api/lessons.csv: the columns of /api/lessons.json, lists joined with '; '.
LESSON_COLUMNS = ("case", "text", "partnership_types", "challenges", "stage", "country", "event", "url")


def lessons_csv(index: Index, published: Published) -> str:
    """One row a lesson, as in lessons.json; UTF-8 with a byte-order mark for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(LESSON_COLUMNS)
    for lesson in index.lessons:
        record = lesson_record(lesson, index.case_of(lesson), published)
        row = [LIST_SEPARATOR.join(v) if isinstance(v := record[c], list) else v for c in LESSON_COLUMNS]
        writer.writerow([_cell(value) for value in row])
    return "\ufeff" + out.getvalue()


def cases_csv(index: Index, published: Published) -> str:
    """One row a case; list fields joined with '; '. UTF-8 with a byte-order mark for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for case in index.cases:
        row = {
            "slug": case.slug,
            "title": case.title,
            "summary": case.summary,
            "organisation": case.organisation,
            "country": case.country,
            "country_name": country_name(case.country),
            "partners": LIST_SEPARATOR.join(f"{p.name} ({p.sector})" for p in case.partners),
            "partnership_types": LIST_SEPARATOR.join(case.partnership_types),
            "challenges": LIST_SEPARATOR.join(case.challenges),
            "status": case.status,
            "period_start": case.period_start,
            "period_end": case.period_end,
            "identified_via": LIST_SEPARATOR.join(case.identified_via),
            "support": LIST_SEPARATOR.join(case.support),
            "meeting_forums": LIST_SEPARATOR.join(case.meeting_forums),
            "access_basis": case.access_basis,
            "compensation": case.compensation,
            "safeguards": LIST_SEPARATOR.join(case.safeguards),
            "lessons": len(case.lessons),
            "sources": LIST_SEPARATOR.join(s.url or s.title for s in case.sources),
            "last_reviewed": case.last_reviewed,
            "url": published.url(case),
        }
        writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])
    return "\ufeff" + out.getvalue()


def collections_json(collections: tuple[Curated, ...], published: Published) -> str:
    """Every curated collection: its fields, its page, and its items in reading order (each
    `case`, `lesson` where it names one, `note`); the body is on the page."""
    records = []
    for curated in collections:
        path = published.router.url("collection", language=published.router.default, slug=curated.slug)
        records.append(
            {
                "slug": curated.slug,
                "title": curated.title,
                "curator": curated.curator,
                "summary": curated.summary,
                "url": f"{published.site_url.rstrip('/')}/{path}",
                "items": [{"case": i.case, "lesson": i.lesson, "note": i.note} for i in curated.items],
            }
        )
    return _json_lines(records)
