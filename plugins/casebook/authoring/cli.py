"""The `casebook` command: the same core the site build uses, for contributors and curators.

casebook check [PATHS]          every problem in every case and event file, as path:line: field: message
casebook new SLUG --title ...   a new case file from the template, ready to fill in
casebook from-issue FILE        a case file from a GitHub issue form's body
casebook issue-form [--language fr]   the issue form, generated from the vocabulary
casebook render DIR             a site source plain MkDocs or Zensical builds, without the plugin
casebook survey check|import|template   survey responses (see casebook/survey/command.py)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from anyascii import anyascii

from .. import survey
from ..assembly.content import load_content
from ..assembly.options import CasebookOptions, OptionsError
from ..assembly.publication import can_write_pdf, guidelines_pdf
from ..assembly.site import build_site, settings_from_config
from ..assembly.siteconfig import read_site_config
from ..assembly.source import RenderError, Written, render_source
from ..core.collection import load_paths
from ..core.countries import country_problem
from ..core.events import Events, file_slugs, lesson_event_problems, read_event_file
from ..core.guidelines import Guidelines
from ..core.languages import DEFAULT, LANGUAGES
from ..core.sourcecheck import build_date
from ..core.validate import FILE_SLUG, read_case, slug_for
from ..core.vocabulary import Vocabulary, load_vocabulary
from ..core.words import counted
from ..speed.reading import in_two_processes
from .casefile import (
    CaseSpec,
    render_case_file,
    render_issue_form,
    resolve_term,
)
from .issue import IssueReader

SCHEMA_PATH = "/schema/case.schema.json"


class UsageProblem(Exception):
    """Wrong input on the command line: reported as 'casebook: message', exit 1."""


def check(paths: list[str], root: Path, options: CasebookOptions, docs: Path | None = None) -> int:
    """Report every problem in every content file, read as the build reads them (cases, the
    survey, events, guidelines), or in the files given; exit 1 on any error."""
    vocabulary = load_vocabulary()
    today = build_date()
    cases_dir, events_dir = options.folder(root, "cases"), options.folder(root, "events")
    guidelines = Guidelines(None, None, ())
    if paths:
        event_paths = [Path(p) for p in paths if Path(p).resolve().parent == events_dir]
        case_paths = [Path(p) for p in paths if Path(p) not in event_paths]
        collection = load_paths(case_paths, vocabulary, today=today, read_all=in_two_processes)
        case_slugs = file_slugs(cases_dir) | {case.slug for case in collection.cases}
        read = [read_event_file(p, p.as_posix(), vocabulary, case_slugs) for p in event_paths]
        events = Events(tuple(e for e, _ in read if e), tuple(sorted(x for _, found in read for x in found)))
        event_slugs = file_slugs(events_dir) | {event.slug for event in events.events}
        lesson_problems = tuple(lesson_event_problems(collection.cases, event_slugs))
        problems = sorted(collection.problems + events.problems + lesson_problems)
        responses = 0
    else:
        content = load_content(root, options, vocabulary, read_all=in_two_processes, today=today, docs=docs)
        collection, events, guidelines = content.collection, content.events, content.guidelines
        problems = list(content.problems)
        event_paths = []
        responses = len(content.survey.responses)
    for problem in problems:
        print(problem)
    for skipped in collection.skipped if paths else ():
        print(
            f"{skipped}: skipped: templates (_*.md), README.md and hidden files are not cases",
            file=sys.stderr,
        )
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    summary = f"{counted(len(collection.cases), 'case')} valid"
    if events.events or event_paths:
        summary += f", {counted(len(events.events), 'event')} valid"
    if guidelines.chapters:
        summary += f", {counted(len(guidelines.recommendations), 'recommendation')} valid"
    if responses:
        summary += f", {counted(responses, 'survey response')} valid"
    if errors or warnings:
        summary += f"; {counted(errors, 'error')}, {counted(warnings, 'warning')}"
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def options_of(config_file: Path, **overrides: str | None) -> tuple[Path, CasebookOptions]:
    """The project folder and the plugin's options from mkdocs.yml (a folder given on the
    command line takes the place of the one it names)."""
    config = read_site_config(config_file)
    try:
        options = config.casebook_options()
    except OptionsError as error:
        raise UsageProblem(f"{config_file}: the casebook plugin's options: {error}") from None
    given = {name: value for name, value in overrides.items() if value is not None}
    return config.root, replace(options, **given)


def site_url(config_file: Path) -> str:
    """`site_url` from mkdocs.yml, without its final slash; '' when it is not set."""
    return read_site_config(config_file).site_url


def schema_url(config_file: Path) -> str:
    """The published schema's address (site-relative when mkdocs.yml names no site_url)."""
    return site_url(config_file) + SCHEMA_PATH


def _terms(values: list[str], vocabulary: Vocabulary, group: str, option: str) -> tuple[list[str], list[str]]:
    slugs, problems = [], []
    for value in (v.strip() for raw in values for v in raw.split(",")):
        if not value:
            continue
        slug, problem = resolve_term(value, vocabulary[group])
        if problem:
            problems.append(f"{option}: {problem}")
        elif slug not in slugs:
            slugs.append(slug)
    return slugs, problems


def _ask_missing(args: argparse.Namespace, ask: Callable[[str], str]) -> None:
    """In a terminal, ask for what the command line left out."""
    questions = {
        "title": "Title of the case: ",
        "organisation": "Organisation (the statistical office): ",
        "country": "Country code (NO, GB; EU or INT): ",
        "type": "Partnership types, separated by commas: ",
        "challenge": "Challenge areas, separated by commas: ",
    }
    for name, question in questions.items():
        if not getattr(args, name):
            answer = ask(question).strip()
            setattr(args, name, [answer] if name in ("type", "challenge") else answer)


def new(args: argparse.Namespace, ask: Callable[[str], str] | None = None) -> int:
    vocabulary = load_vocabulary()
    if ask is None and sys.stdin.isatty():
        ask = input
    if ask is not None:
        _ask_missing(args, ask)
    problems = []
    if not FILE_SLUG.fullmatch(args.slug):
        problems.append(f"SLUG: {_slug_problem(args.slug)}")
    missing = [
        f"--{n}" for n in ("title", "organisation", "country", "type", "challenge") if not getattr(args, n)
    ]
    if missing:
        problems.append(f"missing {', '.join(missing)} (run it in a terminal to be asked for them)")
    if args.country and (message := country_problem(args.country)):
        problems.append(f"--country: {message}")
    types, type_problems = _terms(args.type or [], vocabulary, "partnership_types", "--type")
    challenges, challenge_problems = _terms(args.challenge or [], vocabulary, "challenges", "--challenge")
    problems += type_problems + challenge_problems
    # How access was obtained: optional (a namespace made by hand may not have them).
    access_basis, compensation = getattr(args, "access_basis", None), getattr(args, "compensation", None)
    access, access_problems = _terms([access_basis or ""], vocabulary, "access_basis", "--access-basis")
    paid, paid_problems = _terms([compensation or ""], vocabulary, "compensation", "--compensation")
    safeguards, safeguard_problems = _terms(
        getattr(args, "safeguard", None) or [], vocabulary, "safeguards", "--safeguard"
    )
    problems += access_problems + paid_problems + safeguard_problems
    target = Path(args.cases_dir) / f"{args.slug}.md"
    if target.exists():
        problems.append(f"{target} already exists: choose another slug, or edit that file")
    if problems:
        raise UsageProblem("\n".join(problems))
    spec = CaseSpec(
        title=args.title,
        organisation=args.organisation,
        country=args.country,
        partnership_types=types,
        challenges=challenges,
        last_reviewed=dt.date.today().isoformat(),
        access_basis=access[0] if access else None,
        compensation=paid[0] if paid else None,
        safeguards=safeguards,
    )
    return _write(target, spec, Path(args.config))


def _write(target: Path, spec: CaseSpec, config: Path) -> int:
    """Write the case file, unless it would not pass `casebook check`: then nothing is written
    and the problems are printed."""
    text = render_case_file(spec, schema_url(config))
    _, problems = read_case(str(target), text.encode("utf-8"), load_vocabulary())
    for problem in problems:
        print(problem)
    if any(p.severity == "error" for p in problems):
        raise UsageProblem(
            f"nothing written: {target} would not pass casebook check (the problems are above)"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {target}. Fill in the text marked 'Replace', then run: casebook check {target}")
    return 0


def from_issue(args: argparse.Namespace) -> int:
    source = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    reader = IssueReader.of(args.file, source, load_vocabulary())
    spec = reader.case(dt.date.today())
    slug = args.slug or _slug_from_title(spec.title)
    if args.slug is not None and not FILE_SLUG.fullmatch(args.slug):
        reader.problems.append(f"--slug: {_slug_problem(args.slug)}")
    target = Path(args.cases_dir) / f"{slug}.md"
    if target.exists():
        reader.problems.append(f"{target} already exists: give another name with --slug")
    if reader.problems:
        raise UsageProblem("\n".join(reader.problems))
    return _write(target, spec, Path(args.config))


def _slug_problem(slug: str) -> str:
    return (
        f"{slug!r} is not a valid slug: use lower-case letters, digits and hyphens, "
        f"such as '{slug_for(slug + '.md') or 'my-case'}'"
    )


def _slug_from_title(title: str, limit: int = 60) -> str:
    """A file name from a title in any language: accents and Cyrillic written in Latin letters
    ('Données mobiles' -> 'donnees-mobiles', 'Мобильные данные' -> 'mobil-nye-dannye')."""
    slug = slug_for(anyascii(title) + ".md")
    while len(slug) > limit and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug or "new-case"


def pdf(args: argparse.Namespace) -> int:
    """The guidelines publication as a tagged PDF, with WeasyPrint (assembly/publication.py)."""
    if not can_write_pdf():
        raise UsageProblem(
            "needs WeasyPrint and Debian's Pango: run scripts/setup test, or pip install 'casebook[pdf]'"
        )
    config = read_site_config(Path(args.config))
    _, options = options_of(Path(args.config), cases_dir=args.cases_dir)
    site = build_site(replace(settings_from_config(config), casebook=replace(options, parallel=False)))
    for problem in site.errors:
        print(problem)
    if site.errors:
        raise UsageProblem("fix the problems above first: an invalid case is never published")
    renderer = site.renderers.get(args.language or site.renderer.language)
    if site.later is not None:
        site.later.close()
    if renderer is None or not renderer.has_guidelines:
        known = ", ".join(code for code, r in site.renderers.items() if r.has_guidelines)
        raise UsageProblem(
            f"no guidelines in '{args.language}': the site has them in {known or 'no language'}"
        )
    docs = config.root / config.docs_dir
    Path(args.output).write_bytes(guidelines_pdf(renderer, config.site_url, docs))
    guidelines = renderer.guidelines
    recommendations = counted(len(guidelines.recommendations), "recommendation")
    lessons, cases = counted(len(site.index.lessons), "lesson"), counted(len(site.index.cases), "case")
    print(f"Wrote {args.output}: {recommendations}, and {lessons} from {cases} in the annex")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casebook", description="Check and create Casebook case studies.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check_parser = commands.add_parser(
        "check", help="check case files: one line per problem, as path:line: field: message"
    )
    check_parser.add_argument("paths", nargs="*", help="files to check (default: every file in cases/)")
    check_parser.add_argument("--cases-dir", help="the cases folder (default: mkdocs.yml's, or cases)")
    check_parser.add_argument("--events-dir", help="the events folder (default: mkdocs.yml's, or events)")
    check_parser.add_argument(
        "--guidelines-dir", help="the guidelines' text (default: mkdocs.yml's, or guidelines)"
    )
    check_parser.add_argument(
        "--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: mkdocs.yml)"
    )

    new_parser = commands.add_parser("new", help="write a new case file from the template")
    new_parser.add_argument("slug", help="the file name without .md: lower-case letters, digits, hyphens")
    new_parser.add_argument("--title")
    new_parser.add_argument("--organisation")
    new_parser.add_argument("--country", help="ISO 3166-1 alpha-2 code (NO, GB); EU or INT")
    new_parser.add_argument("--type", action="append", help="a partnership type (repeat for more)")
    new_parser.add_argument("--challenge", action="append", help="a challenge area (repeat for more)")
    new_parser.add_argument("--access-basis", help="how access was obtained, such as voluntary or contract")
    new_parser.add_argument("--compensation", help="what the office paid, such as none or market-price")
    new_parser.add_argument("--safeguard", action="append", help="a safeguard (repeat for more)")

    issue_parser = commands.add_parser("from-issue", help="write a case file from a case study issue's body")
    issue_parser.add_argument("file", help="the issue body as Markdown ('-' reads standard input)")
    issue_parser.add_argument("--slug", help="the file name without .md (default: from the title)")

    for sub in (new_parser, issue_parser):
        sub.add_argument("--cases-dir", default="cases", help="the cases folder (default: cases)")
        sub.add_argument("--config", default="mkdocs.yml", help="mkdocs.yml, for the schema's address")

    form_parser = commands.add_parser(
        "issue-form", help="print the GitHub issue form, generated from the vocabulary"
    )
    form_parser.add_argument(
        "--language", choices=LANGUAGES, default=DEFAULT, help="the form's language (default: en)"
    )

    pdf_parser = commands.add_parser("pdf", help="write the guidelines and good practice as a PDF")
    pdf_parser.add_argument("--output", "-o", default="guidelines.pdf", help="default: guidelines.pdf")
    pdf_parser.add_argument("--cases-dir", help="the cases folder (default: mkdocs.yml's, or cases)")
    pdf_parser.add_argument("--config", default="mkdocs.yml", help="mkdocs.yml, for the site's address")
    pdf_parser.add_argument(
        "--language", help="the guidelines in one of the site's languages (default: its first, in mkdocs.yml)"
    )
    render_parser = commands.add_parser(
        "render", help="write a site source that plain MkDocs or Zensical builds, without this plugin"
    )
    render_parser.add_argument(
        "directory", help="where to write it: a new or empty folder, or one it wrote before (replaced)"
    )
    render_parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    survey.register(commands)
    return parser


def render(args: argparse.Namespace) -> int:
    """A site source any MkDocs-compatible generator builds, without the plugin (assembly/source.py)."""
    out = Path(args.directory)
    try:
        result = render_source(Path(args.config), out, warn=lambda message: print(message, file=sys.stderr))
    except RenderError as error:
        raise UsageProblem(str(error)) from None
    if isinstance(result, Written):
        print(
            f"casebook render: {counted(result.pages, 'page')} and {counted(result.files, 'data file')} "
            f"written to {out}/; build them with `mkdocs build -f {out}/mkdocs.yml` "
            f"or `zensical build -f {out}/mkdocs.yml`",
            file=sys.stderr,
        )
        return 0
    for problem in result.problems:
        print(problem)
    raise UsageProblem(
        f"{counted(len(result.errors), 'problem')} in the cases (listed above); nothing written"
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            root, options = options_of(
                Path(args.config),
                cases_dir=args.cases_dir,
                events_dir=args.events_dir,
                guidelines_dir=args.guidelines_dir,
            )
            docs = root / read_site_config(Path(args.config)).docs_dir
            return check(args.paths, root, options, docs)
        if args.command == "new":
            return new(args)
        if args.command == "from-issue":
            return from_issue(args)
        if args.command == "pdf":
            return pdf(args)
        if args.command == "render":
            return render(args)
        if args.command == "survey":
            return survey.run(args)
        sys.stdout.write(render_issue_form(load_vocabulary(args.language)))
        return 0
    except UsageProblem as problem:
        for line in str(problem).splitlines():
            print(f"casebook {args.command}: {line}", file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError) as error:
        print(f"casebook {args.command}: {error}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print(file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
