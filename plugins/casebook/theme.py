"""Drawing the theme's page frame for thousands of case pages, faster and smaller.

Material draws every page's frame from its Jinja templates, and at 5,000 cases that is
about a third of a build, on one core. Two things in the theme's environment change that,
without changing what a reader sees:

- The navigation sidebar is the same for every page outside the site's nav that sits in
  the same folder (all case pages): its links are relative to the folder, and none of its
  entries is the current page. It is drawn once per folder and reused (it was two fifths of
  the time spent in templates).
- Indentation is taken out of the theme's templates as they are loaded (minify.py), rather
  than out of every page once it is drawn: an eighth of the site's bytes, without a pass
  over each page.

Here the plugin meets the theme (MkDocs' Jinja environment); nothing of the Casebook core.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from jinja2 import BaseLoader, Environment
from markupsafe import Markup

from .minify import strip_template_indentation

Uptodate = Callable[[], bool] | None
NAV = "partials/nav.html"
THEME = "casebook-theme/"  # the theme's own templates, under this prefix, past the wrapper below
# Material's (or a site's overriding) navigation partial, drawn through the cache.
NAV_WRAPPER = f'{{% call casebook_shared_nav(page) %}}{{% include "{THEME}{NAV}" %}}{{% endcall %}}'


class ThemeLoader(BaseLoader):
    """The theme's templates without their indentation, with the navigation partial drawn
    through `SharedNav`."""

    def __init__(self, inner: BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Uptodate]:
        if template == NAV:
            return NAV_WRAPPER, None, lambda: True
        name = template.removeprefix(THEME)
        source, filename, uptodate = self.inner.get_source(environment, name)
        return strip_template_indentation(source), filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


class SharedNav:
    """The navigation sidebar, drawn once per folder for the pages outside the nav."""

    def __init__(self, nav_urls: Iterable[str]) -> None:
        self.nav_urls = tuple(nav_urls)
        self.drawn: dict[str, Markup] = {}

    def folder(self, url: str) -> str | None:
        """The key of a page whose sidebar equals its folder neighbours', or None: a page in
        the nav (its own entry is marked), the home page, or a page with nav pages below it
        (their links would be shorter from it than from its neighbours)."""
        if not url or any(nav_url.startswith(url) for nav_url in self.nav_urls):
            return None
        return url[: url.rstrip("/").rfind("/") + 1]

    def __call__(self, page: object, caller: Callable[[], Markup]) -> Markup:
        url = getattr(page, "url", None)
        key = self.folder(url) if isinstance(url, str) else None
        if key is None:
            return caller()
        if key not in self.drawn:
            self.drawn[key] = caller()
        return self.drawn[key]


def lighten(env: Environment, nav_urls: Iterable[str]) -> None:
    """Install the loader and the shared sidebar in the theme's environment, before any page
    is drawn."""
    assert env.loader is not None
    env.loader = ThemeLoader(env.loader)
    env.globals["casebook_shared_nav"] = SharedNav(nav_urls)
    if env.cache is not None:
        env.cache.clear()
