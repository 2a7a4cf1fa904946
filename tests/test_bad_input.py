"""Bad input: every mistake a contributor can make is reported as path:line: field: message.

`tests/bad_cases/` holds one file (or folder) per mistake, each otherwise a valid case, and
`expected.yml` says what a contributor should be told about it. Each entry is checked through
`casebook check` and, all together, through a real `mkdocs build`; neither may show a traceback.
Property tests then feed random front matter and random bytes to the checker.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from casebook.authoring.cli import main
from casebook.core.problems import Problem
from casebook.core.schema import case_schema
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from conftest import Project
from hypothesis import given, settings
from hypothesis import strategies as st

CORPUS = Path(__file__).resolve().parent / "bad_cases"
# Not part of the corpus: the expectations, and hidden files (a ruff setting), which are never cases.
NOT_CORPUS = shutil.ignore_patterns("expected.yml", ".*")
EXPECTED: dict[str, dict[str, object]] = yaml.safe_load((CORPUS / "expected.yml").read_text(encoding="utf-8"))
VOCAB = load_vocabulary()
# Python's notation for a list or a group of fields, as in "unknown term '['a', 'b']'".
PYTHON_REPR = re.compile(r"\['[^']*'(?:,|\])|\{'[^']*':")


def normalised(name: str) -> str:
    """The page slug a file name would get ('Mobile Data.md' -> 'mobile-data')."""
    return re.sub(r"[^a-z0-9]+", "-", name.rsplit(".", 1)[0].lower()).strip("-")


def checked_together(name: str) -> list[str]:
    """The entry and any .md entries whose slug collides with it (a collision needs both)."""
    if not name.endswith(".md"):
        return [name]
    return sorted(n for n in EXPECTED if n.endswith(".md") and normalised(n) == normalised(name))


def prefix(name: str) -> str:
    entry = EXPECTED[name]
    return f"cases/{name}:{entry['line']}: {entry['field']}: "


def reported(output: str, name: str) -> bool:
    """Whether `output` has the line the entry expects: its prefix, then the message fragment."""
    start = prefix(name)
    fragment = str(EXPECTED[name]["contains"])
    return any(start in line and fragment in line.split(start, 1)[1] for line in output.splitlines())


def run_check(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(["check", *args])
    except Exception as exc:  # the checker must never crash, whatever the file holds
        pytest.fail(f"casebook check {' '.join(args)} raised {type(exc).__name__}: {str(exc)[:300]}")
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder whose cases/ holds the corpus, so messages read cases/<name>."""
    root = tmp_path_factory.mktemp("bad-input")
    shutil.copytree(CORPUS, root / "cases", ignore=NOT_CORPUS)
    return root


def test_corpus_has_at_least_40_entries_and_every_file_is_listed():
    on_disk = {p.name for p in CORPUS.iterdir() if p.name != "expected.yml" and not p.name.startswith(".")}
    assert len(EXPECTED) >= 40
    assert sorted(on_disk - set(EXPECTED)) == [], "files in tests/bad_cases/ missing from expected.yml"
    assert sorted(set(EXPECTED) - on_disk) == [], "entries in expected.yml with no file"
    for name, entry in EXPECTED.items():
        assert isinstance(entry["line"], int) and entry["line"] >= 1, name
        assert isinstance(entry["field"], str) and entry["field"], name
        assert isinstance(entry["contains"], str) and entry["contains"], name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_checker_reports_the_mistake_at_its_line_and_field(
    name: str, corpus_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(corpus_copy)
    code, out, err = run_check([f"cases/{n}" for n in checked_together(name)], capsys)
    assert "Traceback" not in out + err
    assert reported(out, name), (
        f"expected a line {prefix(name)}...{EXPECTED[name]['contains']}...\ngot:\n{out}"
    )
    assert code == 1


def test_checking_the_whole_corpus_reports_every_entry(
    corpus_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(corpus_copy)
    code, out, err = run_check(["--cases-dir", "cases"], capsys)
    assert code == 1
    assert "Traceback" not in out + err
    assert [prefix(name) for name in sorted(EXPECTED) if not reported(out, name)] == []


def test_no_message_shows_python_notation_for_a_value(
    corpus_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(corpus_copy)
    _, out, _ = run_check(["--cases-dir", "cases"], capsys)
    assert [line for line in out.splitlines() if PYTHON_REPR.search(line)] == []


def test_build_fails_with_every_message_and_no_traceback(project: Project):
    shutil.copytree(CORPUS, project.cases, dirs_exist_ok=True, ignore=NOT_CORPUS)
    result = project.build()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert [prefix(name) for name in sorted(EXPECTED) if not reported(result.stderr, name)] == []


# --- property tests: whatever the front matter holds, problems and never an exception ----------

FIELDS = list(case_schema(load_vocabulary())["properties"])  # every field a case may have
NESTED_FIELDS = ["name", "sector", "text", "stage", "start", "end", "url", "challenge"]
SLUGS = sorted({slug for group in VOCAB.groups.values() for slug in group.slugs})
VALID = {
    "title": "Mobile phone data",
    "summary": "A statistical office worked with an operator.",
    "organisation": "Statistics Netherlands (CBS)",
    "country": "NL",
    "partners": [{"name": "An operator", "sector": "private"}],
    "partnership_types": ["supplier-recipient"],
    "challenges": ["public-private"],
    "status": "completed",
    "period": {"start": 2016, "end": 2019},
    "lessons": [{"text": "Agree early.", "stage": "agreeing", "challenges": ["public-private"]}],
    "sources": [{"title": "A report", "url": "https://example.org/report"}],
    "last_reviewed": "2026-11-01",
    "visibility": "public",
}

# Pieces of YAML that matter: indicators, indentation, tabs, anchors, tags, YAML 1.1 values.
YAML_TOKENS = [
    ": ", ":", "- ", "-", "[", "]", "{", "}", ", ", "\n", "\n  ", "\n    ", "  ", "\t", "'", '"', "#",
    "&a ", "*a", "!!str ", "!!int ", "!!binary ", "!custom ", "? ", "| ", "> ", "---", "...", "<<: ", "~",
    "null", "true", "no", "NO", "yes", "off", "2016", "2026-02-30", "0x1f", "1:30", "1_000", ".nan",
    "-.inf", "1e9", "%", "@", "`", "\\", "\u00e9", "\ufeff", "\u2028", "\x85", "\x00",
    *FIELDS, *NESTED_FIELDS, *SLUGS,
]  # fmt: skip
yaml_like_text = st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=4), max_size=80).map("".join)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(SLUGS)
    | st.sampled_from(["NO", "UK", "yes", "2026-02-30", "javascript:alert(1)", "", " "])
)
keys = st.sampled_from(FIELDS + NESTED_FIELDS) | st.text(max_size=10)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=25,
)


def assert_reported_cleanly(raw: bytes) -> None:
    """read_case returns, and every problem is one readable line pointing into the file."""
    case, problems = read_case("cases/x.md", raw, VOCAB)
    lines = raw.count(b"\n") + 1
    for problem in problems:
        assert isinstance(problem, Problem)
        assert 1 <= problem.line <= lines, problem
        assert problem.field.strip(), problem
        assert problem.message.strip(), problem
        assert len(str(problem).splitlines()) == 1, problem  # one problem a line, as promised
    assert (case is None) == any(p.severity == "error" for p in problems)


def front_matter(text: str) -> bytes:
    return f"---\n{text}\n---\n\n## Context\n".encode()


@settings(max_examples=300, deadline=None)
@given(yaml_like_text)
def test_random_yaml_like_front_matter_never_raises(text: str):
    assert_reported_cleanly(front_matter(text))


@settings(max_examples=300, deadline=None)
@given(values, st.booleans())
def test_random_values_dumped_as_yaml_never_raise(value: object, flow: bool):
    text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    assert_reported_cleanly(front_matter(text))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), values, max_size=5), st.sets(st.sampled_from(FIELDS)))
def test_valid_case_with_random_fields_replaced_or_dropped_never_raises(replaced: dict, dropped: set):
    data = {k: v for k, v in {**VALID, **replaced}.items() if k not in dropped}
    assert_reported_cleanly(front_matter(yaml.safe_dump(data, allow_unicode=True, sort_keys=False)))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000) | st.binary(max_size=500).map(lambda b: b"---\n" + b + b"\n---\n"))
def test_random_bytes_never_raise(raw: bytes):
    assert_reported_cleanly(raw)
