"""The package's layers, as its folders show them: each imports only the layers below it, and
only the MkDocs adapter imports MkDocs or Material (so the core can feed another generator)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "casebook"
# Each layer and the layers it may import; a layer may always import itself.
MAY_IMPORT = {
    "core": set(),
    "outputs": {"core"},
    "pages": {"core", "outputs"},
    "survey": {"core", "outputs", "pages"},
    "speed": {"core", "outputs", "pages"},  # the optional speed layer (parallel: false goes without it)
    "assembly": {"core", "outputs", "pages", "survey", "speed"},  # a site's files, made from the content
    "authoring": {"core", "outputs", "pages", "survey", "speed", "assembly"},
    "mkdocs": {"core", "outputs", "pages", "survey", "speed", "assembly", "authoring"},
}
GENERATOR = {"mkdocs", "material"}


def imports_of(path: Path) -> list[tuple[str, int]]:
    """Each module a file imports, absolute ('casebook.core.model'), with its line."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
                names = [module] if node.module else [f"{module}.{alias.name}" for alias in node.names]
                found += [(name, node.lineno) for name in names]
            else:
                found.append((node.module or "", node.lineno))
    return found


def layer_files() -> list[tuple[str, Path]]:
    return [(layer, path) for layer in MAY_IMPORT for path in sorted((PACKAGE / layer).rglob("*.py"))]


def test_every_module_lies_in_a_layer():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py"]
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(MAY_IMPORT)


@pytest.mark.parametrize(("layer", "path"), layer_files(), ids=lambda v: str(v).rsplit("casebook/", 1)[-1])
def test_a_layer_imports_only_the_layers_below_it(layer: str, path: Path):
    wrong = [
        f"line {line}: {module}"
        for module, line in imports_of(path)
        if module.startswith("casebook.")
        and (other := module.split(".")[1]) != layer
        and other not in MAY_IMPORT[layer]
    ]
    assert wrong == []


@pytest.mark.parametrize(("layer", "path"), layer_files(), ids=lambda v: str(v).rsplit("casebook/", 1)[-1])
def test_only_the_mkdocs_adapter_imports_mkdocs_or_material(layer: str, path: Path):
    if layer == "mkdocs":
        return
    assert [m for m, _ in imports_of(path) if m.split(".")[0] in GENERATOR] == []
