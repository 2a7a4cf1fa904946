"""Cross-indexes: a case is in every index it belongs to and in none it does not."""

import random

from casebook.core.index import RELATED_LIMIT, build_index
from casebook.core.languages import sort_key
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from conftest import case_text

VOCAB = load_vocabulary()


def make(slug: str, **fields: str):
    case, problems = read_case(f"cases/{slug}.md", case_text(**fields).encode(), VOCAB)
    assert problems == [], problems
    return case


def test_case_is_listed_under_each_of_its_types_and_challenges_only():
    case = make("a", types="co-creation", challenges="maintaining-momentum")
    index = build_index([case], VOCAB)
    assert index.by_type["co-creation"] == (case,)
    assert all(not cases for t, cases in index.by_type.items() if t != "co-creation")
    assert index.by_challenge["maintaining-momentum"] == (case,)
    assert index.by_country == {"NL": (case,)}


def test_every_term_has_an_entry_even_when_empty():
    index = build_index([], VOCAB)
    assert set(index.by_type) == set(VOCAB.types.slugs)
    assert set(index.by_challenge) == set(VOCAB.challenges.slugs)


def test_matrix_counts_cases_with_both_tags_and_shows_gaps():
    a = make("a", types="co-creation", challenges="it-industry")
    index = build_index([a], VOCAB)
    assert index.matrix[("co-creation", "it-industry")] == (a,)
    assert index.matrix[("policy-maker", "it-industry")] == ()


def test_lessons_are_indexed_by_their_own_types_where_set():
    case = make("a", types="policy-maker")
    index = build_index([case], VOCAB)
    first, second = case.lessons
    assert index.lessons_by_type["policy-maker"] == (first,)
    assert index.lessons_by_type["co-creation"] == (second,)


def test_related_cases_put_the_best_match_first():
    base = make("base", types="co-creation, policy-maker", challenges="it-industry, public-private")
    close = make("close", title="Zeta", types="co-creation, policy-maker", challenges="it-industry")
    far = make("far", title="Alpha", types="co-creation", challenges="policy-red-lines")
    none = make("none", types="supplier-recipient", challenges="maintaining-momentum")
    index = build_index([base, close, far, none], VOCAB)
    assert index.related["base"] == (close, far)
    assert index.related["none"] == ()


def test_related_cases_with_equal_scores_are_ordered_by_title():
    base = make("base", types="co-creation", challenges="it-industry")
    later = make("later", title="Beta", types="co-creation", challenges="public-private")
    earlier = make("earlier", title="Alpha", types="supplier-recipient", challenges="it-industry")
    index = build_index([base, later, earlier], VOCAB)
    assert index.related["base"] == (earlier, later)


def test_newest_cases_come_first_by_last_reviewed():
    old = make("old", reviewed="2020-01-01")
    new = make("new", reviewed="2026-01-01")
    assert build_index([old, new], VOCAB).newest == (new, old)


def test_links_between_generated_pages_are_relative_to_the_page():
    from casebook.pages.render import relative

    assert relative("cases/x/", "types/co-creation/") == "../../types/co-creation/"
    assert relative("", "cases/") == "cases/"
    assert relative("cases/x/", "") == "../../"
    assert relative("", "") == "./"
    assert relative("lessons/", "lessons/?type=a&type=b") == "../lessons/?type=a&type=b"


def test_related_cases_are_those_that_share_most_tags_then_by_title_as_a_full_sort_finds():
    rng = random.Random(7)
    types, challenges = VOCAB.types.slugs, VOCAB.challenges.slugs
    cases = [
        make(
            f"c{n:02d}",
            title=rng.choice(["Alpha", "Beta", "Gamma", "Delta"]) + f" {rng.randint(0, 9)}",
            types=", ".join(rng.sample(types, rng.randint(1, 2))),
            challenges=", ".join(rng.sample(challenges, rng.randint(1, 3))),
        )
        for n in range(60)
    ]
    index = build_index(cases, VOCAB)
    for case in cases:
        tags = set(case.partnership_types + case.challenges)

        def shared(other, tags=tags):
            return len(tags & set(other.partnership_types + other.challenges))

        others = sorted(
            (o for o in index.cases if o.slug != case.slug and shared(o)),
            key=lambda o: (-shared(o), sort_key(o.title), o.slug),
        )
        assert index.related[case.slug] == tuple(others[:RELATED_LIMIT]), case.slug
