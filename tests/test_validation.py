"""Validation: every problem as path:line: field: message, with a suggestion where one fits."""

from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from casebook.core.yamlfile import parse_yaml
from conftest import case_text
from hypothesis import given, settings
from hypothesis import strategies as st

VOCAB = load_vocabulary()


def problems_of(text: str, name: str = "cases/x.md") -> list[str]:
    case, problems = read_case(name, text.encode("utf-8"), VOCAB)
    assert (case is None) == any(p.severity == "error" for p in problems)
    return [str(p) for p in problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_valid_case_has_no_problem():
    assert problems_of(case_text()) == []


def test_misspelt_type_gets_file_line_field_and_suggestion():
    text = case_text(types="co-creaton")
    line = line_of(text, "partnership_types:")
    assert problems_of(text) == [
        f"cases/x.md:{line}: partnership_types[1]: unknown term 'co-creaton' (did you mean 'co-creation'?); "
        "expected one of: policy-maker, supplier-recipient, open-innovation, co-creation"
    ]


def test_bare_value_where_a_list_is_expected_shows_the_fix():
    text = case_text().replace(
        "challenges: [confidentiality-data-sharing, public-private]", "challenges: public-private"
    )
    [message] = problems_of(text)
    assert "challenges: expected a list" in message
    assert "write challenges: [public-private]" in message


def test_missing_field_is_reported_at_the_opening_fence_with_what_it_holds_and_a_line_to_add():
    text = case_text().replace("summary: A statistical office worked with an operator.\n", "")
    [message] = problems_of(text)
    assert message.startswith("cases/x.md:1: summary: missing required field 'summary' (one or two sentences")
    assert "add a line such as 'summary: " in message and "between the '---' lines" in message


def test_missing_partner_sector_points_at_the_partner_and_lists_the_sectors():
    text = case_text().replace("    sector: private\n", "")
    line = line_of(text, "- name: A mobile network operator")
    [message] = problems_of(text)
    assert message.startswith(f"cases/x.md:{line}: partners[1].sector: missing required field 'sector'")
    assert "add a line such as 'sector: government' under this item" in message
    assert "one of: government, private, academia, civil-society, international" in message


def test_unknown_field_suggests_the_near_miss():
    text = case_text().replace("status: completed", "stauts: completed")
    [message] = problems_of(text)
    assert message.startswith(f"cases/x.md:{line_of(text, 'stauts')}: stauts: unknown field 'stauts'")
    assert "(did you mean 'status'?)" in message


def test_lesson_level_terms_are_checked():
    text = case_text().replace("    partnership_types: [co-creation]", "    partnership_types: [cocreation]")
    [message] = problems_of(text)
    assert (
        f":{line_of(text, '[cocreation]')}: lessons[2].partnership_types[1]: unknown term 'cocreation'"
        in message
    )
    assert "did you mean 'co-creation'" in message


def test_unknown_country_code_is_rejected():
    [message] = problems_of(case_text(country="XX"))
    assert "country: unknown country code 'XX'" in message


def test_reserved_uk_suggests_gb():
    [message] = problems_of(case_text(country="UK"))
    assert "did you mean 'GB'?" in message


def test_lower_case_country_suggests_capitals():
    [message] = problems_of(case_text(country="no"))
    assert "'no' should be written in capitals: 'NO'" in message


def test_country_name_suggests_its_code():
    [message] = problems_of(case_text(country="Norway"))
    assert "did you mean 'NO' for Norway?" in message


def test_eu_and_int_are_accepted():
    assert problems_of(case_text(country="EU")) == []
    assert problems_of(case_text(country="INT")) == []


def test_source_url_must_be_http_or_https():
    text = case_text().replace("https://example.org/report", "javascript:alert(1)")
    [message] = problems_of(text)
    assert "sources[1].url: expected a web address starting with https://" in message


def test_invalid_date_is_reported():
    [message] = problems_of(case_text(reviewed="2026-13-45"))
    assert "last_reviewed: '2026-13-45' is not a real date" in message


def test_period_that_ends_before_it_starts_is_reported():
    text = case_text().replace("{start: 2016, end: 2019}", "{start: 2019, end: 2016}")
    [message] = problems_of(text)
    assert "period: starts after it ends" in message


def test_blank_title_is_reported():
    [message] = problems_of(case_text(title='" "'))
    assert "title: is blank" in message


def test_file_name_must_be_a_slug():
    [message] = problems_of(case_text(), name="cases/My Case.md")
    assert "cases/My Case.md:1: file name:" in message
    assert "rename it to 'my-case.md'" in message


def test_unclosed_bracket_is_reported_where_it_opens():
    text = case_text().replace(
        "challenges: [confidentiality-data-sharing, public-private]", "challenges: [public-private"
    )
    [message] = problems_of(text)
    line = line_of(text, "challenges: [public-private")
    expected = "front matter: a list opened with [ is not closed: add the missing ]"
    assert message == f"cases/x.md:{line}: {expected}"


def test_tab_indentation_is_explained():
    text = case_text().replace("  - name: A mobile network operator", "\t- name: A mobile network operator")
    [message] = problems_of(text)
    assert "tab" in message


def test_non_utf8_file_is_reported():
    case, problems = read_case("cases/x.md", case_text(title="Caf\u00e9").encode("latin-1"), VOCAB)
    assert case is None
    assert "not UTF-8" in str(problems[0])


def test_lesson_without_own_tags_takes_the_cases():
    case, _ = read_case("cases/x.md", case_text().encode(), VOCAB)
    first, second = case.lessons
    assert first.partnership_types == ("supplier-recipient", "open-innovation")
    assert second.partnership_types == ("co-creation",)
    assert second.own_types and not first.own_types


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["title", "country", "partners", "period", "lessons", "sources", "status", "extra"]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
            lambda inner: (
                st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
            ),
            max_leaves=8,
        ),
    )
)
def test_fast_validity_check_agrees_with_the_explaining_validator(data: dict):
    from casebook.core.validate import _fast_check, _validator

    base = parse_yaml(case_text().split("---")[1], first_line=2).data
    candidate = {**base, **data}
    assert _fast_check(VOCAB)(candidate) == _validator(VOCAB).is_valid(candidate)
