"""`casebook new` in a terminal: one question at a time, with the allowed answers in front of
the person (the vocabulary's terms with their descriptions, countries by name or code). A
wrong answer is refused where it is typed, with the reason, and nothing typed is lost; the
file name offered follows the naming rule (naming.py).

Questions are asked with questionary (prompt_toolkit underneath); `io` passes a test's input
and output to every prompt, as a terminal would."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

import pycountry
import questionary
from questionary import Choice

from ..core.countries import resolve_country
from ..core.languages import SPECIAL, country_name, language_name
from ..core.validate import FILE_SLUG
from ..core.vocabulary import Group, Vocabulary
from .naming import suggest_slug

SKIP = ""  # an optional question's answer when the person skips it


class Stopped(Exception):
    """The person stopped (Ctrl-C or Ctrl-D): nothing is written."""


@dataclass
class Answers:
    title: str = ""
    organisation: str = ""
    country: str = ""
    partnership_types: list[str] = field(default_factory=list)
    challenges: list[str] = field(default_factory=list)
    access_basis: str | None = None
    compensation: str | None = None
    safeguards: list[str] = field(default_factory=list)
    lang: str | None = None
    slug: str = ""


def _asked(question: questionary.Question) -> Any:
    answer = question.ask(kbi_msg="")
    if answer is None:
        raise Stopped
    return answer


def _needed(what: str) -> Callable[[str], bool | str]:
    def check(text: str) -> bool | str:
        if not text.strip():
            return f"Type {what}; it cannot be left empty."
        if "\n" in text:
            return "Keep it on one line."
        return True

    return check


def term_choices(group: Group) -> list[Choice]:
    """A group's terms as answers: the label to choose, the description under the cursor."""
    return [Choice(term.label, value=term.slug, description=term.description) for term in group.terms]


def _terms(group: Group, message: str, io: dict[str, Any], at_least_one: bool = True) -> list[str]:
    choices = term_choices(group)
    need = "Choose at least one: move with the arrow keys, select with the space bar, then press Enter."

    def check(chosen: list[str]) -> bool | str:
        return bool(chosen) or not at_least_one or need

    instruction = "(arrow keys to move, space to select, Enter when done)"
    return _asked(questionary.checkbox(message, choices, validate=check, instruction=instruction, **io))


def _one_term(group: Group, message: str, io: dict[str, Any]) -> str | None:
    choices = [Choice("Skip: not known yet", value=SKIP), *term_choices(group)]
    return _asked(questionary.select(message, choices, **io)) or None


def country_choices() -> list[str]:
    """'Norway (NO)' for every country, and the two codes for international bodies."""
    codes = [country.alpha_2 for country in pycountry.countries] + list(SPECIAL)
    return sorted(f"{country_name(code)} ({code})" for code in codes)


def country_answer(text: str) -> bool | str:
    """True for a country typed as a name or a code, else why not (shown under the answer)."""
    if not text.strip():
        return "Type the country's name or its two-letter code, such as Norway or NO."
    return resolve_country(text)[1] or True


def _country(io: dict[str, Any]) -> str:
    answer = _asked(
        questionary.autocomplete(
            "Country of the office (type its name or code; EU or INT for international bodies):",
            country_choices(),
            validate=country_answer,
            **io,
        )
    )
    return str(resolve_country(answer)[0])


def _slug(answers: Answers, taken: Collection[str], io: dict[str, Any]) -> str:
    def check(text: str) -> bool | str:
        if not FILE_SLUG.fullmatch(text):
            return "Use lower-case letters, digits and hyphens only, such as ssb-payment-receipt-data."
        if text in taken:
            return f"A case is already called {text}: choose another name."
        return True

    suggestion = suggest_slug(answers.title, answers.organisation, taken)
    message = (
        "File name (the case's permanent address, /cases/<name>/): the office's short name, then the subject"
    )
    return str(_asked(questionary.text(message, default=suggestion, validate=check, **io))).strip()


def ask_case(
    vocabulary: Vocabulary,
    taken: Collection[str],
    given: Answers,
    languages: tuple[str, ...] = ("en",),
    io: dict[str, Any] | None = None,
) -> Answers:
    """Ask for what `given` leaves out, in the order a case file reads."""
    io = io or {}
    answers = given
    if not answers.title:
        answers.title = _asked(
            questionary.text("Title of the case:", validate=_needed("a title"), **io)
        ).strip()
    if not answers.organisation:
        message = "The statistical office (its full name, as on its website):"
        answers.organisation = _asked(
            questionary.text(message, validate=_needed("the office's name"), **io)
        ).strip()
    if not answers.country:
        answers.country = _country(io)
    if not answers.partnership_types:
        message = "Partnership types: who the office worked with, and how"
        answers.partnership_types = _terms(vocabulary.types, message, io)
    if not answers.challenges:
        message = "Challenge areas: what the case teaches about"
        answers.challenges = _terms(vocabulary.challenges, message, io)
    if answers.access_basis is None:
        message = "How the office obtained access to the data (or skip):"
        answers.access_basis = _one_term(vocabulary["access_basis"], message, io)
    if answers.compensation is None:
        answers.compensation = _one_term(
            vocabulary["compensation"], "What the office paid for it (or skip):", io
        )
    if not answers.safeguards:
        message = "Safeguards that protected the data (none, one or more):"
        answers.safeguards = _terms(vocabulary["safeguards"], message, io, at_least_one=False)
    if answers.lang is None and len(languages) > 1:
        choices = [Choice(language_name(code), value=code) for code in languages]
        answers.lang = _asked(questionary.select("The language you will write it in:", choices, **io))
    if not answers.slug:
        answers.slug = _slug(answers, taken, io)
    return answers
