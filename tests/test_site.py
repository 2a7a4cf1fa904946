"""The generated files of a site, made by the core without MkDocs (site.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from casebook.assembly.options import CasebookOptions
from casebook.assembly.site import SiteSettings, build_site
from casebook.speed.convert import MarkdownConverter
from casebook.speed.sharing import TwoEnds
from conftest import case_text

CONVERT = MarkdownConverter(["toc", "tables", "fenced_code", "attr_list"], {"toc": {"permalink": True}})
OWN_LINKS = "\n## Context\n\nSee [the report](https://example.org/r).\n"
RELATIVE_LINK = "\n## Context\n\nSee [the other case](other.md).\n"


def site_with(tmp_path: Path, bodies: dict[str, str], convert=CONVERT):  # type: ignore[no-untyped-def]
    for slug, body in bodies.items():
        (tmp_path / f"{slug}.md").write_text(case_text(title=f"Case {slug}").split("## Context")[0] + body)
    options = CasebookOptions(cases_dir=".", parallel=False)
    return build_site(SiteSettings(root=tmp_path, casebook=options, convert=convert))


@pytest.fixture
def worker_takes_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the worker had reached the front before the build asked for any case page."""
    monkeypatch.setattr(TwoEnds, "take_front", lambda self, position: False)


def test_without_a_second_process_the_build_makes_every_case_page_itself(tmp_path: Path):
    site = site_with(tmp_path, {f"case-{n}": OWN_LINKS for n in range(3)})
    assert site.later is not None and not site.later.in_parallel
    made = [site.made(f"cases/case-{n}.md") for n in (2, 0, 1)]
    assert all(m.converted is None and "## Context" in m.content for m in made)


@pytest.mark.usefixtures("worker_takes_all")
def test_a_case_page_the_worker_converts_comes_as_finished_html(tmp_path: Path):
    site = site_with(tmp_path, {"case": OWN_LINKS + "\n<script>alert(1)</script>\n"})
    made = site.made("cases/case.md")
    assert made.converted is not None
    assert made.content.startswith("---\n") and made.content.endswith("---\n")  # only front matter
    html = made.converted.html
    assert '<a href="https://example.org/r">the report</a>' in html
    assert "<script>" not in html  # sanitised as the build would
    assert 'class="cb-lessons"' in html  # the generated parts are back in place
    assert "CASEBOOKBLOCK" not in html
    assert [token["id"] for token in made.converted.toc][:1] == ["context"]


@pytest.mark.usefixtures("worker_takes_all")
def test_a_case_page_with_a_relative_link_is_left_to_the_build_to_convert(tmp_path: Path):
    site = site_with(tmp_path, {"case": RELATIVE_LINK})
    made = site.made("cases/case.md")
    assert made.converted is None
    assert "[the other case](other.md)" in made.content


@pytest.mark.usefixtures("worker_takes_all")
def test_without_a_converter_the_build_converts_every_case_page(tmp_path: Path):
    site = site_with(tmp_path, {"case": OWN_LINKS}, convert=None)
    assert site.made("cases/case.md").converted is None


def test_the_build_finishes_its_own_case_pages_html_as_the_worker_does(tmp_path: Path):
    site = site_with(tmp_path, {"case": OWN_LINKS})
    assert site.made("cases/case.md").converted is None
    html = site.finish_html("cases/case.md", "<p>x</p><script>alert(1)</script>")
    assert html == "<p>x</p>"
