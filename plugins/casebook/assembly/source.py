"""A complete site source that any MkDocs-compatible generator builds (`casebook render DIR`):
the way out if MkDocs 1.x or Material can no longer be installed, or another generator is
wanted. Into DIR go:

- `mkdocs.yml`: the site's configuration without the casebook plugin, its stylesheet and
  script listed, Casebook's Pagefind search page left out (the generator's search serves);
- `docs/`: the hand-written pages with their `<!-- casebook:... -->` markers filled in, and
  every generated page as Markdown with its HTML parts written in as raw HTML blocks;
- `docs/` also holds the open data, the explorer's data, the feed, the schema and assets;
- the theme's `custom_dir`, copied.

A case's or an event's body is contributor Markdown: the plugin sanitises the HTML it
converts to. Here the other generator converts it, so each body is put in at its page's
unique placeholder (exactly once, or nothing is written): as Markdown where the sanitiser
leaves its conversion as it is, and as Casebook's own sanitised conversion otherwise (its
headings then leave the table of contents).

DIR is replaced, so `render` writes only into a folder it made itself (it leaves a marker
file there) or a new or empty one: `casebook render ~` cannot delete a home folder.
"""

from __future__ import annotations

import shutil
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import yaml

from ..core.routes import BY_NAME, Router
from ..pages.render import ASSETS, package_assets, prose_markdown
from ..pages.sanitize import sanitize
from .site import SiteFiles, build_site, settings_from_config
from .siteconfig import PLUGIN, SiteConfig, read_site_config

SEARCH_PAGE = BY_NAME["search"].path + "index.md"  # Pagefind's page: the plugin's search, not the source's
MARKER = ".casebook-render"  # in a folder `casebook render` wrote


class RenderError(Exception):
    """The source cannot be written (a folder in the way, a body that cannot be placed)."""


@dataclass(frozen=True)
class Written:
    pages: int
    files: int


def render_source(config_file: Path, out: Path, warn: Callable[[str], None] = print) -> SiteFiles | Written:
    """Write the site source into `out`; the SiteFiles (with their problems) if the cases
    have errors, else what was written."""
    config = read_site_config(config_file)
    root = config.root
    docs_folder = config.docs_dir
    settings = settings_from_config(config, bodies_aside=True)
    _check_target(out)
    site = build_site(settings)
    if site.errors:
        return site
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("Written by casebook render: it replaces this folder when run again.\n")
    docs = out / "docs"
    router = site.renderer.router
    shutil.copytree(
        root / docs_folder,
        docs,
        ignore=lambda folder, names: _left_out(root / docs_folder, folder, names, router),
    )
    for page in sorted(docs.rglob("*.md")):
        src = page.relative_to(docs).as_posix()
        renderer = site.renderer_of(src)
        text = page.read_text(encoding="utf-8")
        filled = renderer.fill_markers(
            text, src, lambda name, src=src: warn(f"{src}: unknown marker casebook:{name}")
        )
        if filled != text:
            page.write_text(renderer.inline_blocks(filled, src), encoding="utf-8")
    source_body = _body_for_source(config)
    # The contributed bodies, by the page they go in: a case's in each language it is read in.
    bodies = {job.src: job.context()["case"].body for job in site.case_jobs}
    default = site.renderer
    bodies |= {default.router.source("event", slug=e.slug): e.body for e in default.events.events}
    written = Written(0, 0)
    generated = {path: None for path in site.later_paths} | dict.fromkeys(site.pages)
    for path in generated:
        renderer = site.renderer_of(path)
        if renderer.router.kind_of(path) is BY_NAME["search"]:  # the plugin's search, not the source's
            site.made(path)  # taken, so the worker's queue stays in order
            continue
        content = site.pages[path] if path in site.pages else site.made(path).content
        if path.endswith(".md"):
            content = renderer.inline_blocks(content, path)
            if path in bodies:
                content = _put_body(content, renderer.body_token, source_body(bodies[path]), path)
            written = Written(written.pages + 1, written.files)
        else:
            written = Written(written.pages, written.files + 1)
        _write(docs / path, content)
    for path, content in package_assets().items():
        _write(docs / path, content)
    if site.later is not None:
        site.later.close()
    _write_config(config, out)
    return written


def _left_out(docs: Path, folder: str, names: list[str], router: Router) -> list[str]:
    """The language folders of docs/ that the site does not build (see Router.left_out)."""
    if Path(folder).resolve() != docs.resolve():
        return []
    return [name for name in names if router.left_out(f"{name}/")]


def _check_target(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise RenderError(f"{out} is not a folder: give a new folder's name")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise RenderError(
            f"{out} is not empty and was not written by casebook render: give a new or empty folder"
        )


def _body_for_source(config: SiteConfig) -> Callable[[str], str]:
    """A body as the other generator must read it: Markdown where the plugin's sanitiser would
    leave its conversion as it is, else the sanitised conversion as HTML."""
    names, settings = config.markdown_extensions()

    def body(text: str) -> str:
        prose = prose_markdown(text)
        html = markdown.markdown(prose, extensions=names, extension_configs=settings)
        clean = sanitize(html)
        return str(prose) if clean == html else f'\n<div class="cb-body">\n{clean}\n</div>\n'

    return body


def _put_body(content: str, token: str, body: str, path: str) -> str:
    found = content.count(token)
    if found != 1:
        raise RenderError(f"{path}: its body's place was found {found} times, not once; nothing more written")
    return content.replace(token, body)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


class _Dumper(yaml.SafeDumper):
    """Writes a Python object the site's mkdocs.yml named back as its name (a slugify function)."""


def _python_name(dumper: yaml.SafeDumper, value: Callable[..., Any]) -> yaml.Node:
    return dumper.represent_scalar(
        f"tag:yaml.org,2002:python/name:{value.__module__}.{value.__qualname__}", ""
    )


_Dumper.add_multi_representer(types.FunctionType, _python_name)


def _write_config(config: SiteConfig, out: Path) -> None:
    data: dict[str, Any] = dict(config.data)
    plugins = data.pop("plugins", None)
    others = _other_plugins(plugins)
    if others:
        data["plugins"] = others
    data["docs_dir"] = "docs"
    data["extra_css"] = [*(data.get("extra_css") or []), f"{ASSETS}/casebook.css"]
    data["extra_javascript"] = [*(data.get("extra_javascript") or []), f"{ASSETS}/casebook.js"]
    if isinstance(data.get("nav"), list):
        data["nav"] = _without_page(data["nav"], SEARCH_PAGE)
    theme = data.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom and (config.root / custom).is_dir():
        shutil.copytree(config.root / custom, out / custom)
    header = (
        "# A Casebook site source, written by `casebook render`: every page is here, and no\n"
        "# Casebook plugin is needed. Build it with `mkdocs build` or `zensical build`.\n"
    )
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    (out / "mkdocs.yml").write_text(header + text, encoding="utf-8")


def _other_plugins(plugins: Any) -> list[Any]:
    if isinstance(plugins, dict):
        return [{name: options} for name, options in plugins.items() if name != PLUGIN]
    return [p for p in plugins or [] if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]


def _without_page(nav: list[Any], page: str) -> list[Any]:
    kept = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if value == page:
            continue
        if isinstance(value, list):
            item = {next(iter(item)): _without_page(value, page)}
        kept.append(item)
    return kept
