"""Identifiers that never break (DESIGN.md, "Citation and identity").

A case's slug (its file's name) is its permanent identifier: its address, its citation key,
its key in the open data. Two files keep that promise:

- `cases/_retired.yml` lists the slugs of removed cases, each with a reason and the date:
  no case may take a retired slug again (a citation of it would then lead elsewhere);
- a renamed case keeps its earlier slugs in `former_slugs: [...]`; the site serves a small
  page at each former address that sends the reader on (assembly/site.py). A former slug is
  the case's alone: not another case's former slug, nor a live slug, nor a retired one.

Both the build and `casebook check` read them (core/collection.py), so they agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .model import Case
from .problems import CaseFileError, Problem
from .validate import FILE_SLUG, read_yaml, schema_problems

RETIRED_FILE = "_retired.yml"
RETIRED_FIELDS = ("slug", "reason", "retired")
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
RETIRED_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "slug": {"type": "string", "pattern": SLUG},
            "reason": {"type": "string", "minLength": 1, "pattern": r"\S"},
            "retired": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        },
        "required": ["slug", "reason", "retired"],
        "additionalProperties": False,
    },
}


@dataclass(frozen=True)
class Retired:
    slug: str
    reason: str
    retired: str  # YYYY-MM-DD
    line: int  # in the file, for messages


@dataclass(frozen=True)
class RetiredSlugs:
    """The retired slugs, as read from `path` (the path messages show)."""

    path: str = ""
    entries: tuple[Retired, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def by_slug(self) -> dict[str, Retired]:
        return {entry.slug: entry for entry in self.entries}

    def describe(self, slug: str) -> str:
        entry = self.by_slug[slug]
        return f"retired on {entry.retired} ({self.path}:{entry.line}: {entry.reason})"


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(RETIRED_SCHEMA)


def read_retired(path: Path, shown: str) -> RetiredSlugs:
    """The retired slugs of a cases folder (none where the file does not exist), with the
    problems of the file: each at its line, with the field and what was expected."""
    if not path.is_file():
        return RetiredSlugs(shown)
    try:
        document = read_yaml(path.read_bytes())
    except CaseFileError as exc:
        return RetiredSlugs(shown, (), (Problem(shown, exc.line, exc.field, exc.message),))
    data: Any = document.data
    if not isinstance(data, list):
        message = "expected a list of retired slugs, each '- slug: ...' with reason: and retired: YYYY-MM-DD"
        return RetiredSlugs(shown, (), (Problem(shown, 1, "file", message),))
    # Positions as 'entry[2].slug': counted from 1, as in every other message.
    problems = [
        replace(problem, field=f"entry{problem.field}")
        for problem in schema_problems(shown, data, document, _validator())  # type: ignore[arg-type]
    ]
    entries: list[Retired] = []
    seen: dict[str, int] = {}
    for position, item in enumerate(data):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in RETIRED_FIELDS):
            continue
        line = document.line_of((position,))
        date = item["retired"]
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            where = document.line_of((position, "retired"))
            message = f"'{date}' is not a real date"
            problems.append(Problem(shown, where, f"entry[{position + 1}].retired", message))
            continue
        slug = item["slug"]
        if slug in seen:
            message = f"'{slug}' is retired twice (first at line {seen[slug]}); keep one entry"
            where = document.line_of((position, "slug"))
            problems.append(Problem(shown, where, f"entry[{position + 1}].slug", message))
            continue
        if FILE_SLUG.fullmatch(slug):
            seen[slug] = line
            entries.append(Retired(slug, item["reason"].strip(), date, line))
    return RetiredSlugs(shown, tuple(entries), tuple(sorted(problems)))


def identity_problems(
    cases: Iterable[Case], retired: RetiredSlugs, other_slugs: Iterable[str] = ()
) -> Iterator[Problem]:
    """A case that takes a retired slug; a former slug that is the case's own, a live case's
    (`other_slugs`: those of files not read, for a check of some files), a retired one, or
    another case's former slug too."""
    cases = list(cases)
    live = {case.slug: case.path for case in cases}
    others = set(other_slugs) - live.keys()
    gone = retired.by_slug
    claimed: dict[str, str] = {}
    for case in cases:
        if case.slug in gone:
            yield Problem(
                case.path,
                1,
                "file name",
                f"'{case.slug}' is a retired slug, {retired.describe(case.slug)}: a retired address "
                "never returns; name the file differently",
            )
        for position, (former, line) in enumerate(zip(case.former_slugs, case.former_lines, strict=True)):
            field = f"former_slugs[{position + 1}]"
            if former == case.slug:
                message = "is this case's own slug: list only the slugs it had before"
            elif former in live or former in others:
                where = live.get(former, f"cases/{former}.md")
                message = f"'{former}' is the slug of {where}: a live case's address cannot send readers here"
            elif former in gone:
                message = f"'{former}' is {retired.describe(former)}; remove it from one of the two"
            elif former in claimed:
                message = (
                    f"'{former}' is a former slug of {claimed[former]} too: an address leads to one case"
                )
            else:
                claimed[former] = case.path
                continue
            yield Problem(case.path, line, field, message)
