"""`casebook survey import FILE.csv`: an online survey tool's export into response files."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from casebook.core.vocabulary import load_vocabulary
from casebook.survey import load_survey
from conftest import REPO

VOCAB = load_vocabulary()
EXPORT = Path(__file__).resolve().parent / "survey_fixtures" / "fictional-export.csv"
HEADER = "office,country,visibility,importance.policy-maker,most-challenging,management-lessons\n"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "survey").mkdir()
    shutil.copy(REPO / "survey/questionnaire.yml", tmp_path / "survey")
    shutil.copy(EXPORT, tmp_path / "export.csv")
    return tmp_path


def run(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "survey", "import", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def written(workdir: Path) -> list[str]:
    folder = workdir / "survey/responses"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def write_csv(workdir: Path, text: str, name: str = "small.csv") -> str:
    (workdir / name).write_text(text, encoding="utf-8")
    return name


def test_good_rows_become_response_files_and_bad_rows_are_reported_with_their_line(workdir: Path):
    result = run(workdir, "export.csv", "--ignore", "Respondent ID")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "export.csv:6: importance.policy-maker: unknown level 'hihg' (did you mean 'high'?); "
        "expected one of: high, medium, low, none",
        "export.csv:7: country: unknown country code 'XX'; expected an ISO 3166-1 alpha-2 code such as "
        "NO or GB, EU for European Union bodies, or INT for other international bodies",
    ]
    assert written(workdir) == [
        "fictional-statistics-office-eta-example.yml",
        "fictional-statistics-office-zeta-example.yml",
    ]
    assert "wrote 2 response files; 2 rows not imported" in result.stderr
    assert "Traceback" not in result.stderr


def test_imported_files_are_valid_responses_with_slugs_for_labels(workdir: Path):
    run(workdir, "export.csv", "--ignore", "Respondent ID")
    survey = load_survey(workdir / "survey", workdir, VOCAB)
    assert survey.problems == ()
    eta, zeta = survey.responses
    assert zeta.answers["importance"] == {"policy-maker": "high", "co-creation": "medium"}
    assert zeta.answers["most-challenging"] == ("maintaining-momentum", "public-private")
    assert zeta.answers["management-lessons"] == "ZETA-PUBLIC-WORDS Line one.\n\nLine two."
    assert zeta.submitted == "2017-11-21"  # the time of day is dropped
    assert eta.country == "MT"  # written 'mt'
    assert eta.answers["support"] == ("ad-hoc", "overtime")  # 'ad-hoc; Overtime'


def test_a_row_without_visibility_is_imported_as_internal_and_said_so(workdir: Path):
    result = run(workdir, "export.csv", "--ignore", "Respondent ID")
    eta = (workdir / "survey/responses/fictional-statistics-office-eta-example.yml").read_text()
    assert "visibility: internal" in eta
    assert "1 response had no visibility and was written as 'internal'" in result.stderr


def test_the_role_is_inferred_from_the_parts_answered(workdir: Path):
    run(workdir, "export.csv", "--ignore", "Respondent ID")
    survey = load_survey(workdir / "survey", workdir, VOCAB)
    roles = {r.slug: r.role for r in survey.responses}
    assert roles == {
        "fictional-statistics-office-eta-example": "both",  # importance and support
        "fictional-statistics-office-zeta-example": "management",
    }


def test_an_imported_file_says_where_it_came_from(workdir: Path):
    run(workdir, "export.csv", "--ignore", "Respondent ID")
    zeta = (workdir / "survey/responses/fictional-statistics-office-zeta-example.yml").read_text()
    assert "# Imported from export.csv, row 2." in zeta
    assert "management-lessons: |" in zeta


def test_an_unknown_column_stops_the_import_before_any_row(workdir: Path):
    result = run(workdir, "export.csv")
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("export.csv:1: Respondent ID: unknown column 'Respondent ID'")
    # The command as it works from here (casebook_command: on the PATH, or its full path).
    assert re.search(
        r"name columns by question id \('\S*casebook survey template --csv' prints them\), "
        r"or leave it out with --ignore$",
        line,
    )
    assert written(workdir) == []


def test_a_misspelt_column_gets_a_suggestion(workdir: Path):
    name = write_csv(workdir, HEADER.replace("most-challenging", "most-challanging"))
    result = run(workdir, name)
    assert "unknown column 'most-challanging' (did you mean 'most-challenging'?)" in result.stdout


def test_missing_office_and_country_columns_are_reported(workdir: Path):
    result = run(workdir, write_csv(workdir, "most-challenging\nit-industry\n"))
    assert result.stdout.splitlines() == [
        "small.csv:1: office: missing column 'office'",
        "small.csv:1: country: missing column 'country'",
    ]


def test_importing_the_same_export_again_changes_nothing_and_succeeds(workdir: Path):
    name = write_csv(workdir, HEADER + "Fictional Office Kappa (example),IS,public,high,,\n")
    assert run(workdir, name).returncode == 0
    before = (workdir / "survey/responses/fictional-office-kappa-example.yml").read_text()
    again = run(workdir, name)
    assert again.returncode == 0, again.stdout
    assert "wrote 0 response files, 1 unchanged (imported before)" in again.stderr
    assert (workdir / "survey/responses/fictional-office-kappa-example.yml").read_text() == before


def test_an_existing_file_with_other_answers_is_never_overwritten(workdir: Path):
    (workdir / "survey/responses").mkdir()
    existing = workdir / "survey/responses/fictional-office-kappa-example.yml"
    existing.write_text("# kept\n")
    name = write_csv(workdir, HEADER + "Fictional Office Kappa (example),IS,public,high,,\n")
    result = run(workdir, name)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "small.csv:2: file: survey/responses/fictional-office-kappa-example.yml "
        "already exists with other answers"
    )
    assert existing.read_text() == "# kept\n"


def test_a_file_column_names_the_response_file(workdir: Path):
    name = write_csv(workdir, "file," + HEADER + "kappa,Fictional Office Kappa (example),IS,public,high,,\n")
    assert run(workdir, name).returncode == 0
    assert written(workdir) == ["kappa.yml"]


def test_an_office_answering_a_question_twice_is_reported_on_the_second_row(workdir: Path):
    rows = "A (example),IS,public,high,,\nA (example),IS,public,low,,\n"
    name = write_csv(
        workdir, "file," + HEADER + "".join(f"a{i}," + row for i, row in enumerate(rows.splitlines(True)))
    )
    result = run(workdir, name)
    assert result.returncode == 1
    assert result.stdout.startswith("small.csv:3: office: 'A (example)' also answers importance in ")
    assert written(workdir) == ["a0.yml"]


def test_a_semicolon_separated_export_is_read(workdir: Path):
    text = (
        HEADER.replace(",", ";")
        + 'Fictional Office Kappa (example);IS;public;High;"it-industry; policy-red-lines";\n'
    )
    assert run(workdir, write_csv(workdir, text)).returncode == 0
    survey = load_survey(workdir / "survey", workdir, VOCAB)
    assert survey.responses[0].answers["most-challenging"] == ("it-industry", "policy-red-lines")


def test_a_row_with_too_many_cells_is_reported(workdir: Path):
    result = run(workdir, write_csv(workdir, HEADER + "Kappa (example),IS,public,high,,,extra\n"))
    assert result.stdout.splitlines() == [
        "small.csv:2: row: has 7 cells; the header has 6 (a missing quote?)"
    ]


def test_a_row_with_no_answer_is_reported(workdir: Path):
    result = run(workdir, write_csv(workdir, HEADER + "Kappa (example),IS,public,,,\n"))
    assert result.stdout.splitlines() == ["small.csv:2: row: no question is answered"]


def test_dry_run_checks_every_row_and_writes_nothing(workdir: Path):
    result = run(workdir, "export.csv", "--ignore", "Respondent ID", "--dry-run")
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 2
    assert "would write 2 response files" in result.stderr
    assert written(workdir) == []


def test_a_csv_that_is_not_utf8_is_reported_not_raised(workdir: Path):
    (workdir / "latin.csv").write_bytes(
        HEADER.encode() + "Statistik \xd6sterreich,AT,public,high,,\n".encode("latin-1")
    )
    result = run(workdir, "latin.csv")
    assert result.returncode == 1
    assert result.stdout.startswith("latin.csv:2: file: not UTF-8 text")
    assert "Traceback" not in result.stderr


def test_an_empty_csv_is_reported(workdir: Path):
    result = run(workdir, write_csv(workdir, ""))
    assert result.stdout.splitlines() == [
        "small.csv:1: file: is empty: expected a header row of question ids"
    ]


def test_the_template_header_is_accepted_by_the_import(workdir: Path):
    header = subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "survey", "template", "--csv"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    columns = header.strip().split(",")
    row = ["" for _ in columns]
    row[columns.index("office")] = "Kappa (example)"
    row[columns.index("country")] = "IS"
    row[columns.index("importance.co-creation")] = "medium"
    result = run(workdir, write_csv(workdir, header + ",".join(row) + "\n"))
    assert result.returncode == 0, result.stdout


def test_values_are_written_as_a_person_writes_them(workdir: Path):
    header = "office,country,submitted,management-lessons\n"
    assert run(workdir, write_csv(workdir, header + "Kappa (example),NO,2017-11-20,true\n")).returncode == 0
    text = (workdir / "survey/responses/kappa-example.yml").read_text()
    assert "\ncountry: NO\n" in text and "\nsubmitted: 2017-11-20\n" in text
    assert "management-lessons: 'true'" in text  # quoted only where YAML would read a boolean
