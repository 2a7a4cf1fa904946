"""One build, three languages: English at /, French at /fr/, Russian at /ru/, with the same
paths below. A page exists in a language only where its text is in that language (no page
is copied into a language it is not in): listings link to the original and say which
language it is in. Translations say where they come from. Built once for the module; the
browser tests drive the switcher, the filters and search in Chromium."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from browser import serve
from casebook.core.translations import digest
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from conftest import Project, case_text, new_project

VOCAB = load_vocabulary()


def translation(original: str, source_digest: str | None = None, **provenance: object) -> str:
    """A French or Russian translation of a case written by case_text()."""
    case, _ = read_case("cases/x.md", original.encode(), VOCAB)
    assert case is not None
    data = {
        "title": "Données de téléphonie mobile pour la population de jour",
        "summary": "Un institut de statistique a travaillé avec un opérateur de téléphonie.",
        "lessons": [
            {"text": "Convenir de qui peut voir les données individuelles."},
            {"text": "Informer le partenaire."},
        ],
        "timeline": [
            {"event": "Ils ont convenu de travailler ensemble."},
            {"event": "Premières statistiques."},
            {"event": "Fin."},
        ],
        "translation": {
            "method": "machine",
            "by": "un grand modèle de langage",
            "source_digest": source_digest or digest(case),
            **provenance,
        },
    }
    return (
        "---\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        + "---\n\n## Contexte\n\nLes téléphones comptés.\n"
    )


ALPHA = case_text(title="Alpha mobile phone data")
BRAVO = case_text(title="Bravo scanner data", country="NO")
CHARLIE = case_text(
    title="Charlie données de caisse", summary="Un institut a obtenu des données de caisse.", country="FR"
).replace("visibility: public", "visibility: public\nlang: fr")
DELTA = case_text(title="Delta web data", country="GB")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = new_project(tmp_path_factory.mktemp("languages") / "project")
    project.set_option("languages", "[en, fr, ru]")
    project.add("alpha.md", ALPHA)
    project.add("alpha.fr.md", translation(ALPHA))
    project.add("bravo.md", BRAVO)
    project.add("charlie.md", CHARLIE)
    project.add("delta.md", DELTA)
    project.add("delta.fr.md", translation(DELTA, source_digest="0123456789ab"))  # made from an older text
    project.add(
        "delta.ru.md",
        translation(
            DELTA, method="machine-post-edited", reviewed={"by": "Rosstat", "on": "2027-01-15"}
        ).replace("Données de téléphonie mobile pour la population de jour", "Данные о веб-сайтах"),
    )
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    return project


def html_lang(page: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', page)
    assert match
    return match.group(1)


def test_each_language_lives_in_its_folder_with_its_own_html_lang(built: Project):
    assert html_lang(built.page("cases/alpha/")) == "en"
    assert html_lang(built.page("fr/cases/alpha/")) == "fr"
    assert html_lang(built.page("ru/cases/delta/")) == "ru"
    assert html_lang(built.page("fr/")) == "fr"


def test_the_themes_own_words_are_in_the_pages_language(built: Project):
    assert 'aria-label="Table des matières"' in built.page("fr/cases/")  # Material's own words, in French
    assert 'aria-label="Содержание"' in built.page("ru/cases/")


def test_a_translated_case_reads_in_its_language_with_its_facts(built: Project):
    page = built.page("fr/cases/alpha/")
    assert "Données de téléphonie mobile pour la population de jour" in page
    assert "Convenir de qui peut voir les données individuelles." in page
    assert "https://example.org/report" in page  # the sources are the original's


def test_no_page_is_copied_into_a_language_it_is_not_in(built: Project):
    assert not (built.site / "fr" / "cases" / "bravo").exists()
    assert not (built.site / "ru" / "cases" / "alpha").exists()
    assert not (built.site / "cases" / "charlie").exists()  # written in French: only at /fr/
    assert (built.site / "fr" / "cases" / "charlie" / "index.html").is_file()


def test_a_listing_links_an_untranslated_case_to_its_original_and_names_its_language(built: Project):
    page = built.page("fr/cases/")
    row = re.search(r'<a href="(\.\./\.\./cases/bravo/)" lang="en">Bravo scanner data</a>(.*?)</td>', page)
    assert row, "the French listing links Bravo to its English page, marked lang=en"
    assert '<span class="cb-lang" lang="en">(English)</span>' in row.group(2)
    english = built.page("cases/")
    assert re.search(r'<a href="\.\./fr/cases/charlie/" lang="fr">Charlie données de caisse</a>', english)
    assert "(Français)" in english


def test_a_machine_translation_nobody_reviewed_says_so(built: Project):
    page = built.page("fr/cases/alpha/")
    note = re.search(r'<aside class="cb-provenance".*?</aside>', page, re.S)
    assert note
    assert "un grand modèle de langage" in note.group(0)
    assert 'href="../../../cases/alpha/" hreflang="en"' in note.group(0)


def test_an_out_of_date_translation_says_so_and_links_to_the_original(built: Project):
    note = re.search(
        r'<aside class="cb-provenance cb-provenance--outdated".*?</aside>',
        built.page("fr/cases/delta/"),
        re.S,
    )
    assert note
    assert 'href="../../../cases/delta/"' in note.group(0)


def test_a_reviewed_translation_names_its_reviewer_and_date(built: Project):
    note = re.search(r'<aside class="cb-provenance".*?</aside>', built.page("ru/cases/delta/"), re.S)
    assert note
    assert "Rosstat" in note.group(0)
    assert "2027" in note.group(0)


def test_the_switcher_links_the_same_page_in_each_language_or_that_languages_home(built: Project):
    switcher = re.search(r'<nav class="cb-languages".*?</nav>', built.page("fr/cases/alpha/"), re.S)
    assert switcher
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', switcher.group(0)))
    assert {language: href for href, language in links.items()} == {
        "en": "../../../cases/alpha/",
        "ru": "../../../ru/",
    }
    assert 'hreflang="en" lang="en" rel="alternate" data-cb-same-page' in switcher.group(0)
    assert 'aria-current="true">Français<' in switcher.group(0)


def test_the_sitemap_names_each_pages_versions(built: Project):
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(r"<url>\s*<loc>[^<]*/cases/alpha/</loc>.*?</url>", sitemap, re.S)
    assert entry
    alternates = dict(re.findall(r'hreflang="([\w-]+)" href="([^"]+)"', entry.group(0)))
    assert set(alternates) == {"en", "fr", "x-default"}
    assert alternates["fr"].endswith("/fr/cases/alpha/")
    assert (built.site / "fr" / "sitemap.xml").is_file()


def test_the_open_data_lists_each_cases_translations(built: Project):
    cases = {
        c["slug"]: c for c in json.loads((built.site / "api" / "cases.json").read_text(encoding="utf-8"))
    }
    assert cases["alpha"]["translations"] == [
        {
            "language": "fr",
            "url": "https://casebook.example.org/fr/cases/alpha/",
            "method": "machine",
            "reviewed": None,
            "outdated": False,
        }
    ]
    assert [(t["language"], t["outdated"], t["reviewed"]) for t in cases["delta"]["translations"]] == [
        ("fr", True, None),
        ("ru", False, {"by": "Rosstat", "on": "2027-01-15"}),
    ]
    assert (cases["charlie"]["lang"], cases["charlie"]["url"]) == (
        "fr",
        "https://casebook.example.org/fr/cases/charlie/",
    )


def test_each_language_has_its_own_search_index(built: Project):
    entry = json.loads((built.site / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"en", "fr", "ru"}


def test_the_explorers_data_marks_each_cases_language_and_address(built: Project):
    data = json.loads((built.site / "fr" / "lessons" / "data.json").read_text(encoding="utf-8"))
    cases = {row[0]: row for row in data["cases"]}
    assert cases["alpha"][3:5] == ["fr/cases/alpha/", "fr"]
    assert cases["bravo"][3:5] == ["cases/bravo/", "en"]
    assert data["language"] == "fr" and data["languages"]["en"] == "English"


def test_the_feeds_of_a_language_mark_the_entries_in_another(built: Project):
    feed = (built.site / "fr" / "feed.xml").read_text(encoding="utf-8")
    assert 'xml:lang="fr"' in feed
    assert re.search(r'<entry xml:lang="en">\s*<title>Bravo scanner data</title>', feed)


def test_a_site_in_english_alone_builds_no_other_language(project: Project):
    project.add("alpha.md", ALPHA)
    project.add("alpha.fr.md", translation(ALPHA))
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    assert not (project.site / "fr").exists()
    assert "cb-languages" not in project.page("cases/alpha/")


def test_a_bad_translation_stops_the_build_with_its_line(project: Project):
    project.set_option("languages", "[en, fr]")
    project.add("alpha.md", ALPHA)
    project.add("alpha.fr.md", translation(ALPHA).replace("method: machine", "method: robot"))
    result = project.build()
    assert result.returncode != 0
    assert re.search(r"cases/alpha\.fr\.md:\d+: translation\.method: ", result.stderr), result.stderr


@pytest.fixture(scope="module")
def url(built: Project):
    with serve(built.site) as address:
        yield address


@pytest.mark.browser
def test_the_switcher_keeps_the_page_and_its_filters(page, url: str):
    page.goto(url + "lessons/?type=co-creation", wait_until="networkidle")
    page.locator("nav.cb-languages").get_by_role("link", name="Français").click()
    page.wait_for_load_state("networkidle")
    assert page.url == url + "fr/lessons/?type=co-creation"
    assert page.locator("input[name='type'][value='co-creation']").is_checked()
    assert page.locator("html").get_attribute("lang") == "fr"


@pytest.mark.browser
def test_a_search_in_french_finds_french_text_only(page, url: str):
    page.goto(url + "fr/search/", wait_until="networkidle")
    box = page.locator("[data-cb-search] input")
    box.fill("téléphones")
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for()
    assert "/fr/" in (result.get_attribute("href") or "")
    box.fill("scanner")  # only in Bravo, which has no French page
    page.locator(".pagefind-ui__message").filter(
        has_text="scanner"
    ).wait_for()  # "Pas de résultat pour scanner"
    assert page.locator(".pagefind-ui__result-link").count() == 0


class ReadText(HTMLParser):
    """The text of a page's body a reader meets in the page's own language: outside elements
    marked with another `lang`, outside code and scripts, and outside the theme's menus (which
    repeat the page's headings and the site's titles without their marks)."""

    VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"))
    SKIP = frozenset(("script", "style", "code", "pre", "svg", "nav"))

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        language, skipped = self.stack[-1] if self.stack else (self.language, False)
        self.stack.append((dict(attrs).get("lang") or language, skipped or tag in self.SKIP))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        language, skipped = self.stack[-1] if self.stack else (self.language, False)
        if not skipped and language == self.language:
            self.text.append(data)


# Two English words in a row, the first a word French and Russian never write.
ENGLISH = re.compile(r"\b(?:the|and|of|with|for|from|is|are|was|this|that|to)\s+[a-z]{2,}\b")


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_every_shipped_page_in_a_language_is_in_it_or_says_which_language_it_is_in(
    shipped_site: Path, language: str
):
    """Interface words outside the catalogue, untranslated data not marked with its language,
    and English left in a translation all show up here as English on a French or Russian page."""
    found = []
    for path in sorted((shipped_site / language).rglob("*.html")):
        body = path.read_text(encoding="utf-8").split("<body", 1)[-1]
        reader = ReadText(language)
        reader.feed(body)
        found += [
            f"{path.relative_to(shipped_site)}: {m.group(0)!r}"
            for text in reader.text
            for m in ENGLISH.finditer(text)
        ]
    assert found == []
