"""The feed's entries: one a case, newest first, dated from the cases and their commits,
never from the clock (two builds of the same input are byte-identical)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..core.index import Index
from ..core.model import Case

EPOCH = "1970-01-01"


def last_commit_dates(folder: Path) -> dict[str, str]:
    """File name -> date (YYYY-MM-DD) of its last commit, from one `git log`; {} outside git.

    A case's feed entry is dated by the later of `last_reviewed` and this, so an edit that
    forgot to update `last_reviewed` still shows as an update.
    """
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    date = EPOCH
    for line in result.stdout.splitlines():
        if line.startswith("\x00"):
            date = line[1:]
        elif line.strip():
            dates.setdefault(Path(line).name, date)  # newest commit comes first
    return dates


@dataclass(frozen=True)
class FeedEntry:
    case: Case
    updated: str  # YYYY-MM-DD


def feed_entries(index: Index, commit_dates: dict[str, str]) -> tuple[FeedEntry, ...]:
    """One entry a case, newest first; dated without the clock, so builds are reproducible."""
    entries = [
        FeedEntry(case, max(case.last_reviewed or EPOCH, commit_dates.get(f"{case.slug}.md", EPOCH)))
        for case in index.cases
    ]
    return tuple(sorted(entries, key=lambda e: (e.updated, e.case.slug), reverse=True))
