"""The answer flows, action by action, with trackers as Rasa sends them."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Action
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.respond import ActionRespond
from bot import runtime
from bot.conversation.render import source_line
from bot.db.models import Feedback
from bot.knowledge.required import TextId
from bot.knowledge.store import KnowledgeStore
from tests.actions.conftest import TrackerFactory
from tests.support import catalogue_text

NURSE = "pflegefachfrau-pflegefachmann"


async def _run(
    action: Action, make_tracker: TrackerFactory, text: str, intent: str, **slots: Any
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, make_tracker(text, intent, slots=slots), {})
    changed = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    return dispatcher.messages, {**slots, **changed}


def _text(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m["text"] for m in messages)


async def test_a_statewide_answer_comes_at_once_and_a_place_adds_local_counselling(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    messages, slots = await _run(
        ActionRespond(),
        make_tracker,
        "I'm a nurse from the Philippines, how do I get recognised?",
        "ask_recognition",
    )
    assert slots["profession"] == NURSE and slots["language"] == "en"
    text = _text(messages)
    assert "In which town" not in text and slots.get("pending") is None
    assert "Responsible everywhere in Niedersachsen" in text and "+49 4131 15-0" in text
    assert "tell me your town" in text

    messages, slots = await _run(ActionRespond(), make_tracker, "Leer", "inform", **slots)
    text = _text(messages)
    assert "regulated profession" in text
    assert "Responsible for Leer (Ostfriesland)" in text
    assert (
        "Außenstelle Lüneburg" in text and "+49 4131 15-0" in text
    )  # the competent body with its contact
    assert "How it works:" in text
    assert "Anerkennungszuschuss" in text and "anerkennung-in-deutschland.de" in text
    assert "Free counselling on recognition near you" in text
    assert "(undated – please check there)" in text or "(as of " in text  # the source's date
    assert "checked on" not in text  # nobody confirmed this record
    assert slots.get("pending") is None
    assert next(b["payload"] for b in messages[-1]["buttons"]) == "/more"

    messages, slots = await _run(ActionRespond(), make_tracker, "more please", "more", **slots)
    assert "Typical documents:" in _text(messages)


async def test_the_place_is_asked_where_the_chamber_depends_on_it(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    messages, slots = await _run(
        ActionRespond(),
        make_tracker,
        "Ich bin Tischler, wer erkennt das an?",
        "ask_recognition",
    )
    assert slots["pending"] == "recognition:place" and "In welchem Ort" in _text(messages)
    messages, slots = await _run(ActionRespond(), make_tracker, "Aurich", "inform", **slots)
    assert "Handwerkskammer" in _text(messages) and slots["pending"] is None


async def test_a_follow_up_reuses_the_question_for_another_place(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    slots = {
        "language": "en",
        "profession": NURSE,
        "place": "leer-ostfriesland",
        "last_request": "recognition",
    }
    messages, slots = await _run(
        ActionRespond(), make_tracker, "and for Wittmund?", "inform", **slots
    )
    assert "Responsible for Wittmund" in _text(messages)
    assert slots["place"] == "wittmund"


async def test_while_the_origin_is_unknown_each_body_is_named_with_its_origin(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    messages, slots = await _run(
        ActionRespond(),
        make_tracker,
        "Ich bin Lehrerin und wohne in Emden. Anerkennung?",
        "ask_recognition",
    )
    responsible = _text(messages).split("Zuständig für Emden:")[1].split("So geht es:")[0]
    assert "Kultusministerium" in responsible and "Regionales Landesamt" in responsible
    assert "Drittstaat" in responsible and "aus der EU" in responsible  # which is for whom
    assert slots.get("pending") is None  # answered, not asked
    messages, slots = await _run(
        ActionRespond(), make_tracker, "Mein Abschluss ist nicht aus der EU", "inform", **slots
    )
    responsible = _text(messages).split("Zuständig für Emden:")[1].split("So geht es:")[0]
    assert "Kultusministerium" in responsible and "Regionales Landesamt" not in responsible
    assert slots["eu_qualification"] is False


async def test_an_unknown_profession_points_to_the_finder(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    _, slots = await _run(
        ActionRespond(), make_tracker, "Ich bin Astronaut, Anerkennung?", "ask_recognition"
    )
    assert slots["pending"] == "recognition:profession"
    _messages, slots = await _run(ActionRespond(), make_tracker, "Astronaut", "inform", **slots)
    assert slots["pending"] == "recognition:profession"  # still asking, no invented answer


@pytest.mark.parametrize(
    ("text", "office", "place", "language"),
    [
        (
            "Wo ist die Ausländerbehörde in Norden?",
            "Ausländerbehörde des Landkreises Aurich",
            "norden",
            "de",
        ),
        ("immigration office Lingen", "Ausländerbehörde der Stadt Lingen", "lingen-ems", "en"),
        (
            "immigration office in Meppen",
            "Ausländerbehörde des Landkreises Emsland",
            "meppen",
            "en",
        ),
        ("IHK für Papenburg?", "Handelskammer für Ostfriesland und Papenburg", "papenburg", "de"),
        # No word of either language: the conversation's language, German on first contact.
        ("IHK in Meppen", "Osnabrück", "meppen", "de"),
        ("Jobcenter Leer", "Jobcenter Landkreis Leer", "leer-ostfriesland", "de"),
        (
            "Where is the employment agency in 26871?",
            "Agentur für Arbeit Nordhorn",
            "papenburg",
            "en",
        ),
    ],
)
async def test_service_finder_names_the_responsible_office(
    make_tracker: TrackerFactory,
    real_knowledge: KnowledgeStore,
    text: str,
    office: str,
    place: str,
    language: str,
) -> None:
    messages, slots = await _run(ActionRespond(), make_tracker, text, "find_service")
    assert office in messages[0]["text"], messages[0]["text"]
    assert slots["place"] == place
    assert slots.get("language", "de") == language
    other = "en" if language == "de" else "de"
    assert f"\n{catalogue_text(TextId.SOURCE, language)}: " in messages[0]["text"]
    assert f"{catalogue_text(TextId.SOURCE, other)}: " not in messages[0]["text"]


async def test_service_finder_asks_for_the_place_and_follows_up(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    messages, slots = await _run(
        ActionRespond(), make_tracker, "where is the immigration office?", "find_service"
    )
    assert slots["pending"] == "service:place"
    messages, slots = await _run(
        ActionRespond(), make_tracker, "I live in Aurich", "inform", **slots
    )
    assert "Landkreises Aurich" in messages[0]["text"]
    messages, slots = await _run(
        ActionRespond(), make_tracker, "no, I live in Leer", "inform", **slots
    )
    assert "Landkreises Leer" in messages[0]["text"] and slots["place"] == "leer-ostfriesland"


@pytest.mark.parametrize(
    ("text", "intent", "topic", "language"),
    [
        ("Was ist die Blaue Karte?", "ask_blue_card", "blue-card", "de"),
        ("how do I register my address", "ask_registration", "registration", "en"),
        ("Ich brauche eine Krankenversicherung", "ask_health_insurance", "health-insurance", "de"),
        ("Chancenkarte?", "ask_opportunity_card", "opportunity-card", "de"),
        ("I need a blocked account for my visa", "ask_visa", "blocked-account", "en"),
        ("how do I find a Kita place for my son", "ask_childcare", "childcare", "en"),
    ],
)
async def test_topic_answers_are_short_sourced_and_offer_more(
    make_tracker: TrackerFactory,
    real_knowledge: KnowledgeStore,
    text: str,
    intent: str,
    topic: str,
    language: str,
) -> None:
    messages, slots = await _run(ActionRespond(), make_tracker, text, intent)
    record = real_knowledge.current.topics[topic]
    assert messages[0]["text"].startswith(record.answer.short.in_language(language))
    # The date of the topic's sources, never a check that no person recorded.
    dated = (
        source_line(record, real_knowledge.current, language).split("(")[-1]
        if record.as_of
        else ("ohne Datum" if language == "de" else "undated")
    )
    assert dated in messages[0]["text"]
    assert "geprüft am" not in messages[0]["text"] and "checked on" not in messages[0]["text"]
    assert slots["last_topic"] == f"topic:{topic}"
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads == [
        "/more",
        '/feedback{"feedback_value":"up"}',
        '/feedback{"feedback_value":"down"}',
    ]
    messages, _ = await _run(ActionRespond(), make_tracker, "mehr", "more", **slots)
    assert record.answer.more is not None
    assert messages[0]["text"].startswith(record.answer.more.in_language(language))


async def test_human_contact_names_people_to_talk_to(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    messages, _slots = await _run(
        ActionRespond(),
        make_tracker,
        "Ich möchte mit einem Menschen sprechen, ich wohne in Papenburg",
        "human_contact",
    )
    text = _text(messages)
    assert "Welcome Center Papenburg" in text
    assert "+49 30 1815-1111" in text


async def test_feedback_is_stored_without_the_sender(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        '/feedback{"feedback_value":"down"}', "feedback",
        slots={"language": "en", "last_topic": "topic:blue-card"},
        entities=[{"entity": "feedback_value", "value": "down"}], sender_id="person-42",
    )  # fmt: skip
    await ActionRespond().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"].startswith("Thank you for your feedback")
    async with runtime.services().sessions() as session:
        rows = (await session.scalars(select(Feedback))).all()
    assert [(r.answer, r.helpful, r.language) for r in rows] == [("topic:blue-card", False, "en")]
    assert "person-42" not in rows[0].conversation


@pytest.mark.parametrize(("language", "text"), [("de", "👍"), ("en", "thanks, helpful")])
async def test_feedback_before_any_answer_stores_nothing(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore, language: str, text: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text, "feedback", slots={"language": language},
        entities=[{"entity": "feedback_value", "value": "up"}],
    )  # fmt: skip
    await ActionRespond().run(dispatcher, tracker, {})
    assert [m["text"] for m in dispatcher.messages] == [
        catalogue_text(TextId.FEEDBACK_NOTHING_TO_RATE, language)
    ]
    async with runtime.services().sessions() as session:
        assert (await session.scalars(select(Feedback))).all() == []


async def test_language_is_remembered_as_a_slot(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    _, slots = await _run(ActionRespond(), make_tracker, "Blue Card please", "ask_blue_card")
    assert slots["language"] == "en"
    messages, _ = await _run(ActionRespond(), make_tracker, "👍", "more", **slots)
    # "👍" names no language: the details come in the conversation's English.
    more = real_knowledge.current.topics["blue-card"].answer.more
    assert more is not None
    assert messages[0]["text"].startswith(more.en)
    assert "Mehr" not in messages[0]["text"][:20]
