"""The Pagefind index, fed page by page while a build runs, against the real Pagefind."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from casebook.assembly.searchindex import SearchIndex, SearchIndexError, check_bundle, without_sections


def index_text(folder: Path) -> str:
    """Every word Pagefind stored for its result excerpts (fragments are gzip-compressed)."""
    return " ".join(
        gzip.decompress(path.read_bytes()).decode("utf-8", "ignore") for path in folder.rglob("*.pf_fragment")
    )


def test_pages_given_during_a_build_are_searchable(tmp_path: Path):
    index = SearchIndex([".headerlink"])
    page = "<h1>Mobile phone data</h1><p>Mezuro counted phones.</p>"
    index.add("/cases/mezuro/", "Mobile phone data", page, "en")
    index.add("/about/", "About", "<p>What the site holds.</p>", "en")
    index.write(tmp_path / "pagefind")
    index.wait()
    text = index_text(tmp_path / "pagefind")
    assert "Mezuro counted phones" in text
    assert "/cases/mezuro/" in text
    assert (tmp_path / "pagefind" / "pagefind-ui.js").is_file()


def test_pagefind_is_left_to_finish_writing_and_exits_by_itself(tmp_path: Path):
    index = SearchIndex([])
    for n in range(300):
        index.add(f"/cases/case-{n}/", f"Case {n}", f"<h1>Case {n}</h1><p>Words of case {n}.</p>", "en")
    index.write(tmp_path)
    index.wait()
    assert index._process.returncode == 0  # stopped by closing its input, not killed
    assert (tmp_path / "pagefind-entry.json").stat().st_size > 0
    assert len(list((tmp_path / "fragment").iterdir())) == 300


def test_excluded_parts_of_a_page_are_not_indexed(tmp_path: Path):
    index = SearchIndex([".cb-related"])
    index.add(
        "/a/", "A", '<h1>A</h1><p>Own words.</p><ul class="cb-related"><li>Borrowed summary</li></ul>', "en"
    )
    index.write(tmp_path)
    index.wait()
    assert "Own words" in index_text(tmp_path)
    assert "Borrowed summary" not in index_text(tmp_path)


def test_a_page_without_a_heading_is_titled_from_its_title(tmp_path: Path):
    index = SearchIndex([])
    index.add("/guide/", "A guide <for> readers", "<p>Text.</p>", "en")
    index.write(tmp_path)
    index.wait()
    assert "A guide <for> readers" in index_text(tmp_path)


def test_a_failure_to_write_is_reported_with_pagefinds_reason(tmp_path: Path):
    (tmp_path / "a-file").write_text("not a folder")
    index = SearchIndex([])
    index.add("/a/", "A", "<p>Text.</p>", "en")
    index.write(tmp_path / "a-file" / "pagefind")
    with pytest.raises(SearchIndexError, match="Not a directory"):
        index.wait()


def test_waiting_for_an_index_never_asked_for_is_an_error():
    index = SearchIndex([])
    try:
        with pytest.raises(SearchIndexError, match="never asked to be written"):
            index.wait()
    finally:
        index.close()


def test_a_bundle_with_an_empty_or_missing_file_fails_the_build(tmp_path: Path):
    for name in ("pagefind-entry.json", "pagefind.js", "pagefind-ui.js", "pagefind-worker.js"):
        (tmp_path / name).write_text("x")
    (tmp_path / "pagefind-ui.css").write_text("")
    with pytest.raises(SearchIndexError, match=r"not written whole: empty pagefind-ui\.css"):
        check_bundle(tmp_path)
    (tmp_path / "pagefind-ui.css").unlink()
    with pytest.raises(SearchIndexError, match=r"missing pagefind-ui\.css"):
        check_bundle(tmp_path)


def test_each_language_has_its_own_index(tmp_path: Path):
    index = SearchIndex([])
    index.add("/cases/x/", "Mobile data", "<h1>Mobile data</h1><p>Phones counted.</p>", "en")
    index.add("/fr/cases/x/", "Données mobiles", "<h1>Données mobiles</h1><p>Téléphones comptés.</p>", "fr")
    index.add("/ru/cases/x/", "Мобильные данные", "<h1>Мобильные данные</h1><p>Телефоны.</p>", "ru")
    index.write(tmp_path)
    index.wait()
    entry = json.loads((tmp_path / "pagefind-entry.json").read_text())
    assert {language: found["page_count"] for language, found in entry["languages"].items()} == {
        "en": 1,
        "fr": 1,
        "ru": 1,
    }


def test_text_marked_with_another_language_stays_out_of_a_pages_index(tmp_path: Path):
    """An untranslated case's title on a French listing is English: the French index leaves
    it out (the plugin excludes `body [lang]`), so a French search finds French text only."""
    index = SearchIndex(["body [lang]"])
    page = '<h1>Données</h1><p>Téléphones comptés.</p><p><a lang="en">Phones counted in English</a></p>'
    index.add("/fr/cases/", "Données", page, "fr")
    index.write(tmp_path)
    index.wait()
    assert "Téléphones comptés" in index_text(tmp_path)
    assert "Phones counted in English" not in index_text(tmp_path)


CASE_PAGE = (
    '<h2 id="context">Context</h2><p>Own words.</p>'
    '<h2 id="related-cases">Related cases</h2><ul><li>Another case title</li></ul>'
    '<h2 id="sources">Sources</h2><ul><li>Eurostat report</li></ul>'
    '<h2 id="cite">Cite this case</h2><p>Office (2026) Reference BibTeX</p><p>Edit this case</p>'
)


def test_unsearched_sections_are_left_out_before_pagefind_sees_them(tmp_path: Path):
    index = SearchIndex([])
    index.add("/cases/a/", "A", CASE_PAGE, "en", ("related-cases", "cite"))
    index.write(tmp_path)
    index.wait()
    text = index_text(tmp_path)
    assert "Own words" in text and "Eurostat report" in text
    assert "Another case title" not in text
    assert "Reference BibTeX" not in text and "Edit this case" not in text


def test_a_section_runs_to_the_next_second_level_heading_or_the_end():
    html = without_sections(CASE_PAGE, ("related-cases", "cite"))
    context = '<h2 id="context">Context</h2><p>Own words.</p>'
    assert html == context + '<h2 id="sources">Sources</h2><ul><li>Eurostat report</li></ul>'


def test_a_contributors_heading_with_the_same_id_stays_searched():
    """A story's own "Cite" heading comes before the page's citation: only the last is left out."""
    story = '<h2 id="cite">Cite</h2><p>How the office cited its partner.</p><h2 id="context">Context</h2>'
    html = without_sections(story + CASE_PAGE, ("cite",))
    assert "How the office cited its partner." in html
    assert "Reference BibTeX" not in html


def test_a_page_without_the_sections_is_sent_whole():
    assert without_sections("<p>Text.</p>", ("related-cases", "cite")) == "<p>Text.</p>"
