"""Real `mkdocs build`s with a survey: /survey/, /gaps/ and the response pages.

Responses come from the fictional fixtures: Alpha and Gamma are public, Beta is internal and
carries the markers BETA-INTERNAL-WORDS and BETA-INTERNAL-LESSON in its free text.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import serve
from conftest import REPO, Project, case_text

FIXTURES = Path(__file__).resolve().parent / "survey_fixtures"
BETA_TRACES = ("BETA-INTERNAL", "Office Beta", "fictional-office-beta", "Malta")


def add_survey(project: Project, *fixtures: str) -> Path:
    """The shipped questionnaire, and the named fixture responses, in the project's survey/."""
    responses = project.root / "survey" / "responses"
    responses.mkdir(parents=True)
    shutil.copy(REPO / "survey/questionnaire.yml", project.root / "survey")
    for name in fixtures:
        shutil.copy(FIXTURES / name, responses)
    return responses


def every_file(site: Path) -> str:
    return "".join(p.read_text(errors="ignore") for p in site.rglob("*") if p.is_file())


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def built(project: Project) -> Project:
    add_survey(
        project, "fictional-office-alpha.yml", "fictional-office-beta.yml", "fictional-office-gamma.yml"
    )
    project.add("x.md", case_text(types="co-creation", challenges="it-industry"))
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    return project


def test_site_builds_with_no_responses_and_says_none_received(project: Project):
    add_survey(project)
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    survey = project.page("survey/")
    assert "No response has been received yet" in survey
    assert "Identifying priority partnership types" in survey  # the questionnaire itself
    assert "No response has been received yet" in project.page("gaps/")


def test_site_builds_without_a_survey_folder_and_says_none_received(project: Project):
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    assert "No response has been received yet" in project.page("survey/")
    assert (project.site / "gaps/index.html").exists()


def test_site_builds_with_a_survey_folder_but_no_responses_folder(project: Project):
    (project.root / "survey").mkdir()
    shutil.copy(REPO / "survey/questionnaire.yml", project.root / "survey")
    assert project.build("--strict").returncode == 0


def test_public_free_text_appears_on_the_survey_page_with_its_office(built: Project):
    survey = built.page("survey/")
    assert "ALPHA-PUBLIC-WORDS New demands come from ministries first." in survey
    assert "GAMMA-PUBLIC-WORDS" in survey
    assert "Fictional Statistics Office Alpha (example)" in text_of(survey)


def test_a_public_response_has_its_own_page(built: Project):
    page = built.page("survey/responses/fictional-office-alpha/")
    assert "<title>Response from Fictional Statistics Office Alpha (example) - Casebook</title>" in page
    assert "Agree who owns the results before the first meeting." in page
    assert "Contracts take a year." in page  # the second paragraph of a multi-line answer


def test_an_internal_response_appears_nowhere_in_the_public_site(built: Project):
    assert not (built.site / "survey/responses/fictional-office-beta").exists()
    everything = every_file(built.site)
    for trace in BETA_TRACES:
        assert trace not in everything, trace


def test_an_internal_response_is_counted(built: Project):
    survey = text_of(built.page("survey/"))
    assert "3 responses from 3 offices, received between 2017-11-20 and 2017-12-01" in survey
    assert "1 more office answered but asked not to be named" in survey
    # Only Beta rates co-creation high, and only Beta ticks 'overtime'.
    importance = survey[survey.index("offices giving each level") :]
    assert "Co-creation partnership 1 0 1 0 2" in importance
    support = survey[survey.index("Administrative support arrangements: offices choosing each") :]
    assert "Overtime 1" in support[:600]


def test_an_internal_response_counts_in_the_gaps(built: Project):
    gaps = text_of(built.page("gaps/"))
    # Alpha and Beta both ask for confidentiality; Beta alone for IT.
    assert "Confidentiality and difficulties in data sharing 2 of 2 offices" in gaps
    assert "Working with the IT industry 1 of 2 offices" in gaps


def test_the_internal_edition_names_and_quotes_internal_responses(project: Project):
    add_survey(project, "fictional-office-beta.yml")
    assert project.build("--strict", env={"CASEBOOK_EDITION": "internal"}).returncode == 0
    assert "BETA-INTERNAL-WORDS" in project.page("survey/")
    assert "Internal response" in project.page("survey/responses/fictional-office-beta/")


def test_every_closed_question_has_a_chart_and_a_table(built: Project):
    survey = built.page("survey/")
    for question_id in (
        "importance",
        "challenge-experience",
        "most-challenging",
        "support",
        "meeting-forums",
    ):
        chart = survey[survey.index(f'id="chart-{question_id}"') :]
        assert "<svg" in chart[:400] and "<table" in chart


def test_the_gaps_page_ranks_a_wanted_topic_without_a_case_among_the_cases_to_seek(built: Project):
    gaps = built.page("gaps/")
    seek = text_of(gaps[gaps.index('id="cases-to-seek-next"') : gaps.index('id="partnership-types"')])
    assert "Policy maker partnership (partnership type) : 0 cases" in seek


def test_a_bad_response_fails_the_build_with_path_line_field_and_message(project: Project):
    responses = add_survey(project)
    shutil.copy(FIXTURES / "bad/level-near-miss.yml", responses)
    for args in ((), ("--strict",)):
        result = project.build(*args)
        assert result.returncode != 0
        assert (
            "survey/responses/level-near-miss.yml:10: answers.importance.co-creation: unknown level 'hihg' "
            "(did you mean 'high'?)" in result.stderr
        )
        assert "Traceback" not in result.stderr


def test_respondent_text_is_escaped(project: Project):
    responses = add_survey(project)
    (responses / "x.yml").write_text(
        'office: "<script>alert(1)</script>"\ncountry: IS\nrespondent_role: management\n'
        'visibility: public\nanswers:\n  management-lessons: "<b>bold</b> [x](javascript:alert(2))"\n'
    )
    assert project.build("--strict").returncode == 0
    everything = every_file(project.site)
    assert "<script>alert(1)</script>" not in everything
    assert "<b>bold</b>" not in everything and 'href="javascript:' not in everything
    assert "&lt;b&gt;bold&lt;/b&gt;" in project.page("survey/")
    assert "<title>Response from &lt;script&gt;alert(1)&lt;/script&gt; - Casebook</title>" in project.page(
        "survey/responses/x/"
    )


def test_shipped_site_has_survey_and_gaps_pages_and_no_response(shipped_site: Path):
    assert "No response has been received yet" in (shipped_site / "survey/index.html").read_text()
    assert (shipped_site / "gaps/index.html").exists()
    assert not (shipped_site / "survey/responses").exists()


@pytest.mark.browser
@pytest.mark.parametrize("url", ["survey/", "gaps/", "survey/responses/fictional-office-alpha/"])
def test_axe_finds_no_serious_violation_on_the_survey_pages(built: Project, page, url: str):
    with serve(built.site) as base:
        page.goto(base + url)
        violations = Axe().run(page).response["violations"]
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
