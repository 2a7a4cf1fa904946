"""`casebook render DIR`: a site source that plain MkDocs and Zensical build without the plugin,
and the project built by ProperDocs, a maintained fork of MkDocs 1.x: the exit paths."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from browser import serve
from casebook.assembly.siteconfig import read_site_config
from conftest import Project, case_yaml, differing_files

VENV_BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def add_cases(project: Project) -> None:
    project.add(
        "alpha.md",
        case_yaml(
            "Alpha",
            ["co-creation"],
            ["maintaining-momentum"],
            [{"text": "Alpha lesson.", "stage": "running"}],
        ),
    )
    project.add(
        "bravo.md",
        case_yaml("Bravo", ["policy-maker"], ["policy-red-lines"], [{"text": "Bravo lesson."}], country="GB"),
    )


def render(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "render", str(project.root / "source"), *args],
        cwd=project.root,
        capture_output=True,
        text=True,
        env=ENV,
    )


@pytest.fixture
def source(project: Project) -> Path:
    add_cases(project)
    result = render(project)
    assert result.returncode == 0, result.stderr
    return project.root / "source"


def test_the_source_configuration_has_no_casebook_plugin_and_lists_its_assets(source: Path):
    config = read_site_config(source / "mkdocs.yml").data  # as MkDocs reads it: !!python/name included
    assert "casebook" not in str(config.get("plugins", ""))
    assert "assets/casebook/casebook.css" in config["extra_css"]
    assert "assets/casebook/casebook.js" in config["extra_javascript"]
    assert (source / "docs/assets/casebook/casebook.js").is_file()


def test_every_generated_page_and_data_file_is_in_the_source(source: Path):
    docs = source / "docs"
    for path in [
        "cases/alpha.md", "cases/index.md", "types/co-creation.md", "challenges/policy-red-lines.md",
        "countries/gb.md", "matrix/index.md", "lessons/index.md", "lessons/data.json",
        "api/cases.json", "api/lessons.json", "api/cases.csv", "feed.xml", "schema/case.schema.json",
        "index.md", "about.md",
    ]:  # fmt: skip
        assert (docs / path).is_file(), path


def test_html_parts_are_written_into_the_pages_and_markers_filled(source: Path):
    pages = [p.read_text() for p in (source / "docs").rglob("*.md")]
    assert not any("CASEBOOKBLOCK" in page for page in pages)
    assert not any("<!-- casebook:" in page for page in pages)
    assert '<dl class="cb-panel">' in (source / "docs/cases/alpha.md").read_text()


def test_casebooks_own_search_page_is_left_to_the_generators_search(source: Path):
    assert not (source / "docs/search/index.md").exists()
    assert "search/index.md" not in (source / "mkdocs.yml").read_text()


def test_a_case_body_with_html_the_sanitiser_removes_is_written_sanitised(project: Project):
    body = '## Context\n\nSafe text.\n\n<script>alert(1)</script>\n\n<p onclick="x()">Clicked.</p>\n'
    project.add(
        "evil.md", case_yaml("Evil", ["co-creation"], ["it-industry"], [{"text": "A lesson."}], body=body)
    )
    assert render(project).returncode == 0
    page = (project.root / "source/docs/cases/evil.md").read_text()
    assert "<script>" not in page and "onclick" not in page and "Clicked." in page


def test_cases_with_errors_write_nothing_and_are_listed(project: Project):
    project.add("bad.md", case_yaml("Bad", ["co-creaton"], ["it-industry"], [{"text": "A lesson."}]))
    result = render(project)
    assert result.returncode == 1
    assert "cases/bad.md:" in result.stdout and "did you mean 'co-creation'" in result.stdout
    assert not (project.root / "source").exists()


def test_the_source_is_the_same_on_every_run(project: Project):
    add_cases(project)
    assert render(project).returncode == 0
    first = (project.root / "source").rename(project.root / "first")
    assert render(project).returncode == 0
    assert differing_files(first, project.root / "source") == []


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_a_generator_without_the_plugin_builds_every_kind_of_page(source: Path, generator: str):
    site = source / "site"
    command = [str(VENV_BIN / generator), "build", "-f", str(source / "mkdocs.yml")]
    if generator == "mkdocs":
        command += ["-d", str(site)]
    result = subprocess.run(command, cwd=source, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    for url in ["cases/alpha/", "types/co-creation/", "challenges/policy-red-lines/", "countries/gb/",
                "matrix/", "lessons/", "cases/"]:  # fmt: skip
        html = (site / url / "index.html").read_text()
        assert "casebook.js" in html, url
    assert "Alpha lesson." in (site / "cases/alpha/index.html").read_text()
    assert (site / "lessons/data.json").is_file()


@pytest.mark.browser
@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_the_explorers_filters_work_in_a_site_another_generator_built(source: Path, generator: str, browser):
    command = [str(VENV_BIN / generator), "build", "-f", str(source / "mkdocs.yml")]
    if generator == "mkdocs":
        command += ["-d", str(source / "site")]
    assert subprocess.run(command, cwd=source, capture_output=True, env=ENV).returncode == 0
    with serve(source / "site") as base:
        page = browser.new_page()
        page.goto(f"{base}/lessons/?type=policy-maker")
        page.wait_for_selector("[data-cb-list] [data-cb-item]")
        shown = page.locator("[data-cb-list] [data-cb-item]:visible").all_inner_texts()
        assert len(shown) == 1 and "Bravo lesson." in shown[0]
        page.goto(f"{base}/cases/?country=gb")
        rows = page.locator("[data-cb-item]:visible").all_inner_texts()
        assert len(rows) == 1 and "Bravo" in rows[0]
        page.close()


def test_properdocs_builds_the_project_as_mkdocs_does_but_for_the_generator_tag(project: Project):
    add_cases(project)
    assert project.build().returncode == 0
    by_mkdocs = project.site.rename(project.root / "by-mkdocs")
    result = subprocess.run(
        [
            str(VENV_BIN / "properdocs"),
            "build",
            "-q",
            "-f",
            str(project.root / "mkdocs.yml"),
            "-d",
            str(project.site),
        ],
        cwd=project.root,
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert result.returncode == 0, result.stderr
    differing = differing_files(by_mkdocs, project.site)
    assert differing, "expected the generator tag to differ"
    for name in differing:
        assert name.endswith(".html"), name
        mkdocs_page, properdocs_page = (root / name for root in (by_mkdocs, project.site))
        assert _without_generator(mkdocs_page) == _without_generator(properdocs_page), name


def _without_generator(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    start = text.find('<meta name="generator"')
    return text if start < 0 else text[:start] + text[text.index(">", start) + 1 :]
