"""`casebook survey ...`: check the responses, import a CSV export, print a blank response.

casebook survey check                 every problem in the questionnaire and the responses
casebook survey import FILE.csv       one response file per row of an online survey's export
casebook survey template [--csv]      a blank response file to fill in (or the CSV header)

Problems are printed one a line on standard output (`path:line: field: message`), the
summary on standard error; the exit code is 1 when there is an error.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path
from typing import Any

from ..core.commands import casebook_command
from ..core.vocabulary import load_vocabulary
from ..core.words import counted
from .fields import shown_path
from .importer import DEFAULT_VISIBILITY, columns, import_csv
from .loading import QUESTIONNAIRE_FILE, RESPONSES_DIR, Survey, load_survey
from .response_file import blank_response

BASE = Path(".")  # messages name files as the user would type them, from where they run it


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "survey",
        help="the questionnaire and its responses: check, import, template",
        description="Check, import and start survey responses (survey/responses/*.yml).",
    )
    commands = parser.add_subparsers(dest="survey_command", required=True, metavar="SURVEY_COMMAND")
    check = commands.add_parser("check", help="check the questionnaire and every response file")
    importer = commands.add_parser(
        "import", help="write one response file per row of a CSV export (one column per question id)"
    )
    importer.add_argument("csv", metavar="FILE.csv", help="the export: a header row of question ids")
    importer.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    importer.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="COLUMN",
        help="a column to leave out, such as a survey tool's respondent number (repeat for more)",
    )
    template = commands.add_parser("template", help="print a blank response file to fill in")
    template.add_argument(
        "--csv", action="store_true", help="print the CSV header the import expects instead"
    )
    for sub in (check, importer, template):
        sub.add_argument("--survey-dir", default="survey", help="the survey folder (default: survey)")


def run(args: argparse.Namespace) -> int:
    survey_dir = Path(args.survey_dir)
    survey = load_survey(survey_dir, BASE, load_vocabulary())
    if survey.questionnaire is None and not survey.problems:
        where = shown_path(survey_dir / QUESTIONNAIRE_FILE, BASE)
        print(f"casebook survey: {where} does not exist", file=sys.stderr)
        return 1
    if args.survey_command == "template":
        if survey.questionnaire is None:
            return _check(survey)
        if args.csv:
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerow(columns(survey.questionnaire))
            sys.stdout.write(out.getvalue())
        else:
            sys.stdout.write(blank_response(survey.questionnaire))
        return 0
    if args.survey_command == "import":
        return _import(args, survey, survey_dir)
    return _check(survey)


def _check(survey: Survey) -> int:
    for problem in survey.problems:
        print(problem)
    errors = sum(p.severity == "error" for p in survey.problems)
    warnings = len(survey.problems) - errors
    internal = sum(not r.is_public for r in survey.responses)
    summary = f"{counted(len(survey.responses), 'response')} valid ({internal} internal)"
    if errors or warnings:
        summary += f"; {counted(errors, 'error')}, {counted(warnings, 'warning')}"
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def _import(args: argparse.Namespace, survey: Survey, survey_dir: Path) -> int:
    if survey.questionnaire is None:  # the questionnaire has errors: nothing can be checked
        return _check(survey)
    if any(p.severity == "error" for p in survey.problems):
        print(
            "casebook survey import: some response files already have problems; "
            f"'{casebook_command('survey check')}' lists them",
            file=sys.stderr,
        )
    source = Path(args.csv)
    report = import_csv(
        source,
        shown_path(source, BASE),
        survey_dir / RESPONSES_DIR,
        survey,
        BASE,
        ignore=args.ignore,
        dry_run=args.dry_run,
    )
    for problem in report.problems:
        print(problem)
    verb = "would write" if args.dry_run else "wrote"
    for path in report.written:
        print(f"{verb} {path}", file=sys.stderr)
    summary = f"{verb} {counted(len(report.written), 'response file')}"
    if report.unchanged:
        summary += f", {len(report.unchanged)} unchanged (imported before)"
    if report.failed_rows:
        summary += f"; {counted(report.failed_rows, 'row')} not imported"
    print(summary, file=sys.stderr)
    if report.defaulted_visibility:
        print(
            f"{counted(report.defaulted_visibility, 'response')} had no visibility and "
            f"{'was' if report.defaulted_visibility == 1 else 'were'} written as '{DEFAULT_VISIBILITY}': "
            "set 'visibility: public' in the files of offices that agreed to publication",
            file=sys.stderr,
        )
    return 1 if report.failed else 0
