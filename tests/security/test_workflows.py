"""The workflows run contributors' code on GitHub's machines: each is pinned, time-limited and
least-privileged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def jobs(path: Path) -> dict[str, dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]


def steps(path: Path):
    for job in jobs(path).values():
        yield from job.get("steps", [])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_a_time_limit(path: Path):
    assert {
        name: job.get("timeout-minutes") for name, job in jobs(path).items() if not job.get("timeout-minutes")
    } == {}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit(path: Path):
    assert [step["uses"] for step in steps(path) if "uses" in step and not PINNED.match(step["uses"])] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_checkout_keeps_the_token(path: Path):
    checkouts = [step for step in steps(path) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts, "every workflow checks out the repository"
    assert all(step.get("with", {}).get("persist-credentials") is False for step in checkouts)


# The jobs that may write, each with what it writes: the site's publication, and the pull
# request made from a case-study issue (with a comment on the issue).
WRITERS = {
    ("deploy.yml", "deploy"): None,
    ("case-study-issue.yml", "case"): {"contents": "write", "pull-requests": "write", "issues": "write"},
}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_the_token_reads_only_unless_a_job_publishes(path: Path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] in ({"contents": "read"}, {})
    for name, job in jobs(path).items():
        if "permissions" in job:
            assert (path.name, name) in WRITERS, f"{path.name}: job {name} asks for permissions"
            expected = WRITERS[(path.name, name)]
            assert expected is None or job["permissions"] == expected


def test_the_deploy_build_installs_only_what_publishing_needs():
    text = (REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    assert "scripts/setup publish" in text and "scripts/setup test" not in text


def test_the_newest_releases_job_never_deploys():
    text = (REPO / ".github/workflows/newest.yml").read_text(encoding="utf-8")
    assert "pages" not in text.split("jobs:", 1)[1] and "deploy" not in text.split("jobs:", 1)[1]
