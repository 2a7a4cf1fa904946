"""Real `mkdocs build`s of a project in a temporary folder."""

import gzip
import json

from conftest import REPO, Project, case_text, case_yaml


def test_valid_collection_builds_strict_with_every_generated_page(project: Project):
    project.add("mobile-data.md", case_text(types="co-creation", challenges="it-industry"))
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    for url in [
        "cases/mobile-data/",
        "cases/",
        "types/",
        "types/co-creation/",
        "types/policy-maker/",
        "challenges/it-industry/",
        "countries/",
        "countries/nl/",
        "matrix/",
        "lessons/",
    ]:
        assert (project.site / url / "index.html").exists(), url
    schema = json.loads((project.site / "schema/case.schema.json").read_text())
    assert "co-creation" in schema["properties"]["partnership_types"]["items"]["enum"]


def test_misspelt_type_fails_the_build_with_file_line_field_and_suggestion(project: Project):
    text = case_text(types="co-creaton")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("partnership_types:"))
    project.add("bad.md", text)
    for args in ((), ("--strict",)):
        result = project.build(*args)
        assert result.returncode != 0
        expected = f"cases/bad.md:{line}: partnership_types[1]: unknown term 'co-creaton'"
        assert f"{expected} (did you mean 'co-creation'?)" in result.stderr
        assert not (project.site / "cases/bad").exists()
        assert "Traceback" not in result.stderr


def test_norway_case_is_listed_under_norway(project: Project):
    project.add("norway.md", case_text(country="NO", title="Payment data"))
    assert project.build("--strict").returncode == 0
    page = project.page("countries/no/")
    assert "<title>Norway - Casebook</title>" in page
    assert "Payment data" in page


def test_case_appears_in_its_indexes_and_no_others(project: Project):
    project.add(
        "only-policy.md", case_text(title="Only policy", types="policy-maker", challenges="policy-red-lines")
    )
    project.add("other.md", case_text(title="Other", types="open-innovation", challenges="it-industry"))
    assert project.build("--strict").returncode == 0
    assert "Only policy" in project.page("types/policy-maker/")
    assert "Only policy" in project.page("challenges/policy-red-lines/")
    assert "Only policy" not in project.page("types/open-innovation/")
    assert "Only policy" not in project.page("challenges/it-industry/")
    assert "Only policy" in project.page("cases/")


def readable(path) -> str:
    """A built file's text; Pagefind's index files are gzip-compressed."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="ignore")


def test_internal_case_is_absent_from_the_public_build(project: Project):
    project.add("public.md", case_text(title="Public case", summary="Mobile phone data summary."))
    project.add("secret.md", case_text(title="Secret case", visibility="internal"))
    assert project.build("--strict").returncode == 0
    assert not (project.site / "cases/secret").exists()
    every_file = "".join(readable(p) for p in project.site.rglob("*") if p.is_file())
    search_index = "".join(readable(p) for p in (project.site / "pagefind").rglob("*.pf_fragment"))
    assert "Mobile phone data summary" in search_index  # the scan can read the search index
    assert "Secret case" not in every_file
    assert "secret" not in (project.site / "sitemap.xml").read_text()


def test_internal_edition_includes_internal_cases(project: Project):
    project.add("secret.md", case_text(title="Secret case", visibility="internal"))
    assert project.build("--strict", env={"CASEBOOK_EDITION": "internal"}).returncode == 0
    assert "Secret case" in project.page("cases/secret/")


def test_contributor_text_is_escaped_in_title_and_listings(project: Project):
    project.add("x.md", case_text(title='"<script>alert(1)</script>"', organisation='"<b>Org</b>"'))
    assert project.build("--strict").returncode == 0
    page = project.page("cases/x/")
    assert "<script>alert(1)</script>" not in page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; - Casebook</title>" in page
    assert "<b>Org</b>" not in project.page("cases/")
    assert "&lt;b&gt;Org&lt;/b&gt;" in project.page("cases/")


def test_markdown_in_a_title_is_not_turned_into_a_link(project: Project):
    project.add("x.md", case_text(title='"[click](javascript:alert(1))"'))
    assert project.build("--strict").returncode == 0
    assert 'href="javascript:' not in project.page("cases/")


def test_script_in_the_body_is_removed(project: Project):
    text = (
        case_text() + '\n<script>alert(1)</script>\n\n<a href="javascript:alert(2)" onclick="x()">link</a>\n'
    )
    project.add("x.md", text)
    assert project.build("--strict").returncode == 0
    page = project.page("cases/x/")
    assert "alert(1)" not in page and "javascript:alert(2)" not in page and 'onclick="x()"' not in page


def test_generated_pages_are_not_written_into_docs(project: Project):
    project.add("x.md", case_text())
    before = sorted(p.relative_to(project.root / "docs") for p in (project.root / "docs").rglob("*"))
    assert project.build().returncode == 0
    after = sorted(p.relative_to(project.root / "docs") for p in (project.root / "docs").rglob("*"))
    assert before == after


def test_case_page_links_to_its_file_for_editing(project: Project):
    project.add("x.md", case_text())
    assert project.build("--strict").returncode == 0
    assert 'href="https://github.com/casebook-stats/casebook/edit/main/cases/x.md"' in project.page(
        "cases/x/"
    )


def test_home_page_shows_counts_and_newest_cases(project: Project):
    project.add("x.md", case_text(title="Newest case"))
    assert project.build("--strict").returncode == 0
    home = (project.site / "index.html").read_text()
    assert "<strong>1</strong> case study" in home
    assert "<strong>2</strong> lessons learned" in home
    assert "Newest case" in home


def test_empty_collection_builds(project: Project):
    result = project.build("--strict")
    assert result.returncode == 0, result.stderr
    assert "No case has been published yet" in (project.site / "index.html").read_text()


def test_shipped_collection_builds_strict(shipped_site):
    files = [p for p in (REPO / "cases").glob("*.md") if not p.name.startswith("_")]
    for path in files:  # a case at cases/<slug>/, its translations at /fr/cases/<slug>/...
        slug, _, language = path.stem.partition(".")
        assert (shipped_site / (f"{language}/" if language else "") / "cases" / slug / "index.html").exists()


def test_related_cases_are_listed_by_title_without_their_summaries(project: Project):
    lesson = [{"text": "Agree early on who sees the data.", "stage": "agreeing"}]
    project.add("a.md", case_yaml("Alpha", ["co-creation"], ["it-industry"], lesson))
    project.add("b.md", case_yaml("Beta", ["co-creation"], ["it-industry"], lesson))
    assert project.build("--strict").returncode == 0
    page = project.page("cases/a/")
    related = page[page.index('id="related-cases"') :]
    assert 'href="../../cases/b/">Beta</a>' in related
    assert "Summary of Beta." not in page


def test_site_ships_no_theme_or_pagefind_file_a_reader_never_requests(project: Project):
    project.add("a.md", case_text())
    (project.root / "docs/assets/javascripts").mkdir(parents=True)
    (project.root / "docs/assets/javascripts/own.js.map").write_text("{}")
    assert project.build("--strict").returncode == 0
    assert not (project.site / "assets/javascripts/lunr").exists()
    assert not list((project.site / "assets/javascripts").rglob("search.*"))
    assert not list((project.site / "assets").rglob("*.min.*.map"))  # Material's source maps
    assert (project.site / "assets/javascripts/own.js.map").is_file()  # a site's own files stay
    assert (project.site / "pagefind/pagefind-ui.js").is_file()  # what the search page loads
    assert not (project.site / "pagefind/pagefind-component-ui.js").exists()
    assert not (project.site / "pagefind/pagefind-modular-ui.js").exists()
