"""A contributor's first hour: `casebook new` asks one question at a time, the file it writes
models the editorial guide, `casebook check` teaches the guide, and every message that names
a command names one that works as printed."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import pytest
from casebook.authoring.cli import build_parser, new
from casebook.authoring.naming import suggest_slug
from casebook.authoring.questions import country_answer, country_choices, term_choices
from casebook.core.commands import casebook_command
from casebook.core.editorial import NOT_WRITTEN, OUTCOME
from casebook.core.schema import schema_json
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from casebook.pages.catalogue import translations
from conftest import REPO, case_text, guided_case_text
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

VOCAB = load_vocabulary()
TODAY = dt.date(2026, 12, 7)
ENTER, SPACE, DOWN, BACKSPACE = "\r", " ", "\x1b[B", "\x7f"


def answer(*keys: str, argv: tuple[str, ...] = ()) -> tuple[int, str]:
    """`casebook new` in a terminal that types `keys`; its exit code and the screen's text."""
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=50, columns=300), term="xterm")
    codes: list[int] = []
    with create_pipe_input() as typed:
        typed.send_text("".join(keys))
        args = build_parser().parse_args(["new", *argv])
        # In a thread of its own, as in a terminal: no event loop is running there (a browser
        # test's may be, in this process).
        asked = threading.Thread(
            target=lambda: codes.append(new(args, io={"input": typed, "output": output}))
        )
        asked.start()
        asked.join(timeout=60)
    [code] = codes
    return code, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())


def written(workdir: Path) -> tuple[str, list]:
    [path] = (workdir / "cases").iterdir()
    case, problems = read_case(f"cases/{path.name}", path.read_bytes(), VOCAB, TODAY)
    assert case is not None, problems
    return path.name, problems


# The answers in order: title, office, country, types, challenges, access, payment,
# safeguards (none), file name (the one offered).
TYPED = (
    "Payment receipt data\r", "Statistics Norway (SSB)\r", "Norway\r",
    SPACE + ENTER, DOWN + SPACE + ENTER, ENTER, ENTER, ENTER, ENTER,
)  # fmt: skip


def test_new_asks_one_question_at_a_time_and_writes_a_case_that_passes_check(workdir: Path):
    code, _ = answer(*TYPED)
    assert code == 0
    name, problems = written(workdir)
    assert name == "ssb-payment-receipt-data.md"  # the office's short name, then the subject
    assert [p for p in problems if p.severity == "error"] == []


def test_the_allowed_terms_are_offered_with_their_descriptions():
    choices = term_choices(VOCAB.types)
    assert [(c.title, c.value, c.description) for c in choices] == [
        (t.label, t.slug, t.description) for t in VOCAB.types.terms
    ]
    assert "Norway (NO)" in country_choices() and "European Union (EU)" in country_choices()


def test_a_wrong_country_is_refused_with_the_reason():
    assert country_answer("Narway") == (
        "unknown country code 'Narway' (did you mean 'NO' for Norway?); expected an ISO 3166-1 alpha-2 code "
        "such as NO or GB, EU for European Union bodies, or INT for other international bodies"
    )
    assert all(country_answer(typed) is True for typed in ("NO", "no", "Norway", "Norvège", "Norway (NO)"))


def test_a_wrong_answer_is_asked_again_and_the_answers_before_it_are_kept(workdir: Path):
    typed = list(TYPED)
    typed[2] = "Narway\r" + BACKSPACE * 6 + "NO\r"  # refused, then corrected in the same question
    code, _ = answer(*typed)
    assert code == 0
    path = next((workdir / "cases").iterdir())
    assert "country: NO" in path.read_text()
    assert "title: Payment receipt data" in path.read_text()  # the answers before it are kept


def test_a_flag_given_is_not_asked_again(workdir: Path):
    code, screen = answer(*TYPED[1:], argv=("--title", "Given title"))
    assert code == 0
    assert "Title of the case" not in screen and "The statistical office" in screen
    assert "title: Given title" in next((workdir / "cases").iterdir()).read_text()


def test_the_new_case_warns_only_for_the_text_still_to_write(workdir: Path):
    answer(*TYPED)
    _, problems = written(workdir)
    assert {p.severity for p in problems} == {"warning"}
    left = [p for p in problems if "placeholder" not in p.message]
    assert [p.field for p in left] == ["timeline"]  # the dated developments, still to write


def test_new_ends_with_the_next_step_and_a_command_that_works_as_printed(workdir: Path):
    result = subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "new", "x-case", "--title", "T",
         "--organisation", "O", "--country", "NO", "--type", "co-creation", "--challenge", "it-industry"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL,
        env={**os.environ, "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    command = last.split("run: ", 1)[1].split()
    assert command[1:] == ["check", "cases/x-case.md"]
    checked = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "PATH": "/usr/bin:/bin"}
    )
    assert "1 case valid" in checked.stderr


def test_new_without_a_terminal_names_the_flags_that_are_missing(workdir: Path):
    result = subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "new", "--title", "T"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 1
    assert "missing --organisation, --country, --type, --challenge" in result.stderr


@pytest.mark.parametrize(
    ("title", "office", "slug"),
    [
        (
            "Using payment receipt data in the CPI",
            "Statistics Norway (SSB)",
            "ssb-using-payment-receipt-data",
        ),
        ("The ONS Integrated Data Service", "ONS", "ons-integrated-data-service"),
        (
            "Données de caisse à l'INSEE",
            "Institut national de la statistique (INSEE)",
            "insee-donnees-caisse",
        ),
        ("Мобильные данные для статистики", "Росстат", "rosstat-mobilnye-dannye-statistiki"),
    ],
)
def test_the_offered_file_name_is_the_office_then_the_subject(title: str, office: str, slug: str):
    assert suggest_slug(title, office) == slug


def test_the_offered_file_name_is_never_one_taken():
    assert suggest_slug("Census", "ONS", {"ons-census"}) == "ons-census-2"


def test_the_template_models_the_editorial_guide():
    text = (REPO / "cases/_template.md").read_text(encoding="utf-8")
    case, problems = read_case("cases/template.md", text.encode(), VOCAB, TODAY)
    assert case is not None
    assert len(case.lessons) >= 3 and all(lesson.stage for lesson in case.lessons)
    advice = [p for p in problems if p.field == "lessons" or "stage" in p.message or "Outcome" in p.message]
    assert advice == []


def test_the_templates_schema_line_points_to_the_schema_in_the_checkout():
    line = (REPO / "cases/_template.md").read_text(encoding="utf-8").splitlines()[1]
    assert line == "# yaml-language-server: $schema=../schema/case.schema.json"
    assert (REPO / "cases" / "../schema/case.schema.json").is_file()


def test_the_checkouts_schema_is_the_one_the_site_publishes():
    committed = (REPO / "schema/case.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(VOCAB), "run: scripts/casebook schema -o schema/case.schema.json"
    assert json.loads(committed)["title"] == "Casebook case study"


def editorial(text: str) -> list[str]:
    _, problems = read_case("cases/x.md", text.encode(), VOCAB, TODAY)
    return [f"{p.field}: {p.message}" for p in problems if p.severity == "warning"]


def test_a_case_that_follows_the_editorial_guide_gets_no_advice():
    assert editorial(guided_case_text()) == []


def test_check_warns_about_a_case_with_fewer_than_three_lessons():
    advice = editorial(case_text())  # two lessons
    assert any(w.startswith("lessons: 2 lessons: the editorial guide asks for at least 3") for w in advice)


def test_check_warns_about_a_lesson_without_a_stage_and_lists_the_stages():
    text = case_text().replace("    stage: agreeing\n", "")
    [warning] = [w for w in editorial(text) if w.startswith("lessons[1]")]
    assert "no stage: add a line '    stage: identifying'" in warning
    assert "identifying, agreeing, running, closing" in warning


WITHOUT_OUTCOME = case_text()


WITHOUT_OUTCOME = case_text()


def test_check_warns_about_a_missing_outcome_section():
    assert any(w.startswith("body: no '## Outcome' section") for w in editorial(WITHOUT_OUTCOME))


def test_check_warns_about_an_outcome_not_yet_written():
    text = guided_case_text().replace("The partnership ended as planned.", "Not yet written.")
    assert any("'## Outcome' section is not written yet" in w for w in editorial(text))


def test_the_build_never_gives_the_editorial_warnings():
    _, problems = read_case("cases/x.md", WITHOUT_OUTCOME.encode(), VOCAB)
    assert not any("editorial guide" in p.message or "Outcome" in p.message for p in problems)


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_the_outcome_heading_and_empty_section_text_are_the_catalogues(language: str):
    gettext = translations(language).gettext
    assert (OUTCOME[language], NOT_WRITTEN[language]) == (gettext("Outcome"), gettext("Not yet written."))


def test_a_yaml_error_leads_with_the_fix_then_the_parsers_words():
    text = case_text().replace("title: Mobile", "title: Mobile: phone")
    _, problems = read_case("cases/x.md", text.encode(), VOCAB)
    [problem] = problems
    assert problem.message.startswith("put this value in quotes")
    assert "(the YAML reader says: mapping values are not allowed" in problem.message


def test_from_issue_by_number_without_gh_says_what_to_do_instead(workdir: Path):
    result = subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "from-issue", "42"],
        capture_output=True, text=True, env={**os.environ, "PATH": "/nonexistent"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "reading issue #42 needs GitHub's gh tool" in result.stderr
    assert "save the issue's body to a file" in result.stderr


def test_from_issue_by_number_reads_the_body_with_gh(workdir: Path, tmp_path: Path):
    # A stand-in for GitHub's gh on the PATH: prints the body of the issue it is asked for.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text('#!/bin/sh\n[ "$1 $2 $3" = "issue view 7" ] && echo "no form here" && exit 0\nexit 1\n')
    gh.chmod(0o755)
    result = subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "from-issue", "7"],
        capture_output=True, text=True, env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "7" in result.stderr and "Traceback" not in result.stderr
    assert list((workdir / "cases").iterdir()) == []  # nothing written from a body that is not a case


def test_readme_and_contributing_state_the_python_version_pyproject_requires():
    required = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    version = required.removeprefix(">=")
    for name in ("README.md", "CONTRIBUTING.md"):
        stated = set(re.findall(r"Python (3\.\d+)", (REPO / name).read_text(encoding="utf-8")))
        assert stated == {version}, f"{name} states Python {stated}; pyproject.toml requires {required}"


def test_messages_name_the_checkouts_wrapper_where_casebook_is_not_on_the_path(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.chdir(REPO / "cases")
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert casebook_command("check") == "../scripts/casebook check"
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}:/usr/bin:/bin")
    assert casebook_command("check") == "casebook check"


def test_the_checkouts_wrapper_runs_the_command_as_messages_print_it():
    result = subprocess.run(
        ["scripts/casebook", "check", "cases/_template.md"],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "cases/_template.md: skipped" in result.stderr
