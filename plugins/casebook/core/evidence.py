"""How strong the evidence for a recommendation is: computed from its examples' roles and the
cited cases' outcomes, never written by hand. The rules are published with the guidelines
(/guidelines/evidence/), and are these:

- a case *reports its outcome* when its status says it ended (completed, ended by breakdown,
  ended for lack of funding), or when it is ongoing with a development in its timeline
  within the two years before its last review (a date of a year or a month counts to its
  last day);
- **strong**: the practice worked (an example with the role `worked`) in at least two
  different offices whose cases report the outcome;
- **moderate**: it worked in one such office, and an example from another office shows the
  same point from the other side (`cautionary`: its absence did harm; or `mixed`);
- **limited**: anything else: cautionary or mixed examples only, or unknown outcomes.

An office is a case's `organisation`: two cases of one office count once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Case
from .timeline import ENDED, FOLLOW_UP_YEARS, years_before

ROLES = ("worked", "cautionary", "mixed")
GRADES = ("strong", "moderate", "limited")


def reports_outcome(case: Case) -> bool:
    """Whether the case says how things turned out, as of its latest source."""
    if case.status in ENDED:
        return True
    if case.status != "ongoing" or not case.timeline or not case.last_reviewed:
        return False
    reviewed = dt.date.fromisoformat(case.last_reviewed)
    latest = max(entry.latest for entry in case.timeline)  # a date's last day: '2024' is all of 2024
    return latest >= years_before(reviewed, FOLLOW_UP_YEARS)


@dataclass(frozen=True)
class Grade:
    level: str  # strong, moderate or limited
    worked: tuple[str, ...]  # offices where it worked and whose cases report the outcome
    cautionary: int
    mixed: int
    unknown: int  # worked examples whose cases do not report the outcome

    @property
    def rank(self) -> int:
        """0 for strong, 1 for moderate, 2 for limited: for sorting, strongest first."""
        return GRADES.index(self.level)


def grade(examples: Iterable[tuple[str, Case]]) -> Grade:
    """The grade of a recommendation from its examples as (role, case)."""
    worked: dict[str, None] = {}
    other_offices: set[str] = set()
    counts = {"cautionary": 0, "mixed": 0, "unknown": 0}
    for role, case in examples:
        if role == "worked":
            if reports_outcome(case):
                worked[case.organisation] = None
            else:
                counts["unknown"] += 1
        else:
            counts[role] += 1
            other_offices.add(case.organisation)
    if len(worked) >= 2:
        level = "strong"
    elif len(worked) == 1 and other_offices - set(worked):
        level = "moderate"
    else:
        level = "limited"
    return Grade(level, tuple(worked), counts["cautionary"], counts["mixed"], counts["unknown"])
