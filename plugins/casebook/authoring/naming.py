"""A new case's file name (its slug, its permanent address) as CONTRIBUTING asks for it: the
office's short name, then the subject in a few words; lower-case letters, digits and hyphens,
accents and Cyrillic written in Latin letters. Offered by `casebook new` and `from-issue`;
the person can always type another."""

from __future__ import annotations

import re
from collections.abc import Collection

from anyascii import anyascii

from ..core.validate import slug_for

SUBJECT_WORDS = 4
LONGEST = 50
# Words that say nothing about the subject, in the three languages cases are written in.
_EMPTY_WORDS = """
a an and the of for in on at to by with from into its their how what why when as is are was were
be new case study de des du la le les l d et en au aux pour par sur un une dans avec
и в на с по для от из к о об как что
"""
_EMPTY = frozenset(_EMPTY_WORDS.split())
_EMPTY = _EMPTY | {anyascii(word) for word in _EMPTY}


def _latin(text: str) -> str:
    """Latin letters for any script: an apostrophe of the text parts words ("l'INSEE"), one
    that transliteration writes for a soft sign ('mobil'nye') does not."""
    return anyascii(re.sub(r"['\u2019]", " ", text)).replace("'", "")


def office_short_name(organisation: str) -> str:
    """'Instituto Nacional de Estadística (INE)' -> 'ine'; 'ONS' -> 'ons'; 'Statistics
    Netherlands' -> 'sn'; 'Eurostat' -> 'eurostat'."""
    text = _latin(organisation)
    if found := re.search(r"\(([A-Za-z][A-Za-z0-9-]{1,11})\)", text):
        return found.group(1).lower()
    words = re.findall(r"[A-Za-z0-9]+", text)
    if not words:
        return ""
    if len(words) == 1 or (words[0].isupper() and len(words[0]) <= 8):
        return words[0].lower()
    initials = "".join(w[0] for w in words if w.lower() not in _EMPTY)
    return initials.lower() if 2 <= len(initials) <= 6 else words[0].lower()


def suggest_slug(title: str, organisation: str, taken: Collection[str] = ()) -> str:
    """A slug that follows the naming rule and no case has taken yet."""
    office = office_short_name(organisation)
    words = [w for w in slug_for(_latin(title) + ".md").split("-") if w and w not in _EMPTY]
    subject = [w for w in words if w != office][:SUBJECT_WORDS]
    slug = "-".join(part for part in (office, *subject) if part)[:LONGEST].strip("-") or "new-case"
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
