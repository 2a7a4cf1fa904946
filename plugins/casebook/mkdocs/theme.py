"""Drawing the theme's page frame for thousands of case pages, faster and smaller.

Material draws every page's frame from its Jinja templates, and at 5,000 cases that is
about a third of a build, on one core. Two things in the theme's environment change that,
without changing what a reader sees:

- Parts of the frame that are the same for every page in a folder are drawn once per folder
  and reused: their links are relative to the folder, and nothing in them depends on the
  page. The navigation sidebar and the footer are such parts for pages outside the nav (all
  case pages: none of the nav's entries is the current page, and they have no previous or
  next page); the script configuration block is one for any page. The sidebar was two fifths
  of the time spent in templates, the configuration block a tenth.
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
THEME = "casebook-theme/"  # the theme's own templates, under this prefix, past the wrappers
NAV = "partials/nav.html"
# Material's (or a site's overriding) navigation partial, drawn through the cache.
NAV_WRAPPER = f'{{% call casebook_shared(page, "nav") %}}{{% include "{THEME}{NAV}" %}}{{% endcall %}}'
# Blocks of Material's base.html drawn through the cache; a site's main.html that overrides
# one of them draws its own.
SHARED_BLOCKS = ("footer", "config")
BASE = "base.html"
BASE_WRAPPER = f'{{% extends "{THEME}{BASE}" %}}' + "".join(
    f'{{% block {name} %}}{{% call casebook_shared(page, "{name}") %}}{{{{ super() }}}}{{% endcall %}}'
    "{% endblock %}"
    for name in SHARED_BLOCKS
)
# The one link of the configuration block (Material's search worker) lies under assets/.
CONFIG_LINKS = ("assets/",)


class ThemeLoader(BaseLoader):
    """The theme's templates without their indentation, with the shared parts drawn through
    `SharedParts`."""

    def __init__(self, inner: BaseLoader, share: bool = True) -> None:
        self.inner = inner
        self.share = share

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Uptodate]:
        if self.share and template == NAV:
            return NAV_WRAPPER, None, lambda: True
        if self.share and template == BASE:
            return BASE_WRAPPER, None, lambda: True
        name = template.removeprefix(THEME)
        source, filename, uptodate = self.inner.get_source(environment, name)
        return strip_template_indentation(source), filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


class SharedParts:
    """Parts of the page frame, each drawn once per folder for the pages that share it."""

    def __init__(self, nav_urls: Iterable[str]) -> None:
        nav = tuple(nav_urls)
        # A page shares a part unless one of these addresses is the page or lies below it.
        self.links = {"nav": nav, "footer": nav, "config": CONFIG_LINKS}
        self.drawn: dict[tuple[str, str], Markup] = {}

    def folder(self, url: str, links: tuple[str, ...]) -> str | None:
        """The key of a page whose part equals its folder neighbours', or None: the home page,
        a page that is one of the part's links (the nav marks its own entry), or a page with
        links below it (they would be shorter from it than from its neighbours)."""
        if not url or any(link.startswith(url) for link in links):
            return None
        return url[: url.rstrip("/").rfind("/") + 1]

    def __call__(self, page: object, part: str, caller: Callable[[], Markup]) -> Markup:
        url = getattr(page, "url", None)
        key = self.folder(url, self.links[part]) if isinstance(url, str) else None
        if key is None:
            return caller()
        if (part, key) not in self.drawn:
            self.drawn[part, key] = caller()
        return self.drawn[part, key]


def lighten(env: Environment, nav_urls: Iterable[str], share: bool = True) -> None:
    """Install the loader in the theme's environment, before any page is drawn: templates
    without indentation always (the site's bytes), and the parts drawn once per folder with
    `share` (the speed layer; without it every page draws its own, with the same bytes)."""
    assert env.loader is not None
    env.loader = ThemeLoader(env.loader, share)
    env.globals["casebook_shared"] = SharedParts(nav_urls)
    if env.cache is not None:
        env.cache.clear()
