"""Guards for what the speed layer borrows from MkDocs, Material and Pagefind: if a release
changes one of them, a test here fails and names what changed, instead of pages quietly
differing. Each looks at the installed package itself (requirements/test.txt pins them)."""

from __future__ import annotations

import base64
import inspect
import json
import re
import subprocess
from pathlib import Path

import material
import pytest
from casebook.mkdocs import theme
from casebook.mkdocs.plugin import PLACED
from jinja2 import Environment, FileSystemLoader, meta, nodes
from mkdocs.structure.pages import Page
from pagefind.service import get_executable

MATERIAL = Path(material.__file__).parent / "templates"
# The names each shared part of the frame reads, in the Material release tested. A part is
# drawn once per folder only because none of these differs between pages of a folder that
# are outside the nav (see theme.py); a new name must be judged before it is added here.
SHARED_PART_NAMES = {
    "config": {"base_url", "config", "features", "lang", "mike"},
    "footer": {"config", "direction", "features", "hidden", "icon", "lang", "page", "parts", "url"},
    "nav": {
        "_", "checked", "config", "features", "first", "icon", "indeterminate", "index", "is_pruned",
        "is_section", "lang", "nav", "page", "tabindex", "toc", "toc_item",
    },
}  # fmt: skip


def material_env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(MATERIAL)), extensions=["jinja2.ext.loopcontrols"])
    for name in ("url", "script_tag"):  # MkDocs' filters: only their names matter here
        env.filters[name] = str
    return env


def names_read(source: str, seen: set[str] | None = None) -> set[str]:
    """The names a template's source reads, through the templates it includes."""
    seen = set() if seen is None else seen
    tree = material_env().parse(source)
    found = set(meta.find_undeclared_variables(tree))
    for name in meta.find_referenced_templates(tree):
        if name and name not in seen:
            seen.add(name)
            found |= names_read((MATERIAL / name).read_text(encoding="utf-8"), seen)
    return found


def block_source(template: str, name: str) -> str:
    source = (MATERIAL / template).read_text(encoding="utf-8")
    found = re.search(rf"{{%-?\s*block {name}\s*-?%}}(.*?){{%-?\s*endblock\s*-?%}}", source, re.DOTALL)
    assert found, f"Material's {template} has no block '{name}', which theme.py draws once per folder"
    return found.group(1)


def test_mkdocs_page_render_sets_only_what_the_worker_places():
    source = inspect.getsource(Page.render)
    assigned = set(re.findall(r"self\.(\w+)\s*(?::[^=\n]*)?=(?!=)", source))
    assert assigned - set(PLACED) == set(), "Page.render sets more than _place (plugin.py) does"
    assert set(PLACED) - assigned == set(), "_place sets what Page.render no longer does"


@pytest.mark.parametrize("name", theme.SHARED_BLOCKS)
def test_materials_base_template_has_each_shared_block(name: str):
    blocks = {
        node.name for node in material_env().parse((MATERIAL / theme.BASE).read_text()).find_all(nodes.Block)
    }
    assert name in blocks, f"Material's {theme.BASE} has no block '{name}'"


@pytest.mark.parametrize("name", theme.SHARED_BLOCKS)
def test_each_shared_block_reads_only_the_names_it_read_when_tested(name: str):
    names = names_read(block_source(theme.BASE, name))
    assert names == SHARED_PART_NAMES[name], f"Material's '{name}' block now reads {sorted(names)}"


def test_the_navigation_reads_only_the_names_it_read_when_tested():
    names = names_read((MATERIAL / theme.NAV).read_text(encoding="utf-8"))
    assert names == SHARED_PART_NAMES["nav"], f"Material's {theme.NAV} now reads {sorted(names)}"


def test_the_configuration_blocks_only_site_link_lies_under_assets():
    links = re.findall(r'"([^"]+)"\s*\|\s*url', block_source(theme.BASE, "config"))
    assert links and all(link.startswith(theme.CONFIG_LINKS) for link in links), links


def test_materials_navigation_partial_is_where_the_theme_wraps_it():
    assert (MATERIAL / theme.NAV).is_file(), f"Material has no {theme.NAV}"


def test_pagefind_service_answers_in_the_protocol_searchindex_speaks(tmp_path: Path):
    """Base64 JSON messages, each followed by a comma, on stdin and stdout; each answer
    carries its request's message id and a payload of the request's type."""
    executable = get_executable()
    assert executable is not None, "Pagefind's program is not installed"
    service = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert service.stdin is not None and service.stdout is not None
    pending = b""

    def ask(message_id: int, payload: dict[str, object]) -> dict[str, object]:
        nonlocal pending
        message = json.dumps({"message_id": message_id, "payload": payload}).encode()
        service.stdin.write(base64.b64encode(message) + b",")  # type: ignore[union-attr]
        service.stdin.flush()  # type: ignore[union-attr]
        while True:
            *answers, pending = (pending + service.stdout.read1(1 << 16)).split(b",")  # type: ignore[union-attr]
            for raw in answers:
                answer = json.loads(base64.b64decode(raw))
                if answer.get("message_id") == message_id:
                    return answer["payload"]

    try:
        index = ask(1, {"type": "NewIndex", "config": {}})
        assert index.get("type") == "NewIndex" and "index_id" in index, index
        page = "<html><body><h1>A</h1><p>Words.</p></body></html>"
        added = ask(
            2, {"type": "AddFile", "index_id": index["index_id"], "url": "/a/", "file_contents": page}
        )
        assert added.get("type") == "IndexedFile", added
        output = str(tmp_path / "pagefind")
        written = ask(3, {"type": "WriteFiles", "index_id": index["index_id"], "output_path": output})
        assert written.get("type") == "WriteFiles", written
    finally:
        service.stdin.close()
        service.wait(timeout=60)
    assert service.returncode == 0
    assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file()
