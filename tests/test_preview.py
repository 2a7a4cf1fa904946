"""The contributor's preview (`scripts/serve`: mkdocs serve --dirty): after an edit, only the
pages that can change are built again, and what they show is what a full build shows."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pytest
from conftest import Project, case_yaml, differing_files, fetch, preview_server

# Builds the project as `mkdocs serve --dirty` does: one plugin kept across builds, the site
# folder kept; between builds it applies the edits given on the command line (file=old=>new).
# After build N it writes when each page was last written to built-N.json.
REBUILDS = """
import json, os, sys, threading, time
threading.Thread(target=time.sleep, args=(60,), daemon=True).start()  # as under serve
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build
site = sys.argv[1]
config = load_config("mkdocs.yml", site_dir=site)
config.plugins.on_startup(command="serve", dirty=True)
def record(n):
    pages = {str(p.relative_to(site)): p.stat().st_mtime_ns for p in Path(site).rglob("index.html")}
    Path(f"built-{n}.json").write_text(json.dumps(pages))
build(config, dirty=True)
record(0)
for n, edit in enumerate(sys.argv[2:], 1):
    name, change = edit.split("=", 1)
    old, new = change.split("=>")
    path = Path("cases") / name
    time.sleep(0.01)
    path.write_text(path.read_text().replace(old, new, 1))
    again = load_config("mkdocs.yml", site_dir=site)
    again.plugins = config.plugins  # serve keeps plugins that have on_startup
    build(again, dirty=True)
    record(n)
"""


def add_cases(project: Project) -> None:
    for title, types in (
        ("Alpha", ["co-creation"]),
        ("Bravo", ["co-creation"]),
        ("Charlie", ["policy-maker"]),
    ):
        project.add(
            f"{title.lower()}.md", case_yaml(title, types, ["it-industry"], [{"text": f"{title} lesson."}])
        )


def rebuild(project: Project, *edits: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", REBUILDS, str(project.site), *edits],
        cwd=project.root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def pages_with_markers(project: Project) -> set[str]:
    """The built pages of the hand-written pages that hold a `<!-- casebook:... -->` marker."""
    docs = project.root / "docs"
    found = [p.relative_to(docs).as_posix() for p in docs.glob("**/*.md") if "casebook:" in p.read_text()]
    return {
        name.removesuffix(".md").removesuffix("index")
        + ("" if name.endswith("index.md") else "/")
        + "index.html"
        for name in found
        if name.split("/")[0] not in ("fr", "ru")
    }


def rebuilt(project: Project, edit: str) -> tuple[dict[str, int], dict[str, int]]:
    """Build, make the edit, build again: when each page was last written, before and after."""
    result = rebuild(project, edit)
    assert result.returncode == 0, result.stderr
    return written(project, 0), written(project, 1)


def written(project: Project, build: int) -> dict[str, int]:
    return json.loads((project.root / f"built-{build}.json").read_text())


def test_an_edit_rebuilds_its_case_page_and_the_listings_it_changes_but_nothing_else(project: Project):
    add_cases(project)
    before, after = rebuilt(project, "alpha.md=Alpha lesson.=>An edited lesson.")
    assert "An edited lesson." in project.page("cases/alpha/")
    assert after["cases/alpha/index.html"] != before["cases/alpha/index.html"]
    assert "An edited lesson." in project.page("lessons/")
    assert after["lessons/index.html"] != before["lessons/index.html"]
    # The cases listing shows no lesson: the preview leaves it as it was written.
    assert after["cases/index.html"] == before["cases/index.html"]
    assert after["cases/charlie/index.html"] == before["cases/charlie/index.html"]


def test_a_new_title_reaches_the_related_cases_of_other_pages(project: Project):
    add_cases(project)
    result = rebuild(project, "alpha.md=title: Alpha=>title: Alpha renamed")
    assert result.returncode == 0, result.stderr
    assert "Alpha renamed" in project.page("cases/bravo/")  # Bravo shares Alpha's tags


def test_a_new_title_rebuilds_only_the_case_pages_that_list_that_case(project: Project):
    add_cases(project)
    # Delta shares no tag with Alpha: Alpha is never among its related cases.
    project.add("delta.md", case_yaml("Delta", ["policy-maker"], ["maintaining-momentum"], [{"text": "D."}]))
    before, after = rebuilt(project, "alpha.md=title: Alpha=>title: Alpha renamed")
    assert after["cases/bravo/index.html"] != before["cases/bravo/index.html"]
    assert after["cases/delta/index.html"] == before["cases/delta/index.html"]


def test_a_title_edit_leaves_the_listing_pages_without_that_case_as_they_were_written(project: Project):
    add_cases(project)
    before, after = rebuilt(project, "bravo.md=title: Bravo=>title: Bravo edited")
    assert "Bravo edited" in project.page("types/co-creation/")
    assert after["types/co-creation/index.html"] != before["types/co-creation/index.html"]
    assert after["types/policy-maker/index.html"] == before["types/policy-maker/index.html"]  # Charlie's


def test_a_story_edit_makes_no_listing_page_again(project: Project):
    add_cases(project)
    before, after = rebuilt(project, "alpha.md=A case written for a test.=>A story edited in the preview.")
    assert "A story edited in the preview." in project.page("cases/alpha/")
    remade = {page for page in after if after[page] != before[page]}
    # and the pages drawn at every build: the hand-written ones with markers (the home page
    # lists the newest cases), the survey's two
    always = {*pages_with_markers(project), "survey/index.html", "gaps/index.html"}
    assert remade == {"cases/alpha/index.html", *always}


EDITS = {
    "summary": "alpha.md=Summary of Alpha.=>Summary of Alpha, edited.",
    "title in place": "bravo.md=title: Bravo=>title: Bravo edited",
    "title that moves the case": "alpha.md=title: Alpha=>title: Zulu",
    "lesson": "alpha.md=Alpha lesson.=>Alpha lesson, edited.",
    "story": "charlie.md=A case written for a test.=>A story edited.",
    "tag": "alpha.md=- co-creation=>- policy-maker",
    "country": "bravo.md=country: NL=>country: FR",
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_after_each_kind_of_edit_every_page_is_the_page_a_full_build_gives(project: Project, edit: str):
    project.set_option("languages", "[en, fr]")
    # A lesson a page: a case that moves in the order moves other cases' lessons to other pages.
    project.set_option("lessons_listed", "1")
    add_cases(project)
    project.add("delta.md", case_yaml("Delta", ["policy-maker"], ["maintaining-momentum"], [{"text": "D."}]))
    result = rebuild(project, edit)
    assert result.returncode == 0, result.stderr
    project.site.rename(project.root / "previewed")
    assert project.build().returncode == 0
    differing = differing_files(project.root / "previewed", project.site)
    # every page, open-data file, citation and feed; the search index is the first build's
    assert [name for name in differing if not name.startswith("pagefind/")] == []


def test_a_dirty_rebuild_gives_the_pages_a_full_build_gives(project: Project):
    add_cases(project)
    assert rebuild(project, "charlie.md=Charlie lesson.=>Charlie lesson, edited.").returncode == 0
    previewed = {
        url: project.page(url) for url in ("cases/charlie/", "cases/", "lessons/", "types/policy-maker/")
    }
    project.site.rename(project.root / "previewed")
    assert project.build().returncode == 0
    for url, html in previewed.items():
        assert html == project.page(url), url


def test_the_preview_server_shows_an_edited_case(project: Project):
    add_cases(project)
    url = "cases/alpha/"
    with preview_server(project, url, "Summary of Alpha.") as base:
        path = project.cases / "alpha.md"
        path.write_text(re.sub(r"Summary of Alpha\.", "Summary edited in the preview.", path.read_text()))
        deadline = time.monotonic() + 60
        while "Summary edited in the preview." not in fetch(base + url):
            assert time.monotonic() < deadline, "the preview never showed the edit"
            time.sleep(0.2)
