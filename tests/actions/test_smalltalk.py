from __future__ import annotations

import re

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.smalltalk import ActionAnswerSmalltalk
from bot import runtime
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
    events = await ActionAnswerSmalltalk().run(dispatcher, make_tracker(text, intent), {})
    expected = real_knowledge.current.message(message, language)
    assert [m["text"] for m in dispatcher.messages] == [expected]
    assert events == [SlotSet("language", language)]


async def test_an_unclear_message_keeps_the_conversation_language(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    tracker = make_tracker("👋", "greet", slots={"language": "en"})
    events = await ActionAnswerSmalltalk().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith("Hello")
    assert events == [SlotSet("language", "en")]


async def test_fails_loudly_outside_a_started_app_server(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher
) -> None:
    runtime.uninstall()
    with pytest.raises(runtime.ServicesNotReady):
        await ActionAnswerSmalltalk().run(dispatcher, make_tracker("Hallo", "greet"), {})


def test_app_code_never_imports_rasa() -> None:
    # The app environment has rasa-sdk only; `rasa` pins SQLAlchemy 1.4 and pydantic 1.
    offending = [
        f"{path.relative_to(PROJECT_ROOT)}:{number}"
        for folder in ("actions", "bot", "tests")
        for path in (PROJECT_ROOT / folder).rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.match(r"\s*(import rasa\b|from rasa(\.| import))", line)
    ]
    assert offending == []
