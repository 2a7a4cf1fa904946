"""`casebook from-issue --event`, the step the case-study issue workflow runs, tested without
GitHub: recorded issue events (tests/issue_events/) in, a case file, a comment for the issue
and a pull request body out; an issue with problems gets the problems and no case file; hostile
issue text stays text and cannot leave cases/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from casebook.authoring.cli import main
from casebook.authoring.issueevent import fenced
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from conftest import REPO

EVENTS = Path(__file__).resolve().parent / "issue_events"
WORKFLOW = REPO / ".github" / "workflows" / "case-study-issue.yml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cases").mkdir()
    (tmp_path / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(name: str) -> tuple[int, str, str, str]:
    """Exit code, comment, pull request body and outputs of the workflow's step."""
    code = main(
        ["from-issue", "--event", str(EVENTS / f"{name}.json"), "--comment", "comment.md",
         "--pr-body", "pr.md", "--outputs", "outputs"]
    )  # fmt: skip
    read = [Path(n).read_text() if Path(n).exists() else "" for n in ("comment.md", "pr.md", "outputs")]
    return code, *read


def test_a_filled_in_form_becomes_a_case_file_and_a_pull_request_body(project: Path):
    code, comment, body, outputs = run("opened")
    assert code == 0
    (written,) = (project / "cases").iterdir()
    assert outputs == f"path=cases/{written.name}\n"
    case, problems = read_case("x.md", written.read_bytes(), load_vocabulary())
    assert case is not None and [p for p in problems if p.severity == "error"] == []
    assert "Closes #12" in body
    assert f"`cases/{written.name}`" in comment


def test_an_issue_with_problems_gets_them_in_a_comment_and_no_case_file(project: Path):
    code, comment, body, outputs = run("problems")
    assert code == 1 and body == "" and outputs == ""
    assert list((project / "cases").iterdir()) == []
    assert (
        "Partnership types: unknown partnership type 'Cocreation partnership' (did you mean 'co-creation'?)"
        in comment
    )
    assert "edit the issue" in comment


def test_hostile_text_stays_text_and_the_file_stays_in_cases(project: Path, tmp_path: Path):
    code, _, _, outputs = run("hostile")
    assert code == 0
    (written,) = (project / "cases").iterdir()
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.md", written.name)
    assert outputs == f"path=cases/{written.name}\n"
    text = written.read_text()
    assert (
        "<script>alert(1)</script> &a [*a, *a] ; rm -rf / | cat /etc/passwd"
        in yaml.safe_load(text.split("---")[1])["summary"]
    )
    assert not (project / ".github").exists()


def test_a_yaml_bomb_in_an_answer_is_written_as_text(project: Path):
    code, *_ = run("yaml-bomb")
    (written,) = (project / "cases").iterdir()
    case, _ = read_case(written.name, written.read_bytes(), load_vocabulary())
    assert code == 0 and case is not None
    assert "!!python/object/apply:os.system" in case.summary


def test_names_not_in_the_registry_are_listed_for_the_maintainer(project: Path):
    registry = "- {slug: ons, name: Office for National Statistics (ONS), sector: government, country: GB}\n"
    (project / "organisations.yml").write_text(registry)
    code, comment, body, _ = run("opened")
    assert code == 0
    assert "(did you mean 'Office for National Statistics (ONS)'?)" in body
    assert "partners[1].name: 'City of Philadelphia' is not in organisations.yml yet" in body
    assert "A maintainer will also look at these points" in comment


def test_a_fence_is_longer_than_any_run_of_backticks_in_the_text():
    assert fenced(["``` @maintainers"]).startswith("````text\n")


def test_the_workflow_pins_its_actions_and_keeps_to_narrow_permissions():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert job["timeout-minutes"] <= 15
    uses = [step["uses"] for step in job["steps"] if "uses" in step]
    assert all(len(use.split("@")[1]) == 40 for use in uses)
    assert "peter-evans/create-pull-request@5f6978faf089d4d20b00c7766989d076bb2fc7f1" in uses
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False
    assert (
        "github.event.issue.body" not in WORKFLOW.read_text()
        and "github.event.issue.title" not in WORKFLOW.read_text()
    )
