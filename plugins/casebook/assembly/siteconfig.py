"""The site's mkdocs.yml read without MkDocs: what Casebook needs of it to make the generated
files (`casebook render`, `casebook check`'s schema address). `!ENV` tags take their value
from the environment, and `!!python/name:` names a Python object (a heading's slugify
function, say), as MkDocs reads them; other tags are kept as their text."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .options import CasebookOptions, read_options

PLUGIN = "casebook"


class _Loader(yaml.SafeLoader):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, or the default."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    names = loader.construct_sequence(node)  # type: ignore[arg-type]
    for name in names[:-1]:
        if name in os.environ:
            return os.environ[name]
    return names[-1] if len(names) > 1 else os.environ.get(names[0])


def _tag_as_text(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return f"!{suffix} {loader.construct_scalar(node)}".strip()
    return None


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    """`!!python/name:package.module.name`: that object, as MkDocs' loader gives it."""
    module, _, name = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError):
        return f"!python/name:{suffix}"


_Loader.add_constructor("!ENV", _env)
# The first prefix that matches a tag is used: the most specific first.
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tag_as_text)
_Loader.add_multi_constructor("", _tag_as_text)


@dataclass(frozen=True)
class SiteConfig:
    path: Path
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.resolve().parent

    @property
    def site_url(self) -> str:
        """Without its final slash; '' when it is not set."""
        value = self.data.get("site_url")
        return value.rstrip("/") if isinstance(value, str) else ""

    @property
    def docs_dir(self) -> str:
        return str(self.data.get("docs_dir") or "docs")

    def plugin_options(self) -> dict[str, Any]:
        """The casebook plugin's options, as written (empty when it is listed without any)."""
        plugins = self.data.get("plugins") or []
        entries = (
            plugins.items()
            if isinstance(plugins, dict)
            else (next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins)
        )
        for name, options in entries:
            if name == PLUGIN:
                return dict(options or {})
        return {}

    def casebook_options(self) -> CasebookOptions:
        """The plugin's options, read as the plugin reads them (OptionsError if they cannot be)."""
        return read_options(self.plugin_options())

    def markdown_extensions(self) -> tuple[list[str], dict[str, Any]]:
        """The extensions' names and their settings, as Python-Markdown takes them."""
        names: list[str] = []
        settings: dict[str, Any] = {}
        for item in self.data.get("markdown_extensions") or []:
            if isinstance(item, dict):
                for name, options in item.items():
                    names.append(name)
                    if options:
                        settings[name] = options
            else:
                names.append(str(item))
        return names, settings


def read_site_config(path: Path) -> SiteConfig:
    """mkdocs.yml, or an empty configuration when it cannot be read."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        data = {}
    return SiteConfig(path, data if isinstance(data, dict) else {})
