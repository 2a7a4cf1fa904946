"""From a folder of cases to the generated files of a site, independent of MkDocs.

The plugin (and any other generator) takes `SiteFiles` and adds them to its own build. The
paths of the generated files are known at once; their content is fetched with `made(path)`
when the build reaches each one. A worker (on another core where possible, see speed/later.py)
makes the listing pages and the open-data files first, then case pages from the last one
back, converted to HTML where the build allows it (see speed/convert.py); the build makes case
pages from the first one on, until the two meet (see speed/sharing.py).
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from pathlib import Path

from ..core.collection import Collection, ReadAll, one_by_one
from ..core.events import index_events
from ..core.index import Index
from ..core.problems import Problem, ReportsProblems
from ..core.routes import Router
from ..core.schema import schema_json
from ..core.sourcecheck import build_date
from ..core.translations import Provenance
from ..core.vocabulary import Vocabulary, load_vocabulary
from ..outputs.calendar import events_ics
from ..outputs.citation import Release, case_bibtex, collection_bibtex, csl_json, ris
from ..outputs.explorer import explorer_data
from ..outputs.exports import (
    Published,
    cases_csv,
    cases_json,
    collections_json,
    lessons_csv,
    lessons_json,
    organisations_json,
)
from ..outputs.feed import EPOCH, FeedEntry, feed_entries, last_commit_dates
from ..pages.links import edit_url
from ..pages.render import CITATION_FILES, PageJob, Renderer, SiteOptions
from ..pages.sanitize import sanitize
from ..speed.convert import Converted, split_front_matter
from ..speed.later import Later, LaterError
from ..speed.listed import ListedMemory, files_stamp
from ..speed.reading import in_two_processes
from ..speed.sharing import TwoEnds
from ..speed.written import WRITTEN, write_files
from ..survey import Survey, survey_pages
from .content import load_content
from .options import CONTENT_FOLDERS, CasebookOptions
from .siteconfig import SiteConfig

NEEDS_MKDOCS = "its body links to a page, an image or an anchor that MkDocs rewrites or checks"


@dataclass(frozen=True)
class SiteSettings:
    root: Path  # the project folder: the content folders are in it, and paths in messages relative to it
    casebook: CasebookOptions = field(default_factory=CasebookOptions)  # the plugin's options
    site_url: str = ""  # absolute address of the published site, for the schema's $id and the feed
    options: SiteOptions = field(default_factory=SiteOptions)  # what the pages are drawn with
    # Converts a case page's Markdown body as the build would, or returns None where only
    # the build can (see speed/convert.py); None: the build converts every page itself.
    convert: Callable[[str], Converted | None] | None = None
    # How the case files are read; None: with two processes where parallel (speed/reading.py).
    read_all: ReadAll | None = None
    # The day that decides which events are upcoming; None: today, or SOURCE_DATE_EPOCH's day.
    today: dt.date | None = None
    docs: Path | None = None  # the hand-written pages (docs_dir): their translations are checked
    # A preview server's memory of its last build's listing pages: those an edit cannot change
    # are left as they were written (see speed/listed.py). None: every listing page is made.
    listed: ListedMemory | None = None
    # The site's folder: with the speed layer on, the worker writes the open-data, feed and
    # citation files there itself (speed/written.py). None: they are sent to the build.
    site_dir: Path | None = None

    @property
    def parallel(self) -> bool:
        """The speed layer: read large folders with two processes, and make the generated files
        in a forked worker where that is safe (see speed/later.py). Off: one process, the same bytes."""
        return self.casebook.parallel


@dataclass(frozen=True)
class Made:
    content: str  # a page's Markdown (only its front matter if converted), or a file's text
    blocks: list[str]  # a page's HTML parts (see Renderer.expand)
    # A case page converted by the worker: its finished HTML (sanitised, parts put back).
    converted: Converted | None = None
    # Why the worker left a case page to the build to convert, where it did.
    fallback: str | None = None


@dataclass(frozen=True)
class SiteFiles(ReportsProblems):
    collection: Collection
    survey: Survey
    index: Index
    renderers: dict[str, Renderer]  # by language, the default first
    pages: dict[str, str]  # src path -> Markdown of the survey's pages, made at once
    later_paths: tuple[str, ...] = ()  # case pages, listing pages, open-data files: see made()
    later: Later[Made] | None = None
    # src path -> YYYY-MM-DD for the sitemap: a case page's own date, every other page the
    # newest case's. Taken from the cases, not the clock, so two builds are byte-identical.
    dates: dict[str, str] = field(default_factory=dict)
    newest_date: str = EPOCH
    case_jobs: tuple[PageJob, ...] = ()  # shared with the worker through `ends`
    ends: TwoEnds | None = None
    # The events', the lessons' events' and the guidelines' problems.
    content_problems: tuple[Problem, ...] = ()
    page_translations: dict[str, Provenance] = field(default_factory=dict)  # see Content
    unchanged: frozenset[str] = frozenset()  # listing pages and files left as the preview wrote them
    written: frozenset[str] = frozenset()  # files the worker writes itself: see wait_written()

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(sorted(self.collection.problems + self.survey.problems + self.content_problems))

    @property
    def renderer(self) -> Renderer:
        """The default language's renderer."""
        return next(iter(self.renderers.values()))

    def renderer_of(self, path: str) -> Renderer:
        """The renderer of the language a page's or a file's path is in."""
        return self.renderers[self.renderer.router.language_of(path)]

    def made(self, path: str) -> Made:
        """A file in `later_paths`, once (a page's HTML parts join the renderer's, for
        `Renderer.expand`). Raises LaterError if it could not be made."""
        if self.later is None or self.ends is None:
            raise LaterError(f"no file {path} is being made")
        position = self._positions.get(path)
        if position is not None and self.ends.take_front(position):
            try:
                made = _made_page(self.renderer_of(path), self.case_jobs[position])
            except Exception:  # reported as the worker's failures are, with the traceback
                raise LaterError(traceback.format_exc()) from None
        else:
            made = self.later.get(path)
        if made.blocks:
            self.renderer_of(path).blocks[path] = made.blocks
        return made

    def wait_written(self) -> None:
        """Return once the worker has written `written` into the site's folder. Raises
        LaterError if it could not."""
        if self.written and self.later is not None:
            self.later.get(WRITTEN)

    def finish_html(self, path: str, html: str) -> str:
        """A page's converted HTML, finished: see `_finished`."""
        renderer = self.renderer_of(path)
        # Pages that hold contributors' or editors' Markdown (routes.py) are sanitised.
        kind = renderer.router.kind_of(path)
        contributed = kind is not None and kind.contributed
        return _finished(renderer, contributed, renderer.blocks.get(path, []), html)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {job.src: position for position, job in enumerate(self.case_jobs)}

    def case_page_keys(self) -> dict[str, int]:
        """Generated case page path -> a key that changes whenever the page could: its case,
        or the title or tags of any case (its related cases), or the site's options. A preview
        server rebuilds only the case pages whose key changed (mkdocs serve --dirty)."""
        return {job.src: self.renderer_of(job.src).case_page_key(job) for job in self.case_jobs}

    @property
    def case_pages(self) -> dict[str, str]:
        """Generated case page paths -> the file their text comes from (the case's, or its
        translation's)."""
        pages = {}
        for job in self.case_jobs:
            case = job.context()["case"]
            pages[job.src] = case.translation.path if case.translation else case.path
        return pages


def settings_from_config(config: SiteConfig, bodies_aside: bool = False) -> SiteSettings:
    """What the plugin would build from this mkdocs.yml, in one process (no speed layer):
    for `casebook check`, `render` and `pdf`. OptionsError if its options cannot be read."""
    options = config.casebook_options()
    return SiteSettings(
        root=config.root,
        casebook=replace(options, parallel=False),
        site_url=config.data.get("site_url") or "",
        docs=config.root / config.docs_dir,
        options=SiteOptions(
            edit_url=lambda case: edit_url(
                case.path,
                config.docs_dir,
                config.data.get("repo_url"),
                config.data.get("edit_uri"),
                config.data.get("edit_uri_template"),
            ),
            edition=options.edition,
            lessons_listed=options.lessons_listed,
            bodies_aside=bodies_aside,
            release=Release(options.release, options.doi),
            site_url=config.data.get("site_url") or "",
        ),
    )


def build_site(settings: SiteSettings, vocabulary: Vocabulary | None = None) -> SiteFiles:
    vocabulary = vocabulary or load_vocabulary()
    read_all = settings.read_all or (in_two_processes if settings.parallel else one_by_one)
    content = load_content(settings.root, settings.casebook, vocabulary, read_all, docs=settings.docs)
    collection, survey, index = content.collection, content.survey, content.index
    events, content_problems = content.events, content.content_problems
    today = settings.today or build_date()
    commit_dates = last_commit_dates(settings.casebook.folder(settings.root, "cases"))
    languages = tuple(content.languages)
    renderers = {
        language: Renderer(
            reading.index,
            reading.vocabulary,
            settings.options,
            index_events(events.events, reading.index.cases),
            today,
            reading.guidelines,
            Router(reading.vocabulary, language, languages),
            reading.translated_guidelines,
            collections=content.collections.published(reading.index.by_slug),
        )
        for language, reading in content.languages.items()
    }
    pages: dict[str, str] = {}
    assets: dict[str, Callable[[], str]] = {}
    cases: list[PageJob] = []
    listing: list[PageJob] = []
    every_listing: list[PageJob] = []  # with those left as the preview last wrote them
    unchanged: set[str] = set()
    later: Later[Made] | None = None
    ends: TwoEnds | None = None
    written: frozenset[str] = frozenset()
    entries = feed_entries(index, commit_dates)
    failed = collection.errors or any(p.severity == "error" for p in survey.problems + content_problems)
    if not failed:
        url = settings.site_url
        default = renderers[languages[0]]
        route = default.router.url
        schema_id = f"{url.rstrip('/')}/{route('schema')}" if url else None
        published = Published(default.router, url, collection.translated)
        assets = {
            route("schema"): lambda: schema_json(vocabulary, *([schema_id] if schema_id else [])),
            route("api", name="cases.json"): lambda: cases_json(index, published),
            route("api", name="lessons.json"): lambda: lessons_json(index, published),
            route("api", name="cases.csv"): lambda: cases_csv(index, published),
            route("api", name="lessons.csv"): lambda: lessons_csv(index, published),
            route("api", name="organisations.json"): lambda: organisations_json(
                index.organisations, published
            ),
            route("api", name="collections.json"): lambda: collections_json(default.collections, published),
            route("calendar"): lambda: events_ics(default.events, url, today, default.router),
            **_citation_files(index, published, settings.options.release),
        }
        stamp = _inputs_stamp(settings, today) if settings.listed is not None else 0
        for renderer in renderers.values():
            pages |= survey_pages(survey, renderer.index, renderer)
            cases += renderer.case_jobs()
            jobs = renderer.listing_jobs()
            every_listing += jobs
            if settings.listed is not None:
                windows = {job.src: hash(job.window()) if job.window else None for job in jobs}
                unchanged |= settings.listed.unchanged(
                    renderer.language, renderer.index.cases, windows, stamp
                )
            listing += [job for job in jobs if job.src not in unchanged]
            assets |= _language_files(renderer, feed_entries(renderer.index, commit_dates), url)
        to_make = assets
        if settings.listed is not None:
            keys = _file_keys(settings.listed, assets, index, published, settings.options.release)
            unchanged |= settings.listed.files_unchanged(keys)
            to_make = {path: make for path, make in assets.items() if path not in unchanged}
        ends = TwoEnds(len(cases))
        write_to = settings.site_dir if settings.parallel else None
        written = frozenset(to_make) if write_to is not None else frozenset()
        work = _Work(
            renderers, default.router.language_of, listing, to_make, cases, ends, settings.convert, write_to
        )
        later = Later(work.make, parallel=settings.parallel)
    # The sitemap's dates: a case page's own (in every language), every other page the newest case's.
    updated = {entry.case.slug: entry.updated for entry in entries}
    dates = {job.src: updated[job.context()["case"].slug] for job in cases}
    newest = entries[0].updated if entries else EPOCH
    # The order MkDocs reads them in: case pages, listing pages, then the open-data files.
    paths = tuple(job.src for job in cases + every_listing) + tuple(assets)
    return SiteFiles(
        collection,
        survey,
        index,
        renderers,
        pages,
        paths,
        later,
        dates,
        newest,
        tuple(cases),
        ends,
        content_problems,
        content.page_translations,
        frozenset(unchanged),
        written,
    )


def _inputs_stamp(settings: SiteSettings, today: dt.date) -> int:
    """Everything but the cases that the listing pages are made from, as a hash: the other
    content folders and the registry of organisations (by their files), the options, the day."""
    options, drawn = settings.casebook, settings.options
    folders = [options.folder(settings.root, name) for name in CONTENT_FOLDERS if name != "cases"]
    files = files_stamp([*folders, settings.root / options.organisations_file])
    drawing = (drawn.edition, drawn.lessons_listed, drawn.guidelines_pdf, drawn.release, drawn.site_url)
    return hash((files, options, settings.site_url, drawing, drawn.bodies_aside, today))


def _citation_files(index: Index, published: Published, release: Release) -> dict[str, Callable[[], str]]:
    """Each case's citation as CSL-JSON, BibTeX and RIS, and the whole collection's BibTeX
    (outputs/citation.py), in the language each case is written in."""
    route = published.router.url
    files: dict[str, Callable[[], str]] = {}
    for case in index.cases:
        address = published.url(case)
        files[route("case_citation", slug=case.slug, format="json")] = partial(
            csl_json, case, address, release
        )
        files[route("case_citation", slug=case.slug, format="bib")] = partial(
            case_bibtex, case, address, release
        )
        files[route("case_citation", slug=case.slug, format="ris")] = partial(ris, case, address, release)
    everything = [(case, published.url(case)) for case in index.cases]
    files[route("api", name="casebook.bib")] = partial(collection_bibtex, everything, release)
    return files


def _file_keys(
    listed: ListedMemory,
    files: dict[str, Callable[[], str]],
    index: Index,
    published: Published,
    release: Release,
) -> dict[str, int]:
    """What each open-data file, feed and citation is made from, as a hash, for a preview's
    rebuild: a case's citation files from that case, every other file from the whole
    collection (neither shows a story: a story edit leaves them all as they were)."""
    whole = listed.collection_key()
    keys = dict.fromkeys(files, whole)
    route, language = published.router.url, published.router.language
    for case in index.cases:
        made_from = hash((listed.case_key(language, case), published.url(case), release))
        for _, form in CITATION_FILES:
            keys[route("case_citation", slug=case.slug, format=form)] = made_from
    return keys


def _language_files(
    renderer: Renderer, entries: tuple[FeedEntry, ...], url: str
) -> dict[str, Callable[[], str]]:
    """The files each language has: the explorer's data, the feeds, the pages at the former
    addresses of its renamed cases."""
    route = renderer.router
    country = route.url("country", code="{code}")
    return {
        route.url("lessons_data"): lambda: explorer_data(
            renderer.index, renderer.vocabulary, renderer.case_url, country
        ),
        route.url("feed"): lambda: renderer.feed(entries, url),
        route.url("updates_feed"): lambda: renderer.updates_feed(url),
        **renderer.redirects(url),
    }


@dataclass(frozen=True)
class _Work:
    """The worker's part, in the order that keeps the build from waiting: listing pages
    and open-data files first (the build needs them after every case page), then case pages
    from the last one back until the build's and the worker's parts meet. Where the worker
    writes the open-data files itself, it does so last, while the build draws the pages'
    frames (speed/written.py)."""

    renderers: dict[str, Renderer]
    language_of: Callable[[str], str]
    listing: list[PageJob]
    assets: dict[str, Callable[[], str]]
    cases: list[PageJob]
    ends: TwoEnds
    convert: Callable[[str], Converted | None] | None
    write_to: Path | None = None

    def make(self) -> Iterator[tuple[str, Made]]:
        for job in self.listing:
            yield job.src, _made_page(self._renderer(job.src), job)
        if self.write_to is None:
            for path, make in self.assets.items():
                yield path, Made(make(), [])
        while (position := self.ends.take_back()) is not None:
            job = self.cases[position]
            yield job.src, self._converted(_made_page(self._renderer(job.src), job), job.src)
        if self.write_to is not None:
            write_files(self.write_to, self.assets)
            yield WRITTEN, Made("", [])

    def _renderer(self, path: str) -> Renderer:
        return self.renderers[self.language_of(path)]

    def _converted(self, made: Made, path: str) -> Made:
        """The case page as HTML, or as Markdown where the build must convert it."""
        if self.convert is None or (split := split_front_matter(made.content)) is None:
            return made
        converted = self.convert(split[1])
        if converted is None:
            return Made(made.content, made.blocks, fallback=NEEDS_MKDOCS)
        html = _finished(self._renderer(path), True, made.blocks, converted.html)
        return Made(split[0], [], converted._replace(html=html))


def _made_page(renderer: Renderer, job: PageJob) -> Made:
    markdown = renderer.render(job.template, job.src, **job.context())
    return Made(markdown, renderer.blocks.pop(job.src, []))


def _finished(renderer: Renderer, is_case: bool, blocks: list[str], html: str) -> str:
    """A page's converted HTML with its HTML parts put back; a case's body is contributor
    Markdown and is sanitised first (the parts are escaped already)."""
    return renderer.expand(blocks, sanitize(html) if is_case else html)
