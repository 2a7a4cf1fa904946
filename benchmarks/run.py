"""Casebook's build against a plain Material build of the same pages, at N cases.

    .venv/bin/python benchmarks/run.py              # N = 1000 and 5000
    .venv/bin/python benchmarks/run.py --sizes 200  # a quick look

For each N it generates N synthetic cases in a temporary folder (never committed), then
times in the same run (a) the Casebook build of the shipped site configuration with those
cases and (b) a plain Material build of the same case pages kept out of the nav, and
prints the ratio, the time per case, peak memory and output size, and how long
`casebook check` takes. Each build runs in its own process, so peak memory is the build's
(with its largest helper process). Each build runs `--repeat` times (5), the two kinds in turn,
each into an empty output folder, and the fastest of each counts: this machine's timings vary
by a third from run to run. The ratio of each Casebook build to the plain build right after it
is printed too, with its median.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reader import reader_figures
from synthetic import write_cases

REPO = Path(__file__).resolve().parent.parent
# Runs a command in this process and reports its peak memory (ru_maxrss, kB on Linux).
MEASURED = """
import resource, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_module(sys.argv[0], run_name="__main__")
except SystemExit as exit:
    code = exit.code or 0
else:
    code = 0
sys.stderr.write("\\nPEAK_KB=%d\\n" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
sys.exit(code)
"""

PLAIN_CONFIG = """\
site_name: Plain
site_url: https://casebook.example.org/
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - Home: index.md
validation:
  nav:
    omitted_files: ignore
"""


def measure(command: list[str], cwd: Path) -> tuple[float, int]:
    """Seconds and peak memory in MB of one run of a Python module's command line."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURED, *command], cwd=cwd, capture_output=True, text=True, env=env
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    peak = next(int(line[8:]) for line in result.stderr.splitlines() if line.startswith("PEAK_KB="))
    return seconds, peak // 1024


BUILD = ["mkdocs", "build", "-q", "-d", "site"]


def measure_build(root: Path) -> tuple[float, int]:
    """One `mkdocs build` of the project at `root` into an empty `site/`, as a fresh clone and
    CI build it: the first run of a benchmark found no earlier output and the others did, and
    MkDocs' removal of it (25,000 files of a Casebook site: 3 s here) went into their times."""
    shutil.rmtree(root / "site", ignore_errors=True)
    return measure(BUILD, root)


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def casebook_project(root: Path, count: int, languages: str = "[en]") -> list:
    """The shipped site with `count` synthetic cases. The guidelines PDF is left out: the plain
    build makes none, and its annex of every lesson would run to thousands of pages. English
    alone by default, as the plain build's pages are: what a language adds is measured apart
    (benchmarks/languages.py)."""
    lines = (REPO / "mkdocs.yml").read_text().splitlines(keepends=True)
    config = "".join(line for line in lines if not line.startswith("      languages:"))
    anchor = "      cases_dir: cases\n"
    options = f"      guidelines_pdf: false\n      languages: {languages}\n"
    (root / "mkdocs.yml").write_text(config.replace(anchor, anchor + options))
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")
    return write_cases(root / "cases", count)


def plain_project(root: Path, cases: list) -> None:
    """The same case pages as plain Markdown in docs/, out of the nav, with Material's search."""
    docs = root / "docs" / "cases"
    docs.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(PLAIN_CONFIG)
    (root / "docs" / "index.md").write_text("# Plain\n")
    for slug, front, body in cases:
        lessons = "\n".join(f"1. {lesson['text']}" for lesson in front["lessons"])
        text = f"# {front['title']}\n\n{front['summary']}\n\n{body}\n## Lessons learned\n\n{lessons}\n"
        (docs / f"{slug}.md").write_text(text, encoding="utf-8")


def run(count: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="casebook-bench-") as tmp:
        casebook_root, plain_root = Path(tmp) / "casebook", Path(tmp) / "plain"
        casebook_root.mkdir()
        plain_root.mkdir()
        cases = casebook_project(casebook_root, count)
        plain_project(plain_root, cases)
        lessons = sum(len(front["lessons"]) for _, front, _ in cases)
        check_s = min(measure(["casebook.authoring.cli", "check"], casebook_root)[0] for _ in range(repeat))
        casebook_runs, plain_runs = [], []
        for _ in range(repeat):  # interleaved, so both builds meet the same machine
            casebook_runs.append(measure_build(casebook_root))
            plain_runs.append(measure_build(plain_root))
        paired = [round(c / p, 2) for (c, _), (p, _) in zip(casebook_runs, plain_runs, strict=True)]
        casebook_s, casebook_mb = min(casebook_runs)[0], max(mb for _, mb in casebook_runs)
        plain_s, plain_mb = min(plain_runs)[0], max(mb for _, mb in plain_runs)
        return {
            "runs": repeat,
            "casebook_s_all": [round(s, 1) for s, _ in casebook_runs],
            "plain_s_all": [round(s, 1) for s, _ in plain_runs],
            # Each Casebook build against the plain build run right after it, on the same
            # machine in the same minute: less at the mercy of one lucky run than the fastest.
            "paired_ratios": paired,
            "paired_ratio_median": round(statistics.median(paired), 2),
            "cases": count,
            "lessons": lessons,
            "casebook_s": round(casebook_s, 2),
            "plain_s": round(plain_s, 2),
            "ratio": round(casebook_s / plain_s, 2),
            "ms_per_case": round(1000 * casebook_s / count, 2),
            "casebook_peak_mb": casebook_mb,
            "plain_peak_mb": plain_mb,
            "casebook_output_mb": round(size_mb(casebook_root / "site"), 1),
            "plain_output_mb": round(size_mb(plain_root / "site"), 1),
            "output_ratio": round(size_mb(casebook_root / "site") / size_mb(plain_root / "site"), 2),
            "check_s": round(check_s, 2),
            # Material's search downloads its whole index on the first search.
            "plain_first_search_kb": round(
                (plain_root / "site/search/search_index.json").stat().st_size / 1e3
            ),
            **reader_figures(casebook_root / "site"),
        }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument(
        "--repeat", type=int, default=5, help="builds of each kind; the fastest counts (default 5)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    results = [run(n, args.repeat) for n in args.sizes]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    columns = (
        "cases", "lessons", "casebook_s", "plain_s", "ratio", "ms_per_case", "casebook_peak_mb",
        "plain_peak_mb", "casebook_output_mb", "plain_output_mb", "output_ratio", "check_s",
    )  # fmt: skip
    print(" | ".join(columns))
    for result in results:
        print(" | ".join(str(result[c]) for c in columns))
        print(
            f"  builds (s): Casebook {result['casebook_s_all']}, plain {result['plain_s_all']}"
            f" (the fastest of each counts); build by build: {result['paired_ratios']},"
            f" median {result['paired_ratio_median']}"
        )
        print(
            f"  first search: {result['first_search_kb']} kB"
            f" (plain Material: {result['plain_first_search_kb']} kB);"
            f" lessons page {result['lessons_page_mb']} MB ({result['lessons_page_gzip_mb']} MB gzip);"
            f" filter change: list updated in {result['filter_ms_median']} ms median,"
            f" {result['filter_ms_max']} ms max; painted {result['filter_painted_ms_median']} ms median,"
            f" {result['filter_painted_ms_max']} ms max"
        )
        print(
            f"  cases listing ({result['cases_page_mb']} MB): filter change: list updated in"
            f" {result['cases_filter_ms_median']} ms median, {result['cases_filter_ms_max']} ms max;"
            f" painted {result['cases_filter_painted_ms_median']} ms median,"
            f" {result['cases_filter_painted_ms_max']} ms max"
        )
    if len(results) >= 2:
        first, last = results[0], results[-1]
        growth = last["casebook_s"] / first["casebook_s"]
        print(f"time growth {first['cases']} -> {last['cases']} cases: {growth:.2f}x "
              f"(linear: {last['cases'] / first['cases']:.1f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
