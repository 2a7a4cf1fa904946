"""The site's languages as MkDocs and the theme see them: one build holds every language, the
default at the root and each other under /<language>/ with the same paths (as
mkdocs-static-i18n lays a site out). Here:

- each page's language, from its path; its counterparts in the other languages, where they
  exist (a case not translated has none: no page is copied into a language it is not in);
- a navigation per language, built from the site's own: a page translated or generated in
  that language takes its place; one that is not stays a link to the original, titled with
  its language ("Related groups and documents (English)"); section titles come from the
  message catalogue;
- the language switcher of each page: to the same page in each language, or, where it has
  none, to that language's home, saying so;
- the sitemap's alternates (xhtml:link hreflang), which tell search engines which pages are
  translations of each other. They are not repeated as <link rel="alternate"> in each page's
  head: the theme's script fetches a sitemap.xml below every such link's address, which
  would be a failed request per page and language. For the same reason each language's
  folder has a sitemap of its pages (/fr/sitemap.xml): the theme fetches it below the
  language's feeds, which pages link to in their heads.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from ..core.languages import language_name
from ..core.routes import Router
from ..pages.catalogue import translations
from ..pages.render import relative


@dataclass(frozen=True)
class Alternate:
    language: str
    name: str  # the language's name in itself: 'Français'
    url: str  # relative to the page that links to it
    current: bool  # the page's own language
    same_page: bool  # the same page in that language (else that language's home)


class SiteLanguages:
    def __init__(self, router: Router, files: Files) -> None:
        self.router = router
        self.languages = router.languages
        # language -> the page's path without its language's folder -> its file
        self.pages: dict[str, dict[str, File]] = {language: {} for language in self.languages}
        for file in files.documentation_pages():
            language = router.language_of(file.src_uri)
            self.pages[language][self.key(file.src_uri, language)] = file
        self.navs: dict[str, Navigation] = {}

    def key(self, src_uri: str, language: str) -> str:
        return src_uri.removeprefix(self.router.prefix(language))

    def language_of(self, page: Page | None) -> str:
        return self.router.language_of(page.file.src_uri) if page is not None else self.router.default

    def counterpart(self, file: File, language: str) -> File | None:
        """The same page in `language`, where there is one."""
        return self.pages[language].get(self.key(file.src_uri, self.router.language_of(file.src_uri)))

    def home(self, language: str) -> File | None:
        """A language's home page, or its cases listing where it has no home page."""
        found = self.pages[language]
        return found.get("index.md") or found.get(self.key(self.router.source("cases", language), language))

    def switcher(self, page: Page) -> list[Alternate]:
        """Each language, linked to this page in it or else to its home."""
        here = self.language_of(page)
        found = []
        for language in self.languages:
            same = self.counterpart(page.file, language)
            target = same or self.home(language)
            if target is None:
                continue
            url = relative(page.url, target.url)
            found.append(
                Alternate(language, language_name(language), url, language == here, same is not None)
            )
        return found

    def alternates(self, file: File) -> list[tuple[str, str]]:
        """(hreflang, address) of every language's version of a page, 'x-default' the default
        language's, where it has versions in more than one language."""
        versions = [(lang, found) for lang in self.languages if (found := self.counterpart(file, lang))]
        if len(versions) < 2:
            return []
        links = [(lang, address) for lang, found in versions if (address := _address(found))]
        default = dict(links).get(self.router.default)
        return links + ([("x-default", default)] if default else [])

    def with_alternates(self, sitemap: str) -> str:
        """The site's sitemap with each page's versions in the other languages after its <loc>."""
        by_address = {
            address: file
            for language in self.pages.values()
            for file in language.values()
            if (address := _address(file))
        }

        def add(match: re.Match[str]) -> str:
            file = by_address.get(html.unescape(match.group(1)))
            links = self.alternates(file) if file is not None else []
            extra = "".join(
                f'<xhtml:link rel="alternate" hreflang="{lang}" href="{html.escape(address)}"/>'
                for lang, address in links
            )
            return match.group(0) + extra

        sitemap = sitemap.replace(SITEMAP_NS, f'{SITEMAP_NS} xmlns:xhtml="http://www.w3.org/1999/xhtml"', 1)
        return _LOC.sub(add, sitemap)

    def build_navs(self, nav: Navigation, config: MkDocsConfig) -> None:
        """A navigation per language, from the site's (the default language's)."""
        self.navs = {self.router.default: nav}
        for language in self.languages[1:]:
            pages: list[Page] = []
            items = [self._item(item, language, pages, None) for item in nav.items]
            translated = Navigation(items, pages)
            home = self.pages[language].get("index.md")
            translated.homepage = home.page if home is not None else nav.homepage
            self.navs[language] = translated

    def _item(
        self, item: StructureItem, language: str, pages: list[Page], parent: Section | None
    ) -> StructureItem:
        words = translations(language)
        made: StructureItem
        if isinstance(item, Section):
            section = Section(words.gettext(item.title), [])
            section.children = [self._item(child, language, pages, section) for child in item.children]
            made = section
        elif isinstance(item, Page) and (found := self.counterpart(item.file, language)) is not None:
            assert found.page is not None
            made = found.page
            pages.append(found.page)
        elif isinstance(item, Page):  # not in this language: a link to the original, saying so
            name = language_name(self.language_of(item))
            made = Link(f"{item.title} ({name})", item.url)
        else:
            assert isinstance(item, Link)
            made = Link(item.title, item.url)
        made.parent = parent
        return made

    def nav_urls(self) -> list[str]:
        """The addresses in every language's navigation (the theme's shared parts, theme.py)."""
        return [page.url for nav in self.navs.values() for page in nav.pages]


SITEMAP_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
_URL = re.compile(r"<url>.*?</url>\s*", re.S)
_LOC = re.compile(r"<loc>([^<]*)</loc>")


def _address(file: File) -> str | None:
    """A page's address as the sitemap writes it (its canonical URL, or its path from the root)."""
    page = file.page
    return (page.canonical_url or page.abs_url) if page is not None else None


def language_sitemaps(sitemap: str, router: Router, site_url: str) -> dict[str, str]:
    """A sitemap for each language but the default, from the site's: '<lang>/sitemap.xml' ->
    the entries of that language's pages."""
    entries = _URL.findall(sitemap)
    head = sitemap[: sitemap.find("<url>")] if entries else sitemap.rsplit("</urlset>", 1)[0]
    base = site_url.rstrip("/") + "/"
    found = {}
    for language in router.languages[1:]:
        prefix = base + router.prefix(language)
        own = [entry for entry in entries if (loc := _LOC.search(entry)) and loc.group(1).startswith(prefix)]
        found[f"{router.prefix(language)}sitemap.xml"] = head + "".join(own) + "</urlset>\n"
    return found
