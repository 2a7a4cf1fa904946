"""Open data, feed, guidelines, sources, charts and the PDF, from real builds."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pypdf
import pytest
from casebook.authoring.cli import main
from casebook.core.collection import load_folder
from casebook.core.index import build_index
from casebook.core.vocabulary import load_vocabulary
from casebook.outputs.feed import feed_entries
from casebook.pages.render import FEED_LIMIT, Renderer
from conftest import Project, case_text, case_yaml

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def built(project: Project) -> Project:
    project.add(
        "norway.md",
        case_yaml(
            "Payment data",
            ["supplier-recipient"],
            ["confidentiality-data-sharing"],
            [
                {"text": "Ask for the least data that answers the question.", "stage": "agreeing"},
                {"text": "Own types are kept.", "partnership_types": ["policy-maker"], "stage": "closing"},
            ],
            country="NO",
        ),
    )
    project.add("older.md", case_text(title="Older case", reviewed="2020-05-01"))
    project.add("secret.md", case_text(title="Secret case", visibility="internal", lesson="Secret lesson."))
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    return project


def test_cases_json_holds_every_public_case_and_no_internal_one(built: Project):
    cases = json.loads((built.site / "api/cases.json").read_text())
    assert sorted(c["slug"] for c in cases) == ["norway", "older"]
    norway = next(c for c in cases if c["slug"] == "norway")
    assert norway["country"] == "NO"
    assert norway["title"] == "Payment data"
    assert norway["url"] == "https://casebook.example.org/cases/norway/"


def test_lessons_json_keeps_a_lessons_own_types(built: Project):
    lessons = json.loads((built.site / "api/lessons.json").read_text())
    assert len(lessons) == 4
    own = next(x for x in lessons if x["text"] == "Own types are kept.")
    assert own["partnership_types"] == ["policy-maker"]
    assert own["challenges"] == ["confidentiality-data-sharing"]
    assert (own["case"], own["country"], own["stage"]) == ("norway", "NO", "closing")
    assert own["url"].endswith("/cases/norway/#lesson-2")
    assert not any("Secret" in x["text"] for x in lessons)


def test_cases_csv_opens_as_one_row_per_case_with_joined_lists(built: Project):
    raw = (built.site / "api/cases.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark, so spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["slug"] for r in rows] == ["older", "norway"]
    older = rows[0]
    assert older["partnership_types"] == "supplier-recipient; open-innovation"
    assert older["partners"] == "A mobile network operator (private)"
    assert rows[1]["country"] == "NO"


def test_csv_cell_that_looks_like_a_formula_is_quoted(project: Project):
    project.add("x.md", case_text(title='"=HYPERLINK(1)"'))
    assert project.build("--strict").returncode == 0
    rows = list(csv.DictReader(io.StringIO((project.site / "api/cases.csv").read_text("utf-8-sig"))))
    assert rows[0]["title"] == "'=HYPERLINK(1)"


def test_feed_is_atom_with_one_entry_per_public_case_newest_first(built: Project):
    feed = ET.parse(built.site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Payment data", "Older case"]
    assert [e.findtext(f"{ATOM}updated") for e in entries] == ["2026-11-01T00:00:00Z", "2020-05-01T00:00:00Z"]
    assert feed.findtext(f"{ATOM}updated") == "2026-11-01T00:00:00Z"


def test_every_page_links_to_the_feed(built: Project):
    assert 'type="application/atom+xml"' in built.page("cases/norway/")


def test_every_public_lesson_is_listed_for_readers_without_javascript(built: Project):
    pages = built.page("lessons/") + "".join(
        path.read_text(encoding="utf-8")
        for path in sorted((built.site / "lessons/page").glob("*/index.html"))
    )
    for text in ("Ask for the least data", "Own types are kept.", "Agree who may see record-level data"):
        assert text in pages
    assert "Secret lesson." not in pages


def test_sources_are_grouped_by_publisher_and_link_back(built: Project):
    page = built.page("sources/")
    assert "<h2" in page and "example.org" in page
    assert 'href="../cases/norway/"' in page


def test_statistics_charts_are_svg_with_a_table_of_the_same_numbers(built: Project):
    page = built.page("stats/")
    assert page.count('<svg class="cb-chart__svg"') == 5  # types, challenges, countries, access, years
    assert 'role="img"' in page
    assert '<td><a href="../countries/no/">Norway</a></td><td>1</td>' in page


def test_data_page_has_a_dictionary_generated_from_the_schema(built: Project):
    page = built.page("data/")
    assert "<code>partners[].sector</code>" in page
    assert "government, private, academia, civil-society, international" in page
    assert "CC BY 4.0" in page


def test_pdf_holds_no_internal_lesson(built: Project, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(built.root)
    assert main(["pdf", "--output", "guidelines.pdf"]) == 0
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(built.root / "guidelines.pdf").pages)
    assert "Secret lesson." not in text


def test_feed_escapes_contributor_text(project: Project):
    project.add("x.md", case_text(title='"Data & <b>trust</b>"', summary='"Summary with <script>x</script>"'))
    assert project.build("--strict").returncode == 0
    raw = (project.site / "feed.xml").read_text()
    assert "<b>" not in raw and "<script>" not in raw
    entry = ET.parse(project.site / "feed.xml").getroot().find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Data & <b>trust</b>"
    assert entry.findtext(f"{ATOM}summary") == "Summary with <script>x</script>"


def test_feed_holds_the_newest_cases_only(tmp_path):
    for day in range(1, FEED_LIMIT + 6):
        reviewed = f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}"
        (tmp_path / f"case-{day:02d}.md").write_text(case_text(title=f"Case {day}", reviewed=reviewed))
    vocabulary = load_vocabulary()
    index = build_index(load_folder(tmp_path, vocabulary).cases, vocabulary)
    feed = Renderer(index, vocabulary).feed(feed_entries(index, {}), "https://casebook.example.org/")
    titles = [entry.findtext(f"{ATOM}title") for entry in ET.fromstring(feed).findall(f"{ATOM}entry")]
    assert titles == [f"Case {day}" for day in range(FEED_LIMIT + 5, 5, -1)]
