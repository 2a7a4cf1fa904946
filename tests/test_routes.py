"""Every kind of page and file is declared once (pages/routes.py), and one router gives their
addresses: the default language at the root, the others below /<language>/ with the same
paths, the files every language shares once."""

from __future__ import annotations

import pytest
from casebook.core.routes import KINDS, Router
from casebook.core.vocabulary import load_vocabulary

VOCAB = load_vocabulary()
SITE = ("en", "fr", "ru")


@pytest.mark.parametrize(
    ("language", "kind", "params", "url"),
    [
        ("en", "case", {"slug": "x"}, "cases/x/"),
        ("fr", "case", {"slug": "x"}, "fr/cases/x/"),
        ("ru", "type", {"slug": "co-creation"}, "ru/types/co-creation/"),
        ("fr", "country", {"code": "no"}, "fr/countries/no/"),
        ("en", "home", {}, ""),
        ("fr", "home", {}, "fr/"),
        ("fr", "lessons_data", {}, "fr/lessons/data.json"),
        ("fr", "api", {"name": "cases.json"}, "api/cases.json"),  # shared by every language
        ("ru", "search_bundle", {}, "pagefind/"),
    ],
)
def test_an_address_is_the_kinds_path_below_its_languages_folder(language, kind, params, url):
    assert Router(VOCAB, language, SITE).url(kind, **params) == url


@pytest.mark.parametrize(
    ("kind", "params", "source"),
    [
        ("case", {"slug": "x"}, "fr/cases/x.md"),
        ("cases", {}, "fr/cases/index.md"),
        ("home", {}, "fr/index.md"),
        ("lessons_page", {"number": 3}, "fr/lessons/page/3.md"),
        ("guidelines_part", {"part": "evidence"}, "fr/guidelines/evidence.md"),
    ],
)
def test_a_pages_source_path_is_what_mkdocs_turns_into_its_address(kind, params, source):
    assert Router(VOCAB, "fr", SITE).source(kind, **params) == source


def test_a_page_in_another_language_is_addressed_in_its_own_folder():
    assert Router(VOCAB, "fr", SITE).url("case", language="ru", slug="x") == "ru/cases/x/"


def test_a_page_in_a_language_the_site_does_not_have_lives_with_the_default_language():
    assert Router(VOCAB, "en", ("en",)).url("case", language="fr", slug="x") == "cases/x/"


@pytest.mark.parametrize(
    ("path", "language"), [("fr/cases/x.md", "fr"), ("cases/x.md", "en"), ("fresh/x.md", "en")]
)
def test_a_paths_language_is_its_first_folder(path: str, language: str):
    assert Router(VOCAB, "en", SITE).language_of(path) == language


def test_the_facet_folders_are_the_vocabularys():
    names = ("partnership_types", "challenges", "country", "organisation")
    folders = {VOCAB.folder(name) for name in names}
    declared = {kind.path.split("/")[0] for kind in KINDS if kind.path.startswith("{")}
    pages = ("types", "challenges", "countries", "organisations")
    assert {Router(VOCAB, "en").url(name) for name in pages} == {f + "/" for f in folders}
    assert declared == {"{types}", "{challenges}", "{countries}", "{organisations}"}


def test_every_kind_is_declared_once():
    names = [kind.name for kind in KINDS]
    assert len(names) == len(set(names))
