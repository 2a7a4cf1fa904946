"""Synthetic case files for the benchmark: valid, varied, deterministic (seeded)."""

from __future__ import annotations

import random
from pathlib import Path

import pycountry
import yaml
from casebook.core.vocabulary import load_vocabulary

WORDS = [
    "partnership",
    "statistics",
    "office",
    "data",
    "supplier",
    "agreement",
    "confidentiality",
    "momentum",
    "survey",
    "register",
    "census",
    "mobile",
    "network",
    "operator",
    "university",
    "ministry",
    "pilot",
    "access",
    "methodology",
    "quality",
    "trust",
    "governance",
    "secretariat",
    "seminar",
    "indicator",
    "timeliness",
    "privacy",
    "platform",
    "innovation",
    "users",
    "policy",
    "budget",
    "project",
    "team",
    "exchange",
    "training",
    "licence",
    "model",
    "sample",
]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def case_file(number: int, rng: random.Random) -> tuple[str, dict, str]:
    """(slug, front matter, body) of one synthetic case."""
    vocabulary = load_vocabulary()
    countries = [c.alpha_2 for c in pycountry.countries][:60]
    types = rng.sample(vocabulary.types.slugs, rng.randint(1, 2))
    challenges = rng.sample(vocabulary.challenges.slugs, rng.randint(1, 3))
    lessons = []
    for _ in range(rng.randint(2, 5)):
        lesson: dict = {
            "text": _sentence(rng, rng.randint(12, 30)),
            "stage": rng.choice(vocabulary.stages.slugs),
        }
        if rng.random() < 0.2:
            lesson["partnership_types"] = [rng.choice(vocabulary.types.slugs)]
        lessons.append(lesson)
    start = rng.randint(2005, 2024)
    front = {
        "title": f"Case {number}: {_sentence(rng, 5)[:-1]}",
        "summary": _sentence(rng, 25),
        "organisation": f"Statistical office {number % 97}",
        "country": rng.choice(countries),
        "partners": [
            {
                "name": f"Partner {rng.randint(1, 999) % PARTNERS + 1}",
                "sector": rng.choice(vocabulary.sectors.slugs),
            }
            for _ in range(rng.randint(1, 3))
        ],
        "partnership_types": types,
        "challenges": challenges,
        "status": rng.choice(vocabulary["statuses"].slugs),
        "period": {"start": start, "end": start + rng.randint(0, 5)},
        "lessons": lessons,
        "sources": [
            {"title": _sentence(rng, 6), "url": f"https://example.org/{rng.randint(1, 9999)}/report"}
            for _ in range(rng.randint(1, 3))
        ],
        "last_reviewed": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    }
    sections = ("Context", "The partnership", "What worked", "What was difficult", "Outcome")
    body = "\n".join(
        f"## {s}\n\n" + " ".join(_sentence(rng, rng.randint(10, 25)) for _ in range(4)) + "\n"
        for s in sections
    )
    return f"synthetic-case-{number:05d}", front, body


# The registry of organisations the synthetic cases name: the 97 offices, PARTNERS partners,
# and GROUPS groups that every third partner belongs to (a few hundred organisations in all).
OFFICES, PARTNERS, GROUPS = 97, 300, 20


def registry_text() -> str:
    """organisations.yml for the synthetic cases."""
    countries = [c.alpha_2 for c in pycountry.countries][:60]
    sectors = load_vocabulary().sectors.slugs
    entries = [
        f"- {{slug: office-{n}, name: Statistical office {n}, sector: government, "
        f"country: {countries[n % 60]}}}"
        for n in range(OFFICES)
    ]
    entries += [
        f"- {{slug: group-{n}, name: Group {n}, sector: private, country: {countries[n % 60]}}}"
        for n in range(GROUPS)
    ]
    for n in range(1, PARTNERS + 1):
        parent = f", parent: group-{n % GROUPS}" if n % 3 == 0 else ""
        entries.append(
            f"- {{slug: partner-{n}, name: Partner {n}, sector: {sectors[n % len(sectors)]}, "
            f"country: {countries[n % 60]}{parent}}}"
        )
    return "\n".join(entries) + "\n"


def write_cases(folder: Path, count: int, seed: int = 2017) -> list[tuple[str, dict, str]]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder.parent / "organisations.yml").write_text(registry_text(), encoding="utf-8")
    cases = [case_file(n, rng) for n in range(1, count + 1)]
    for slug, front, body in cases:
        text = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n" + body
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    return cases
