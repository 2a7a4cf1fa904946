"""The `casebook` command: the same core the site build uses, for contributors and curators.

casebook check [PATHS]          every problem in every case and event file, as path:line: field: message
casebook new SLUG --title ...   a new case file from the template, ready to fill in
casebook from-issue FILE        a case file from a GitHub issue form's body
casebook issue-form [--language fr]   the issue form, generated from the vocabulary
casebook render DIR             a site source plain MkDocs or Zensical builds, without the plugin
casebook survey check|import|template   survey responses (see casebook/survey/command.py)

A command imports what only it uses (the page renderer, the PDF writer, the prompts) when it
runs, so that `casebook check`, run on every save by editors and in every pull request, starts
without them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import survey
from ..assembly.content import cited_lessons, load_content
from ..assembly.options import CasebookOptions, OptionsError
from ..assembly.siteconfig import read_site_config
from ..core.citedlessons import RECORD_FILE, record_text
from ..core.collection import load_paths, shown_path
from ..core.commands import casebook_command
from ..core.countries import resolve_country
from ..core.events import (
    Events,
    file_slugs,
    lesson_event_problems,
    read_event_file,
    reading_list_problems,
)
from ..core.guidelines import Guidelines
from ..core.identity import RETIRED_FILE, read_retired
from ..core.languages import DEFAULT, LANGUAGES
from ..core.schema import schema_json
from ..core.sourcecheck import build_date
from ..core.validate import FILE_SLUG, read_case, slug_for
from ..core.vocabulary import Vocabulary, load_vocabulary
from ..core.words import counted
from ..speed.reading import in_two_processes
from .casefile import (
    CaseSpec,
    in_language,
    render_case_file,
    render_issue_form,
    resolve_term,
)
from .casefile import schema_reference as schema_at
from .issue import IssueReader
from .naming import suggest_slug

if TYPE_CHECKING:
    from .questions import Answers

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
        retired = read_retired(cases_dir / RETIRED_FILE, shown_path(cases_dir / RETIRED_FILE, Path.cwd()))
        collection = load_paths(
            case_paths, vocabulary, today=today, read_all=in_two_processes, retired=retired,
            other_slugs=frozenset(file_slugs(cases_dir)),
        )  # fmt: skip
        case_slugs = file_slugs(cases_dir) | {case.slug for case in collection.cases}
        read = [read_event_file(p, p.as_posix(), vocabulary, case_slugs) for p in event_paths]
        events = Events(tuple(e for e, _ in read if e), tuple(sorted(x for _, found in read for x in found)))
        event_slugs = file_slugs(events_dir) | {event.slug for event in events.events}
        collection_slugs = file_slugs(options.folder(root, "collections"))
        links = tuple(lesson_event_problems(collection.cases, event_slugs)) + tuple(
            reading_list_problems(events.events, collection_slugs)
        )
        problems = sorted(collection.problems + events.problems + links)
        responses = 0
    else:
        content = load_content(root, options, vocabulary, read_all=in_two_processes, today=today, docs=docs)
        collection, events, guidelines = content.collection, content.events, content.guidelines
        problems = list(content.problems)
        event_paths = []
        responses = len(content.survey.responses)
    for problem in problems:
        print(problem)
    sys.stdout.flush()  # the problems before the summary, where both go to one terminal or file
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


def record_citations(root: Path, options: CasebookOptions) -> None:
    """Write the record of the lessons the guidelines and the collections cite, in the cases
    folder (core/citedlessons.py)."""
    content = load_content(root, options, load_vocabulary())
    target = options.folder(root, "cases") / RECORD_FILE
    cases = {case.slug: case for case in content.collection.cases}
    cited = cited_lessons(content.guidelines, content.collections, cases)
    target.write_text(record_text(cited), encoding="utf-8")
    print(f"Wrote {shown_path(target, Path.cwd())}", file=sys.stderr)


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


def schema_reference(target: Path, root: Path) -> str:
    """A new case file's schema line: the checkout's schema file, else the published one."""
    return schema_at(target, root, schema_url(root / "mkdocs.yml"))


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


def new(args: argparse.Namespace, io: dict[str, Any] | None = None) -> int:
    """A new case file. In a terminal (or with a test's `io`), whatever the flags leave out is
    asked one question at a time (questions.py); elsewhere the flags must say it all, and
    each problem names its flag."""
    from .questions import Answers

    vocabulary = load_vocabulary()
    root, options = options_of(Path(args.config), cases_dir=args.cases_dir)
    cases_dir = options.folder(root, "cases")
    if io is not None or (sys.stdin.isatty() and sys.stdout.isatty()):
        return _new_asked(args, vocabulary, cases_dir, options.languages, io)
    problems = []
    if args.slug is None:
        problems.append("give the file name (SLUG), such as ssb-payment-receipt-data")
    elif not FILE_SLUG.fullmatch(args.slug):
        problems.append(f"SLUG: {_slug_problem(args.slug)}")
    missing = [
        f"--{n}" for n in ("title", "organisation", "country", "type", "challenge") if not getattr(args, n)
    ]
    if missing:
        problems.append(f"missing {', '.join(missing)} (run it in a terminal to be asked for them)")
    country = None
    if args.country:
        country, message = resolve_country(args.country)
        if message:
            problems.append(f"--country: {message}")
    types, type_problems = _terms(args.type or [], vocabulary, "partnership_types", "--type")
    challenges, challenge_problems = _terms(args.challenge or [], vocabulary, "challenges", "--challenge")
    problems += type_problems + challenge_problems
    access, access_problems = _terms([args.access_basis or ""], vocabulary, "access_basis", "--access-basis")
    paid, paid_problems = _terms([args.compensation or ""], vocabulary, "compensation", "--compensation")
    safeguards, safeguard_problems = _terms(args.safeguard or [], vocabulary, "safeguards", "--safeguard")
    problems += access_problems + paid_problems + safeguard_problems
    target = cases_dir / f"{args.slug}.md"
    if args.slug and target.exists():
        problems.append(
            f"{shown_path(target, Path.cwd())} already exists: choose another slug, or edit that file"
        )
    if problems:
        raise UsageProblem("\n".join(problems))
    answers = Answers(
        args.title, args.organisation, str(country), types, challenges,
        access[0] if access else None, paid[0] if paid else None, safeguards,
    )  # fmt: skip
    return _write(target, _spec(answers), root)


def _new_asked(
    args: argparse.Namespace,
    vocabulary: Vocabulary,
    cases_dir: Path,
    languages: tuple[str, ...],
    io: dict[str, Any] | None,
) -> int:
    """`casebook new` one question at a time; a flag given is taken as its answer (and a wrong
    one asked again)."""
    from .questions import Answers, Stopped, ask_case

    given = Answers(title=args.title or "", organisation=args.organisation or "")
    if args.country and resolve_country(args.country)[0]:
        given.country = str(resolve_country(args.country)[0])
    given.partnership_types = _terms(args.type or [], vocabulary, "partnership_types", "--type")[0]
    given.challenges = _terms(args.challenge or [], vocabulary, "challenges", "--challenge")[0]
    given.safeguards = _terms(args.safeguard or [], vocabulary, "safeguards", "--safeguard")[0]
    for name in ("access_basis", "compensation"):
        slugs = _terms([getattr(args, name) or ""], vocabulary, name, name)[0]
        setattr(given, name, slugs[0] if slugs else None)
    taken = file_slugs(cases_dir)
    if args.slug and FILE_SLUG.fullmatch(args.slug) and args.slug not in taken:
        given.slug = args.slug
    try:
        answers = ask_case(vocabulary, taken, given, languages, io)
    except Stopped:
        raise UsageProblem("stopped: nothing written") from None
    return _write(cases_dir / f"{answers.slug}.md", _spec(answers), cases_dir.parent)


def _spec(answers: Answers) -> CaseSpec:
    spec = CaseSpec(
        title=answers.title,
        organisation=answers.organisation,
        country=answers.country,
        partnership_types=answers.partnership_types,
        challenges=answers.challenges,
        last_reviewed=dt.date.today().isoformat(),
        access_basis=answers.access_basis,
        compensation=answers.compensation,
        safeguards=answers.safeguards,
    )
    if answers.lang and answers.lang != DEFAULT:
        spec = in_language(spec, answers.lang)
    return spec


def _write(target: Path, spec: CaseSpec, root: Path) -> int:
    """Write the case file, unless it would not pass `casebook check`: then nothing is written
    and the problems are printed. What is left to write is counted, not listed: the file
    itself marks each place."""
    text = render_case_file(spec, schema_reference(target, root))
    _, problems = read_case(str(target), text.encode("utf-8"), load_vocabulary(), build_date())
    shown = shown_path(target, Path.cwd())
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        for problem in errors:
            print(problem)
        raise UsageProblem(f"nothing written: {shown} would not pass casebook check (the problems are above)")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {shown}, with {counted(len(problems), 'place')} still to write (each marked in the file).")
    print(f"Next: write the text marked 'Replace' in {shown}, then run: {casebook_command(f'check {shown}')}")
    return 0


def from_issue(args: argparse.Namespace) -> int:
    if args.event is not None:
        if args.file is not None or not (args.comment and args.pr_body):
            raise UsageProblem("--event takes no body file, and needs --comment and --pr-body")
        return issue_event(args)
    if args.file is None:
        raise UsageProblem(
            "give the issue's number (read with GitHub's gh tool), its body as a file, or '-' to read "
            "standard input"
        )
    source = issue_body(args.file)
    reader = IssueReader.of(args.file, source, load_vocabulary())
    spec = reader.case(dt.date.today())
    root, options = options_of(Path(args.config), cases_dir=args.cases_dir)
    cases_dir = options.folder(root, "cases")
    slug = args.slug or suggest_slug(spec.title, spec.organisation, file_slugs(cases_dir))
    if args.slug is not None and not FILE_SLUG.fullmatch(args.slug):
        reader.problems.append(f"--slug: {_slug_problem(args.slug)}")
    target = cases_dir / f"{slug}.md"
    if target.exists():
        reader.problems.append(
            f"{shown_path(target, Path.cwd())} already exists: give another name with --slug"
        )
    if reader.problems:
        raise UsageProblem("\n".join(reader.problems))
    return _write(target, spec, root)


def schema(args: argparse.Namespace) -> int:
    """The case schema, as the site publishes it: editors complete front matter with the copy
    in the checkout (casefile.SCHEMA_FILE), which tests keep equal to this."""
    text = schema_json(load_vocabulary())
    if args.output is None:
        sys.stdout.write(text)
        return 0
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(text, encoding="utf-8")
    print(f"Wrote {args.output}", file=sys.stderr)
    return 0


def issue_body(given: str) -> str:
    """An issue's body: by its number, read from GitHub with the gh tool; from a file; or from
    standard input ('-')."""
    if given == "-":
        return sys.stdin.read()
    if given.lstrip("#").isdigit() and not Path(given).exists():
        number = given.lstrip("#")
        if shutil.which("gh") is None:
            raise UsageProblem(
                f"reading issue #{number} needs GitHub's gh tool (https://cli.github.com/); without it, "
                "save the issue's body to a file and give that file"
            )
        result = subprocess.run(
            ["gh", "issue", "view", number, "--json", "body", "--jq", ".body"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise UsageProblem(f"gh could not read issue #{number}: {result.stderr.strip() or 'no message'}")
        return result.stdout
    try:
        return Path(given).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageProblem(f"{given}: cannot be read ({error})") from None


def issue_event(args: argparse.Namespace) -> int:
    """The issue workflow's step: the case file, or the problems, from a recorded issue event;
    exit 1 where no case file was written (the comment says why)."""
    from .issueevent import case_from_issue_event, pull_request_body
    from .issueevent import comment as issue_comment

    try:
        result = case_from_issue_event(
            Path(args.event),
            Path.cwd(),
            args.cases_dir or "cases",
            schema_url(Path(args.config)),
            load_vocabulary(),
            dt.date.today(),
        )
    except (ValueError, json.JSONDecodeError) as error:
        raise UsageProblem(f"{args.event}: {error}") from None
    Path(args.comment).write_text(issue_comment(result), encoding="utf-8")
    if result.path is not None:
        Path(args.pr_body).write_text(pull_request_body(result), encoding="utf-8")
        if args.outputs:
            with open(args.outputs, "a", encoding="utf-8") as outputs:
                outputs.write(f"path={result.path}\n")
        print(f"Wrote {result.path} from issue #{result.number}")
        return 0
    print(f"No case file from issue #{result.number}: {len(result.problems)} problem(s), in {args.comment}")
    return 1


def _slug_problem(slug: str) -> str:
    return (
        f"{slug!r} is not a valid slug: use lower-case letters, digits and hyphens, "
        f"such as '{slug_for(slug + '.md') or 'my-case'}'"
    )


def pdf(args: argparse.Namespace) -> int:
    """The guidelines publication as a tagged PDF, with WeasyPrint (assembly/publication.py)."""
    from ..assembly.publication import can_write_pdf, guidelines_pdf
    from ..assembly.site import build_site, settings_from_config

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
    check_parser.add_argument(
        "--record-citations",
        action="store_true",
        help="first record each lesson the guidelines and collections cite (cases/_cited-lessons.yml)",
    )

    new_parser = commands.add_parser(
        "new",
        help="write a new case file from the template (in a terminal: one question at a time)",
        description="In a terminal, asks one question at a time for whatever the options leave out, "
        "with the allowed answers listed. Elsewhere (a script), the options must give it all.",
    )
    new_parser.add_argument(
        "slug",
        nargs="?",
        help="the file name without .md: lower-case letters, digits, hyphens (offered if left out)",
    )
    new_parser.add_argument("--title")
    new_parser.add_argument("--organisation")
    new_parser.add_argument("--country", help="a name or ISO 3166-1 alpha-2 code (Norway, NO); EU or INT")
    new_parser.add_argument("--type", action="append", help="a partnership type (repeat for more)")
    new_parser.add_argument("--challenge", action="append", help="a challenge area (repeat for more)")
    new_parser.add_argument("--access-basis", help="how access was obtained, such as voluntary or contract")
    new_parser.add_argument("--compensation", help="what the office paid, such as none or market-price")
    new_parser.add_argument("--safeguard", action="append", help="a safeguard (repeat for more)")

    issue_parser = commands.add_parser("from-issue", help="write a case file from a case study issue's body")
    issue_parser.add_argument(
        "file",
        nargs="?",
        help="the issue's number (read from GitHub with the gh tool), or its body as a Markdown file "
        "('-' reads standard input)",
    )
    issue_parser.add_argument(
        "--slug", help="the file name without .md (default: the office's short name and the subject)"
    )

    # The issue workflow (.github/workflows/case-study-issue.yml) reads the issue from the
    # event GitHub recorded, and has the comment and the pull request's body written.
    issue_parser.add_argument(
        "--event", help="a recorded GitHub issue event ($GITHUB_EVENT_PATH), not a body"
    )
    issue_parser.add_argument("--comment", help="with --event: where to write the comment for the issue")
    issue_parser.add_argument("--pr-body", help="with --event: where to write the pull request's body")
    issue_parser.add_argument(
        "--outputs", help="with --event: a file to append path=<case file> to ($GITHUB_OUTPUT)"
    )

    for sub in (new_parser, issue_parser):
        sub.add_argument("--cases-dir", help="the cases folder (default: mkdocs.yml's, or cases)")
        sub.add_argument("--config", default="mkdocs.yml", help="mkdocs.yml, for the schema's address")

    schema_parser = commands.add_parser(
        "schema", help="print the case schema, or write it (-o schema/case.schema.json: editors' copy)"
    )
    schema_parser.add_argument("--output", "-o", help="the file to write (default: print it)")

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
    from ..assembly.source import RenderError, Written, render_source

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
            if args.record_citations:
                record_citations(root, options)
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
        if args.command == "schema":
            return schema(args)
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
