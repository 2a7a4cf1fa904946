"""The vocabulary: terms declared once in `vocabulary.yml`, read by everything else."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .languages import DEFAULT
from .yamlfile import load_data


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    description: str


@dataclass(frozen=True)
class Group:
    """A named list of terms, such as the partnership types."""

    name: str
    label: str
    plural: str
    param: str | None  # the query parameter of its filter, where it is a facet
    terms: tuple[Term, ...]
    folder: str | None = None  # where its term pages live, where it has them
    _by_slug: dict[str, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Lookups run once per tag per case: keep them O(1) on a frozen object.
        object.__setattr__(self, "_by_slug", {t.slug: t for t in self.terms})

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(term.slug for term in self.terms)

    def label_of(self, slug: str) -> str:
        return self._by_slug[slug].label

    def term_of(self, slug: str) -> Term:
        return self._by_slug[slug]


@dataclass(frozen=True)
class Dimension:
    """What a case is filed under that is not a list of terms: its country."""

    name: str
    label: str
    plural: str
    param: str
    folder: str


@dataclass(frozen=True, eq=False)  # hashed by identity: caches key on the loaded vocabulary
class Vocabulary:
    groups: dict[str, Group]
    country: Dimension
    facets: dict[str, tuple[str, ...]]  # 'lessons' and 'cases': group names, or 'country'
    language: str = DEFAULT  # the language of its labels and descriptions
    source: str = ""  # vocabulary.yml's text, from which `in_language` reads the others
    organisation: Dimension | None = None  # the partners' organisations, from the registry

    @property
    def dimensions(self) -> tuple[Dimension, ...]:
        """What cases are filed under besides the groups: the country, the organisations."""
        return (self.country,) + ((self.organisation,) if self.organisation else ())

    def __getitem__(self, name: str) -> Group:
        return self.groups[name]

    def facet(self, name: str) -> Group | Dimension:
        """A facet by its name in `facets`: a group, or the country."""
        return next((d for d in self.dimensions if d.name == name), None) or self.groups[name]

    def facet_of_param(self, param: str) -> Group | Dimension:
        """The facet whose query parameter is `param`."""
        return next(
            self.facet(name)
            for name in (*self.groups, *(d.name for d in self.dimensions))
            if self.facet(name).param == param
        )

    def param(self, name: str) -> str:
        """The query parameter of a facet ('partnership_types' -> 'type')."""
        param = self.facet(name).param
        if not param:
            raise ValueError(f"vocabulary group {name} needs a 'param' to be a facet")
        return param

    def folder(self, name: str) -> str:
        """Where the pages of a group's terms, or of countries, live ('partnership_types' -> 'types')."""
        folder = self.facet(name).folder
        if not folder:
            raise ValueError(f"vocabulary group {name} has no 'folder' for its pages")
        return folder

    def in_language(self, language: str) -> Vocabulary:
        """The same vocabulary with its labels in `language` (itself if it has no source)."""
        if language == self.language or not self.source:
            return self
        return _parse_cached(self.source, language)

    @property
    def types(self) -> Group:
        return self.groups["partnership_types"]

    @property
    def challenges(self) -> Group:
        return self.groups["challenges"]

    @property
    def stages(self) -> Group:
        return self.groups["stages"]

    @property
    def sectors(self) -> Group:
        return self.groups["sectors"]


def parse_vocabulary(text: str, language: str = DEFAULT) -> Vocabulary:
    """The vocabulary with its labels and descriptions in `language`: each group and term gives
    them in English and, under a language's code, in that language (`fr: {label, description}`);
    where it does not, the English stands (tests/test_vocabulary.py requires every one)."""
    data = dict(_data(text))
    country = data.pop("country")
    organisation = data.pop("organisation", None)
    facets = {name: tuple(names) for name, names in data.pop("facets").items()}
    groups = {
        name: Group(
            name=name,
            label=_in(spec, "label", language),
            plural=_in(spec, "plural", language),
            param=spec.get("param"),
            terms=tuple(
                Term(t["slug"], _in(t, "label", language), _in(t, "description", language))
                for t in spec["terms"]
            ),
            folder=spec.get("folder"),
        )
        for name, spec in data.items()
    }
    dimension = Dimension(
        "country",
        _in(country, "label", language),
        _in(country, "plural", language),
        country["param"],
        country["folder"],
    )
    return Vocabulary(
        groups, dimension, facets, language, text, _dimension("organisation", organisation, language)
    )


def _dimension(name: str, spec: dict | None, language: str) -> Dimension | None:
    if spec is None:
        return None
    return Dimension(
        name, _in(spec, "label", language), _in(spec, "plural", language), spec["param"], spec["folder"]
    )


def _in(spec: dict, key: str, language: str) -> str:
    """A label or description in `language`, or in English where it is not given."""
    return (spec.get(language) or {}).get(key) or spec[key]


def load_vocabulary(language: str = DEFAULT) -> Vocabulary:
    """The vocabulary shipped with Casebook, in `language` (read once per process and language)."""
    return _parse_cached(_shipped(), language)


@cache
def _shipped() -> str:
    return resources.files(__package__).joinpath("vocabulary.yml").read_text(encoding="utf-8")


@cache  # read once for all the languages (only its top level is copied, and nothing is changed below)
def _data(text: str) -> dict[str, Any]:
    return load_data(text)


@cache
def _parse_cached(text: str, language: str) -> Vocabulary:
    return parse_vocabulary(text, language)
