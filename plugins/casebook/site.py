"""From a folder of cases to the generated files of a site, independent of MkDocs.

The plugin (and any other generator) takes `SiteFiles` and adds them to its own build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .collection import Collection, load_folder
from .explorer import explorer_data
from .exports import cases_csv, cases_json, lessons_json
from .index import Index, build_index
from .problems import Problem, ReportsProblems
from .publications import EPOCH, feed_entries, last_commit_dates
from .render import Renderer, SiteOptions
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


@dataclass(frozen=True)
class SiteFiles(ReportsProblems):
    collection: Collection
    survey: Survey
    index: Index
    renderer: Renderer
    pages: dict[str, str]  # src path -> Markdown
    assets: dict[str, str]  # src path -> file content (JSON, CSV, XML)
    # src path -> YYYY-MM-DD for the sitemap: a case page's own date, every other page the
    # newest case's. Taken from the cases, not the clock, so two builds are byte-identical.
    dates: dict[str, str] = field(default_factory=dict)
    newest_date: str = EPOCH

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(sorted(self.collection.problems + self.survey.problems))

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
    pages: dict[str, str] = {}
    assets: dict[str, str] = {}
    entries = feed_entries(index, last_commit_dates(settings.cases_dir))
    if not (collection.errors or any(p.severity == "error" for p in survey.problems)):
        pages = {**renderer.pages(), **survey_pages(survey, index, renderer)}
        schema_id = f"{settings.site_url.rstrip('/')}/schema/case.schema.json" if settings.site_url else None
        assets["schema/case.schema.json"] = schema_json(vocabulary, *([schema_id] if schema_id else []))
        assets["api/cases.json"] = cases_json(index, settings.site_url)
        assets["api/lessons.json"] = lessons_json(index, settings.site_url)
        assets["api/cases.csv"] = cases_csv(index, settings.site_url)
        assets["lessons/data.json"] = explorer_data(index, vocabulary)
        assets["feed.xml"] = renderer.feed(entries, settings.site_url)
    dates = {f"cases/{entry.case.slug}.md": entry.updated for entry in entries}
    newest = entries[0].updated if entries else EPOCH
    return SiteFiles(collection, survey, index, renderer, pages, assets, dates, newest)
