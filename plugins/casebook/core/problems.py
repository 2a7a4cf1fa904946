"""Problems found in contributor files, reported as `path:line: field: message`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return printable(f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """One line of visible text: control characters and line breaks written as escapes."""
    return _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], text)


class CaseFileError(Exception):
    """A file that cannot be read at all (no front matter, broken YAML)."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a near miss, or '' when nothing is close."""
    if not isinstance(value, str):
        return ""
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    key = value.strip().lower().replace("_", "-").replace(" ", "-")
    if key in lowered and lowered[key] != value:
        return f" (did you mean '{lowered[key]}'?)"
    match = get_close_matches(key, options, n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def describe(value: Any) -> str:
    """A value as a message shows it: 'x', a list, the number 3, nothing."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"'{value}'"


class ReportsProblems:
    """For anything with `problems`: its errors and its warnings."""

    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")
