"""Translations in knowledge/translations/<language>/: read into their records, checked with file:line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.knowledge.errors import KnowledgeInvalid
from bot.knowledge.loader import load_knowledge
from bot.knowledge.translation_use import tracking

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "knowledge"
SPANISH = Path("translations/es/topics/registration.yml")


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(FIXTURE, root)
    return root


def _errors(root: Path) -> list[str]:
    with pytest.raises(KnowledgeInvalid) as raised:
        load_knowledge(root)
    return [error.format(root) for error in raised.value.errors]


def test_a_translation_goes_into_its_record_marked_unreviewed(knowledge: Path) -> None:
    topic = load_knowledge(knowledge).topics["registration"]
    assert topic.title.in_language("es") == "Empadronarse (registrar su domicilio)"
    assert topic.facts[1].text.in_language("es").endswith("(Wohnungsgeberbestätigung).")
    assert topic.title.unreviewed == {"es"}
    # German and English stay as staff wrote them.
    assert topic.title.de == "Wohnsitz anmelden"


def test_a_text_without_translation_falls_back_to_english_and_is_noted(knowledge: Path) -> None:
    topic = load_knowledge(knowledge).topics["registration"]
    with tracking() as used:
        assert topic.answer.more is not None
        assert topic.answer.more.in_language("es") == topic.answer.more.en
        topic.title.in_language("es")
    assert used.missing == {"es"} and used.unreviewed == {"es"}


def test_a_reviewed_translation_is_not_noted(knowledge: Path) -> None:
    path = knowledge / SPANISH
    path.write_text(
        path.read_text().replace(
            "reviewed_by:\n", "reviewed_by: Ana García\nreviewed_on: 2026-12-01\n"
        )
    )
    loaded = load_knowledge(knowledge)
    assert loaded.topics["registration"].title.unreviewed == frozenset()
    (info,) = [t for t in loaded.translations if t.record_id == "registration"]
    assert (info.language, info.reviewed_by) == ("es", "Ana García")


def test_a_changed_number_fails_with_the_translation_file_and_line(knowledge: Path) -> None:
    path = knowledge / SPANISH
    path.write_text(path.read_text().replace("2 semanas", "3 semanas"))
    assert _errors(knowledge) == [
        f"{SPANISH}:9 facts → 1 → text: the translation changes a fact: the number '2' of the "
        "source is missing",
        f"{SPANISH}:9 facts → 1 → text: the translation changes a fact: the number '3' is not "
        "in the source",
    ]


def test_a_dropped_german_office_name_fails(knowledge: Path) -> None:
    path = knowledge / SPANISH
    path.write_text(path.read_text().replace(" (Bürgeramt)", ""))
    (error,) = _errors(knowledge)
    assert error.startswith(
        f"{SPANISH}:7 answer → short: the translation changes a fact: keep the German name 'Bürgeramt'"
    )


def test_a_text_the_record_does_not_have_fails(knowledge: Path) -> None:
    path = knowledge / SPANISH
    path.write_text(path.read_text() + "summary: Un resumen que el registro no tiene.\n")
    (error,) = _errors(knowledge)
    assert (
        error
        == f"{SPANISH}:11 summary: topics/registration.yml has no text 'summary' here; remove it"
    )


def test_a_list_of_another_length_fails(knowledge: Path) -> None:
    path = knowledge / SPANISH
    text = path.read_text()
    path.write_text(text[: text.index("  - text: Necesita")])
    (error,) = _errors(knowledge)
    assert error.startswith(f"{SPANISH}:8 facts: must be a list of 2 entries")


def test_a_text_left_in_german_fails(knowledge: Path) -> None:
    path = knowledge / SPANISH
    path.write_text(
        path.read_text().replace(
            "Empadrónese en un plazo de 2 semanas después de mudarse.",
            "Melden Sie sich innerhalb von 2 Wochen nach dem Einzug an.",
        )
    )
    (error,) = _errors(knowledge)
    assert "is still the German or English text" in error


def test_a_translation_of_a_missing_record_fails(knowledge: Path) -> None:
    shutil.copy(knowledge / SPANISH, knowledge / "translations/es/topics/housing.yml")
    errors = _errors(knowledge)
    assert any(
        "translations/es/topics/housing.yml" in e and "differs from the file name" in e
        for e in errors
    )


def test_an_unknown_language_folder_fails(knowledge: Path) -> None:
    (knowledge / "translations/fr/topics").mkdir(parents=True)
    shutil.copy(knowledge / SPANISH, knowledge / "translations/fr/topics/registration.yml")
    (error,) = _errors(knowledge)
    assert error.startswith("translations/fr/topics/registration.yml 'fr' is not a language")


def test_a_changed_placeholder_fails(knowledge: Path) -> None:
    target = knowledge / "translations/ar/texts/dialogue.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        'id: dialogue\ntranslated_from: de\ntexts:\n  regulated: "{nombre} مهنة منظمة في ألمانيا."\n'
    )
    (error,) = _errors(knowledge)
    assert "keep the placeholders exactly as in the source: {name}" in error


def test_without_the_list_of_german_names_translations_fail(knowledge: Path) -> None:
    (knowledge / "translations/keep-in-german.yml").unlink()
    (error,) = _errors(knowledge)
    assert (
        error
        == "translations/keep-in-german.yml is missing: it lists the German office names every translation keeps"
    )
