"""The vocabulary: terms declared once in `vocabulary.yml`, read by everything else."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml


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
    param: str | None
    terms: tuple[Term, ...]
    _by_slug: dict[str, Term] = field(init=False, repr=False, compare=False)
    _order: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Lookups run once per tag per case: keep them O(1) on a frozen object.
        object.__setattr__(self, "_by_slug", {t.slug: t for t in self.terms})
        object.__setattr__(self, "_order", {t.slug: i for i, t in enumerate(self.terms)})

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(term.slug for term in self.terms)

    def term(self, slug: str) -> Term:
        return self._by_slug[slug]

    def label_of(self, slug: str) -> str:
        return self._by_slug[slug].label

    def order(self, slug: str) -> int:
        """Position of a term as declared: listings follow the vocabulary's order."""
        return self._order[slug]


@dataclass(frozen=True, eq=False)  # hashed by identity: caches key on the loaded vocabulary
class Vocabulary:
    groups: dict[str, Group]

    def __getitem__(self, name: str) -> Group:
        return self.groups[name]

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


def parse_vocabulary(text: str) -> Vocabulary:
    data = yaml.safe_load(text)
    groups = {
        name: Group(
            name=name,
            label=spec["label"],
            plural=spec["plural"],
            param=spec.get("param"),
            terms=tuple(Term(t["slug"], t["label"], t["description"]) for t in spec["terms"]),
        )
        for name, spec in data.items()
    }
    return Vocabulary(groups)


@cache
def load_vocabulary() -> Vocabulary:
    """The vocabulary shipped with Casebook (read once per process)."""
    text = resources.files(__package__).joinpath("vocabulary.yml").read_text(encoding="utf-8")
    return parse_vocabulary(text)
