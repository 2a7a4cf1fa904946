"""`casebook from-issue --event`: what the "Case study from an issue" workflow runs. It reads the
event GitHub recorded for an issue made with the case-study form (the file $GITHUB_EVENT_PATH
names), makes the case file as `casebook from-issue` does, and writes what the workflow says
back: a comment for the issue and the body of the pull request.

The issue's text is untrusted. It is read from the event file, never put on a command line;
the file name is made from the case's title and office as `casebook from-issue` makes it
(letters, digits and hyphens only, so it cannot leave cases/); the case file is checked as
`casebook check` checks it before it is written; every piece of the contributor's text quoted
back goes in a fenced block, so the comment shows it as text (no links, mentions or HTML).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.events import file_slugs
from ..core.organisations import load_registry, resolve_cases
from ..core.validate import read_case
from ..core.vocabulary import Vocabulary
from .casefile import render_case_file
from .issue import IssueReader
from .naming import suggest_slug

MAX_EVENT_BYTES = 1_000_000  # an issue body is at most 65,536 characters


@dataclass
class IssueResult:
    number: int
    path: str | None = None  # the case file written, relative to the project
    problems: list[str] = field(default_factory=list)  # why no case file was written
    notes: list[str] = field(default_factory=list)  # warnings about the case written

    @property
    def made(self) -> bool:
        return self.path is not None


def fenced(lines: list[str]) -> str:
    """Lines of untrusted text as a fenced block that no line can close."""
    text = "\n".join(lines)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def read_event(path: Path) -> tuple[int, str]:
    """The issue's number and body from a recorded event; ValueError if it holds none."""
    raw = path.read_bytes()
    if len(raw) > MAX_EVENT_BYTES:
        raise ValueError("the event file is too large to be an issue event")
    issue = json.loads(raw).get("issue")
    if not isinstance(issue, dict) or not isinstance(issue.get("number"), int):
        raise ValueError("the event file holds no issue")
    body = issue.get("body")
    return issue["number"], body if isinstance(body, str) else ""


def case_from_issue_event(
    event: Path, root: Path, cases_dir: str, schema_url: str, vocabulary: Vocabulary, today: dt.date
) -> IssueResult:
    """Make the case file of the issue in `event` under `root`/`cases_dir`, unless it has
    problems; its name is the one `casebook from-issue` gives (naming.suggest_slug)."""
    number, body = read_event(event)
    result = IssueResult(number)
    reader = IssueReader.of(f"issue #{number}", body, vocabulary)
    spec = reader.case(today)
    result.problems += [problem.removeprefix(f"issue #{number}: ") for problem in reader.problems]
    slug = suggest_slug(spec.title or "", spec.organisation or "", file_slugs(root / cases_dir))
    relative = f"{cases_dir}/{slug}.md"
    target = root / relative
    if result.problems:
        return result
    text = render_case_file(spec, schema_url)
    case, found = read_case(relative, text.encode("utf-8"), vocabulary)
    result.problems += [f"{p.field}: {p.message}" for p in found if p.severity == "error"]
    if case is None or result.problems:
        return result
    registry_path = root / "organisations.yml"
    registry = load_registry(registry_path, "organisations.yml", vocabulary)
    _, names = resolve_cases([case], registry)
    result.notes += [f"{p.field}: {p.message}" for p in names]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    result.path = relative
    return result


def comment(result: IssueResult) -> str:
    """What the workflow comments on the issue."""
    if not result.made:
        return (
            "Thank you for this case study. Casebook could not make a case file from it yet. "
            "Please edit the issue to fix the points below (each names the question it is about); "
            "Casebook will try again when you save it.\n\n" + fenced(result.problems) + "\n"
        )
    text = (
        f"Thank you for this case study. Casebook made the case file `{result.path}` from it and "
        "opened a pull request with it. A maintainer will review it with you there; the text "
        "marked 'Replace' in the file is still to be written.\n"
    )
    if result.notes:
        text += "\nA maintainer will also look at these points:\n\n" + fenced(result.notes) + "\n"
    return text


def pull_request_body(result: IssueResult) -> str:
    """The body of the pull request: what it holds, and the issue it closes."""
    text = (
        f"The case file `{result.path}`, made by `casebook from-issue` from issue "
        f"#{result.number} (the case-study form).\n\nCloses #{result.number}\n"
    )
    if result.notes:
        text += (
            "\nBefore merging: names not yet in organisations.yml (add an entry, or mark the "
            "partner `anonymous: true`):\n\n" + fenced(result.notes) + "\n"
        )
    return text
