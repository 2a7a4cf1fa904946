"""Generated pages as the core renders them, without MkDocs."""

from __future__ import annotations

import re

from casebook.pages.render import CASES_SHOWN
from conftest import case_text, rendered_listing


def test_a_long_cases_table_shows_the_most_recently_reviewed_and_links_to_all(tmp_path):
    for n in range(CASES_SHOWN + 3):
        reviewed = f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}"
        text = case_text(title=f"Case {n:02d}", types="co-creation", reviewed=reviewed)
        (tmp_path / f"case-{n:02d}.md").write_text(text)
    table = rendered_listing(tmp_path, "types/co-creation.md")
    shown = re.findall(r">Case (\d\d)</a></td>", table)
    assert shown == [f"{n:02d}" for n in range(CASES_SHOWN + 2, 2, -1)]
    assert f"The {CASES_SHOWN} most recently reviewed of {CASES_SHOWN + 3} cases" in table
    link = f'href="../../cases/?type=co-creation">All {CASES_SHOWN + 3} cases in the cases listing</a>'
    assert link in table
