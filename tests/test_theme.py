"""The theme's page frame: parts drawn once per folder (theme.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from casebook.mkdocs.theme import CONFIG_LINKS, SharedParts, lighten
from jinja2 import DictLoader, Environment

NAV_URLS = ["", "cases/", "types/", "about/", "guides/sub/"]


@pytest.mark.parametrize(
    ("url", "folder"),
    [
        ("cases/a-case/", "cases/"),
        ("countries/nl/", "countries/"),
        ("notes/", ""),
        ("cases/", None),  # in the nav: its own entry is marked
        ("", None),  # the home page
        ("guides/", None),  # a nav page lies below it
    ],
)
def test_pages_share_a_sidebar_with_their_folder_unless_the_nav_marks_or_holds_them(url: str, folder):
    parts = SharedParts(NAV_URLS)
    assert parts.folder(url, parts.links["nav"]) == folder


@pytest.mark.parametrize(
    ("url", "folder"),
    [("cases/", ""), ("types/co-creation/", "types/"), ("assets/", None), ("", None)],
)
def test_any_page_outside_assets_shares_the_configuration_block_with_its_folder(url: str, folder):
    assert SharedParts(NAV_URLS).folder(url, CONFIG_LINKS) == folder


def draws(urls: list[str]) -> list[str]:
    """The sidebars drawn for pages at `urls`, through the theme's environment."""
    drawn: list[str] = []
    templates = {
        "main.html": "{% include 'partials/nav.html' %}",
        "partials/nav.html": "<nav>\n    {{ draw(page.url) }}\n</nav>",
    }
    env = Environment(loader=DictLoader(templates), autoescape=True)
    env.globals["draw"] = lambda url: drawn.append(url) or url
    lighten(env, NAV_URLS)
    pages = [env.get_template("main.html").render(page=SimpleNamespace(url=url)) for url in urls]
    assert pages[0] == f"<nav>\n{urls[0]}\n</nav>"  # the theme's own partial, without its indentation
    return drawn


def test_the_sidebar_is_drawn_once_for_all_case_pages():
    assert draws(["cases/a/", "cases/b/", "cases/c/"]) == ["cases/a/"]


def test_the_sidebar_is_drawn_for_each_page_of_the_nav_and_each_folder():
    assert draws(["cases/", "types/", "cases/a/", "countries/nl/", "countries/no/"]) == [
        "cases/",
        "types/",
        "cases/a/",
        "countries/nl/",
    ]


def configs_drawn(urls: list[str], main: str = '{% extends "base.html" %}') -> list[str]:
    """The configuration blocks drawn for pages at `urls`, through a site's main.html."""
    drawn: list[str] = []
    base = "<b>{% block config %}{{ draw(page.url) }}{% endblock %}</b>"
    templates = {"base.html": base, "main.html": main}
    env = Environment(loader=DictLoader(templates), autoescape=True)
    env.globals["draw"] = lambda url: drawn.append(url) or url
    lighten(env, NAV_URLS)
    for url in urls:
        env.get_template("main.html").render(page=SimpleNamespace(url=url))
    return drawn


def test_the_configuration_block_is_drawn_once_per_folder():
    assert configs_drawn(["cases/a/", "cases/b/", "types/", "cases/"]) == ["cases/a/", "types/"]


def test_a_site_that_overrides_a_shared_block_draws_its_own_on_every_page():
    main = '{% extends "base.html" %}{% block config %}{{ draw("own") }}{% endblock %}'
    assert configs_drawn(["cases/a/", "cases/b/"], main) == ["own", "own"]
