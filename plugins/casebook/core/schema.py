"""The JSON Schema of a case's front matter, generated from the vocabulary.

The same schema validates every case and is published at `/schema/case.schema.json`, so
editors that speak YAML (through the `yaml-language-server` line in the case template)
complete and check the front matter while it is typed.
"""

from __future__ import annotations

import json
from typing import Any

from .languages import DEFAULT
from .timeline import DATE_PATTERN as TIMELINE_DATE
from .vocabulary import Group, Vocabulary
from .words import N_

SCHEMA_ID = "https://casebook.example/schema/case.schema.json"  # replaced by the site URL
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
COUNTRY_PATTERN = r"^(?:[A-Z]{2}|INT)$"
URL_PATTERN = r"^https?://\S+$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
YEAR = {"type": "integer", "minimum": 1800, "maximum": 2200}

REQUIRED = [
    "title",
    "summary",
    "organisation",
    "country",
    "partners",
    "partnership_types",
    "challenges",
    "lessons",
]


# French and Russian run a fifth to a third longer than the English the limits were set for.
ROOM_IN_TRANSLATION = 1.5


def in_language(schema: Any, language: str) -> Any:
    """A schema for text in `language`: its length limits, set for English, half as long
    again in the other languages."""
    if language == DEFAULT:
        return schema
    if isinstance(schema, dict):
        return {
            key: int(value * ROOM_IN_TRANSLATION) if key == "maxLength" else in_language(value, language)
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [in_language(item, language) for item in schema]
    return schema


def text(description: str, max_length: int = 500) -> dict[str, Any]:
    return {
        "type": "string",
        "minLength": 1,
        "maxLength": max_length,
        "pattern": r"\S",  # not blank
        "description": description,
    }


def term(group: Group) -> dict[str, Any]:
    described = "; ".join(f"{t.slug}: {t.label}" for t in group.terms)
    return {"type": "string", "enum": list(group.slugs), "description": described}


def terms(group: Group, min_items: int = 0) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "array",
        "items": term(group),
        "uniqueItems": True,
        "description": f"{group.plural} [{group.slugs[0]}, ...]",
    }
    if min_items:
        schema["minItems"] = min_items
    return schema


def obj(properties: dict[str, Any], required: list[str], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def case_schema(vocabulary: Vocabulary, schema_id: str = SCHEMA_ID) -> dict[str, Any]:
    v = vocabulary
    lesson = obj(
        {
            "text": text(N_("The lesson, in one or two sentences."), 2000),
            "stage": term(v.stages),
            "challenges": terms(v.challenges, 1),
            "partnership_types": terms(v.types, 1),
            "event": {
                "type": "string",
                "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                "description": N_(
                    "The event where the lesson was learned: an event's slug (events/<slug>.md)."
                ),
            },
        },
        ["text"],
        N_("A lesson learned. Types and challenges default to the case's."),
    )
    properties: dict[str, Any] = {
        "title": text(N_("The case's title."), 200),
        "summary": text(N_("One or two sentences shown in every listing."), 600),
        "organisation": text(N_("The statistical office or body that ran the partnership."), 200),
        "country": {
            "type": "string",
            "pattern": COUNTRY_PATTERN,
            "description": N_(
                "ISO 3166-1 alpha-2 code (NO, GB); EU for European Union bodies, "
                "INT for other international ones."
            ),
        },
        "partners": {
            "type": "array",
            "minItems": 1,
            "description": N_("Who the partners were, each with a name and a sector."),
            "items": obj(
                {
                    "name": text(N_("The partner's name."), 200),
                    "sector": term(v.sectors),
                    "anonymous": {
                        "type": "boolean",
                        "description": N_(
                            "true for a partner that is not one organisation named in the registry "
                            "(an operator left unnamed, several organisations named together)."
                        ),
                    },
                },
                ["name", "sector"],
                N_("A partner."),
            ),
        },
        "partnership_types": terms(v.types, 1),
        "challenges": terms(v.challenges, 1),
        "status": term(v["statuses"]),
        "period": {
            "type": "object",
            "description": N_("Years the partnership ran, such as {start: 2016, end: 2019}."),
            "properties": {"start": YEAR, "end": YEAR},
            "minProperties": 1,
            "additionalProperties": False,
        },
        "identified_via": terms(v["identified_via"]),
        "support": terms(v["support"]),
        "meeting_forums": terms(v["meeting_forums"]),
        "access_basis": term(v["access_basis"]),
        "compensation": term(v["compensation"]),
        "safeguards": terms(v["safeguards"]),
        "lessons": {"type": "array", "minItems": 1, "items": lesson, "description": "Lessons learned."},
        "timeline": {
            "type": "array",
            "description": N_("Dated developments, oldest first, from the start to the latest known one."),
            "items": obj(
                {
                    "date": {
                        "type": "string",
                        "pattern": TIMELINE_DATE,
                        "description": N_("When it happened: YYYY, YYYY-MM or YYYY-MM-DD."),
                    },
                    "event": text(N_("What happened, in one sentence."), 400),
                    "source": {
                        "type": "integer",
                        "minimum": 1,
                        "description": N_("The number of the entry under sources that reports it, from 1."),
                    },
                },
                ["date", "event", "source"],
                N_("A dated development."),
            ),
        },
        "sources": {
            "type": "array",
            "description": N_("Publications and pages the case rests on."),
            "items": obj(
                {
                    "title": text(N_("The source's title."), 300),
                    "url": {"type": "string", "pattern": URL_PATTERN, "maxLength": 2000},
                },
                ["title"],
                N_("A source."),
            ),
        },
        "last_reviewed": {
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": N_("The date the case was last checked, YYYY-MM-DD."),
        },
        "former_slugs": {
            "type": "array",
            "uniqueItems": True,
            "items": {"type": "string", "pattern": SLUG_PATTERN},
            "description": N_(
                "The slugs this case had before it was renamed: their addresses lead to it. "
                "Each is the case's alone, and never a retired slug (cases/_retired.yml)."
            ),
        },
        "lang": {
            "type": "string",
            "enum": ["en", "fr", "ru"],
            "description": N_("The language the case is written in: en (the default), fr or ru."),
        },
        "visibility": {
            "type": "string",
            "enum": ["public", "internal"],
            "description": N_("'internal' cases are left out of the public site."),
        },
        "personal_data_reviewed": {
            "type": "boolean",
            "description": N_("true once a reviewer has accepted the personal data the case names."),
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": "Casebook case study",
        "description": N_("The front matter of a case study file in cases/."),
        **obj(properties, REQUIRED, "The front matter of a case study file in cases/."),
    }


def schema_json(vocabulary: Vocabulary, schema_id: str = SCHEMA_ID) -> str:
    return json.dumps(case_schema(vocabulary, schema_id), indent=2, ensure_ascii=False) + "\n"


# How the data dictionary names the schema's types.
TYPE_NAMES = {
    "string": N_("text"),
    "integer": N_("whole number"),
    "boolean": N_("true or false"),
    "object": N_("fields"),
    "array of object": N_("list of fields"),
    "array of string": N_("list of text"),
    "array of values": N_("list"),
}


def dictionary_rows(schema: dict[str, Any], prefix: str = "") -> list[dict[str, str]]:
    """The schema as a data dictionary: one row a field, nested fields as partners[].name."""
    rows = []
    required = set(schema.get("required", ()))
    for name, spec in schema.get("properties", {}).items():
        field = f"{prefix}{name}"
        kind = spec.get("type", "")
        items = spec.get("items", {})
        values = spec.get("enum") or items.get("enum") or []
        if kind == "array":
            kind = f"array of {items.get('type', 'values')}"
        rows.append(
            {
                "field": field,
                "type": TYPE_NAMES.get(kind, kind),
                "required": name in required,
                "description": spec.get("description", ""),
                "values": ", ".join(values),
            }
        )
        if spec.get("type") == "object":
            rows += dictionary_rows(spec, f"{field}.")
        if items.get("type") == "object":
            rows += dictionary_rows(items, f"{field}[].")
    return rows
