"""The interface's words go through the message catalogue, and every message is translated:
no reader-facing text is written in a template outside `_()`/`ngettext()`, the catalogue
template holds every message the code uses, and the French and Russian catalogues translate
each of them (a missing or fuzzy translation fails here, not on a reader's screen)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from casebook.authoring.catalogues import behind, extracted
from casebook.pages.catalogue import catalogue
from jinja2 import Environment, nodes

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "casebook"
TEMPLATES = sorted((PACKAGE / "pages" / "templates").rglob("*.j2"))
EXPRESSION = "\x00"  # stands for whatever an expression prints
# Attributes a reader hears or sees.
READ_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder", "label"}
WORD = re.compile(r"[^\W\d_]{2,}")


class TextFinder(HTMLParser):
    """The words of a template's fixed HTML that a reader would see or hear."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and WORD.search(value.replace(EXPRESSION, " ")):
                self.found.append(f'{name}="{value}"')

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and WORD.search(data.replace(EXPRESSION, " ")):
            self.found.append(data.strip())


def fixed_text(path: Path) -> str:
    """The template's fixed text, each printed expression replaced by a marker; statements'
    conditions and arguments are not text. An expression printing an attribute inside a tag
    (`<span{{ lang_attr(x) }}>`) stands for an attribute."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    tree = env.parse(path.read_text(encoding="utf-8"))
    parts: list[str] = []

    def walk(node: nodes.Node) -> None:
        if isinstance(node, nodes.Output):
            parts.extend(
                child.data if isinstance(child, nodes.TemplateData) else EXPRESSION for child in node.nodes
            )
            return
        if isinstance(node, nodes.Expr):
            return
        for child in node.iter_child_nodes():
            walk(child)

    walk(tree)
    return re.sub(r"(<[a-zA-Z][\w:-]*)" + EXPRESSION, r"\1 printed-attribute", "".join(parts))


def markdown_syntax_removed(text: str) -> str:
    """A .md template's front matter keys, heading marks and attribute lists are syntax."""
    kept = []
    in_front = False
    for line in text.split("\n"):
        if line.strip() == "---":
            in_front = not in_front
            continue
        if in_front:
            continue
        kept.append(re.sub(r"\{ *#[\w-]+ *\}", "", re.sub(r"^#+ ", "", line)))
    return "\n".join(kept)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(PACKAGE / "pages" / "templates")))
def test_no_reader_facing_text_is_outside_the_catalogue(path: Path):
    text = fixed_text(path)
    if path.name.endswith(".md.j2"):
        text = markdown_syntax_removed(text)
    finder = TextFinder()
    finder.feed(text)
    finder.close()
    assert finder.found == []


def messages_in_code() -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in extracted() if m.id}


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_every_message_is_translated(language: str):
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalogue(language)
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    assert sorted(messages_in_code() - translated) == []


def test_the_catalogues_are_up_to_date_with_the_code():
    """What scripts/translations would write is what the catalogues hold (run it, then translate
    the new messages)."""
    assert behind() == []
