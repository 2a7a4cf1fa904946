"""From a folder of cases to the generated files of a site, independent of MkDocs.

The plugin (and any other generator) takes `SiteFiles` and adds them to its own build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .collection import Collection, load_folder
from .index import Index, build_index
from .render import Renderer, SiteOptions
from .schema import schema_json
from .vocabulary import Vocabulary, load_vocabulary


@dataclass(frozen=True)
class SiteFiles:
    collection: Collection
    index: Index
    renderer: Renderer
    pages: dict[str, str]  # src path -> Markdown
    assets: dict[str, str]  # src path -> file content (JSON and the like)

    @property
    def case_pages(self) -> dict[str, str]:
        """Generated case page paths -> the case file they come from."""
        return {f"cases/{case.slug}.md": case.path for case in self.index.cases}


def build_site(
    cases_dir: Path,
    base: Path,
    options: SiteOptions | None = None,
    include_internal: bool = False,
    schema_id: str | None = None,
    vocabulary: Vocabulary | None = None,
) -> SiteFiles:
    vocabulary = vocabulary or load_vocabulary()
    collection = load_folder(cases_dir, vocabulary, base)
    index = build_index(collection.edition(include_internal), vocabulary)
    renderer = Renderer(index, vocabulary, options)
    pages = renderer.pages() if not collection.errors else {}
    assets = {"schema/case.schema.json": schema_json(vocabulary, *([schema_id] if schema_id else []))}
    return SiteFiles(collection, index, renderer, pages, assets)
