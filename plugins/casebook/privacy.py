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
from .yamlfile import Document, dotted

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,})"
    r"|(?:\b(?:tel|tél|phone|telephone|telefon|mobile)\b\.?:?\s*\(?\d[\d\s().-]{5,}\d)",
    re.IGNORECASE,
)
HINT = "cite offices, not people; a reviewer can accept it with 'personal_data_reviewed: true'"


def personal_data_problems(path: str, document: Document, body: str, body_line: int) -> Iterator[Problem]:
    data = document.data if isinstance(document.data, dict) else {}
    if data.get("personal_data_reviewed") is True:
        return
    for value_path, text in document.texts.items():
        if value_path[-1:] == ("url",):
            continue  # an address in a source's URL is a mailing list or archive, not a contact
        for kind, match in _findings(text):
            yield Problem(
                path,
                document.line_of(value_path),
                dotted(value_path),
                f"{kind} '{match}': {HINT}",
                "warning",
            )
    for offset, line in enumerate(body.split("\n")):
        for kind, match in _findings(line):
            yield Problem(path, body_line + offset, "body", f"{kind} '{match}': {HINT}", "warning")


def _findings(text: str) -> Iterator[tuple[str, str]]:
    for match in EMAIL.finditer(text):
        yield "an e-mail address", match.group(0)
    for match in PHONE.finditer(text):
        yield "a telephone number", match.group(0).strip()
