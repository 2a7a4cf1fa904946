"""The picture of the case study form on the Contribute page: drawn from the form's own
definition in each language, with its text escaped, and redrawn whenever a form changes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from casebook.authoring.formpicture import DIGEST_KEY, form_digest, form_page
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
FORMS = {"en": "case-study.yml", "fr": "case-study-fr.yml", "ru": "case-study-ru.yml"}


def form(language: str) -> str:
    return (ROOT / ".github" / "ISSUE_TEMPLATE" / FORMS[language]).read_text(encoding="utf-8")


def picture(language: str) -> Path:
    return ROOT / "docs" / ("" if language == "en" else language) / "contribute" / "case-study-form.png"


@pytest.mark.parametrize("language", FORMS)
def test_the_drawn_form_asks_every_question_of_the_form_in_its_order(language: str):
    definition = form(language)
    page = form_page(definition, language)
    labels = [e["attributes"]["label"] for e in yaml.safe_load(definition)["body"] if e["type"] != "markdown"]
    positions = [page.index(f"<label>{label}") for label in labels]
    assert positions == sorted(positions) and len(labels) > 5
    assert f"<html lang='{language}'>" in page


def test_a_required_question_is_marked_and_an_optional_one_is_not():
    page = form_page(form("en"), "en")
    assert "<label>Title <span class='required'>*</span></label>" in page
    assert "<label>Status</label>" in page


def test_the_forms_text_is_escaped_in_the_drawing():
    definition = yaml.safe_dump(
        {
            "name": "<b>Form</b>",
            "body": [
                {"type": "markdown", "attributes": {"value": "<script>alert(1)</script>"}},
                {"type": "input", "attributes": {"label": "A <img src=x>", "placeholder": "'\"&"}},
            ],
        }
    )
    page = form_page(definition, "en")
    assert "<script>alert" not in page and "<img src=x>" not in page and "<b>Form" not in page
    assert "&lt;script&gt;" in page and "&#x27;&quot;&amp;" in page


@pytest.mark.parametrize("language", FORMS)
def test_each_contribute_page_shows_the_picture_of_its_forms_current_definition(language: str):
    page = (picture(language).parent / "index.md").read_text(encoding="utf-8")
    assert "](case-study-form.png)" in page
    drawn_from = Image.open(picture(language)).text.get(DIGEST_KEY)
    assert drawn_from == form_digest(form(language)), "the form changed: run scripts/form-picture"
