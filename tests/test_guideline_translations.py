"""The guidelines in another language: guidelines/<lang>/ mirrors guidelines/ with only the text
translated, and says where it comes from (translation.yml). Whatever is not text must stay as
in English, so a translation can never grade, cite or apply differently; a file whose English
changed since is marked out of date; a missing file leaves the language on the English."""

from __future__ import annotations

from pathlib import Path

import yaml
from casebook.core.guidelinetranslations import english_files, load_translated_guidelines
from casebook.core.translations import text_digest
from casebook.core.yamlfile import parse_yaml, split_front_matter
from test_guidelines import CHAPTER, FRAMEWORKS, INTRODUCTION, VOCAB, cases, load

FRENCH_CHAPTER = (
    CHAPTER.replace("Give the work a home after the pilot", "Donner un foyer au travail après le pilote")
    .replace("Agree who keeps the work going when the project ends.", "Convenir de qui poursuit le travail.")
    .replace("A named owner and budget before the pilot ends.", "Un responsable et un budget nommés.")
    .replace("Meet on a fixed rhythm", "Se réunir à un rythme fixe")
    .replace("Agree a rhythm.", "Convenir d'un rythme.")
    .replace("A calendar both sides keep.", "Un calendrier que les deux parties tiennent.")
    .replace("Where the partners work in different places.", "Là où les partenaires travaillent loin.")
    .replace("Partnerships lose momentum.", "Les partenariats s'essoufflent.")
)


def digest_of(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        parts = split_front_matter(text)
        return text_digest(parse_yaml(parts.front_matter, 2).data, parts.body)
    return text_digest(parse_yaml(text, 1).data)


def translate(tmp_path: Path, files: dict[str, str] | None = None, provenance: dict | None = None):
    """guidelines/ as test_guidelines writes it, and a French translation of it; returns the
    translation read, and its problems as text."""
    english = load(tmp_path)
    folder = tmp_path / "guidelines"
    french = folder / "fr"
    french.mkdir()
    written = {
        "maintaining-momentum.md": FRENCH_CHAPTER,
        "frameworks.yml": FRAMEWORKS.replace(
            "Individual data are strictly confidential.", "Les données sont confidentielles."
        ),
        "introduction.md": INTRODUCTION.replace("Why these guidelines.", "Pourquoi ces lignes directrices."),
        **(files or {}),
    }
    for name, text in written.items():
        (french / name).write_text(text, encoding="utf-8")
    digests = {name: digest_of(folder / name) for name in english_files(folder)}
    data = {"method": "machine", "by": "an engine", "files": digests, **(provenance or {})}
    (french / "translation.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    found, problems = load_translated_guidelines(
        folder, "fr", english, VOCAB, cases(), tmp_path, checking=True
    )
    return found, [str(p) for p in problems]


def test_a_faithful_translation_is_read_with_the_same_grades_and_examples(tmp_path: Path):
    found, problems = translate(tmp_path)
    assert problems == []
    assert found is not None and not found.provenance.outdated
    (chapter,) = found.guidelines.chapters
    assert chapter.recommendations[0].title == "Donner un foyer au travail après le pilote"
    english = load(tmp_path)
    assert [r.grade for r in chapter.recommendations] == [
        r.grade for r in english.chapters[0].recommendations
    ]
    assert [r.label for r in chapter.recommendations] == [
        r.label for r in english.chapters[0].recommendations
    ]


def test_a_value_that_is_not_text_must_stay_as_in_english(tmp_path: Path):
    drifted = FRENCH_CHAPTER.replace("{ref: charlie#1, role: cautionary}", "{ref: charlie#1, role: worked}")
    found, problems = translate(tmp_path, {"maintaining-momentum.md": drifted})
    assert found is None
    line = next(i for i, row in enumerate(drifted.splitlines(), 1) if "charlie#1" in row)
    assert problems == [
        f"guidelines/fr/maintaining-momentum.md:{line}: recommendations[2].examples[2].role: 'worked' "
        "differs from the English ('cautionary'): only text is translated; every other value stays as it "
        "is in English"
    ]


def test_a_recommendation_added_or_dropped_is_an_error(tmp_path: Path):
    dropped = FRENCH_CHAPTER[: FRENCH_CHAPTER.index("  - title: Se réunir")] + "---\nCorps.\n"
    found, problems = translate(tmp_path, {"maintaining-momentum.md": dropped})
    assert found is None
    assert problems == [
        "guidelines/fr/maintaining-momentum.md:3: recommendations: the English has 2 items here, "
        "the translation 1: "
        "translate each one in place, none added, merged or dropped"
    ]


def test_a_text_left_empty_is_an_error(tmp_path: Path):
    emptied = FRENCH_CHAPTER.replace(
        "safeguard: Un calendrier que les deux parties tiennent.", "safeguard: ''"
    )
    found, problems = translate(tmp_path, {"maintaining-momentum.md": emptied})
    assert found is None
    assert any("recommendations[2].safeguard: expected the translated text" in p for p in problems)


def test_a_file_whose_english_changed_is_out_of_date_and_the_checker_gives_its_digest(tmp_path: Path):
    translate(tmp_path)
    current = digest_of(tmp_path / "guidelines" / "maintaining-momentum.md")
    digests = {
        name: digest_of(tmp_path / "guidelines" / name) for name in english_files(tmp_path / "guidelines")
    }
    found, problems = translate_again(tmp_path, {**digests, "maintaining-momentum.md": "0123456789ab"})
    assert found is not None and found.outdated == ("maintaining-momentum.md",) and found.provenance.outdated
    written = (tmp_path / "guidelines" / "fr" / "translation.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, row in enumerate(written, 1) if "maintaining-momentum.md" in row)
    assert problems == [
        f"guidelines/fr/translation.yml:{line}: files.maintaining-momentum.md: warning: "
        "maintaining-momentum.md is out of date: guidelines/maintaining-momentum.md has changed since it "
        "was translated; bring the translation "
        f"up to date, then set maintaining-momentum.md: {current}"
    ]


def translate_again(tmp_path: Path, digests: dict[str, str]):
    folder = tmp_path / "guidelines"
    data = {"method": "machine", "by": "an engine", "files": digests}
    (folder / "fr" / "translation.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    found, problems = load_translated_guidelines(
        folder, "fr", load(tmp_path), VOCAB, cases(), tmp_path, checking=True
    )
    return found, [str(p) for p in problems]


def test_a_missing_file_leaves_the_language_on_the_english_with_a_warning(tmp_path: Path):
    english = load(tmp_path)
    folder = tmp_path / "guidelines"
    (folder / "fr").mkdir()
    (folder / "fr" / "translation.yml").write_text(
        "method: machine\nby: an engine\nfiles: {introduction.md: aaaaaaaaaaaa}\n", encoding="utf-8"
    )
    (folder / "fr" / "introduction.md").write_text(INTRODUCTION, encoding="utf-8")
    found, problems = load_translated_guidelines(folder, "fr", english, VOCAB, cases(), tmp_path)
    assert found is None
    assert [str(p) for p in problems] == [
        "guidelines/fr:1: file: warning: 2 of the guidelines' files are not translated yet "
        "(maintaining-momentum.md, frameworks.yml): the English edition is shown in their place until "
        "they are"
    ]


def test_each_file_translated_needs_the_digest_of_its_english(tmp_path: Path):
    found, problems = translate(tmp_path, provenance={"files": {"maintaining-momentum.md": "0" * 12}})
    assert found is None
    introduction = digest_of(tmp_path / "guidelines" / "introduction.md")
    expected = f"no digest for introduction.md: add `introduction.md: {introduction}` under files"
    assert f"guidelines/fr/translation.yml:1: files: {expected}" in problems


def test_a_translation_must_say_where_it_comes_from(tmp_path: Path):
    english = load(tmp_path)
    folder = tmp_path / "guidelines"
    (folder / "fr").mkdir()
    found, problems = load_translated_guidelines(folder, "fr", english, VOCAB, cases(), tmp_path)
    assert found is None
    assert [str(p) for p in problems] == [
        "guidelines/fr/translation.yml:1: file: no translation.yml: say how the translation was made "
        "(method, by) and from what (files)"
    ]


def test_an_unknown_method_in_the_provenance_is_an_error(tmp_path: Path):
    found, problems = translate(tmp_path, provenance={"method": "magic"})
    assert found is None
    assert any(p.startswith("guidelines/fr/translation.yml:1: method:") for p in problems)


def test_the_english_guidelines_ignore_their_translations_folders(tmp_path: Path):
    translate(tmp_path)
    assert [str(p) for p in load(tmp_path).problems] == []
