"""Reading a folder of case files: every file is published, deliberately skipped or reported.

The core reads one file after another. A caller may pass `read_all` to share the reading
out (the speed layer reads large folders with two processes: speed/reading.py).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .files import read_contributed
from .identity import RETIRED_FILE, RetiredSlugs, identity_problems, read_retired
from .model import Case
from .problems import CaseFileError, Problem, ReportsProblems
from .translations import TRANSLATION_FILE, Translation, read_translation
from .validate import read_case, slug_for
from .vocabulary import Vocabulary

# A file to read, as (the path shown in messages, the path on disk).
FileToRead = tuple[str, Path]
Read = tuple["Case | None", tuple[Problem, ...]]
# Reads each file with the given function, and returns the results in the files' order.
ReadAll = Callable[[list[FileToRead], Callable[[FileToRead], Read]], list[Read]]


def one_by_one(files: list[FileToRead], read: Callable[[FileToRead], Read]) -> list[Read]:
    return [read(file) for file in files]


@dataclass(frozen=True)
class Collection(ReportsProblems):
    cases: tuple[Case, ...]  # every valid case, internal ones included, by slug
    problems: tuple[Problem, ...]  # errors and warnings, sorted by file and line
    skipped: tuple[str, ...]  # files left out on purpose: templates (_*.md), README.md, dotfiles
    translations: tuple[Translation, ...] = ()  # every valid translation (cases/<slug>.<lang>.md)

    @property
    def translated(self) -> dict[tuple[str, str], Translation]:
        """(slug, language) -> its translation."""
        return {(t.slug, t.language): t for t in self.translations}

    def edition(self, include_internal: bool) -> tuple[Case, ...]:
        """The cases a build publishes: public ones, or all of them for the internal edition."""
        if include_internal:
            return self.cases
        return tuple(case for case in self.cases if case.is_public)


def is_skipped(name: str) -> bool:
    """Templates, the folder's README and hidden files are not cases."""
    return name.startswith(("_", ".")) or name == "README.md"


def folder_entries(folder: Path, base: Path | None = None) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """A contributors' folder's entries by name, each with the path messages show, without
    templates, the README and hidden files (events, guidelines, survey responses)."""
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if not is_skipped(entry.name):
            yield shown_path(Path(entry.path), base), entry


def markdown_files(
    folder: Path, base: Path | None, kind: str, problems: list[Problem]
) -> Iterator[tuple[str, bytes]]:
    """The path shown and the bytes of each Markdown file of a contributors' folder (events,
    collections); anything else in it, and a file that cannot be read, joins `problems`."""
    for shown, entry in folder_entries(folder, base):
        if not entry.name.endswith(".md") or entry.is_dir(follow_symlinks=False):
            message = f"not {kind} file: {kind.split()[-1]}s are Markdown files ending in .md"
            problems.append(Problem(shown, 1, "file", message))
            continue
        try:
            yield shown, read_contributed(Path(entry.path))
        except CaseFileError as exc:
            problems.append(Problem(shown, exc.line, exc.field, exc.message))


def load_folder(
    folder: Path,
    vocabulary: Vocabulary,
    base: Path | None = None,
    today: dt.date | None = None,
    read_all: ReadAll = one_by_one,
) -> Collection:
    """Read every entry of `folder`; paths in messages are relative to `base` (default: as given).
    With `today`, reviews older than two years are reported (`casebook check` only)."""
    if not folder.is_dir():
        problem = Problem(shown_path(folder, base), 1, "folder", "the cases folder does not exist")
        return Collection((), (problem,), ())
    entries = sorted(os.scandir(folder), key=lambda e: e.name)
    retired = read_retired(folder / RETIRED_FILE, shown_path(folder / RETIRED_FILE, base))
    return load_paths([Path(e.path) for e in entries], vocabulary, base, today, read_all, retired)


def load_paths(
    paths: list[Path],
    vocabulary: Vocabulary,
    base: Path | None = None,
    today: dt.date | None = None,
    read_all: ReadAll = one_by_one,
    retired: RetiredSlugs | None = None,
    other_slugs: frozenset[str] = frozenset(),
) -> Collection:
    """Read the case files (and translations) among `paths`; with `retired` (the folder's
    retired slugs), check the cases' identifiers (core/identity.py) against them and against
    `other_slugs`, the slugs of the folder's files that are not read (a check of some files)."""
    cases: list[Case] = []
    problems: list[Problem] = []
    skipped: list[str] = []
    slugs: dict[str, list[str]] = defaultdict(list)
    to_read: list[tuple[str, Path]] = []
    to_translate: list[tuple[str, Path]] = []
    for path in paths:
        shown = shown_path(path, base)
        name = path.name
        if is_skipped(name):
            skipped.append(shown)
            continue
        if path.is_dir() and not path.is_symlink():
            problems.append(
                Problem(shown, 1, "file", "a folder is not read: put case files directly in cases/")
            )
            continue
        if not name.endswith(".md"):
            hint = f"; rename it to '{slug_for(name)}.md'" if name.lower().endswith(".md") else ""
            problems.append(
                Problem(shown, 1, "file", f"not a case file: cases are Markdown files ending in .md{hint}")
            )
            continue
        if TRANSLATION_FILE.fullmatch(name):
            to_translate.append((shown, path))
            continue
        slugs[slug_for(name)].append(shown)
        to_read.append((shown, path))
    for case, found in read_all(to_read, partial(_read_one, vocabulary=vocabulary, today=today)):
        problems.extend(found)
        if case is not None:
            cases.append(case)
    for slug, files in slugs.items():
        if len(files) > 1:
            for shown in files:
                others = ", ".join(f for f in files if f != shown)
                problems.append(
                    Problem(
                        shown, 1, "file name", f"gives the same page /cases/{slug}/ as {others}; rename one"
                    )
                )
    if retired is not None:
        problems.extend(retired.problems)
        problems.extend(identity_problems(cases, retired, other_slugs))
    colliding = {f for files in slugs.values() if len(files) > 1 for f in files}
    kept = tuple(sorted((c for c in cases if c.path not in colliding), key=lambda c: c.slug))
    originals = {case.slug: case for case in kept}
    translations = []
    for shown, path in to_translate:
        try:
            translation, found = read_translation(shown, read_contributed(path), originals, today)
        except CaseFileError as exc:
            translation, found = None, [Problem(shown, exc.line, exc.field, exc.message)]
        problems.extend(found)
        if translation is not None:
            translations.append(translation)
    return Collection(
        cases=kept,
        problems=tuple(sorted(problems)),
        skipped=tuple(skipped),
        translations=tuple(sorted(translations, key=lambda t: (t.slug, t.language))),
    )


def _read_one(file: FileToRead, vocabulary: Vocabulary, today: dt.date | None) -> Read:
    shown, path = file
    try:
        raw = read_contributed(path)
    except CaseFileError as exc:
        return None, (Problem(shown, exc.line, exc.field, exc.message),)
    case, found = read_case(shown, raw, vocabulary, today)
    return case, tuple(found)


def shown_path(path: Path, base: Path | None) -> str:
    """The path as the contributor gave it, or relative to `base` (the project, for the build)."""
    if base is None:
        return path.as_posix()
    try:
        return os.path.relpath(path, base).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        return str(path)
