"""The registry of organisations (`organisations.yml`): who took part in the cases, each once,
so that the same group written several ways in cases from several countries has one page.

    - slug: vodafone              # its page: /organisations/vodafone/
      name: Vodafone Group
      aliases: [Vodafone]         # other spellings the cases use, matched as the name is
      sector: private             # the vocabulary's sectors
      country: GB                 # ISO code; the headquarters' country for a group; EU, INT
      parent: vodafone            # optional: the group a national arm belongs to
      wikidata: Q122141           # optional: only an identifier checked at its source
      website: https://...        # optional

One file rather than a folder of small ones: it stays short (a few lines an organisation),
it is read top to bottom when looking for a spelling, and a duplicate shows in one place.

A case's `organisation` and each partner's `name` resolve to an entry by its name or an
alias (case and spacing aside). A partner that is not one organisation that can be named (an
operator left unnamed, several organisations named together) says so with `anonymous: true`
and is not looked up. A name close to an entry is an error with a did-you-mean (a typo must
not make a second organisation); a new name is a warning that shows the entry to add. Where
a project has no registry, nothing is looked up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .countries import country_problem
from .files import read_contributed
from .model import Case
from .problems import CaseFileError, Problem, ReportsProblems, did_you_mean
from .schema import URL_PATTERN, obj, term, text
from .validate import read_yaml, repair_text, schema_problems
from .vocabulary import Vocabulary
from .yamlfile import Document, dotted

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
WIKIDATA = r"^Q[1-9][0-9]*$"
# How close a name must be to an entry's to be taken for a misspelling of it (difflib's ratio
# on the normalised names): close enough for a typo, far enough for 'Ministry of Finance' and
# 'Ministry of Economy and Finance' to be two ministries.
NEAR = 0.9


@dataclass(frozen=True)
class Organisation:
    slug: str
    name: str
    aliases: tuple[str, ...]
    sector: str
    country: str
    parent: str | None = None
    wikidata: str | None = None
    website: str | None = None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, eq=False)  # by identity: its lookups are cached on it
class Registry(ReportsProblems):
    path: str  # as messages show it
    organisations: tuple[Organisation, ...]  # as the file lists them
    problems: tuple[Problem, ...] = ()
    present: bool = True  # False: the project has no registry, and nothing is looked up

    @cached_property
    def by_slug(self) -> dict[str, Organisation]:
        return {o.slug: o for o in self.organisations}

    @cached_property
    def names(self) -> dict[str, str]:
        """Every name and alias, normalised -> the slug of its entry."""
        names: dict[str, str] = {}
        for o in self.organisations:
            for name in (o.name, *o.aliases):
                names.setdefault(normalised(name), o.slug)
        return names

    def resolve(self, name: str) -> Organisation | None:
        slug = self.names.get(normalised(name))
        return self.by_slug[slug] if slug else None

    def near(self, name: str) -> Organisation | None:
        """The entry whose name or alias `name` looks like a misspelling of."""
        match = get_close_matches(normalised(name), list(self.names), n=1, cutoff=NEAR)
        return self.by_slug[self.names[match[0]]] if match else None

    def lineage(self, slug: str) -> tuple[str, ...]:
        """The entry and the groups above it: ('vodafone-spain', 'vodafone')."""
        found: list[str] = []
        while slug in self.by_slug and slug not in found:
            found.append(slug)
            slug = self.by_slug[slug].parent or ""
        return tuple(found)

    def arms(self, slug: str) -> tuple[str, ...]:
        """The entries below a group, at any depth (not the group itself)."""
        return self._below.get(slug, ())

    @cached_property
    def _below(self) -> dict[str, tuple[str, ...]]:
        """Each group's entries below it, in the registry's order: worked out once, as every
        organisation's page and facet asks."""
        below: dict[str, list[str]] = {}
        for organisation in self.organisations:
            for group in self.lineage(organisation.slug)[1:]:
                below.setdefault(group, []).append(organisation.slug)
        return {group: tuple(slugs) for group, slugs in below.items()}


NO_REGISTRY = Registry("organisations.yml", (), (), present=False)


@lru_cache(maxsize=8192)  # the same few hundred names, thousands of times
def normalised(name: str) -> str:
    """A name as it is compared: case, accents' composition and spacing aside."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def registry_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    entry = obj(
        {
            "slug": {"type": "string", "pattern": SLUG, "maxLength": 80},
            "name": text("The organisation's name, as it calls itself.", 200),
            "aliases": {
                "type": "array",
                "uniqueItems": True,
                "items": text("Another spelling the cases use.", 200),
            },
            "sector": term(vocabulary.sectors),
            "country": {"type": "string", "minLength": 1},
            "parent": {"type": "string", "pattern": SLUG},
            "wikidata": {"type": "string", "pattern": WIKIDATA},
            "website": {"type": "string", "pattern": URL_PATTERN, "maxLength": 2000},
        },
        ["slug", "name", "sector", "country"],
        "An organisation.",
    )
    return {"type": "array", "items": entry}


@cache
def _validator(vocabulary: Vocabulary) -> Draft202012Validator:
    return Draft202012Validator(registry_schema(vocabulary))


def load_registry(path: Path, shown: str, vocabulary: Vocabulary) -> Registry:
    """The registry at `path` (NO_REGISTRY where there is none), checked: every problem at
    its line. Entries with an error are left out; the others are kept."""
    if not path.exists():
        return replace(NO_REGISTRY, path=shown)
    try:
        raw = read_contributed(path)
    except CaseFileError as exc:
        return _unreadable(shown, exc)
    return _registry(raw, shown, vocabulary)


def _unreadable(shown: str, exc: CaseFileError) -> Registry:
    return Registry(shown, (), (Problem(shown, exc.line, exc.field, exc.message),))


@lru_cache(maxsize=4)
def _registry(raw: bytes, shown: str, vocabulary: Vocabulary) -> Registry:
    """The registry read from its bytes: a preview reads it again only after it changed."""
    try:
        document = read_yaml(raw)
    except CaseFileError as exc:
        return _unreadable(shown, exc)
    if not isinstance(document.data, list):
        message = "expected a list of organisations, each starting with '- slug: ...'"
        return Registry(shown, (), (Problem(shown, 1, "file", message),))
    validator = _validator(vocabulary)
    data = repair_text(document.data, validator.schema, (), document)
    problems = list(schema_problems(shown, data, document, validator))
    problems += _registry_problems(shown, data, document)
    bad = _entries_at({p.line for p in problems if p.severity == "error"}, document)
    organisations = []
    for number, item in enumerate(data):
        if not isinstance(item, dict) or number in bad:
            continue
        organisations.append(_build(item, document.line_of((number,))))
    return Registry(shown, tuple(organisations), tuple(sorted(problems)))


def _entries_at(lines: set[int], document: Document) -> set[int]:
    """The numbers of the entries that have a value on one of `lines` (found in one pass over
    the document's lines: one pass an entry took 0.15 s for 400 entries)."""
    return {where[0] for where, line in document.lines.items() if line in lines and where}


def _registry_problems(shown: str, data: list[Any], document: Document) -> Iterator[Problem]:
    entries = [(n, item) for n, item in enumerate(data) if isinstance(item, dict)]
    slugs: dict[str, int] = {}
    names: dict[str, tuple[str, int]] = {}
    for number, item in entries:
        slug = item.get("slug")
        if isinstance(slug, str):
            if slug in slugs:
                where = (number, "slug")
                message = f"slug '{slug}' is already the slug of the entry at line {slugs[slug]}; keep one"
                yield Problem(shown, document.line_of(where), dotted(where), message)
            else:
                slugs[slug] = document.line_of((number, "slug"))
        country = item.get("country")
        if isinstance(country, str):
            message = country_problem(country)
            if message:
                where = (number, "country")
                yield Problem(shown, document.line_of(where), dotted(where), message)
        spelt = [("name", item.get("name"))] + [
            (("aliases", i), alias) for i, alias in enumerate(item.get("aliases") or [])
        ]
        for key, name in spelt:
            if not isinstance(name, str):
                continue
            where = (number, *key) if isinstance(key, tuple) else (number, key)
            other = names.get(normalised(name))
            if other and other[0] != slug:
                message = (
                    f"'{name}' is already a name of '{other[0]}' (line {other[1]}): a name leads to one entry"
                )
                yield Problem(shown, document.line_of(where), dotted(where), message)
            else:
                names.setdefault(normalised(name), (str(slug), document.line_of(where)))
    for number, item in entries:
        parent = item.get("parent")
        if isinstance(parent, str) and re.fullmatch(SLUG, parent):
            where = (number, "parent")
            if parent not in slugs:
                hint = did_you_mean(parent, sorted(slugs))
                message = f"no organisation '{parent}'{hint}: expected the slug of another entry"
                yield Problem(shown, document.line_of(where), dotted(where), message)
            elif _circular(item.get("slug"), parent, {i.get("slug"): i.get("parent") for _, i in entries}):
                message = (
                    f"'{parent}' is below this organisation itself: a group cannot be inside its own arm"
                )
                yield Problem(shown, document.line_of(where), dotted(where), message)


def _circular(slug: Any, parent: str, parents: dict[Any, Any]) -> bool:
    seen = set()
    while isinstance(parent, str) and parent not in seen:
        if parent == slug:
            return True
        seen.add(parent)
        parent = parents.get(parent)
    return False


def _build(item: dict[str, Any], line: int) -> Organisation:
    return Organisation(
        slug=item["slug"],
        name=item["name"].strip(),
        aliases=tuple(a.strip() for a in item.get("aliases") or ()),
        sector=item["sector"],
        country=item["country"],
        parent=item.get("parent"),
        wikidata=item.get("wikidata"),
        website=item.get("website"),
        line=line,
    )


def suggested_entry(name: str, sector: str, country: str) -> str:
    """The registry entry to paste for a new name, as one line of YAML flow mappings."""
    slug = re.sub(
        r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    )
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    slug = slug.strip("-")[:60].strip("-") or "new-organisation"
    return f"- {{slug: {slug}, name: {quoted}, sector: {sector}, country: {country}}}"


def resolve_cases(cases: Iterable[Case], registry: Registry) -> tuple[tuple[Case, ...], list[Problem]]:
    """Each case with its office's and its partners' entries filled in, and the problems of
    the names that do not resolve: a near miss (an error, with a did-you-mean) or a new name
    (a warning, with the entry to add). Without a registry, the cases as they are."""
    if not registry.present:
        return tuple(cases), []
    resolved: list[Case] = []
    problems: list[Problem] = []
    for case in cases:
        office = _look_up(case.organisation, "organisation", case.organisation_line, case, registry, problems)
        partners = []
        groups: dict[str, None] = {}
        for number, partner in enumerate(case.partners, start=1):
            if partner.anonymous:
                partners.append(partner)
                continue
            where = f"partners[{number}].name"
            found = _look_up(partner.name, where, partner.line, case, registry, problems, partner.sector)
            partners.append(replace(partner, organisation=found.slug) if found else partner)
            if found:
                groups.update(dict.fromkeys(registry.lineage(found.slug)))
        resolved.append(
            replace(
                case,
                organisation_slug=office.slug if office else None,
                partners=tuple(partners),
                partner_organisations=tuple(groups),
            )
        )
    return tuple(resolved), problems


def _look_up(
    name: str,
    where: str,
    line: int,
    case: Case,
    registry: Registry,
    problems: list[Problem],
    sector: str = "government",
) -> Organisation | None:
    found = registry.resolve(name)
    if found is not None:
        return found
    near = registry.near(name)
    if near is not None:
        message = (
            f"'{name}' is not in {registry.path} (did you mean '{near.name}'?): write the name as "
            f"the registry does, or add this spelling to the aliases of '{near.slug}'"
        )
        problems.append(Problem(case.path, line, where, message))
        return None
    anonymous = (
        " or, for a partner that is not one organisation, add 'anonymous: true' under it"
        if where != "organisation"
        else ""
    )
    message = (
        f"'{name}' is not in {registry.path} yet: add it there{anonymous}; "
        f"for example {suggested_entry(name, sector, case.country)}"
    )
    problems.append(Problem(case.path, line, where, message, "warning"))
    return None


OFFICE, PARTNER = "office", "partner"


@dataclass(frozen=True)
class Involvement:
    """A case an organisation took part in, as the office that ran it or as a partner; `via`
    is the entry the case names: the organisation itself, or one of its national arms."""

    case: Case
    role: str  # OFFICE or PARTNER
    via: Organisation


@dataclass(frozen=True, eq=False)
class Organisations:
    """Who took part in which case, for the organisations' pages and the `org` facet."""

    registry: Registry
    involvements: dict[str, tuple[Involvement, ...]]  # slug -> its cases' and its arms', in case order

    @cached_property
    def listed(self) -> tuple[Organisation, ...]:
        """The entries that took part in a case of the edition (a page each), by name."""
        by_slug = self.registry.by_slug
        return tuple(
            sorted((by_slug[s] for s in self.involvements), key=lambda o: (o.name.casefold(), o.slug))
        )

    def count(self, slug: str, role: str) -> int:
        return len({i.case.slug for i in self.involvements.get(slug, ()) if i.role == role})

    def in_role(self, role: str) -> tuple[tuple[Organisation, int], ...]:
        """The entries with a case in `role`, with the number of such cases, by name."""
        return tuple((o, n) for o in self.listed if (n := self.count(o.slug, role)))

    def partner_names(self) -> dict[str, str]:
        """slug -> name of every entry a case names as a partner (or a group of one), by name."""
        return {o.slug: o.name for o in self.listed if self.count(o.slug, PARTNER)}


def organisations_of(cases: Iterable[Case], registry: Registry) -> Organisations:
    """Each entry's involvements in `cases` (resolved: see `resolve_cases`), a group's
    including its arms'."""
    found: dict[str, list[Involvement]] = {}
    by_slug = registry.by_slug
    for case in cases:
        named = [(case.organisation_slug, OFFICE)] + [(p.organisation, PARTNER) for p in case.partners]
        seen: set[tuple[str, str]] = set()
        for slug, role in named:
            if slug is None or slug not in by_slug:
                continue
            for above in registry.lineage(slug):
                if (above, role) not in seen:
                    seen.add((above, role))
                    found.setdefault(above, []).append(Involvement(case, role, by_slug[slug]))
    return Organisations(registry, {slug: tuple(items) for slug, items in found.items()})
