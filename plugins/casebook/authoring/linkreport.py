"""lychee's JSON report as a Markdown summary for curators: each broken address with the
file and line that cites it. `scripts/check-links` runs lychee and then this;
the weekly workflow (.github/workflows/links.yml) shows the summary on the run's page.

    python -m casebook.authoring.linkreport REPORT.json      prints the summary; exit 1 if a link is broken
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# lychee's report groups failures by kind; each kind's map is file -> [response, ...].
FAILURE_MAPS = {"error_map": "broken", "timeout_map": "timed out"}


@dataclass(frozen=True, order=True)
class Broken:
    path: str
    line: int
    url: str
    status: str


def broken_links(report: dict[str, Any]) -> list[Broken]:
    found: list[Broken] = []
    for key, kind in FAILURE_MAPS.items():
        for path, responses in (report.get(key) or {}).items():
            for response in responses:
                status = response.get("status") or {}
                text = status.get("text") or kind
                found.append(Broken(path, (response.get("span") or {}).get("line", 1), response["url"], text))
    return sorted(found)


def summary(report: dict[str, Any]) -> str:
    broken = broken_links(report)
    checked = report.get("unique", report.get("total", 0))
    if not broken:
        return f"## Sources: every link works\n\n{checked} addresses checked; none is broken.\n"
    rows = "\n".join(f"| `{b.path}:{b.line}` | <{b.url}> | {_cell(b.status)} |" for b in broken)
    return (
        f"## Sources: {len(broken)} broken link{'s' if len(broken) != 1 else ''}\n\n"
        f"{checked} addresses checked. Find each document's current address at its publisher "
        "(never a copy on a document-mirror site), or remove the source and what only it supports.\n\n"
        "| where | address | what happened |\n|---|---|---|\n"
        f"{rows}\n"
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m casebook.authoring.linkreport REPORT.json", file=sys.stderr)
        return 2
    report = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    print(summary(report), end="")
    return 1 if broken_links(report) else 0


if __name__ == "__main__":
    sys.exit(main())
