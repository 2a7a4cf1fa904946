"""What depends on the reader's language besides the interface's words: country names from
pycountry's own translations, names in the order readers of each language expect, dates in
words through Babel, the vocabulary's labels from vocabulary.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
import pyuca
import yaml
from casebook.core.countries import country_problem
from casebook.core.languages import country_name, display_date, language_name, sort_key
from casebook.core.vocabulary import load_vocabulary
from hypothesis import given, settings
from hypothesis import strategies as st
from pyuca import Collator

COLLATOR = Collator()  # loading its table takes a third of a second
# Spaces where they are awkward, accents composed and combining, Cyrillic, and letters that
# contract or expand in the collation table.
TRICKY = list("  aeéèE\u0301\u0300\u0308 ёеЁЕйи\u0306ßæŒĳ-'.,0123 ľl·L\u00b7ch")


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        ("NO", "en", "Norway"),
        ("NO", "fr", "Norvège"),
        ("NO", "ru", "Норвегия"),
        ("RU", "fr", "Russie"),  # not the catalogue's inverted "Russie, Fédération de"
        ("EU", "fr", "Union européenne"),
        ("INT", "ru", "Международные организации"),
    ],
)
def test_countries_are_named_in_the_readers_language(code: str, language: str, name: str):
    assert country_name(code, language) == name


def test_names_sort_as_readers_expect_accents_after_the_plain_letter_and_cyrillic_in_its_order():
    names = ["Zambie", "Égypte", "Estonie", "Эстония", "Австрия", "Ёлкино", "Ель"]
    assert sorted(names, key=sort_key) == [
        "Égypte",
        "Estonie",
        "Zambie",
        "Австрия",
        "Ёлкино",
        "Ель",
        "Эстония",
    ]


@pytest.mark.parametrize(
    ("value", "language", "shown"),
    [
        ("2023-04-26", "en", "26 April 2023"),
        ("2023-04-26", "fr", "26 avril 2023"),
        ("2023-04-26", "ru", "26 апреля 2023\u202fг."),  # a narrow no-break space, as CLDR writes it
        ("2023-04", "fr", "avril 2023"),
        ("2023", "ru", "2023"),
    ],
)
def test_dates_are_written_in_words_as_precise_as_given(value: str, language: str, shown: str):
    assert display_date(value, language) == shown


def test_each_language_is_named_in_itself():
    assert [language_name(code) for code in ("en", "fr", "ru")] == ["English", "Français", "Русский"]


@pytest.mark.parametrize("written", ["Norvège", "Норвегия"])
def test_a_country_written_by_its_french_or_russian_name_gets_its_code_suggested(written: str):
    assert "did you mean 'NO' for Norway?" in (country_problem(written) or "")


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_every_term_and_group_of_the_vocabulary_has_its_label_and_description_in_each_language(language: str):
    declared = yaml.safe_load(load_vocabulary().source)
    missing = [
        f"{name}.{term['slug']}"
        for name, group in declared.items()
        if name not in ("country", "organisation", "facets")
        for term in group["terms"]
        if not {"label", "description"} <= set(term.get(language) or {})
    ]
    missing += [
        name
        for name, group in declared.items()
        if name != "facets" and not {"label", "plural"} <= set(group.get(language) or {})
    ]
    assert missing == []


def test_the_vocabulary_in_another_language_keeps_its_slugs_and_parameters():
    english, french = load_vocabulary(), load_vocabulary("fr")
    assert [(g.name, g.param, g.folder, g.slugs) for g in french.groups.values()] == [
        (g.name, g.param, g.folder, g.slugs) for g in english.groups.values()
    ]


def test_no_entry_of_the_collation_table_holds_a_space():
    # What lets sort_key put a title's key together word by word.
    table = Path(pyuca.__file__).parent / f"allkeys-{COLLATOR.UCA_VERSION}.txt"
    lines = table.read_text(encoding="utf-8").splitlines()
    keys = [line.split(";", 1)[0].split() for line in lines if line[:1].isalnum()]
    assert len(keys) > 20_000
    assert not [key for key in keys if len(key) > 1 and "0020" in key]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=40))
def test_sort_key_is_the_collation_algorithms_key(text: str):
    assert sort_key(text) == COLLATOR.sort_key(text)
