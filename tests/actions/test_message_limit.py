"""A message the Rasa server cut (EMS_MAX_MESSAGE_CHARS) is answered with a request to write less."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.respond import ActionRespond
from bot.channel_contract import CUT_FROM_METADATA, cut
from bot.knowledge.required import MessageId
from bot.knowledge.store import KnowledgeStore
from tests.actions.conftest import TrackerFactory


def test_only_longer_texts_are_cut() -> None:
    assert cut("Hallo", 5) == ("Hallo", None)
    assert cut("Hallo!", 5) == ("Hallo", 6)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ich habe eine Frage zu meiner Anerkennung " * 60, "de"),
        ("I have a question about my visa " * 80, "en"),
    ],
)
async def test_a_cut_message_asks_for_less_in_its_language_and_keeps_the_state(
    make_tracker: TrackerFactory,
    dispatcher: CollectingDispatcher,
    real_knowledge: KnowledgeStore,
    text: str,
    language: str,
) -> None:
    cut_text, length = cut(text, 2000)
    assert length is not None
    slots = {"pending": "recognition:place", "profession": "nurse", "language": "de"}
    tracker = make_tracker(
        cut_text, "ask_recognition", slots=slots,
        events=[{"event": "user", "text": cut_text, "metadata": {CUT_FROM_METADATA: length}}],
    )  # fmt: skip
    events = await ActionRespond().run(dispatcher, tracker, {})
    assert [m["text"] for m in dispatcher.messages] == [
        real_knowledge.current.message(MessageId.MESSAGE_TOO_LONG, language)
    ]
    changed = {e["name"] for e in events if e["event"] == "slot"}
    assert not changed & {"pending", "profession"}  # the question in progress is kept
