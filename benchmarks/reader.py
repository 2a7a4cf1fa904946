"""What a reader's browser does with a large site: the first search and filter changes.

Measured in Debian's Chromium through Playwright, against the built site served on
localhost (see tests/browser.py for the launch arguments).
"""

from __future__ import annotations

import gzip
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import CHROMIUM, CHROMIUM_ARGS, serve

# From a click on a facet to the list updated (the handler has run) and to the next frame
# painted (a requestAnimationFrame, then a task after it).
FILTER_CHANGE = """async (selector) => {
  const box = document.querySelector(selector);
  const start = performance.now();
  box.click();
  const updated = performance.now() - start;
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return [updated, performance.now() - start];
}"""


def reader_figures(site: Path, query: str = "partnership") -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    lessons_html = (site / "lessons" / "index.html").read_bytes()
    figures = {
        "lessons_page_mb": round(len(lessons_html) / 1e6, 2),
        "lessons_page_gzip_mb": round(len(gzip.compress(lessons_html)) / 1e6, 2),
        "cases_page_mb": round((site / "cases" / "index.html").stat().st_size / 1e6, 2),
    }
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        search_bytes: list[int] = []
        page.on(
            "response",
            lambda response: (
                search_bytes.append(len(response.body())) if "/pagefind/" in response.url else None
            ),
        )
        page.goto(url + "search/", wait_until="networkidle")
        page.get_by_label("Search the case studies").fill(query)
        page.locator(".pagefind-ui__result").first.wait_for()
        page.wait_for_load_state("networkidle")
        figures["first_search_kb"] = round(sum(search_bytes) / 1e3, 1)

        # The lessons explorer (lessons drawn from its data file) and the cases listing
        # (every case a row of the page, where type, challenge and country pages send
        # readers for all their cases).
        boxes = ["#f-type-co-creation", "#f-challenge-maintaining-momentum", "#f-sector-private"]
        for prefix, path, extra in (
            ("filter", "lessons/", ["#f-stage-running"]),
            ("cases_filter", "cases/", []),
        ):
            page.goto(url + path, wait_until="load")
            page.locator("[data-cb-filterable][data-cb-started]").wait_for(state="attached")
            ticks = boxes + extra
            times = [page.evaluate(FILTER_CHANGE, selector) for selector in ticks + ticks]  # tick, untick
            updated, painted = [t[0] for t in times], [t[1] for t in times]
            figures[f"{prefix}_ms_median"] = round(statistics.median(updated), 1)
            figures[f"{prefix}_ms_max"] = round(max(updated), 1)
            figures[f"{prefix}_painted_ms_median"] = round(statistics.median(painted), 1)
            figures[f"{prefix}_painted_ms_max"] = round(max(painted), 1)
        browser.close()
    return figures
