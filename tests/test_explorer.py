"""The lessons explorer in a real browser: URL to view, controls to URL, facets, no-JS view."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from conftest import MKDOCS, REPO, case_yaml

pytestmark = pytest.mark.browser

CASES = {
    "alpha": case_yaml(
        "Alpha",
        ["co-creation"],
        ["maintaining-momentum"],
        [
            {"text": "Alpha lesson on momentum.", "stage": "running"},
            {"text": "Alpha lesson set to policy makers.", "partnership_types": ["policy-maker"]},
        ],
        country="NO",
        sector="government",
    ),
    "bravo": case_yaml(
        "Bravo",
        ["policy-maker"],
        ["policy-red-lines"],
        [{"text": "Bravo lesson on red lines.", "stage": "agreeing"}],
        country="GB",
    ),
    "charlie": case_yaml(
        "Charlie",
        ["supplier-recipient"],
        ["maintaining-momentum", "confidentiality-data-sharing"],
        [
            {"text": "Charlie lesson on suppliers.", "stage": "identifying"},
            {"text": "Charlie lesson on the IT industry.", "challenges": ["it-industry"]},
        ],
    ),
}


def build_site(root: Path, extra_config: str = "", cases: dict[str, str] = CASES) -> Path:
    """The shipped configuration with `extra_config` added to the plugin's settings."""
    config = (REPO / "mkdocs.yml").read_text()
    plugin = "      cases_dir: cases\n"
    (root / "mkdocs.yml").write_text(config.replace(plugin, plugin + extra_config))
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "cases").mkdir()
    for slug, text in cases.items():
        (root / "cases" / f"{slug}.md").write_text(text)
    site = root / "site"
    subprocess.run([*MKDOCS, "build", "-q", "--strict", "-d", str(site)], cwd=root, check=True)
    return site


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(build_site(tmp_path_factory.mktemp("explorer"))) as url:
        yield url


def open_view(page, url: str) -> None:
    """Open a filterable page and wait until its filters are live."""
    page.goto(url)
    page.locator("[data-cb-filterable][data-cb-started]").wait_for(state="attached")


def shown(page) -> list[str]:
    return page.locator("[data-cb-list] [data-cb-item]:visible [data-cb-text]").all_inner_texts()


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_url_with_a_type_shows_exactly_that_types_lessons(page, site_url):
    open_view(page, site_url + "lessons/?type=co-creation")
    assert shown(page) == ["Alpha lesson on momentum."]
    assert page.get_by_role("checkbox", name="Co-creation partnership").is_checked()
    assert page.locator("[data-cb-count]").inner_text() == "Lessons: 1 of 5"


def test_ticking_another_type_widens_the_list_and_updates_the_url(page, site_url):
    open_view(page, site_url + "lessons/?type=co-creation")
    page.get_by_role("checkbox", name="Policy maker partnership").check()
    assert shown(page) == [
        "Alpha lesson on momentum.",
        "Alpha lesson set to policy makers.",
        "Bravo lesson on red lines.",
    ]
    assert query(page) == {"type": ["policy-maker", "co-creation"]}


def test_values_of_one_facet_combine_with_or_and_facets_with_and(page, site_url):
    open_view(
        page, site_url + "lessons/?type=co-creation&type=supplier-recipient&challenge=maintaining-momentum"
    )
    assert shown(page) == ["Alpha lesson on momentum.", "Charlie lesson on suppliers."]
    open_view(page, site_url + "lessons/?type=supplier-recipient&country=nl&stage=identifying")
    assert shown(page) == ["Charlie lesson on suppliers."]


def test_lesson_is_filtered_by_its_own_types_not_its_cases(page, site_url):
    open_view(page, site_url + "lessons/?type=policy-maker")
    assert shown(page) == ["Alpha lesson set to policy makers.", "Bravo lesson on red lines."]
    open_view(page, site_url + "lessons/?challenge=it-industry")
    assert shown(page) == ["Charlie lesson on the IT industry."]


def test_counts_beside_values_follow_the_other_filters(page, site_url):
    open_view(page, site_url + "lessons/?challenge=maintaining-momentum")
    count = page.locator('[data-count-for="type=supplier-recipient"]')
    assert count.inner_text() == "1"
    assert page.locator('[data-count-for="challenge=policy-red-lines"]').inner_text() == "1"
    page.get_by_role("checkbox", name="Norway").check()
    assert count.inner_text() == "0"


def test_words_in_the_text_box_filter_on_the_lesson_text(page, site_url):
    open_view(page, site_url + "lessons/")
    page.get_by_label("Words").fill("red lines")
    expect_texts(page, ["Bravo lesson on red lines."])
    assert query(page) == {"text": ["red lines"]}


def test_clear_all_filters_shows_every_lesson(page, site_url):
    open_view(page, site_url + "lessons/?type=co-creation&text=alpha")
    page.get_by_role("button", name="Clear all filters").click()
    assert len(shown(page)) == 5
    assert urlsplit(page.url).query == ""


def test_back_and_forward_move_between_views(page, site_url):
    open_view(page, site_url + "lessons/")
    page.get_by_role("checkbox", name="Co-creation partnership").check()
    page.get_by_role("checkbox", name="Policy maker partnership").check()
    assert len(shown(page)) == 3
    page.go_back(wait_until="networkidle")  # instant navigation may reload the page's content
    expect_texts(page, ["Alpha lesson on momentum."])
    assert not page.get_by_role("checkbox", name="Policy maker partnership").is_checked()
    page.go_forward(wait_until="networkidle")
    expect_texts(
        page,
        ["Alpha lesson on momentum.", "Alpha lesson set to policy makers.", "Bravo lesson on red lines."],
    )


def test_chip_on_a_lesson_opens_the_view_for_that_value(page, site_url):
    open_view(page, site_url + "lessons/")
    lesson = page.locator("[data-cb-item]", has_text="Bravo lesson on red lines.")
    lesson.get_by_role("link", name="Managing policy red lines").click()
    expect_texts(page, ["Bravo lesson on red lines."])
    assert query(page) == {"challenge": ["policy-red-lines"]}


def test_result_count_is_announced_to_screen_readers(page, site_url):
    open_view(page, site_url + "lessons/?stage=agreeing")
    status = page.get_by_role("status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "Lessons: 1 of 5"


def test_without_javascript_every_lesson_is_listed(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "lessons/?type=co-creation")
    assert len(shown(page)) == 5
    assert not page.locator("[data-cb-filters]").is_visible()
    context.close()


def test_type_page_links_to_the_prefiltered_explorer(page, site_url):
    page.goto(site_url + "types/co-creation/")
    page.get_by_role("link", name="All 1 lesson: Co-creation partnership").click()
    page.wait_for_url(re.compile(r"lessons/\?type=co-creation$"))
    expect_texts(page, ["Alpha lesson on momentum."])


def test_matrix_cell_links_to_the_filtered_cases(page, site_url):
    page.goto(site_url + "matrix/")
    page.get_by_role("link", name="1 case: Supplier/recipient partnership, Maintaining momentum").click()
    page.wait_for_url(re.compile(r"cases/\?type=supplier-recipient&challenge=maintaining-momentum$"))
    rows = page.locator("[data-cb-list] [data-cb-item]:visible td:first-child")
    expect_rows(rows, ["Charlie"])


def test_keyboard_alone_can_tick_a_facet(page, site_url):
    open_view(page, site_url + "lessons/")
    page.get_by_role("checkbox", name="Co-creation partnership").focus()
    page.keyboard.press("Space")
    expect_texts(page, ["Alpha lesson on momentum."])


def test_axe_finds_no_serious_violation_on_the_explorer(page, site_url):
    open_view(page, site_url + "lessons/?type=co-creation")
    violations = Axe().run(page).response["violations"]
    serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


def expect_texts(page, texts: list[str]) -> None:
    page.wait_for_function(
        """n => document.querySelector('[data-cb-filterable][data-cb-started]')
            && document.querySelectorAll('[data-cb-list] [data-cb-item]:not([hidden])').length === n""",
        arg=len(texts),
    )
    assert shown(page) == texts


def expect_rows(rows, texts: list[str]) -> None:
    rows.first.wait_for()
    assert rows.all_inner_texts() == texts


@pytest.fixture(scope="module")
def short_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same collection, with the explorer page listing only 2 lessons without JavaScript."""
    with serve(build_site(tmp_path_factory.mktemp("short"), "      lessons_listed: 2\n")) as url:
        yield url


def test_without_javascript_a_long_list_is_cut_with_a_notice(browser, short_site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(short_site_url + "lessons/")
    assert len(shown(page)) == 2
    assert "lists the first 2 of 5 lessons" in page.locator("[data-cb-partial]").inner_text()
    context.close()


def test_without_javascript_next_page_links_lead_through_every_lesson(browser, short_site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(short_site_url + "lessons/")
    read = shown(page)
    for _ in range(5):
        following = page.get_by_role("link", name="Next page")
        if not following.count():
            break
        following.first.click()
        read += page.locator(".cb-lesson-list [data-cb-text]").all_inner_texts()
        assert page.get_by_role("link", name="Previous page").count() == 2  # above and below
    assert len(read) == 5 and len(set(read)) == 5
    assert page.locator(".cb-pager [aria-current=page]").first.inner_text() == "3"
    context.close()


def test_with_javascript_the_explorer_filters_every_lesson_from_its_data(page, short_site_url):
    open_view(page, short_site_url + "lessons/?challenge=it-industry")
    assert shown(page) == ["Charlie lesson on the IT industry."]
    assert not page.locator("[data-cb-partial]").is_visible()


TWELVE_COUNTRIES = ["AT", "BE", "CI", "DE", "DK", "ES", "FI", "FR", "IT", "NL", "NO", "SE"]


@pytest.fixture(scope="module")
def many_lessons_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """105 cases of one lesson: more than the explorer draws, or the listing shows, at once (100),
    from twelve countries: a long group."""
    root = tmp_path_factory.mktemp("many")
    cases = {
        f"case-{n:03d}": case_yaml(
            f"Case {n:03d}",
            ["co-creation"],
            ["it-industry"],
            [{"text": f"Lesson {n:03d}."}],
            country=TWELVE_COUNTRIES[n % 12],
        )
        for n in range(105)
    }
    with serve(build_site(root, cases=cases)) as url:
        yield url


def test_cases_listing_sorts_by_a_column_heading(page, site_url):
    open_view(page, site_url + "cases/")
    heading = page.get_by_role("button", name="Country")
    heading.click()
    countries = page.locator("[data-cb-list] tr td:nth-child(3)")
    assert countries.all_inner_texts() == ["Netherlands", "Norway", "United Kingdom"]
    heading.click()
    assert countries.all_inner_texts() == ["United Kingdom", "Norway", "Netherlands"]
    assert page.locator("th", has=heading).get_attribute("aria-sort") == "descending"


def listed_cases(page) -> list[str]:
    return page.locator("[data-cb-list] tr:visible td:first-child").all_inner_texts()


@pytest.mark.parametrize("path", ["lessons/", "cases/"])
def test_a_long_list_shows_a_hundred_then_more_on_demand(page, many_lessons_url, path: str):
    """The explorer draws lessons from its data, the listing shows rows of its page."""
    listed = shown if path == "lessons/" else listed_cases
    open_view(page, many_lessons_url + path)
    assert len(listed(page)) == 100
    more = page.get_by_role("button", name="Show more (5)")
    more.click()
    assert len(listed(page)) == 105
    assert more.is_hidden()


def test_a_sorted_cases_listing_shows_its_first_hundred_in_the_new_order(page, many_lessons_url):
    open_view(page, many_lessons_url + "cases/")
    heading = page.get_by_role("button", name="Case")
    heading.click()  # ascending: the order it had
    heading.click()  # descending
    listed = listed_cases(page)
    assert listed[:2] == ["Case 104", "Case 103"] and len(listed) == 100


def test_without_javascript_the_cases_listing_shows_every_case(browser, many_lessons_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(many_lessons_url + "cases/")
    assert len(listed_cases(page)) == 105
    context.close()


# The first screen: a shared filtered link shows its answer without scrolling.
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", ["lessons/?type=policy-maker", "cases/?type=co-creation&country=no"])
def test_a_filtered_view_shows_its_first_result_on_the_first_screen(browser, site_url, viewport, path):
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    open_view(page, site_url + path)
    first = page.locator("[data-cb-list] [data-cb-item]:visible").first
    box = first.bounding_box()
    assert box is not None and box["y"] < VIEWPORTS[viewport]["height"], (viewport, path, box)
    page.close()


def test_on_a_phone_the_filters_fold_behind_a_button_and_every_facet_stays_reachable(browser, site_url):
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    open_view(page, site_url + "lessons/?type=co-creation")
    norway = page.get_by_role("checkbox", name="Norway")
    assert not norway.is_visible()
    page.get_by_text("Filters (active: 1)").click()
    norway.check()
    assert query(page) == {"type": ["co-creation"], "country": ["no"]}
    page.close()


def test_active_filters_show_as_chips_that_remove_them(page, site_url):
    open_view(page, site_url + "lessons/?type=co-creation&challenge=maintaining-momentum")
    chips = page.locator("[data-cb-active] button")
    assert chips.all_inner_texts() == ["Co-creation partnership ×", "Maintaining momentum ×"]
    page.get_by_role("button", name="Remove filter: Co-creation partnership").click()
    assert query(page) == {"challenge": ["maintaining-momentum"]}
    assert not page.get_by_role("checkbox", name="Co-creation partnership").is_checked()


def test_a_country_on_the_map_opens_its_page(page, site_url):
    page.goto(site_url + "countries/")
    page.get_by_role("link", name="Netherlands: 1 case").click()
    page.wait_for_url(re.compile(r"countries/nl/$"))


def test_the_keyboard_reaches_the_countries_on_the_map(page, site_url):
    page.goto(site_url + "countries/")
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.getAttribute('aria-label')")
        if name and name.endswith(("case", "cases")):
            reached.append(name)
    assert {"Norway: 1 case", "United Kingdom: 1 case", "Netherlands: 1 case"} <= set(reached)


def test_the_countries_page_opens_through_instant_navigation_with_its_map(page, site_url):
    page.goto(site_url + "matrix/")
    page.locator(".md-nav").get_by_role("link", name="Countries", exact=True).first.click()
    page.wait_for_url(re.compile(r"countries/$"))
    assert page.locator(".cb-map svg a").count() == 3


def test_a_long_group_has_a_box_to_find_a_value_by_typing(page, many_lessons_url):
    open_view(page, many_lessons_url + "lessons/?country=no")
    group = page.locator("[data-facet=country]")
    values = group.locator(".cb-facet__value:visible label")
    assert values.count() == 12
    group.get_by_role("searchbox", name="Find in Countries").fill("cote")
    assert [text.split(" ")[0] for text in values.all_inner_texts()] == ["Côte", "Norway"]  # ticked stays
    assert query(page) == {"country": ["no"]}
    page.get_by_role("button", name="Clear all filters").click()
    assert values.count() == 12
    assert group.get_by_role("searchbox").input_value() == ""
