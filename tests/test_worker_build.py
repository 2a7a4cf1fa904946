"""Real builds in which the worker converts case pages: the site is the same either way."""

from __future__ import annotations

import re

from conftest import Project, case_yaml, differing_files

# Which process converts the case pages (see sharing.py), steered in the build's process.
THE_WORKER = "import casebook.speed.sharing as s; s.TwoEnds.take_front = lambda self, position: False"
THE_BUILD = "import casebook.speed.sharing as s; s.TwoEnds.take_back = lambda self: None"
EVERY_PAGE_DRAWN_AFRESH = (
    "import casebook.mkdocs.theme as t; t.SharedParts.folder = lambda self, url, links: None"
)

BODIES = {
    "footnotes": "## Context\n\nA claim.[^1] Another.[^note]\n\n[^1]: A source.\n[^note]: A second note.\n",
    "table": "## Figures\n\n| Year | Cases |\n|------|------:|\n| 2020 | 3 |\n| 2021 | 5 |\n",
    "admonition": '## Context\n\n!!! note "Good to know"\n    An admonition with **bold** text.\n',
    "definitions": "## Terms\n\nMNO\n:   A mobile network operator.\n\nNSO\n:   A statistical office.\n",
    # Attribute lists are printed as text, not applied (contributed prose sets no ids or classes).
    "attributes": (
        "## Context {#background}\n\nA paragraph with an id.\n{: .lead }\n\n"
        "Back to [the top](#context-background).\n"
    ),
    "same-headings": "## Context\n\nOne.\n\n## Context\n\nTwo.\n\n### Context\n\nThree.\n",
    "raw-html": (
        "## Context\n\n<details><summary>More</summary>Hidden text.</details>\n\n<script>alert(1)</script>\n"
    ),
    "links": (
        "## Context\n\nSee [a report](https://example.org/r), <https://example.org>, <office@example.org>.\n"
    ),
    "code": "## Context\n\n```python\ndef f():\n    return 1\n```\n\n    indented code\n",
    "relative-link": "## Context\n\nSee [the table case](table.md) and [its figures](table.md#figures).\n",
    "relative-image": (
        "## Context\n\n![A chart](https://example.org/chart.png) and ![a local one](chart.png).\n"
    ),
}
LEFT_TO_MKDOCS = {"relative-link", "relative-image"}


def add_cases(project: Project) -> None:
    for slug, body in BODIES.items():
        lessons = [{"text": f"A lesson of {slug}.", "stage": "running"}]
        text = case_yaml(slug.title(), ["co-creation"], ["it-industry"], lessons, body=body)
        project.add(f"{slug}.md", text)


def converted_by_worker(stderr: str) -> tuple[int, int]:
    found = re.search(r"the worker converted (\d+) of (\d+) case pages", stderr)
    assert found, stderr[-2000:]
    return int(found.group(1)), int(found.group(2))


def test_a_site_is_the_same_whether_the_worker_or_the_build_converts_the_case_pages(project: Project):
    add_cases(project)
    by_worker = project.build("-v", prelude=THE_WORKER)
    assert by_worker.returncode == 0, by_worker.stderr
    assert converted_by_worker(by_worker.stderr) == (len(BODIES) - len(LEFT_TO_MKDOCS), len(BODIES))
    first = project.site.rename(project.root / "by-worker")
    by_build = project.build("-v", prelude=THE_BUILD)
    assert by_build.returncode == 0, by_build.stderr
    assert converted_by_worker(by_build.stderr) == (0, len(BODIES))
    assert differing_files(first, project.site) == []


def test_links_to_other_pages_in_a_case_body_are_rewritten_as_mkdocs_does(project: Project):
    add_cases(project)
    assert project.build(prelude=THE_WORKER).returncode == 0
    html = project.page("cases/relative-link/")
    assert 'href="../table/"' in html and 'href="../table/#figures"' in html


def test_another_plugins_page_hook_sees_every_case_body(project: Project):
    add_cases(project)
    (project.root / "hook.py").write_text(
        "def on_page_markdown(markdown, page, config, files):\n"
        "    return markdown.replace('A paragraph with an id.', 'A paragraph a hook changed.')\n"
    )
    with (project.root / "mkdocs.yml").open("a") as config:
        config.write("\nhooks:\n  - hook.py\n")
    result = project.build("-v", prelude=THE_WORKER)
    assert result.returncode == 0, result.stderr
    assert converted_by_worker(result.stderr)[0] == 0
    assert "A paragraph a hook changed." in project.page("cases/attributes/")


def test_the_shared_parts_of_the_page_frame_are_the_ones_each_page_would_draw(project: Project):
    add_cases(project)
    assert project.build().returncode == 0
    shared = project.site.rename(project.root / "shared")
    assert project.build(prelude=EVERY_PAGE_DRAWN_AFRESH).returncode == 0
    assert differing_files(shared, project.site) == []
