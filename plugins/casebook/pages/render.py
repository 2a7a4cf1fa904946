"""Rendering the generated pages from Jinja templates.

A generated page is Markdown for what Markdown is for (headings, which make the table of
contents, and a case's body) and HTML for the rest. Each HTML part is written in a template
inside `{% call html() %}...{% endcall %}`: it is kept aside and only a placeholder paragraph
goes through Markdown; `expand` puts the HTML back into the converted page. So contributor
text in those parts is HTML-escaped once (Jinja's autoescape) and never read as Markdown (a
title such as `[x](javascript:...)` stays text), and Python-Markdown does not parse megabytes
of generated HTML (at 1,000 cases that parse took most of the build). Links in those parts
are not rewritten by MkDocs, so they are made relative to each page's own URL here.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from importlib import resources
from typing import Any, NamedTuple

import markdown
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..core.curated import Curated
from ..core.events import Event, EventIndex, index_events
from ..core.evidence import Grade
from ..core.facets import build_facets, case_values, lesson_values
from ..core.guidelines import Guidelines, Recommendation
from ..core.guidelinetranslations import TranslatedGuidelines
from ..core.index import Development, Index, most_recent
from ..core.languages import country_name, display_date, language_name
from ..core.model import Case, Lesson
from ..core.prose import neutralise_attribute_lists
from ..core.routes import Router
from ..core.schema import case_schema, dictionary_rows
from ..core.timeline import FOLLOW_UP_YEARS
from ..core.translations import Provenance
from ..core.vocabulary import Term, Vocabulary
from ..core.words import N_, counted
from ..outputs.citation import CONTAINER, Release, csl_item, entry_item, formatted_reference
from ..outputs.explorer import SERVER_LIMIT
from ..outputs.feed import FeedEntry
from .bytecode import PAGES
from .catalogue import translations
from .csp import with_policy
from .figures import sources_by_publisher, statistics_charts
from .links import pager_window
from .sanitize import sanitize
from .worldmap import missing_from_map, world_map

# A type or challenge page shows this many lessons a group, then links to the explorer:
# the page stays light at 5,000 cases, the explorer holds them all.
LESSONS_PER_GROUP = 10
# A type, challenge or country page lists this many cases, the most recently reviewed, and
# links to the filtered cases listing for all (a type's table was 750 kB at 5,000 cases).
CASES_SHOWN = 50
# A feed reader fetches the feed again and again: it holds the newest cases, as feeds do
# (one entry a case came to 4 MB at 5,000 cases). The open data holds them all.
FEED_LIMIT = 50
# /updates/ lists the newest developments and links to a page a year for the rest (every
# development of 5,000 cases on one page would be megabytes); the home page shows a few.
UPDATES_SHOWN = 100
UPDATES_ON_HOME = 5


class PageJob(NamedTuple):
    src: str  # the page's source path, e.g. 'types/index.md'
    template: str
    # Called when the page is made (in the worker, see site.py): some contexts take time.
    context: Callable[[], dict[str, Any]]
    # A page that shows a window of an order that titles decide (the first lessons of a
    # group, a page of lessons, the newest developments): which items are in it. A case that
    # moves in that order can change the page where it does not appear (speed/listed.py).
    window: Callable[[], tuple] | None = None


@dataclass(frozen=True)
class SiteOptions:
    edit_url: Callable[[Case], str | None] = lambda case: None
    edition: str = "public"
    lessons_listed: int = SERVER_LIMIT  # lessons the explorer page lists for readers without JavaScript
    guidelines_pdf: bool = False  # whether the build publishes the guidelines as a PDF
    # A placeholder in place of each contributed body (a case's, an event's), for `casebook
    # render` to put the body in as the other generator must read it (assembly/source.py).
    bodies_aside: bool = False
    release: Release = field(default_factory=Release)  # the edition and DOI: footer and citations
    site_url: str = ""  # the published site's address: citations and metadata give absolute ones


def page_url(src_uri: str) -> str:
    """'cases/x.md' -> 'cases/x/', 'cases/index.md' -> 'cases/', 'index.md' -> '' (directory URLs)."""
    stem = src_uri[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(here: str, target: str) -> str:
    """A link from the page at URL `here` to the site URL `target` (both without a leading /).

    Up to the site's root, then down: one string operation a link, where posixpath.relpath
    took a fifth of the render time at 1,000 cases.
    """
    link = "../" * here.count("/") + target
    return link or "./"


# The pages beside the guidelines' web edition: (address below guidelines/, part); guidelines.j2
# titles them.
GUIDELINE_PARTS = (
    ("evidence", "evidence"),
    ("frameworks", "frameworks"),
    ("route-to-data", "route"),
    ("access-models", "models"),
    ("agreement-checklist", "checklist"),
)
EDITIONS = (
    N_("First edition"), N_("Second edition"), N_("Third edition"), N_("Fourth edition"),
    N_("Fifth edition"), N_("Sixth edition"), N_("Seventh edition"), N_("Eighth edition"),
    N_("Ninth edition"), N_("Tenth edition"),
)  # fmt: skip
# The words of the site's script, which it reads from each page (frame/head.html.j2).
SCRIPT_WORDS = (
    N_("Filter lessons by"), N_("Find…"), N_("Find in %(group)s"), N_("Find a value"),
    N_("Remove filter: %(value)s"), N_("(active: %(count)s)"), N_("Show more (%(count)s)"),
    N_("Cases: %(shown)s of %(total)s"), N_("Cases: %(total)s"),
    N_("Lessons: %(shown)s of %(total)s"), N_("Lessons: %(total)s"),
    N_("Search the case studies"), N_("Search"), N_("Download these %(count)s:"),
)  # fmt: skip
# A case's citation files, as the "Cite this case" block names them: (name, extension).
CITATION_FILES = (("CSL-JSON", "json"), ("BibTeX", "bib"), ("RIS", "ris"))
# How a translation was made, as its note names it.
METHOD_NAMES = {
    "human": N_("Translation"),
    "machine": N_("Machine translation"),
    "machine-post-edited": N_("Machine translation, edited by a person"),
}
# The kind of the pages of a group's terms.
TERM_KINDS = {"partnership_types": "type", "challenges": "challenge"}


def guideline_parts(guidelines: Guidelines) -> list[tuple[str, str]]:
    """The pages beside the web edition that these guidelines have."""
    tools = guidelines.tools
    present = {
        "evidence": bool(guidelines.chapters),
        "frameworks": bool(guidelines.frameworks),
        "route": tools is not None and tools.route is not None,
        "models": tools is not None and tools.models is not None,
        "checklist": tools is not None and tools.checklist is not None,
    }
    return [part for part in GUIDELINE_PARTS if present[part[1]]]


PUBLICATION_TITLE = "Guidelines on strategic partnerships in official statistics"
# What editors' Markdown (the guidelines' text) may use: prose, so no attribute lists.
EDITORIAL_EXTENSIONS = ["def_list", "footnotes", "tables"]


def editorial_html(text: str) -> Markup:
    """Editors' Markdown as sanitised HTML, for the parts of a page kept aside from Markdown."""
    return Markup(sanitize(markdown.markdown(text, extensions=EDITORIAL_EXTENSIONS)))


def prose_markdown(text: str) -> Markup:
    """A contributed body for a page's Markdown: its attribute lists printed as text, not
    applied (the page's extensions include attr_list for the site's own pages)."""
    return Markup(neutralise_attribute_lists(text))


HEAT_LEVELS = 5  # shades of the matrix


def heat_level(count: int, most: int) -> int:
    """The shade of a matrix cell: 1 to HEAT_LEVELS, in equal steps up to the fullest cell."""
    return max(1, math.ceil(HEAT_LEVELS * count / most)) if most else 1


def heat_levels(most: int) -> list[tuple[int, int, int]]:
    """(level, fewest, most cases) of each shade some count can have: the legend."""
    levels: dict[int, list[int]] = {}
    for count in range(1, most + 1):
        levels.setdefault(heat_level(count, most), []).append(count)
    return [(level, counts[0], counts[-1]) for level, counts in sorted(levels.items())]


def css_string(value: str) -> Markup:
    """Text as a quoted CSS string, for a <style> element (raw text: no HTML escapes there)."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>&\n' else c for c in str(value))
    return Markup(f'"{escaped}"')


def front_matter_text(value: str) -> Markup:
    """An HTML-escaped, YAML-quoted one-line string for a generated page's front matter.

    Material prints `page.meta.title` and `description` raw into the page head.
    """
    flat = " ".join(str(value).split())
    quoted = json.dumps(str(escape(flat)), ensure_ascii=False)
    return Markup(quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def data_attributes(values: Mapping[str, Sequence[str]]) -> Markup:
    """` data-type="a b" data-country="no"`: an item's facet values, which the script filters
    by (a function, not a macro: every row and lesson of a listing has them)."""
    return Markup("".join(f' data-{param}="{escape(" ".join(slugs))}"' for param, slugs in values.items()))


# Drawn case rows and lesson items, by macro, vocabulary, page depth and item: see Renderer._item.
_ITEMS: dict[tuple[str, Vocabulary, int, Any], Markup] = {}
# A case's lesson items, by vocabulary, page depth and case: see Renderer._items_of.
_LESSON_ITEMS: dict[tuple[Vocabulary, int, Case], list[Markup]] = {}


class Renderer:
    def __init__(
        self,
        index: Index,
        vocabulary: Vocabulary,
        options: SiteOptions | None = None,
        events: EventIndex | None = None,
        today: dt.date | None = None,
        guidelines: Guidelines | None = None,
        router: Router | None = None,
        guidelines_translation: TranslatedGuidelines | None = None,
        collections: tuple[Curated, ...] = (),
    ):
        self.router = router or Router(vocabulary, vocabulary.language)
        self.collections = collections  # curated reading lists, written in the default language
        self.language = language = self.router.language
        self.index = index
        self.vocabulary = vocabulary
        self.options = options or SiteOptions()
        self.events = events or index_events((), ())
        self.today = today or dt.date(1970, 1, 1)
        # The default language always has the guidelines' pages; another only where they are
        # translated into it (None: its readers are sent to the original's).
        self.has_guidelines = guidelines is not None or self.router.language == self.router.default
        self.guidelines = guidelines or Guidelines(None, None, ())
        self.guidelines_translation = guidelines_translation
        self.blocks: dict[str, list[str]] = {}  # src path -> the page's HTML parts
        self._heads: dict[tuple[str, str], Markup] = {}  # see head()
        self._links: dict[tuple[str, int, str], Markup] = {}  # see linked()
        # A token no contributor can guess, so body text can never pull in a block.
        self._token = f"CASEBOOKBLOCK{secrets.token_hex(8)}N"
        self._placeholder = re.compile(rf"<p>{self._token}(\d+)x</p>")
        self._in_markdown = re.compile(rf"{self._token}(\d+)x")
        self.env = Environment(
            loader=PackageLoader(__package__, "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=StrictUndefined,
            bytecode_cache=PAGES,
            extensions=["jinja2.ext.i18n"],
            # A renderer lives for one build (a preview makes new ones), so a template loaded
            # once is not checked again against its file on every page.
            auto_reload=False,
        )
        # _(), gettext and ngettext in templates; newstyle: %(name)s values are escaped;
        # trimmed: a {% trans %} block's line breaks are one space, as extraction reads them.
        self.env.policies["ext.i18n.trimmed"] = True
        self.translations = translations(language)
        self.env.install_gettext_translations(self.translations, newstyle=True)  # type: ignore[attr-defined]
        # Links are relative to the page being rendered; a filter that needs no template
        # context lets imported macro modules be cached (an import "with context" is
        # evaluated again on every page).
        self._here = ""
        self.env.filters["rel"] = lambda target: relative(self._here, target)
        self.env.filters["fm"] = front_matter_text
        self.env.filters["css_string"] = css_string
        # A message declared in a module (N_), translated here; plain text, escaped as any value.
        self.env.filters["translated"] = lambda message: self.translations.gettext(message) if message else ""
        self.env.filters["country"] = partial(country_name, language=language)
        self.env.filters["counted"] = counted
        self.env.filters["markdown"] = editorial_html
        self.env.filters["grade_counts"] = self.grade_counts
        self.env.filters["ordinal_edition"] = self.edition_name
        self.env.tests["contains"] = lambda values, item: item in values
        self.env.filters["when"] = partial(display_date, language=language)
        self.env.globals.update(
            vocab=vocabulary,
            index=index,
            label=self.label,
            term_url=self.term_url,
            country_url=lambda code: self.router.url("country", code=code.lower()),
            case_url=self.case_url,
            citation=self.citation,
            cite_event=self.cite_event,
            cite_collection=self.cite_collection,
            cite_recommendation=self.cite_recommendation,
            lang_attr=self.lang_attr,
            # The language a case was written in (its facts: names, sources), whatever it is read in.
            written_in=lambda case: case.translation.original_language if case.translation else case.lang,
            language_note=self.language_note,
            edit_url=self.edit_url,
            provenance_note=self.provenance_note,
            guidelines_note=self.guidelines_note,
            guidelines_translation=guidelines_translation,
            default_language=self.router.default,
            explorer_url=self.explorer_url,
            lessons_in=self.lessons_in,
            case_row=self.case_row,
            guideline_item=self.guideline_item,
            lesson_item=self.lesson_item,
            linked=self.linked,
            pager_window=pager_window,
            filter_chips=self.filter_chips,
            data_attributes=data_attributes,
            heat=heat_level,
            heat_levels=heat_levels,
            world_map=world_map,
            missing_from_map=missing_from_map,
            by_stage=self.by_stage,
            lessons_shown=LESSONS_PER_GROUP,
            feed_limit=FEED_LIMIT,
            updates_shown=UPDATES_SHOWN,
            updates_on_home=UPDATES_ON_HOME,
            newest_of=lambda cases: cases if len(cases) <= CASES_SHOWN else most_recent(cases, CASES_SHOWN),
            case_values=lambda case: case_values(case, vocabulary),
            lesson_values=lambda lesson: lesson_values(lesson, index, vocabulary),
            folder=vocabulary.folder,
            gaps=sum(1 for cases in index.matrix.values() if not cases),
            edition=self.options.edition,
            events=self.events,
            today=self.today,
            guidelines=self.guidelines,
            # The published PDF of the guidelines in this language, where the build writes one.
            guidelines_pdf=self.router.url("guidelines_pdf") if self.options.guidelines_pdf else None,
            event_title=self._event_title,
            body=self.body,
            guideline_parts=guideline_parts,
            page_of=page_url,
            follow_up_years=FOLLOW_UP_YEARS,
            url=self.router.url,
            language=language,
            organisations=index.organisations,
            collections=collections,
        )

    @property
    def body_token(self) -> str:
        """What stands for a contributed body when the options put bodies aside."""
        return f"{self._token}BODY"

    def body(self, text: str) -> Markup:
        """A contributed body for its page's Markdown (see `prose_markdown`), or its placeholder."""
        return Markup(self.body_token) if self.options.bodies_aside else prose_markdown(text)

    def label(self, group: str, slug: str) -> str:
        return self.vocabulary[group].label_of(slug)

    def term_url(self, group: str, slug: str) -> str:
        return self.router.url(TERM_KINDS[group], slug=slug)

    def case_url(self, slug: str) -> str:
        """A case's page: in this language where its text is (its own or a translation's),
        else in the language it is written in (no page is copied into another language)."""
        case = self.index.by_slug.get(slug)
        return self.router.url("case", language=case.lang if case else None, slug=slug)

    def edit_url(self, case: Case) -> str | None:
        """Where to edit the text a case page shows: the case's file, or its translation's."""
        translation = case.translation
        return self.options.edit_url(replace(case, path=translation.path) if translation else case)

    def lang_attr(self, language: str) -> Markup:
        """` lang="en"` on text in another language than the page's (screen readers, search)."""
        return Markup("") if language == self.language else Markup(f' lang="{escape(language)}"')

    def language_note(self, language: str) -> Markup:
        """'(English)' after an item shown in another language than the page's, in that
        language's own name, or nothing."""
        if language == self.language:
            return Markup("")
        name = escape(language_name(language))
        return Markup(f' <span class="cb-lang" lang="{escape(language)}">({name})</span>')

    def grade_counts(self, graded: Grade) -> str:
        """What a grade rests on: 'worked in 2 offices whose cases report the outcome; 1
        cautionary example; no mixed example'."""
        ngettext = self.translations.ngettext
        parts = [
            ngettext(
                "worked in %(num)d office whose case reports the outcome",
                "worked in %(num)d offices whose cases report the outcome",
                len(graded.worked),
            )
            % {"num": len(graded.worked)},
            ngettext("%(num)d cautionary example", "%(num)d cautionary examples", graded.cautionary)
            % {"num": graded.cautionary},
            ngettext("%(num)d mixed example", "%(num)d mixed examples", graded.mixed) % {"num": graded.mixed},
        ]
        if graded.unknown:
            message = ngettext(
                "%(num)d where it worked but the outcome is not yet known",
                "%(num)d where it worked but the outcome is not yet known",
                graded.unknown,
            )
            parts.append(message % {"num": graded.unknown})
        return self.translations.gettext("; ").join(parts)

    def switcher(self, alternates: Sequence[Any]) -> Markup:
        """The language switcher of a page (alternates: see mkdocs/languages.py), by a macro:
        every page of a site in several languages has one."""
        home = {a.language: translations(a.language).gettext("(home page)") for a in alternates}
        return Markup(self.env.get_template("frame/languages.html.j2").module.switcher(alternates, home))

    def head(self, link: Callable[[str], str], src: str | None = None) -> Markup:
        """A page's feeds and its script's words, and a case page's citation metadata (`src`:
        the page's source path); `link` makes an address relative to the page. The feeds and
        words are drawn once for each pair of feed addresses (once per page depth)."""
        feeds = (link(self.router.url("feed")), link(self.router.url("updates_feed")))
        if feeds not in self._heads:
            words = {message: self.translations.gettext(message) for message in SCRIPT_WORDS}
            data = json.dumps(words, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
            template = self.env.get_template("frame/head.html.j2")
            self._heads[feeds] = Markup(template.render(feeds=feeds, words=Markup(data)))
        head = self._heads[feeds]
        kind = self.router.kind_of(src) if src else None
        case = self.index.by_slug.get(src.rsplit("/", 1)[-1].removesuffix(".md")) if src and kind else None
        if kind is not None and kind.name == "case" and case is not None:
            head += self.case_metadata(case)
        return head

    def absolute(self, path: str) -> str:
        """A site path as an address: absolute where the site's address is known."""
        return f"{self.options.site_url.rstrip('/')}/{path}" if self.options.site_url else f"/{path}"

    def citation(self, case: Case) -> dict[str, Any]:
        """What the "Cite this case" block shows: the formatted reference (outputs/citation.py)
        of the case as this page shows it, and its citation files."""
        item = self._case_item(case)
        files = {
            name: self.router.url("case_citation", slug=case.slug, format=ext) for name, ext in CITATION_FILES
        }
        return {"reference": self.reference(item), "files": files}

    def _case_item(self, case: Case) -> dict[str, Any]:
        address = self.absolute(self.router.url("case", language=case.lang, slug=case.slug))
        return csl_item(case, address, self.options.release)

    def reference(self, item: dict[str, Any]) -> Markup:
        """A CSL-JSON item as a formatted reference in this language (outputs/citation.py)."""
        return Markup(formatted_reference(item, self.language))

    def cite_event(self, event: Event) -> Markup:
        """An event page's reference: its organisers, title and first day."""
        address = self.absolute(self.router.url("event", slug=event.slug))
        item = entry_item(
            event.slug, event.title, address, self.options.release, event.organisers, event.start
        )
        return self.reference(item)

    def cite_collection(self, collection: Curated) -> Markup:
        """A collection page's reference: its curator (an organisation's name, or the role's
        label in this language) and title."""
        organisation = self.index.organisations.registry.by_slug.get(collection.curator)
        curator = organisation.name if organisation else self.label("curator_roles", collection.curator)
        address = self.absolute(self.router.url("collection", slug=collection.slug))
        item = entry_item(collection.slug, collection.title, address, self.options.release, (curator,))
        reference, marker = self.reference(item), self.lang_attr(self.router.default)
        if not marker:
            return reference
        # Its title is in the language it is written in, not the page's: marked as such.
        title = str(escape(item["title"]))
        return Markup(str(reference).replace(title, f"<span{marker}>{title}</span>", 1))

    def cite_recommendation(self, recommendation: Recommendation) -> Markup:
        """A recommendation's reference, as an anchor of the guidelines' page."""
        address = self.absolute(self.router.url("guidelines")) + "#" + recommendation.anchor
        label = self.translations.gettext("Recommendation %(label)s") % {"label": recommendation.label}
        # Translators: a recommendation's number, then its title, in its reference
        title = self.translations.gettext("%(label)s: %(title)s") % {
            "label": label,
            "title": recommendation.title,
        }
        published = self.guidelines.introduction.published if self.guidelines.introduction else None
        date = str(published) if published else ""
        # The guidelines are the Casebook's own publication: it is their author.
        authors = ("Casebook",)
        item = entry_item(
            recommendation.anchor, title, address, self.options.release, authors, date, PUBLICATION_TITLE
        )
        return self.reference(item)

    def case_metadata(self, case: Case) -> Markup:
        """A case page's head: Highwire citation_* tags (reference managers, Google Scholar)
        and schema.org JSON-LD (a data block, which no browser runs: see pages/csp.py)."""
        item = self._case_item(case)
        release = self.options.release
        linked = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": item["title"],
            "description": item["abstract"],
            "url": item["URL"],
            "inLanguage": case.lang,
            "author": {"@type": "Organization", "name": item["author"][0]["literal"]},
            "about": [
                {"@type": "DefinedTerm", "name": self.label(group, slug), "termCode": slug}
                for group in ("partnership_types", "challenges")
                for slug in getattr(case, group)
            ],
            "spatialCoverage": {
                "@type": "Place",
                "name": country_name(case.country, self.language),
                "identifier": case.country,
            },
            "isBasedOn": [
                {"@type": "CreativeWork", "name": source.title, **({"url": source.url} if source.url else {})}
                for source in case.sources
            ],
            "isPartOf": {
                "@type": "Dataset",
                "name": CONTAINER,
                **({"version": release.edition} if release.edition else {}),
                **({"identifier": release.doi_url} if release.doi else {}),
            },
        }
        if case.last_reviewed:
            linked["dateModified"] = case.last_reviewed
        compact = json.dumps(linked, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        data = compact.replace("<", "\\u003c")
        template = self.env.get_template("frame/citation_head.html.j2")
        return Markup(template.render(case=case, item=item, container=CONTAINER, linked=Markup(data)))

    def footer(self) -> Markup:
        """The edition and, where configured, the DOI: in every page's footer."""
        return self._footer

    @cached_property
    def _footer(self) -> Markup:
        return Markup(self.env.get_template("frame/footer.html.j2").render(release=self.options.release))

    def provenance_note(
        self, provenance: Provenance, original: str | None, language: str | None = None
    ) -> Markup:
        """Where a translation comes from, above it; `original` links to the original (relative
        to the page), written in `language` (the default one unless said)."""
        template = self.env.get_template("frame/provenance.html.j2")
        return Markup(
            template.render(
                provenance=provenance,
                original=original,
                original_language=language or self.router.default,
                method_name=self.translations.gettext(METHOD_NAMES[provenance.method]),
            )
        )

    def guidelines_note(self, original: str, *files: str) -> Markup:
        """Where translated guidelines come from, above a page of them (nothing for the
        original): out of date where one of `files` (as translation.yml names them; none: any)
        has changed in English since; `original` links to the page in the original."""
        translated = self.guidelines_translation
        if translated is None:
            return Markup("")
        outdated = any(name in translated.outdated for name in files) if files else bool(translated.outdated)
        provenance = replace(translated.provenance, outdated=outdated)
        return self.provenance_note(provenance, original)

    def edition_name(self, number: int) -> str:
        """2 -> 'Second edition'."""
        gettext = self.translations.gettext
        if 1 <= number <= len(EDITIONS):
            return gettext(EDITIONS[number - 1])
        return gettext("Edition %(number)d") % {"number": number}

    def case_row(self, case: Case) -> Markup:
        """A case's row in a cases table. Type, challenge and country pages list the same
        cases at the same depth, so each row is drawn once per depth, not once per page;
        and once per process for the same case (a preview server draws them after every
        edit, and only the edited case's rows change)."""
        return self._item("case_row", case, case)

    def guideline_item(self, lesson: Lesson) -> Markup:
        """A lesson's item in the guidelines' lists, drawn as case rows are."""
        return self._item("guideline_item", (self.index.case_of(lesson), lesson.number), lesson)

    def lesson_item(self, lesson: Lesson) -> Markup:
        """A lesson's item in the lessons explorer and the type, challenge and event pages'
        lists, drawn as case rows are (a listing in French or Russian lists every lesson)."""
        case = self.index.case_of(lesson)
        return self._items_of(case)[lesson.number - 1]

    def _items_of(self, case: Case) -> list[Markup]:
        """The items of a case's lessons, drawn together (items.j2) once per process and depth."""
        whole = (self.vocabulary, self._here.count("/"), case)
        if whole not in _LESSON_ITEMS:
            drawn = str(self._items.case_lessons(case)).split("<!---->")
            _LESSON_ITEMS[whole] = [Markup(item.strip()) for item in drawn[: len(case.lessons)]]
        return _LESSON_ITEMS[whole]

    def filter_chips(self, lesson: Lesson) -> Markup:
        """A lesson's links to the explorer filtered by its types and challenges: drawn once
        per page depth for each combination of them, which many lessons share."""
        return self._item("lesson_chips", (lesson.partnership_types, lesson.challenges), lesson)

    def _item(self, macro: str, key: Any, *args: Any) -> Markup:
        """`macro` of items.j2 for `args`, drawn once per process for the same `key` (a case
        with all its values; a lesson) and page depth."""
        whole = (macro, self.vocabulary, self._here.count("/"), key)
        if whole not in _ITEMS:
            _ITEMS[whole] = Markup(str(getattr(self._items, macro)(*args)).strip())
        return _ITEMS[whole]

    def linked(self, macro: str, key: str, *args: Any) -> Markup:
        """`macro` of macros.j2 (a link to a case, a country) for `args`, drawn once per build,
        page depth and `key` (the slug or code it links to): an organisation's page has a row
        for each of its cases, and a case has a row on the page of each of its organisations."""
        whole = (macro, self._here.count("/"), key)
        if whole not in self._links:
            self._links[whole] = Markup(getattr(self._macros, macro)(*args))
        return self._links[whole]

    @cached_property
    def _macros(self) -> Any:
        return self.env.get_template("macros.j2").module

    @cached_property
    def _items(self) -> Any:
        """items.j2 as a module of macros, made once (after the globals are set)."""
        return self.env.get_template("items.j2").module

    def by_stage(self, lessons: tuple[Lesson, ...]) -> list[tuple[Term | None, list[Lesson]]]:
        """Lessons grouped by stage, in the vocabulary's order, those without a stage last;
        stages without lessons left out."""
        groups: dict[str | None, list[Lesson]] = {}
        for lesson in lessons:
            groups.setdefault(lesson.stage, []).append(lesson)
        stages: list[Term | None] = [*self.vocabulary.stages.terms, None]
        return [(stage, groups[key]) for stage in stages if (key := stage.slug if stage else None) in groups]

    def _group_windows(self, group: str, slug: str, others: tuple[str, ...]) -> tuple:
        """The lessons a term's page shows of each of its groups (term.md.j2)."""
        return tuple(_ids(self.lessons_in(group, slug, other)[:LESSONS_PER_GROUP]) for other in others)

    def lessons_in(self, group: str, slug: str, other_slug: str) -> tuple:
        """Lessons tagged with a term of `group` and a term of the other group (a matrix cell)."""
        key = (slug, other_slug) if group == "partnership_types" else (other_slug, slug)
        return self.index.lesson_matrix[key]

    def explorer_url(self, page: str | None = None, **facets: str | list[str]) -> str:
        """A filtered view of the lessons explorer (by default) or the cases listing (repeated
        parameters), by facet name: `explorer_url(url("cases"), partnership_types="co-creation")`."""
        page = self.router.url("lessons") if page is None else page
        pairs = []
        for name, values in facets.items():
            param = self.vocabulary.param(name)
            for value in [values] if isinstance(values, str) else values:
                pairs.append(f"{param}={value}")
        return page + ("?" + "&".join(pairs) if pairs else "")

    def render(self, template: str, src_uri: str, **context: Any) -> str:
        """Markdown for the page at `src_uri`; its HTML parts are kept for `expand`."""
        blocks = self.blocks.setdefault(src_uri, [])

        def html(caller: Callable[[], str]) -> Markup:
            blocks.append(caller())
            return Markup(f"\n\n{self._token}{len(blocks) - 1}x\n\n")

        self._here = page_url(src_uri)
        return self.env.get_template(template).render(here=self._here, html=html, **context)

    def made_key(self, markdown: str, blocks: list[str]) -> int:
        """What a generated page was made into, as a hash that is the same from one build to
        the next (each renderer has its own placeholder token)."""
        return hash((markdown.replace(self._token, ""), tuple(blocks)))

    def expand(self, blocks: list[str], page_html: str) -> str:
        """The converted page with its HTML parts put back in place of their placeholders."""
        if not blocks:
            return page_html
        return self._placeholder.sub(lambda m: blocks[int(m.group(1))], page_html)

    def case_page_key(self, job: PageJob) -> int:
        """What a case page is made from, as a hash (valid within one process): the case, its
        related cases as the page shows them, the events it was presented at and
        where its lessons were learned, the case's edit link, the edition, and where its
        translation comes from (a page in another language than the case's own)."""
        case = job.context()["case"]
        presented = tuple(
            (e.slug, e.title, e.start, e.end, e.place) for e in self.events.by_case.get(case.slug, ())
        )
        learned = tuple(self._event_title(lesson.event) for lesson in case.lessons if lesson.event)
        return hash(
            (
                case,
                self._related_shown(case),
                presented,
                learned,
                self.edit_url(case),
                self.options.edition,
                self.options.release,
                self.options.site_url,
                case.translation,
            )
        )

    def _related_shown(self, case: Case) -> tuple:
        """What a case page shows of its related cases: which they are (chosen by shared tags,
        then by title) and each one's link, name, office and country. A title edited elsewhere
        changes only the pages that list that case."""
        return tuple(
            (
                other.slug,
                other.title,
                other.lang,
                other.organisation,
                other.country,
                other.translation is not None,
            )
            for other in self.index.related[case.slug]
        )

    def _event_title(self, slug: str) -> str:
        return self._event_titles.get(slug, slug)

    @cached_property
    def _event_titles(self) -> dict[str, str]:
        return {event.slug: event.title for event in self.events.events}

    def case_jobs(self) -> list[PageJob]:
        """One page a case whose text is in this language (its own, or a translation's), in
        the index's order."""
        home, source = self.router.home, self.router.source
        return [
            PageJob(source("case", slug=case.slug), "case.md.j2", partial(dict, case=case))
            for case in self.index.cases
            if home(case.lang) == self.language
        ]

    def redirects(self, site_url: str) -> dict[str, Callable[[], str]]:
        """A page at each former address of the cases whose pages are in this language (see
        case_jobs), by its path: it sends the reader to the case's page."""
        home, url = self.router.home, self.router.url
        return {
            url("case_redirect", language=case.lang, slug=former): partial(
                self.redirect_page, case, former, site_url
            )
            for case in self.index.cases
            if home(case.lang) == self.language
            for former in case.former_slugs
        }

    def redirect_page(self, case: Case, former: str, site_url: str) -> str:
        """The page at a renamed case's former address, with its security policy."""
        here = self.router.url("case", language=case.lang, slug=former)
        target = self.router.url("case", language=case.lang, slug=case.slug)
        self._here = here
        link = relative(here, target)
        canonical = f"{site_url.rstrip('/')}/{target}" if site_url else link
        page = self.env.get_template("redirect.html.j2").render(case=case, target=link, canonical=canonical)
        return with_policy(page)

    def listing_jobs(self) -> list[PageJob]:
        """The pages that list and count the cases, and the search page: their paths are
        known at once; their contexts and Markdown are made later, maybe in another process
        (see site.py). Every language has them all; an event's page is in the default
        language only (events are not translated), and the guidelines' pages only in a
        language they are written or translated in."""
        v, ix, source = self.vocabulary, self.index, self.router.source
        jobs: list[PageJob] = []

        def add(
            src: str,
            template: str,
            context: Callable[[], dict] | None = None,
            window: Callable[[], tuple] | None = None,
            **values: Any,
        ) -> None:
            jobs.append(PageJob(src, template, context or partial(dict, **values), window))

        def cases_context() -> dict[str, Any]:
            values = (case_values(case, v) for case in ix.cases)
            return {"cases": ix.cases, "facets": build_facets(values, "cases", ix, v)}

        per_page = max(1, self.options.lessons_listed)
        pages = max(1, math.ceil(len(ix.lessons) / per_page))

        def lessons_context() -> dict[str, Any]:
            facets = build_facets((lesson_values(x, ix, v) for x in ix.lessons), "lessons", ix, v)
            return {"facets": facets, "server_limit": per_page, "lesson_pages": pages}

        add(source("cases"), "cases_index.md.j2", cases_context)
        for group, other in (("partnership_types", "challenges"), ("challenges", "partnership_types")):
            by_term = ix.by_type if group == "partnership_types" else ix.by_challenge
            lessons = ix.lessons_by_type if group == "partnership_types" else ix.lessons_by_challenge
            kind = TERM_KINDS[group]
            add(source(f"{kind}s"), "terms_index.md.j2", group=v[group], by_term=by_term, lessons=lessons)
            for term in v[group].terms:
                shown = partial(self._group_windows, group, term.slug, v[other].slugs)
                add(
                    source(kind, slug=term.slug),
                    "term.md.j2",
                    window=shown,
                    group=v[group],
                    other=v[other],
                    term=term,
                    cases=by_term[term.slug],
                    lessons=lessons[term.slug],
                )
        add(source("countries"), "countries_index.md.j2")
        for code, cases in ix.by_country.items():
            add(source("country", code=code.lower()), "country.md.j2", code=code, cases=cases)
        add(source("organisations"), "organisations_index.md.j2")
        for organisation in ix.organisations.listed:
            add(
                source("organisation", slug=organisation.slug),
                "organisation.md.j2",
                organisation=organisation,
            )
        add(source("collections"), "collections_index.md.j2")
        for curated in self.collections:
            add(source("collection", slug=curated.slug), "collection.md.j2", collection=curated)
        add(source("matrix"), "matrix.md.j2")
        newest = partial(_ids, ix.developments[:UPDATES_SHOWN])
        add(source("updates"), "updates.md.j2", window=newest)
        for year, developments in ix.developments_by_year.items():
            add(source("updates_year", year=year), "updates_year.md.j2", year=year, developments=developments)
        add(source("events"), "events_index.md.j2")
        if self.language == self.router.default:
            for event in self.events.events:
                add(source("event", slug=event.slug), "event.md.j2", event=event)
        add(source("search"), "search.md.j2")
        if self.has_guidelines:
            add(source("guidelines"), "guidelines.md.j2")
            for slug, part in guideline_parts(self.guidelines):
                add(source("guidelines_part", part=slug), "guidelines_part.md.j2", part=part, slug=slug)
        add(source("sources"), "sources.md.j2", lambda: {"sources": sources_by_publisher(ix)})
        charts = partial(statistics_charts, ix, v, self.router, self.translations)
        add(source("stats"), "stats.md.j2", lambda: {"charts_data": charts()})
        add(source("data"), "data.md.j2", lambda: {"dictionary": dictionary_rows(case_schema(v))})
        add(source("lessons"), "lessons.md.j2", lessons_context, partial(_ids, ix.lessons[:per_page]))
        for number in range(2, pages + 1):
            start = (number - 1) * per_page
            lessons = ix.lessons[start : start + per_page]
            src = source("lessons_page", number=number)
            window = partial(_ids, lessons)
            add(
                src,
                "lessons_page.md.j2",
                window=window,
                number=number,
                pages=pages,
                first=start + 1,
                lessons=lessons,
            )
        return jobs

    def feed(self, entries: tuple[FeedEntry, ...], site_url: str) -> str:
        """The Atom feed of the newest FEED_LIMIT cases (XML: autoescaping serves it as well
        as HTML)."""
        base = site_url.rstrip("/") + "/" if site_url else ""
        self._here = ""
        newest = entries[:FEED_LIMIT]
        return self.env.get_template("feed.xml.j2").render(here="", entries=newest, site_url=base)

    def updates_feed(self, site_url: str) -> str:
        """The Atom feed of the newest developments across the collection."""
        base = site_url.rstrip("/") + "/" if site_url else ""
        self._here = ""
        newest = self.index.developments[:FEED_LIMIT]
        return self.env.get_template("updates_feed.xml.j2").render(
            here="", developments=newest, site_url=base
        )

    def guidelines_document(self, site_url: str) -> str:
        """The guidelines publication as one standalone HTML document, for WeasyPrint. Its
        edition date is the newest review of a case, so the same collection gives the same
        document on any day."""
        template = self.env.get_template("guidelines_print.html.j2")
        self._here = ""
        edition = max((case.last_reviewed or "1970-01-01" for case in self.index.cases), default="1970-01-01")
        return template.render(
            here="",
            site_url=site_url.rstrip("/") + "/" if site_url else "",
            title=PUBLICATION_TITLE,
            edition=edition,
        )

    def fill_markers(self, markdown: str, src_uri: str, unknown: Callable[[str], None]) -> str:
        """A hand-written page with each `<!-- casebook:NAME -->` marker replaced by its
        snippet (whose HTML parts join the page's, for `expand`); `unknown` hears of a marker
        no snippet answers, which stays as it is."""
        if "casebook:" not in markdown:
            return markdown

        def fill(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in SNIPPETS:
                unknown(name)
                return match.group(0)
            return "\n" + self.snippet(name, src_uri) + "\n"

        return MARKER.sub(fill, markdown)

    def inline_blocks(self, markdown: str, src_uri: str) -> str:
        """A page's Markdown with its HTML parts written in place of their placeholders, as
        raw HTML blocks: a source any Markdown generator converts (casebook render)."""
        blocks = self.blocks.pop(src_uri, [])
        return self._in_markdown.sub(lambda m: blocks[int(m.group(1))], markdown)

    def snippet(self, name: str, src_uri: str) -> str:
        """A block for a marker `<!-- casebook:NAME -->` in a hand-written page."""
        return self.render(f"snippets/{name}.html.j2", src_uri)


SNIPPETS = ("stats", "newest", "updates", "vocabulary", "search")
# A hand-written page asks for a snippet with this marker: <!-- casebook:stats -->
MARKER = re.compile(r"<!--\s*casebook:([a-z-]+)\s*-->")
# Where the site's stylesheet and script are published.
ASSETS = "assets/casebook"


def _ids(items: Sequence[Lesson] | Sequence[Development]) -> tuple:
    """Lessons or developments as what identifies them: their case and place in it."""
    return tuple(
        (item.case_slug, item.number) if isinstance(item, Lesson) else (item.case.slug, item.entry.anchor)
        for item in items
    )


def package_assets() -> dict[str, str]:
    """The site's stylesheet and script, by their published paths."""
    folder = resources.files(__package__).joinpath("assets")
    return {
        f"{ASSETS}/{item.name}": item.read_text(encoding="utf-8")
        for item in sorted(folder.iterdir(), key=lambda i: i.name)
    }
