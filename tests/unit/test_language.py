from __future__ import annotations

import pytest

from bot.language import choose_language, detect_language, foreign_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hallo", "de"),
        ("Guten Morgen!", "de"),
        ("Moin", "de"),
        ("Tschüss", "de"),
        ("Grüß Gott", "de"),
        ("Wo ist die Ausländerbehörde?", "de"),
        ("Hello", "en"),
        ("Hi there, I need help", "en"),
        ("Good evening", "en"),
        ("bye", "en"),
        ("Where can I find a flat?", "en"),
        ("never mind, don't send it", "en"),
        ("I'm a nurse", "en"),
        # Words German and English share are evidence for neither.
        ("in Leer", None),
        ("IHK in Meppen", None),
        ("am Montag", None),
        ("السلام عليكم", "ar"),
        ("ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ", "ar"),  # the same in Arabic presentation forms
        ("12345", None),
        ("", None),
        ("👍", None),
    ],
)
def test_detects_german_and_english(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_keeps_the_conversation_language_when_a_message_gives_no_evidence() -> None:
    assert choose_language("👍", "en") == "en"
    assert choose_language("26871", "de") == "de"
    # A follow-up of a preposition and a town stays in the conversation's language.
    assert choose_language("in Wittmund?", "de") == "de"
    assert choose_language("in Wittmund?", "en") == "en"


def test_defaults_to_german_without_any_evidence() -> None:
    assert choose_language("ok?", None) == "de"
    assert choose_language("ok?", "fr") == "de"


def test_a_clear_message_overrides_the_previous_language() -> None:
    assert choose_language("Hallo", "en") == "de"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("auf Englisch bitte", "en"),
        ("English please", "en"),
        ("in English?", "en"),
        ("Can you answer in English?", "en"),
        ("Bitte auf Deutsch antworten.", "de"),
        ("Deutsch", "de"),
        ("Ich verstehe kein Deutsch", "en"),
        ("I don't speak English", "de"),
        # A language as the subject of a question is no request to switch.
        ("Where can I learn German in Leer?", None),
        ("What are the job-related German courses and what do they cost?", None),
        ("Wo finde ich einen Deutschkurs?", None),
        ("Is German required for the Blue Card?", None),
    ],
)
def test_only_an_explicit_request_switches_the_language(text: str, expected: str | None) -> None:
    from bot.language import requested_language

    assert requested_language(text) == expected


def test_asking_about_learning_german_in_english_stays_english() -> None:
    assert choose_language("Where can I learn German in Leer?", "de") == "en"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Can you speak English?", "en"),
        ("Sprechen Sie Englisch?", "en"),
        ("does he need to speak German?", None),
        ("Muss meine Frau Deutsch sprechen?", None),
    ],
)
def test_asking_whether_someone_must_speak_a_language_is_no_request(
    text: str, expected: str | None
) -> None:
    from bot.language import requested_language

    assert requested_language(text) == expected


@pytest.mark.parametrize(
    ("text", "phrases", "expected"),
    [
        # German knowledge words outweigh common words of another language …
        ("Kita anmeldung in Nordhron, gibts da ein portal?", "de", "de"),
        # … but never another alphabet or letters of another language.
        ("Tôi cần tìm Ausländerbehörde ở đâu?", "de", "vi"),
        ("أين Ausländerbehörde في Leer؟", "de", "ar"),
        ("Ausländerbehörde'ye nasıl giderim?", "de", "tr"),
        ("Unde este Ausländerbehörde în Leer?", None, "ro"),
        ("Де знаходиться Ausländerbehörde у Leer?", "de", "uk"),
    ],
)
def test_the_letters_of_a_language_outweigh_german_office_words(
    text: str, phrases: str | None, expected: str
) -> None:
    assert choose_language(text, "de", phrases) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Written without the letters of their own, the common words tell the language.
        ("hola, donde esta el jobcenter en Leer?", "es"),
        ("necesito la Anmeldung en Lingen, como lo hago", "es"),
        ("buna ziua, unde este Ausländerbehörde in Leer?", "ro"),
        ("merhaba, Jobcenter nerede acaba", "tr"),
        ("xin chao, toi can lam Anmeldung o Emden", "vi"),
        ("Привіт, мені потрібна допомога", "uk"),
        ("مرحبا، أحتاج مساعدة", "ar"),
        # A German office name inside tells nothing about the sentence around it.
        ("unde e Ausländerbehörde in Leer?", "ro"),
        ("Leer'de Ausländerbehörde nerede", "tr"),
        ("Anerkennung là gì", "vi"),
        ("qué es un Sperrkonto?", "es"),
        ("2026'da Minijob'da ayda en fazla ne kadar kazanabilirim?", "tr"),
    ],
)
def test_detects_the_six_further_languages(text: str, expected: str) -> None:
    assert detect_language(text) == expected
    assert choose_language(text, "de") == expected


def test_a_tie_between_two_further_languages_keeps_the_conversation_language() -> None:
    # "si" is Spanish and Romanian alike.
    assert choose_language("si", "ro") == "ro"
    assert choose_language("si", "es") == "es"


def test_only_a_language_the_assistant_does_not_answer_in_is_foreign() -> None:
    assert foreign_language("Добрый день, где мне найти Ausländerbehörde?") == "ru"
    assert foreign_language("Доброго дня, де Ausländerbehörde?") is None
    assert foreign_language("hola, donde esta el jobcenter") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("en español por favor", "es"),
        ("¿Puedes responder en español?", "es"),
        ("بالعربي من فضلك", "ar"),
        ("ممكن تحكي عربي؟", "ar"),
        ("українською, будь ласка", "uk"),
        ("Відповідайте українською", "uk"),
        ("în română vă rog", "ro"),
        ("Türkçe yazar mısınız?", "tr"),
        ("Türkçe lütfen", "tr"),
        ("bằng tiếng Việt nhé", "vi"),
        ("tiếng Việt", "vi"),
        ("Vietnamese please", "vi"),
        ("auf Arabisch bitte", "ar"),
        # "I don't understand German", written in Spanish: answer in Spanish.
        ("no entiendo alemán", "es"),
        # A course in a language is no request, nor a licence to exchange for a German one.
        ("¿Dónde hay un curso de alemán en Leer?", None),
        ("Як поміняти посвідчення водія на німецьке?", None),
    ],
)
def test_a_request_for_any_of_the_eight_languages(text: str, expected: str | None) -> None:
    from bot.language import requested_language

    assert requested_language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can you speak other languages?", True),
        ("¿hablas otro idioma?", True),
        ("هل تتكلم لغة أخرى؟", True),
        ("Можете писати іншою мовою?", True),
        ("Başka dilde yazabilir misiniz?", True),
        ("Cât este salariul minim pe oră în Germania în 2026?", False),
    ],
)
def test_asking_about_languages_at_all(text: str, expected: bool) -> None:
    from bot.language import asks_about_languages

    assert asks_about_languages(text) is expected
