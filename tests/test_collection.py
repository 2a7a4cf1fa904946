"""A folder of cases: every file is published, deliberately skipped or reported."""

import sys
from pathlib import Path

from casebook.core.collection import load_folder
from casebook.core.vocabulary import load_vocabulary
from casebook.speed import later, reading
from conftest import case_text

VOCAB = load_vocabulary()


def test_all_problems_in_all_files_are_reported_in_one_run(tmp_path: Path):
    (tmp_path / "a.md").write_text(case_text(types="co-creaton"))
    (tmp_path / "b.md").write_text(case_text(country="XX"))
    (tmp_path / "c.md").write_text(case_text())
    collection = load_folder(tmp_path, VOCAB, base=tmp_path)
    assert [p.path for p in collection.errors] == ["a.md", "b.md"]
    assert [c.slug for c in collection.cases] == ["c"]


def test_templates_and_readme_are_skipped_not_reported(tmp_path: Path):
    (tmp_path / "_template.md").write_text("not a case")
    (tmp_path / "README.md").write_text("# Cases")
    collection = load_folder(tmp_path, VOCAB, base=tmp_path)
    assert collection.problems == ()
    assert collection.skipped == ("README.md", "_template.md")


def test_other_files_and_folders_are_reported(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "drafts").mkdir()
    collection = load_folder(tmp_path, VOCAB, base=tmp_path)
    assert [(p.path, p.field) for p in collection.errors] == [("drafts", "file"), ("notes.txt", "file")]


def test_slugs_that_collide_once_normalised_are_both_reported(tmp_path: Path):
    (tmp_path / "Open-Data.md").write_text(case_text())
    (tmp_path / "open-data.md").write_text(case_text())
    collection = load_folder(tmp_path, VOCAB, base=tmp_path)
    collisions = [p for p in collection.errors if "same page" in p.message]
    assert {p.path for p in collisions} == {"Open-Data.md", "open-data.md"}
    assert collection.cases == ()


def test_internal_cases_are_left_out_of_the_public_edition(tmp_path: Path):
    (tmp_path / "public.md").write_text(case_text())
    (tmp_path / "secret.md").write_text(case_text(visibility="internal"))
    collection = load_folder(tmp_path, VOCAB, base=tmp_path)
    assert [c.slug for c in collection.edition(include_internal=False)] == ["public"]
    assert [c.slug for c in collection.edition(include_internal=True)] == ["public", "secret"]


def test_a_large_folder_read_by_two_processes_gives_what_one_process_gives(tmp_path: Path, monkeypatch):
    for n in range(12):
        country = "XX" if n % 5 else "NO"
        (tmp_path / f"case-{n:02d}.md").write_text(case_text(title=f"Case {n}", country=country))
    (tmp_path / "case-99.md").write_bytes(b"\xff\xfe not text")
    serial = load_folder(tmp_path, VOCAB, base=tmp_path)
    monkeypatch.setattr(reading, "PARALLEL_FROM", 2)
    monkeypatch.setattr(later, "can_fork", lambda: sys.platform.startswith("linux"))
    parallel = load_folder(tmp_path, VOCAB, base=tmp_path, read_all=reading.in_two_processes)
    assert parallel == serial
    assert len(serial.cases) == 3 and len(serial.errors) == 10
