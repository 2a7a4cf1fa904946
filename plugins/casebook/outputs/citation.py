"""A case as a reference: CSL-JSON, BibTeX, RIS, and a formatted reference.

Each case is cited as an entry of a reference work: its author is the contributing
organisation, its title the case's, its container "Casebook: strategic partnerships in
official statistics" in the configured edition, its date the case's last review, its
address its page. The files are written by the libraries readers' tools read them with
(bibtexparser, rispy), and the formatted reference is made from the CSL-JSON by citeproc-py
with a CSL style it ships: nothing is formatted by hand.

The Casebook's concept DOI, where mkdocs.yml sets one (assembly/options.py), identifies the
whole collection, not a case: it goes in a note, never as the case's own DOI.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from markupsafe import escape

from ..core.model import Case

CONTAINER = "Casebook: strategic partnerships in official statistics"
STYLE = "harvard-cite-them-right"  # the style citeproc-py ships
# The locale of each of the site's languages, for the formatted reference.
LOCALES = {"en": "en-GB", "fr": "fr-FR", "ru": "ru-RU"}
DOI_RESOLVER = "https://doi.org/"


@dataclass(frozen=True)
class Release:
    """The edition the site is (mkdocs.yml: `release`, such as 2026.12) and the collection's
    concept DOI (`doi`), where they are configured; empty otherwise."""

    edition: str = ""
    doi: str = ""

    @property
    def doi_url(self) -> str:
        return DOI_RESOLVER + self.doi if self.doi else ""

    def note(self) -> str:
        return f"{CONTAINER}, DOI {self.doi}" if self.doi else ""


def _one_line(text: str) -> str:
    """Text on one line; no-break spaces (French punctuation) are kept."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()


def csl_item(case: Case, url: str, release: Release) -> dict[str, Any]:
    """The case as one CSL-JSON item (type entry: an entry of a reference work)."""
    item: dict[str, Any] = {
        "id": case.slug,
        "type": "entry",
        "author": [{"literal": _one_line(case.organisation)}],
        "title": _one_line(case.title),
        "container-title": CONTAINER,
        "abstract": _one_line(case.summary),
        "URL": url,
        "language": case.lang,
    }
    if release.edition:
        item["edition"] = release.edition
    if case.last_reviewed:
        item["issued"] = {"date-parts": [[int(part) for part in case.last_reviewed.split("-")]]}
    if release.doi:
        item["note"] = release.note()
    return item


def entry_item(
    key: str,
    title: str,
    url: str,
    release: Release,
    authors: Iterable[str] = (),
    date: str = "",
    container: str = "",
) -> dict[str, Any]:
    """Another part of the site as a CSL-JSON item: an event (its organisers, its first day),
    a recommendation of the guidelines (an anchor of their page)."""
    item: dict[str, Any] = {
        "id": key,
        "type": "entry",
        "title": _one_line(title),
        "container-title": container or CONTAINER,
        "URL": url,
    }
    if authors:
        item["author"] = [{"literal": _one_line(name)} for name in authors]
    if release.edition:
        item["edition"] = release.edition
    if date:
        item["issued"] = {"date-parts": [[int(part) for part in date[:10].split("-")]]}
    if release.doi:
        item["note"] = release.note()
    return item


@cache
def csl_json(case: Case, url: str, release: Release) -> str:
    """/api/cases/<slug>.json: a CSL-JSON list holding the case."""
    return json.dumps([csl_item(case, url, release)], ensure_ascii=False, separators=(",", ":")) + "\n"


# What LaTeX reads as markup in a field's text, and how to write it as text.
_LATEX = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip
_LATEX_SPECIAL = re.compile("|".join(re.escape(c) for c in _LATEX))


def _latex(text: str) -> str:
    """Text for a BibTeX field: UTF-8 kept (biblatex and reference managers read it), LaTeX's
    special characters written as text."""
    return _LATEX_SPECIAL.sub(lambda m: _LATEX[m.group(0)], _one_line(text))


def bibtex_entry(case: Case, url: str, release: Release) -> Entry:
    # The author is an organisation: braced, so that no tool reads 'Netherlands' as a surname.
    fields = [
        Field("author", "{" + _latex(case.organisation) + "}"),
        Field("title", _latex(case.title)),
        Field("booktitle", _latex(CONTAINER)),
        Field("url", url),
        Field("abstract", _latex(case.summary)),
        Field("langid", case.lang),
    ]
    if release.edition:
        fields.append(Field("edition", _latex(release.edition)))
    if case.last_reviewed:
        fields += [Field("year", case.last_reviewed[:4]), Field("date", case.last_reviewed)]
    if release.doi:
        fields.append(Field("note", _latex(release.note())))
    return Entry("incollection", case.slug, fields)


@cache
def case_bibtex(case: Case, url: str, release: Release) -> str:
    """/api/cases/<slug>.bib, written once per process for the same case, address and
    edition (a preview writes every case's file after each edit; one of them changed)."""
    return bibtex([(case, url)], release)


def collection_bibtex(entries: Iterable[tuple[Case, str]], release: Release) -> str:
    """/api/casebook.bib: what `bibtex` writes for all the cases, put together from each
    case's own file (bibtexparser separates entries by two blank lines), so that a preview's
    rebuild writes again only the entries of the cases that changed."""
    return "\n\n".join(case_bibtex(case, url, release) for case, url in entries)


def bibtex(entries: Iterable[tuple[Case, str]], release: Release) -> str:
    """BibTeX of the cases given with their addresses (one for a case's .bib, all for
    /api/casebook.bib), written by bibtexparser."""
    library = bibtexparser.Library([bibtex_entry(case, url, release) for case, url in entries])
    return bibtexparser.write_string(library)


@cache
def ris(case: Case, url: str, release: Release) -> str:
    """/api/cases/<slug>.ris, written by rispy (type ENCYC: an entry of a reference work)."""
    record: dict[str, Any] = {
        "type_of_reference": "ENCYC",
        "authors": [_one_line(case.organisation)],
        "title": _one_line(case.title),
        "secondary_title": CONTAINER,
        "abstract": _one_line(case.summary),
        "urls": [url],
        "language": case.lang,
    }
    if release.edition:
        record["edition"] = release.edition
    if case.last_reviewed:
        record["year"] = case.last_reviewed[:4]
        record["date"] = case.last_reviewed.replace("-", "/")
    if release.doi:
        record["notes"] = [release.note()]
    return rispy.dumps([record])


@cache
def _style(locale: str) -> Any:
    from citeproc import CitationStylesStyle

    return CitationStylesStyle(STYLE, locale=locale, validate=False)


def _escaped(value: Any) -> Any:
    """Every text of a CSL item HTML-escaped: citeproc-py's HTML output adds markup around
    the text it is given but does not escape it."""
    if isinstance(value, str):
        return str(escape(value))
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in ("id", "type") else _escaped(v) for k, v in value.items()}
    return value


def _citeproc(item: dict[str, Any], language: str) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    bibliography = CitationStylesBibliography(
        _style(LOCALES.get(language, "en-GB")), CiteProcJSON([_escaped(item)]), formatter.html
    )
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


# citeproc-py takes 3 ms a reference (15 s of a build at 5,000 cases): each layout is asked of
# it once, with a token in place of each value, and the values put in the tokens' places.
_TOKEN = re.compile(r"qqcb(\d+)qq|1111")
_LAYOUTS: dict[tuple[object, ...], str | None] = {}


def _tokenised(item: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The item with each text a token (qqcb0qq...) and its year 1111; the values, in order."""
    values: list[str] = []

    def token(value: Any, key: str = "") -> Any:
        if key == "id":
            return "item"
        if key in ("type", "language", "edition", "note"):  # the same for every case (in the key)
            return value
        if isinstance(value, str):
            values.append(str(escape(value)))
            return f"qqcb{len(values) - 1}qq"
        if isinstance(value, list):
            return [token(v) for v in value]
        if isinstance(value, dict):
            if "date-parts" in value:
                # A year 1111, the 11th month, the 11th day: a layout that shows the month
                # or the day is not reused (see formatted_reference).
                return {"date-parts": [[1111, *[11] * (len(parts) - 1)] for parts in value["date-parts"]]}
            return {k: token(v, k) for k, v in value.items()}
        return value

    return token(item), values


def formatted_reference(item: dict[str, Any], language: str) -> str:
    """The reference as HTML, in the style and the language's locale, as citeproc-py makes it;
    contributors' text in it is escaped. A layout is reused only where it gives, for the first
    item it was made for, exactly what citeproc-py gives, and does not show the month or the
    day (otherwise every item of that shape is formatted by citeproc-py): a style that printed
    a month, or changed a title's case, would be formatted in full each time."""
    tokens, values = _tokenised(item)
    year = str(item["issued"]["date-parts"][0][0]) if "issued" in item else ""
    key = (language, json.dumps(tokens, sort_keys=True))
    if key not in _LAYOUTS:
        layout = _citeproc(tokens, language)
        direct = _citeproc(item, language)
        # The same layout on the 12th day of the 12th month: it does not show them.
        other = json.loads(
            json.dumps(tokens).replace("1111, 11, 11", "1111, 12, 12").replace("1111, 11", "1111, 12")
        )
        reusable = _filled(layout, values, year) == direct and _citeproc(other, language) == layout
        _LAYOUTS[key] = layout if reusable else None
        return direct
    layout = _LAYOUTS[key]
    return _citeproc(item, language) if layout is None else _filled(layout, values, year)


def _filled(layout: str, values: list[str], year: str) -> str:
    return _TOKEN.sub(lambda m: values[int(m.group(1))] if m.group(1) is not None else year, layout)
