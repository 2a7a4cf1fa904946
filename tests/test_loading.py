"""Loading front matter: values keep their text and their line."""

import pytest
from casebook.core.problems import CaseFileError
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from casebook.core.yamlfile import parse_yaml, split_front_matter
from conftest import case_text

VOCAB = load_vocabulary()


def load(text: str | bytes, name: str = "cases/x.md"):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return read_case(name, raw, VOCAB)


def test_country_no_stays_norway_without_quotes():
    case, problems = load(case_text(country="NO"))
    assert problems == []
    assert case.country == "NO"


def test_yes_and_off_stay_text():
    document = parse_yaml("a: yes\nb: off\nc: true\n", first_line=2)
    assert document.data == {"a": "yes", "b": "off", "c": True}


def test_dates_stay_text():
    case, _ = load(case_text(reviewed="2026-11-01"))
    assert case.last_reviewed == "2026-11-01"
    assert isinstance(case.last_reviewed, str)


def test_number_in_a_text_field_stays_as_written():
    case, problems = load(case_text(title="1.10", organisation="2030"))
    assert problems == []
    assert case.title == "1.10"
    assert case.organisation == "2030"


def test_numbers_in_text_fields_deep_in_lists_stay_as_written():
    text = case_text(lesson="2030").replace("  - name: A mobile network operator", "  - name: 1984")
    case, problems = load(text)
    assert problems == []
    assert case.partners[0].name == "1984"
    assert case.lessons[0].text == "2030"
    assert case.timeline[0].date == "2016"  # a date is text as well
    assert case.period_start == 2016  # a year is a number where the schema wants one


def test_a_document_knows_where_numbers_and_booleans_were_read():
    document = parse_yaml("a: 1\nb: [x, true]\nc: {d: text, e: 2.5}\nf: text\ng: null\n", first_line=1)
    assert document.typed == {(), ("a",), ("b",), ("b", 1), ("c",), ("c", "e")}


def test_byte_order_mark_is_accepted():
    case, problems = load(b"\xef\xbb\xbf" + case_text().encode())
    assert problems == []
    assert case is not None


def test_crlf_line_endings_are_accepted():
    case, problems = load(case_text().replace("\n", "\r\n"))
    assert problems == []
    assert case.body.strip().startswith("## Context")


def test_every_value_knows_its_line():
    document = parse_yaml("title: T\npartners:\n  - name: X\n    sector: private\n", first_line=2)
    assert document.lines[("title",)] == 2
    assert document.lines[("partners", 0, "sector")] == 5


def test_body_starts_after_the_closing_fence():
    split = split_front_matter("---\na: 1\n---\nbody\n")
    assert split.body == "body\n"
    assert split.body_line == 4


def test_unclosed_front_matter_is_an_error_at_line_one():
    with pytest.raises(CaseFileError) as error:
        split_front_matter("---\ntitle: x\n")
    assert error.value.line == 1
    assert "not closed" in error.value.message


def test_duplicate_key_is_reported_at_its_second_line():
    with pytest.raises(CaseFileError) as error:
        parse_yaml("title: a\nsummary: b\ntitle: c\n", first_line=2)
    assert error.value.line == 4
    assert "twice" in error.value.message
