"""The theme's page frame: one navigation sidebar for the pages outside the nav (theme.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from casebook.theme import SharedNav, lighten
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
    assert SharedNav(NAV_URLS).folder(url) == folder


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
