"""Cases in any of the site's languages, and translations beside them: cases/<slug>.<lang>.md
holds only the translated text and where it comes from; facts stay in the original. A
translation is checked against its original with file and line, and marked out of date once
the original's text changes (its digest, as the contract defines it)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
import yaml
from casebook.core.collection import load_folder
from casebook.core.translations import digest, in_language, read_translation
from casebook.core.validate import read_case
from casebook.core.vocabulary import load_vocabulary
from conftest import case_text

VOCAB = load_vocabulary()
TODAY = dt.date(2026, 12, 7)


def original(text: str | None = None):
    case, problems = read_case("cases/cbs-mobile.md", (text or case_text()).encode(), VOCAB)
    assert case is not None, problems
    return case


def translation_text(source_digest: str, **changes: object) -> str:
    data: dict[str, object] = {
        "title": "Données de téléphonie mobile pour la population de jour",
        "summary": "Un institut de statistique a travaillé avec un opérateur.",
        "lessons": [
            {"text": "Convenir de qui peut voir les données."},
            {"text": "Tenir le partenaire informé."},
        ],
        "timeline": [
            {"event": "L'institut et l'opérateur ont convenu de travailler ensemble."},
            {"event": "Les premières statistiques ont été publiées."},
            {"event": "Le partenariat a pris fin comme prévu."},
        ],
        "translation": {"method": "machine", "by": "an engine", "source_digest": source_digest},
    }
    data.update(changes)
    return (
        "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\n## Contexte\n\nCorps.\n"
    )


def read(text: str, case=None, today: dt.date | None = TODAY):
    case = case or original()
    return read_translation("cases/cbs-mobile.fr.md", text.encode(), {case.slug: case}, today)


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_the_digest_is_the_contracts_sha256_of_the_originals_translatable_text():
    case = original()
    text = {
        "title": case.front_matter["title"],
        "summary": case.front_matter["summary"],
        "lessons": [lesson["text"] for lesson in case.front_matter["lessons"]],
        "timeline": [entry["event"] for entry in case.front_matter["timeline"]],
        "body": case.body.strip(),
    }
    expected = hashlib.sha256(json.dumps(text, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]
    assert digest(case) == expected


def test_a_case_without_a_timeline_digests_an_empty_one():
    text = case_text()
    start, end = text.index("timeline:"), text.index("sources:")
    case = original(text[:start] + text[end:])
    encoded = json.dumps(
        {
            "title": case.title,
            "summary": case.summary,
            "lessons": [lesson.text for lesson in case.lessons],
            "timeline": [],
            "body": case.body.strip(),
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    assert digest(case) == hashlib.sha256(encoded.encode()).hexdigest()[:12]


def test_a_translation_made_from_the_current_original_is_up_to_date():
    translation, problems = read(translation_text(digest(original())))
    assert problems == []
    assert translation is not None and not translation.provenance.outdated
    assert translation.provenance.unreviewed_machine


def test_an_out_of_date_translation_is_marked_and_the_checker_gives_the_digest_to_set():
    case = original()
    text = translation_text("0123456789ab")
    translation, problems = read(text, case)
    assert translation is not None and translation.provenance.outdated
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "source_digest" in row)
    assert messages(problems) == [
        f"cases/cbs-mobile.fr.md:{line}: translation.source_digest: warning: out of date: "
        "cases/cbs-mobile.md "
        "has changed since this translation was made from it; bring the translation up to date, then set "
        f"source_digest: {digest(case)}"
    ]


def test_the_build_marks_an_out_of_date_translation_without_a_warning():
    translation, problems = read(translation_text("0123456789ab"), today=None)
    assert problems == [] and translation is not None and translation.provenance.outdated


def test_a_digest_written_as_digits_stays_text():
    case = original()
    text = translation_text(digest(case)).replace(f"'{digest(case)}'", "012345678901")
    translation, _ = read(text.replace(digest(case), "012345678901"), case)
    assert translation is not None and translation.source_digest == "012345678901"


def test_an_unknown_method_is_an_error_with_its_line():
    text = translation_text(
        digest(original()), translation={"method": "ai", "by": "x", "source_digest": "a" * 12}
    )
    translation, problems = read(text)
    assert translation is None
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "method:" in row)
    assert any(
        f":{line}: translation.method:" in m and "machine-post-edited" in m for m in messages(problems)
    )


def test_a_review_needs_both_who_and_when():
    provenance = {
        "method": "machine",
        "by": "x",
        "source_digest": digest(original()),
        "reviewed": {"by": "INSEE"},
    }
    translation, problems = read(translation_text("", translation=provenance))
    assert translation is None
    assert any("translation.reviewed" in m and "'on'" in m for m in messages(problems))


def test_a_reviewed_translation_names_its_reviewer_and_date():
    provenance = {
        "method": "machine-post-edited",
        "by": "an engine",
        "source_digest": digest(original()),
        "reviewed": {"by": "INSEE", "on": "2027-01-15"},
    }
    translation, _ = read(translation_text("", translation=provenance))
    assert translation is not None
    assert (translation.provenance.reviewed_by, translation.provenance.reviewed_on) == ("INSEE", "2027-01-15")
    assert not translation.provenance.unreviewed_machine


def test_lessons_must_be_as_many_as_the_originals():
    text = translation_text(digest(original()), lessons=[{"text": "Une seule leçon."}])
    translation, problems = read(text)
    assert translation is None
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("lessons:"))
    assert messages(problems) == [
        f"cases/cbs-mobile.fr.md:{line}: lessons: the original has 2 lessons, this translation 1: "
        "translate each one, in the original's order"
    ]


def test_timeline_events_must_be_as_many_as_the_originals():
    text = translation_text(digest(original()), timeline=[{"event": "Un seul."}])
    _, problems = read(text)
    assert any(
        "timeline: the original has 3 developments in its timeline, this translation 1" in m
        for m in messages(problems)
    )


def test_a_translation_holds_no_facts():
    text = translation_text(digest(original()), country="FR")
    translation, problems = read(text)
    assert translation is None
    assert any("country" in m for m in messages(problems))


def test_a_translation_without_an_original_is_an_error(tmp_path: Path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "nowhere.fr.md").write_text(translation_text("a" * 12), encoding="utf-8")
    collection = load_folder(tmp_path / "cases", VOCAB, tmp_path)
    assert messages(collection.problems) == [
        "cases/nowhere.fr.md:1: file name: a translation without an original: "
        "there is no case nowhere.md beside it"
    ]


def test_a_translation_into_a_language_the_site_cannot_have_is_an_error(tmp_path: Path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "cbs-mobile.md").write_text(case_text(), encoding="utf-8")
    (tmp_path / "cases" / "cbs-mobile.de.md").write_text(translation_text("a" * 12), encoding="utf-8")
    collection = load_folder(tmp_path / "cases", VOCAB, tmp_path)
    assert messages(collection.problems) == [
        "cases/cbs-mobile.de.md:1: file name: 'de' is not a language of the site (en, fr, ru)"
    ]


def test_a_translation_into_the_originals_own_language_is_an_error():
    case = original(case_text().replace("visibility: public", "visibility: public\nlang: fr"))
    _, problems = read(translation_text(digest(case)), case)
    assert messages(problems) == [
        "cases/cbs-mobile.fr.md:1: file name: the original is in this language (fr) already"
    ]


def test_a_case_can_be_written_in_french_or_russian():
    case = original(case_text().replace("visibility: public", "visibility: public\nlang: ru"))
    assert case.lang == "ru"


@pytest.mark.parametrize("language", ["de", "english"])
def test_an_unknown_language_of_a_case_is_an_error(language: str):
    text = case_text().replace("visibility: public", f"visibility: public\nlang: {language}")
    case, problems = read_case("cases/cbs-mobile.md", text.encode(), VOCAB)
    assert case is None
    assert any("lang" in str(p) and "en, fr" in str(p).replace("'", "") for p in problems)


def test_in_a_language_a_case_reads_its_translation_and_keeps_its_facts():
    case = original()
    translation, _ = read(translation_text(digest(case)), case)
    assert translation is not None
    (french,) = in_language((case,), {(case.slug, "fr"): translation}, "fr")
    assert (french.title, french.lang, french.lessons[0].text) == (
        "Données de téléphonie mobile pour la population de jour",
        "fr",
        "Convenir de qui peut voir les données.",
    )
    assert (french.country, french.partnership_types, french.sources) == (
        case.country,
        case.partnership_types,
        case.sources,
    )
    assert french.lessons[1].stage == case.lessons[1].stage
    assert french.timeline[0].date == case.timeline[0].date


def test_in_a_language_without_a_translation_a_case_stays_as_written():
    case = original()
    assert in_language((case,), {}, "ru") == (case,)
    assert in_language((case,), {}, "ru")[0].lang == "en"
