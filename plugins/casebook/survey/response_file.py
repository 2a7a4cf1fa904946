"""Writing response files: from an imported row, or blank for a secretariat to fill in."""

from __future__ import annotations

from typing import Any

import yaml

from ..core.yamlfile import CaseLoader
from .questionnaire import Question, Questionnaire
from .responses import ROLES, VISIBILITIES

HEADER = "# A response to the questionnaire in survey/questionnaire.yml. Check it: casebook survey check\n"


class _Dumper(yaml.SafeDumper):
    """Lists on one line, as the README writes them; text with line breaks as a block.

    Values are quoted only where Casebook's own loader would misread them: `country: NO` and
    `submitted: 2017-11-20` stay unquoted, as a person writes them.
    """


_Dumper.yaml_implicit_resolvers = {k: list(v) for k, v in CaseLoader.yaml_implicit_resolvers.items()}


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _list(dumper: yaml.SafeDumper, value: list[Any] | tuple[Any, ...]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)
_Dumper.add_representer(tuple, _list)


def response_yaml(fields: dict[str, Any], comment: str = "") -> str:
    """A response file's text; `fields` in the documented order (office, country... answers)."""
    body = yaml.dump(fields, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96)
    note = "".join(f"# {line}\n" for line in comment.splitlines())
    return HEADER + note + body


def blank_response(questionnaire: Questionnaire) -> str:
    """Every field and question, empty, with what each expects: a file to copy and fill in."""
    lines = [
        HEADER.rstrip(),
        "# Save it as survey/responses/<office>.yml (lower-case letters, digits and hyphens).",
        "# Leave out, or leave empty, whatever was not answered.",
        "office: ",
        "country:                 # ISO 3166-1 alpha-2 code, such as NO; EU or INT",
        f"respondent_role:         # {', '.join(ROLES[:-1])} or {ROLES[-1]}",
        f"visibility: internal     # {' or '.join(VISIBILITIES)}: only public responses are named and quoted",
        "submitted:               # YYYY-MM-DD",
        "answers:",
    ]
    for number, part in enumerate(questionnaire.parts, start=1):
        lines.append(f"  # Part {number}: {part.title}")
        for question in part.questions:
            lines.append(f"  # {_one_line(question.text)} ({_expects(question)})")
            if question.per_item:
                lines.append(f"  {question.id}:")
                lines += [f"    {item.slug}:" for item in question.items]
            else:
                lines.append(f"  {question.id}:{' []' if question.kind == 'choices' else ''}")
    return "\n".join(lines) + "\n"


def _expects(question: Question) -> str:
    options = ", ".join(option.slug for option in question.options)
    if question.kind == "rating":
        return f"for each, one of: {options}"
    if question.kind == "choices":
        most = f"up to {question.max_choices}" if question.max_choices else "any"
        return f"a list of {most} of: {options}"
    return "free text for each" if question.per_item else "free text"


def _one_line(text: str) -> str:
    return " ".join(text.split())
