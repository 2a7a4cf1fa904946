"""The questionnaire as data: parts, sections and questions, read from `questionnaire.yml`.

Where the questionnaire uses the vocabulary's terms (partnership types, challenge areas,
means of identifying partners...), the file names the vocabulary group (`items_from`,
`options_from`) instead of spelling the slugs again, and may only reword them (`wording`):
answers are then tagged with the same slugs as cases, which is what lets /gaps/ set the
offices' demand against the collection's supply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path as FilePath
from typing import Any

from ..core.files import read_contributed
from ..core.problems import CaseFileError, Problem
from ..core.vocabulary import Vocabulary
from .fields import FieldChecker, Path, read_yaml

# The questionnaire is the CES draft, in English: its text is marked so on pages in the others.
QUESTIONNAIRE_LANGUAGE = "en"
# rating: one level per item; choices: a list of options; text: free text;
# text-per-item: free text per item. Items come from the section (`items_from`).
KINDS = ("rating", "choices", "text", "text-per-item")
PER_ITEM = ("rating", "text-per-item")
CLOSED = ("rating", "choices")

# Names a question id may not take: they are the response file's own fields and CSV columns.
RESERVED_IDS = ("office", "country", "visibility", "submitted", "answers", "file")

_TOP = ("title", "source", "introduction", "parts")
_PART = ("id", "title", "audience", "sections")
_SECTION = ("title", "intro", "stage", "items_from", "wording", "questions")
_QUESTION = ("id", "kind", "text", "short", "hint")
_KIND_FIELDS = {
    "rating": ("levels", "demand"),
    "choices": ("options_from", "only", "wording", "options", "max_choices", "demand"),
    "text": (),
    "text-per-item": (),
}
_OPTION = ("slug", "label", "text")


@dataclass(frozen=True)
class Option:
    """An item asked about, an option to choose, or a level of a rating."""

    slug: str
    label: str  # short: charts, tables, response pages
    text: str  # as the questionnaire words it


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    text: str
    short: str  # a title for its chart and table
    hint: str = ""
    group: str | None = None  # vocabulary group of its items (per-item kinds) or options (choices)
    items: tuple[Option, ...] = ()  # per-item kinds: what each answer is about
    options: tuple[Option, ...] = ()  # choices: what can be chosen; rating: the levels, strongest first
    max_choices: int | None = None
    # Answers that ask for knowledge on a term, for /gaps/: the rating levels that count, or,
    # for choices, every option.
    demand: tuple[str, ...] = ()
    item_noun: str = "item"
    option_noun: str = "option"

    @property
    def is_closed(self) -> bool:
        return self.kind in CLOSED

    @property
    def per_item(self) -> bool:
        return self.kind in PER_ITEM

    def item(self, slug: str) -> Option:
        return next(item for item in self.items if item.slug == slug)

    def option(self, slug: str) -> Option:
        return next(option for option in self.options if option.slug == slug)


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    stage: str  # the chronological stage the administration part groups its sections by
    items: tuple[Option, ...]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    audience: str
    sections: tuple[Section, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for section in self.sections for q in section.questions)


@dataclass(frozen=True)
class Questionnaire:
    title: str
    source: str
    introduction: str
    parts: tuple[Part, ...]
    questions: dict[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        questions = {q.id: q for part in self.parts for q in part.questions}
        object.__setattr__(self, "questions", questions)

    def part_of(self, question_id: str) -> Part:
        return next(part for part in self.parts if any(q.id == question_id for q in part.questions))


def load_questionnaire(
    path: FilePath, shown: str, vocabulary: Vocabulary
) -> tuple[Questionnaire | None, list[Problem]]:
    """Read and check `questionnaire.yml`; `shown` is its path as messages give it."""
    try:
        document = read_yaml(read_contributed(path))
    except CaseFileError as exc:
        return None, [Problem(shown, exc.line, exc.field, exc.message)]
    reader = _Reader(shown, document, vocabulary)
    questionnaire = reader.questionnaire(document.data)
    if reader.has_errors:
        return None, reader.problems
    return questionnaire, reader.problems


class _Reader(FieldChecker):
    def __init__(self, path: str, document: Any, vocabulary: Vocabulary) -> None:
        super().__init__(path, document)
        self.vocabulary = vocabulary
        self.seen_ids: set[str] = set()

    def questionnaire(self, data: Any) -> Questionnaire | None:
        top = self.record(data, (), _TOP, required=("title", "introduction", "parts"))
        if top is None:
            return None
        parts = self.each(top.get("parts"), ("parts",), self.part)
        if not parts:
            self.report(("parts",), "needs at least one part")
        return Questionnaire(
            title=self.text_field(top, "title", ()),
            source=self.text_field(top, "source", ()),
            introduction=self.text_field(top, "introduction", ()),
            parts=parts,
        )

    def each(self, value: Any, where: Path, read: Callable[[Any, Path], Any]) -> tuple[Any, ...]:
        if not isinstance(value, list):
            self.report(where, f"expected a list, got {'nothing' if value is None else 'one value'}")
            return ()
        read_items = (read(item, where + (i,)) for i, item in enumerate(value))
        return tuple(item for item in read_items if item is not None)

    def text_field(
        self, record: dict[str, Any], name: str, where: Path, check: Callable[..., str | None] | None = None
    ) -> str:
        """A field's text (or slug), '' when absent: record() reports a required one missing."""
        if name not in record:
            return ""
        return (check or self.text)(record[name], where + (name,)) or ""

    def part(self, value: Any, where: Path) -> Part | None:
        part = self.record(value, where, _PART, required=("id", "title", "sections"))
        if part is None:
            return None
        return Part(
            id=self.text_field(part, "id", where, self.slug),
            title=self.text_field(part, "title", where),
            audience=self.text_field(part, "audience", where),
            sections=self.each(part.get("sections"), where + ("sections",), self.section),
        )

    def section(self, value: Any, where: Path) -> Section | None:
        section = self.record(value, where, _SECTION, required=("title",))
        if section is None:
            return None
        group = None
        items: tuple[Option, ...] = ()
        if "items_from" in section:
            group = self.choice(
                section["items_from"], where + ("items_from",), list(self.vocabulary.groups), "group"
            )
            if group:
                items = self.terms(group, section, where)
        elif "wording" in section:
            self.report(where + ("wording",), "rewords items: give the section 'items_from' too")
        questions = ()
        if "questions" in section:
            read = partial(self.question, group=group, items=items)
            questions = self.each(section["questions"], where + ("questions",), read)
        return Section(
            title=self.text_field(section, "title", where),
            intro=self.text_field(section, "intro", where),
            stage=self.text_field(section, "stage", where),
            items=items,
            questions=questions,
        )

    def terms(self, group: str, record: dict[str, Any], where: Path) -> tuple[Option, ...]:
        """A vocabulary group's terms as options: all or `only` some, reworded by `wording`."""
        terms = self.vocabulary[group]
        slugs: tuple[str, ...] = terms.slugs
        if "only" in record:
            slugs = self.choices(record["only"], where + ("only",), terms.slugs, terms.label.lower()) or ()
        words: dict[str, str] = {}
        wording = record.get("wording")
        if wording is not None and self.record(wording, where + ("wording",), slugs) is not None:
            words = {k: self.text(v, where + ("wording", k)) or "" for k, v in wording.items() if k in slugs}
        return tuple(Option(s, terms.label_of(s), words.get(s) or terms.label_of(s)) for s in slugs)

    def question(
        self, value: Any, where: Path, group: str | None, items: tuple[Option, ...]
    ) -> Question | None:
        if not isinstance(value, dict):
            self.record(value, where, _QUESTION)
            return None
        kind = self.choice(value.get("kind"), where + ("kind",), KINDS, "kind") if "kind" in value else None
        known = _QUESTION + (_KIND_FIELDS[kind] if kind else sum(_KIND_FIELDS.values(), ()))
        question = self.record(value, where, known, required=("id", "kind", "text"))
        if question is None or kind is None:
            return None
        question_id = self.text_field(question, "id", where, self.slug)
        if question_id:
            self.check_id(question_id, where + ("id",))
        text = self.text_field(question, "text", where)
        common = {
            "id": question_id,
            "kind": kind,
            "text": text,
            "short": self.text_field(question, "short", where) or text,
            "hint": self.text_field(question, "hint", where),
        }
        if kind in PER_ITEM:
            if not items:
                self.report(where + ("kind",), f"a {kind} question needs its section's 'items_from'")
            noun = self.vocabulary[group].label.lower() if group else "item"
            common.update(group=group, items=items, item_noun=noun)
        if kind == "rating":
            levels = self.options(question.get("levels"), where + ("levels",))
            demand = question.get("demand", [])
            level_slugs = [level.slug for level in levels]
            chosen = self.choices(demand, where + ("demand",), level_slugs, "level") or ()
            return Question(**common, options=levels, demand=chosen, option_noun="level")
        if kind == "choices":
            return self.choice_question(question, where, common)
        return Question(**common)

    def choice_question(self, question: dict[str, Any], where: Path, common: dict[str, Any]) -> Question:
        group = None
        if ("options_from" in question) == ("options" in question):
            self.report(where, "give either 'options_from' (a vocabulary group) or 'options', not both")
            options: tuple[Option, ...] = ()
        elif "options_from" in question:
            groups = list(self.vocabulary.groups)
            group = self.choice(question["options_from"], where + ("options_from",), groups, "group")
            options = self.terms(group, question, where) if group else ()
        else:
            options = self.options(question["options"], where + ("options",))
        most = question.get("max_choices")
        if most is not None and not (isinstance(most, int) and not isinstance(most, bool) and most > 0):
            self.report(where + ("max_choices",), "expected a whole number of at least 1")
            most = None
        demand = question.get("demand", False)
        if not isinstance(demand, bool):
            self.report(where + ("demand",), "expected true or false")
        # Facet groups (types, challenges...) have labels that read as nouns in a message.
        noun = self.vocabulary[group].label.lower() if group and self.vocabulary[group].param else "option"
        slugs = tuple(option.slug for option in options) if demand is True else ()
        return Question(
            **common, group=group, options=options, max_choices=most, demand=slugs, option_noun=noun
        )

    def options(self, value: Any, where: Path) -> tuple[Option, ...]:
        def read(item: Any, at: Path) -> Option | None:
            option = self.record(item, at, _OPTION, required=("slug", "label"), example="{slug: x, label: X}")
            if option is None:
                return None
            label = self.text_field(option, "label", at)
            return Option(
                self.text_field(option, "slug", at, self.slug),
                label,
                self.text_field(option, "text", at) or label,
            )

        options = self.each(value, where, read)
        slugs = [option.slug for option in options]
        for i, slug in enumerate(slugs):
            if slug in slugs[:i]:
                self.report(where + (i, "slug"), f"'{slug}' is given twice")
        if not options:
            self.report(where, "needs at least one entry")
        return options

    def check_id(self, question_id: str, where: Path) -> None:
        if question_id in RESERVED_IDS:
            self.report(where, f"'{question_id}' is a field of every response: choose another id")
        elif question_id in self.seen_ids:
            self.report(where, f"question id '{question_id}' is given twice")
        self.seen_ids.add(question_id)
