"""Writing case files: `casebook new`, `casebook from-issue` and the issue form behind it.

A new file is rendered from a template and then read back through the same checks as every
other case, so what Casebook writes always passes `casebook check`.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..core.problems import CaseFileError, did_you_mean
from ..core.vocabulary import Group, Vocabulary, load_vocabulary
from ..core.words import N_
from ..core.yamlfile import parse_yaml
from ..pages.catalogue import translations

# The sections of a case's story, as its file and the issue form title them (in the language
# the case is written in).
SECTIONS = (N_("Context"), N_("The partnership"), N_("What worked"), N_("What was difficult"), N_("Outcome"))


def section_id(section: str) -> str:
    """'What worked' -> 'what_worked': the issue form's field for a section."""
    return section.lower().replace(" ", "_")


PLACEHOLDER = "Replace this text."
LESSON_PLACEHOLDER = "Replace with what another office should do or avoid, and why, in one or two sentences."


@dataclass
class PartnerSpec:
    name: str
    sector: str


@dataclass
class LessonSpec:
    text: str
    stage: str | None = None


@dataclass
class SourceSpec:
    title: str
    url: str


@dataclass
class CaseSpec:
    """What a new case file says, before it is written."""

    title: str
    organisation: str
    country: str
    partnership_types: list[str]
    challenges: list[str]
    last_reviewed: str
    summary: str = "Replace with one or two sentences shown in every listing."
    partners: list[PartnerSpec] = field(
        default_factory=lambda: [PartnerSpec("Replace with the partner's name", "government")]
    )
    # Three lessons, each with a stage, as the editorial guide asks (the stages are examples).
    lessons: list[LessonSpec] = field(
        default_factory=lambda: [
            LessonSpec(LESSON_PLACEHOLDER, "identifying"),
            LessonSpec(LESSON_PLACEHOLDER, "agreeing"),
            LessonSpec(LESSON_PLACEHOLDER, "running"),
        ]
    )
    sources: list[SourceSpec] = field(
        default_factory=lambda: [
            SourceSpec("Replace with the title of a public source", "https://example.org/")
        ]
    )
    status: str | None = None
    lang: str | None = None  # the language it is written in, where not the default
    period_start: int | None = None
    period_end: int | None = None
    access_basis: str | None = None
    compensation: str | None = None
    safeguards: list[str] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=lambda: [(s, PLACEHOLDER) for s in SECTIONS])


def in_language(spec: CaseSpec, language: str) -> CaseSpec:
    """The new case written in `language`: marked with it, its sections titled in it."""
    gettext = translations(language).gettext
    return replace(spec, lang=language, sections=[(gettext(s), PLACEHOLDER) for s in SECTIONS])


# The case schema in a checkout, for editors' completion as the file is typed (the same schema
# the site publishes; tests/test_cli.py keeps them equal): offline, unlike the site's address.
SCHEMA_FILE = "schema/case.schema.json"


def schema_reference(target: Path, root: Path, published: str) -> str:
    """What a new case file's schema line points to: the checkout's schema as a path from the
    file's folder, or where there is none, the `published` address."""
    local = root / SCHEMA_FILE
    return os.path.relpath(local, target.parent.resolve()) if local.is_file() else published


def yaml_scalar(value: object) -> str:
    """`value` as a YAML scalar: plain where it reads back unchanged, double-quoted otherwise."""
    text = str(value)
    plain_ok = (
        text == text.strip()
        and "\n" not in text
        and not re.search(r"(^[-?:,\[\]{}#&*!|>'\"%@`])|(: )|( #)|(:$)", text)
    )
    if plain_ok:
        # Read back as Casebook reads case files ('09' and a 5,000-digit number stay text there,
        # where PyYAML's own constructor would fail on them).
        try:
            if parse_yaml(f"v: {text}", first_line=1).data == {"v": text}:
                return text
        except CaseFileError:
            pass
    # JSON's escapes are YAML's; the characters YAML cannot hold raw, or reads as line breaks
    # (NEL, the Unicode separators), are escaped too.
    return _NOT_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(text, ensure_ascii=False))


_NOT_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader(__package__, "templates"),
        autoescape=False,  # YAML and Markdown, not HTML: values are quoted by the yaml filter
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["yaml"] = yaml_scalar
    return env


def render_case_file(spec: CaseSpec, schema_url: str) -> str:
    stages = load_vocabulary().stages.slugs
    text = (
        _environment().get_template("case_file.md.j2").render(case=spec, schema_url=schema_url, stages=stages)
    )
    return text.rstrip("\n") + "\n"


def resolve_term(value: str, group: Group) -> tuple[str | None, str | None]:
    """A slug for what someone typed (a slug or a label, any case); or a message saying why not."""
    key = value.strip()
    for term in group.terms:
        if key.lower() in (term.slug, term.label.lower()):
            return term.slug, None
    hint = did_you_mean(key, group.slugs)
    return None, f"unknown {group.label.lower()} '{value}'{hint}; expected one of: {', '.join(group.slugs)}"


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    kind: str  # input, textarea, dropdown
    description: str
    required: bool = False
    options: tuple[str, ...] = ()
    multiple: bool = False
    placeholder: str = ""


# How access was obtained: the issue form's questions (the terms are the vocabulary's).
ACCESS_QUESTIONS = {
    "access_basis": N_("On what basis the data or the cooperation came, if the sources say."),
    "compensation": N_("What the office paid, if the sources say."),
    "safeguards": N_("Every safeguard that made the partnership acceptable, as the sources describe them."),
}


def issue_form_fields(vocabulary: Vocabulary) -> tuple[FormField, ...]:
    """The issue form's questions in the vocabulary's language (its terms' labels too)."""
    v = vocabulary
    _ = translations(vocabulary.language).gettext
    sectors = ", ".join(v.sectors.slugs)
    stages = ", ".join(v.stages.slugs)
    return (
        FormField("title", _("Title"), "input", _("A short title for the case."), True),
        FormField(
            "summary", _("Summary"), "textarea", _("One or two sentences shown in every listing."), True
        ),
        FormField("organisation", _("Organisation"), "input", _("The statistical office or body."), True),
        FormField(
            "country",
            _("Country code"),
            "input",
            _(
                "ISO 3166-1 alpha-2 code such as NO or GB; EU for European Union bodies, "
                "INT for other international ones."
            ),
            True,
        ),
        FormField(
            "partners",
            _("Partners"),
            "textarea",
            _("One partner a line, with its sector in brackets: %(sectors)s.") % {"sectors": sectors},
            True,
            placeholder=_("A mobile network operator (private)"),
        ),
        FormField(
            "partnership_types",
            _("Partnership types"),
            "dropdown",
            _("Every type that applies."),
            True,
            tuple(t.label for t in v.types.terms),
            True,
        ),
        FormField(
            "challenges",
            _("Challenge areas"),
            "dropdown",
            _("Every challenge area the case says something about."),
            True,
            tuple(t.label for t in v.challenges.terms),
            True,
        ),
        FormField(
            "status",
            _("Status"),
            "dropdown",
            _("Where the partnership stands, if known."),
            False,
            tuple(t.label for t in v["statuses"].terms),
        ),
        FormField("period", _("Period"), "input", _("Years, such as 2016-2019, or 2016- if ongoing."), False),
        *(
            FormField(
                group,
                v[group].label if group != "safeguards" else v[group].plural,
                "dropdown",
                _(question),
                False,
                tuple(t.label for t in v[group].terms),
                group == "safeguards",
            )
            for group, question in ACCESS_QUESTIONS.items()
        ),
        FormField(
            "lessons",
            _("Lessons learned"),
            "textarea",
            _(
                "One lesson a line; start a line with its stage in square brackets if you know it "
                "(%(stages)s)."
            )
            % {"stages": stages},
            True,
            placeholder=_("[agreeing] Agree who may see record-level data before any code is written."),
        ),
        FormField(
            "sources",
            _("Sources"),
            "textarea",
            _("One public source a line: its title, then its web address."),
            True,
            placeholder=_("Annual report 2019 https://example.org/report"),
        ),
        *(
            FormField(
                section_id(section),
                _(section),
                "textarea",
                _("%(section)s (Markdown).") % {"section": _(section)},
            )
            for section in SECTIONS
        ),
    )


def render_issue_form(vocabulary: Vocabulary) -> str:
    """The issue form in the vocabulary's language."""
    env = _environment()
    template = env.get_template("issue_form.yml.j2")
    words = translations(vocabulary.language)
    return template.render(
        fields=issue_form_fields(vocabulary), _=words.gettext, language=vocabulary.language
    )


def parse_issue_body(body: str) -> dict[str, str]:
    """A GitHub issue form's body ('### Label' then the answer) as label -> answer."""
    answers: dict[str, str] = {}
    label = None
    lines: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        if line.startswith("### "):
            if label is not None:
                answers[label] = "\n".join(lines).strip()
            label, lines = line[4:].strip(), []
        elif label is not None:
            lines.append(line)
    if label is not None:
        answers[label] = "\n".join(lines).strip()
    return {k: ("" if v == "_No response_" else v) for k, v in answers.items()}
