"""Curated collections (collections/<slug>.md): checked as cases are (an unknown case, a
lesson out of range, an unknown curator, each at its line), published in the order given in
every language, their text marked with the language it is written in."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from casebook.assembly.content import load_content
from casebook.assembly.options import CasebookOptions
from casebook.core.curated import read_curated
from casebook.core.model import Case, Lesson
from casebook.core.vocabulary import load_vocabulary
from conftest import Project, case_text, new_project

VOCABULARY = load_vocabulary()
CASE = Case(
    slug="alpha",
    path="cases/alpha.md",
    title="Alpha",
    summary="S",
    organisation="O",
    country="NL",
    partners=(),
    partnership_types=("co-creation",),
    challenges=("public-private",),
    lessons=(Lesson("alpha", 1, "One.", None, (), ()), Lesson("alpha", 2, "Two.", None, (), ())),
    sources=(),
)


def collection(items: str, curator: str = "secretariat", body: str = "Read these.\n") -> bytes:
    head = f"---\ntitle: Reading\ncurator: {curator}\nsummary: A list.\nitems:\n"
    return (head + textwrap.dedent(items).strip("\n") + "\n---\n" + body).encode()


def read(raw: bytes, organisations: tuple[str, ...] = ()):
    return read_curated("collections/reading.md", raw, VOCABULARY, {"alpha": CASE}, organisations)


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_a_collection_keeps_its_items_in_the_order_given():
    found, problems = read(
        collection("  - {case: alpha, lesson: 2, note: Second first.}\n  - {case: alpha, note: Then all.}")
    )
    assert problems == []
    assert [(i.case, i.lesson, i.note) for i in found.items] == [
        ("alpha", 2, "Second first."),
        ("alpha", None, "Then all."),
    ]


def test_an_unknown_case_is_reported_at_its_line_with_did_you_mean():
    found, problems = read(collection("  - {case: alpah, note: Typo.}"))
    assert found is None
    assert messages(problems) == [
        "collections/reading.md:6: items[1].case: no case 'alpah' (did you mean 'alpha'?): "
        "expected the name of a file in cases/, without .md"
    ]


def test_a_lesson_out_of_range_is_reported_with_the_range():
    _, problems = read(collection("  - case: alpha\n    lesson: 3\n    note: Too far."))
    assert messages(problems) == [
        "collections/reading.md:7: items[1].lesson: 'alpha' has 2 lessons: expected a number from 1 to 2"
    ]


def test_a_curator_is_an_organisation_or_a_role():
    assert read(collection("  - {case: alpha, note: N.}", curator="cbs"), ("cbs",))[1] == []
    _, problems = read(collection("  - {case: alpha, note: N.}", curator="secretary"))
    assert messages(problems)[0].startswith(
        "collections/reading.md:3: curator: 'secretary' is neither an organisation of organisations.yml "
        "nor a curator role (did you mean 'secretariat'?)"
    )


def test_the_shipped_collections_are_valid():
    content = load_content(Path(__file__).resolve().parent.parent, CasebookOptions(), VOCABULARY)
    assert content.collections.problems == ()
    assert len(content.collections.collections) >= 2


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = new_project(tmp_path_factory.mktemp("collections") / "project")
    project.set_option("languages", "[en, fr]")
    project.add("alpha.md", case_text(title="Alpha case"))
    project.add("bravo.md", case_text(title="Bravo case"))
    (project.root / "collections").mkdir()
    items = (
        "  - {case: bravo, note: Read Bravo first.}\n  - {case: alpha, lesson: 1, note: Then this lesson.}"
    )
    body = "An <script>alert(1)</script> introduction.\n"
    (project.root / "collections" / "reading.md").write_bytes(collection(items, body=body))
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    return project


def test_a_collection_page_lists_its_items_in_order_with_their_notes(built: Project):
    page = built.page("collections/reading/")
    assert (
        page.index("Bravo case")
        < page.index("Read Bravo first.")
        < page.index("Alpha case")
        < page.index("Then this lesson.")
    )
    assert 'href="../../cases/alpha/#lesson-1"' in page
    assert "<script>alert" not in page and "introduction." in page


def test_the_listing_and_the_open_data_hold_the_collection(built: Project):
    assert "Reading" in built.page("collections/") and "The Casebook secretariat" in built.page(
        "collections/"
    )
    (record,) = json.loads((built.site / "api" / "collections.json").read_text())
    assert (record["slug"], record["curator"], [i["case"] for i in record["items"]]) == (
        "reading",
        "secretariat",
        ["bravo", "alpha"],
    )


def test_in_another_language_the_collections_text_is_marked_as_english(built: Project):
    page = built.page("fr/collections/reading/")
    assert '<span lang="en">A list.</span>' in page
    assert '<p lang="en">Read Bravo first.</p>' in page
    assert '<h1 lang="en">Reading</h1>' in page
    assert 'data-md-component="header-topic" lang="en"' in page


def test_a_collection_page_is_cited_by_its_curator_and_title(built: Project):
    page = built.page("collections/reading/")
    assert '<span class="cb-muted">Cite as:</span> The Casebook secretariat (no date) ‘Reading’' in page
    assert "https://casebook.example.org/collections/reading/" in page


def test_in_another_language_the_cited_title_is_marked_as_english(built: Project):
    page = built.page("fr/collections/reading/")
    cited = page[page.index('id="cite"') :].split("</p>")[0]
    assert "Le secrétariat de Casebook (sans date)" in cited and '<span lang="en">Reading</span>' in cited
