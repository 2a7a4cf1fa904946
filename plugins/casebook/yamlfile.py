"""Reading front matter so that every value keeps its text and its line.

PyYAML follows YAML 1.1, where `NO`, `yes` and `off` are booleans and `2026-11-01` is a
date. Case files are written by people, not programmers: `country: NO` must stay Norway.
So the resolver here keeps only YAML 1.2's `true`/`false` as booleans and reads dates as
text; the file is composed into nodes (not constructed) so that each value's line, and its
text as written, is kept for error messages and for fields that mean text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .problems import CaseFileError

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

# A value with more nodes than this is an alias bomb, not a case study.
MAX_NODES = 50_000


class CaseLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """YAML 1.2-like implicit typing: only true/false are booleans; no implicit dates."""


CaseLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CaseLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

_INT_CONSTRUCTOR = yaml.SafeLoader("")  # reused for its YAML 1.1 integer forms (0x, 1_000)

Path = tuple[str | int, ...]


@dataclass
class Document:
    """Front matter as plain Python values, with the line and source text of every value."""

    data: object
    lines: dict[Path, int] = field(default_factory=dict)
    texts: dict[Path, str] = field(default_factory=dict)
    start_line: int = 1  # line of the opening `---`

    def line_of(self, path: Path) -> int:
        """The line of the value at `path`, or of its nearest ancestor that exists."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.start_line


@dataclass
class SplitFile:
    front_matter: str
    body: str
    body_line: int  # line number of the first body line


def split_front_matter(text: str) -> SplitFile:
    """Separate the `---` fenced front matter from the Markdown body."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CaseFileError(1, "file", "the file is empty; start it with a '---' front matter block")
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise CaseFileError(1, "front matter", "a case starts with a line '---', then its fields, then '---'")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return SplitFile(
                front_matter="\n".join(lines[1:index]),
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            )
    raise CaseFileError(
        1, "front matter", "the front matter is not closed: add a line '---' after the last field"
    )


def parse_yaml(text: str, first_line: int) -> Document:
    """Compose YAML into a Document; `first_line` is the file line of the text's first line."""
    try:
        node = yaml.compose(text, Loader=CaseLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        offset = mark.line if mark else 0
        source_lines = text.split("\n")
        source = source_lines[offset] if offset < len(source_lines) else ""
        raise CaseFileError(first_line + offset, "front matter", _yaml_message(exc, source)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports marks for all it raises
        raise CaseFileError(first_line, "front matter", f"not valid YAML: {exc}") from None
    document = Document(data=None, start_line=first_line - 1)
    if node is not None:
        budget = [MAX_NODES]
        document.data = _convert(node, (), document, first_line, budget)
    return document


def _yaml_message(exc: yaml.MarkedYAMLError, source_line: str) -> str:
    problem = exc.problem or "not valid YAML"
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        return "a tab character: indent with spaces, not tabs"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = "; a value containing ': ' must be put in quotes"
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        hint = "; check that every '[' or '{' is closed"
    context = f" {exc.context}," if exc.context else ""
    return f"not valid YAML:{context} {problem}{hint}"


def _convert(node: yaml.Node, path: Path, doc: Document, first: int, budget: list[int]) -> object:
    budget[0] -= 1
    if budget[0] < 0:
        raise CaseFileError(first + node.start_mark.line, "front matter", "too many values (aliases?)")
    doc.lines[path] = first + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key == "":
                raise CaseFileError(
                    first + key_node.start_mark.line, "front matter", "a field name must be plain text"
                )
            if key in result:
                raise CaseFileError(
                    first + key_node.start_mark.line,
                    dotted(path + (key,)),
                    f"field '{key}' is given twice; keep one",
                )
            result[key] = _convert(value_node, path + (key,), doc, first, budget)
            doc.lines[path + (key,)] = first + key_node.start_mark.line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), doc, first, budget) for i, item in enumerate(node.value)]
    doc.texts[path] = node.value
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> object:
    tag = node.tag
    value = node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        try:
            return _INT_CONSTRUCTOR.construct_yaml_int(node)
        except (ValueError, yaml.YAMLError):
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value  # str, and any explicit tag (!!binary, !custom): kept as written


def dotted(path: Path) -> str:
    """('lessons', 2, 'stage') -> 'lessons[3].stage': counted from 1, as a contributor counts."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "front matter"
