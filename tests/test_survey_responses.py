"""Response files: checked against the questionnaire, every mistake as path:line: field: message.

`survey_fixtures/bad/` holds one fictional response per mistake, and `bad-expected.yml` says
what a secretariat should be told about each.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from casebook.core.vocabulary import load_vocabulary
from casebook.survey import load_survey
from casebook.survey.questionnaire import load_questionnaire
from casebook.survey.response_file import blank_response
from casebook.survey.responses import load_responses, read_response
from conftest import REPO

VOCAB = load_vocabulary()
FIXTURES = Path(__file__).resolve().parent / "survey_fixtures"
BAD = FIXTURES / "bad"
EXPECTED: dict[str, dict[str, object]] = yaml.safe_load((FIXTURES / "bad-expected.yml").read_text("utf-8"))
VALID_IN_BAD = {"duplicate-office-a.yml"}  # the first of the pair is itself fine
QUESTIONNAIRE, _ = load_questionnaire(REPO / "survey/questionnaire.yml", "survey/questionnaire.yml", VOCAB)
assert QUESTIONNAIRE is not None

RESPONSE = """\
office: Fictional Statistics Office Delta (example)
country: {country}
respondent_role: management
visibility: public
answers:
  {answers}
"""


def read(text: str, name: str = "survey/responses/delta.yml"):
    return read_response(name, text.encode("utf-8"), QUESTIONNAIRE)


def response_text(answers: str = "most-challenging: [it-industry]", country: str = "IS") -> str:
    return RESPONSE.format(answers=answers, country=country)


@pytest.fixture(scope="module")
def bad_reports() -> list[str]:
    _, problems = load_responses(BAD, FIXTURES, QUESTIONNAIRE)
    return [str(problem) for problem in problems]


def test_every_bad_file_is_listed_in_the_expectations():
    files = {path.name for path in BAD.iterdir()}
    assert files - VALID_IN_BAD == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_mistake_is_reported_with_its_line_field_and_message(name: str, bad_reports: list[str]):
    entry = EXPECTED[name]
    start = f"bad/{name}:{entry['line']}: {entry['field']}: "
    matching = [line for line in bad_reports if line.startswith(start)]
    assert any(str(entry["contains"]) in line for line in matching), (start, bad_reports)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("fictional-office-*.yml")), ids=lambda p: p.stem)
def test_fictional_fixture_responses_load_without_problems(path: Path):
    response, problems = read(path.read_text("utf-8"), path.name)
    assert problems == []
    assert response is not None and response.slug == path.stem


def test_fixture_files_say_they_are_fictional():
    for path in FIXTURES.glob("**/*.yml"):
        if path.name != "bad-expected.yml" and path.stat().st_size:
            assert path.read_text("utf-8").startswith("# FICTIONAL EXAMPLE"), path


def test_answers_are_read_in_questionnaire_order_with_slugs():
    response, problems = read(
        response_text(
            "management-lessons: Start small.\n  importance: {co-creation: high, policy-maker: low}"
        )
    )
    assert problems == []
    assert list(response.answers) == ["importance", "management-lessons"]
    assert response.answers["importance"] == {"policy-maker": "low", "co-creation": "high"}


def test_country_no_stays_norway():
    response, _ = read(response_text(country="NO"))
    assert response.country == "NO"


def test_a_number_in_a_free_text_answer_is_kept_as_written():
    response, _ = read(response_text("management-lessons: 1.10"))
    assert response.answers["management-lessons"] == "1.10"


def test_a_level_that_yaml_1_1_reads_as_a_boolean_stays_text():
    text = response_text("challenge-experience: {it-industry: none}")
    response, problems = read(text)
    assert problems == []
    assert response.answers["challenge-experience"] == {"it-industry": "none"}


def test_blank_answers_count_as_not_answered():
    text = response_text("most-challenging: []\n  management-lessons:\n  importance: {co-creation: high}")
    response, problems = read(text)
    assert problems == []
    assert list(response.answers) == ["importance"]


def test_a_response_with_an_error_is_not_returned_but_reported():
    response, problems = read(response_text("importance: {co-creation: hihg}"))
    assert response is None
    assert [str(p) for p in problems] == [
        "survey/responses/delta.yml:6: answers.importance.co-creation: unknown level 'hihg' "
        "(did you mean 'high'?); expected one of: high, medium, low, none"
    ]


def test_a_yaml_extension_is_reported_with_the_name_to_use(tmp_path: Path):
    (tmp_path / "delta.yaml").write_text(response_text())
    _, problems = load_responses(tmp_path, tmp_path, QUESTIONNAIRE)
    assert [str(p) for p in problems] == [
        "delta.yaml:1: file: not a response file: responses are YAML files ending in .yml; "
        "rename it to 'delta.yml'"
    ]


def test_readme_and_templates_in_the_responses_folder_are_not_responses(tmp_path: Path):
    (tmp_path / "README.md").write_text("# Responses\n")
    (tmp_path / "_template.yml").write_text("office:\n")
    assert load_responses(tmp_path, tmp_path, QUESTIONNAIRE) == ((), [])


def test_one_office_may_send_its_two_parts_as_two_files(tmp_path: Path):
    (tmp_path / "delta-management.yml").write_text(response_text("most-challenging: [it-industry]"))
    (tmp_path / "delta-administration.yml").write_text(response_text("support: [ad-hoc]"))
    responses, problems = load_responses(tmp_path, tmp_path, QUESTIONNAIRE)
    assert problems == []
    assert len(responses) == 2


def test_one_office_answering_a_question_twice_is_an_error_whatever_its_spelling(tmp_path: Path):
    (tmp_path / "a.yml").write_text(response_text())
    (tmp_path / "b.yml").write_text(response_text().replace("Office Delta", "office  DELTA"))
    responses, problems = load_responses(tmp_path, tmp_path, QUESTIONNAIRE)
    assert len(responses) == 1
    assert [str(p) for p in problems] == [
        "b.yml:1: office: 'Fictional Statistics office  DELTA (example)' also answers most-challenging "
        "in a.yml; an office counts once: merge the two responses"
    ]


def test_the_blank_template_names_every_question_and_checks_once_filled_in():
    blank = blank_response(QUESTIONNAIRE)
    for question_id in QUESTIONNAIRE.questions:
        assert f"\n  {question_id}:" in blank
    filled = (
        blank.replace("office: \n", "office: Fictional Statistics Office Delta (example)\n")
        .replace("country:      ", "country: IS  ")
        .replace("respondent_role:  ", "respondent_role: both")
        .replace("    policy-maker:\n", "    policy-maker: high\n", 1)
    )
    response, problems = read(filled)
    assert problems == []
    assert response.answers == {"importance": {"policy-maker": "high"}}
    assert response.visibility == "internal"


def test_a_project_without_a_survey_folder_has_no_survey_and_no_problem(tmp_path: Path):
    survey = load_survey(tmp_path / "survey", tmp_path, VOCAB)
    assert survey.problems == () and survey.responses == () and survey.questionnaire is None


def test_responses_without_a_questionnaire_are_an_error(tmp_path: Path):
    (tmp_path / "survey/responses").mkdir(parents=True)
    (tmp_path / "survey/responses/delta.yml").write_text(response_text())
    survey = load_survey(tmp_path / "survey", tmp_path, VOCAB)
    assert [str(p) for p in survey.problems] == [
        "survey/questionnaire.yml:1: file: missing: the responses in survey/responses/ are read against it"
    ]


def test_a_survey_folder_without_responses_folder_loads_the_questionnaire(tmp_path: Path):
    (tmp_path / "survey").mkdir()
    shutil.copy(REPO / "survey/questionnaire.yml", tmp_path / "survey")
    survey = load_survey(tmp_path / "survey", tmp_path, VOCAB)
    assert survey.problems == () and survey.responses == () and survey.questionnaire is not None


def run_survey(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "survey", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def survey_dir(tmp_path: Path) -> Path:
    (tmp_path / "survey/responses").mkdir(parents=True)
    shutil.copy(REPO / "survey/questionnaire.yml", tmp_path / "survey")
    return tmp_path


def test_survey_check_reports_each_problem_and_exits_one(survey_dir: Path):
    shutil.copy(BAD / "level-near-miss.yml", survey_dir / "survey/responses")
    shutil.copy(FIXTURES / "fictional-office-alpha.yml", survey_dir / "survey/responses")
    result = run_survey(survey_dir, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "survey/responses/level-near-miss.yml:10: answers.importance.co-creation: unknown level 'hihg' "
        "(did you mean 'high'?); expected one of: high, medium, low, none"
    ]
    assert "1 response valid (0 internal); 1 error, 0 warnings" in result.stderr


def test_survey_check_exits_zero_with_no_responses(survey_dir: Path):
    result = run_survey(survey_dir, "check")
    assert result.returncode == 0, result.stderr
    assert "0 responses valid" in result.stderr


def test_survey_check_of_the_shipped_project_is_clean_and_has_no_response():
    result = run_survey(REPO, "check")
    assert result.returncode == 0, result.stdout
    assert "0 responses valid" in result.stderr


def test_shipped_responses_folder_holds_only_its_readme():
    assert sorted(p.name for p in (REPO / "survey/responses").iterdir()) == ["README.md"]


def test_survey_template_prints_a_blank_response(survey_dir: Path):
    result = run_survey(survey_dir, "template")
    assert result.returncode == 0
    assert result.stdout.startswith("# A response to the questionnaire")
    assert "\n  most-challenging: []\n" in result.stdout
