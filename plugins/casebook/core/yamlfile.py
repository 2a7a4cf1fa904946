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
from typing import Any

import yaml

from .problems import CaseFileError, printable

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"

# A value with more nodes than this is an alias bomb, and one nested deeper than this is no
# case study either (and would exhaust Python's recursion before libyaml's own limit).
MAX_NODES = 50_000
MAX_DEPTH = 40
MAX_DIGITS = 20  # a longer number is kept as text: a year or a count is never this long


class CaseLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """YAML 1.2 core typing: only true/false are booleans; no implicit dates; no 1:30 == 90."""


CaseLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CaseLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CaseLoader.add_implicit_resolver(
    _INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
CaseLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)

Path = tuple[str | int, ...]


def load_data(text: str) -> Any:
    """A YAML file that Casebook itself ships (its vocabulary, its lists of hosts), read as
    YAML 1.1 plain data, with libyaml where it is installed: PyYAML's Python reader took
    0.06 s to read the vocabulary, libyaml 0.01 s."""
    return yaml.load(text, Loader=_BaseLoader)  # a safe loader, as yaml.safe_load's


@dataclass
class Document:
    """Front matter as plain Python values, with the line and source text of every value."""

    data: object
    lines: dict[Path, int] = field(default_factory=dict)
    texts: dict[Path, str] = field(default_factory=dict)
    # The paths of the values read as numbers or booleans, and of every field above them:
    # where text may have to be given back as it was written (validate.repair_text).
    typed: set[Path] = field(default_factory=set)
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
        # An unclosed bracket or quote is found where the text ends: point at where it opened.
        opened = exc.context and ("flow" in exc.context or "quoted" in exc.context)
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        offset = mark.line if mark else 0
        source_lines = text.split("\n")
        source = source_lines[offset] if offset < len(source_lines) else ""
        raise CaseFileError(first_line + offset, "front matter", _yaml_message(exc, source)) from None
    except yaml.reader.ReaderError as exc:
        line = first_line + text[: exc.position].count("\n")
        raise CaseFileError(
            line, "front matter", f"a control character (U+{exc.character:04X}) cannot be in YAML; remove it"
        ) from None
    except yaml.YAMLError as exc:
        raise CaseFileError(first_line, "front matter", f"not valid YAML: {exc}") from None
    document = Document(data=None, start_line=first_line - 1)
    if node is not None:
        budget = [MAX_NODES]
        document.data = _convert(node, (), document, first_line, budget)
    return document


def _yaml_message(exc: yaml.MarkedYAMLError, source_line: str) -> str:
    problem = exc.problem or "not valid YAML"
    context = exc.context or ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        return "a tab character: indent with spaces, not tabs"
    if "flow sequence" in context:
        return "a list opened with [ is not closed: add the missing ]"
    if "flow mapping" in context:
        return "a group opened with { is not closed: add the missing }"
    if "quoted scalar" in context:
        return "a quote is not closed: end the value with the same quote it starts with"
    # The fix first, in the contributor's words; then the parser's, for whoever needs them.
    fix = "this line is not valid YAML: compare it with the same line in cases/_template.md"
    if "mapping values are not allowed" in problem:
        value = source_line.split(":", 1)[1] if ":" in source_line else ""
        if ": " in value or value.endswith(":"):
            fix = "put this value in quotes: a value containing ': ' must be quoted"
        else:
            fix = "check the indentation of this line and the line before (two spaces per level)"
    elif "alias" in context or "anchor" in context or "tag" in context or "found character" in problem:
        fix = "put this value in quotes: a value starting with * & ! | > % @ or ` must be quoted"
    elif "block" in context:
        fix = "check the indentation of this line and the line before (two spaces per level)"
    words = f"{context}, {problem}" if context else problem
    return f"{fix} (the YAML reader says: {words})"


def _convert(node: yaml.Node, path: Path, doc: Document, first: int, budget: list[int]) -> object:
    budget[0] -= 1
    if budget[0] < 0:
        # Aliased nodes carry their anchor's line: name the top-level field that expands them.
        raise CaseFileError(doc.line_of(path[:1]), "front matter", "too many values (aliases?)")
    if len(path) > MAX_DEPTH:
        raise CaseFileError(first + node.start_mark.line, "front matter", "values are nested too deeply")
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
            doc.lines[path + (key,)] = first + key_node.start_mark.line
            result[key] = _convert(value_node, path + (key,), doc, first, budget)
            doc.lines[path + (key,)] = first + key_node.start_mark.line  # the key's line, not the value's
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), doc, first, budget) for i, item in enumerate(node.value)]
    doc.texts[path] = node.value
    value = _scalar(node)
    if value is not None and not isinstance(value, str):
        doc.typed.update(path[:end] for end in range(len(path) + 1))
    return value


def _scalar(node: yaml.ScalarNode) -> object:
    tag = node.tag
    value = node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        return _integer(value)
    if tag == _FLOAT:
        try:
            return float(value) if len(value) <= MAX_DIGITS * 2 else value
        except ValueError:
            return value
    return value  # str, and any explicit tag (!!binary, !custom): kept as written


def _integer(value: str) -> int | str:
    """YAML 1.2 integers (12, -3, 0o14, 0xC); anything else, or too long, stays text."""
    digits = value.lstrip("+-")
    if not digits or len(digits) > MAX_DIGITS:
        return value
    try:
        if digits.startswith(("0o", "0x")):
            return int(value.replace(digits[:2], "", 1), 8 if digits[1] == "o" else 16)
        return int(value)
    except ValueError:
        return value


def dotted(path: Path) -> str:
    """('lessons', 2, 'stage') -> 'lessons[3].stage': counted from 1, as a contributor counts."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            name = printable(part) if part.strip() else repr(part)
            out += f".{name}" if out else name
    return out or "front matter"
