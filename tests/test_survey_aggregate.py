"""Counting the answers, and demand against supply: the arithmetic behind /survey/ and /gaps/.

The three fictional fixture responses: Alpha (public, management), Beta (internal, both
parts), Gamma (public, administration).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from casebook.core.index import build_index
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from casebook.survey.aggregate import answering, date_range, office_count, tally, text_answers
from casebook.survey.gaps import COVERED, NO_CASE, NO_DEMAND_DATA, NOT_ASKED, UNDER_COVERED, find_gaps
from casebook.survey.questionnaire import load_questionnaire
from casebook.survey.responses import Response, read_response
from conftest import REPO, case_text

VOCAB = load_vocabulary()
FIXTURES = Path(__file__).resolve().parent / "survey_fixtures"
QUESTIONNAIRE, _ = load_questionnaire(REPO / "survey/questionnaire.yml", "q", VOCAB)
assert QUESTIONNAIRE is not None
QUESTIONS = QUESTIONNAIRE.questions


def fixture(name: str) -> Response:
    response, problems = read_response(name, (FIXTURES / f"{name}.yml").read_bytes(), QUESTIONNAIRE)
    assert problems == [] and response is not None
    return response


ALPHA, BETA, GAMMA = (fixture(f"fictional-office-{n}") for n in ("alpha", "beta", "gamma"))
ALL = (ALPHA, BETA, GAMMA)


def index_of(*cases: tuple[str, str]):
    """An index of cases given as (types, challenges)."""
    made = []
    for number, (types, challenges) in enumerate(cases):
        case, problems = read_case(
            f"cases/c{number}.md", case_text(types=types, challenges=challenges).encode(), VOCAB
        )
        assert problems == []
        made.append(case)
    return build_index(made, VOCAB)


def test_a_rating_counts_each_level_per_item_internal_responses_included():
    counted = tally(QUESTIONS["importance"], ALL)
    assert counted.answered == 2  # Alpha and Beta; Gamma did not answer it
    assert counted.ratings["policy-maker"] == {"high": 2, "medium": 0, "low": 0, "none": 0}
    assert counted.ratings["co-creation"] == {"high": 1, "medium": 0, "low": 1, "none": 0}
    assert counted.rated("open-innovation") == 1
    assert counted.top("policy-maker") == 2


def test_choices_count_the_offices_choosing_each_option():
    counted = tally(QUESTIONS["support"], ALL)
    assert counted.answered == 2
    assert counted.counts == {
        "dedicated-team": 0,
        "central-secretariat": 1,
        "ad-hoc": 2,
        "overtime": 1,
        "trained-staff": 0,
    }


def test_a_question_nobody_answered_counts_zero():
    counted = tally(QUESTIONS["closing"], (ALPHA, BETA))
    assert counted.answered == 0
    assert set(counted.counts.values()) == {0}


def test_text_answers_come_only_from_the_responses_given_grouped_by_item():
    public = (ALPHA, GAMMA)
    answers = text_answers(QUESTIONS["importance-why"], public)
    assert [(a.response.slug, a.item.slug) for a in answers] == [("fictional-office-alpha", "policy-maker")]
    assert all("BETA" not in a.text for a in text_answers(QUESTIONS["management-lessons"], public))


def test_text_answers_of_a_text_question_have_no_item():
    answers = text_answers(QUESTIONS["productive-relationship"], ALL)
    assert [(a.response.slug, a.item) for a in answers] == [("fictional-office-gamma", None)]


def test_offices_are_counted_once_however_their_name_is_spelt():
    twin = Response(
        "twin", "t.yml", " fictional statistics office ALPHA  (example)", "IS", "both", "public", None, {}
    )
    assert office_count((ALPHA, twin, BETA)) == 2


def test_responses_answering_a_part_and_the_dates_received():
    management = next(part for part in QUESTIONNAIRE.parts if part.id == "management")
    assert answering(management.questions, ALL) == (ALPHA, BETA)
    assert date_range(ALL) == ("2017-11-20", "2017-12-01")
    assert date_range((GAMMA,)) is None


@pytest.fixture(scope="module")
def gaps():
    index = index_of(
        ("co-creation", "it-industry"),
        ("policy-maker", "confidentiality-data-sharing"),
        ("co-creation", "maintaining-momentum"),
    )
    return find_gaps(QUESTIONNAIRE, ALL, index, VOCAB)


def topic(gaps, group: str, slug: str):
    return next(t for t in gaps.topics[group] if t.term.slug == slug)


def test_demand_counts_each_office_once_across_the_questions_that_ask(gaps):
    # Alpha and Beta both call confidentiality a major challenge and name it most challenging.
    confidentiality = topic(gaps, "challenges", "confidentiality-data-sharing")
    assert confidentiality.demand == 2
    assert [(s.question.id, s.offices) for s in confidentiality.signals] == [
        ("challenge-experience", 2),
        ("most-challenging", 2),
    ]


def test_only_the_levels_marked_as_demand_count(gaps):
    # Alpha rates momentum a minor challenge (not counted) but names it most challenging.
    momentum = topic(gaps, "challenges", "maintaining-momentum")
    assert [(s.question.id, s.offices) for s in momentum.signals] == [
        ("challenge-experience", 0),
        ("most-challenging", 1),
    ]
    assert topic(gaps, "partnership_types", "open-innovation").demand == 0  # Alpha: medium


def test_offices_asked_are_those_answering_a_demand_question_of_the_group(gaps):
    assert gaps.offices == 2  # Gamma answered only the administration part
    assert topic(gaps, "partnership_types", "policy-maker").asked == 2
    assert topic(gaps, "partnership_types", "policy-maker").share == 1.0


def test_shares_of_requests_and_of_cases_are_within_the_group(gaps):
    # Challenge requests: confidentiality 2, it-industry 1, momentum 1, red lines 1 = 5;
    # challenge tags on cases: one each on IT, confidentiality and momentum = 3.
    confidentiality = topic(gaps, "challenges", "confidentiality-data-sharing")
    assert confidentiality.request_share == pytest.approx(2 / 5)
    assert confidentiality.case_share == pytest.approx(1 / 3)
    assert (confidentiality.cases, confidentiality.lessons) == (1, 2)


@pytest.mark.parametrize(
    "group, slug, status",
    [
        ("partnership_types", "policy-maker", UNDER_COVERED),  # 2 of 4 requests, 1 of 3 cases
        ("partnership_types", "co-creation", COVERED),  # 1 of 4 requests, 2 of 3 cases
        ("partnership_types", "supplier-recipient", NO_CASE),
        ("partnership_types", "open-innovation", NOT_ASKED),
        ("challenges", "confidentiality-data-sharing", UNDER_COVERED),  # 40% against 33%
        ("challenges", "maintaining-momentum", COVERED),  # 20% against 33%
        ("challenges", "policy-red-lines", NO_CASE),
    ],
)
def test_each_topic_is_classed_by_its_share_of_requests_against_its_share_of_cases(gaps, group, slug, status):
    assert topic(gaps, group, slug).status == status


def test_topics_are_ranked_most_wanted_first_then_fewest_cases(gaps):
    ranked = [t.term.slug for t in gaps.topics["partnership_types"]]
    assert ranked == ["policy-maker", "supplier-recipient", "co-creation", "open-innovation"]


def test_the_agenda_puts_the_largest_share_of_offices_first_then_fewer_cases(gaps):
    assert [t.term.slug for t in gaps.agenda[:4]] == [
        "policy-maker",
        "confidentiality-data-sharing",
        "supplier-recipient",
        "policy-red-lines",
    ]


def test_cases_to_seek_put_wanted_topics_without_a_case_first_then_the_largest_shortfall(gaps):
    assert [t.term.slug for t in gaps.to_seek] == [
        "supplier-recipient",  # no case; 25% of requests
        "policy-red-lines",  # no case; 20% of requests
        "policy-maker",  # 50% of requests, 33% of cases
        "confidentiality-data-sharing",  # 40% of requests, 33% of cases
    ]


def test_with_no_response_only_supply_ranks_the_topics():
    index = index_of(("co-creation", "it-industry"))
    gaps = find_gaps(QUESTIONNAIRE, (), index, VOCAB)
    assert gaps.offices == 0 and gaps.agenda == ()
    assert all(t.status == NO_DEMAND_DATA for ts in gaps.topics.values() for t in ts)
    assert gaps.to_seek[0].cases == 0


def test_without_a_questionnaire_the_gaps_still_list_the_supply():
    gaps = find_gaps(None, (), index_of(("co-creation", "it-industry")), VOCAB)
    assert topic(gaps, "partnership_types", "co-creation").cases == 1
