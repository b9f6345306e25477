"""A translation may reword everything but the facts (bot/knowledge/factcheck.py)."""

from __future__ import annotations

from bot.knowledge.factcheck import differences

SOURCE = (
    "Zentralstelle: Hotline +49 541 66888 200 (Mo–Do 9–12 Uhr), E-Mail "
    "fachkraefteeinwanderung@lab.niedersachsen.de, www.migrationsportal.de; seit 01.07.2025 "
    "zuständig, nach der Einreise die Ausländerbehörde. Gebühr: 411 Euro, Grenze 50.700 Euro."
)
KEEP = ["Ausländerbehörde", "Jobcenter"]


def test_a_faithful_translation_passes_whatever_the_number_formats() -> None:
    spanish = (
        "Oficina central: línea +49 541 66888200 (lu–ju 9–12 h), correo "
        "fachkraefteeinwanderung@lab.niedersachsen.de, www.migrationsportal.de; competente desde "
        "1.7.2025; después de entrar, la oficina de extranjería (Ausländerbehörde). Tasa: 411 euros, "
        "límite 50,700 euros."
    )
    assert differences(SOURCE, spanish, SOURCE, KEEP) == []


def test_arabic_indic_digits_are_the_same_numbers() -> None:
    assert differences("Kosten: 100 bis 600 EUR", "التكلفة: ١٠٠ إلى ٦٠٠ يورو", "", []) == []


def test_a_changed_amount_is_named() -> None:
    problems = differences("Die Gebühr beträgt 411 Euro.", "La tasa es de 412 euros.", "", [])
    assert problems == [
        "the number '411' of the source is missing",
        "the number '412' is not in the source",
    ]


def test_a_changed_phone_number_is_named_as_one() -> None:
    problems = differences("Hotline +49 541 66888 200", "línea +49 541 66888 201", "", [])
    assert problems == [
        "the phone number '+4954166888200' of the source is missing",
        "the phone number '+4954166888201' is not in the source",
    ]


def test_a_dropped_web_or_mail_address_is_named() -> None:
    problems = differences(
        "Mehr auf https://www.make-it-in-germany.com/de oder info@example.de",
        "Más información en la web.",
        "",
        [],
    )
    assert "the e-mail address 'info@example.de' of the source is missing" in problems
    assert (
        "the web address 'https://www.make-it-in-germany.com/de' of the source is missing"
        in problems
    )


def test_a_german_office_name_must_stay_beside_the_translation() -> None:
    german = "Gehen Sie zur Ausländerbehörde."
    assert differences(german, "Vaya a la oficina de extranjería.", german, KEEP) == [
        "keep the German name 'Ausländerbehörde' beside the translation (newcomers meet it on "
        "letters and doors)"
    ]
    # Translated from English, the German name still comes from the German text.
    assert differences(
        "Go to the immigration office.", "Vaya a la oficina de extranjería.", german, KEEP
    )
    assert not differences(
        "Go to the immigration office.",
        "Vaya a la oficina de extranjería (Ausländerbehörde).",
        german,
        KEEP,
    )


def test_a_date_is_not_read_as_a_phone_number() -> None:
    assert differences("seit 01.07.2025", "desde 01.07.2025", "", []) == []
    assert differences("seit 01.07.2025", "desde 01.07.2026", "", [])
