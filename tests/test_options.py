"""The plugin's options: one model (assembly/options.py) read by the build, `casebook check`,
`render` and `pdf`, so that the checker and the build never disagree."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from casebook.assembly.options import CasebookOptions, OptionsError, read_options
from casebook.mkdocs.plugin import CasebookConfig
from conftest import Project, case_text


def test_the_plugins_config_declares_the_same_options_with_the_same_defaults():
    declared = {name: option.default for name, option in CasebookConfig._schema}
    defaults = {f.name: getattr(CasebookOptions(), f.name) for f in dataclasses.fields(CasebookOptions)}
    assert declared == {
        name: list(value) if isinstance(value, tuple) else value for name, value in defaults.items()
    }


def test_options_are_read_with_their_defaults():
    options = read_options({"cases_dir": "studies", "languages": ["en", "fr"]})
    assert (options.cases_dir, options.events_dir, options.languages) == ("studies", "events", ("en", "fr"))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"case_dir": "x"}, "unknown option 'case_dir' (did you mean 'cases_dir'?)"),
        ({"languages": "fr"}, "languages: expected a list such as [en, fr, ru]"),
        ({"languages": ["en", "de"]}, "languages: expected a list of different languages among en, fr, ru"),
        ({"edition": "secret"}, "edition: expected one of public, internal"),
        ({"parallel": "yes"}, "parallel: expected true or false"),
        ({"lessons_listed": 0}, "lessons_listed: expected a number of lessons, 1 or more"),
    ],
)
def test_an_option_that_cannot_be_read_is_named(values: dict, expected: str):
    with pytest.raises(OptionsError) as raised:
        read_options(values)
    assert expected in str(raised.value)


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "check"], cwd=root, capture_output=True, text=True
    )


def test_check_reads_the_folders_mkdocs_yml_names(project: Project):
    (project.root / "studies").mkdir()
    (project.root / "studies/a.md").write_text(case_text(title="A case of studies"))
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("cases_dir: cases", "cases_dir: studies"))
    result = check(project.root)
    assert result.returncode == 0, result.stdout
    assert result.stderr.startswith("1 case valid")


def test_check_fails_a_bad_survey_response_as_the_build_does(project: Project):
    project.add("a.md", case_text())
    repo = Path(__file__).resolve().parent.parent
    (project.root / "survey/responses").mkdir(parents=True)
    (project.root / "survey/questionnaire.yml").write_text((repo / "survey/questionnaire.yml").read_text())
    (project.root / "survey/responses/office.yml").write_text("office: An office\n")
    result = check(project.root)
    assert result.returncode == 1
    assert "survey/responses/office.yml:" in result.stdout
    assert project.build().returncode != 0


def test_a_title_that_is_a_number_is_text_in_an_event_as_in_the_guidelines(project: Project):
    project.add("a.md", case_text())
    (project.root / "events").mkdir()
    (project.root / "events/meeting.md").write_text(
        "---\ntitle: 2030\nkind: meeting\nstart: 2020-01-01\nplace: online\norganisers: [UNECE]\n"
        "summary: A meeting.\n---\n"
    )
    (project.root / "guidelines").mkdir()
    (project.root / "guidelines/introduction.md").write_text("---\ntitle: 2030\n---\nWhy.\n")
    result = check(project.root)
    assert result.returncode == 0, result.stdout
    assert project.build().returncode == 0
    assert "2030" in project.page("events/meeting/")
