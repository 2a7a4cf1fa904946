"""What a language costs: the three-language build against the English-only build of the same
collection, side by side in one run, and each language's first search.

    .venv/bin/python benchmarks/languages.py                 # 5,000 cases, 10% translated
    .venv/bin/python benchmarks/languages.py --cases 1000    # a quick look

N synthetic cases (benchmarks/synthetic.py) are written once; a share of them (10%) gets a
French and a Russian translation, each with the digest of its original (so none is out of
date), written word for word from a small French and Russian word list. Both builds use the
shipped site configuration (its hand-written pages in three languages), without the guidelines
PDF; they run `--repeat` times (3), in turn, each into an empty output folder, and the fastest
of each counts. Then each language's first search is measured in Chromium on the
three-language site, as benchmarks/reader.py measures the English one: every byte the search
page fetches from /pagefind/ for one query.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import CHROMIUM, CHROMIUM_ARGS, serve
from casebook.core.translations import digest
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from run import casebook_project, measure_build
from synthetic import WORDS

# The synthetic cases' words, in French and Russian, so that each language's index has its own.
FRENCH = dict(zip(WORDS, [
    "partenariat", "statistique", "institut", "données", "fournisseur", "accord", "confidentialité",
    "élan", "enquête", "registre", "recensement", "mobile", "réseau", "opérateur", "université",
    "ministère", "pilote", "accès", "méthodologie", "qualité", "confiance", "gouvernance",
    "secrétariat", "séminaire", "indicateur", "actualité", "vie-privée", "plateforme", "innovation",
    "usagers", "politique", "budget", "projet", "équipe", "échange", "formation", "licence",
    "modèle", "échantillon",
], strict=True))  # fmt: skip
RUSSIAN = dict(zip(WORDS, [
    "партнёрство", "статистика", "управление", "данные", "поставщик", "соглашение",
    "конфиденциальность", "импульс", "обследование", "регистр", "перепись", "мобильный", "сеть",
    "оператор", "университет", "министерство", "пилот", "доступ", "методология", "качество",
    "доверие", "управляемость", "секретариат", "семинар", "индикатор", "своевременность",
    "приватность", "платформа", "инновации", "пользователи", "политика", "бюджет", "проект",
    "команда", "обмен", "обучение", "лицензия", "модель", "выборка",
], strict=True))  # fmt: skip
QUERIES = {"en": "partnership", "fr": "partenariat", "ru": "партнёрство"}


def translated(text: str, words: dict[str, str]) -> str:
    """A synthetic text in another language: each known word replaced by its counterpart, line
    by line, so that a story keeps its headings and paragraphs as a real translation does
    (joined into one line, the whole story became one heading, and the page three times its size)."""
    return "\n".join(
        " ".join(words.get(word.strip(".:").lower(), word) for word in line.split())
        for line in text.split("\n")
    )


def write_translations(folder: Path, cases: list, share: float) -> int:
    """A French and a Russian translation of every 1/share-th case; how many cases have them."""
    vocabulary = load_vocabulary()
    step = max(1, round(1 / share))
    chosen = cases[::step]
    for slug, front, body in chosen:
        path = folder / f"{slug}.md"
        case, _ = read_case(str(path), path.read_bytes(), vocabulary)
        assert case is not None
        for language, words in (("fr", FRENCH), ("ru", RUSSIAN)):
            data = {
                "title": translated(front["title"], words),
                "summary": translated(front["summary"], words),
                "lessons": [{"text": translated(lesson["text"], words)} for lesson in front["lessons"]],
                "translation": {"method": "machine", "by": "benchmark", "source_digest": digest(case)},
            }
            text = "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n\n"
            (folder / f"{slug}.{language}.md").write_text(text + translated(body, words), encoding="utf-8")
    return len(chosen)


def set_languages(root: Path, languages: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("      languages:")]
    anchor = "      cases_dir: cases\n"
    config.write_text(
        "".join(lines).replace(anchor, f"{anchor}      languages: {languages}\n"), encoding="utf-8"
    )


def first_searches(site: Path) -> dict[str, float]:
    """kB each language's search page fetches from /pagefind/ for its first query."""
    from playwright.sync_api import sync_playwright

    found = {}
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language, query in QUERIES.items():
            page = browser.new_page()
            fetched: list[int] = []
            page.on(
                "response", lambda r, f=fetched: f.append(len(r.body())) if "/pagefind/" in r.url else None
            )
            prefix = "" if language == "en" else f"{language}/"
            page.goto(f"{url}{prefix}search/", wait_until="networkidle")
            page.locator("[data-cb-search] input").fill(query)
            page.locator(".pagefind-ui__result").first.wait_for()
            page.wait_for_load_state("networkidle")
            found[language] = round(sum(fetched) / 1e3, 1)
            page.close()
        browser.close()
    return found


def run(count: int, share: float, repeat: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="casebook-languages-") as tmp:
        root = Path(tmp)
        cases = casebook_project(root, count)
        translated_cases = write_translations(root / "cases", cases, share)
        english, three = [], []
        # This machine runs its first minute of full load faster than the next ones: a build
        # of each kind first, untimed, and then the two kinds in turn, each first every other
        # time (the fastest English build was always the first build of the run).
        for languages in ("[en]", "[en, fr, ru]"):
            set_languages(root, languages)
            measure_build(root)
        for turn in range(repeat):
            order = [("[en]", english), ("[en, fr, ru]", three)]
            for languages, runs in order if turn % 2 == 0 else reversed(order):
                set_languages(root, languages)
                runs.append(measure_build(root))
        searches = first_searches(root / "site")
        return {
            "cases": count,
            "translated_each": translated_cases,
            "english_s": round(min(english)[0], 1),
            "three_s": round(min(three)[0], 1),
            "ratio": round(min(three)[0] / min(english)[0], 2),
            # Each three-language build against the English build of the same turn.
            "paired_ratio_median": round(
                statistics.median(t / e for (t, _), (e, _) in zip(three, english, strict=True)), 2
            ),
            "english_s_all": [round(s, 1) for s, _ in english],
            "three_s_all": [round(s, 1) for s, _ in three],
            "english_peak_mb": max(mb for _, mb in english),
            "three_peak_mb": max(mb for _, mb in three),
            "first_search_kb": searches,
        }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--share", type=float, default=0.1, help="the share of cases translated (0.1)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.cases, args.share, args.repeat)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(
        f"{result['cases']} cases, {result['translated_each']} translated into French and into Russian: "
        f"English only {result['english_s']} s, three languages {result['three_s']} s "
        f"(x{result['ratio']}; turn by turn, median x{result['paired_ratio_median']}); "
        f"builds {result['english_s_all']} / {result['three_s_all']}; "
        f"peak {result['english_peak_mb']} / {result['three_peak_mb']} MB"
    )
    print("first search (kB): " + ", ".join(f"{k} {v}" for k, v in result["first_search_kb"].items()))


if __name__ == "__main__":
    main()
