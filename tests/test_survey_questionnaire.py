"""The questionnaire as data: complete against the 2017 Annex, and checked like any input."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import pairwise
from pathlib import Path

import pytest
from casebook.core.vocabulary import load_vocabulary
from casebook.survey.questionnaire import Questionnaire, load_questionnaire
from conftest import REPO

VOCAB = load_vocabulary()
QUESTIONNAIRE = REPO / "survey" / "questionnaire.yml"
SEED = (Path(__file__).resolve().parent / "survey_fixtures" / "seed-annex.txt").read_text(encoding="utf-8")
ROMAN_ITEM = re.compile(r"^\s*-?\s*(?:i|ii|iii|iv|v|vi)\)\s+(.*\S)\s*$")
# The Annex's numbered lists, in order, and the questions that ask them.
LIST_QUESTIONS = [
    "support",
    "identifying-partners",
    "public-private",
    "mutual-friend",
    "project-management",
    "meeting-forums",
    "closing",
    "administration-lessons-topics",
]


def normal(text: str) -> str:
    return " ".join(text.replace("\u2018", "'").replace("\u2019", "'").casefold().split())


def similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, normal(a), normal(b)).ratio() >= 0.9


def shipped() -> Questionnaire:
    questionnaire, problems = load_questionnaire(QUESTIONNAIRE, "survey/questionnaire.yml", VOCAB)
    assert problems == []
    assert questionnaire is not None
    return questionnaire


def seed_lists() -> list[list[str]]:
    """The Annex's lists numbered i), ii)...: a line of other text ends a list."""
    lists: list[list[str]] = []
    current: list[str] = []
    for line in SEED.splitlines():
        match = ROMAN_ITEM.match(line)
        if match:
            current.append(match.group(1))
        elif line.strip() and current:
            lists.append(current)
            current = []
    return lists + ([current] if current else [])


def seed_lines() -> list[str]:
    return [line.strip() for line in SEED.splitlines() if line.strip() and not line.startswith("#")]


def test_shipped_questionnaire_loads_without_problems():
    assert len(shipped().questions) > 20


def test_both_parts_of_the_annex_are_present():
    titles = [normal(part.title) for part in shipped().parts]
    assert normal("Senior management level questions") in titles
    assert normal("Senior administration level questions") in titles


def test_all_four_partnership_types_are_rated_and_worded_as_in_the_annex():
    importance = shipped().questions["importance"]
    assert [item.slug for item in importance.items] == list(VOCAB.types.slugs)
    rows = [line.split("\t")[0] for line in seed_lines() if re.match(r"^[\w/ -]+partnerships? \(", line)]
    assert len(rows) == 4
    for row, item in zip(rows, importance.items, strict=True):
        assert similar(row, item.text), (row, item.text)


def test_points_of_difficulty_are_asked_for_every_partnership_type():
    difficulties = shipped().questions["difficulties"]
    assert difficulties.kind == "text-per-item"
    assert [item.slug for item in difficulties.items] == list(VOCAB.types.slugs)
    assert "neutrality" in difficulties.hint


def test_every_challenge_area_of_the_annex_is_asked_about_with_its_examples():
    lines = seed_lines()
    headings = [line for line, after in pairwise(lines) if after.startswith("For example")]
    assert len(headings) == 9
    experience = shipped().questions["challenge-experience"]
    assert [item.slug for item in experience.items] == list(VOCAB.challenges.slugs)
    wordings = [normal(item.text) for item in experience.items]
    for heading in headings:
        assert any(wording.startswith(normal(heading)) for wording in wordings), heading


def test_the_most_challenging_areas_are_chosen_from_the_challenge_areas():
    question = shipped().questions["most-challenging"]
    assert question.kind == "choices"
    assert [option.slug for option in question.options] == list(VOCAB.challenges.slugs)
    assert question.max_choices == 3
    assert "two or three" in question.hint


def test_the_annex_has_the_numbered_lists_the_questionnaire_asks():
    lists = seed_lists()
    assert [len(items) for items in lists] == [5, 6, 4, 4, 3, 4, 2, 3]


@pytest.mark.parametrize("position, question_id", list(enumerate(LIST_QUESTIONS)))
def test_every_numbered_list_of_the_annex_is_a_question_with_the_same_options(position, question_id):
    items = seed_lists()[position]
    options = shipped().questions[question_id].options
    assert len(options) == len(items)
    for item, option in zip(items, options, strict=True):
        assert similar(item, option.text), (item, option.text)


def test_support_arrangements_i_to_v_and_means_of_identifying_partners_i_to_vi_use_vocabulary_slugs():
    questions = shipped().questions
    assert [o.slug for o in questions["support"].options] == list(VOCAB["support"].slugs)
    assert [o.slug for o in questions["identifying-partners"].options] == list(VOCAB["identified_via"].slugs)
    assert [o.slug for o in questions["meeting-forums"].options] == list(VOCAB["meeting_forums"].slugs)
    assert [o.slug for o in questions["closing"].options] == ["ended-breakdown", "ended-funding"]


def test_vocabulary_slugs_are_not_spelt_again_in_the_questionnaire_file():
    text = QUESTIONNAIRE.read_text(encoding="utf-8")
    # Slugs appear only as keys of `wording` and in `only`, never as spelt-out options.
    for group in ("partnership_types", "challenges", "support", "identified_via", "meeting_forums"):
        for slug in VOCAB[group].slugs:
            assert f"slug: {slug}" not in text, slug


@pytest.mark.parametrize(
    "heading",
    [
        "Identifying priority partnership types",
        "Identifying common challenges",
        "Lessons learned",
        "Examples of productive relationship",
        "Administrative support arrangements",
        "Challenge areas of partnership work",
        "Identifying strategic partners",
        "Means of identifying partners",
        "Public and Private sector partnerships",
        "Monitoring partnerships",
        "Involving neutral 'mutual friend' bodies as a third partner (i.e. UNECE)",
        "Partnership project management",
        "Forum for meetings",
        "Closing stages",
        "Concluding partnership projects",
    ],
)
def test_every_heading_of_the_annex_is_a_section_or_a_stage(heading):
    assert normal(heading) in map(normal, seed_lines())
    sections = [section for part in shipped().parts for section in part.sections]
    assert normal(heading) in {normal(s.title) for s in sections} | {normal(s.stage) for s in sections}


def test_the_free_text_box_at_the_end_is_kept():
    assert shipped().questions["other-information"].kind == "text"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "questionnaire.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_misspelt_vocabulary_group_is_reported_with_its_line_and_a_suggestion(tmp_path: Path):
    text = QUESTIONNAIRE.read_text(encoding="utf-8").replace("options_from: support", "options_from: suport")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "options_from: suport" in row)
    questionnaire, problems = load_questionnaire(write(tmp_path, text), "q.yml", VOCAB)
    assert questionnaire is None
    assert [str(p) for p in problems] == [
        f"q.yml:{line}: parts[2].sections[2].questions[1].options_from: unknown group 'suport' "
        f"(did you mean 'support'?); expected one of: {', '.join(VOCAB.groups)}"
    ]


def test_a_question_id_given_twice_is_reported(tmp_path: Path):
    text = QUESTIONNAIRE.read_text(encoding="utf-8").replace("- id: support-detail", "- id: support")
    questionnaire, problems = load_questionnaire(write(tmp_path, text), "q.yml", VOCAB)
    assert questionnaire is None
    assert any("question id 'support' is given twice" in str(p) for p in problems)


def test_a_rating_level_counted_as_demand_must_be_one_of_its_levels(tmp_path: Path):
    text = QUESTIONNAIRE.read_text(encoding="utf-8").replace("demand: [high]", "demand: [hihg]")
    _, problems = load_questionnaire(write(tmp_path, text), "q.yml", VOCAB)
    assert any("unknown level 'hihg' (did you mean 'high'?)" in str(p) for p in problems)


def test_a_rating_question_needs_items_from_its_section(tmp_path: Path):
    text = QUESTIONNAIRE.read_text(encoding="utf-8").replace("items_from: partnership_types\n", "")
    _, problems = load_questionnaire(write(tmp_path, text), "q.yml", VOCAB)
    assert any("a rating question needs its section's 'items_from'" in str(p) for p in problems)


def test_broken_yaml_in_the_questionnaire_is_reported_not_raised(tmp_path: Path):
    questionnaire, problems = load_questionnaire(write(tmp_path, "title: [unclosed\n"), "q.yml", VOCAB)
    assert questionnaire is None
    assert problems[0].path == "q.yml" and problems[0].line == 1 and problems[0].field == "file"
