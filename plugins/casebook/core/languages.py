"""What depends on the reader's language, apart from the interface's words (pages/catalogue.py):
country names (pycountry's own translations of ISO 3166), the order of names (the Unicode
Collation Algorithm: accents and Cyrillic sort as readers expect), dates (Babel's CLDR data)
and the names of the languages themselves."""

from __future__ import annotations

import datetime as dt
import gettext
import re
import unicodedata
from difflib import get_close_matches
from functools import cache

import pycountry
from babel import Locale
from babel.dates import format_date, format_skeleton
from pyuca import Collator

DEFAULT = "en"
LANGUAGES = ("en", "fr", "ru")  # those the interface is translated into
# Codes that are not ISO countries, in each language.
SPECIAL = {
    "EU": {"en": "European Union", "fr": "Union européenne", "ru": "Европейский союз"},
    "INT": {
        "en": "International organisations",
        "fr": "Organisations internationales",
        "ru": "Международные организации",
    },
}


@cache
def _countries(language: str) -> gettext.NullTranslations:
    if language == DEFAULT:
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


@cache  # asked for on every row and chip that names a country
def country_name(code: str, language: str = DEFAULT) -> str:
    """'NO' -> 'Norway', 'Norvège', 'Норвегия'; EU and INT by name; an unknown code as it is.

    pycountry's translation of the country's common name where it has one ('South Korea',
    'Corée du Sud'), else of its ISO name; where that is the catalogue's inverted form
    ('Russie, Fédération de'), the name CLDR gives the territory in that language ('Russie')."""
    if code in SPECIAL:
        return SPECIAL[code][language]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    if language == DEFAULT:
        return name
    translated = _countries(language).gettext(name)
    if ", " in translated:
        return locale_of(language).territories.get(code, translated)
    return translated


def code_of_name(name: str) -> str | None:
    """The code of a country named in any of the languages ('Norvège', 'Норвегия', 'Norway',
    'NOR'), or None."""
    key = " ".join(name.split()).casefold()
    try:
        return pycountry.countries.lookup(name.strip()).alpha_2
    except LookupError:
        return _names().get(key)


def close_code(name: str) -> str | None:
    """The code of the country whose name is closest to a misspelt one ('Narway'), or None."""
    names = _names()
    found = get_close_matches(" ".join(name.split()).casefold(), list(names), n=1, cutoff=0.75)
    return names[found[0]] if found else None


@cache
def _names() -> dict[str, str]:
    names = {}
    for country in pycountry.countries:
        for language in LANGUAGES:
            names[country_name(country.alpha_2, language).casefold()] = country.alpha_2
    return names


@cache
def _collator() -> Collator:
    return Collator()


@cache  # a title is sorted in every language that shows it
def sort_key(text: str) -> tuple[int, ...]:
    """A key that orders names as a reader of any of the three languages expects: accents
    after the plain letter, case ignored first, Cyrillic in its alphabet's order.

    The Unicode Collation Algorithm's key, as pyuca's `Collator.sort_key` gives it, put
    together from the collation elements of each word and space: no entry of the collation
    table holds a space (tests/test_languages.py checks the table, and the keys against
    pyuca's), so a text's elements are its words' elements in turn. Titles share most of
    their words, and each word is looked up once (5,000 synthetic titles: 0.24 s to 0.09 s)."""
    elements: list[list[int]] = []
    for part in _SPACES.split(text):
        elements += _elements(part)
    return _collator().sort_key_from_collation_elements(elements)


_SPACES = re.compile("( )")


@cache
def _elements(part: str) -> tuple[list[int], ...]:
    return tuple(_collator().collation_elements(unicodedata.normalize("NFD", part)))


def country_key(code: str, language: str = DEFAULT) -> tuple[int, ...]:
    """Countries in the order of their names in `language`."""
    return sort_key(country_name(code, language))


def display_date(value: str, language: str = DEFAULT) -> str:
    """A date written YYYY, YYYY-MM or YYYY-MM-DD in words, as precise as written:
    '26 April 2023', 'avril 2023', 'апрель 2023 г.'."""
    parts = value.split("-")
    if len(parts) == 1:
        return value
    locale = locale_of(language)
    if len(parts) == 2:
        day = dt.date(int(parts[0]), int(parts[1]), 1)
        return format_skeleton("yMMMM", day, locale=locale)
    return format_date(dt.date.fromisoformat(value), format="long", locale=locale)


@cache
def locale_of(language: str) -> Locale:
    # English as the UK writes it: '26 April 2023', as the collection always has.
    return Locale.parse("en_GB" if language == DEFAULT else language)


@cache
def language_name(language: str) -> str:
    """A language's name in itself: 'English', 'Français', 'Русский'."""
    name = Locale.parse(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]
