"""Research-grade reuse (issue 25): identifiers that never break (retired slugs, former slugs,
cited lessons that keep their numbers), a case cited in CSL-JSON, BibTeX and RIS and in its
page's metadata, citable releases. Every format is read back with a real parser."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest
import rispy
import yaml
from bibtexparser.middlewares import LatexDecodingMiddleware
from casebook.assembly.options import OptionsError, read_options
from casebook.core.citedlessons import RECORD_FILE, cited_problems, digest, record_text
from casebook.core.collection import load_folder
from casebook.core.vocabulary import load_vocabulary
from casebook.outputs.citation import Release, bibtex, collection_bibtex, csl_item, formatted_reference, ris
from conftest import REPO, case_text, new_project
from jsonschema import Draft7Validator, FormatChecker

VOCAB = load_vocabulary()
DOI = "10.5281/zenodo.1234567"


def renamed(former: str, **fields: str) -> str:
    return case_text(**fields).replace("status: completed", f"status: completed\nformer_slugs: [{former}]")


def problems_of(folder: Path) -> list[str]:
    return [str(p) for p in load_folder(folder, VOCAB, folder.parent).problems]


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    return folder


RETIRED = "- slug: withdrawn-case\n  reason: Withdrawn at the office's request\n  retired: 2025-03-01\n"


# Identifiers ---------------------------------------------------------------------------------


def test_a_case_that_takes_a_retired_slug_is_refused(cases: Path):
    (cases / "_retired.yml").write_text(RETIRED)
    (cases / "withdrawn-case.md").write_text(case_text())
    assert problems_of(cases) == [
        "cases/withdrawn-case.md:1: file name: 'withdrawn-case' is a retired slug, retired on 2025-03-01 "
        "(cases/_retired.yml:1: Withdrawn at the office's request): a retired address never returns; "
        "name the file differently"
    ]


def test_the_retired_slugs_file_is_checked_at_each_line(cases: Path):
    (cases / "_retired.yml").write_text(
        RETIRED
        + "- slug: Not A Slug\n  reason: x\n  retired: 2025-13-01\n- slug: other\n  retired: 2025-01-01\n"
    )
    assert problems_of(cases) == [
        "cases/_retired.yml:4: entry[2].slug: 'Not A Slug' is not a slug: lower-case letters, digits and "
        "hyphens, as in the file's name",
        "cases/_retired.yml:6: entry[2].retired: '2025-13-01' is not a real date",
        "cases/_retired.yml:7: entry[3].reason: missing required field 'reason'",
    ]


def test_a_former_slug_may_not_be_a_live_case_nor_retired_nor_another_cases(cases: Path):
    (cases / "_retired.yml").write_text(RETIRED)
    (cases / "live.md").write_text(case_text())
    (cases / "a.md").write_text(renamed("live, a, withdrawn-case, old-name"))
    (cases / "b.md").write_text(renamed("old-name"))
    found = problems_of(cases)
    assert [line.split(": ", 2)[1] for line in found] == [
        "former_slugs[1]",
        "former_slugs[2]",
        "former_slugs[3]",
        "former_slugs[1]",
    ]
    assert "is the slug of cases/live.md" in found[0]
    assert "this case's own slug" in found[1]
    assert "retired on 2025-03-01" in found[2]
    assert found[3].startswith("cases/b.md:12:") and "is a former slug of cases/a.md too" in found[3]


def test_a_former_slug_is_checked_against_the_folder_when_one_file_is_checked(
    tmp_path: Path, monkeypatch, capsys
):
    from casebook.authoring.cli import main

    project = new_project(tmp_path / "project")
    project.add("live.md", case_text())
    path = project.add("a.md", renamed("live"))
    monkeypatch.chdir(project.root)
    assert main(["check", str(path)]) == 1
    assert "former_slugs[1]: 'live' is the slug of cases/live.md" in capsys.readouterr().out


def test_a_cited_lesson_that_moved_is_an_error_naming_its_new_number(cases: Path):
    (cases / "a.md").write_text(case_text())
    case = load_folder(cases, VOCAB).cases[0]
    first, second = case.lessons
    record = {"a#1": (digest(second.text), 3)}  # the guidelines cited today's lesson 2 as #1
    (problem,) = cited_problems([first], {"a": case}, record, "cases/" + RECORD_FILE)
    assert (problem.line, problem.field, problem.severity) == (3, "a#1", "error")
    assert "is now a#2" in problem.message


def test_a_cited_lesson_whose_text_changed_is_a_warning(cases: Path):
    (cases / "a.md").write_text(case_text())
    case = load_folder(cases, VOCAB).cases[0]
    record = {"a#1": ("000000000000", 3)}
    (problem,) = cited_problems([case.lessons[0]], {"a": case}, record, "cases/" + RECORD_FILE)
    assert problem.severity == "warning" and "has changed since it was cited" in problem.message


def test_the_shipped_guidelines_and_collections_cite_the_lessons_recorded():
    from casebook.assembly.content import cited_lessons, load_content
    from casebook.assembly.options import CasebookOptions

    content = load_content(REPO, CasebookOptions(), VOCAB)
    recorded = (REPO / "cases" / RECORD_FILE).read_text(encoding="utf-8")
    cases = {case.slug: case for case in content.collection.cases}
    assert recorded == record_text(cited_lessons(content.guidelines, content.collections, cases))


# Cite this case ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def awkward_case():
    folder = Path(__file__).parent / "bad_cases"  # any folder: the case is built in memory
    from casebook.core.validate import read_case

    text = case_text(title="Data & {braces} 50% <b>#1</b>", organisation="Office & Co {Ltd}")
    case, problems = read_case(f"{folder.name}/awkward.md", text.encode(), VOCAB)
    assert case is not None, problems
    return case


URL = "https://casebook.example.org/cases/awkward/"


def test_the_bibtex_reads_back_with_bibtexparser(awkward_case):
    text = bibtex([(awkward_case, URL)], Release("2026.12", DOI))
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    (entry,) = library.entries
    fields = {key: field.value for key, field in entry.fields_dict.items()}
    assert (entry.entry_type, entry.key) == ("incollection", "awkward")
    assert fields["title"] == "Data & {braces} 50% <b>#1</b>"
    assert fields["author"] == "Office & Co {Ltd}"
    # Braced as a whole: an organisation, which no tool splits into a first name and a surname.
    (raw,) = bibtexparser.parse_string(text).entries
    assert raw.fields_dict["author"].value == r"{Office \& Co \{Ltd\}}"
    assert fields["booktitle"] == "Casebook: strategic partnerships in official statistics"
    assert (fields["edition"], fields["date"], fields["url"]) == ("2026.12", "2026-11-01", URL)
    assert DOI in fields["note"]


def test_the_collections_bibtex_is_what_bibtexparser_writes_for_all_its_cases(awkward_case):
    other = replace(awkward_case, slug="other", title="Another case")
    entries = [(awkward_case, URL), (other, URL.replace("awkward", "other"))]
    release = Release("2026.12", DOI)
    assert collection_bibtex(entries, release) == bibtex(entries, release)
    assert len(bibtexparser.parse_string(collection_bibtex(entries, release)).entries) == 2


def test_the_ris_reads_back_with_rispy(awkward_case):
    (record,) = rispy.loads(ris(awkward_case, URL, Release("2026.12")))
    assert record["type_of_reference"] == "ENCYC"
    assert record["title"] == "Data & {braces} 50% <b>#1</b>"
    assert record["authors"] == ["Office & Co {Ltd}"]
    assert record["urls"] == [URL]
    assert (record["edition"], record["date"]) == ("2026.12", "2026/11/01")


def test_the_formatted_reference_is_made_by_citeproc_and_escapes_contributors_text(awkward_case):
    item = csl_item(awkward_case, URL, Release("2026.12"))
    reference = formatted_reference(item, "en")
    assert "<b>" not in reference and "&lt;b&gt;#1&lt;/b&gt;" in reference
    assert reference.startswith("Office &amp; Co {Ltd} (2026)")
    assert "<i>Casebook: strategic partnerships in official statistics</i>. 2026.12." in reference
    assert "Disponible sur" in formatted_reference(item, "fr")


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
@pytest.mark.parametrize("release", [Release(), Release("2026.12", DOI)])
def test_a_reused_layout_gives_what_citeproc_gives(awkward_case, language, release):
    """References are laid out by citeproc-py once per shape and filled in (3 ms a case
    otherwise): the result is citeproc-py's own, byte for byte."""
    from dataclasses import replace

    from casebook.outputs.citation import _citeproc

    for case in (awkward_case, replace(awkward_case, title="qqcb0qq 1111 ‘x’", last_reviewed=None)):
        for _ in range(2):  # the first call makes the layout, the second reuses it
            item = csl_item(case, URL, release)
            assert formatted_reference(item, language) == _citeproc(item, language)


def test_without_a_doi_a_citation_gives_the_address_alone(awkward_case):
    item = csl_item(awkward_case, URL, Release())
    assert "note" not in item and "edition" not in item
    assert "doi" not in formatted_reference(item, "en").lower()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"release": "2026 December"}, "release: expected a release such as 2026.12"),
        ({"doi": "https://doi.org/10.5281/zenodo.1"}, "doi: expected a DOI such as 10.5281/zenodo.1234567"),
    ],
)
def test_a_release_or_doi_in_the_wrong_form_is_named(options, message):
    with pytest.raises(OptionsError, match=re.escape(message)):
        read_options(options)


# The built site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = new_project(tmp_path_factory.mktemp("cite") / "project")
    project.set_option("release", '"2026.12"')
    project.set_option("doi", DOI)
    project.add("cbs-mobile-data.md", renamed("cbs-phone-data"))
    project.add(
        "ssb-receipts.md", case_text(title="Receipts & <scanner> data", organisation="Statistics Norway")
    )
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    return project.site


class Head(HTMLParser):
    """A page's <meta name> tags, its links by rel, and its JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, str] = {}
        self.refresh = ""
        self.linked: list[object] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and "name" in values:
            self.meta.setdefault(values["name"], []).append(values.get("content") or "")
        if tag == "meta" and values.get("http-equiv") == "refresh":
            self.refresh = values.get("content") or ""
        if tag == "link" and "rel" in values:
            self.links[values["rel"]] = values.get("href") or ""
        self._in_ld = tag == "script" and values.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.linked.append(json.loads(data))
            self._in_ld = False


def head_of(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_a_renamed_cases_former_address_leads_to_it(site: Path):
    page = site / "cases/cbs-phone-data/index.html"
    head = head_of(page)
    assert head.links["canonical"] == "https://casebook.example.org/cases/cbs-mobile-data/"
    assert head.refresh == "0; url=../../cases/cbs-mobile-data/"
    assert '<a href="../../cases/cbs-mobile-data/">' in page.read_text()
    assert "Content-Security-Policy" in page.read_text()


def test_the_open_data_keeps_each_former_slug(site: Path):
    cases = json.loads((site / "api/cases.json").read_text())
    assert {c["slug"]: c.get("former_slugs") for c in cases} == {
        "cbs-mobile-data": ["cbs-phone-data"],
        "ssb-receipts": None,
    }
    assert "former_slugs" in (site / "data/index.html").read_text()


def test_a_case_page_carries_highwire_tags_and_json_ld(site: Path):
    head = head_of(site / "cases/ssb-receipts/index.html")
    assert head.meta["citation_title"] == ["Receipts & <scanner> data"]
    assert head.meta["citation_author"] == ["Statistics Norway"]
    assert head.meta["citation_publication_date"] == ["2026/11/01"]
    assert head.meta["citation_fulltext_html_url"] == ["https://casebook.example.org/cases/ssb-receipts/"]
    (linked,) = head.linked
    assert linked["@type"] == "Article" and linked["headline"] == "Receipts & <scanner> data"
    assert linked["dateModified"] == "2026-11-01" and linked["inLanguage"] == "en"
    assert linked["spatialCoverage"]["identifier"] == "NL"
    assert [t["termCode"] for t in linked["about"]][:1] == ["supplier-recipient"]
    assert [s["url"] for s in linked["isBasedOn"]] == [
        "https://example.org/report",
        "https://example.org/evaluation",
    ]
    assert linked["isPartOf"] == {
        "@type": "Dataset",
        "name": "Casebook: strategic partnerships in official statistics",
        "version": "2026.12",
        "identifier": f"https://doi.org/{DOI}",
    }


def test_a_case_page_shows_its_reference_and_links_its_files(site: Path):
    html = (site / "cases/ssb-receipts/index.html").read_text()
    block = html[html.index('class="cb-cite"') :]
    assert "Statistics Norway (2026) ‘Receipts &amp; &lt;scanner&gt; data’" in block
    for ext in ("json", "bib", "ris"):
        assert f'href="../../api/cases/ssb-receipts.{ext}" download' in block


def test_every_citation_file_reads_back(site: Path):
    (item,) = json.loads((site / "api/cases/ssb-receipts.json").read_text())
    assert item["title"] == "Receipts & <scanner> data" and item["edition"] == "2026.12"
    (record,) = rispy.loads((site / "api/cases/ssb-receipts.ris").read_text())
    assert record["urls"] == ["https://casebook.example.org/cases/ssb-receipts/"]
    whole = bibtexparser.parse_string((site / "api/casebook.bib").read_text())
    assert sorted(e.key for e in whole.entries) == ["cbs-mobile-data", "ssb-receipts"]


def test_every_page_footer_shows_the_edition_and_doi(site: Path):
    for page in ("index.html", "cases/ssb-receipts/index.html", "lessons/index.html"):
        html = (site / page).read_text()
        assert f'Edition 2026.12 · DOI <a href="https://doi.org/{DOI}">{DOI}</a>' in html


# Citable releases ----------------------------------------------------------------------------


def test_citation_cff_is_valid_against_the_formats_schema():
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads((Path(__file__).parent / "cff/schema-1.2.0.json").read_text(encoding="utf-8"))
    errors = [e.message for e in Draft7Validator(schema, format_checker=FormatChecker()).iter_errors(cff)]
    assert errors == []
    assert "doi" not in cff  # no DOI until Zenodo gives one


# The fields of Zenodo's deposit metadata that .zenodo.json uses, and their terms, from Zenodo's
# legacy deposit schema (zenodo/zenodo: zenodo/modules/deposit/jsonschemas/deposits/records/
# legacyrecord.json), which its GitHub integration reads.
ZENODO_FIELDS = {
    "upload_type", "title", "description", "creators", "license", "access_right", "keywords",
    "related_identifiers", "publication_date", "version", "doi", "notes", "contributors", "communities",
}  # fmt: skip
ZENODO_RELATIONS = {
    "isSupplementTo",
    "isSupplementedBy",
    "isPartOf",
    "hasPart",
    "isDocumentedBy",
    "documents",
}


def test_zenodo_metadata_uses_only_zenodos_fields_and_terms():
    zenodo = json.loads((REPO / ".zenodo.json").read_text(encoding="utf-8"))
    assert set(zenodo) <= ZENODO_FIELDS
    assert zenodo["upload_type"] == "dataset" and zenodo["access_right"] == "open"
    assert zenodo["title"] == yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))["title"]
    assert all(set(creator) == {"name"} for creator in zenodo["creators"])
    for related in zenodo["related_identifiers"]:
        assert related["relation"] in ZENODO_RELATIONS and related["scheme"] == "url"


# Renderer-level: other languages' former addresses, events and recommendations ---------------


EDITION = Release("2026.12")


def renderer_for(case, language: str = "en", release: Release = EDITION):
    from casebook.core.index import build_index
    from casebook.core.routes import Router
    from casebook.pages.render import Renderer, SiteOptions

    words = VOCAB.in_language(language)
    options = SiteOptions(release=release, site_url="https://casebook.example.org/")
    router = Router(words, language, ("en", "fr", "ru"))
    return Renderer(build_index([case], words), words, options, router=router)


def test_a_renamed_case_in_french_has_its_former_address_in_french(awkward_case):
    from dataclasses import replace

    case = replace(awkward_case, lang="fr", former_slugs=("ancien-nom",), former_lines=(12,))
    pages = renderer_for(case, "fr").redirects("https://casebook.example.org/")
    assert list(pages) == ["fr/cases/ancien-nom/index.html"]
    page = pages["fr/cases/ancien-nom/index.html"]()
    assert '<html lang="fr">' in page and "Ce cas a une nouvelle adresse" in page
    assert '<link rel="canonical" href="https://casebook.example.org/fr/cases/awkward/">' in page
    assert renderer_for(case, "en").redirects("") == {}  # no English page, so no English redirect


def test_an_event_is_cited_with_its_organisers_and_first_day(awkward_case):
    from casebook.core.events import Event

    event = Event("seminar-2018", "events/seminar-2018.md", "A seminar", "seminar", "2018-04-11", None,
                  "Geneva", ("UNECE",), (), (), "A summary.")  # fmt: skip
    reference = renderer_for(awkward_case).cite_event(event)
    assert reference == (
        "UNECE (2018) ‘A seminar’, <i>Casebook: strategic partnerships in official statistics</i>. 2026.12. "
        "Available at: https://casebook.example.org/events/seminar-2018/."
    )


def test_a_recommendation_is_cited_at_its_anchor(awkward_case):
    from casebook.core.guidelines import Recommendation

    recommendation = Recommendation("4.2", "Settle the legal basis first", "Why.", ())
    reference = renderer_for(awkward_case, "fr").cite_recommendation(recommendation)
    assert "Recommandation 4.2\u00a0: Settle the legal basis first" in reference
    assert reference.endswith("https://casebook.example.org/fr/guidelines/#recommendation-4-2.")
