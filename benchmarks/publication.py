"""The guidelines publication at the scale of a large collection, as it is published: with
WeasyPrint installed, so that the build writes the PDF.

    .venv/bin/python benchmarks/publication.py              # N = 5000
    .venv/bin/python benchmarks/publication.py --cases 500  # a quick look

Generates N synthetic cases and guidelines that cite them as the shipped edition does (a
chapter for each challenge area, recommendations with examples of each role, the frameworks
and the three tools), then measures `casebook pdf` (seconds, peak memory, pages) and a full
site build with the PDF (seconds, and the size of every guidelines page: the largest is the
figure the targets speak of: at most 1 MB a page, the PDF in 30 s and 1 GB at 5,000 cases).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

import yaml
from pypdf import PdfReader
from run import REPO, measure
from synthetic import write_cases

ROLES = ("worked", "worked", "cautionary", "mixed")


def write_guidelines(folder: Path, cases: list, seed: int = 2027) -> int:
    """Guidelines citing the synthetic cases; returns the number of recommendations."""
    rng = random.Random(seed)
    shutil.copytree(REPO / "guidelines", folder, ignore=shutil.ignore_patterns("*.md", "tools"))
    frameworks = [entry["id"] for entry in yaml.safe_load((folder / "frameworks.yml").read_text())]
    by_challenge: dict[str, list[str]] = {}
    for slug, front, _ in cases:
        for number, lesson in enumerate(front["lessons"], start=1):
            for challenge in lesson.get("challenges", front["challenges"]):
                by_challenge.setdefault(challenge, []).append(f"{slug}#{number}")
    count = 0
    for challenge, refs in by_challenge.items():
        recommendations = []
        for n in range(5):
            examples = [{"ref": ref, "role": rng.choice(ROLES)} for ref in rng.sample(refs, 6)]
            recommendations.append(
                {
                    "title": f"Recommendation {n + 1} on {challenge}",
                    "actor": "partnership-lead",
                    "stage": "agreeing",
                    "text": "Why, and what the examples show. " * 8,
                    "safeguard": "A test that prevents misuse.",
                    "frameworks": rng.sample(frameworks, 2),
                    "advised_because": "A principle requires it.",
                    "examples": examples,
                }
            )
        count += len(recommendations)
        front = {"challenge": challenge, "recommendations": recommendations}
        text = "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\nThe chapter's introduction.\n"
        (folder / f"{challenge}.md").write_text(text, encoding="utf-8")
    for name in ("introduction.md", "executive-summary.md"):
        shutil.copy(REPO / "guidelines" / name, folder / name)
    summary = folder / "executive-summary.md"
    summary.write_text(summary.read_text().split("key_messages:")[0] + "---\nIn one page.\n")
    shutil.copytree(REPO / "guidelines/tools", folder / "tools")
    route = folder / "tools/route-to-data.yml"
    data = yaml.safe_load(route.read_text())
    slugs = [slug for slug, _, _ in cases]
    for outcome in data["outcomes"]:  # the shipped tool names real cases: name synthetic ones
        outcome["cases"] = rng.sample(slugs, 5)
    route.write_text(yaml.safe_dump(data, sort_keys=False))
    checklist = folder / "tools/agreement-checklist.yml"
    data = yaml.safe_load(checklist.read_text())
    for item in data["items"]:
        item["examples"] = rng.sample([ref for refs in by_challenge.values() for ref in refs], 3)
    checklist.write_text(yaml.safe_dump(data, sort_keys=False))
    return count


def run(count: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="casebook-publication-") as tmp:
        root = Path(tmp)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "docs", root / "docs")
        shutil.copytree(REPO / "overrides", root / "overrides")
        cases = write_cases(root / "cases", count)
        recommendations = write_guidelines(root / "guidelines", cases)
        pdf_s, pdf_mb = measure(["casebook.authoring.cli", "pdf", "-o", "guidelines.pdf"], root)
        pages = len(PdfReader(root / "guidelines.pdf").pages)
        start = time.perf_counter()
        build_s, build_mb = measure(["mkdocs", "build", "-q", "-d", "site"], root)
        wall = time.perf_counter() - start
        sizes = {
            str(path.parent.relative_to(root / "site")): path.stat().st_size
            for path in (root / "site/guidelines").rglob("index.html")
        }
        largest = max(sizes, key=sizes.get)
        return {
            "cases": count,
            "recommendations": recommendations,
            "pdf_s": round(pdf_s, 1),
            "pdf_peak_mb": pdf_mb,
            "pdf_pages": pages,
            "pdf_mb": round((root / "guidelines.pdf").stat().st_size / 1e6, 2),
            "site_build_with_pdf_s": round(build_s, 1),
            "site_build_wall_s": round(wall, 1),
            "site_build_peak_mb": build_mb,
            "largest_guidelines_page": largest,
            "largest_guidelines_page_kb": round(sizes[largest] / 1000),
            "guidelines_pages_kb": {name: round(size / 1000) for name, size in sorted(sizes.items())},
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=5000)
    print(json.dumps(run(parser.parse_args().cases), indent=2))


if __name__ == "__main__":
    main()
