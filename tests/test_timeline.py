"""A case's timeline: checked as every field is, shown on the case page, gathered at /updates/."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from casebook.core.collection import load_folder
from casebook.core.index import build_index
from casebook.core.routes import Router
from casebook.core.schema import case_schema, dictionary_rows
from casebook.core.timeline import span
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from casebook.outputs.exports import Published, cases_json
from casebook.pages.render import Renderer
from conftest import case_text

VOCAB = load_vocabulary()
ATOM = "{http://www.w3.org/2005/Atom}"


def with_timeline(entries: list[dict], **fields: object) -> str:
    """The test case with its timeline and any front-matter field replaced."""
    text = case_text()
    front, body = text.split("\n---\n", 1)
    data = yaml.safe_load(front.removeprefix("---\n"))
    data["timeline"] = entries
    data.update(fields)
    return "---\n" + yaml.safe_dump(data, sort_keys=False) + "---\n" + body


def problems_of(text: str, today: dt.date | None = None) -> list[str]:
    _, problems = read_case("cases/x.md", text.encode(), VOCAB, today)
    return [f"{p.field}: {p.message}" for p in problems]


def entry(date: str, event: str = "Something happened.", source: int = 1) -> dict:
    return {"date": date, "event": event, "source": source}


def test_a_date_names_the_span_of_days_it_covers():
    assert span("2022") == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert span("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert span("2023-04-26") == (dt.date(2023, 4, 26), dt.date(2023, 4, 26))


def test_a_year_may_be_followed_by_a_month_of_the_same_year():
    text = with_timeline([entry("2016"), entry("2017"), entry("2017-03"), entry("2019")])
    assert problems_of(text) == []


def test_a_month_before_the_year_above_it_is_out_of_order():
    text = with_timeline([entry("2016"), entry("2018"), entry("2017-12"), entry("2019")])
    assert problems_of(text) == [
        "timeline[3].date: 2017-12 comes before an entry above it (2018): list the timeline oldest first"
    ]


def test_a_timeline_year_written_as_a_number_is_read_as_text():
    case, problems = read_case("cases/x.md", with_timeline([entry(2016), entry(2019)]).encode(), VOCAB)
    assert problems == []
    assert case is not None and [e.date for e in case.timeline] == ["2016", "2019"]


def test_a_source_number_of_zero_is_refused():
    assert problems_of(with_timeline([entry("2016", source=0), entry("2019")])) == [
        "timeline[1].source: expected the number of the entry under sources that reports it, such as 2, got 0"
    ]


CHECKED = dt.date(2026, 12, 7)  # the checker's day; the build reads without one


def test_an_ended_case_without_an_end_year_is_warned_about_by_the_checker():
    text = with_timeline([entry("2016"), entry("2019")], period={"start": 2016})
    assert "period.end: the status is 'completed' but the period has no end" in "\n".join(
        problems_of(text, CHECKED)
    )
    assert problems_of(text) == []


def test_an_ended_case_whose_timeline_never_reaches_its_end_year_is_warned_about():
    text = with_timeline([entry("2016"), entry("2017")])
    assert any("no development in the timeline is dated 2019" in p for p in problems_of(text, CHECKED))


def test_an_ongoing_case_with_a_past_end_is_warned_about():
    text = with_timeline([entry("2016"), entry("2019")], status="ongoing")
    assert any(
        "the status is 'ongoing' but the period ended in 2019" in p for p in problems_of(text, CHECKED)
    )


def test_the_checker_warns_on_an_ongoing_case_not_followed_up_for_years():
    text = with_timeline([entry("2016"), entry("2018")], status="ongoing", period={"start": 2016})
    assert any("latest development in the timeline is from 2018" in p for p in problems_of(text, CHECKED))
    # the build reads without a date: the same file builds the same on any day
    assert not any("latest development" in p for p in problems_of(text))


def test_the_checker_asks_for_three_developments_and_the_build_does_not():
    text = with_timeline([entry("2016"), entry("2019")])
    today = dt.date(2026, 12, 7)
    assert any(
        p.startswith("timeline: 2 dated developments: give at least 3") for p in problems_of(text, today)
    )
    assert problems_of(text) == []


def collection(tmp_path: Path, cases: dict[str, str]):
    folder = tmp_path / "cases"
    folder.mkdir()
    for slug, text in cases.items():
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    loaded = load_folder(folder, VOCAB)
    assert loaded.errors == ()
    return build_index(loaded.cases, VOCAB)


def test_developments_are_newest_first_and_a_bare_year_follows_its_dated_entries(tmp_path: Path):
    index = collection(
        tmp_path,
        {
            "alpha": with_timeline([entry("2016", "A began."), entry("2019", "A ended.")], title="Alpha"),
            "beta": with_timeline(
                [entry("2016-05", "B began."), entry("2019-03-02", "B ended.")], title="Beta"
            ),
        },
    )
    assert [d.entry.event for d in index.developments] == ["B ended.", "A ended.", "B began.", "A began."]
    assert list(index.developments_by_year) == [2019, 2016]


def render_page(index, template: str, src: str, **context: object) -> str:
    renderer = Renderer(index, VOCAB)
    renderer.render(template, src, **context)
    return "".join(renderer.blocks[src])


def test_the_case_page_shows_each_development_with_its_date_and_source(tmp_path: Path):
    text = with_timeline([entry("2016", "It began.", 1), entry("2019-06-30", "It ended.", 2)])
    index = collection(tmp_path, {"x": text})
    html = render_page(index, "case.md.j2", "cases/x.md", case=index.by_slug["x"])
    assert '<li id="timeline-2"><time datetime="2019-06-30">30 June 2019</time>' in html
    assert '<a class="cb-timeline__source" href="#source-2" aria-label="Source 2">[2]</a>' in html
    assert '<li id="source-2">' in html


def test_updates_list_the_newest_developments_linking_to_their_place_in_the_case(tmp_path: Path):
    text = with_timeline([entry("2016", "It began."), entry("2019-06", "It <b>ended</b>.")])
    index = collection(tmp_path, {"x": text})
    html = render_page(index, "updates.md.j2", "updates/index.md")
    newest = html.index("It &lt;b&gt;ended&lt;/b&gt;.")
    assert newest < html.index("It began.")
    assert 'href="../cases/x/#timeline-2"' in html
    assert '<time datetime="2019-06">June 2019</time>' in html
    assert 'href="../updates/2016/"' in html


def test_the_feed_of_developments_is_atom_newest_first(tmp_path: Path):
    index = collection(
        tmp_path, {"x": with_timeline([entry("2016", "It began."), entry("2019", "It ended.")])}
    )
    feed = ET.fromstring(Renderer(index, VOCAB).updates_feed("https://stats.example/"))
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}summary") for e in entries] == ["It ended.", "It began."]
    assert entries[0].find(f"{ATOM}link").get("href") == "https://stats.example/cases/x/#timeline-2"
    assert feed.findtext(f"{ATOM}updated") == "2019-01-01T00:00:00Z"


def test_the_open_data_and_its_dictionary_carry_the_timeline(tmp_path: Path):
    index = collection(tmp_path, {"x": with_timeline([entry("2016", "It began."), entry("2019")])})
    record = json.loads(cases_json(index, Published(Router(VOCAB, "en"))))[0]
    assert record["timeline"][0] == {"date": "2016", "event": "It began.", "source": 1}
    fields = {row["field"] for row in dictionary_rows(case_schema(VOCAB))}
    assert {"timeline[].date", "timeline[].event", "timeline[].source"} <= fields
