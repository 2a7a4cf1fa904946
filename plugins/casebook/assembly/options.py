"""The casebook plugin's options, as mkdocs.yml gives them, in one model that the plugin,
`casebook check`, `casebook render` and `casebook pdf` all read (assembly/content.py loads
the content folders they name), so that the checker and the build can never disagree about
which folders hold the content or how it is read.

    plugins:
      - casebook:
          cases_dir: cases
          edition: public          # or internal: the secretariat's edition
          languages: [en, fr, ru]  # the first is the default, at /; the others at /fr/, /ru/
          release: "2026.12"       # the release (tag v2026.12): footer and citations
          doi: 10.5281/zenodo.N    # the concept DOI, once Zenodo has archived a release
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..core.languages import LANGUAGES
from ..core.problems import did_you_mean
from ..outputs.explorer import SERVER_LIMIT

EDITIONS = ("public", "internal")
RELEASE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,39}")
DOI = re.compile(r"10\.\d{4,9}/[^\s\\\"<>]+")


class OptionsError(Exception):
    """An option of the plugin that cannot be read; the message says which and why."""


@dataclass(frozen=True)
class CasebookOptions:
    cases_dir: str = "cases"
    survey_dir: str = "survey"
    events_dir: str = "events"
    guidelines_dir: str = "guidelines"
    collections_dir: str = "collections"  # curated reading lists (core/collections.py)
    # The registry of organisations (core/organisations.py); where there is none, case
    # organisations and partners are not looked up.
    organisations_file: str = "organisations.yml"
    # 'internal' builds the edition for the secretariat, internal cases included.
    edition: str = "public"
    # How many lessons the explorer page lists for readers without JavaScript (the script
    # filters them all from a data file; pages of this many list the rest).
    lessons_listed: int = SERVER_LIMIT
    # The speed layer (speed/, theme.py): a forked worker, case pages' HTML put in place of
    # MkDocs' conversion, parts of the frame drawn once per folder, the garbage collector's
    # pace. Off: the same bytes, slower.
    parallel: bool = True
    # The guidelines publication as a PDF beside its web edition, where WeasyPrint is installed.
    guidelines_pdf: bool = True
    # The site's languages; the first is the default and lives at the site's root.
    languages: tuple[str, ...] = ("en",)
    # The release the site is, as tagged (vYYYY.MM): '2026.12'. Shown in every page's footer
    # and in every citation; set by hand at each release, never from the clock (docs/releases.md).
    release: str = ""
    # The concept DOI that Zenodo gives the whole Casebook (all its releases), once the first
    # release is archived: '10.5281/zenodo.1234567'. Unset: citations give the address alone.
    doi: str = ""

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def folder(self, root: Path, name: str) -> Path:
        """A content folder ('cases', 'events'...) as an absolute path under `root`."""
        return (root / getattr(self, f"{name}_dir")).resolve()

    @property
    def include_internal(self) -> bool:
        return self.edition == "internal"


CONTENT_FOLDERS = ("cases", "survey", "events", "guidelines", "collections")
_TYPES = {f.name: type(f.default) for f in fields(CasebookOptions)}


def read_options(values: Mapping[str, Any] | None) -> CasebookOptions:
    """The options as mkdocs.yml writes them (missing ones take their defaults)."""
    given = dict(values or {})
    for name in given:
        if name not in _TYPES:
            known = ", ".join(_TYPES)
            raise OptionsError(f"unknown option '{name}'{did_you_mean(name, _TYPES)}; known: {known}")
    checked: dict[str, Any] = {}
    for name, value in given.items():
        kind = _TYPES[name]
        if kind is tuple:
            if isinstance(value, str) or not isinstance(value, (list, tuple)):
                raise OptionsError(f"{name}: expected a list such as [en, fr, ru], got {value!r}")
            value = tuple(str(v) for v in value)
        elif kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise OptionsError(f"{name}: expected a whole number, got {value!r}")
        elif kind is bool and not isinstance(value, bool):
            raise OptionsError(f"{name}: expected true or false, got {value!r}")
        elif kind is str and not isinstance(value, str):
            raise OptionsError(f"{name}: expected text, got {value!r}")
        checked[name] = value
    options = CasebookOptions(**checked)
    if options.edition not in EDITIONS:
        raise OptionsError(f"edition: expected one of {', '.join(EDITIONS)}, got {options.edition!r}")
    unknown = [lang for lang in options.languages if lang not in LANGUAGES]
    if unknown or not options.languages or len(set(options.languages)) != len(options.languages):
        raise OptionsError(
            f"languages: expected a list of different languages among {', '.join(LANGUAGES)}, "
            f"the default first, got {list(options.languages)!r}"
        )
    if options.release and not RELEASE.fullmatch(options.release):
        raise OptionsError(
            f"release: expected a release such as 2026.12 (the tag without its v), got {options.release!r}"
        )
    if options.doi and not DOI.fullmatch(options.doi):
        raise OptionsError(
            "doi: expected a DOI such as 10.5281/zenodo.1234567 (without https://doi.org/), "
            f"got {options.doi!r}"
        )
    if options.lessons_listed < 1:
        message = f"expected a number of lessons, 1 or more, got {options.lessons_listed}"
        raise OptionsError(f"lessons_listed: {message}")
    return options
