"""From a folder of cases to the generated files of a site, independent of MkDocs.

The plugin (and any other generator) takes `SiteFiles` and adds them to its own build. The
paths of the generated files are known at once; the case pages, the listing pages and the
open-data files are made `later`, in that order (on another core where possible, see
later.py), and each is fetched with `made(path)` when the build reaches it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .collection import Collection, load_folder
from .explorer import explorer_data
from .exports import cases_csv, cases_json, lessons_json
from .index import Index, build_index
from .later import Later, LaterError
from .problems import Problem, ReportsProblems
from .publications import EPOCH, feed_entries, last_commit_dates
from .render import PageJob, Renderer, SiteOptions
from .schema import schema_json
from .survey import Survey, load_survey, survey_pages
from .vocabulary import Vocabulary, load_vocabulary


@dataclass(frozen=True)
class SiteSettings:
    cases_dir: Path
    base: Path  # the project folder: paths in messages are relative to it
    survey_dir: Path | None = None
    include_internal: bool = False
    site_url: str = ""  # absolute address of the published site, for the schema's $id and the feed
    options: SiteOptions = field(default_factory=SiteOptions)
    # Make the generated files in a forked process where that is safe (see later.py).
    parallel: bool = True


@dataclass(frozen=True)
class Made:
    content: str  # a page's Markdown, or a file's text
    blocks: list[str]  # a page's HTML parts (see Renderer.expand)


@dataclass(frozen=True)
class SiteFiles(ReportsProblems):
    collection: Collection
    survey: Survey
    index: Index
    renderer: Renderer
    pages: dict[str, str]  # src path -> Markdown of the survey's pages, made at once
    later_paths: tuple[str, ...] = ()  # case pages, listing pages, open-data files: see made()
    later: Later[Made] | None = None
    # src path -> YYYY-MM-DD for the sitemap: a case page's own date, every other page the
    # newest case's. Taken from the cases, not the clock, so two builds are byte-identical.
    dates: dict[str, str] = field(default_factory=dict)
    newest_date: str = EPOCH

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(sorted(self.collection.problems + self.survey.problems))

    def made(self, path: str) -> str:
        """The content of a file in `later_paths`, once (a page's HTML parts join the
        renderer's, for `Renderer.expand`). Raises LaterError if it could not be made."""
        if self.later is None:
            raise LaterError(f"no file {path} is being made")
        made = self.later.get(path)
        if made.blocks:
            self.renderer.blocks[path] = made.blocks
        return made.content

    @property
    def case_pages(self) -> dict[str, str]:
        """Generated case page paths -> the case file they come from."""
        return {f"cases/{case.slug}.md": case.path for case in self.index.cases}


def build_site(settings: SiteSettings, vocabulary: Vocabulary | None = None) -> SiteFiles:
    vocabulary = vocabulary or load_vocabulary()
    collection = load_folder(settings.cases_dir, vocabulary, settings.base)
    survey = load_survey(settings.survey_dir, settings.base, vocabulary) if settings.survey_dir else Survey()
    index = build_index(collection.edition(settings.include_internal), vocabulary)
    renderer = Renderer(index, vocabulary, settings.options)
    entries = feed_entries(index, last_commit_dates(settings.cases_dir))
    pages: dict[str, str] = {}
    assets: dict[str, Callable[[], str]] = {}
    jobs: list[PageJob] = []
    later: Later[Made] | None = None
    if not (collection.errors or any(p.severity == "error" for p in survey.problems)):
        pages = survey_pages(survey, index, renderer)
        jobs = renderer.case_jobs() + renderer.listing_jobs()
        url = settings.site_url
        schema_id = f"{url.rstrip('/')}/schema/case.schema.json" if url else None
        assets = {
            "schema/case.schema.json": lambda: schema_json(vocabulary, *([schema_id] if schema_id else [])),
            "api/cases.json": lambda: cases_json(index, url),
            "api/lessons.json": lambda: lessons_json(index, url),
            "api/cases.csv": lambda: cases_csv(index, url),
            "lessons/data.json": lambda: explorer_data(index, vocabulary),
            "feed.xml": lambda: renderer.feed(entries, url),
        }
        later = Later(lambda: _make(renderer, jobs, assets), parallel=settings.parallel)
    dates = {f"cases/{entry.case.slug}.md": entry.updated for entry in entries}
    newest = entries[0].updated if entries else EPOCH
    paths = tuple(job.src for job in jobs) + tuple(assets)
    return SiteFiles(collection, survey, index, renderer, pages, paths, later, dates, newest)


def _make(
    renderer: Renderer, jobs: list[PageJob], assets: dict[str, Callable[[], str]]
) -> Iterator[tuple[str, Made]]:
    """Each generated file in turn, in the order a build asks for them."""
    for job in jobs:
        markdown = renderer.render(job.template, job.src, **job.context)
        yield job.src, Made(markdown, renderer.blocks.pop(job.src, []))
    for path, make in assets.items():
        yield path, Made(make(), [])
