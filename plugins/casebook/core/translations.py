"""Translations of cases: `cases/<slug>.<language>.md` beside the original `cases/<slug>.md`.

A translation holds only what is translated: `title`, `summary`, the lessons' texts (as many
as the original has, in its order), the timeline's events (likewise) and the body, with where
the translation comes from. Every fact (country, types, period, sources...) lives in the
original alone.

    ---
    title: ...
    summary: ...
    lessons:
      - text: ...
    timeline:
      - event: ...
    translation:
      method: machine            # human, machine or machine-post-edited
      by: a language model        # the organisation, the role, or the engine
      source_digest: 3f2a9c01b7de # the original's text when it was translated (see digest)
      reviewed: {by: Statistics Canada, on: 2027-01-15}   # optional
    ---
    The body, translated.

`source_digest` is the first 12 hex digits of the SHA-256 of the original's translatable text
(see `digest`); when the original changes, the digest no longer matches and the translation
is marked out of date on its page, and `casebook check` gives the digest to set once it is
brought up to date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from jsonschema import Draft202012Validator

from .languages import LANGUAGES
from .model import Case
from .problems import CaseFileError, Problem
from .schema import DATE_PATTERN, obj, text
from .validate import (
    body_problems,
    character_problems,
    decode,
    fast_validity,
    read_front_matter,
    repair_text,
    schema_problems,
)
from .yamlfile import Document, parse_yaml, split_front_matter

METHODS = ("human", "machine", "machine-post-edited")
DIGEST = {
    "type": "string",
    "pattern": r"^[0-9a-f]{12}$",
    "description": "The digest of the original's text it was made from (12 hex digits).",
}
# 'slug.fr.md': a translation; any two letters there name a language.
TRANSLATION_FILE = re.compile(r"^(?P<slug>.+)\.(?P<language>[a-z]{2})\.md$")


@dataclass(frozen=True)
class Provenance:
    """Where a translation (of a case, a page, a file of the guidelines) comes from."""

    method: str  # human, machine or machine-post-edited
    by: str  # the organisation, the role, or the engine
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    outdated: bool = False  # its original has changed since it was made (the digest differs)

    @property
    def is_machine(self) -> bool:
        return self.method != "human"

    @property
    def unreviewed_machine(self) -> bool:
        """A machine translation nobody has reviewed: its page says so."""
        return self.is_machine and not self.reviewed_by


@dataclass(frozen=True)
class Translation:
    slug: str
    language: str
    path: str
    title: str
    summary: str
    lessons: tuple[str, ...]
    timeline: tuple[str, ...]
    body: str
    provenance: Provenance
    source_digest: str
    original_language: str  # the language its original is written in


def digest(case: Case) -> str:
    """The first 12 hex digits of the SHA-256 of the UTF-8 JSON (keys sorted, no ASCII escapes)
    of the original's translatable text, as its file gives it."""
    data = case.front_matter
    text = {
        "title": data.get("title"),
        "summary": data.get("summary"),
        "lessons": [lesson.get("text") for lesson in data.get("lessons", [])],
        "timeline": [entry.get("event") for entry in data.get("timeline", [])],
        "body": case.body.strip(),
    }
    encoded = json.dumps(text, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:12]


def text_digest(data: object, body: str = "") -> str:
    """The digest of a page's or a guidelines file's text as read (front matter or YAML data,
    and the Markdown body): comments and layout of the file do not count."""
    encoded = json.dumps({"data": data, "body": body.strip()}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:12]


def provenance_schema(with_digest: bool = True) -> dict[str, Any]:
    """`translation:` {method, by, source_digest, reviewed: {by, on}}; the guidelines give their
    files' digests apart (see guidelinetranslations.py), so `with_digest` is false there."""
    reviewed = obj(
        {
            "by": text("Who reviewed it: an organisation or a role.", 200),
            "on": {"type": "string", "pattern": DATE_PATTERN, "description": "When, YYYY-MM-DD."},
        },
        ["by", "on"],
        "Who reviewed the translation, and when.",
    )
    fields: dict[str, Any] = {
        "method": {
            "type": "string",
            "enum": list(METHODS),
            "description": "human, machine or machine-post-edited",
        },
        "by": text("Who translated it: an organisation, a role, or the engine.", 200),
        "reviewed": reviewed,
    }
    if with_digest:
        fields["source_digest"] = DIGEST
    required = ["method", "by", "source_digest"] if with_digest else ["method", "by"]
    return obj(fields, required, "Where the translation comes from.")


def read_provenance(data: dict[str, Any], outdated: bool) -> Provenance:
    """The provenance of a `translation:` mapping that passed provenance_schema."""
    reviewed = data.get("reviewed") or {}
    return Provenance(data["method"], data["by"].strip(), reviewed.get("by"), reviewed.get("on"), outdated)


def translation_schema() -> dict[str, Any]:
    lesson = obj({"text": text("The lesson, translated.", 2000)}, ["text"], "A lesson, translated.")
    entry = obj({"event": text("The development, translated.", 400)}, ["event"], "A development, translated.")
    provenance = provenance_schema()
    return obj(
        {
            "title": text("The case's title, translated.", 200),
            "summary": text("The summary, translated.", 600),
            "lessons": {
                "type": "array",
                "minItems": 1,
                "items": lesson,
                "description": "The lessons, in order.",
            },
            "timeline": {"type": "array", "items": entry, "description": "The timeline's events, in order."},
            "translation": provenance,
        },
        ["title", "summary", "lessons", "translation"],
        "A translation of a case.",
    )


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(translation_schema())


@cache
def _fast_check() -> Callable[[Any], bool]:
    return fast_validity(translation_schema())


def read_translation(
    path: str, raw: bytes, originals: dict[str, Case], today: dt.date | None = None
) -> tuple[Translation | None, list[Problem]]:
    """Parse and check one translation against its original; a Translation only without error.
    With `today` (casebook check), an out-of-date translation is reported with its new digest."""
    translation, problems = _read_translation(path, raw, originals.get(_name_parts(path)[0]), today)
    return translation, list(problems)  # a copy: the cached list stays as it was


def _name_parts(path: str) -> tuple[str, str]:
    """(slug, language) of a translation file's path: 'cases/x.fr.md' -> ('x', 'fr')."""
    match = TRANSLATION_FILE.fullmatch(path.replace("\\", "/").rsplit("/", 1)[-1])
    assert match is not None
    return match.group("slug"), match.group("language")


@lru_cache(maxsize=8192)
def _read_translation(
    path: str, raw: bytes, original: Case | None, today: dt.date | None
) -> tuple[Translation | None, list[Problem]]:
    """`read_translation` of a translation with its original: the same file and original read
    the same, so a preview's rebuild reads again only the translations an edit changed."""
    slug, language = _name_parts(path)
    if language not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        return None, [Problem(path, 1, "file name", f"'{language}' is not a language of the site ({known})")]
    if original is None:
        message = f"a translation without an original: there is no case {slug}.md beside it"
        return None, [Problem(path, 1, "file name", message)]
    try:
        _, parts, document = read_front_matter(raw)
    except CaseFileError as exc:
        return None, [Problem(path, exc.line, exc.field, exc.message)]
    data = repair_text(document.data, _validator().schema, (), document)
    problems = [] if _fast_check()(data) else list(schema_problems(path, data, document, _validator()))
    problems += body_problems(path, parts.body, parts.body_line)
    problems += character_problems(path, document, parts.body, parts.body_line)
    if original.lang == language:
        problems.append(
            Problem(path, 1, "file name", f"the original is in this language ({language}) already")
        )
    problems += _count_problems(path, data, document, original)
    if any(p.severity == "error" for p in problems):
        return None, problems
    provenance = data["translation"]
    current = digest(original)
    translation = Translation(
        slug=slug,
        language=language,
        path=path,
        title=data["title"].strip(),
        summary=data["summary"].strip(),
        lessons=tuple(item["text"].strip() for item in data["lessons"]),
        timeline=tuple(" ".join(item["event"].split()) for item in data.get("timeline", [])),
        body=parts.body,
        provenance=read_provenance(provenance, outdated=provenance["source_digest"] != current),
        source_digest=provenance["source_digest"],
        original_language=original.lang,
    )
    if today is not None and translation.provenance.outdated:
        where = ("translation", "source_digest")
        problems.append(
            Problem(
                path,
                document.line_of(where),
                "translation.source_digest",
                f"out of date: {original.path} has changed since this translation was made from it; "
                f"bring the translation up to date, then set source_digest: {current}",
                "warning",
            )
        )
    return translation, problems


def _count_problems(path: str, data: dict[str, Any], document: Document, original: Case) -> list[Problem]:
    problems = []
    for field, wanted in (("lessons", len(original.lessons)), ("timeline", len(original.timeline))):
        items = data.get(field)
        have = len(items) if isinstance(items, list) else 0
        if have != wanted:
            noun = "lessons" if field == "lessons" else "developments in its timeline"
            message = (
                f"the original has {wanted} {noun}, this translation {have}: translate each one, "
                "in the original's order"
            )
            problems.append(Problem(path, document.line_of((field,)), field, message))
    return problems


def localize(case: Case, translation: Translation) -> Case:
    """The case as read in the translation's language: its text translated, its facts its own."""
    lessons = tuple(
        replace(lesson, text=text) for lesson, text in zip(case.lessons, translation.lessons, strict=True)
    )
    timeline = tuple(
        replace(entry, event=event) for entry, event in zip(case.timeline, translation.timeline, strict=True)
    )
    return replace(
        case,
        title=translation.title,
        summary=translation.summary,
        lessons=lessons,
        timeline=timeline,
        body=translation.body,
        lang=translation.language,
        translation=translation,
    )


def in_language(
    cases: tuple[Case, ...], translations: dict[tuple[str, str], Translation], language: str
) -> tuple[Case, ...]:
    """Each case as a reader of `language` sees it: translated where a translation exists, else
    in its own language (a case in that language already is as it is)."""
    return tuple(
        localize(case, translations[(case.slug, language)])
        if case.lang != language and (case.slug, language) in translations
        else case
        for case in cases
    )


def read_page_translation(
    shown: str, raw: bytes, original: bytes | None, original_shown: str, checking: bool = False
) -> tuple[Provenance | None, list[Problem]]:
    """The provenance of a hand-written page's translation (docs/<language>/about.md, beside
    docs/about.md), from its front matter's `translation:`; None for a page without one
    (a page written in that language). With `checking`, an out-of-date one is reported with
    the digest to set."""
    try:
        parts = split_front_matter(decode(raw))
        document = parse_yaml(parts.front_matter, first_line=2)
    except CaseFileError as exc:
        return None, [Problem(shown, exc.line, exc.field, exc.message)]
    data = document.data if isinstance(document.data, dict) else {}
    if "translation" not in data:
        return None, []
    if original is None:
        message = f"a translation without an original: there is no {original_shown}"
        return None, [Problem(shown, document.line_of(("translation",)), "translation", message)]
    validator = _page_validator()
    given = repair_text({"translation": data["translation"]}, validator.schema, (), document)["translation"]
    problems = list(schema_problems(shown, {"translation": given}, document, validator))
    if problems:
        return None, problems
    try:
        english = split_front_matter(decode(original))
        current = text_digest(parse_yaml(english.front_matter, first_line=2).data, english.body)
    except CaseFileError:
        return None, []  # the original's own problems are reported where it is built
    outdated = given["source_digest"] != current
    if outdated and checking:
        message = (
            f"out of date: {original_shown} has changed since this translation was made from it; "
            f"bring the translation up to date, then set source_digest: {current}"
        )
        where = ("translation", "source_digest")
        problems.append(
            Problem(shown, document.line_of(where), "translation.source_digest", message, "warning")
        )
    return read_provenance(given, outdated), problems


@cache
def _page_validator() -> Draft202012Validator:
    return Draft202012Validator({"type": "object", "properties": {"translation": provenance_schema()}})
