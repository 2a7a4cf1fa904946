"""Shared fixtures: real case files on disk and real MkDocs builds in a temporary folder."""

from __future__ import annotations

import filecmp
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from casebook.core.collection import load_folder
from casebook.core.index import build_index
from casebook.core.vocabulary import load_vocabulary
from casebook.pages.render import Renderer

REPO = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]

VALID_CASE = """\
---
title: {title}
summary: {summary}
organisation: {organisation}
country: {country}
partners:
  - name: A mobile network operator
    sector: private
partnership_types: [{types}]
challenges: [{challenges}]
status: completed
period: {{start: 2016, end: 2019}}
lessons:
  - text: {lesson}
    stage: agreeing
  - text: Keep the partner informed.
    stage: running
    partnership_types: [co-creation]
timeline:
  - date: 2016
    event: The office and the operator agreed to work together.
    source: 1
  - date: 2017-03
    event: The first statistics were published.
    source: 2
  - date: 2019-06-30
    event: The partnership ended as planned.
    source: 2
sources:
  - title: A report
    url: https://example.org/report
  - title: An evaluation
    url: https://example.org/evaluation
last_reviewed: {reviewed}
visibility: {visibility}
---

## Context

Body of the case.
"""


def case_text(**fields: str) -> str:
    """A valid case file; any field can be replaced by keyword."""
    values = {
        "title": "Mobile phone data for daytime population",
        "summary": "A statistical office worked with an operator.",
        "organisation": "Statistics Netherlands (CBS)",
        "country": "NL",
        "types": "supplier-recipient, open-innovation",
        "challenges": "confidentiality-data-sharing, public-private",
        "lesson": "Agree who may see record-level data before any code is written.",
        "reviewed": "2026-11-01",
        "visibility": "public",
    }
    values.update(fields)
    return VALID_CASE.format(**values)


def guided_case_text(**fields: str) -> str:
    """A valid case as the editorial guide asks for it (`casebook check` gives no advice): a
    third lesson, and an Outcome section."""
    third = "  - text: Plan how the work ends before it starts.\n    stage: closing\ntimeline:\n"
    text = case_text(**fields).replace("timeline:\n", third, 1)
    return text + "\n## Outcome\n\nThe partnership ended as planned.\n"


def case_yaml(
    title: str,
    types: list[str],
    challenges: list[str],
    lessons: list[dict[str, object]],
    country: str = "NL",
    sector: str = "private",
    body: str = "## Context\n\nA case written for a test.\n",
    status: str | None = None,
    timeline: list[dict[str, object]] | None = None,
) -> str:
    """A valid case file built from Python values, written out as real YAML."""
    front = {
        "title": title,
        "summary": f"Summary of {title}.",
        "organisation": f"Office of {title}",
        "country": country,
        "partners": [{"name": "A partner", "sector": sector}],
        "partnership_types": types,
        "challenges": challenges,
        "lessons": lessons,
        "sources": [{"title": "A source", "url": "https://example.org/"}],
        "last_reviewed": "2026-11-01",
    }
    if status:
        front["status"] = status
    if timeline:
        front["timeline"] = timeline
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n" + body


def rendered_listing(folder: Path, src: str) -> str:
    """The HTML parts of one generated listing page (`countries/index.md`, say), rendered from
    the cases in `folder` by the core alone, without MkDocs."""
    vocabulary = load_vocabulary()
    renderer = Renderer(build_index(load_folder(folder, vocabulary).cases, vocabulary), vocabulary)
    job = next(job for job in renderer.listing_jobs() if job.src == src)
    renderer.render(job.template, job.src, **job.context())
    return "".join(renderer.blocks[job.src])


def differing_files(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    found = [*comparison.left_only, *comparison.right_only]
    found += [
        name for name in comparison.common_files if not filecmp.cmp(left / name, right / name, shallow=False)
    ]
    for sub in comparison.common_dirs:
        found += [f"{sub}/{name}" for name in differing_files(left / sub, right / sub)]
    return found


@dataclass
class Project:
    """A copy of the Casebook site configuration with its own cases/ folder."""

    root: Path

    @property
    def cases(self) -> Path:
        return self.root / "cases"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def add(self, name: str, text: str | bytes) -> Path:
        path = self.cases / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def build(
        self, *args: str, env: dict[str, str] | None = None, prelude: str = ""
    ) -> subprocess.CompletedProcess[str]:
        """Run a real `mkdocs build` of this project; `prelude` is Python run first in the
        build's process (to steer which process converts which page, say)."""
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
        mkdocs = MKDOCS
        if prelude:
            mkdocs = [sys.executable, "-c", f"{prelude}\nfrom mkdocs.__main__ import cli\ncli()"]
        return subprocess.run(
            [*mkdocs, "build", "-q", "-f", str(self.root / "mkdocs.yml"), "-d", str(self.site), *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            env=environment,
            check=False,
        )

    def set_option(self, name: str, value: str) -> None:
        """Set an option of the casebook plugin in this project's mkdocs.yml."""
        config = self.root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        anchor = "      cases_dir: cases\n"
        assert anchor in text
        text = "".join(
            line for line in text.splitlines(keepends=True) if not line.startswith(f"      {name}:")
        )
        config.write_text(text.replace(anchor, f"{anchor}      {name}: {value}\n"), encoding="utf-8")

    def page(self, url: str) -> str:
        """The built HTML of a site URL such as 'cases/x/'."""
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def new_project(root: Path) -> Project:
    """The shipped site configuration and pages in `root`, with an empty cases/ folder."""
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    if (REPO / "overrides").exists():
        shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "cases").mkdir()
    project = Project(root)
    # WeasyPrint takes seconds a build: the tests of the PDF ask for it (test_publication.py).
    project.set_option("guidelines_pdf", "false")
    # English alone: a build in three languages makes every page three times; the tests of
    # languages ask for them (test_languages_site.py), and docs/fr/, docs/ru/ are left out.
    project.set_option("languages", "[en]")
    return project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The shipped site configuration and pages, with an empty cases/ folder."""
    return new_project(tmp_path / "project")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder to run the casebook command in: cases/ and a mkdocs.yml."""
    (tmp_path / "cases").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_url: https://cases.example.net/\nx: !ENV [A, b]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fetch(url: str, timeout: float = 5) -> str:
    """A page's text, or '' where the server does not answer (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


@contextmanager
def preview_server(project: Project, ready: str, text: str) -> Iterator[str]:
    """`mkdocs serve --dirty` of the project, as scripts/serve runs it, on a free port; yields
    its address once the page `ready` shows `text`."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while text not in fetch(base + ready, timeout=2):
            assert time.monotonic() < deadline, "the preview did not start"
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real collection in cases/, built once per test session."""
    site = tmp_path_factory.mktemp("shipped") / "site"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "-q", "-d", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (scripts/test does)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"
