"""The contributor's preview after a bad save: the real server (`mkdocs serve --dirty`, as
scripts/serve runs it) answers every page at once with the problems, and the open page comes
back by itself when the file is fixed."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from conftest import Project, case_yaml, fetch, preview_server

pytestmark = pytest.mark.browser


@pytest.fixture
def preview(project: Project) -> Iterator[tuple[Project, str]]:
    project.add("alpha.md", case_yaml("Alpha", ["co-creation"], ["it-industry"], [{"text": "Alpha lesson."}]))
    with preview_server(project, "cases/alpha/", "Alpha") as base:
        yield project, base


def test_a_bad_save_shows_its_problems_in_the_open_page_and_a_fix_brings_the_page_back(preview, page):
    project, base = preview
    path = project.cases / "alpha.md"
    good = path.read_text(encoding="utf-8")
    page.goto(base + "cases/alpha/")
    assert page.locator("h1").first.inner_text() == "Alpha"
    path.write_text(good.replace("co-creation", "co-creaton"), encoding="utf-8")
    heading = page.locator("#cb-preview-problems")
    heading.wait_for(timeout=60_000)  # the open page reloads by itself into the problems
    problem = page.locator("li code").first.inner_text()
    assert (
        "alpha.md:" in problem
        and "partnership_types[1]" in problem
        and "did you mean 'co-creation'" in problem
    )
    path.write_text(good, encoding="utf-8")
    page.locator("h1", has_text="Alpha").wait_for(timeout=60_000)  # and back into the page
    assert heading.count() == 0


def test_while_a_case_is_broken_every_page_answers_at_once_with_the_problems(preview):
    project, base = preview
    path = project.cases / "alpha.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Alpha", "title:"), encoding="utf-8")
    deadline = time.monotonic() + 60
    while "cb-preview-problems" not in fetch(base + "cases/"):
        assert time.monotonic() < deadline, "the problems never showed"
        time.sleep(0.2)
    for address in ("", "lessons/", "cases/alpha/", "no-such-page/"):
        start = time.monotonic()
        assert "alpha.md:" in fetch(base + address)
        assert time.monotonic() - start < 5
