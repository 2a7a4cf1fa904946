"""Checking a plain YAML file field by field, with the line of every value kept.

The questionnaire and the response files are read the same way: each check reports a
`Problem` (`path:line: field: message`, lists counted from 1) and returns the value when it
is usable, or None, so that one pass both validates a file and builds its model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..core.collection import shown_path  # the same relative paths as case messages
from ..core.problems import Problem, Severity, describe, did_you_mean
from ..core.validate import decode, read_yaml  # size, UTF-8 and NUL checks shared with case files
from ..core.yamlfile import Document, Path, dotted

__all__ = ["FieldChecker", "Path", "decode", "describe", "read_yaml", "shown_path"]

MAX_TEXT = 20_000  # characters in one free-text answer: a page of text, not a report
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class FieldChecker:
    """Collects the problems of one YAML document."""

    def __init__(self, path: str, document: Document) -> None:
        self.path = path
        self.document = document
        self.problems: list[Problem] = []

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def line(self, where: Path) -> int:
        line = self.document.line_of(where)
        # A missing top-level field has no line of its own: point at the first field.
        return line if line >= 1 else self.document.lines.get((), 1)

    def report(self, where: Path, message: str, severity: Severity = "error") -> None:
        field = dotted(where) if where else "file"
        self.problems.append(Problem(self.path, self.line(where), field, message, severity))

    def record(
        self, value: Any, where: Path, known: Sequence[str], required: Sequence[str] = (), example: str = ""
    ) -> dict[str, Any] | None:
        """A group of fields: unknown names and missing required ones are reported."""
        if not isinstance(value, dict):
            hint = f" such as {example}" if example else ""
            self.report(where, f"expected a group of fields{hint}, got {describe(value)}")
            return None
        for name in value:
            if name not in known:
                self.report(
                    where + (name,),
                    f"unknown field '{name}'{did_you_mean(name, known)}; expected one of: {', '.join(known)}",
                )
        for name in required:
            if name not in value:
                self.report(where + (name,) if where else (name,), f"missing required field '{name}'")
        return value

    def text(self, value: Any, where: Path, limit: int = MAX_TEXT) -> str | None:
        """Text as written: a number or true/false in a text field keeps its source text."""
        if isinstance(value, (int, float, bool)) and where in self.document.texts:
            value = self.document.texts[where]
        if not isinstance(value, str):
            self.report(where, "is empty" if value is None else f"expected text, got {describe(value)}")
            return None
        if not value.strip():
            self.report(where, "is blank")
            return None
        if len(value) > limit:
            self.report(where, f"is too long ({len(value)} characters; at most {limit})")
            return None
        return value.strip()

    def slug(self, value: Any, where: Path) -> str | None:
        text = self.text(value, where, limit=80)
        if text is not None and not KEBAB.fullmatch(text):
            self.report(where, f"'{text}' is not a slug: use lower-case letters, digits and hyphens")
            return None
        return text

    def choice(self, value: Any, where: Path, choices: Sequence[str], noun: str) -> str | None:
        """One term out of `choices`; a near miss gets a suggestion."""
        if isinstance(value, str) and value in choices:
            return value
        if isinstance(value, (list, dict)) or value is None:
            self.report(where, f"expected one {noun}, got {describe(value)}; one of: {', '.join(choices)}")
            return None
        shown = self.document.texts.get(where, str(value))
        self.report(
            where,
            f"unknown {noun} '{shown}'{did_you_mean(shown, choices)}; expected one of: {', '.join(choices)}",
        )
        return None

    def choices(
        self, value: Any, where: Path, choices: Sequence[str], noun: str, limit: int | None = None
    ) -> tuple[str, ...] | None:
        """A list of distinct terms out of `choices`."""
        if not isinstance(value, list):
            field = next((p for p in reversed(where) if isinstance(p, str)), "value")
            fix = (
                f": write {field}: [{value}]" if isinstance(value, (str, int, float)) and value != "" else ""
            )
            self.report(where, f"expected a list, got {describe(value)}{fix}")
            return None
        chosen = [self.choice(item, where + (i,), choices, noun) for i, item in enumerate(value)]
        for i, slug in enumerate(chosen):
            if slug is not None and slug in chosen[:i]:
                self.report(where + (i,), f"names '{slug}' twice; keep one")
        if limit is not None and len(value) > limit:
            self.report(where, f"choose at most {limit} (got {len(value)})")
        if None in chosen or len(set(chosen)) < len(chosen):
            return None
        return tuple(slug for slug in chosen if slug is not None)
