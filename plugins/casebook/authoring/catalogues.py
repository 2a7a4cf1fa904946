"""Keeping the message catalogues in step with the code: the interface's words are extracted
from the templates and modules (Babel, with Jinja's i18n extension) and merged into each
language's catalogue, which translators then edit (pages/locale/<language>/LC_MESSAGES/).

    scripts/translations          extract and merge: new messages appear untranslated, changed
                                  ones fuzzy (shown in English until a translator confirms them)
    scripts/translations --check  exit 1, naming the catalogues that are behind the code

Catalogues keep no line numbers, so that moving a template's text does not rewrite them.
"""

from __future__ import annotations

import argparse
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from ..assembly.siteconfig import read_site_config
from ..core.languages import DEFAULT, LANGUAGES
from ..pages.catalogue import DOMAIN

PACKAGE = Path(__file__).resolve().parent.parent
SITE_CONFIG = PACKAGE.parent.parent / "mkdocs.yml"  # the repository's site, whose menu is translated
LOCALE = PACKAGE / "pages" / "locale"
METHODS = [("**/templates/**.j2", "jinja2"), ("**.py", "python")]
OPTIONS = {"**/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
# The keywords the code uses: _() and ngettext() in templates; N_() marks a module's message
# that a template translates later (a vocabulary of the interface, such as a chart's title).
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


HEADER = """\
# Casebook's interface in one language: translate each msgstr (for ngettext, each plural form).
# A message marked fuzzy shows in English until its mark is removed. scripts/translations adds
# the code's new messages; tests/test_catalogue.py fails on any left untranslated.
# Copyright (C) the Casebook contributors, under the MIT licence."""


def extracted(site_config: Path | None = SITE_CONFIG) -> Catalog:
    """Every message the code uses, with where it is used (file, no line), and the titles of
    the sections of the site's menu (mkdocs.yml), which the menus of the other languages show
    translated."""
    template = Catalog(domain=DOMAIN, project="Casebook", fuzzy=False)
    for path, _, message, comments, context in extract_from_dir(
        str(PACKAGE), METHODS, options_map=OPTIONS, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        template.add(message, None, [(path, 0)], auto_comments=comments, context=context)
    if site_config is not None and site_config.is_file():
        for title in nav_sections(read_site_config(site_config).data.get("nav")):
            template.add(title, None, [(site_config.name, 0)], auto_comments=["a section of the site's menu"])
    return template


def nav_sections(nav: object) -> list[str]:
    """The titles of a MkDocs nav's sections (entries whose value is a list), in order."""
    found: list[str] = []
    for entry in nav if isinstance(nav, list) else []:
        if isinstance(entry, dict):
            for title, value in entry.items():
                if isinstance(value, list):
                    found += [str(title), *nav_sections(value)]
    return found


def catalogue_file(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def updated(language: str, template: Catalog) -> bytes:
    """The language's catalogue merged with the code's messages, as the file would hold it."""
    path = catalogue_file(language)
    if path.exists():
        with path.open("rb") as file:
            catalogue = read_po(file, locale=language, domain=DOMAIN)
        catalogue.update(template, update_creation_date=False)
    else:
        catalogue = Catalog(
            locale=language,
            domain=DOMAIN,
            project="Casebook",
            version="2",
            copyright_holder="the Casebook contributors",
            msgid_bugs_address="https://github.com/casebook-stats/casebook/issues",
            header_comment=HEADER,
            fuzzy=False,
        )
        catalogue.update(template, update_creation_date=False)
    out = BytesIO()
    write_po(out, catalogue, width=100, ignore_obsolete=True, include_lineno=False, sort_output=True)
    return out.getvalue()


def behind() -> list[str]:
    """The catalogues that the code has moved past (paths relative to the package)."""
    template = extracted()
    stale = []
    for language in LANGUAGES:
        path = catalogue_file(language)
        if language != DEFAULT and (not path.exists() or path.read_bytes() != updated(language, template)):
            stale.append(str(path.relative_to(PACKAGE)))
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/translations", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a catalogue is behind"
    )
    args = parser.parse_args(argv)
    if args.check:
        stale = behind()
        for path in stale:
            print(f"{path}: behind the code: run scripts/translations", file=sys.stderr)
        return 1 if stale else 0
    template = extracted()
    for language in LANGUAGES:
        if language == DEFAULT:
            continue
        path = catalogue_file(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(updated(language, template))
        print(f"{path.relative_to(PACKAGE.parent.parent)}: {len(template)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
