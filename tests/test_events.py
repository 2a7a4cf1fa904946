"""Events (events/*.md) and how access was obtained (access_basis, compensation, safeguards):
checked with file, line and field; pages, the calendar and the filters built from them."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from browser import serve
from casebook.core.events import read_event, reading_list_problems
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from conftest import Project, case_text, case_yaml
from icalendar import Calendar

VOCAB = load_vocabulary()

EVENT = """\
---
title: Seminar on partnerships
kind: seminar
start: 2018-04-11
end: 2018-04-12
place: Geneva
organisers: [UNECE]
cases: [alpha]
documents:
  - title: Programme
    url: https://unece.org/programme
summary: Offices shared their partnerships.
---

The seminar's story.
"""


def event_problems(text: str, cases: tuple[str, ...] = ("alpha", "bravo")) -> list[str]:
    event, problems = read_event("events/seminar.md", text.encode(), VOCAB, cases)
    assert (event is None) == any(p.severity == "error" for p in problems)
    return [str(p) for p in problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_valid_event_has_no_problem():
    assert event_problems(EVENT) == []


def test_an_unknown_case_slug_gets_its_line_and_a_suggestion():
    text = EVENT.replace("cases: [alpha]", "cases: [alpha, brav]")
    assert event_problems(text) == [
        f"events/seminar.md:{line_of(text, 'cases:')}: cases[2]: no case 'brav' (did you mean 'bravo'?): "
        "expected the name of a file in cases/, without .md"
    ]


def test_a_reading_list_naming_no_collection_gets_its_line_and_a_suggestion():
    text = EVENT.replace("summary:", "reading_list: mobile-network-dat\nsummary:")
    event, problems = read_event("events/seminar.md", text.encode(), VOCAB, ("alpha",))
    assert problems == [] and event is not None
    assert [str(p) for p in reading_list_problems([event], {"mobile-network-data"})] == [
        f"events/seminar.md:{line_of(text, 'reading_list:')}: reading_list: no collection "
        "'mobile-network-dat' (did you mean 'mobile-network-data'?): expected the name of a file in "
        "collections/, without .md"
    ]


def test_a_reading_list_is_one_collection_slug():
    [message] = event_problems(EVENT.replace("summary:", "reading_list: [a, b]\nsummary:"))
    assert "reading_list:" in message and "expected" in message


def test_a_misspelt_kind_is_suggested():
    [message] = event_problems(EVENT.replace("kind: seminar", "kind: seminr"))
    assert "kind: unknown term 'seminr' (did you mean 'seminar'?)" in message


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("11/04/2018", "expected a date such as 2018-04-11 or a UTC time such as 2027-03-04T13:00:00Z"),
        ("2018-02-30", "'2018-02-30' is not a real date"),
        ("2027-03-04T13:00:00+01:00", "expected a date such as 2018-04-11"),
    ],
)
def test_a_start_that_is_not_a_date_or_a_utc_time_is_reported(start: str, expected: str):
    [message] = event_problems(EVENT.replace("start: 2018-04-11", f"start: '{start}'"))
    assert f"events/seminar.md:{line_of(EVENT, 'start:')}: start: " in message and expected in message


def test_an_end_before_the_start_is_reported():
    [message] = event_problems(EVENT.replace("end: 2018-04-12", "end: 2018-04-10"))
    assert message.endswith("end: ends before it starts (2018-04-10 < 2018-04-11)")


def test_a_missing_field_is_reported_at_the_opening_fence_with_what_it_holds():
    assert event_problems(EVENT.replace("place: Geneva\n", "")) == [
        "events/seminar.md:1: place: missing required field 'place' (a city, or online); "
        "add a line such as 'place: Geneva' between the '---' lines"
    ]


def test_a_document_on_a_mirror_site_is_a_warning():
    [message] = event_problems(EVENT.replace("https://unece.org/programme", "https://docplayer.net/1-x.html"))
    assert "documents[1].url: warning: 'docplayer.net' is a document-mirror site" in message


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("access_basis", "voluntry", "unknown term 'voluntry' (did you mean 'voluntary'?)"),
        ("compensation", "market", "unknown term 'market' (did you mean 'market-price'?)"),
        ("safeguards", "[code-to-date]", "unknown term 'code-to-date' (did you mean 'code-to-data'?)"),
    ],
)
def test_access_terms_are_checked_with_a_suggestion(field: str, value: str, expected: str):
    text = case_text().replace("status: completed", f"status: completed\n{field}: {value}")
    case, problems = read_case("cases/x.md", text.encode(), VOCAB)
    [message] = [str(p) for p in problems]
    assert (
        case is None
        and f"cases/x.md:{line_of(text, field + ':')}: {field}" in message
        and expected in message
    )


def test_one_access_basis_only():
    text = case_text().replace("status: completed", "status: completed\naccess_basis: [voluntary, contract]")
    [message] = [str(p) for p in read_case("cases/x.md", text.encode(), VOCAB)[1]]
    assert "access_basis: expected one term, got a list" in message


def add_project_files(project: Project, start: str = "2018-04-11") -> None:
    lessons = [{"text": "Alpha lesson at the seminar.", "stage": "running", "event": "seminar"}]
    alpha = case_yaml("Alpha", ["co-creation"], ["it-industry"], lessons)
    alpha = alpha.replace(
        "last_reviewed:", "access_basis: voluntary\nsafeguards: [code-to-data]\nlast_reviewed:"
    )
    project.add("alpha.md", alpha)
    bravo = case_yaml("Bravo", ["policy-maker"], ["it-industry"], [{"text": "Bravo lesson."}], country="GB")
    project.add("bravo.md", bravo.replace("last_reviewed:", "access_basis: contract\nlast_reviewed:"))
    events = project.root / "events"
    events.mkdir(exist_ok=True)
    seminar = EVENT.replace("2018-04-11", start).replace("end: 2018-04-12\n", "")
    (events / "seminar.md").write_text(seminar.replace("summary:", "reading_list: reading\nsummary:"))
    collections = project.root / "collections"
    collections.mkdir(exist_ok=True)
    (collections / "reading.md").write_text(
        "---\ntitle: Read before the seminar\ncurator: secretariat\nsummary: Alpha first.\n"
        "items:\n  - {case: alpha, lesson: 1, note: The lesson learned there.}\n---\n"
    )
    webinar = EVENT.replace("kind: seminar", "kind: webinar").replace(
        "start: 2018-04-11", "start: 2027-03-04T13:00:00Z"
    )
    (events / "webinar.md").write_text(
        webinar.replace("end: 2018-04-12\n", "").replace("Seminar on", "Webinar on")
    )


def casebook_check(project: Project, *paths: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "casebook.authoring.cli", "check", *paths]
    return subprocess.run(command, cwd=project.root, capture_output=True, text=True)


def misspell_the_reading_list(project: Project) -> None:
    seminar = project.root / "events/seminar.md"
    seminar.write_text(seminar.read_text().replace("reading_list: reading", "reading_list: readings"))


def test_casebook_check_of_one_event_file_reports_an_unknown_reading_list(project: Project):
    add_project_files(project)
    misspell_the_reading_list(project)
    result = casebook_check(project, "events/seminar.md")
    assert result.returncode == 1
    assert "reading_list: no collection 'readings' (did you mean 'reading'?)" in result.stdout


def rename_the_seminar(project: Project) -> None:
    (project.root / "events/seminar.md").rename(project.root / "events/seminars.md")


@pytest.mark.parametrize(
    ("break_link", "where", "message"),
    [
        (
            rename_the_seminar,
            "cases/alpha.md",
            "lessons[1].event: no event 'seminar' (did you mean 'seminars'?)",
        ),
        (
            misspell_the_reading_list,
            "events/seminar.md",
            "reading_list: no collection 'readings' (did you mean 'reading'?)",
        ),
    ],
    ids=["a lesson's event", "an event's reading list"],
)
def test_a_misspelt_file_name_fails_the_build_at_its_line(project: Project, break_link, where, message):
    add_project_files(project)
    break_link(project)
    result = project.build()
    assert result.returncode != 0
    assert re.search(rf"{re.escape(where)}:\d+: {re.escape(message)}", result.stderr), result.stderr


def test_casebook_check_reports_a_bad_event_file(project: Project):
    add_project_files(project)
    (project.root / "events/seminar.md").write_text(EVENT.replace("cases: [alpha]", "cases: [alpa]"))
    result = casebook_check(project)
    assert result.returncode == 1
    assert "events/seminar.md:" in result.stdout and "no case 'alpa' (did you mean 'alpha'?)" in result.stdout


@pytest.fixture
def built(project: Project) -> Project:
    add_project_files(project)
    result = project.build(env={"SOURCE_DATE_EPOCH": "1790000000"})  # 21 September 2026
    assert result.returncode == 0, result.stderr
    return project


def test_the_events_page_lists_upcoming_events_first_then_past_ones(built: Project):
    page = built.page("events/")
    upcoming, past = page.index("Webinar on partnerships"), page.index("Seminar on partnerships")
    assert page.index(">Upcoming<") < upcoming < page.index(">Past<") < past
    assert '<time datetime="2026-09-21">2026-09-21</time>' in page


def test_an_event_page_shows_its_cases_and_the_lessons_learned_there(built: Project):
    page = built.page("events/seminar/")
    assert "Cases presented" in page and 'href="../../cases/alpha/"' in page
    assert "Alpha lesson at the seminar." in page and "The seminar's story." in page


def test_an_event_page_links_the_collection_it_names_as_its_reading_list(built: Project):
    page = built.page("events/seminar/")
    assert 'id="reading-list"' in page
    assert '<a href="../../collections/reading/">Read before the seminar</a>' in page
    assert "Alpha first." in page and "reading-list" not in built.page("events/webinar/")


def test_a_case_page_lists_the_events_it_was_presented_at(built: Project):
    page = built.page("cases/alpha/")
    assert "Presented at" in page and 'href="../../events/seminar/"' in page
    assert "Learned at" in page
    assert "Voluntary agreement" in page and "Code to data" in page


def test_the_calendar_is_rfc_5545_with_every_event(built: Project):
    calendar = Calendar.from_ical((built.site / "events.ics").read_bytes())
    entries = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    seminar = entries["seminar@casebook.example.org"]
    assert seminar.decoded("DTSTART") == dt.date(2018, 4, 11)
    assert seminar.decoded("DTEND") == dt.date(2018, 4, 12)  # all day: the end is exclusive
    webinar = entries["webinar@casebook.example.org"]
    assert webinar.decoded("DTSTART") == dt.datetime(2027, 3, 4, 13, tzinfo=dt.UTC)
    assert str(webinar["LOCATION"]) == "Geneva" and str(webinar["URL"]).endswith("/events/webinar/")


def test_source_date_epoch_decides_what_is_upcoming(project: Project):
    add_project_files(project)
    assert project.build(env={"SOURCE_DATE_EPOCH": "1900000000"}).returncode == 0  # March 2030
    page = project.page("events/")
    assert page.index(">Past<") < page.index("Webinar on partnerships")


def test_the_exports_carry_the_access_fields(built: Project):
    csv = (built.site / "api/cases.csv").read_text(encoding="utf-8-sig")
    header, alpha = csv.splitlines()[0], next(line for line in csv.splitlines() if line.startswith("alpha,"))
    assert "access_basis,compensation,safeguards" in header
    assert ",voluntary,,code-to-data," in alpha
    assert '"access_basis":"voluntary"' in (built.site / "api/cases.json").read_text()


def test_the_stats_page_charts_cases_by_access_basis(built: Project):
    page = built.page("stats/")
    assert "Cases by how access was obtained" in page and "cases/?access=voluntary" in page


@pytest.mark.browser
def test_the_explorer_and_the_listing_filter_by_the_access_facets(built: Project, browser):
    with serve(built.site) as base:
        page = browser.new_page()
        page.goto(f"{base}/lessons/?access=voluntary")
        page.locator("[data-cb-filterable][data-cb-started]").wait_for(state="attached")
        texts = page.locator("[data-cb-list] [data-cb-item]:visible [data-cb-text]").all_inner_texts()
        assert texts == ["Alpha lesson at the seminar."]
        page.goto(f"{base}/cases/?access=contract&access=voluntary&safeguard=code-to-data")
        page.locator("[data-cb-filterable][data-cb-started]").wait_for(state="attached")
        rows = page.locator("[data-cb-list] [data-cb-item]:visible").all_inner_texts()
        assert len(rows) == 1 and "Alpha" in rows[0]
        page.get_by_role("button", name="Remove filter: Contract").click()
        assert "access=contract" not in page.url and "access=voluntary" in page.url
        page.close()


def test_no_events_folder_means_no_events_and_no_error(project: Project):
    project.add("a.md", case_yaml("A", ["co-creation"], ["it-industry"], [{"text": "A lesson."}]))
    assert project.build().returncode == 0
    assert "No past event is listed yet." in project.page("events/")


def test_the_shipped_events_are_valid():
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    assert result.returncode == 0 and "events valid" in result.stderr


def test_a_bad_event_file_fails_the_build_with_its_line(project: Project):
    add_project_files(project)
    (project.root / "events/seminar.md").write_text(EVENT.replace("kind: seminar", "kind: seminr"))
    result = project.build()
    assert result.returncode != 0
    assert f"events/seminar.md:{line_of(EVENT, 'kind:')}: kind: unknown term 'seminr'" in result.stderr
