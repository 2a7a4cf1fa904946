"""The MkDocs plugin: a thin layer of build events over the Casebook core.

- on_config: where the cases are, which edition to build, the plugin's stylesheet and script;
- on_files: read and check the cases (fail the build on any error), add the generated files;
- on_page_markdown: fill `<!-- casebook:NAME -->` markers in hand-written pages;
- on_pre_page: date each page from the cases, not the clock (sitemap, reproducible builds);
- on_page_content: sanitise case bodies, then put back the generated HTML parts;
- on_post_build: index the written site with Pagefind;
- on_serve: rebuild when a case or a survey response changes (they lie outside docs/).
"""

from __future__ import annotations

import logging
import posixpath
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .explorer import SERVER_LIMIT
from .model import Case
from .render import SNIPPETS, SiteOptions
from .sanitize import sanitize
from .site import SiteFiles, SiteSettings, build_site
from .words import counted

log = logging.getLogger("mkdocs.plugins.casebook")
ASSETS = "assets/casebook"
MARKER = re.compile(r"<!--\s*casebook:([a-z-]+)\s*-->")


class CasebookConfig(base.Config):
    cases_dir = c.Type(str, default="cases")
    survey_dir = c.Type(str, default="survey")
    # 'internal' builds the edition for the secretariat, internal cases included.
    edition = c.Choice(("public", "internal"), default="public")
    # How many lessons the explorer page lists for readers without JavaScript (the script
    # filters them all from a data file).
    lessons_listed = c.Type(int, default=SERVER_LIMIT)


class CasebookPlugin(BasePlugin[CasebookConfig]):
    def __init__(self) -> None:
        self.site: SiteFiles | None = None
        self.case_sources: dict[str, str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.cases_dir = (self.root / self.config.cases_dir).resolve()
        if not config.use_directory_urls:
            raise PluginError("casebook: its URLs (/cases/<slug>/) need use_directory_urls: true")
        # The plugin brings its own stylesheet and filter script: a site needs no copy of them.
        config.extra_css.append(f"{ASSETS}/casebook.css")
        config.extra_javascript.append(f"{ASSETS}/casebook.js")
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        settings = SiteSettings(
            cases_dir=self.cases_dir,
            base=self.root,
            survey_dir=(self.root / self.config.survey_dir).resolve(),
            include_internal=self.config.edition == "internal",
            site_url=config.site_url or "",
            options=SiteOptions(
                edit_url=lambda case: self._edit_url(case, config),
                edition=self.config.edition,
                lessons_listed=self.config.lessons_listed,
            ),
        )
        self.site = build_site(settings)
        for problem in self.site.warnings:
            log.warning(str(problem))
        if self.site.errors:
            for problem in self.site.errors:
                log.error(str(problem))
            raise PluginError(
                f"casebook: {counted(len(self.site.errors), 'problem')} "
                "(listed above as file:line: field: message); fix them, or run 'casebook check'"
            )
        generated = {**self.site.pages, **self.site.assets, **_package_assets()}
        for src_uri in generated:
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                raise PluginError(
                    f"casebook: docs/{src_uri} is in the way of a page Casebook generates; move or rename it"
                )
        self.case_sources = self.site.case_pages
        for src_uri, content in generated.items():
            file = File.generated(config, src_uri, content=content)
            if src_uri in self.case_sources:
                file.edit_uri = self._repo_path(self.case_sources[src_uri], config)
            files.append(file)
        log.info(
            "casebook: %d cases, %d lessons (%s edition)",
            len(self.site.index.cases),
            len(self.site.index.lessons),
            self.config.edition,
        )
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by is not None or "casebook:" not in markdown or self.site is None:
            return markdown
        renderer = self.site.renderer

        def fill(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in SNIPPETS:
                log.warning(
                    "%s: unknown marker 'casebook:%s'; known: %s",
                    page.file.src_uri,
                    name,
                    ", ".join(SNIPPETS),
                )
                return match.group(0)
            return "\n" + renderer.snippet(name, page.file.src_uri) + "\n"

        return MARKER.sub(fill, markdown)

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        if self.site is not None:
            page.update_date = self.site.dates.get(page.file.src_uri, self.site.newest_date)
        return page

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.site is None:
            return html
        if page.file.src_uri in self.case_sources:
            html = sanitize(html)  # the body is contributor Markdown; the blocks are escaped already
        return self.site.renderer.expand(page.file.src_uri, html)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Index the built site with Pagefind: a first search downloads kilobytes, not the
        whole index (Material's search index is 36 MB at 5,000 cases; see README).

        Pagefind's filters are not used: their index files differ from one run to the next
        (Pagefind 1.5), and builds must be byte-identical. The lessons explorer filters."""
        if self.site is None:
            return
        # Permalinks and the related cases (other cases' summaries) are not this page's text.
        ignored = ".headerlink, #related-cases, .cb-related"
        command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--output-subdir", "pagefind"]
        command += ["--exclude-selectors", ignored]
        result = subprocess.run([*command, "--silent"], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise PluginError(f"casebook: Pagefind could not index the site: {result.stderr.strip()}")

    def on_serve(self, server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        server.watch(str(self.cases_dir))
        if (self.root / self.config.survey_dir).is_dir():
            server.watch(str(self.root / self.config.survey_dir))
        return server

    def _repo_path(self, case_path: str, config: MkDocsConfig) -> str:
        """The case file's path relative to docs_dir, as MkDocs joins it to `edit_uri`."""
        docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        return posixpath.relpath(case_path, docs)

    def _edit_url(self, case: Case, config: MkDocsConfig) -> str | None:
        """The same address MkDocs gives the page's edit button (repo_url + edit_uri + path)."""
        path = self._repo_path(case.path, config)
        if config.edit_uri_template:
            return urljoin(
                config.repo_url or "",
                config.edit_uri_template.format(path=path, path_noext=posixpath.splitext(path)[0]),
            )
        if not config.edit_uri:
            return None
        repo = config.repo_url or ""
        return urljoin(repo if repo.endswith("/") else repo + "/", config.edit_uri + path)


def _package_assets() -> dict[str, str]:
    folder = resources.files(__package__).joinpath("assets")
    return {
        f"{ASSETS}/{item.name}": item.read_text(encoding="utf-8")
        for item in sorted(folder.iterdir(), key=lambda i: i.name)
    }
