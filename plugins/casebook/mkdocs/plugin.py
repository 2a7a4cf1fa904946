"""The MkDocs plugin: a thin layer of build events over the Casebook core.

- on_startup: note a dirty build (the search index of the last full build is kept) and a
  preview server, which keeps this plugin between rebuilds (remembered reads, page keys);
- on_config: where the cases are, which edition to build, the plugin's stylesheet and script,
  the garbage collector's pace for the build (speed/collector.py, given back at its end);
- on_files: read and check the cases and their translations (fail the build on any error),
  add the generated files of every language, whose content a worker makes meanwhile (see
  speed/later.py and assembly/site.py), leave out hand-written pages in a language the site
  does not have, and start the search index;
- on_page_markdown: fill `<!-- casebook:NAME -->` markers in hand-written pages;
- on_pre_page: fill in a generated page's content (a case page the worker converted gets
  only its front matter, and its HTML in place of MkDocs' conversion); date each page from
  the cases, not the clock (sitemap, reproducible builds);
- on_page_content: sanitise the case bodies MkDocs converted, put back the generated HTML
  parts, say where a translated hand-written page comes from, and give the page's content to
  the search index in its language (Pagefind indexes while MkDocs renders);
- on_nav: a menu for each language (mkdocs/languages.py), each with the guidelines PDF beside
  their web edition; on_page_context: each page gets its language's menu;
- on_env: all pages are converted: fill in the open-data files before MkDocs copies them
  (with the speed layer on, the worker writes them itself, see speed/written.py);
  Pagefind writes its index while MkDocs writes the pages; the theme draws the pages'
  frames without indentation, and one navigation sidebar for all case pages (theme.py); the
  theme gets each page's language, its switcher and its head's feeds and script words;
- on_post_page: put the Content Security Policy in each page's head, with the hashes of
  the inline scripts it was built with (pages/csp.py); on_post_template: the same for the
  404 page; the sitemap gets each page's versions in the other languages, and each language
  a sitemap of its own;
- on_post_build: write the guidelines PDF of each language that has them (where WeasyPrint
  is installed), wait for the worker's files and the search index; on_build_error: stop
  the worker and Pagefind;
- on_serve: rebuild when a case, an event, the guidelines' text or a survey response changes
  (they lie outside docs/).
"""

from __future__ import annotations

import gc
import logging
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..assembly.options import (
    CONTENT_FOLDERS,
    EDITIONS,
    LANGUAGES,
    CasebookOptions,
    OptionsError,
    read_options,
)
from ..assembly.publication import can_write_pdf, guidelines_pdf
from ..assembly.searchindex import SearchIndex, SearchIndexError
from ..assembly.site import NEEDS_MKDOCS, SiteFiles, SiteSettings, build_site
from ..core.commands import casebook_command
from ..core.model import Case
from ..core.words import counted
from ..outputs.citation import Release
from ..pages.bytecode import MemoryBytecodeCache
from ..pages.csp import with_policy
from ..pages.links import edit_url
from ..pages.render import ASSETS, MARKER, SNIPPETS, Renderer, SiteOptions, package_assets, relative
from ..speed.collector import CollectorPace
from ..speed.convert import Converted, MarkdownConverter
from ..speed.later import LaterError
from ..speed.listed import ListedMemory
from ..speed.reading import RememberedReads
from .languages import SiteLanguages, language_sitemaps
from .preview import Preview
from .theme import lighten

log = logging.getLogger("mkdocs.plugins.casebook")
MATERIAL_SEARCH_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
MATERIAL_ASSETS = ("assets/javascripts/", "assets/stylesheets/")
# Not a page's own text: permalinks; a citation and an edit link (the same words on every
# page: a search for "BibTeX" finds the page about citing, not every case). A case's
# related cases and citation are not even sent (routes.py, `unsearched`).
# Text in another language than the page's (an untranslated case's title in a listing, a
# provenance note's link) is left out: each language's index holds that language only.
NOT_SEARCHED = [".headerlink", "body [lang]", ".cb-languages", ".cb-cite", ".cb-edit"]
# Events in which another plugin would see a case page's Markdown or HTML: with any of them,
# MkDocs converts every case page itself (see speed/convert.py).
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")


DEFAULTS = CasebookOptions()


class CasebookConfig(base.Config):
    """The plugin's options as MkDocs reads them; Casebook itself reads them through
    assembly/options.py, as `casebook check`, `render` and `pdf` do (a test keeps the two
    declarations of names and defaults equal; the comments are there)."""

    cases_dir = c.Type(str, default=DEFAULTS.cases_dir)
    survey_dir = c.Type(str, default=DEFAULTS.survey_dir)
    events_dir = c.Type(str, default=DEFAULTS.events_dir)
    guidelines_dir = c.Type(str, default=DEFAULTS.guidelines_dir)
    collections_dir = c.Type(str, default=DEFAULTS.collections_dir)
    organisations_file = c.Type(str, default=DEFAULTS.organisations_file)
    edition = c.Choice(EDITIONS, default=DEFAULTS.edition)
    lessons_listed = c.Type(int, default=DEFAULTS.lessons_listed)
    parallel = c.Type(bool, default=DEFAULTS.parallel)
    guidelines_pdf = c.Type(bool, default=DEFAULTS.guidelines_pdf)
    languages = c.ListOfItems(c.Choice(LANGUAGES), default=list(DEFAULTS.languages))
    release = c.Type(str, default=DEFAULTS.release)
    doi = c.Type(str, default=DEFAULTS.doi)


# The page's title in Material's header. A generated page whose title is in another language
# than the page (an organisation's name, a collection's title, on the French site) says so in
# its front matter, `title_lang`, and the header's title is marked with it.
HEADER_TITLE = '<div class="md-header__topic" data-md-component="header-topic">'


def title_marked(output: str, language: object) -> str:
    if not isinstance(language, str) or not language.isalpha():
        return output
    return output.replace(HEADER_TITLE, HEADER_TITLE[:-1] + f' lang="{language}">', 1)


class CasebookPlugin(BasePlugin[CasebookConfig]):
    def __init__(self) -> None:
        self.options = DEFAULTS
        self.site: SiteFiles | None = None
        self.case_sources: dict[str, str] = {}
        self.search: SearchIndex | None = None
        self.waiting: dict[str, File] = {}  # generated files whose content is being made
        self.placed: set[str] = set()  # case pages whose HTML the worker made
        self.dirty = False
        self.nav_urls: list[str] = []
        self.left_to_mkdocs: list[str] = []  # case pages the worker could not convert
        # A preview server (mkdocs serve) keeps this plugin between rebuilds: the cases read,
        # and a key of each case page built, so that a dirty rebuild skips what did not change.
        self.reads: RememberedReads | None = None
        self.compiled = MemoryBytecodeCache()  # the theme's templates, between rebuilds
        self.pdf = False  # whether the site publishes the guidelines as a PDF
        self.languages: SiteLanguages | None = None
        self.rebuilding = False  # a dirty rebuild of the preview server, after its first build
        self.built_keys: dict[str, int] = {}
        self.new_keys: dict[str, int] = {}
        # A preview's listing pages: a hash of what each was made from last, and whether each
        # has changed in this rebuild (asked by MkDocs more than once).
        self.listing_keys: dict[str, int] = {}
        self.listing_changed: dict[str, bool] = {}
        self.listed: ListedMemory | None = None  # what they were made into (see speed/listed.py)
        self.titles: dict[str, str] = {}  # each page's title, for the menus of a dirty rebuild
        self.preview: Preview | None = None  # under mkdocs serve: problems shown in the browser
        self.pace = CollectorPace()  # the garbage collector's, from on_config to the build's end

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # A dirty build renders only changed pages: the search index from the last full
        # build is kept rather than replaced by one that holds only those pages.
        self.dirty = dirty
        self.reads = RememberedReads() if command == "serve" else None
        self.listed = ListedMemory() if command == "serve" and dirty else None
        self.preview = Preview() if command == "serve" else None
        if command == "serve" and dirty:
            # scripts/serve's --dirty is the plugin's own choice (it rebuilds exactly what an
            # edit changes); MkDocs' warning about it is not the contributor's to act on.
            logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_warning)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        try:
            self.options = read_options(dict(self.config))
        except OptionsError as error:
            raise PluginError(f"casebook: {error}") from None
        # docs_dir relative to the project: MkDocs joins a page's path in it to `edit_uri`.
        self.docs_folder = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        if not config.use_directory_urls:
            raise PluginError("casebook: its URLs (/cases/<slug>/) need use_directory_urls: true")
        if self.options.parallel:  # the speed layer (speed/collector.py)
            self.pace.start()
        # The plugin brings its own stylesheet and filter script: a site needs no copy of them.
        config.extra_css.append(f"{ASSETS}/casebook.css")
        config.extra_javascript.append(f"{ASSETS}/casebook.js")
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.rebuilding = self.dirty and bool(self.built_keys)
        self.pdf = self._pdf_path()
        options = self.options
        settings = SiteSettings(
            root=self.root,
            casebook=options,
            site_url=config.site_url or "",
            convert=self._converter(config) if options.parallel else None,
            read_all=self.reads,
            listed=self.listed,
            options=SiteOptions(
                edit_url=lambda case: self._edit_url(case, config),
                edition=options.edition,
                lessons_listed=options.lessons_listed,
                guidelines_pdf=self.pdf,
                release=Release(options.release, options.doi),
                site_url=config.site_url or "",
            ),
            docs=Path(config.docs_dir),
            site_dir=Path(config.site_dir),
        )
        self.site = build_site(settings)
        for problem in self.site.warnings:
            log.warning(str(problem))
        if self.preview is not None:  # the preview goes on with the valid files, and shows the rest
            self.preview.problems = [str(problem) for problem in self.site.errors]
            self.preview.language = options.default_language
        for problem in self.site.errors:
            log.error(str(problem))
        if self.site.errors and self.preview is None:
            raise PluginError(
                f"casebook: {counted(len(self.site.errors), 'problem')} "
                f"(listed above as file:line: field: message); fix them, or run '{casebook_command('check')}'"
            )
        # Listed in the order MkDocs reads them: the case pages, then the listing pages. Their
        # content is being made meanwhile (SiteFiles.later) and is filled in as MkDocs
        # reaches each one (on_pre_page; the open-data files in on_env, before the copy).
        later = dict.fromkeys(self.site.later_paths, "")
        generated = {**later, **self.site.pages, **package_assets()}
        for src_uri in generated:
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                raise PluginError(
                    f"casebook: docs/{src_uri} is in the way of a page Casebook generates; move or rename it"
                )
        searching = any(name in config.plugins for name in ("search", "material/search"))
        for file in [f for f in files if _not_shipped(f, config.docs_dir, searching)]:
            files.remove(file)
        router = self.site.renderer.router
        for file in [f for f in files if f.src_dir == config.docs_dir and router.left_out(f.src_uri)]:
            log.info("casebook: %s is left out: its language is not among the site's languages", file.src_uri)
            files.remove(file)
        self.case_sources = self.site.case_pages
        self.waiting, self.placed, self.listing_changed = {}, set(), {}
        # A dirty rebuild (the preview's, after its first build) leaves the case pages whose
        # key is unchanged as they were written: MkDocs neither reads nor writes them.
        self.new_keys = self.site.case_page_keys() if self.reads is not None else {}
        for src_uri, content in generated.items():
            file = File.generated(config, src_uri, content=content)
            if src_uri in self.case_sources:
                file.edit_uri = posixpath.relpath(self.case_sources[src_uri], self.docs_folder)
                if self.rebuilding and self.built_keys.get(src_uri) == self.new_keys[src_uri]:
                    file.is_modified = _unchanged  # type: ignore[method-assign]
            elif src_uri in self.site.unchanged:  # an edit that cannot change it (speed/listed.py)
                file.is_modified = _unchanged  # type: ignore[method-assign]
            elif self.rebuilding and src_uri in later and src_uri.endswith(".md"):
                file.is_modified = partial(self._listing_changed, src_uri)  # type: ignore[method-assign]
            if src_uri in self.site.written:  # the worker writes it (speed/written.py)
                file.copy_file = _written_by_worker  # type: ignore[method-assign]
            elif src_uri in later and src_uri not in self.site.unchanged:
                self.waiting[src_uri] = file
            files.append(file)
        if self.rebuilding:
            # A hand-written page with markers (the home page's newest cases and developments)
            # shows what the cases say: drawn again after every edit, its own file unchanged.
            hand_written = [f for f in files if f.src_dir == config.docs_dir and f.is_documentation_page()]
            for file in hand_written:
                if MARKER.search(file.content_string):
                    file.is_modified = _modified  # type: ignore[method-assign]
        self.languages = SiteLanguages(self.site.renderer.router, files)
        self._start_search(config)
        self.left_to_mkdocs = []
        if self.site.later is not None and self.site.later.fallback:
            # Expected under the preview server (its threads rule out fork): not the contributor's
            # to act on there.
            level = logging.DEBUG if self.preview is not None else logging.INFO
            log.log(
                level, "casebook: the generated pages are made in this process: %s", self.site.later.fallback
            )
        log.info(
            "casebook: %d cases, %d lessons (%s edition)",
            len(self.site.index.cases),
            len(self.site.index.lessons),
            self.options.edition,
        )
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by is not None or self.site is None:
            return markdown

        def unknown(name: str) -> None:
            log.warning(
                "%s: unknown marker 'casebook:%s'; known: %s", page.file.src_uri, name, ", ".join(SNIPPETS)
            )

        return self.site.renderer_of(page.file.src_uri).fill_markers(markdown, page.file.src_uri, unknown)

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        converted = self._fill(page.file.src_uri) if page.file.src_uri in self.waiting else None
        if converted is not None:
            # The worker has converted this page: MkDocs' conversion (a new Python-Markdown
            # with every extension, for a page whose Markdown is only its front matter) is
            # replaced by putting the worker's HTML and table of contents in place.
            page.render = partial(_place, page, converted)  # type: ignore[method-assign]
            self.placed.add(page.file.src_uri)
        if self.site is not None:
            page.update_date = self.site.dates.get(page.file.src_uri, self.site.newest_date)
        return page

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.site is None:
            return html
        src = page.file.src_uri
        if src not in self.placed:  # the worker's HTML is finished already
            html = self.site.finish_html(src, html)
        renderer = self.site.renderer_of(src)
        if src in self.site.page_translations and self.languages is not None:  # a hand-written page
            original = self.languages.counterpart(page.file, renderer.router.default)
            link = relative(page.url, original.url) if original else None
            html = str(renderer.provenance_note(self.site.page_translations[src], link)) + html
        if self.search is not None and (unsearched := self._unsearched(page, renderer)) is not None:
            with self._search_errors():
                self.search.add("/" + page.url, page.title or "", html, renderer.language, unsearched)
        return html

    def _unsearched(self, page: Page, renderer: Renderer) -> tuple[str, ...] | None:
        """The sections of a searched page that are not searched; None for a page that is not.
        Generated pages by their kind (listing pages repeat the cases: a search finds each
        case once, on its page); a hand-written page unless its front matter says
        `search: {exclude: true}`."""
        if page.file.generated_by is not None:
            kind = renderer.router.kind_of(page.file.src_uri)
            return kind.unsearched if kind is not None and kind.searched else None
        return None if (page.meta.get("search") or {}).get("exclude") else ()

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.languages is not None and self.site is not None
        self.languages.build_navs(nav, config)
        for language, translated in self.languages.navs.items():
            self._add_pdf_link(translated, language)
        self.nav_urls = self.languages.nav_urls()
        return nav

    def _add_pdf_link(self, nav: Navigation, language: str) -> None:
        """The guidelines PDF beside their web edition, in the same section of the menu."""
        assert self.site is not None
        renderer = self.site.renderers[language]
        if not self.pdf or not renderer.has_guidelines:
            return
        source = renderer.router.source("guidelines")
        guidelines = next((page for page in nav.pages if page.file.src_uri == source), None)
        siblings = guidelines.parent.children if guidelines and guidelines.parent else nav.items
        at = siblings.index(guidelines) + 1 if guidelines in siblings else len(siblings)
        link = Link(renderer.translations.gettext("Guidelines (PDF)"), renderer.router.url("guidelines_pdf"))
        link.parent = guidelines.parent if guidelines else None
        siblings.insert(at, link)

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav: Navigation):  # type: ignore[no-untyped-def]
        if self.languages is not None:  # the menu in the page's language
            context["nav"] = self.languages.navs.get(self.languages.language_of(page), nav)
        return context

    def on_env(self, env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        lighten(env, self.nav_urls, share=self.options.parallel)
        env.bytecode_cache = self.compiled
        env.globals.update(
            casebook_language=self._language,
            casebook_switcher=self._switcher,
            casebook_head=partial(self._head, config),
            casebook_footer=self._footer,
        )
        if self.listed is not None:
            self._fill_in_unread(files)
        # The open-data files, copied next (pages were filled as MkDocs read them; in a dirty
        # rebuild the unchanged ones stay as they are).
        for src_uri, file in list(self.waiting.items()):
            if file.is_modified():
                self._fill(src_uri)
        if self.search is not None:
            with self._search_errors():
                self.search.write(Path(config.site_dir) / "pagefind")
        return env

    def _fill_in_unread(self, files: Files) -> None:
        """A page that a dirty rebuild leaves as written is not read, and so has no title or
        date; the menus of the pages it draws again name it by its title from the build that
        read it (the other languages' menus are made of their pages, not of mkdocs.yml's
        titles), and the sitemap gives it its date as a full build does."""
        assert self.site is not None
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            if page.markdown is not None:
                title = page.title
                if title is not None:
                    self.titles[file.src_uri] = title
                continue
            page.update_date = self.site.dates.get(file.src_uri, self.site.newest_date)
            if file.src_uri in self.titles:
                page.title = self.titles[file.src_uri]

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return with_policy(title_marked(output, page.meta.get("title_lang")))

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "sitemap.xml" and self.site is not None and self.languages is not None:
            output_content = self.languages.with_alternates(output_content)
            for path, text in language_sitemaps(
                output_content, self.site.renderer.router, config.site_url or ""
            ).items():
                target = Path(config.site_dir) / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            return output_content
        return with_policy(output_content)  # 404.html

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.built_keys = self.new_keys
        if self.listed is not None:
            self.listed.built()
            if not self.rebuilding:
                # A preview keeps its first build's objects (templates, remembered reads and
                # pages) for its life: frozen out of the garbage collector's way, its full
                # collections during a rebuild look only at what rebuilds make (at 2,000 cases
                # from 0.5-0.9 s of a title edit's rebuild to 0.2-0.3 s).
                gc.collect()
                gc.freeze()
        # A dirty rebuild (the preview's) keeps the PDF of the first build: it takes seconds.
        if self.pdf and self.site is not None and not self.rebuilding:
            for renderer in self.site.renderers.values():
                if not renderer.has_guidelines:
                    continue
                target = Path(config.site_dir) / renderer.router.url("guidelines_pdf")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(guidelines_pdf(renderer, config.site_url or "", Path(config.docs_dir)))
        converted, cases = len(self.placed), len(self.case_sources)
        log.debug("casebook: the worker converted %d of %d case pages", converted, cases)
        if self.left_to_mkdocs:
            names = ", ".join(self.left_to_mkdocs[:5]) + (", ..." if len(self.left_to_mkdocs) > 5 else "")
            log.info(
                "casebook: MkDocs converted %d case pages the worker had made, as %s: %s",
                len(self.left_to_mkdocs),
                NEEDS_MKDOCS,
                names,
            )
        if self.site is not None:
            with self._worker_errors("the open-data and citation files"):
                self.site.wait_written()
        self._close_worker()
        self.pace.stop()
        if self.search is not None:
            search, self.search = self.search, None
            with self._search_errors():
                search.wait()

    def on_build_error(self, *, error: Exception) -> None:
        self._close_worker()
        self.pace.stop()
        if self.search is not None:
            self.search.close()
            self.search = None

    def _fill(self, src_uri: str) -> Converted | None:
        """Give MkDocs a generated file's content; a case page's HTML if the worker converted it."""
        assert self.site is not None
        with self._worker_errors(src_uri):
            made = self.site.made(src_uri)
        if made.fallback:
            self.left_to_mkdocs.append(src_uri)
        self.waiting.pop(src_uri).content_string = made.content
        if self.reads is not None and src_uri.endswith(".md") and src_uri not in self.case_sources:
            key = self.site.renderer_of(src_uri).made_key(made.content, made.blocks)
            self.listing_changed[src_uri] = self.listing_keys.get(src_uri) != key
            self.listing_keys[src_uri] = key
            if self.listed is not None:
                self.listed.remember(src_uri, made.content, made.blocks)
        return made.converted

    def _listing_changed(self, src_uri: str) -> bool:
        """Whether a listing page differs from the one the preview's last build wrote: it is
        made now, to compare, and MkDocs converts and writes it again only where it changed
        (a summary edit changes a few of the hundreds of listing pages of three languages)."""
        if src_uri in self.waiting:
            self._fill(src_uri)
        return self.listing_changed.get(src_uri, True)

    @contextmanager
    def _worker_errors(self, what: str) -> Iterator[None]:
        """A file the worker could not make (or write) stops the build, with the whole
        traceback (the worker's, where it failed there): its last line alone rarely says which
        template or case went wrong."""
        try:
            yield
        except LaterError as error:
            log.error("casebook: %s could not be made:\n%s", what, str(error).rstrip())
            last = str(error).strip().splitlines()[-1:] or ["no message"]
            raise PluginError(f"casebook: {what} could not be made: {last[0]}") from None

    def _close_worker(self) -> None:
        if self.site is not None and self.site.later is not None:
            self.site.later.close()
        self.waiting = {}

    def _start_search(self, config: MkDocsConfig) -> None:
        """Pagefind's index, which a first search downloads in small parts (Material's search
        index is 23 MB at 5,000 cases; see README). Pagefind's filters are not used: their
        index files differ from one run to the next (Pagefind 1.5), and builds must be
        byte-identical. The lessons explorer filters."""
        if self.search is not None:
            self.search.close()
        self.search = None
        if self.rebuilding:
            log.info("casebook: dirty build: the search index is not rebuilt")
            return
        with self._search_errors():
            self.search = SearchIndex(NOT_SEARCHED)

    @contextmanager
    def _search_errors(self) -> Iterator[None]:
        try:
            yield
        except SearchIndexError as error:
            raise PluginError(f"casebook: Pagefind could not index the site: {error}") from None

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, **_: object) -> LiveReloadServer:
        if self.preview is not None:
            self.preview.install(server)
        for name in CONTENT_FOLDERS:
            folder = self.options.folder(self.root, name)
            if folder.is_dir() or name == "cases":
                server.watch(str(folder))
        registry = self.root / self.options.organisations_file
        if registry.is_file():
            server.watch(str(registry))
        return server

    def _converter(self, config: MkDocsConfig) -> MarkdownConverter | None:
        """The worker converts case pages with the site's Markdown extensions, unless another
        plugin (or hook) takes part in converting pages: then it must see them all."""
        others = sorted(
            {
                f"{event} ({_owner(handler)})"
                for event in PAGE_EVENTS
                for handler in config.plugins.events[event]
                if getattr(handler, "__self__", None) is not self
            }
        )
        if others:
            log.info(
                "casebook: MkDocs converts every case page itself, as another plugin or hook takes "
                "part in converting pages: %s",
                ", ".join(others),
            )
            return None
        return MarkdownConverter(config.markdown_extensions, config.mdx_configs)

    def _pdf_path(self) -> bool:
        """Whether the site has the guidelines as a PDF (a dirty rebuild keeps the one written
        before)."""
        if not self.options.guidelines_pdf:
            return False
        if not can_write_pdf():
            log.info("casebook: WeasyPrint is not installed: the guidelines PDF is not published, nor linked")
            return False
        return True

    def _language(self, page: Page | None) -> str:
        """A page's language (its folder's), for the theme's words and <html lang>."""
        return self.languages.language_of(page) if self.languages else self.options.default_language

    def _switcher(self, page: Page | None) -> Markup:
        if page is None or self.languages is None or self.site is None or len(self.options.languages) < 2:
            return Markup("")
        return self.site.renderer_of(page.file.src_uri).switcher(self.languages.switcher(page))

    def _head(self, config: MkDocsConfig, page: Page | None) -> Markup:
        """What a page's head links to in its language (its feeds), and the words of the
        site's script; the 404 page, which is served at any address, links from the site's root."""
        if self.site is None:
            return Markup("")
        if page is None:
            root = urlsplit(config.site_url or "/").path or "/"
            return self.site.renderer.head(lambda target: root.rstrip("/") + "/" + target)
        renderer = self.site.renderer_of(page.file.src_uri)
        return renderer.head(partial(relative, page.url), page.file.src_uri)

    def _footer(self, page: Page | None) -> Markup:
        """The edition and DOI in a page's footer, in its language."""
        if self.site is None:
            return Markup("")
        return (self.site.renderer_of(page.file.src_uri) if page else self.site.renderer).footer()

    def _edit_url(self, case: Case, config: MkDocsConfig) -> str | None:
        return edit_url(
            case.path, self.docs_folder, config.repo_url, config.edit_uri, config.edit_uri_template
        )


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _unchanged() -> bool:
    return False


def _written_by_worker(dirty: bool = False) -> None:
    """A file's copy, where the worker writes it into the site itself."""


def _modified() -> bool:
    return True


def _owner(handler: object) -> str:
    """A plugin's or hook's name for the log: its class, or its module."""
    owner = getattr(handler, "__self__", None)
    if owner is not None:
        return type(owner).__name__
    return getattr(handler, "__module__", None) or repr(handler)


def _not_shipped(file: File, docs_dir: str, searching: bool) -> bool:
    """Files of the theme no reader ever requests: the source maps of Material's script and
    styles (1.1 MB, for its developers' browser tools) and, where search is Pagefind's
    (`searching` is false), Material's search worker and its lunr language files (1.2 MB)."""
    if file.src_dir == docs_dir or not file.src_uri.startswith(MATERIAL_ASSETS):
        return False
    return file.src_uri.endswith(".map") or (not searching and file.src_uri.startswith(MATERIAL_SEARCH_FILES))


# Every attribute MkDocs' `Page.render` sets, which `_place` sets instead (tests/test_guards.py
# fails, naming the attribute, if a MkDocs release sets another).
PLACED = ("content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors")


def _place(page: Page, converted: Converted, config: MkDocsConfig, files: Files) -> None:
    """What `Page.render` sets, from the worker's conversion (see speed/convert.py)."""
    page.content = converted.html
    page.toc = get_toc(converted.toc)
    page._title_from_render = None  # a case page's title is its front matter's
    page.present_anchor_ids = set(converted.anchors)
    page.links_to_anchors = {}  # only links to the page's own headings: all present
