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
    "countries": "countries/",
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
    "updates": "updates/",
    "lessons page": "lessons/page/2/",
    "guidelines tool": "guidelines/route-to-data/",
    "guidelines checklist": "guidelines/agreement-checklist/",
    "guidelines method": "guidelines/evidence/",
    "not found": "404.html",
    "home fr": "fr/",
    "case fr": "fr/cases/insee-orange-covid-population/",
    "listing ru": "ru/cases/",
    "lessons fr": "fr/lessons/?type=co-creation",
    "guidelines ru": "ru/guidelines/",
    "guidelines tool fr": "fr/guidelines/route-to-data/",
    "data ru": "ru/data/",
    "search fr": "fr/search/?q=mobile",
    "case ru": "ru/cases/gss-vodafone-flowminder-cdr/",
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
def test_page_makes_no_request_to_another_host_nor_a_failing_one(kind: str, page, shipped_url: str):
    requests: list[str] = []
    failing: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: failing.append(response.url) if response.status >= 400 else None)
    page.goto(shipped_url + PAGE_KINDS[kind], wait_until="networkidle")
    assert requests, "the page made no request at all"
    assert [url for url in requests if not url.startswith(shipped_url)] == []
    assert failing == []


# Records every Content Security Policy violation the page reports, from its first script on.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || ""));
});
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


@pytest.mark.browser
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_every_page_carries_the_policy_and_works_under_it(kind: str, page, shipped_url: str):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(shipped_url + PAGE_KINDS[kind], wait_until="networkidle")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert policy.count() == 1
    assert "script-src 'self'" in (policy.get_attribute("content") or "")
    assert violations(page) == []


@pytest.mark.browser
def test_instant_navigation_between_kinds_of_page_breaks_no_policy(page, shipped_url: str):
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(shipped_url, wait_until="networkidle")
    for link in ("All cases", "Latest developments", "Search"):
        page.get_by_role("link", name=link, exact=True).first.click()
        page.wait_for_load_state("networkidle")
    page.get_by_label("Search the case studies").fill("mobile")
    page.locator(".pagefind-ui__result").first.wait_for()
    page.go_back()
    page.get_by_role("link", name="Lessons explorer", exact=True).first.click()
    page.locator("[data-cb-started]").wait_for()
    page.goto(shipped_url + "cases/cbs-urban-data-centres/", wait_until="networkidle")
    page.locator(".md-content a[href*='challenges/']").first.click()
    page.wait_for_load_state("networkidle")
    assert violations(page) == []


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


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [(1366, 900), (390, 844)])
@pytest.mark.parametrize("path", ["lessons/?type=policy-maker", "cases/?type=open-innovation&country=mx"])
def test_a_shared_filtered_link_to_the_shipped_collection_answers_on_the_first_screen(
    browser, shipped_url: str, viewport: tuple[int, int], path: str
):
    width, height = viewport
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(shipped_url + path)
    page.locator("[data-cb-filterable][data-cb-started]").wait_for(state="attached")
    box = page.locator("[data-cb-list] [data-cb-item]:visible").first.bounding_box()
    assert box is not None and box["y"] < height, (viewport, path, box)
    page.close()


@pytest.mark.browser
def test_every_country_of_the_shipped_collection_is_on_the_map_or_beside_it(page, shipped_url: str):
    page.goto(shipped_url + "countries/")
    listed = page.locator("table.cb-countries tbody td:first-child a").all_inner_texts()
    on_map = [
        name.split(":")[0]
        for name in page.locator(".cb-map svg a").evaluate_all(
            "links => links.map(link => link.getAttribute('aria-label'))"
        )
    ]
    beside = page.locator(".cb-map-aside a").all_inner_texts()
    assert sorted(on_map + beside) == sorted(listed)
    assert len(on_map) > len(beside)


@pytest.mark.browser
def test_a_case_on_a_phone_shows_its_metadata_at_a_glance(browser, shipped_url: str):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(shipped_url + "cases/ons-open-sdg-platform/")
    tiles = page.locator(".cb-glance__facts > div")
    labels = [text.split("\n")[0] for text in tiles.all_inner_texts()]
    assert [label.lower() for label in labels] == ["status", "period", "country", "organisation"]
    status, period, country, organisation = (tiles.nth(i).bounding_box() for i in range(4))
    assert status["y"] == period["y"] < country["y"] == organisation["y"]  # two by two
    chip = page.locator(".cb-glance .cb-chip--partnership_types").first.bounding_box()
    assert chip is not None and chip["y"] + chip["height"] < 844
    page.close()
