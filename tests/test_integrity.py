"""Site integrity: reproducible bytes, sound links, no request to another host, axe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from conftest import Project, case_text, differing_files
from linkcheck import broken_links

# One page of every kind the site generates, in the shipped collection.
PAGE_KINDS = {
    "home": "",
    "case": "cases/cbs-urban-data-centres/",
    "listing": "cases/",
    "type": "types/co-creation/",
    "challenge": "challenges/maintaining-momentum/",
    "country": "countries/nl/",
    "matrix": "matrix/",
    "events": "events/",
    "event": "events/unece-high-level-seminar-sdg-partnerships-2018/",
    "lessons": "lessons/",
    "guidelines": "guidelines/",
    "sources": "sources/",
    "statistics": "stats/",
    "data": "data/",
    "contribute": "contribute/",
    "search": "search/?q=mobile",
}


def test_two_builds_of_the_same_input_are_byte_identical(project: Project):
    project.add("a.md", case_text(title="A case"))
    project.add("b.md", case_text(title="B case", country="NO", reviewed="2024-02-29"))
    site = project.site
    assert project.build(env={"SOURCE_DATE_EPOCH": "2000000000"}).returncode == 0
    first = site.rename(project.root / "first")
    assert project.build(env={"SOURCE_DATE_EPOCH": "2000000000"}).returncode == 0
    assert differing_files(first, site) == []


def test_only_the_events_page_and_calendar_depend_on_the_day_of_the_build(project: Project):
    """They say which events are upcoming, as of the build's day (SOURCE_DATE_EPOCH fixes it)."""
    project.add("a.md", case_text(title="A case"))
    (project.root / "events").mkdir()
    (project.root / "events/meeting.md").write_text(
        "---\ntitle: A meeting\nkind: meeting\nstart: 2020-01-01\nplace: online\n"
        "organisers: [UNECE]\nsummary: A meeting.\n---\n"
    )
    assert project.build(env={"SOURCE_DATE_EPOCH": "0"}).returncode == 0
    first = project.site.rename(project.root / "first")
    assert project.build(env={"SOURCE_DATE_EPOCH": "2000000000"}).returncode == 0
    assert sorted(differing_files(first, project.site)) == ["events.ics", "events/index.html"]


def test_sitemap_dates_come_from_the_cases_not_the_clock(project: Project):
    project.add("a.md", case_text(reviewed="2024-02-29"))
    assert project.build().returncode == 0
    sitemap = (project.site / "sitemap.xml").read_text()
    assert set(re.findall(r"<lastmod>([^<]+)", sitemap)) == {"2024-02-29"}


def test_shipped_site_has_no_broken_internal_link(shipped_site: Path):
    assert broken_links(shipped_site) == []


def test_link_checker_finds_a_broken_link(tmp_path: Path):
    (tmp_path / "index.html").write_text('<a href="missing/">x</a><a href="#nowhere">y</a><p id="here"></p>')
    assert broken_links(tmp_path) == ["/index.html -> missing/", "/index.html -> #nowhere (no such anchor)"]


@pytest.fixture(scope="module")
def shipped_url(shipped_site: Path):
    with serve(shipped_site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_page_makes_no_request_to_another_host(kind: str, page, shipped_url: str):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(shipped_url + PAGE_KINDS[kind], wait_until="networkidle")
    assert requests, "the page made no request at all"
    assert [url for url in requests if not url.startswith(shipped_url)] == []


@pytest.mark.browser
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_axe_finds_no_serious_violation(kind: str, page, shipped_url: str):
    assert serious_violations(page, shipped_url + PAGE_KINDS[kind]) == {}


@pytest.mark.browser
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_serious_violation_at_phone_width(kind: str, browser, shipped_url: str):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    assert serious_violations(page, shipped_url + PAGE_KINDS[kind]) == {}
    page.close()


def serious_violations(page, url: str) -> dict[str, list]:
    page.goto(url, wait_until="networkidle")
    violations = Axe().run(page).response["violations"]
    serious = {
        v["id"]: [n["target"] for n in v["nodes"]][:3]
        for v in violations
        if v["impact"] in ("serious", "critical")
    }
    return serious


@pytest.mark.browser
def test_search_finds_a_case_by_a_word_in_its_body(page, shipped_url: str):
    page.goto(shipped_url + "search/")
    page.get_by_label("Search the case studies").fill("Mezuro")
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for()
    assert "Vodafone and Mezuro" in result.inner_text()
