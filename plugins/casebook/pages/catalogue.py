"""The interface's words in each language: gettext catalogues (locale/<language>/LC_MESSAGES/
casebook.po), made from the templates and modules by Babel (`scripts/translations`), read
here and compiled in memory, so that the repository holds only the text files translators
edit. English is the catalogues' source language: its words are the messages themselves.

A message that a catalogue lacks, or marks fuzzy, shows in English; the tests fail on any such
message (tests/test_catalogue.py), so the site never ships a half-translated page unnoticed.
"""

from __future__ import annotations

from functools import cache
from gettext import NullTranslations
from importlib import resources
from io import BytesIO

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from ..core.languages import DEFAULT

DOMAIN = "casebook"


def catalogue_path(language: str):  # a Traversable, inside the installed package
    return resources.files(__package__).joinpath("locale", language, "LC_MESSAGES", f"{DOMAIN}.po")


@cache
def catalogue(language: str) -> Catalog:
    """The language's catalogue as Babel reads it (for the tests and the translations script)."""
    with catalogue_path(language).open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


@cache
def translations(language: str) -> NullTranslations:
    """gettext and ngettext for `language` (English: the messages as they are written)."""
    if language == DEFAULT:
        return NullTranslations()
    compiled = BytesIO()
    write_mo(compiled, catalogue(language))  # fuzzy messages are left out: they show in English
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is declared; it is translated where shown."""
    return message


def gettext(language: str, message: str, **values: object) -> str:
    """One message in `language`, with its %(name)s values filled in."""
    text = translations(language).gettext(message)
    return text % values if values else text


def ngettext(language: str, singular: str, plural: str, number: int, **values: object) -> str:
    """A message that agrees with `number` (%(num)d in it), in `language`'s plural forms."""
    return translations(language).ngettext(singular, plural, number) % {"num": number, **values}
