from __future__ import annotations

import re

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.respond import ActionRespond
from bot import runtime
from bot.knowledge.required import MessageId
from bot.knowledge.store import KnowledgeStore
from bot.settings import PROJECT_ROOT
from tests.actions.conftest import TrackerFactory


@pytest.mark.parametrize(
    ("text", "intent", "language", "message"),
    [
        ("Hallo", "greet", "de", "greeting"),
        ("Hello", "greet", "en", "greeting"),
        ("Tschüss", "goodbye", "de", "goodbye"),
        ("Bye", "goodbye", "en", "goodbye"),
        ("danke!", "thank", "de", "thanks"),
        ("are you a bot?", "bot_challenge", "en", "bot-challenge"),
        ("Was speicherst du über mich?", "privacy", "de", "privacy"),
        ("English please", "switch_language", "en", "language-switched"),
        ("auf Deutsch bitte", "switch_language", "de", "language-switched"),
    ],
)
async def test_answers_in_the_language_of_the_message(
    make_tracker: TrackerFactory,
    dispatcher: CollectingDispatcher,
    real_knowledge: KnowledgeStore,
    text: str,
    intent: str,
    language: str,
    message: str,
) -> None:
    other = "en" if language == "de" else "de"
    tracker = make_tracker(text, intent, slots={"language": other})
    events = await ActionRespond().run(dispatcher, tracker, {})
    expected = real_knowledge.current.message(MessageId(message), language)
    # The privacy texts name the retention periods of the settings (defaults: 30 and 180 days).
    expected = expected.replace("{conversation_days}", "30").replace("{case_days}", "180")
    assert [m["text"] for m in dispatcher.messages] == [expected]
    assert events == [SlotSet("language", language)]


async def test_an_unclear_message_keeps_the_conversation_language(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    tracker = make_tracker("👋", "greet", slots={"language": "en"})
    events = await ActionRespond().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith("Hello")
    assert events == []


@pytest.mark.parametrize(
    ("text", "intent", "language", "message"),
    [
        ("Hola, ¿qué tal?", "greet", "es", "greeting"),
        ("مرحبا، أنا ممرضة", "greet", "ar", "greeting"),
        ("Привіт! Я медсестра", "greet", "uk", "greeting"),
        ("Bună ziua!", "greet", "ro", "greeting"),
        ("Merhaba, iş arıyorum", "greet", "tr", "greeting"),
        ("Xin chào!", "greet", "vi", "greeting"),
        ("gracias!", "thank", "es", "thanks"),
        ("en español por favor", "switch_language", "es", "language-switched"),
        ("بالعربي من فضلك", "switch_language", "ar", "language-switched"),
    ],
)
async def test_answers_in_each_of_the_six_further_languages(
    make_tracker: TrackerFactory,
    dispatcher: CollectingDispatcher,
    real_knowledge: KnowledgeStore,
    text: str,
    intent: str,
    language: str,
    message: str,
) -> None:
    events = await ActionRespond().run(dispatcher, make_tracker(text, intent), {})
    expected = real_knowledge.current.message(MessageId(message), language)
    assert [m["text"] for m in dispatcher.messages] == [expected]
    assert expected != real_knowledge.current.message(MessageId(message), "en")  # translated
    assert events == [SlotSet("language", language)]


async def test_a_language_the_assistant_does_not_answer_in_gets_a_notice_in_it(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    await ActionRespond().run(
        dispatcher, make_tracker("Добрый день, вы меня слышите?", "greet"), {}
    )
    assert dispatcher.messages[0]["text"] == real_knowledge.current.message(
        MessageId.OTHER_LANGUAGE, "ru"
    )


async def test_out_of_scope_says_so_and_shows_what_it_can_do(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    await ActionRespond().run(
        dispatcher, make_tracker("what's the weather in Paris?", "out_of_scope"), {}
    )
    message = dispatcher.messages[0]
    assert message["text"].startswith(real_knowledge.current.message(MessageId.OUT_OF_SCOPE, "en"))
    assert "/ask_recognition" in [b["payload"] for b in message["buttons"]]


async def test_low_confidence_asks_back_with_the_likely_topics(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "ask_blue_card", "confidence": 0.3},
        {"name": "ask_visa", "confidence": 0.25},
    ]
    tracker = make_tracker("what about the blue thing for visa??", "nlu_fallback", ranking=ranking)
    await ActionRespond().run(dispatcher, tracker, {})
    message = dispatcher.messages[0]
    assert message["text"] == real_knowledge.current.message(MessageId.NOT_UNDERSTOOD, "en")
    payloads = [b["payload"] for b in message["buttons"]]
    assert payloads[:2] == ["/ask_blue_card", "/ask_visa"]


async def test_fails_loudly_outside_a_started_app_server(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher
) -> None:
    runtime.uninstall()
    with pytest.raises(runtime.ServicesNotReady):
        await ActionRespond().run(dispatcher, make_tracker("Hallo", "greet"), {})


def test_app_code_never_imports_rasa() -> None:
    # The app environment has rasa-sdk only; `rasa` pins SQLAlchemy 1.4 and pydantic 1.
    # bot/channels/ (the messenger connectors) and bot/rasa_side/ (the fixes applied when the
    # Rasa server starts) are loaded by the Rasa server only.
    rasa_side = (PROJECT_ROOT / "bot" / "channels", PROJECT_ROOT / "bot" / "rasa_side")
    offending = [
        f"{path.relative_to(PROJECT_ROOT)}:{number}"
        for folder in ("actions", "bot", "tests")
        for path in (PROJECT_ROOT / folder).rglob("*.py")
        if not any(folder in path.parents for folder in rasa_side)
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.match(r"\s*(import rasa\b|from rasa(\.| import))", line)
    ]
    assert offending == []


async def test_asking_for_another_language_without_naming_one_offers_the_eight(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    await ActionRespond().run(
        dispatcher, make_tracker("can you speak other languages?", "switch_language"), {}
    )
    (message,) = dispatcher.messages
    assert [b["title"] for b in message["buttons"]] == [
        "Deutsch", "English", "Español", "العربية", "Українська", "Română", "Türkçe", "Tiếng Việt",
    ]  # fmt: skip
    assert message["buttons"][6]["payload"] == '/switch_language{"language":"tr"}'


async def test_a_language_button_switches_to_that_language(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    tracker = make_tracker(
        '/switch_language{"language":"tr"}',
        "switch_language",
        entities=[{"entity": "language", "value": "tr"}],
        slots={"language": "en"},
    )
    events = await ActionRespond().run(dispatcher, tracker, {})
    expected = real_knowledge.current.message(MessageId.LANGUAGE_SWITCHED, "tr")
    assert dispatcher.messages[0]["text"] == expected
    assert SlotSet("language", "tr") in events
