"""The guidelines publication as a PDF (WeasyPrint, PDF/UA-1): title page, contents with page
numbers, outline, tagged structure, language, title, embedded fonts, the same bytes on every
run; published with the site, where WeasyPrint is installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Project
from pypdf import PdfReader
from test_guidelines import add_content

TITLE = "Guidelines on strategic partnerships in official statistics"


def write_pdf(project: Project, name: str = "out.pdf") -> Path:
    target = project.root / name
    result = subprocess.run(
        [sys.executable, "-m", "casebook.authoring.cli", "pdf", "-o", str(target)],
        cwd=project.root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("publication")
    import shutil

    from conftest import REPO

    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, root / name)
    (root / "cases").mkdir()
    project = Project(root)
    add_content(project)
    return write_pdf(project)


def outline_titles(reader: PdfReader) -> list[str]:
    return [item.title for item in reader.outline if not isinstance(item, list)]


def test_the_first_page_is_a_title_page(pdf: Path):
    first = PdfReader(pdf).pages[0].extract_text()
    for expected in (
        TITLE,
        "Published by Casebook",
        "Second edition, 2027",
        "reviewed up to 2026-11-01",
        "CC BY 4.0",
        "casebook.example.org",
    ):
        assert expected in " ".join(first.split()), expected


def test_the_contents_give_page_numbers(pdf: Path):
    contents = PdfReader(pdf).pages[1].extract_text()
    assert "Contents" in contents
    assert any(
        line.rstrip().endswith(tuple("0123456789")) and "Maintaining momentum" in line
        for line in contents.splitlines()
    )


def test_the_outline_has_every_chapter(pdf: Path):
    titles = outline_titles(PdfReader(pdf))
    for title in ("Contents", "Executive summary", "Introduction", "6. Maintaining momentum", "References"):
        assert title in titles, titles
    assert any(t.startswith("Annex") for t in titles)


def test_recommendations_are_numbered_with_boxed_examples(pdf: Path):
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Recommendation 6.1" in text and "Recommendation 6.2" in text
    assert "Office A" in text and "Alpha lesson." in text
    assert "Strong evidence" in text and "Moderate evidence" in text


def test_the_pdf_carries_the_method_note_the_frameworks_and_the_tools_as_annexes(pdf: Path):
    titles = outline_titles(PdfReader(pdf))
    for title in (
        "Annex A. How the evidence is graded",
        "Annex B. Principles, codes and laws",
        "Annex C. The route to data",
    ):
        assert title in titles, titles


def test_the_pdf_is_tagged_with_language_and_title(pdf: Path):
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert reader.metadata.title == TITLE
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_every_font_is_embedded(pdf: Path):
    fonts = {}
    for page in PdfReader(pdf).pages:
        for name, font in page["/Resources"]["/Font"].items():
            fonts[name] = font.get_object()
    assert fonts
    for font in fonts.values():
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"]
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font


def test_the_same_input_gives_the_same_bytes(tmp_path: Path, pdf: Path):
    again = write_pdf(Project(pdf.parent), "again.pdf")
    assert again.read_bytes() == pdf.read_bytes()


def test_the_site_publishes_the_pdf_and_links_it(project: Project):
    add_content(project)
    project.set_option("guidelines_pdf", "true")
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert (project.site / "guidelines/casebook-guidelines.pdf").read_bytes().startswith(b"%PDF")
    assert 'href="casebook-guidelines.pdf"' in project.page("guidelines/")
    # In the Publications menu (pruned navigation: the pages of that section show it)
    assert 'href="../guidelines/casebook-guidelines.pdf"' in project.page("stats/")
    assert "Guidelines (PDF)" in project.page("stats/")


def test_without_weasyprint_the_build_says_so_and_leaves_the_link_out(project: Project):
    add_content(project)
    project.set_option("guidelines_pdf", "true")
    result = project.build("-v", prelude="import sys; sys.modules['weasyprint'] = None")
    assert result.returncode == 0, result.stderr
    assert "INFO" in result.stderr and "WeasyPrint is not installed" in result.stderr
    assert not (project.site / "guidelines/casebook-guidelines.pdf").exists()
    assert "casebook-guidelines.pdf" not in project.page("guidelines/")
