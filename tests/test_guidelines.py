"""The guidelines publication's text (guidelines/*.md): numbered recommendations, each backed
by examples drawn from the cases; every reference checked with file, line and field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from casebook.core.guidelines import load_guidelines
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from conftest import Project, case_yaml

VOCAB = load_vocabulary()

CHAPTER = """\
---
challenge: maintaining-momentum
recommendations:
  - title: Give the work a home after the pilot
    text: >-
      Agree who keeps the work going when the project ends.
    examples: [alpha#1, bravo#1]
  - title: Meet on a fixed rhythm
    text: Agree a rhythm.
    examples: [bravo#2]
---
Partnerships lose momentum.
"""


def cases() -> dict:
    found = {}
    for slug, title, office, lessons in (
        ("alpha", "Alpha", "Office A", [{"text": "Alpha lesson."}]),
        ("bravo", "Bravo", "Office B", [{"text": "Bravo lesson one."}, {"text": "Bravo lesson two."}]),
    ):
        text = case_yaml(title, ["co-creation"], ["maintaining-momentum"], lessons).replace(
            f"Office of {title}", office
        )
        case, problems = read_case(f"cases/{slug}.md", text.encode(), VOCAB)
        assert case is not None, problems
        found[slug] = case
    return found


def load(tmp_path: Path, chapter: str = CHAPTER, name: str = "maintaining-momentum.md"):
    folder = tmp_path / "guidelines"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(chapter)
    (folder / "introduction.md").write_text("---\ntitle: Introduction\n---\nWhy these guidelines.\n")
    return load_guidelines(folder, VOCAB, cases(), base=tmp_path)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_recommendations_are_numbered_by_chapter_and_position(tmp_path: Path):
    guidelines = load(tmp_path)
    assert guidelines.problems == ()
    [chapter] = guidelines.chapters
    assert chapter.number == 6  # maintaining-momentum is the sixth challenge area
    assert [r.label for r in chapter.recommendations] == ["6.1", "6.2"]


def test_examples_are_drawn_from_the_cases(tmp_path: Path):
    first = load(tmp_path).recommendations[0]
    assert [(e.case.organisation, e.lesson.text) for e in first.examples] == [
        ("Office A", "Alpha lesson."),
        ("Office B", "Bravo lesson one."),
    ]


def test_an_unknown_case_gets_its_line_and_a_suggestion(tmp_path: Path):
    chapter = CHAPTER.replace("[alpha#1, bravo#1]", "[alpha#1, brav#1]")
    [problem] = load(tmp_path, chapter).problems
    assert str(problem) == (
        f"guidelines/maintaining-momentum.md:{line_of(chapter, 'alpha#1, brav#1')}: "
        "recommendations[1].examples[2]: no case 'brav' (did you mean 'bravo'?): "
        "cite a case of the collection as <case-slug>#<lesson number>"
    )


def test_a_lesson_that_no_longer_exists_is_an_error(tmp_path: Path):
    [problem] = load(tmp_path, CHAPTER.replace("[bravo#2]", "[bravo#3]")).problems
    assert str(problem).endswith(
        "recommendations[2].examples[1]: 'bravo' has 2 lessons: there is no lesson 3"
    )


def test_a_recommendation_without_an_example_is_an_error(tmp_path: Path):
    [problem] = load(tmp_path, CHAPTER.replace("examples: [bravo#2]", "examples: []")).problems
    assert "recommendations[2].examples: needs at least one entry" in str(problem)


def test_a_reference_that_is_not_slug_and_number_is_explained(tmp_path: Path):
    [problem] = load(tmp_path, CHAPTER.replace("[bravo#2]", "[bravo-2]")).problems
    assert "recommendations[2].examples[1]" in str(problem) and "'bravo-2'" in str(problem)


def test_a_file_for_no_challenge_area_gets_a_suggestion(tmp_path: Path):
    guidelines = load(tmp_path, name="maintaining-momentun.md")
    assert "not a guidelines file (did you mean 'maintaining-momentum'?)" in str(guidelines.problems[0])


def test_a_chapter_naming_another_challenge_is_reported(tmp_path: Path):
    chapter = CHAPTER.replace("challenge: maintaining-momentum", "challenge: it-industry")
    [problem] = load(tmp_path, chapter).problems
    assert str(problem) == (
        "guidelines/maintaining-momentum.md:2: challenge: 'it-industry' is not this file's challenge area: "
        "write challenge: maintaining-momentum"
    )


@pytest.fixture
def built(project: Project) -> Project:
    for slug, data in (("alpha", [{"text": "Alpha lesson."}]), ("bravo", [{"text": "B1."}, {"text": "B2."}])):
        project.add(f"{slug}.md", case_yaml(slug.title(), ["co-creation"], ["maintaining-momentum"], data))
    (project.root / "guidelines").mkdir()
    (project.root / "guidelines/maintaining-momentum.md").write_text(CHAPTER)
    (project.root / "guidelines/executive-summary.md").write_text(
        "---\ntitle: Executive summary\n---\nIn one page.\n"
    )
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


def test_the_web_edition_numbers_recommendations_and_boxes_their_examples(built: Project):
    page = built.page("guidelines/")
    assert 'id="recommendation-6-1"' in page and "Recommendation 6.1" in page
    assert '<aside class="cb-example"' in page and 'href="../cases/alpha/#lesson-1"' in page
    assert page.index("Executive summary") < page.index("6. Maintaining momentum") < page.index("Annex")


def test_the_summary_lists_every_recommendation(built: Project):
    page = built.page("guidelines/")
    summary = page[page.index('id="summary"') : page.index('id="chapter-6"')]
    assert "Recommendation 6.1." in summary and "Recommendation 6.2." in summary


def test_removing_a_case_a_recommendation_relies_on_fails_the_build(built: Project):
    (built.cases / "bravo.md").unlink()
    result = built.build()
    assert result.returncode != 0
    assert "guidelines/maintaining-momentum.md:" in result.stderr and "no case 'bravo'" in result.stderr


def test_the_shipped_first_edition_backs_each_recommendation_with_two_offices():
    """The editorial floor of the first edition: two recommendations a challenge area at least,
    each with examples from at least two organisations."""
    from casebook.core.collection import load_folder

    root = Path(__file__).resolve().parent.parent
    public = {c.slug: c for c in load_folder(root / "cases", VOCAB).edition(include_internal=False)}
    guidelines = load_guidelines(root / "guidelines", VOCAB, public)
    assert guidelines.problems == ()
    assert [c.challenge.slug for c in guidelines.chapters] == list(VOCAB.challenges.slugs)
    for chapter in guidelines.chapters:
        assert len(chapter.recommendations) >= 2, chapter.challenge.slug
        for recommendation in chapter.recommendations:
            offices = {e.case.organisation.split(" (")[0] for e in recommendation.examples}
            assert len(offices) >= 2, recommendation.label


def test_the_shipped_guidelines_are_valid_and_cover_every_challenge_area():
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "check"], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert "recommendations valid" in result.stderr
    assert {p.stem for p in (root / "guidelines").glob("*.md")} >= set(VOCAB.challenges.slugs)
