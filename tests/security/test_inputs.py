"""Every other path from a contribution to the site: names, characters, links on disk, the
cost of Markdown, the issue form, `casebook render`'s folder and the PDF's fetcher."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from casebook.assembly.publication import site_fetcher
from casebook.authoring.casefile import yaml_scalar
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from casebook.core.yamlfile import parse_yaml
from conftest import REPO, case_text
from hypothesis import given
from hypothesis import strategies as st
from payloads import BODIES, BRACKET_BOMB

VOCAB = load_vocabulary()
ISSUE = (REPO / "tests/test_cli.py").read_text(encoding="utf-8").split('ISSUE_BODY = """\\\n', 1)[1]
ISSUE = ISSUE.split('"""', 1)[0]


def casebook(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", *argv],
        cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_url: https://cases.example.net/\n")
    return tmp_path


def errors_of(text: str) -> list[str]:
    _, problems = read_case("cases/x.md", text.encode("utf-8"), VOCAB)
    return [f"{p.line}: {p.field}: {p.message}" for p in problems if p.severity == "error"]


@pytest.mark.parametrize("character", ["\x01", "\x1b", "\x85", "\u202e", "\u2066", "\u2028", "\u200f"])
def test_a_control_or_bidi_character_in_a_text_field_is_refused(character: str):
    escaped = f"\\u{ord(character):04x}"  # written as YAML's escape: raw, the YAML reader refuses it
    text = case_text().replace("title: Mobile phone data", f'title: "Mobile{escaped} phone data')
    text = text.replace("daytime population\n", 'daytime population"\n', 1)
    [error] = errors_of(text)
    assert error.startswith("2: title: holds an invisible character") and "delete it" in error


def test_a_bidi_override_in_a_body_is_refused_at_its_line():
    text = case_text() + "\nA line\nwith \u202e an override.\n"
    [error] = errors_of(text)
    line = text.splitlines().index("with \u202e an override.") + 1
    assert error.startswith(f"{line}: body: holds an invisible character (U+202E, right-to-left override)")


def test_a_line_break_in_a_one_line_field_is_refused():
    text = case_text().replace("organisation: Statistics Netherlands (CBS)", 'organisation: "CBS\\n"')
    assert errors_of(text) == [
        "4: organisation: holds an invisible character (U+000A, a control character) at position 4: "
        "delete it and type the text again"
    ]


def test_a_file_name_with_a_trailing_line_break_is_not_a_slug(folder: Path):
    (folder / "cases/mobile-data\n.md").write_text(case_text())
    result = casebook("check", cwd=folder)
    assert result.returncode == 1
    assert "is not a valid case file name" in result.stdout


def test_an_event_naming_a_slug_with_a_line_break_is_refused(folder: Path):
    (folder / "cases/a.md").write_text(case_text())
    (folder / "events").mkdir()
    (folder / "events/meeting.md").write_text(
        "---\ntitle: A meeting\nkind: meeting\nstart: 2020-01-01\nplace: online\norganisers: [UNECE]\n"
        'cases: ["a\\n"]\nsummary: A meeting.\n---\n'
    )
    result = casebook("check", cwd=folder)
    assert result.returncode == 1
    assert "events/meeting.md:7: cases[1]:" in result.stdout


@pytest.mark.parametrize("folder_name", ["cases", "events", "guidelines", "survey/responses"])
def test_a_symbolic_link_in_a_contributors_folder_is_refused_with_its_path(folder_name: str, tmp_path: Path):
    outside = tmp_path / "outside.yml"
    outside.write_text("secret: a value from outside the project\n")
    project = tmp_path / "project"
    shutil.copytree(REPO / "survey", project / "survey", ignore=shutil.ignore_patterns("responses"))
    for name in ("cases", "events", "guidelines", "survey/responses"):
        (project / name).mkdir(parents=True, exist_ok=True)
    (project / "cases/a.md").write_text(case_text())
    name = (
        "introduction.md"
        if folder_name == "guidelines"
        else "linked.yml"
        if "survey" in folder_name
        else "linked.md"
    )
    (project / folder_name / name).symlink_to(outside)
    command = ["survey", "check"] if "survey" in folder_name else ["check"]
    result = casebook(*command, cwd=project)
    assert result.returncode == 1
    assert f"{folder_name}/{name}:1: file: is a symbolic link, which is not read" in result.stdout
    assert "secret" not in result.stdout + result.stderr


def test_a_device_in_the_cases_folder_is_refused_without_reading_it(folder: Path):
    os.mkfifo(folder / "cases/pipe.md")  # a reader would wait on it for ever
    (folder / "cases/zero.md").symlink_to("/dev/zero")
    result = casebook("check", cwd=folder)
    assert "cases/pipe.md:1: file: is not a regular file" in result.stdout
    assert "cases/zero.md:1: file: is a symbolic link" in result.stdout


def test_a_bracket_bomb_is_refused_at_once_with_its_line():
    text = case_text() + "\n" + BRACKET_BOMB + "\n"
    line = text.splitlines().index(BRACKET_BOMB) + 1
    assert errors_of(text) == [
        f"{line}: body: this paragraph has 20000 '[' (at most 100): split it, "
        "or write a bracket that opens no link as \\["
    ]


@pytest.mark.parametrize(
    "body",
    ["- " * 300 + "x", "*a " * 300 + "b" + " c*" * 300, " " * 200 + "- deep", ">" * 40 + " x", "x" * 150_000],
    ids=["list-markers", "emphasis", "indentation", "quotes", "size"],
)
def test_other_pathological_markdown_is_refused(body: str):
    assert [e for e in errors_of(case_text() + "\n" + body + "\n") if ": body: " in e] != []


def test_a_yaml_bomb_is_refused_at_once():
    text = (REPO / "tests/bad_cases/alias-bomb.md").read_text(encoding="utf-8")
    assert [e for e in errors_of(text) if "too many values" in e] != []


def test_a_missing_field_is_reported_once(folder: Path):
    (folder / "cases/a.md").write_text("---\ntitle: Only a title\n---\n")
    result = casebook("check", cwd=folder)
    lines = [line for line in result.stdout.splitlines() if "missing required field" in line]
    assert len(lines) == len(set(lines)) == 7


@given(st.text(max_size=60) | st.from_regex(r"0[0-9]{1,3}|[0-9]{4400}", fullmatch=True))
def test_yaml_scalar_writes_any_text_so_that_it_reads_back_unchanged(text: str):
    assert parse_yaml(f"v: {yaml_scalar(text)}", first_line=1).data == {"v": text}


@pytest.mark.parametrize("slug", ["../../outside", "/tmp/absolute", "ok\n", "UPPER", "a/b"])
def test_from_issue_refuses_a_slug_that_is_not_one(slug: str, folder: Path):
    (folder / "issue.md").write_text(ISSUE)
    result = casebook("from-issue", "issue.md", "--slug", slug, cwd=folder)
    assert result.returncode == 1
    assert "--slug: " in result.stderr and "is not a valid slug" in result.stderr
    assert list((folder / "cases").iterdir()) == []
    assert not (folder.parent / "outside.md").exists()


@pytest.mark.parametrize("name", sorted(BODIES))
def test_from_issue_refuses_a_body_carrying_markup_and_writes_nothing(name: str, folder: Path):
    (folder / "issue.md").write_text(ISSUE.replace("The context.", BODIES[name]))
    result = casebook("from-issue", "issue.md", cwd=folder)
    assert result.returncode == 1
    assert "issue.md: Context: line " in result.stderr
    assert list((folder / "cases").iterdir()) == []


def test_from_issue_refuses_a_bracket_bomb(folder: Path):
    (folder / "issue.md").write_text(ISSUE.replace("The context.", BRACKET_BOMB))
    result = casebook("from-issue", "issue.md", cwd=folder)
    assert result.returncode == 1 and "'[' (at most 100)" in result.stderr


def test_from_issue_writes_nothing_when_the_case_would_not_pass_check(folder: Path):
    (folder / "issue.md").write_text(ISSUE.replace("Two offices reused one platform.", "Two \u202e offices."))
    result = casebook("from-issue", "issue.md", cwd=folder)
    assert result.returncode == 1
    assert "summary: holds an invisible character" in result.stdout
    assert "nothing written" in result.stderr
    assert list((folder / "cases").iterdir()) == []


def test_render_refuses_a_folder_it_did_not_make(tmp_path: Path):
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases/a.md").write_text(case_text())
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    result = casebook("render", "precious", cwd=tmp_path)
    assert result.returncode == 1
    assert "is not empty and was not written by casebook render" in result.stderr
    assert (precious / "thesis.txt").read_text() == "years of work"
    assert casebook("render", "out", cwd=tmp_path).returncode == 0
    assert casebook("render", "out", cwd=tmp_path).returncode == 0  # its own folder: replaced
    assert casebook("render", ".", cwd=tmp_path).returncode == 1  # the project itself


def test_the_pdf_fetches_only_the_sites_own_files(tmp_path: Path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img/chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path.parent / "secret.txt").write_text("outside the docs folder")
    fetch = site_fetcher("https://stats.example/", tmp_path)
    assert fetch("https://stats.example/img/chart.png").read() == b"\x89PNG\r\n\x1a\n"
    for url in (
        "https://evil.example/pixel.png",
        "http://stats.example/img/chart.png",
        "file:///etc/passwd",
        "https://stats.example/../secret.txt",
        "https://stats.example/%2e%2e/secret.txt",
    ):
        with pytest.raises(ValueError):
            fetch(url)
    assert fetch("data:text/plain,hello").read() == b"hello"
