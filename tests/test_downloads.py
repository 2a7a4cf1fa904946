"""Export what you filtered (issue 25): the lessons explorer and the cases listing download
exactly the items their filters show, in the order shown, with the open data's columns; made
in the browser from the site's own files; without JavaScript, links to the whole files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bibtexparser
import pytest
from browser import serve
from conftest import case_yaml, new_project

pytestmark = pytest.mark.browser

CASES = {
    "a-office": dict(types=["co-creation"], challenges=["maintaining-momentum"], country="NO"),
    "b-office": dict(types=["policy-maker"], challenges=["maintaining-momentum"], country="FR"),
    "c-office": dict(types=["co-creation", "policy-maker"], challenges=["it-industry"], country="DE"),
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory):
    project = new_project(tmp_path_factory.mktemp("downloads") / "project")
    for slug, values in CASES.items():
        lessons = [
            {"text": f"=SUM(1) is how {slug} began.", "stage": "agreeing"},
            {"text": f'Ending, {slug} said "goodbye"; then, a new line.', "stage": "closing"},
        ]
        project.add(f"{slug}.md", case_yaml(slug.replace("-", " ").title(), lessons=lessons, **values))
    result = project.build()
    assert result.returncode == 0, result.stderr
    with serve(project.site) as url:
        yield url


def downloaded(page, link_name: str) -> tuple[str, str]:
    """The file a link of the downloads paragraph gives: its name and its text."""
    with page.expect_download() as info:
        page.locator("[data-cb-downloads]").get_by_role("link", name=link_name, exact=True).click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_text(encoding="utf-8")


def test_the_explorer_downloads_exactly_the_filtered_lessons_as_csv(page, site_url):
    page.goto(f"{site_url}lessons/?type=co-creation&stage=agreeing")
    page.wait_for_selector("[data-cb-started]")
    label = page.locator("[data-cb-downloads-label]")
    assert label.inner_text() == "Download these 2:"
    shown = page.locator("[data-cb-list] a[href*='#lesson-']").evaluate_all("els => els.map(e => e.href)")
    name, text = downloaded(page, "CSV")
    assert name == "casebook-lessons-2.csv"
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [row["url"].split("/cases/")[1] for row in rows] == [url.split("/cases/")[1] for url in shown]
    assert len(shown) == 2
    assert list(rows[0]) == [
        "case",
        "text",
        "partnership_types",
        "challenges",
        "stage",
        "country",
        "event",
        "url",
    ]
    assert rows[0]["text"].startswith("'=SUM(1)")  # a spreadsheet shows it, and does not run it


def test_the_count_in_the_link_follows_the_filters(page, site_url):
    page.goto(f"{site_url}lessons/")
    page.wait_for_selector("[data-cb-started]")
    assert page.locator("[data-cb-downloads-label]").inner_text() == "Download these 6:"
    page.get_by_label("Closing").first.check()
    assert page.locator("[data-cb-downloads-label]").inner_text() == "Download these 3:"


def test_the_json_download_holds_the_open_datas_records_of_the_filtered_lessons(page, site_url):
    page.goto(f"{site_url}lessons/?country=fr")
    page.wait_for_selector("[data-cb-started]")
    _, text = downloaded(page, "JSON")
    everything = json.loads(page.request.get(f"{site_url}api/lessons.json").text())
    assert json.loads(text) == [record for record in everything if record["case"] == "b-office"]


def test_the_cases_listing_downloads_its_filtered_cases_in_the_order_shown(page, site_url):
    page.goto(f"{site_url}cases/?type=co-creation")
    page.wait_for_selector("[data-cb-started]")
    page.get_by_role("button", name="Country").click()  # Germany before Norway: not the first order
    shown = page.locator("[data-cb-list] tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => r.dataset.cbKey)"
    )
    assert shown == ["c-office", "a-office"]
    _, bib = downloaded(page, "BibTeX")
    assert [entry.key for entry in bibtexparser.parse_string(bib).entries] == shown
    _, text = downloaded(page, "CSV")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [row["slug"] for row in rows] == shown
    header = page.request.get(f"{site_url}api/cases.csv").text().removeprefix("\ufeff").splitlines()[0]
    assert ",".join(rows[0]) == header


def test_without_javascript_the_links_lead_to_the_whole_files(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}cases/")
    links = page.locator("[data-cb-downloads] a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert links == ["../api/cases.csv", "../api/cases.json", "../api/casebook.bib"]
    assert page.locator("[data-cb-downloads-label]").inner_text() == "Download every case:"
    context.close()
