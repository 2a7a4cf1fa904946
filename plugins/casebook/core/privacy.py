"""Personal data in a case: contributors should cite offices, not people.

E-mail addresses and telephone numbers are reported as warnings (the build still runs, a
strict build fails). Telephone numbers are recognised in international form (+47 21 09 00 00)
or after a word such as 'tel' or 'phone', so that years and figures are not mistaken for
them. A reviewer who accepts a case's personal data after review sets
`personal_data_reviewed: true` in its front matter, which silences these warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .problems import Problem
from .textscan import text_warnings
from .yamlfile import Document, Path

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE_INTERNATIONAL = re.compile(r"\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,}")
PHONE_LABELS = ("tel", "tél", "phone", "telefon", "mobile")
# The labels tel, tél, phone, telephone, telefon and mobile in any case, as whole words. The
# pattern starts with a set of letters, not \b, so that the search skips to those letters (the
# word's start is checked after its first letter), and that letter is given in both cases,
# since a search that ignores case from its first character tries every position more slowly.
PHONE_LABELLED = re.compile(
    r"[tTpPmM](?<!\w.)(?i:el|él|hone|elephone|elefon|obile)\b\.?:?\s*\(?\d[\d\s().-]{5,}\d"
)
HINT = "cite offices, not people; a reviewer can accept it with 'personal_data_reviewed: true'"


def personal_data_problems(
    path: str, document: Document, body: str, body_line: int, source: str | None = None
) -> Iterator[Problem]:
    """Warnings for a file whose front matter is `document`; `source`, the whole file, lets
    a file with nothing that could match be passed over in one search."""
    data = document.data if isinstance(document.data, dict) else {}
    if data.get("personal_data_reviewed") is True:
        return
    if source is not None and not any(_findings(source)):
        return
    yield from text_warnings(path, document, body, body_line, _messages, skip=_is_url)


def _is_url(where: Path) -> bool:
    """An address in a source's URL is a mailing list or archive, not a contact."""
    return where[-1:] == ("url",)


def _messages(text: str) -> Iterator[tuple[str, int]]:
    for kind, match, start in _findings(text):
        yield f"{kind} '{match}': {HINT}", start


def _findings(text: str) -> Iterator[tuple[str, str, int]]:
    """Each pattern runs only where its telling character or word occurs: a test with `in`
    costs a fraction of a search, which matters over thousands of cases."""
    if "@" in text:
        for match in EMAIL.finditer(text):
            yield "an e-mail address", match.group(0), match.start()
    if "+" in text:
        for match in PHONE_INTERNATIONAL.finditer(text):
            yield "a telephone number", match.group(0).strip(), match.start()
    lowered = text.lower()
    if any(label in lowered for label in PHONE_LABELS):
        for match in PHONE_LABELLED.finditer(text):
            yield "a telephone number", match.group(0).strip(), match.start()
