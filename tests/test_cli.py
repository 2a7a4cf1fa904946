"""The casebook command: check, new, from-issue and issue-form."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from casebook.authoring.cli import main
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from conftest import REPO, case_text, guided_case_text

VOCAB = load_vocabulary()


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    """The installed command, as a contributor runs it (no terminal attached)."""
    return subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", *argv],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def test_check_exits_zero_when_every_case_is_valid(workdir: Path):
    (workdir / "cases/a.md").write_text(guided_case_text())
    result = run("check")
    assert result.returncode == 0
    assert result.stdout == ""
    assert "1 case valid" in result.stderr


def test_check_reports_every_problem_in_every_file_and_exits_one(workdir: Path):
    (workdir / "cases/a.md").write_text(guided_case_text(types="co-creaton"))
    (workdir / "cases/b.md").write_text(guided_case_text(country="UK"))
    result = run("check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("cases/a.md:9: partnership_types[1]: unknown term 'co-creaton'")
    assert "(did you mean 'co-creation'?)" in lines[0]
    assert lines[1].startswith("cases/b.md:5: country:")
    assert "Traceback" not in result.stderr


def test_check_takes_paths_and_names_them_as_given(workdir: Path):
    (workdir / "cases/a.md").write_text(case_text(types="co-creaton"))
    (workdir / "cases/b.md").write_text(case_text(types="co-creaton"))
    result = run("check", "cases/b.md")
    assert result.stdout.startswith("cases/b.md:9:")
    assert "cases/a.md" not in result.stdout


def test_check_says_when_a_given_file_is_skipped(workdir: Path):
    (workdir / "cases/_template.md").write_text("anything")
    result = run("check", "cases/_template.md")
    assert result.returncode == 0
    assert "cases/_template.md: skipped" in result.stderr


def test_check_of_a_missing_folder_is_an_error_without_traceback(workdir: Path):
    result = run("check", "--cases-dir", "nowhere")
    assert result.returncode == 1
    assert "nowhere:1: folder: the cases folder does not exist" in result.stdout
    assert "Traceback" not in result.stderr


def test_check_of_a_missing_file_is_an_error_without_traceback(workdir: Path):
    result = run("check", "cases/absent.md")
    assert result.returncode == 1
    assert "cases/absent.md:1: file: cannot be read" in result.stdout
    assert "Traceback" not in result.stderr


NEW_ARGS = ["new", "payment-data", "--title", "Payment data: a test", "--organisation", "Statistics Norway"]
NEW_ARGS += ["--country", "NO", "--type", "co-creation", "--type", "Policy maker partnership"]
NEW_ARGS += ["--challenge", "it-industry"]


def test_new_writes_a_case_that_passes_check(workdir: Path):
    result = run(*NEW_ARGS)
    assert result.returncode == 0, result.stderr
    assert run("check").returncode == 0


def test_new_case_has_the_schema_line_sections_and_todays_date(workdir: Path):
    run(*NEW_ARGS)
    text = (workdir / "cases/payment-data.md").read_text()
    assert (
        text.splitlines()[1]
        == "# yaml-language-server: $schema=https://cases.example.net/schema/case.schema.json"
    )
    assert f"last_reviewed: {dt.date.today().isoformat()}" in text
    for heading in (
        "## Context",
        "## The partnership",
        "## What worked",
        "## What was difficult",
        "## Outcome",
    ):
        assert heading in text
    case, _ = read_case("cases/payment-data.md", text.encode(), VOCAB)
    assert case.title == "Payment data: a test"
    assert case.country == "NO"
    assert case.partnership_types == ("co-creation", "policy-maker")


def test_new_case_warns_until_the_placeholders_are_replaced(workdir: Path):
    run(*NEW_ARGS)
    result = run("check")
    assert "lessons[1].text: warning: still holds the template's placeholder text" in result.stdout


def test_new_refuses_to_overwrite_a_case(workdir: Path):
    (workdir / "cases/payment-data.md").write_text("mine")
    result = run(*NEW_ARGS)
    assert result.returncode == 1
    assert "cases/payment-data.md already exists" in result.stderr
    assert (workdir / "cases/payment-data.md").read_text() == "mine"


def test_new_reports_every_bad_argument_at_once(workdir: Path):
    result = run("new", "Bad Slug", "--title", "T", "--organisation", "O", "--country", "UK")
    result_lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert any("SLUG: 'Bad Slug' is not a valid slug" in line for line in result_lines)
    assert any("missing --type, --challenge" in line for line in result_lines)
    assert any("--country: 'UK' is reserved" in line and "'GB'" in line for line in result_lines)
    assert not list((workdir / "cases").iterdir())


def test_new_suggests_a_near_miss_term(workdir: Path):
    result = run("new", "x", "--title", "T", "--organisation", "O", "--country", "NO", "--type", "co-creaton")
    assert "--type: unknown partnership type 'co-creaton' (did you mean 'co-creation'?)" in result.stderr


@pytest.mark.parametrize(
    ("language", "name"), [("en", "case-study.yml"), ("fr", "case-study-fr.yml"), ("ru", "case-study-ru.yml")]
)
def test_committed_issue_forms_are_the_generated_ones(
    language: str, name: str, capsys: pytest.CaptureFixture[str]
):
    assert main(["issue-form", "--language", language]) == 0
    generated = capsys.readouterr().out
    assert (REPO / ".github/ISSUE_TEMPLATE" / name).read_text() == generated


def test_the_french_form_asks_in_french_and_offers_the_terms_by_their_french_labels(
    capsys: pytest.CaptureFixture[str],
):
    main(["issue-form", "--language", "fr"])
    form = yaml.safe_load(capsys.readouterr().out)
    fields = {item["id"]: item["attributes"] for item in form["body"] if "id" in item}
    assert fields["title"]["label"] == "Titre"
    assert fields["partnership_types"]["options"] == [t.label for t in load_vocabulary("fr").types.terms]


def test_issue_form_offers_every_type_and_challenge_by_label(capsys: pytest.CaptureFixture[str]):
    main(["issue-form"])
    form = yaml.safe_load(capsys.readouterr().out)
    options = {item["id"]: item["attributes"].get("options") for item in form["body"] if "id" in item}
    assert options["partnership_types"] == [t.label for t in VOCAB.types.terms]
    assert options["challenges"] == [t.label for t in VOCAB.challenges.terms]


ISSUE_BODY = """\
### Title

Open SDG data: a shared platform

### Summary

Two offices reused one platform.

### Organisation

Office for National Statistics

### Country code

gb

### Partners

- City of Philadelphia (Government)
- Center for Open Data Enterprise (civil-society)

### Partnership types

Co-creation partnership, Supplier/recipient partnership

### Challenge areas

Involvement of 'mutual friend' bodies or organisations

### Status

_No response_

### Period

2016-

### Lessons learned

[running] Reuse code before building your own.
Intermediaries keep projects going.

### Sources

Open SDG origins https://open-sdg.org/history

### Context

The context.

### The partnership

_No response_
"""


def case_from_issue(workdir: Path, body: str, slug: str):
    """The case `casebook from-issue` writes from an issue's body (under the name it offers,
    `slug`), read back as the build reads it."""
    (workdir / "issue.md").write_text(body)
    result = run("from-issue", "issue.md")
    assert result.returncode == 0, result.stderr + result.stdout
    assert [p.name for p in (workdir / "cases").iterdir()] == [f"{slug}.md"]
    path = workdir / f"cases/{slug}.md"
    case, problems = read_case(str(path), path.read_bytes(), VOCAB)
    assert [p for p in problems if p.severity == "error"] == []
    return case


def test_from_issue_writes_a_case_that_passes_check(workdir: Path):
    case = case_from_issue(workdir, ISSUE_BODY, "ons-open-sdg-data-shared")
    assert case.country == "GB"
    assert [(p.name, p.sector) for p in case.partners] == [
        ("City of Philadelphia", "government"),
        ("Center for Open Data Enterprise", "civil-society"),
    ]
    assert case.partnership_types == ("co-creation", "supplier-recipient")
    assert case.challenges == ("mutual-friend-bodies",)
    assert (case.period_start, case.period_end) == (2016, None)
    assert [(lesson.stage, lesson.text) for lesson in case.lessons] == [
        ("running", "Reuse code before building your own."),
        (None, "Intermediaries keep projects going."),
    ]
    assert case.sources[0].url == "https://open-sdg.org/history"
    assert "The context." in case.body


FRENCH_ISSUE = """\
### Titre

Données de caisse à l’INSEE

### Résumé

L’INSEE a obtenu les données de caisse des enseignes.

### Organisation

INSEE

### Code du pays

FR

### Partenaires

- Enseignes de la grande distribution (private)

### Types de partenariat

Partenariat fournisseur/destinataire

### Domaines de difficulté

Confidentialité et difficultés de partage des données

### Leçons tirées

[agreeing] Inscrire l’obligation dans la loi avant de demander les données.

### Sources

Insee Méthodes https://www.insee.fr/fr/information/2014436

### Contexte

Le contexte.
"""


def test_from_issue_reads_a_french_form_into_a_case_written_in_french(workdir: Path):
    case = case_from_issue(workdir, FRENCH_ISSUE, "insee-donnees-caisse")
    assert (case.lang, case.partnership_types, case.challenges) == (
        "fr",
        ("supplier-recipient",),
        ("confidentiality-data-sharing",),
    )
    assert [(lesson.stage, lesson.text) for lesson in case.lessons] == [
        ("agreeing", "Inscrire l’obligation dans la loi avant de demander les données.")
    ]
    assert "## Contexte\n\nLe contexte." in case.body
    assert "## Résultat\n\nPas encore rédigé." in case.body


def test_from_issue_reports_what_it_cannot_read(workdir: Path):
    body = ISSUE_BODY.replace("(Government)", "").replace("Co-creation partnership", "Cocreation partnership")
    (workdir / "issue.md").write_text(body)
    result = run("from-issue", "issue.md")
    assert result.returncode == 1
    assert "Partners: 'City of Philadelphia': add the sector in brackets" in result.stderr
    assert "Partnership types: unknown partnership type 'Cocreation partnership'" in result.stderr
    assert not list((workdir / "cases").iterdir())


def test_new_writes_how_access_was_obtained(workdir: Path):
    args = [*NEW_ARGS, "--access-basis", "Contract", "--compensation", "market-price"]
    args += ["--safeguard", "code-to-data", "--safeguard", "Ethics review"]
    assert run(*args).returncode == 0
    path = workdir / "cases/payment-data.md"
    case, _ = read_case(str(path), path.read_bytes(), VOCAB)
    assert (case.access_basis, case.compensation, case.safeguards) == (
        "contract",
        "market-price",
        ("code-to-data", "ethics-review"),
    )


def test_new_suggests_a_near_miss_access_term(workdir: Path):
    result = run(*NEW_ARGS, "--access-basis", "voluntry")
    assert result.returncode == 1
    assert "--access-basis: " in result.stderr and "'voluntary'" in result.stderr


def test_from_issue_reads_how_access_was_obtained(workdir: Path):
    body = ISSUE_BODY.replace(
        "### Period",
        "### Access basis\n\nVoluntary agreement\n\n### Compensation\n\n_No response_\n\n"
        "### Safeguards\n\nAggregation at source, Data-sharing agreement\n\n### Period",
    )
    (workdir / "issue.md").write_text(body)
    assert run("from-issue", "issue.md").returncode == 0
    path = workdir / "cases/ons-open-sdg-data-shared.md"
    case, _ = read_case(str(path), path.read_bytes(), VOCAB)
    assert (case.access_basis, case.compensation) == ("voluntary", None)
    assert case.safeguards == ("aggregation-at-source", "data-sharing-agreement")


def test_the_issue_form_asks_how_access_was_obtained(capsys: pytest.CaptureFixture[str]):
    main(["issue-form"])
    form = yaml.safe_load(capsys.readouterr().out)
    fields = {item.get("id"): item for item in form["body"] if "id" in item}
    assert "Voluntary agreement" in fields["access_basis"]["attributes"]["options"]
    assert fields["safeguards"]["attributes"]["multiple"] is True
