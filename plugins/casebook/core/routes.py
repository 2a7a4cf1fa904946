"""Every kind of page and file the site makes, declared once, and one router for them
(`Router.url`), used by the renderers, the templates (`url(...)`) and, through the explorer's
data file, the script. An address is below the site's root for the default language and
below /<language>/ for the others, with the same path, except for the files one language
serves for all (`shared`: the open data, the schema, the search bundle).

The folders of the facets' pages (types/, challenges/, countries/, organisations/) are the vocabulary's
(vocabulary.yml); the others are here. Each kind says what holds for its pages:
`contributed` (it holds contributors' or editors' Markdown: sanitised), `searched` (in the
search index; listing pages are not, so a search finds each case once), `unsearched` (its
sections that are not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from string import Formatter

from .languages import LANGUAGES
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Kind:
    name: str
    path: str  # below the (language's) root, with {parameters}; '' is the home page
    contributed: bool = False
    searched: bool = False
    shared: bool = False  # one file for every language
    # Written in the default language and not translated (events, survey responses): their
    # pages are in the default language's folder only, and every language links there.
    default_only: bool = False
    # Sections (by their headings' ids) a search should not find the page by, and which its
    # search index is not even sent: the text of other pages, or the same on every page.
    unsearched: tuple[str, ...] = ()


KINDS = (
    Kind("home", "", searched=True),
    Kind("search", "search/"),
    Kind("cases", "cases/"),
    Kind("case", "cases/{slug}/", contributed=True, searched=True, unsearched=("related-cases", "cite")),
    # A renamed case's former address (core/identity.py): a small page that sends readers on.
    Kind("case_redirect", "cases/{slug}/index.html"),
    Kind("types", "{types}/"),
    Kind("type", "{types}/{slug}/"),
    Kind("challenges", "{challenges}/"),
    Kind("challenge", "{challenges}/{slug}/"),
    Kind("countries", "{countries}/"),
    Kind("country", "{countries}/{code}/"),
    Kind("organisations", "{organisations}/"),
    Kind("organisation", "{organisations}/{slug}/"),
    Kind("collections", "collections/"),
    Kind("collection", "collections/{slug}/", contributed=True, searched=True),
    Kind("matrix", "matrix/"),
    Kind("lessons", "lessons/"),
    Kind("lessons_page", "lessons/page/{number}/"),
    Kind("lessons_data", "lessons/data.json"),
    Kind("updates", "updates/"),
    Kind("updates_year", "updates/{year}/"),
    Kind("events", "events/"),
    Kind("event", "events/{slug}/", contributed=True, searched=True, default_only=True),
    Kind("guidelines", "guidelines/", contributed=True),
    Kind("guidelines_part", "guidelines/{part}/"),
    Kind("guidelines_pdf", "guidelines/casebook-guidelines.pdf"),
    Kind("sources", "sources/"),
    Kind("stats", "stats/"),
    Kind("data", "data/"),
    Kind("survey", "survey/", searched=True),
    Kind("gaps", "gaps/", searched=True),
    Kind("response", "survey/responses/{slug}/", searched=True, default_only=True),
    Kind("contribute", "contribute/", searched=True),
    Kind("about", "about/", searched=True),
    Kind("resources", "resources/", searched=True),
    Kind("feed", "feed.xml"),
    Kind("updates_feed", "updates.xml"),
    Kind("calendar", "events.ics", shared=True),
    Kind("schema", "schema/case.schema.json", shared=True),
    Kind("api", "api/{name}", shared=True),
    # A case's citation (CSL-JSON, BibTeX, RIS: outputs/citation.py), and the collection's.
    Kind("case_citation", "api/cases/{slug}.{format}", shared=True),
    Kind("search_bundle", "pagefind/", shared=True),
)
BY_NAME = {kind.name: kind for kind in KINDS}


class Router:
    """Addresses for the pages of one of the site's languages: `url('case', slug='x')` ->
    'cases/x/' (or 'fr/cases/x/'); `languages` are the site's, the default first."""

    def __init__(self, vocabulary: Vocabulary, language: str, languages: tuple[str, ...] = ()) -> None:
        self.language = language
        self.languages = languages or (language,)
        self.default = self.languages[0]
        self._folders = {
            "types": vocabulary.folder("partnership_types"),
            "challenges": vocabulary.folder("challenges"),
            "countries": vocabulary.folder("country"),
            "organisations": vocabulary.folder("organisation")
            if vocabulary.organisation
            else "organisations",
        }

    def home(self, language: str) -> str:
        """The language whose folder holds a page written in `language`: itself, or the
        default where the site does not have that language."""
        return language if language in self.languages else self.default

    def kind_of(self, path: str) -> Kind | None:
        """The kind of the page at a source path ('fr/cases/x.md' -> case), or None for a
        page no kind declares (a hand-written page of the site's own)."""
        stem = path.removeprefix(self.prefix(self.language_of(path))).removesuffix(".md")
        url = "" if stem == "index" else stem.removesuffix("index") if stem.endswith("/index") else stem + "/"
        return next((kind for kind, pattern in self._patterns if pattern.fullmatch(url)), None)

    @cached_property
    def _patterns(self) -> list[tuple[Kind, re.Pattern[str]]]:
        found = []
        for kind in KINDS:
            pattern = re.escape(kind.path)
            for name, folder in self._folders.items():
                pattern = pattern.replace(re.escape(f"{{{name}}}"), re.escape(folder))
            found.append((kind, re.compile(re.sub(r"\\\{\w+\\\}", "[^/]+", pattern))))
        return found

    def language_of(self, path: str) -> str:
        """The language of a page or file from its path ('fr/cases/x.md' -> 'fr')."""
        first = path.split("/", 1)[0]
        return first if first in self.languages[1:] else self.default

    def left_out(self, path: str) -> bool:
        """A hand-written page in the folder of a language the site does not have (docs/fr/...
        on a site in English alone): not built, as its links lead to pages that are not."""
        first = path.split("/", 1)[0]
        return first in LANGUAGES and first not in self.languages[1:]

    def prefix(self, language: str | None = None) -> str:
        """'' for the default language, 'fr/' for French."""
        language = self.home(self.language if language is None else language)
        return "" if language == self.default else f"{language}/"

    def url(self, kind: str, language: str | None = None, **params: object) -> str:
        """The address of a page or file of `kind`, relative to the site's root."""
        found = BY_NAME[kind]
        path = found.path.format(**self._folders, **params)
        if found.shared:
            return path
        return self.prefix(self.default if found.default_only else language) + path

    def source(self, kind: str, language: str | None = None, **params: object) -> str:
        """The source path MkDocs gives a page: a page named by a parameter is a file of its
        folder ('cases/x/' -> 'cases/x.md'), a folder's own page its index ('cases/' ->
        'cases/index.md', '' -> 'index.md')."""
        url = self.url(kind, language, **params)
        last = BY_NAME[kind].path.rstrip("/").rsplit("/", 1)[-1]
        named = {field for _, field, _, _ in Formatter().parse(last) if field} - self._folders.keys()
        return url[:-1] + ".md" if named else url + "index.md"
