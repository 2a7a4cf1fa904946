"""Translations of the guidelines: `guidelines/<language>/`, a mirror of `guidelines/` whose
files hold the same data as their English originals with only the text translated, and a
provenance file:

    # guidelines/fr/translation.yml
    method: machine                      # human, machine or machine-post-edited
    by: machine translation (large language model)
    reviewed: {by: INSEE, on: 2027-02-01}   # optional
    files:                               # each file, with the digest of the English it was made from
      introduction.md: 3f2a9c01b7de
      tools/route-to-data.yml: 0b1c2d3e4f5a

Every value that is not text (a recommendation's actor, stage, frameworks and examples; ids,
references, years, addresses) must equal the English one, and every list must have the same
length: the translation then can never say something the English does not, and the grades,
which Casebook computes from the examples, stay the same. A drift is an error with its file
and line. A missing file leaves the language without translated guidelines (its readers get
the English edition, marked as such) and a warning; a file whose English has changed since is
marked out of date on its page, and `casebook check` gives the digest to set once it is
brought up to date.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .collection import shown_path
from .files import read_contributed
from .guidelines import FRAMEWORKS, PROVENANCE_FILE, TOOLS, Guidelines, load_guidelines
from .model import Case
from .problems import CaseFileError, Problem, describe
from .translations import DIGEST, Provenance, provenance_schema, read_provenance, text_digest
from .validate import character_problems, decode, read_yaml, repair_text, schema_problems
from .vocabulary import Vocabulary
from .yamlfile import Document, dotted, parse_yaml, split_front_matter
from .yamlfile import Path as Where

# The fields whose values are text to translate; every other value is kept as in English.
TRANSLATED = frozenset(
    {
        "title",
        "text",
        "safeguard",
        "when",
        "advised_because",
        "question",
        "explanation",
        "answer",
        "introduction",
        "description",
        "legal_authority",
        "technical_capacity",
        "public_trust",
        "why",
        "clause",
        "provision",
        "summary",
        "publisher",
    }
)


@dataclass(frozen=True)
class TranslatedGuidelines:
    language: str
    guidelines: Guidelines  # read from guidelines/<language>/, examples from that language's cases
    provenance: Provenance  # the folder's (outdated: any of its files is)
    outdated: tuple[str, ...]  # the files (as `files:` names them) whose English changed since


@dataclass(frozen=True)
class _File:
    shown: str
    data: Any
    document: Document
    body: str


def english_files(folder: Path) -> list[str]:
    """The guidelines' files a translation mirrors, as paths relative to `folder`."""
    names = sorted(p.name for p in folder.glob("*.md"))
    if (folder / FRAMEWORKS).is_file():
        names.append(FRAMEWORKS)
    names += sorted(f"{TOOLS}/{p.name}" for p in (folder / TOOLS).glob("*.yml"))
    return names


def load_translated_guidelines(
    folder: Path,
    language: str,
    english: Guidelines,
    vocabulary: Vocabulary,
    cases: Mapping[str, Case],
    base: Path | None = None,
    checking: bool = False,
) -> tuple[TranslatedGuidelines | None, list[Problem]]:
    """The guidelines in `language`, read from `folder`/<language>/ (None where there is no such
    folder, or it has errors or misses a file). `cases` are that language's cases, by slug.
    With `checking` (casebook check), an out-of-date file is reported with its new digest."""
    translated = folder / language
    if not translated.is_dir() or not english.chapters:
        return None, []
    problems: list[Problem] = []
    provenance_path = translated / PROVENANCE_FILE
    shown_provenance = shown_path(provenance_path, base)
    if not provenance_path.is_file():
        message = f"no {PROVENANCE_FILE}: say how the translation was made (method, by) and from what (files)"
        return None, [Problem(shown_provenance, 1, "file", message)]
    provenance = _read(provenance_path, base, problems, markdown=False)
    if provenance is None:
        return None, problems
    data = repair_text(provenance.data, _validator().schema, (), provenance.document)
    problems += schema_problems(shown_provenance, data, provenance.document, _validator())
    problems += character_problems(shown_provenance, provenance.document)
    if any(p.severity == "error" for p in problems):
        return None, problems
    digests: dict[str, str] = data["files"]
    names = english_files(folder)
    missing = [name for name in names if not (translated / name).is_file()]
    if missing:
        message = (
            f"{len(missing)} of the guidelines' files are not translated yet ({', '.join(missing)}): "
            "the English edition is shown in their place until they are"
        )
        return None, [Problem(shown_path(translated, base), 1, "file", message, "warning")]
    outdated = []
    for name in names:
        original = _read(folder / name, base, [], markdown=name.endswith(".md"))
        copy = _read(translated / name, base, problems, markdown=name.endswith(".md"))
        if original is None or copy is None:
            continue
        problems += _drift(copy, original)
        current = text_digest(original.data, original.body)
        line = provenance.document.line_of(("files", name)) if name in digests else 1
        if name not in digests:
            message = f"no digest for {name}: add `{name}: {current}` under files"
            problems.append(Problem(shown_provenance, line, "files", message))
        elif digests[name] != current:
            outdated.append(name)
            if checking:
                message = (
                    f"{name} is out of date: guidelines/{name} has changed since it was translated; "
                    f"bring the translation up to date, then set {name}: {current}"
                )
                problems.append(Problem(shown_provenance, line, f"files.{name}", message, "warning"))
    guidelines = load_guidelines(translated, vocabulary, cases, base)
    problems += guidelines.problems
    if any(p.severity == "error" for p in problems):
        return None, problems
    found = TranslatedGuidelines(language, guidelines, read_provenance(data, bool(outdated)), tuple(outdated))
    return found, problems


@cache
def _validator() -> Draft202012Validator:
    provenance = provenance_schema(with_digest=False)
    provenance["properties"]["files"] = {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": DIGEST,
        "description": "Each file translated, with the digest of the English it was made from.",
    }
    provenance["required"].append("files")
    return Draft202012Validator(provenance)


def _read(path: Path, base: Path | None, problems: list[Problem], markdown: bool) -> _File | None:
    shown = shown_path(path, base)
    try:
        raw = read_contributed(path)
        if not markdown:
            return _File(shown, (document := read_yaml(raw)).data, document, "")
        parts = split_front_matter(decode(raw))
        document = parse_yaml(parts.front_matter, first_line=2)
        return _File(shown, document.data, document, parts.body)
    except CaseFileError as exc:
        problems.append(Problem(shown, exc.line, exc.field, exc.message))
        return None


def _drift(copy: _File, original: _File) -> Iterator[Problem]:
    """Where the translation's data differ from the English beyond its text: one problem a
    place, the first found in each (a drifted list is reported once, not item by item)."""
    for where, message in _differences(copy.data, original.data, ()):
        line = copy.document.line_of(where) if where else 1
        yield Problem(copy.shown, line, dotted(where) or "file", message)
    if bool(copy.body.strip()) != bool(original.body.strip()):
        message = "the English has a text after the front matter: translate it too"
        yield Problem(copy.shown, 1, "body", message)


def _differences(copy: Any, original: Any, where: Where) -> Iterator[tuple[Where, str]]:
    if isinstance(original, dict) and isinstance(copy, dict):
        for key in original.keys() - copy.keys():
            yield where, f"'{key}' is missing: the English has it; translate it here"
        for key in copy.keys() - original.keys():
            yield (*where, key), f"'{key}' is not in the English: remove it, or add it to the English first"
        for key in original.keys() & copy.keys():
            if key in TRANSLATED and isinstance(original[key], str):
                if not isinstance(copy[key], str) or not copy[key].strip():
                    yield (*where, key), f"expected the translated text, found {describe(copy[key])}"
            else:
                yield from _differences(copy[key], original[key], (*where, key))
    elif isinstance(original, list) and isinstance(copy, list):
        if len(original) != len(copy):
            yield (
                where,
                (
                    f"the English has {len(original)} items here, the translation {len(copy)}: translate "
                    "each one in place, none added, merged or dropped"
                ),
            )
            return
        for position, (item, english_item) in enumerate(zip(copy, original, strict=True)):
            yield from _differences(item, english_item, (*where, position))
    elif copy != original:
        yield (
            where,
            (
                f"{describe(copy)} differs from the English ({describe(original)}): only text is "
                "translated; every other value stays as it is in English"
            ),
        )
