"""Response files: one YAML file per responding office, checked against the questionnaire.

```yaml
office: Statistics Norway
country: NO                  # ISO 3166-1 alpha-2, as in cases
respondent_role: management  # management, administration or both
visibility: internal         # public, or internal: counted, never named or quoted in public
submitted: 2017-11-20
answers:                     # keyed by question id; leave out what was not answered
  importance: {policy-maker: high, co-creation: medium}
  most-challenging: [maintaining-momentum, public-private]
  management-lessons: Agree early who owns the data.
```
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from ..core.collection import folder_entries
from ..core.commands import casebook_command
from ..core.countries import country_problem
from ..core.files import read_contributed
from ..core.privacy import personal_data_problems
from ..core.problems import CaseFileError, Problem, did_you_mean
from ..core.validate import FILE_SLUG, slug_for
from ..core.words import N_
from .fields import FieldChecker, Path, describe, read_yaml
from .questionnaire import Question, Questionnaire

ROLE_LABELS = {
    "management": N_("Senior management level questions"),
    "administration": N_("Senior administration level questions"),
    "both": N_("Both parts of the questionnaire"),
}
ROLES = tuple(ROLE_LABELS)
VISIBILITIES = ("public", "internal")
FIELDS = (
    "office",
    "country",
    "respondent_role",
    "visibility",
    "submitted",
    "answers",
    "personal_data_reviewed",
)
REQUIRED = ("office", "country", "respondent_role", "visibility", "answers")
EXTENSION = ".yml"

# text; a tuple of chosen option slugs; or item slug -> level slug or text.
Answer = str | tuple[str, ...] | dict[str, str]


@dataclass(frozen=True)
class Response:
    slug: str
    path: str
    office: str
    country: str
    role: str
    visibility: str
    submitted: str | None
    answers: dict[str, Answer]  # question id -> answer, in questionnaire order; unanswered left out
    office_line: int = field(default=1, compare=False)  # for messages about the office

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"

    @property
    def office_key(self) -> str:
        """The office, however its name is spaced or capitalised: one office counts once."""
        return " ".join(self.office.casefold().split())


def is_blank(value: Any) -> bool:
    """An answer left empty: nothing, blank text, [] or {} (as in the blank template)."""
    return value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip())


def read_response(
    path: str, raw: bytes, questionnaire: Questionnaire
) -> tuple[Response | None, list[Problem]]:
    """Parse and check one response file; a Response is returned only when it has no error."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    slug = name[: -len(EXTENSION)] if name.endswith(EXTENSION) else name
    problems: list[Problem] = []
    if not FILE_SLUG.fullmatch(slug):
        fixed = slug_for(name) or "office-name"
        problems.append(
            Problem(
                path,
                1,
                "file name",
                f"'{name}' is not a valid response file name: use lower-case letters, digits "
                f"and hyphens (rename it to '{fixed}{EXTENSION}')",
            )
        )
    try:
        document = read_yaml(raw)
    except CaseFileError as exc:
        return None, [*problems, Problem(path, exc.line, exc.field, exc.message)]
    checker = _ResponseChecker(path, document, questionnaire)
    response = checker.response(slug, document.data)
    problems += checker.problems
    problems += personal_data_problems(path, document, "", 1)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return response, problems


class _ResponseChecker(FieldChecker):
    def __init__(self, path: str, document: Any, questionnaire: Questionnaire) -> None:
        super().__init__(path, document)
        self.questionnaire = questionnaire

    def response(self, slug: str, data: Any) -> Response | None:
        record = self.record(data, (), FIELDS, REQUIRED, example="'office: ...'")
        if record is None:
            return None
        office = self.text(record.get("office"), ("office",), limit=200) if "office" in record else None
        country = self.country(record.get("country")) if "country" in record else None
        # A missing field is reported once, as missing, not again as a wrong value.
        role = visibility = None
        if "respondent_role" in record:
            role = self.choice(record["respondent_role"], ("respondent_role",), ROLES, "role")
        if "visibility" in record:
            visibility = self.choice(record["visibility"], ("visibility",), VISIBILITIES, "visibility")
        submitted = None if is_blank(record.get("submitted")) else self.date(record["submitted"])
        reviewed = record.get("personal_data_reviewed", False)
        if not isinstance(reviewed, bool):
            self.report(("personal_data_reviewed",), "expected true or false")
        answers = self.answers(record.get("answers")) if "answers" in record else {}
        if self.has_errors:
            return None
        return Response(
            slug=slug,
            path=self.path,
            office=office or "",
            country=country or "",
            role=role or "",
            visibility=visibility or "",
            submitted=submitted,
            answers=answers,
            office_line=self.line(("office",)),
        )

    def country(self, value: Any) -> str | None:
        code = self.text(value, ("country",), limit=20)
        message = country_problem(code) if code else None
        if message:
            self.report(("country",), message)
            return None
        return code

    def date(self, value: Any) -> str | None:
        text = self.text(value, ("submitted",), limit=40)
        if text is None:
            return None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            self.report(
                ("submitted",), f"expected a date written YYYY-MM-DD, such as 2017-11-20, got '{text}'"
            )
            return None
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            self.report(("submitted",), f"'{text}' is not a real date")
            return None

    def answers(self, value: Any) -> dict[str, Answer]:
        questions = self.questionnaire.questions
        if not isinstance(value, dict):
            example = "'importance: {policy-maker: high}'"
            self.report(
                ("answers",),
                f"expected answers keyed by question id, such as {example}; got {describe(value)}",
            )
            return {}
        found: dict[str, Answer] = {}
        for question_id, answer in value.items():
            where = ("answers", question_id)
            if question_id not in questions:
                self.report(
                    where,
                    f"unknown question '{question_id}'{did_you_mean(question_id, list(questions))}; "
                    f"'{casebook_command('survey template')}' lists the questions by id",
                )
            elif not is_blank(answer) and (checked := self.answer(questions[question_id], answer, where)):
                found[question_id] = checked
        if not found and not self.has_errors:
            self.report(("answers",), "no question is answered")
        return {q: found[q] for q in questions if q in found}

    def answer(self, question: Question, value: Any, where: Path) -> Answer | None:
        if question.kind == "text":
            return self.text(value, where)
        if question.kind == "choices":
            slugs = [option.slug for option in question.options]
            return self.choices(value, where, slugs, question.option_noun, question.max_choices)
        return self.per_item(question, value, where)

    def per_item(self, question: Question, value: Any, where: Path) -> dict[str, str] | None:
        items = [item.slug for item in question.items]
        levels = [level.slug for level in question.options]
        example = f"{items[0]}: {levels[0] if levels else '...'}"
        if not isinstance(value, dict):
            each = "one level" if question.kind == "rating" else "text"
            self.report(
                where,
                f"expected {each} for each {question.item_noun}, such as '{example}'; got {describe(value)}",
            )
            return None
        answers: dict[str, str] = {}
        for item, answer in value.items():
            at = where + (item,)
            if item not in items:
                self.report(
                    at,
                    f"unknown {question.item_noun} '{item}'{did_you_mean(item, items)}; "
                    f"expected one of: {', '.join(items)}",
                )
            elif not is_blank(answer):
                checked = self.choice(answer, at, levels, "level") if levels else self.text(answer, at)
                if checked is not None:
                    answers[item] = checked
        return {item: answers[item] for item in items if item in answers} or None


def load_responses(
    folder: FilePath, base: FilePath, questionnaire: Questionnaire
) -> tuple[tuple[Response, ...], list[Problem]]:
    """Every response file in `folder`; a missing folder is no response yet, not a problem."""
    if not folder.is_dir():
        return (), []
    responses: list[Response] = []
    problems: list[Problem] = []
    for shown, entry in folder_entries(folder, base):
        if entry.is_dir():
            problems.append(
                Problem(shown, 1, "file", "a folder is not read: put response files directly here")
            )
            continue
        if not entry.name.endswith(EXTENSION):
            stem = entry.name.rsplit(".", 1)[0]
            hint = (
                f"; rename it to '{stem}{EXTENSION}'"
                if entry.name.lower().endswith((".yml", ".yaml"))
                else ""
            )
            problems.append(
                Problem(
                    shown, 1, "file", f"not a response file: responses are YAML files ending in .yml{hint}"
                )
            )
            continue
        try:
            raw = read_contributed(FilePath(entry.path))
        except CaseFileError as exc:
            problems.append(Problem(shown, exc.line, exc.field, exc.message))
            continue
        response, found = read_response(shown, raw, questionnaire)
        problems += found
        if response is not None:
            clash = overlap(response, responses)
            if clash:
                message = overlap_message(response, *clash)
                problems.append(Problem(response.path, response.office_line, "office", message))
            else:
                responses.append(response)
    return tuple(responses), problems


def overlap(response: Response, others: list[Response]) -> tuple[Response, tuple[str, ...]] | None:
    """An earlier response of the same office answering some of the same questions, if any.

    One office may send its two parts as two files, but a question it answers twice would be
    counted twice.
    """
    for other in others:
        if other.office_key == response.office_key:
            shared = tuple(q for q in response.answers if q in other.answers)
            if shared:
                return other, shared
    return None


def overlap_message(response: Response, other: Response, shared: tuple[str, ...]) -> str:
    return (
        f"'{response.office}' also answers {', '.join(shared)} in {other.path}; an office counts "
        "once: merge the two responses"
    )
