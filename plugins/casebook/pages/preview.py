"""The page the contributor's preview shows while the site has problems (mkdocs/preview.py):
the problems as `casebook check` lists them, and what to do, in the site's default language."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader

from ..core.commands import casebook_command
from .catalogue import translations


@cache
def _environment(language: str) -> Environment:
    env = Environment(
        loader=PackageLoader(__package__, "templates"), autoescape=True, extensions=["jinja2.ext.i18n"]
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env


def problems_page(problems: list[str], language: str) -> str:
    template = _environment(language).get_template("preview_problems.html.j2")
    return template.render(problems=problems, check=casebook_command("check"), language=language)
