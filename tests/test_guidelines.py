"""The guidelines publication's text (guidelines/): numbered recommendations saying who acts,
when and with what safeguard, anchored in frameworks, graded by Casebook from their examples;
the tools as data; every reference checked with file, line, field and a did-you-mean."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from casebook.core.evidence import grade, reports_outcome
from casebook.core.guidelines import load_guidelines
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from conftest import REPO, Project, case_yaml

VOCAB = load_vocabulary()

FRAMEWORKS = """\
- id: fpos-6
  title: Fundamental Principles of Official Statistics
  provision: Principle 6
  summary: Individual data are strictly confidential.
  publisher: United Nations General Assembly
  year: 2014
  url: https://unstats.un.org/fpos
- id: gdpr-art-89
  title: General Data Protection Regulation
  provision: Article 89
  publisher: European Parliament and Council
  year: 2016
  url: https://eur-lex.europa.eu/eli/reg/2016/679/oj
"""

CHAPTER = """\
---
challenge: maintaining-momentum
recommendations:
  - title: Give the work a home after the pilot
    actor: head-of-office
    stage: closing
    text: >-
      Agree who keeps the work going when the project ends.
    safeguard: A named owner and budget before the pilot ends.
    frameworks: [fpos-6]
    examples:
      - {ref: alpha#1, role: worked}
      - {ref: bravo#1, role: worked}
  - title: Meet on a fixed rhythm
    actor: partnership-lead
    stage: running
    text: Agree a rhythm.
    safeguard: A calendar both sides keep.
    frameworks: [fpos-6, gdpr-art-89]
    when: Where the partners work in different places.
    examples:
      - {ref: bravo#2, role: worked}
      - {ref: charlie#1, role: cautionary}
---
Partnerships lose momentum.
"""

INTRODUCTION = "---\ntitle: Introduction\nedition: 2\npublished: 2027\n---\nWhy these guidelines.\n"
SUMMARY = (
    "---\ntitle: Executive summary\nkey_messages:\n  - text: Give the work a home.\n"
    "    recommendations: ['{}']\n---\nIn one page.\n"
)
TIMELINE = [
    {"date": "2020", "event": "It began.", "source": 1},
    {"date": "2025-06", "event": "It was renewed.", "source": 1},
]


def make_case(slug: str, office: str, lessons: list[str], status: str = "ongoing", timeline=TIMELINE):
    data = [{"text": text, "stage": "running"} for text in lessons]
    text = case_yaml(
        slug.title(), ["co-creation"], ["maintaining-momentum"], data, status=status, timeline=timeline
    )
    case, problems = read_case(
        f"cases/{slug}.md", text.replace(f"Office of {slug.title()}", office).encode(), VOCAB
    )
    assert case is not None, problems
    return case


def cases() -> dict:
    return {
        "alpha": make_case("alpha", "Office A", ["Alpha lesson."]),
        "bravo": make_case("bravo", "Office B", ["Bravo lesson one.", "Bravo lesson two."]),
        "charlie": make_case("charlie", "Office C", ["Charlie lesson."], status="ended-breakdown"),
        "delta": make_case("delta", "Office D", ["Delta lesson."], timeline=TIMELINE[:1]),  # not followed up
    }


def load(tmp_path: Path, files: dict[str, str] | None = None):
    folder = tmp_path / "guidelines"
    folder.mkdir(exist_ok=True)
    written = {
        "maintaining-momentum.md": CHAPTER,
        "frameworks.yml": FRAMEWORKS,
        "introduction.md": INTRODUCTION,
        **(files or {}),
    }
    for name, text in written.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return load_guidelines(folder, VOCAB, cases(), base=tmp_path)


def messages(guidelines) -> list[str]:
    return [str(p) for p in guidelines.problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_recommendations_are_numbered_by_chapter_and_position(tmp_path: Path):
    guidelines = load(tmp_path)
    assert guidelines.problems == ()
    [chapter] = guidelines.chapters
    assert chapter.number == 6  # maintaining-momentum is the sixth challenge area
    assert [r.label for r in chapter.recommendations] == ["6.1", "6.2"]


def test_the_chapters_after_the_challenge_areas_are_numbered_after_them(tmp_path: Path):
    extra = CHAPTER.replace("challenge: maintaining-momentum", "title: The data holder's side")
    guidelines = load(tmp_path, {"data-holders.md": extra})
    assert [(c.number, c.title) for c in guidelines.chapters] == [
        (6, "Maintaining momentum"),
        (10, "The data holder's side"),
    ]


def test_a_recommendation_says_who_acts_when_with_what_safeguard_and_under_which_texts(tmp_path: Path):
    second = load(tmp_path).recommendations[1]
    assert (second.actor, second.stage, second.safeguard) == (
        "partnership-lead",
        "running",
        "A calendar both sides keep.",
    )
    assert [f.provision for f in second.frameworks] == ["Principle 6", "Article 89"]
    assert second.when == "Where the partners work in different places."


def test_examples_are_drawn_from_the_cases_with_their_roles(tmp_path: Path):
    second = load(tmp_path).recommendations[1]
    assert [(e.case.organisation, e.lesson.text, e.role) for e in second.examples] == [
        ("Office B", "Bravo lesson two.", "worked"),
        ("Office C", "Charlie lesson.", "cautionary"),
    ]


def test_an_ended_case_or_one_followed_up_within_two_years_reports_its_outcome():
    found = cases()
    assert reports_outcome(found["charlie"]) and reports_outcome(found["alpha"])
    assert not reports_outcome(found["delta"])  # ongoing, its latest development six years old


@pytest.mark.parametrize(
    ("examples", "level"),
    [
        ([("worked", "alpha"), ("worked", "bravo")], "strong"),
        ([("worked", "alpha"), ("cautionary", "charlie")], "moderate"),
        ([("worked", "alpha"), ("mixed", "bravo")], "moderate"),
        ([("worked", "alpha"), ("worked", "delta")], "limited"),  # delta's outcome is not known
        ([("worked", "bravo"), ("worked", "bravo")], "limited"),  # one office, twice
        ([("cautionary", "charlie"), ("cautionary", "delta")], "limited"),
        ([("worked", "alpha"), ("cautionary", "alpha")], "limited"),  # the other side from the same office
    ],
)
def test_the_grade_follows_the_roles_and_the_cases_outcomes(examples, level: str):
    found = cases()
    assert grade((role, found[slug]) for role, slug in examples).level == level


def test_grades_are_computed_not_written(tmp_path: Path):
    first, second = load(tmp_path).recommendations
    assert (first.grade.level, first.grade.worked) == ("strong", ("Office A", "Office B"))
    assert (second.grade.level, second.grade.cautionary) == ("moderate", 1)


def test_a_limited_recommendation_must_say_why_it_is_still_advised(tmp_path: Path):
    chapter = CHAPTER.replace("      - {ref: bravo#1, role: worked}\n", "")
    [problem] = messages(load(tmp_path, {"maintaining-momentum.md": chapter}))
    assert problem.startswith(
        f"guidelines/maintaining-momentum.md:{line_of(chapter, 'Give the work')}: recommendations[1]:"
    )
    assert "its evidence is limited (worked in 1 office whose case reports the outcome" in problem
    assert "say why it is still advised in advised_because:" in problem
    kept = chapter.replace(
        "    frameworks: [fpos-6]\n",
        "    frameworks: [fpos-6]\n    advised_because: Principle 6 requires it.\n",
        1,
    )
    guidelines = load(tmp_path, {"maintaining-momentum.md": kept})
    assert guidelines.problems == () and guidelines.recommendations[0].grade.level == "limited"


def test_an_unknown_case_gets_its_line_and_a_suggestion(tmp_path: Path):
    chapter = CHAPTER.replace("{ref: bravo#1,", "{ref: brav#1,")
    [problem] = messages(load(tmp_path, {"maintaining-momentum.md": chapter}))
    assert problem == (
        f"guidelines/maintaining-momentum.md:{line_of(chapter, 'brav#1')}: "
        "recommendations[1].examples[2].ref: no case 'brav' (did you mean 'bravo'?): "
        "cite a case of the collection as <case-slug>#<lesson number>"
    )


def test_a_lesson_that_no_longer_exists_is_an_error(tmp_path: Path):
    [problem] = messages(load(tmp_path, {"maintaining-momentum.md": CHAPTER.replace("bravo#2", "bravo#3")}))
    assert problem.endswith("recommendations[2].examples[1].ref: 'bravo' has 2 lessons: there is no lesson 3")


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        (("[fpos-6, gdpr-art-89]", "[fpos-6, gdpr-art-98]"), "recommendations[2].frameworks[2]",
         "no framework 'gdpr-art-98' (did you mean 'gdpr-art-89'?): use an id of guidelines/frameworks.yml"),
        (("actor: partnership-lead", "actor: partnership-led"), "recommendations[2].actor",
         "unknown term 'partnership-led' (did you mean 'partnership-lead'?)"),
        (("role: cautionary", "role: cautionery"), "recommendations[2].examples[2].role",
         "unknown term 'cautionery' (did you mean 'cautionary'?)"),
        (("stage: running", "stage: runing"), "recommendations[2].stage", "unknown term 'runing'"),
        (("    safeguard: A calendar both sides keep.\n", ""), "recommendations[2].safeguard",
         "missing required field 'safeguard'"),
        (("{ref: bravo#2, role: worked}", "{ref: bravo-2, role: worked}"),
         "recommendations[2].examples[1].ref", "'bravo-2'"),
    ],
)  # fmt: skip
def test_a_bad_reference_or_term_gets_its_field_and_a_suggestion(
    tmp_path: Path, change, field: str, expected: str
):
    chapter = CHAPTER.replace(*change)
    [problem] = messages(load(tmp_path, {"maintaining-momentum.md": chapter}))
    assert f": {field}: " in problem and expected in problem


def test_a_key_message_naming_no_recommendation_is_an_error(tmp_path: Path):
    [problem] = messages(load(tmp_path, {"executive-summary.md": SUMMARY.format("6.3")}))
    assert problem == (
        "guidelines/executive-summary.md:5: key_messages[1].recommendations[1]: "
        "no recommendation 6.3 (did you mean '6.2'?)"
    )


def test_the_edition_is_read_from_the_introduction(tmp_path: Path):
    assert load(tmp_path).edition == (2, 2027)


def test_a_framework_given_twice_is_an_error(tmp_path: Path):
    twice = FRAMEWORKS + FRAMEWORKS.split("- id: gdpr-art-89")[0]
    problems = messages(load(tmp_path, {"frameworks.yml": twice}))
    assert "guidelines/frameworks.yml:14: [3].id: 'fpos-6' is given twice; keep one" in problems


def test_a_file_for_no_chapter_gets_a_suggestion(tmp_path: Path):
    problems = messages(load(tmp_path, {"maintaining-momentun.md": CHAPTER}))
    assert "not a guidelines file (did you mean 'maintaining-momentum'?)" in problems[0]


def test_a_chapter_naming_another_challenge_is_reported(tmp_path: Path):
    chapter = CHAPTER.replace("challenge: maintaining-momentum", "challenge: it-industry")
    [problem] = messages(load(tmp_path, {"maintaining-momentum.md": chapter}))
    assert problem == (
        "guidelines/maintaining-momentum.md:2: challenge: 'it-industry' is not this file's challenge area: "
        "write challenge: maintaining-momentum"
    )


ROUTE = """\
title: The route to data
introduction: Which route fits.
start: law
questions:
  - id: law
    question: Does the statistical law oblige the holder?
    answers:
      - {answer: Yes, next: proportion}
      - {answer: No, outcome: ask}
  - id: proportion
    question: Is the order proportionate?
    explanation: The authority weighs it.
    answers:
      - {answer: Yes, outcome: compel}
      - {answer: No, outcome: ask}
outcomes:
  - id: compel
    route: compel
    title: Compel under the law
    text: The office orders it.
    frameworks: [fpos-6]
    cases: [charlie]
  - id: ask
    route: ask
    title: Ask the holder
    text: The holder agrees.
    cases: [alpha, bravo]
"""


def tools(tmp_path: Path, name: str, text: str):
    return load(tmp_path, {f"tools/{name}": text})


def test_the_route_to_data_is_read_with_its_cases(tmp_path: Path):
    route = tools(tmp_path, "route-to-data.yml", ROUTE).tools.route
    assert [q.id for q in route.questions] == ["law", "proportion"]
    assert [(o.route, [c.slug for c in o.cases]) for o in route.outcomes] == [
        ("compel", ["charlie"]),
        ("ask", ["alpha", "bravo"]),
    ]


BROKEN_PATHS = {
    "an outcome naming no case": (
        ("cases: [charlie]", "cases: []"),
        "outcomes[1].cases: needs at least one entry",
    ),
    "an unknown case": (
        ("cases: [charlie]", "cases: [charly]"),
        "outcomes[1].cases[1]: no case 'charly' (did you mean 'charlie'?)",
    ),
    "an unknown question": (
        ("next: proportion", "next: proportional"),
        "questions[1].answers[1].next: no question 'proportional' (did you mean 'proportion'?)",
    ),
    "a question no answer leads to": (
        ("      - {answer: Yes, next: proportion}\n", "      - {answer: Yes, outcome: compel}\n"),
        "questions[2].id: no answer leads to the question 'proportion'",
    ),
    "a loop": (
        ("{answer: No, outcome: ask}\noutcomes", "{answer: No, next: law}\noutcomes"),
        "the path comes back to 'law' (law > proportion > law)",
    ),
    "an answer leading two ways": (
        ("{answer: Yes, outcome: compel}", "{answer: Yes, outcome: compel, next: law}"),
        "give either next: <question id> or outcome: <outcome id>",
    ),
    "an unknown route": (("route: compel", "route: force"), "outcomes[1].route: unknown term 'force'"),
}


@pytest.mark.parametrize("name", BROKEN_PATHS)
def test_a_broken_decision_path_is_reported_with_its_line(tmp_path: Path, name: str):
    change, expected = BROKEN_PATHS[name]
    problems = messages(tools(tmp_path, "route-to-data.yml", ROUTE.replace(*change)))
    assert any(expected in p and p.startswith("guidelines/tools/route-to-data.yml:") for p in problems), (
        problems
    )


def test_the_cases_of_an_access_model_are_those_tagged_with_its_safeguards(tmp_path: Path):
    models = textwrap.dedent("""\
        title: Models of access
        introduction: Ways in.
        models:
          - id: secure-environment
            title: A secure environment
            description: The data stay in a locked room.
            legal_authority: Where the law lets the office hold the data.
            technical_capacity: Where it can run one.
            public_trust: Where the public trusts it.
            safeguards: [secure-environment]
        """)
    folder = tmp_path / "tagged"
    folder.mkdir()
    text = case_yaml("Tagged", ["co-creation"], ["maintaining-momentum"], [{"text": "A lesson."}])
    tagged, _ = read_case(
        "cases/tagged.md",
        text.replace("lessons:", "safeguards: [secure-environment]\nlessons:").encode(),
        VOCAB,
    )
    guidelines_folder = tmp_path / "guidelines"
    (guidelines_folder / "tools").mkdir(parents=True)
    (guidelines_folder / "tools/access-models.yml").write_text(models)
    guidelines = load_guidelines(guidelines_folder, VOCAB, {**cases(), "tagged": tagged}, base=tmp_path)
    [model] = guidelines.tools.models.models
    assert [c.slug for c in model.cases] == ["tagged"]


def test_a_checklist_item_citing_a_lesson_that_has_gone_is_an_error(tmp_path: Path):
    checklist = textwrap.dedent("""\
        title: What an agreement must settle
        introduction: Each item.
        items:
          - id: purpose
            title: Purpose
            why: The uses agreed.
            clause: The data are used for statistics only.
            examples: [alpha#2]
        """)
    [problem] = messages(tools(tmp_path, "agreement-checklist.yml", checklist))
    assert problem == (
        "guidelines/tools/agreement-checklist.yml:8: items[1].examples[1]: "
        "'alpha' has 1 lessons: there is no lesson 2"
    )


CASES = (
    ("alpha", "Office A", ["Alpha lesson."], "ongoing"),
    ("bravo", "Office B", ["B1.", "B2."], "ongoing"),
    ("charlie", "Office C", ["C1."], "ended-breakdown"),
    ("echo", "Office E", ["An uncited lesson."], "ongoing"),
)


def add_content(project: Project) -> None:
    """Four cases and guidelines citing three of them: a chapter, the frameworks, a tool, the
    summary and the introduction."""
    for slug, office, lessons, status in CASES:
        data = [{"text": text, "stage": "running"} for text in lessons]
        text = case_yaml(
            slug.title(), ["co-creation"], ["maintaining-momentum"], data, status=status, timeline=TIMELINE
        )
        project.add(f"{slug}.md", text.replace(f"Office of {slug.title()}", office))
    folder = project.root / "guidelines"
    (folder / "tools").mkdir(parents=True)
    (folder / "maintaining-momentum.md").write_text(CHAPTER)
    (folder / "frameworks.yml").write_text(FRAMEWORKS)
    (folder / "tools/route-to-data.yml").write_text(ROUTE)
    (folder / "executive-summary.md").write_text(SUMMARY.format("6.1"))
    (folder / "introduction.md").write_text(INTRODUCTION)


@pytest.fixture
def built(project: Project) -> Project:
    add_content(project)
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


def test_the_web_edition_grades_each_recommendation_and_boxes_its_examples_by_role(built: Project):
    page = built.page("guidelines/")
    recommendation = page[page.index('id="recommendation-6-2"') :]
    assert 'cb-grade--moderate">Moderate evidence' in recommendation
    assert "<dt>Who acts</dt><dd>Partnership lead</dd>" in recommendation
    assert '<aside class="cb-example cb-example--cautionary"' in recommendation
    assert 'href="../cases/charlie/#lesson-1"' in recommendation
    assert (
        'href="../guidelines/frameworks/#gdpr-art-89">General Data Protection Regulation, Article 89</a>'
        in recommendation
    )


def test_the_summary_gives_the_key_messages_with_their_grades(built: Project):
    page = built.page("guidelines/")
    summary = page[page.index('id="summary"') : page.index('id="chapter-6"')]
    assert "Give the work a home." in summary and 'cb-grade--strong">Strong evidence' in summary


def test_the_annex_holds_only_the_lessons_cited(built: Project):
    page = built.page("guidelines/")
    annex = page[page.index('id="annex"') :]
    assert "Alpha lesson." in annex and "An uncited lesson." not in annex


def test_the_method_note_lists_every_recommendation_under_its_grade(built: Project):
    page = built.page("guidelines/evidence/")
    assert "Strong evidence: 1 recommendation" in page and "Moderate evidence: 1 recommendation" in page
    assert "Limited evidence: 0 recommendations" in page


def test_the_frameworks_page_names_the_recommendations_that_apply_each(built: Project):
    page = built.page("guidelines/frameworks/")
    section = page[page.index('id="gdpr-art-89"') :]
    assert 'href="https://eur-lex.europa.eu/eli/reg/2016/679/oj"' in section
    assert "Recommendation 6.2</a>." in section.split("</section>")[0]


def test_the_route_to_data_works_as_linked_questions_without_javascript(built: Project):
    page = built.page("guidelines/route-to-data/")
    assert 'id="q-law"' in page and '<a href="#q-proportion">Yes</a>' in page
    assert 'id="route-compel"' in page and 'href="../../cases/charlie/"' in page


def test_removing_a_case_a_recommendation_relies_on_fails_the_build(built: Project):
    (built.cases / "bravo.md").unlink()
    result = built.build()
    assert result.returncode != 0
    assert "guidelines/maintaining-momentum.md:" in result.stderr and "no case 'bravo'" in result.stderr


def test_every_shipped_recommendation_is_accountable_anchored_and_graded():
    """The second edition's floor: who acts, when, with what safeguard, under which texts; a
    computed grade; a limited one says why it is still advised; every chapter has one."""
    from casebook.core.collection import load_folder

    public = {c.slug: c for c in load_folder(REPO / "cases", VOCAB).edition(include_internal=False)}
    guidelines = load_guidelines(REPO / "guidelines", VOCAB, public)
    assert guidelines.problems == ()
    assert [c.key for c in guidelines.chapters][:9] == list(VOCAB.challenges.slugs)
    assert guidelines.edition[0] == 2
    for r in guidelines.recommendations:
        assert r.actor and r.stage and r.safeguard and r.frameworks, r.label
        assert r.grade.level != "limited" or r.advised_because, r.label
    assert (
        guidelines.key_messages
        and guidelines.tools.route
        and guidelines.tools.models
        and guidelines.tools.checklist
    )


def test_the_shipped_guidelines_are_valid():
    result = subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "check"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert "recommendations valid" in result.stderr
