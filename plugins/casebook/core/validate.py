"""Checking one case file: the JSON Schema, then what a schema cannot say.

Every problem becomes a `Problem` with the file, the line of the value, the field and a
message a contributor can act on: what was expected and, for a near miss, a suggestion.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .bodylimits import body_limit_findings
from .countries import country_problem
from .editorial import editorial_problems
from .files import MAX_FILE_BYTES
from .model import Case, Lesson, Partner, Source
from .privacy import personal_data_problems
from .problems import CaseFileError, Problem, describe, did_you_mean
from .prose import scan_body
from .schema import case_schema
from .sourcecheck import review_problems, source_problems
from .textscan import text_warnings
from .timeline import (
    advice_problems,
    build_timeline,
    consistency_problems,
    stale_problems,
    timeline_problems,
)
from .vocabulary import Vocabulary
from .yamlfile import Document, Path, SplitFile, dotted, parse_yaml, split_front_matter

FILE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields",
    "integer": "a whole number",
    "boolean": "true or false",
}


# What a contributor should write, for fields whose type message needs an example.
EXAMPLES = {
    "period": "years written {start: 2016, end: 2019}",
    "start": "a year such as 2016",
    "end": "a year such as 2019",
    "last_reviewed": "a date written YYYY-MM-DD, such as 2026-11-01",
    "country": "a country code such as NO or GB",
    "url": "a web address starting with https://",
    "source": "the number of the entry under sources that reports it, such as 2",
    "date": "a date written YYYY, YYYY-MM or YYYY-MM-DD, such as 2023-04",
}


@cache
def _validator(vocabulary: Vocabulary) -> Draft202012Validator:
    return Draft202012Validator(case_schema(vocabulary))


@cache
def _fast_check(vocabulary: Vocabulary) -> Callable[[Any], bool]:
    return fast_validity(case_schema(vocabulary))


def fast_validity(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """A compiled validator (jsonschema-rs, in Rust) that only says valid or not.

    Nearly every file is valid: checking those with it and explaining the rest with the
    Python validator keeps `casebook check` on 5,000 cases within seconds.
    """
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a dependency; kept optional for other platforms
        return lambda data: False
    return jsonschema_rs.validator_for(schema).is_valid


def slug_for(file_name: str) -> str:
    """The slug a file name would have once normalised ('My Case.md' -> 'my-case')."""
    stem = file_name.rsplit(".", 1)[0]
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")


def read_front_matter(raw: bytes) -> tuple[str, SplitFile, Document]:
    """A Markdown file's text, its parts and its front matter as a mapping of fields, each value
    with its line; CaseFileError, with the line, where it cannot be read so."""
    source = decode(raw)
    parts = split_front_matter(source)
    document = parse_yaml(parts.front_matter, first_line=2)
    if not isinstance(document.data, dict):
        found = "" if document.data is None else f", found {describe(document.data)}"
        message = f"expected fields such as 'title: ...' between the '---' lines{found}"
        raise CaseFileError(1, "front matter", message)
    return source, parts, document


def read_case(
    path: str, raw: bytes, vocabulary: Vocabulary, today: dt.date | None = None
) -> tuple[Case | None, list[Problem]]:
    """Parse and check one case file; a Case is returned only when it has no error.

    `casebook check` passes `today`: with it come the checks that depend on the day (a review
    older than two years, an ongoing case not followed up) and the editorial guide's advice
    (a timeline of at least three developments, a status and period that agree with it). A
    build reports neither: it must not pass, fail or differ with the day it runs, and advice
    is not a reason to fail a strict build.
    """
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    slug = name[: -len(".md")]
    problems: list[Problem] = []
    if not FILE_SLUG.fullmatch(slug):
        problems.append(
            Problem(
                path,
                1,
                "file name",
                f"'{name}' is not a valid case file name: use lower-case letters, digits and "
                f"hyphens (rename it to '{slug_for(name) or 'my-case'}.md')",
            )
        )
    try:
        source, parts, document = read_front_matter(raw)
    except CaseFileError as exc:
        return None, [*problems, Problem(path, exc.line, exc.field, exc.message)]
    data = repair_text(document.data, _validator(vocabulary).schema, (), document)
    problems += _schema_problems(path, data, document, vocabulary)
    problems += _semantic_problems(path, data, document)
    problems += timeline_problems(path, data, document)
    problems += source_problems(path, data, document)
    if today is not None:
        problems += review_problems(path, data, document, today)
        problems += stale_problems(path, data, document, today)
        problems += consistency_problems(path, data, document)
        problems += advice_problems(path, data, document)
        problems += editorial_problems(
            path, data, document, parts.body, parts.body_line, vocabulary.stages.slugs
        )
    problems += body_problems(path, parts.body, parts.body_line)
    problems += character_problems(path, document, parts.body, parts.body_line)
    problems += personal_data_problems(path, document, parts.body, parts.body_line, source)
    if "Replace " in source:  # the placeholders' first word: cheaper than the pattern
        problems += text_warnings(path, document, parts.body, parts.body_line, _placeholders)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return _build(slug, path, data, parts.body, parts.body_line, document), problems


# Characters no text field may hold: C0 and C1 controls (a tab and a line break excepted),
# which make the feed invalid XML, and the bidirectional controls and invisible separators
# that make text read differently from what it holds.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_LINE_BREAK = re.compile(r"[\r\n]")
# Fields of one line (names, terms, slugs, addresses, dates): a line break in one is a mistake.
# Every other field is prose, which may run over several lines.
ONE_LINE = frozenset(
    {
        "title", "organisation", "name", "country", "url", "date", "start", "end", "place", "id", "ref",
        "role", "actor", "stage", "route", "kind", "status", "visibility", "last_reviewed", "publisher",
        "provision", "sector", "event", "cases", "organisers", "examples", "frameworks", "recommendations",
        "next", "outcome", "partnership_types", "challenges", "safeguards", "identified_via", "support",
        "meeting_forums", "access_basis", "compensation", "curator", "lesson", "case", "lang", "method", "by",
        "former_slugs",
    }
)  # fmt: skip


def character_problems(path: str, doc: Document, body: str = "", body_line: int = 0) -> Iterator[Problem]:
    """An error at each value (and body line) holding a control character, a bidirectional
    control, or a line break where the field is one line."""
    # Most files hold no control character in any value: one search over them all, and then
    # only the values with a line break are looked at (a one-line field must not have one).
    anywhere = _CONTROL.search(" ".join(doc.texts.values())) is not None
    for where, text in doc.texts.items():
        if not anywhere and "\n" not in text and "\r" not in text:
            continue
        field = next((p for p in reversed(where) if isinstance(p, str)), "")
        message = _character_message(text, multiline=field not in ONE_LINE)
        if message:
            yield Problem(path, doc.line_of(where), dotted(where), message)
    if _CONTROL.search(body) is None:
        return  # most bodies: one search instead of one a line (a line's '\r' is allowed)
    for number, line in enumerate(body.split("\n"), start=body_line):
        message = _character_message(line.rstrip("\r"), multiline=True)
        if message:
            yield Problem(path, number, "body", message)


def _character_message(text: str, multiline: bool) -> str | None:
    found = _CONTROL.search(text) or (None if multiline else _LINE_BREAK.search(text))
    if found is None:
        return None
    name = unicodedata.name(found.group(0), "a control character")
    return (
        f"holds an invisible character (U+{ord(found.group(0)):04X}, {name.lower()}) at position "
        f"{found.start() + 1}: delete it and type the text again"
    )


def body_problems(path: str, body: str, body_line: int) -> Iterator[Problem]:
    """A contributed Markdown body (a case's, an event's, the guidelines'): an error where it
    goes past the limits that keep its conversion bounded, a warning at each line whose
    markup will not be published (core/prose.py)."""
    for finding in body_limit_findings(body):
        yield Problem(path, body_line + finding.line - 1, "body", finding.message)
    for finding in scan_body(body):
        yield Problem(path, body_line + finding.line - 1, "body", finding.message, "warning")


def read_yaml(raw: bytes) -> Document:
    """A YAML file as a Document; raises CaseFileError (line, field, message) if unreadable."""
    text = decode(raw)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise CaseFileError(1, "file", "the file is empty")
    try:
        return parse_yaml(text.replace("\r\n", "\n"), first_line=1)
    except CaseFileError as exc:
        # parse_yaml names the block it reads 'front matter'; here it is the whole file.
        field = "file" if exc.field == "front matter" else exc.field
        raise CaseFileError(exc.line, field, exc.message) from None


def decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise CaseFileError(1, "file", f"the file is over {MAX_FILE_BYTES // 1000} kB; shorten it")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CaseFileError(line, "file", "not UTF-8 text: save the file with UTF-8 encoding") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise CaseFileError(line, "file", "contains NUL bytes: not a text file")
    return text


def repair_text(value: Any, schema: dict[str, Any], path: Path, doc: Document) -> Any:
    """Where the schema wants text, give back a number or boolean as it was written.

    `title: 1984` or `organisation: 2030 Agenda team` must stay text, and `1.10` must not
    become `1.1`: the composed node kept the source text of every scalar.
    """
    if path not in doc.typed:
        return value  # nothing below was read as a number or a boolean: nothing to give back
    kind = schema.get("type")
    if kind == "string" and isinstance(value, (int, float, bool)) and path in doc.texts:
        return doc.texts[path]
    if kind == "array" and isinstance(value, list) and "items" in schema:
        return [repair_text(v, schema["items"], path + (i,), doc) for i, v in enumerate(value)]
    if kind == "object" and isinstance(value, dict):
        props = schema.get("properties", {})
        other = schema.get("additionalProperties")
        return {
            k: repair_text(v, props.get(k, other), path + (k,), doc)
            if k in props or isinstance(other, dict)
            else v
            for k, v in value.items()
        }
    return value


def _schema_problems(
    path: str, data: dict[str, Any], doc: Document, vocabulary: Vocabulary
) -> Iterator[Problem]:
    if _fast_check(vocabulary)(data):
        return
    yield from schema_problems(path, data, doc, _validator(vocabulary))


def schema_problems(
    path: str, data: dict[str, Any], doc: Document, validator: Draft202012Validator
) -> Iterator[Problem]:
    """Every way `data` breaks the validator's schema, explained at its line (cases, events)."""
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    seen: set[Problem] = set()
    for error in errors:
        where: Path = tuple(error.absolute_path)
        for sub_path, message in _explain(error, where):
            problem = Problem(
                path, doc.line_of(sub_path) if sub_path else doc.start_line, dotted(sub_path), message
            )
            if problem not in seen:  # one 'required' error a missing field names them all
                seen.add(problem)
                yield problem


# An example line for each field a file may leave out by mistake (terms take their first term).
_EXAMPLES = {
    "title": "Mobile phone data for tourism statistics",
    "summary": "One or two sentences that say what the partnership did and how it ended.",
    "organisation": "Statistics Norway",
    "country": "NO",
    "name": "Telenor Norge",
    "text": "Agree the method with the data holder before the first delivery, because ...",
    "url": "https://www.ssb.no/en/...",
    "date": "2023-04",
    "event": "The office and the operator signed a data-sharing agreement.",
    "source": "1",
    "place": "Geneva",
    "start": "2027-03-04",
    "organisers": "[UNECE]",
}
# Lists as one line of YAML (the template writes them over several).
_LISTS = {
    "partners": "partners: [{name: Telenor Norge, sector: private}]",
    "lessons": "lessons: [{text: Agree the method with the data holder first, because ..., stage: agreeing}]",
    "sources": "sources: [{title: The office's report, url: 'https://www.ssb.no/en/...'}]",
}


def _missing(name: str, field: dict[str, Any], nested: bool) -> str:
    """'missing required field 'sector'': what it holds, and an example line to add."""
    message = f"missing required field '{name}'"
    terms = field.get("enum") or field.get("items", {}).get("enum")
    if (description := field.get("description")) and not terms:
        message += f" ({description.rstrip('.')[:1].lower()}{description.rstrip('.')[1:]})"
    place = "under this item" if nested else "between the '---' lines"
    if terms and field.get("type") == "array":
        example = f"{name}: [{terms[0]}]"
        return f"{message}; add a line such as '{example}' {place}, with terms from: {', '.join(terms)}"
    if terms:
        return f"{message}; add a line such as '{name}: {terms[0]}' {place}, with one of: {', '.join(terms)}"
    if name in _LISTS:
        return f"{message}; add a list {place}, such as '{_LISTS[name]}' (or as in cases/_template.md)"
    if name in _EXAMPLES:
        return f"{message}; add a line such as '{name}: {_EXAMPLES[name]}' {place}"
    return message


def _explain(error: ValidationError, where: Path) -> Iterator[tuple[Path, str]]:
    kind = error.validator
    value = error.instance
    schema = error.schema
    if kind == "required":
        unknown = set(value) - set(schema.get("properties", {}))
        # A near-miss field name ('challenge:') is reported once, as an unknown field.
        missing = [n for n in error.validator_value if n not in value and not did_you_mean(n, unknown)]
        for name in missing:
            # A missing top-level field points at the opening '---'; a nested one at its item.
            field = schema.get("properties", {}).get(name, {})
            yield where + (name,) if where else (name,), _missing(name, field, nested=bool(where))
        return
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        for name in sorted(set(value) - set(known)):
            yield (
                where + (name,),
                (f"unknown field '{name}'{did_you_mean(name, known)}; expected one of: {', '.join(known)}"),
            )
        return
    if kind == "enum":
        if not isinstance(value, str):
            return  # the type error says it already
        options = error.validator_value
        yield (
            where,
            (f"unknown term '{value}'{did_you_mean(value, options)}; expected one of: {', '.join(options)}"),
        )
        return
    if kind == "type":
        yield where, _type_message(value, error.validator_value, where, schema)
        return
    if kind == "uniqueItems":
        twice = sorted({str(v) for v in value if value.count(v) > 1})
        yield where, f"names {', '.join(repr(t) for t in twice)} more than once; keep one"
        return
    if kind == "pattern":
        if where and where[0] == "country":
            return  # countries get a fuller message from the semantic checks
        message = _pattern_message(value, where)
        if message:
            yield where, message
        return
    messages = {
        "minItems": "needs at least one entry",
        "minLength": "is empty",
        "minProperties": "give a start year, an end year or both: {start: 2016, end: 2019}",
    }
    if kind in messages:
        yield where, messages[kind]
    elif kind == "maxLength":
        yield where, f"is too long ({len(value)} characters; at most {error.validator_value})"
    elif kind in ("minimum", "maximum"):
        field = where[-1] if where and isinstance(where[-1], str) else ""
        yield where, f"expected {EXAMPLES.get(field, 'a year such as 2016')}, got {value}"
    else:  # pragma: no cover - every keyword the schema uses is explained above
        yield where, error.message


def _type_message(value: Any, expected: str, where: Path, schema: dict[str, Any]) -> str:
    field = where[-1] if where and isinstance(where[-1], str) else "value"
    got = describe(value)
    items = schema.get("items", {})
    if expected == "array" and items.get("type") == "object":
        fields = " and ".join(f"{name}:" for name in items.get("required", []))
        return f"expected a list, got {got}: start each entry on its own line with '- ', giving {fields}"
    if expected == "object" and "required" in schema and isinstance(value, str):
        first, *rest = schema["required"]
        more = "".join(f", then {name}: on the next line" for name in rest)
        return f"expected fields, got {got}: write '- {first}: {value}'{more}"
    if expected == "array" and isinstance(value, (str, int, float)) and value != "":
        return f"expected a list, got {got}: write {field}: [{value}]"
    if expected == "array" and value is None:
        return f"is empty: give a list such as {field}: [...]"
    if field in EXAMPLES:
        return f"expected {EXAMPLES[field]}, got {got}"
    if "enum" in schema:
        return f"expected one term, got {got}; one of: {', '.join(schema['enum'])}"
    return f"expected {_TYPE_NAMES.get(expected, expected)}, got {got}"


def _pattern_message(value: str, where: Path) -> str | None:
    if value == "":
        return None  # minLength reports it as empty
    field = next((p for p in reversed(where) if isinstance(p, str)), "")
    if not value.strip():
        return "is blank"
    if field == "last_reviewed":
        return f"expected a date written YYYY-MM-DD, such as 2026-11-01, got '{value}'"
    if field == "url":
        return f"expected a web address starting with https:// or http://, got '{value}'"
    if field == "date":
        return f"expected {EXAMPLES['date']}, got '{value}'"
    if field in ("start", "end"):
        return f"expected a date such as 2018-04-11 or a UTC time such as 2027-03-04T13:00:00Z, got '{value}'"
    if field in ("event", "cases", "former_slugs", "slug") or (where and where[0] == "cases"):
        return f"'{value}' is not a slug: lower-case letters, digits and hyphens, as in the file's name"
    return f"'{value}' is not in the expected form"


# The placeholder text of the case template (casefile.py), left in by mistake.
PLACEHOLDER = re.compile(r"\bReplace (?:with\b|this text\.)")


def _placeholders(text: str) -> Iterator[tuple[str, int]]:
    for match in PLACEHOLDER.finditer(text):
        yield "still holds the template's placeholder text: replace it", match.start()


def _semantic_problems(path: str, data: dict[str, Any], doc: Document) -> Iterator[Problem]:
    country = data.get("country")
    if isinstance(country, str):
        message = country_problem(country) if country.strip() else f"is empty: expected {EXAMPLES['country']}"
        if message:
            yield Problem(path, doc.line_of(("country",)), "country", message)
    reviewed = data.get("last_reviewed")
    if isinstance(reviewed, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", reviewed):
        try:
            dt.date.fromisoformat(reviewed)
        except ValueError:
            yield Problem(
                path, doc.line_of(("last_reviewed",)), "last_reviewed", f"'{reviewed}' is not a real date"
            )
    sources = data.get("sources")
    for number, source in enumerate(sources if isinstance(sources, list) else []):
        url = source.get("url") if isinstance(source, dict) else None
        if isinstance(url, str) and re.search(r"\s", url):
            where = ("sources", number, "url")
            yield Problem(path, doc.line_of(where), dotted(where), "contains a space or line break")
    period = data.get("period")
    if isinstance(period, dict):
        for key in ("start", "end"):
            if isinstance(period.get(key), float):  # JSON Schema counts 2016.0 as an integer
                where = ("period", key)
                message = f"expected {EXAMPLES[key]}, got the number {period[key]}"
                yield Problem(path, doc.line_of(where), dotted(where), message)
        start, end = period.get("start"), period.get("end")
        if isinstance(start, int) and isinstance(end, int) and start > end:
            yield Problem(
                path,
                doc.line_of(("period",)),
                "period",
                f"starts after it ends ({start} > {end}); swap the years",
            )


def _build(slug: str, path: str, data: dict[str, Any], body: str, body_line: int, doc: Document) -> Case:
    types = tuple(data["partnership_types"])
    challenges = tuple(data["challenges"])
    lessons = tuple(
        Lesson(
            case_slug=slug,
            number=number,
            text=item["text"].strip(),
            stage=item.get("stage"),
            partnership_types=tuple(item.get("partnership_types") or types),
            challenges=tuple(item.get("challenges") or challenges),
            own_types="partnership_types" in item,
            own_challenges="challenges" in item,
            event=item.get("event"),
            event_line=doc.line_of(("lessons", number - 1, "event")) if "event" in item else 0,
        )
        for number, item in enumerate(data["lessons"], start=1)
    )
    period = data.get("period") or {}
    return Case(
        slug=slug,
        path=path,
        title=data["title"].strip(),
        summary=data["summary"].strip(),
        organisation=data["organisation"].strip(),
        organisation_line=doc.line_of(("organisation",)),
        country=data["country"],
        partners=tuple(
            Partner(
                p["name"].strip(),
                p["sector"],
                anonymous=p.get("anonymous") is True,
                line=doc.line_of(("partners", number, "name")),
            )
            for number, p in enumerate(data["partners"])
        ),
        partnership_types=types,
        challenges=challenges,
        lessons=lessons,
        sources=tuple(Source(s["title"].strip(), s.get("url")) for s in data.get("sources", [])),
        status=data.get("status"),
        period_start=period.get("start"),
        period_end=period.get("end"),
        identified_via=tuple(data.get("identified_via", ())),
        support=tuple(data.get("support", ())),
        meeting_forums=tuple(data.get("meeting_forums", ())),
        access_basis=data.get("access_basis"),
        compensation=data.get("compensation"),
        safeguards=tuple(data.get("safeguards", ())),
        last_reviewed=data.get("last_reviewed"),
        visibility=data.get("visibility", "public"),
        former_slugs=tuple(data.get("former_slugs", ())),
        former_lines=tuple(
            doc.line_of(("former_slugs", n)) for n in range(len(data.get("former_slugs", ())))
        ),
        lang=data.get("lang", "en"),
        timeline=build_timeline(data.get("timeline", ())),
        body=body,
        body_line=body_line,
        front_matter=data,
    )
