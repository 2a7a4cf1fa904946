"""Case pages converted outside MkDocs, the way MkDocs converts them (see convert.py)."""

from __future__ import annotations

import pytest
from casebook.speed.convert import MarkdownConverter, split_front_matter
from mkdocs.utils.meta import get_data

SITE_EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "def_list", "footnotes"]
convert = MarkdownConverter(SITE_EXTENSIONS, {"toc": {"permalink": True}})


def test_a_body_linking_only_to_other_sites_is_converted():
    converted = convert(
        "## Context\n\nSee [the report](https://example.org/report) and <https://example.org>.\n"
    )
    assert converted is not None
    assert '<a href="https://example.org/report">the report</a>' in converted.html


def test_the_table_of_contents_and_the_ids_come_with_the_html():
    converted = convert("## Context\n\nText.\n\n## What worked\n\nMore.\n")
    assert converted is not None
    assert [(token["id"], token["name"]) for token in converted.toc] == [
        ("context", "Context"),
        ("what-worked", "What worked"),
    ]
    assert converted.anchors == {"context", "what-worked"}


def test_links_to_the_pages_own_headings_and_footnotes_are_converted():
    converted = convert("## Context\n\nBack to [context](#context).[^1]\n\n[^1]: A note.\n")
    assert converted is not None
    assert 'href="#context"' in converted.html and 'href="#fn:1"' in converted.html


def test_an_email_address_hidden_by_markdown_is_converted():
    converted = convert("Write to <office@example.org>.\n")
    assert converted is not None
    assert "&#" in converted.html


@pytest.mark.parametrize(
    "body",
    [
        "See [the other case](other-case.md).",
        "See [the listing](../types/co-creation/).",
        "![A chart](chart.png)",
        "See [a heading elsewhere](#not-on-this-page).",
        "See [the site's root](/about/).",
    ],
    ids=["page", "folder", "image", "missing anchor", "absolute path"],
)
def test_a_body_with_a_link_mkdocs_would_rewrite_or_check_is_left_to_mkdocs(body: str):
    assert convert(f"## Context\n\n{body}\n") is None


def test_each_page_starts_afresh_so_footnotes_and_ids_do_not_carry_over():
    body = "## Context\n\nA claim.[^1]\n\n## Context\n\n[^1]: A source.\n"
    first, second = convert(body), convert(body)
    assert first is not None and second is not None
    assert first.html == second.html
    assert 'id="context_1"' in first.html


@pytest.mark.parametrize(
    "page",
    [
        "---\ntitle: A\n---\n\n## Body\n",
        "---\ntitle: A\n...\nBody right after\n",
        "---  \ntitle: A\ndescription: B\n---\n\n\n\nBody after blank lines\n",
    ],
)
def test_front_matter_is_split_off_as_mkdocs_splits_it(page: str):
    split = split_front_matter(page)
    assert split is not None
    assert page.startswith(split[0])
    assert split[1] == get_data(page)[0]


def test_a_page_without_front_matter_is_not_split():
    assert split_front_matter("## Body\n") is None
