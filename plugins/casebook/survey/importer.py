"""`casebook survey import FILE.csv`: an online survey tool's export into response files.

The CSV has a header row, then one row per response. Columns (any order):

- `office`, `country` (required); `respondent_role`, `visibility`, `submitted` (optional:
  the role is inferred from the parts answered; a response without visibility is imported
  as `internal`, so that nothing is published that an office did not agree to); `file`
  (optional: the response file's name, else made from the office's name);
- one column per question, named by its id (`most-challenging`), and for questions asked
  per item one column per item (`importance.co-creation`); `casebook survey template
  --csv` prints the whole header. Several options in a cell are separated by ';'. Options
  and levels may be given by their slug or by their label, in any case.

Each row is checked as a response file would be; a row with an error is reported as
`FILE.csv:ROW: column: message` (ROW is the line where the row starts) and not written. An
existing file is never overwritten: importing the same row again leaves it unchanged.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.commands import casebook_command
from ..core.problems import CaseFileError, Problem, did_you_mean
from ..core.validate import slug_for
from .fields import decode, shown_path
from .loading import Survey
from .questionnaire import Option, Question, Questionnaire
from .response_file import response_yaml
from .responses import EXTENSION, Response, overlap, read_response

META = ("office", "country", "respondent_role", "visibility", "submitted")
FILE_COLUMN = "file"
SEPARATOR = ";"
DEFAULT_VISIBILITY = "internal"
DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]")  # survey tools export a time with the date


@dataclass
class ImportReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # path = the CSV; field = its column
    failed_rows: int = 0
    defaulted_visibility: int = 0

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def columns(questionnaire: Questionnaire) -> list[str]:
    """Every column the importer reads, in questionnaire order."""
    names = list(META)
    for question in questionnaire.questions.values():
        if question.per_item:
            names += [f"{question.id}.{item.slug}" for item in question.items]
        else:
            names.append(question.id)
    return names


def import_csv(
    source: Path,
    shown: str,
    responses_dir: Path,
    survey: Survey,
    base: Path,
    ignore: Sequence[str] = (),
    dry_run: bool = False,
) -> ImportReport:
    """Read `source` (named `shown` in messages) into files in `responses_dir`."""
    assert survey.questionnaire is not None
    report = ImportReport()
    try:
        text = decode(source.read_bytes())
    except OSError as exc:
        report.problems.append(Problem(shown, 1, "file", f"cannot be read: {exc.strerror}"))
        return report
    except CaseFileError as exc:
        report.problems.append(Problem(shown, exc.line, exc.field, exc.message))
        return report
    rows = _rows(text.removeprefix("\ufeff"))
    if not rows:
        report.problems.append(Problem(shown, 1, "file", "is empty: expected a header row of question ids"))
        return report
    header = [name.strip() for name in rows[0][1]]
    report.problems += _header_problems(header, shown, survey.questionnaire, ignore)
    if report.failed:
        return report
    rows_importer = _RowImporter(shown, header, responses_dir, base, survey)
    for line, cells in rows[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        problems, imported = rows_importer.row(line, cells)
        report.problems += problems
        if imported is None:
            report.failed_rows += 1
        elif imported.unchanged:
            report.unchanged.append(imported.shown)
        else:
            if not dry_run:
                imported.path.parent.mkdir(parents=True, exist_ok=True)
                imported.path.write_text(imported.content, encoding="utf-8")
            report.written.append(imported.shown)
            report.defaulted_visibility += imported.defaulted_visibility
    return report


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """(line where the row starts, cells); the delimiter is the header's (',', ';' or tab)."""
    lines = text.splitlines(keepends=True)
    if not lines:
        return []
    delimiter = max((",", ";", "\t"), key=lines[0].count)
    reader = csv.reader(lines, delimiter=delimiter)
    rows = []
    start = 1
    for cells in reader:
        rows.append((start, cells))
        start = reader.line_num + 1
    return rows


def _header_problems(
    header: list[str], shown: str, questionnaire: Questionnaire, ignore: Sequence[str]
) -> list[Problem]:
    known = [*columns(questionnaire), FILE_COLUMN]
    problems = []
    for i, name in enumerate(header):
        if name in ignore:
            continue
        if name not in known:
            problems.append(
                Problem(
                    shown,
                    1,
                    name or f"column {i + 1}",
                    f"unknown column '{name}'{did_you_mean(name, known)}: name columns by question id "
                    f"('{casebook_command('survey template --csv')}' prints them), "
                    "or leave it out with --ignore",
                )
            )
        elif name in header[:i]:
            problems.append(Problem(shown, 1, name, "is given twice; keep one column"))
    problems += [
        Problem(shown, 1, name, f"missing column '{name}'")
        for name in ("office", "country")
        if name not in header
    ]
    return problems


@dataclass(frozen=True)
class _Imported:
    path: Path
    shown: str
    content: str
    unchanged: bool  # the same file is there already: the row was imported before
    defaulted_visibility: bool


class _RowImporter:
    """Checks rows one by one against the questionnaire, the folder and the rows before them."""

    def __init__(
        self, shown: str, header: list[str], responses_dir: Path, base: Path, survey: Survey
    ) -> None:
        assert survey.questionnaire is not None
        self.shown = shown
        self.header = header
        self.responses_dir = responses_dir
        self.base = base
        self.questionnaire = survey.questionnaire
        self.known = {*columns(survey.questionnaire), FILE_COLUMN}
        self.accepted: list[Response] = list(survey.responses)  # for offices answering twice
        self.targets: set[Path] = set()

    def row(self, line: int, cells: list[str]) -> tuple[list[Problem], _Imported | None]:
        if len(cells) != len(self.header):
            message = f"has {len(cells)} cells; the header has {len(self.header)} (a missing quote?)"
            return [Problem(self.shown, line, "row", message)], None
        values = {name: cell for name, cell in zip(self.header, cells, strict=True) if name in self.known}
        fields, defaulted = _fields(values, self.questionnaire)
        name = slug_for((values.get(FILE_COLUMN) or values.get("office") or "") + EXTENSION) or f"row-{line}"
        path = self.responses_dir / f"{name}{EXTENSION}"
        target = shown_path(path, self.base)
        content = response_yaml(fields, f"Imported from {self.shown.rsplit('/', 1)[-1]}, row {line}.")
        response, found = read_response(target, content.encode("utf-8"), self.questionnaire)
        problems = [Problem(self.shown, line, _column(p.field), p.message, p.severity) for p in found]
        if response is None:
            return problems, None
        unchanged = path.exists() and path.read_text(encoding="utf-8") == content
        if path in self.targets or (path.exists() and not unchanged):
            message = (
                f"{target} already exists with other answers: remove it to import this row again, "
                "or name this row's file in a 'file' column"
            )
            return [*problems, Problem(self.shown, line, FILE_COLUMN, message)], None
        clash = overlap(response, [r for r in self.accepted if r.path != target])
        if clash:
            other, shared = clash
            message = (
                f"'{response.office}' also answers {', '.join(shared)} in {other.path}; an office counts once"
            )
            return [*problems, Problem(self.shown, line, "office", message)], None
        self.accepted.append(response)
        self.targets.add(path)
        return problems, _Imported(path, target, content, unchanged, defaulted)


def _fields(values: dict[str, str], questionnaire: Questionnaire) -> tuple[dict[str, Any], bool]:
    """A response file's fields from a row's cells; blank cells are left out."""
    answers: dict[str, Any] = {}
    for question in questionnaire.questions.values():
        if question.per_item:
            per_item = {
                item.slug: _cell(question, values[key])
                for item in question.items
                if (key := f"{question.id}.{item.slug}") in values and values[key].strip()
            }
            if per_item:
                answers[question.id] = per_item
        elif values.get(question.id, "").strip():
            answers[question.id] = _cell(question, values[question.id])
    fields: dict[str, Any] = {name: values[name].strip() for name in META if values.get(name, "").strip()}
    if "country" in fields:
        fields["country"] = fields["country"].upper()
    if "submitted" in fields and (match := DATE_TIME.match(fields["submitted"])):
        fields["submitted"] = match.group(1)
    for name in ("respondent_role", "visibility"):
        if name in fields:
            fields[name] = fields[name].lower()
    fields.setdefault("respondent_role", _role(questionnaire, answers))
    defaulted = "visibility" not in fields
    fields.setdefault("visibility", DEFAULT_VISIBILITY)
    fields["answers"] = answers
    return {name: fields[name] for name in (*META, "answers") if name in fields}, defaulted


def _cell(question: Question, cell: str) -> Any:
    if question.kind == "choices":
        return [_resolve(v, question.options) for v in cell.split(SEPARATOR) if v.strip()]
    if question.kind == "rating":
        return _resolve(cell, question.options)
    return cell.strip()


def _resolve(value: str, options: Sequence[Option]) -> str:
    """The slug of an option given by its slug, label or wording, in any case; else as written
    (the check then reports it, with a suggestion)."""
    key = " ".join(value.split()).casefold()
    for option in options:
        if key in (option.slug, option.label.casefold(), " ".join(option.text.split()).casefold()):
            return option.slug
    return value.strip()


def _role(questionnaire: Questionnaire, answers: dict[str, Any]) -> str:
    """The respondent's role from the parts answered (the roles are named after the parts)."""
    parts = {questionnaire.part_of(q).id for q in answers} & {"management", "administration"}
    return parts.pop() if len(parts) == 1 else "both"


def _column(field_name: str) -> str:
    """The CSV column of a response file's field: 'answers.importance.co-creation' ->
    'importance.co-creation', 'answers.most-challenging[2]' -> 'most-challenging'."""
    if field_name == "file name":
        return FILE_COLUMN
    column = re.sub(r"\[\d+\]$", "", field_name.removeprefix("answers."))
    return "row" if column in ("answers", "file") else column
