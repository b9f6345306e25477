"""First-contact privacy notice, numbered choices for channels without buttons, explicit language switches."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.respond import ActionRespond
from bot.knowledge.required import MessageId
from bot.knowledge.store import KnowledgeStore
from tests.actions.conftest import TrackerFactory


async def test_the_first_answer_comes_after_a_short_privacy_notice(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    tracker = make_tracker("Hello", "greet", slots={"privacy_noticed": None})
    events = await ActionRespond().run(dispatcher, tracker, {})
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[0].startswith("Privacy in short") and "30 days" in texts[0]
    assert texts[1] == real_knowledge.current.message(MessageId.GREETING, "en")
    assert {"event": "slot", "name": "privacy_noticed", "value": True, "timestamp": None} in events


async def test_the_notice_comes_once(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    tracker = make_tracker("Hello", "greet", slots={"privacy_noticed": True})
    await ActionRespond().run(dispatcher, tracker, {})
    assert len(dispatcher.messages) == 1


async def test_a_widget_that_showed_the_notice_itself_gets_no_second_one(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    tracker = make_tracker(
        "Hello", "greet", slots={"privacy_noticed": None},
        events=[{"event": "user", "text": "Hello", "metadata": {"privacy_notice_shown": True}}],
    )  # fmt: skip
    events = await ActionRespond().run(dispatcher, tracker, {})
    assert [m["text"] for m in dispatcher.messages] == [
        real_knowledge.current.message(MessageId.GREETING, "en")
    ]
    assert any(e["name"] == "privacy_noticed" and e["value"] is True for e in events)


async def test_a_number_presses_the_button_with_that_number(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    first = CollectingDispatcher()
    events = await ActionRespond().run(
        first, make_tracker("blorp", "nlu_fallback", slots={"language": "en"}), {}
    )
    offered = next(e["value"] for e in events if e["name"] == "offered")
    buttons = first.messages[-1]["buttons"]
    assert offered == [b["payload"] for b in buttons]
    # "2" on WhatsApp: NLU makes nothing of it, the dialogue presses the second button.
    second = CollectingDispatcher()
    await ActionRespond().run(
        second, make_tracker("2", "nlu_fallback", slots={"language": "en", "offered": offered}), {}
    )
    pressed = buttons[1]["payload"]
    direct = CollectingDispatcher()
    intent = pressed.lstrip("/").split("{")[0]
    await ActionRespond().run(direct, make_tracker(pressed, intent, slots={"language": "en"}), {})
    assert [m["text"] for m in second.messages] == [m["text"] for m in direct.messages]


async def test_a_number_out_of_range_or_without_buttons_is_just_text(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    tracker = make_tracker(
        "7", "nlu_fallback", slots={"language": "en", "offered": ["/affirm", "/deny"]}
    )
    await ActionRespond().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"] == real_knowledge.current.message(
        MessageId.NOT_UNDERSTOOD, "en"
    )


async def test_a_postal_code_is_not_taken_for_a_choice(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    tracker = make_tracker(
        "26789",
        "inform",
        slots={"offered": ["/affirm", "/deny"], "pending": "service:place", "service": "jobcenter"},
    )
    events = await ActionRespond().run(dispatcher, tracker, {})
    assert any(e["name"] == "place" for e in events)


async def test_the_switch_button_sets_the_language_named_in_its_payload(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    tracker = make_tracker(
        '/switch_language{"language":"en"}', "switch_language", slots={"language": "de"},
        entities=[{"entity": "language", "value": "en"}],
    )  # fmt: skip
    events = await ActionRespond().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"] == real_knowledge.current.message(
        MessageId.LANGUAGE_SWITCHED, "en"
    )
    assert {"event": "slot", "name": "language", "value": "en", "timestamp": None} in events


async def test_counselling_answers_offer_a_referral(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    tracker = make_tracker("Migrationsberatung in Nordhorn", "find_service",
                           entities=[{"entity": "place", "value": "Nordhorn"}])  # fmt: skip
    await ActionRespond().run(dispatcher, tracker, {})
    assert dispatcher.messages[-1]["buttons"][0]["payload"] == "/request_referral"


async def test_a_pressed_button_keeps_the_conversation_language(
    make_tracker: TrackerFactory, dispatcher: CollectingDispatcher, real_knowledge: KnowledgeStore
) -> None:
    # "/delete_my_data" reads like English; the German conversation stays German.
    tracker = make_tracker("/delete_my_data", "delete_my_data", slots={"language": "de"})
    await ActionRespond().run(dispatcher, tracker, {})
    assert "Das lässt sich nicht rückgängig machen" in dispatcher.messages[0]["text"]
