"""What the preview's last build listed, so that an edit makes again only the listing pages it
can change.

A listing page never shows a case's story, and shows its title, summary and lesson texts only
next to a link to the case's page, which ends in its slug and "/". So when an edit changes only
those texts or the story (every other field, the tags, the country, the counts, is as it was)
and nothing but cases changed, a listing page whose last text holds no link to an edited case
comes out the same: it is neither made nor written again. A title can move its case in the
cases' order: then a page that shows a window of that order (a page of lessons, the first
lessons of a group, the newest developments: `PageJob.window`) is made again too where the
window now holds other items. A story edit makes no listing page
again, a summary edit at 2,000 cases in three languages a few dozen of some 1,700. Any
other change (a tag, a country, a new case, an event, the guidelines, an option) makes every
listing page again, as a first build does.

A preview server only: `mkdocs serve --dirty` keeps the pages MkDocs does not rebuild.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..core.model import Case, Lesson

# What a listing page shows of a case beside its link only, and what it never shows (the story);
# every other field is the case's shape.
SHOWN_BESIDE_LINK = ("title", "summary")
NEVER_LISTED = ("body", "body_line")
_CASE_SHAPE = tuple(
    f.name for f in fields(Case) if f.compare and f.name not in SHOWN_BESIDE_LINK + NEVER_LISTED
)
_LESSON_SHAPE = tuple(f.name for f in fields(Lesson) if f.compare and f.name != "text")


def shape(case: Case) -> tuple:
    """Where a case is listed and what it counts for: every field but the texts shown beside
    its link (and the lessons' texts)."""
    lessons = tuple(tuple(getattr(lesson, name) for name in _LESSON_SHAPE) for lesson in case.lessons)
    return (*(getattr(case, name) for name in _CASE_SHAPE if name != "lessons"), lessons)


def files_stamp(paths: Iterable[Path]) -> int:
    """The size and modification time of every file in these folders or files, as a hash: the
    content that is not cases (events, guidelines, collections, the survey, the registry)."""
    found = []
    for path in paths:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            try:
                stat = file.stat()
            except OSError:
                continue
            found.append((str(file), stat.st_mtime_ns, stat.st_size))
    return hash(tuple(found))


@dataclass
class ListedMemory:
    # by language: the stamp of everything but the cases, each case's shape, and all that the
    # listing pages may show of each case (both by slug)
    stamps: dict[str, int] = field(default_factory=dict)
    shapes: dict[str, dict[str, int]] = field(default_factory=dict)
    keys: dict[str, dict[str, int]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # listing page -> what it was made into
    windows: dict[str, int] = field(default_factory=dict)  # listing page -> its window's items
    # Other files (open data, citations, feeds): what each was made from, and in this build
    made_from: dict[str, int] = field(default_factory=dict)
    making: dict[str, int] = field(default_factory=dict)

    def unchanged(
        self, language: str, cases: tuple[Case, ...], pages: dict[str, int | None], stamp: int
    ) -> set[str]:
        """The listing pages (path -> what its window holds, as a hash, or None) that come out
        as the last build made them, and so are left as written. Those to be made again are
        forgotten until they are (a build that fails half-way leaves them to be made next time)."""
        shapes = {case.slug: hash(shape(case)) for case in cases}
        # All that a listing page may show of a case: its shape, the texts beside its link,
        # and where its translation comes from (a note beside it).
        keys = {
            case.slug: hash(
                (shapes[case.slug], case.title, case.summary, _lesson_texts(case), case.translation)
            )
            for case in cases
        }
        same = self.stamps.get(language) == stamp and self.shapes.get(language) == shapes
        before = self.keys.get(language, {})
        self.stamps[language], self.shapes[language] = stamp, shapes
        self.keys[language] = keys
        kept: set[str] = set()
        if same:
            links = [f"{slug}/" for slug, key in keys.items() if before.get(slug) != key]
            kept = {
                page
                for page, window in pages.items()
                if (text := self.texts.get(page)) is not None
                and self.windows.get(page) == window
                and not any(link in text for link in links)
            }
        for page, window in pages.items():
            if window is not None:
                self.windows[page] = window
            if page not in kept:
                self.texts.pop(page, None)
        return kept

    def remember(self, page: str, markdown: str, blocks: list[str]) -> None:
        self.texts[page] = markdown + "".join(blocks)

    def collection_key(self) -> int:
        """All that any listing page or open-data file may show of the collection, in every
        language, as a hash: what a story edit leaves as it was (after `unchanged`)."""
        return hash(
            tuple(
                (language, self.stamps[language], tuple(self.keys[language].items()))
                for language in sorted(self.keys)
            )
        )

    def case_key(self, language: str, case: Case) -> int:
        """All that a listing page may show of one case (after `unchanged`)."""
        return self.keys.get(language, {}).get(case.slug) or hash((case, case.translation))

    def files_unchanged(self, keys: dict[str, int]) -> set[str]:
        """The files (by path) made from what they were made from in the last build that
        finished (`keys`: what each is made from now, hashed)."""
        self.making = keys
        return {path for path, key in keys.items() if self.made_from.get(path) == key}

    def built(self) -> None:
        """The build is done: its files are what the next one compares with."""
        self.made_from.update(self.making)
        self.making = {}


def _lesson_texts(case: Case) -> tuple[str, ...]:
    return tuple(lesson.text for lesson in case.lessons)
