"""Hostile contributions, built into a real site and into `casebook render`'s source built by
plain MkDocs, then read by a parser and opened in Chromium: nothing a contributor writes in a
case, an event or the guidelines' text runs script, reaches the site's script or the theme's,
or makes a page request another host."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import serve
from conftest import MKDOCS, Project, guided_case_text, new_project
from payloads import BODIES, EVIL

CONTROL = "control"
URL_ATTRIBUTES = ("src", "srcset", "data", "poster", "action", "formaction", "background", "ping")
RESERVED_ID = ("__", "cb-", "md-", "lesson-", "timeline-", "source-", "PagefindUI", "document$")


def hostile_case(slug: str, body: str) -> str:
    # A case as the editorial guide asks for it, so that the checker speaks only of the markup.
    text = guided_case_text(title=f"Case {slug}")
    front, _ = text.split("\n---\n", 1)
    return f"{front}\n---\n\n## Outcome\n\nThe work ended.\n\n## Context\n\n{body}"


def build_project(root: Path, bodies: dict[str, str]) -> Project:
    """One case a payload (and a harmless control case); an event and the guidelines'
    introduction holding every payload at once; built by the plugin."""
    project = new_project(root)
    project.add(f"{CONTROL}.md", hostile_case(CONTROL, "A harmless paragraph."))
    for slug, body in bodies.items():
        project.add(f"{slug}.md", hostile_case(slug, body))
    everything = "\n\n".join(bodies.values())
    (project.root / "events").mkdir()
    (project.root / "events/hostile-event.md").write_text(
        "---\ntitle: An event\nkind: meeting\nstart: 2020-01-01\nplace: online\norganisers: [UNECE]\n"
        f"cases: [{CONTROL}]\nsummary: A meeting.\n---\n\n{everything}\n"
    )
    (project.root / "guidelines").mkdir()
    (project.root / "guidelines/introduction.md").write_text(
        f"---\ntitle: Introduction\n---\n\n{everything}\n"
    )
    result = project.build()  # not strict: the checker's warnings about the payloads are expected
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return build_project(tmp_path_factory.mktemp("hostile") / "project", BODIES)


@pytest.fixture(scope="module")
def benign(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The same site with a harmless paragraph in place of each payload: what every page of
    the hostile one may carry."""
    harmless = dict.fromkeys(BODIES, "A harmless paragraph.")
    return build_project(tmp_path_factory.mktemp("benign") / "project", harmless)


def rendered_site(project: Project) -> Path:
    """`casebook render`'s source of the project, built by plain MkDocs (no plugin)."""
    source = project.root / "source"
    run = subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "render", str(source)],
        cwd=project.root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    site = project.root / "rendered-site"
    build = subprocess.run(
        [*MKDOCS, "build", "-q", "-f", str(source / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    return site


@pytest.fixture(scope="module")
def rendered(hostile: Project) -> Path:
    return rendered_site(hostile)


@pytest.fixture(scope="module")
def rendered_benign(benign: Project) -> Path:
    return rendered_site(benign)


class Markers(HTMLParser):
    """What in a page could run script, reach a script's settings or load from elsewhere."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script":
            self._script = "src" not in values  # inline: recorded with its text
            self.found.append(f"script {values.get('src', '').rsplit('/', 1)[-1]}")
        if tag in ("iframe", "object", "embed", "base", "frame", "applet", "form"):
            self.found.append(tag)
        if tag == "meta" and "http-equiv" in values:
            self.found.append(f"meta {values['http-equiv']}")
        for name, value in values.items():
            lowered = value.strip().lower()
            if name.startswith(("on", "data-")) or name == "style":
                self.found.append(f"{tag} {name}={value[:40]}")
            elif name == "id" and value.startswith(RESERVED_ID):
                self.found.append(f"{tag} id={value}")
            elif name in URL_ATTRIBUTES and EVIL in value:
                self.found.append(f"{tag} {name} to {EVIL}")
            elif lowered.startswith(("javascript:", "vbscript:", "data:text")):
                self.found.append(f"{tag} {name} runs {lowered[:12]}")
            if tag == "link" and name == "href" and EVIL in value:
                self.found.append(f"link to {EVIL}")

    def handle_data(self, data: str) -> None:
        if self._script:
            self.found.append(f"inline script {data[:20]}")
            self._script = False


def markers(page: str) -> list[str]:
    parser = Markers()
    parser.feed(page)
    return sorted(parser.found)


def page_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


PAGES = [f"cases/{slug}" for slug in sorted(BODIES)] + ["events/hostile-event", "guidelines"]


@pytest.mark.parametrize("url", PAGES)
def test_a_page_with_a_payload_carries_only_what_it_would_with_harmless_text(
    url: str, hostile: Project, benign: Project
):
    assert markers(page_of(hostile.site, url)) == markers(page_of(benign.site, url))


@pytest.mark.parametrize("url", [page for page in PAGES if page != "guidelines"])
def test_the_rendered_source_carries_only_what_it_would_with_harmless_text(
    url: str, rendered: Path, rendered_benign: Path
):
    assert markers(page_of(rendered, url)) == markers(page_of(rendered_benign, url))


def test_the_checker_names_the_markup_that_will_not_be_published(hostile: Project):
    result = subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "check"],
        cwd=hostile.root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0  # warnings: the markup is removed, never published
    for slug in BODIES:
        assert f"cases/{slug}.md:" in result.stdout, slug
    loader, lists = line_of(hostile, "search-loader", "cb-search"), line_of(hostile, "attribute-lists", "{:")
    assert f"cases/search-loader.md:{loader}: body: warning: id 'cb-search' is removed" in result.stdout
    assert f"cases/attribute-lists.md:{lists}: body: warning: the attribute list" in result.stdout
    assert f"cases/{CONTROL}.md:" not in result.stdout


def line_of(project: Project, slug: str, text: str) -> int:
    lines = (project.cases / f"{slug}.md").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


@pytest.fixture(scope="module")
def hostile_url(hostile: Project) -> Iterator[str]:
    with serve(hostile.site) as url:
        yield url


@pytest.fixture(scope="module")
def rendered_url(rendered: Path) -> Iterator[str]:
    with serve(rendered) as url:
        yield url


def visit(browser, url: str, base: str, act=None) -> tuple[list[str], object]:
    """Open `url` with every request to another host refused and recorded; `act(page)` then
    does what a reader might. Returns the refused requests and window.__pwned."""
    page = browser.new_page()
    elsewhere: list[str] = []

    def route(route, request) -> None:
        if request.url.startswith(base):
            route.continue_()
        else:
            elsewhere.append(request.url)
            route.abort()

    page.route("**/*", route)
    page.on("dialog", lambda dialog: (elsewhere.append(f"dialog {dialog.message}"), dialog.dismiss()))
    page.goto(url, wait_until="networkidle")
    if act is not None:
        act(page)
        page.wait_for_load_state("networkidle")
    pwned = page.evaluate("window.__pwned")
    page.close()
    return elsewhere, pwned


@pytest.mark.browser
@pytest.mark.parametrize("slug", sorted(BODIES))
def test_a_hostile_case_page_runs_nothing_and_requests_no_other_host(slug: str, browser, hostile_url: str):
    assert visit(browser, f"{hostile_url}cases/{slug}/", hostile_url) == ([], None)


@pytest.mark.browser
@pytest.mark.parametrize("slug", sorted(BODIES))
def test_the_rendered_source_runs_nothing_and_requests_no_other_host(slug: str, browser, rendered_url: str):
    assert visit(browser, f"{rendered_url}cases/{slug}/", rendered_url) == ([], None)


@pytest.mark.browser
@pytest.mark.parametrize("url", ["events/hostile-event/", "guidelines/"])
def test_the_event_and_the_guidelines_run_nothing(url: str, browser, hostile_url: str):
    assert visit(browser, hostile_url + url, hostile_url) == ([], None)


@pytest.mark.browser
def test_the_explorer_gadget_does_nothing_when_clicked(browser, hostile_url: str):
    def click(page) -> None:
        # Its form and checkbox are gone (contributed prose has none); what is left is clicked.
        assert page.locator("article input, article form, [data-cb-filterable]").count() == 0
        page.locator("article ol").last.click()

    assert visit(browser, f"{hostile_url}cases/explorer-gadget/", hostile_url, click) == ([], None)


@pytest.mark.browser
def test_instant_navigation_to_a_hostile_page_runs_nothing(browser, hostile_url: str):
    def navigate(page) -> None:
        page.goto(f"{hostile_url}cases/", wait_until="networkidle")
        for slug in ("search-loader", "theme-hooks", "attribute-lists"):
            page.get_by_role("link", name=f"Case {slug}").first.click()
            page.wait_for_load_state("networkidle")
            page.go_back()

    assert visit(browser, hostile_url, hostile_url, navigate) == ([], None)
