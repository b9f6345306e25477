"""The question that was asked gets its answer (issue 12), on the repository's knowledge.

Each case is a kind of question the dialogue once answered with the wrong record: a
profession named beside another topic's intent, a topic asked for with "who handles",
a follow-up that depends on what the question before it named, a language switch after
an aspect answer, a member municipality's town hall.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.respond import ActionRespond
from bot.knowledge.store import KnowledgeStore
from tests.actions.conftest import TrackerFactory


async def _turn(
    make_tracker: TrackerFactory, text: str, intent: str, slots: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, intent, slots=dict(slots))
    events = await ActionRespond().run(dispatcher, tracker, {})
    changed = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    return "\n".join(m["text"] or "" for m in dispatcher.messages), {**slots, **changed}


async def test_a_profession_beside_another_intents_topic_gets_its_recognition_facts(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    # NLU hears a work-visa question; the nurse and the fee asked for decide the answer.
    text, slots = await _turn(
        make_tracker, "What does the LS charge for the permit to work as a nurse?", "ask_visa", {}
    )
    assert "53 EUR" in text
    assert slots["profession"] == "pflegefachfrau-pflegefachmann"


async def test_a_misspelt_profession_without_an_intent_is_a_recognition_question(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    text, _ = await _turn(
        make_tracker,
        "Ingeneur aus Ägypten, wer erlaubt mir die Berufsbezeichung?",
        "nlu_fallback",
        {},
    )
    assert "Ingenieurkammer Niedersachsen" in text


async def test_who_handles_a_topic_gets_the_topic_not_a_question_for_the_office(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    text, slots = await _turn(
        make_tracker, "Who handles naturalisation if I live in Papenburg?", "find_service", {}
    )
    assert "Which office are you looking for" not in text
    assert slots["last_topic"] == "topic:naturalisation"
    text, _ = await _turn(
        make_tracker, "and how many years do I need to have lived here?", "inform", slots
    )
    assert "5 years" in text


async def test_a_follow_up_keeps_the_fact_the_question_before_it_named(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    text, slots = await _turn(
        make_tracker,
        "Meine Frau arbeitet nicht, ist sie bei mir mitversichert?",
        "ask_health_insurance",
        {},
    )
    assert "565 Euro" in text
    text, _ = await _turn(make_tracker, "bis zu welchem Einkommen?", "inform", slots)
    assert "565 Euro" in text  # the family-insurance limit, not the compulsory-insurance limit
    assert "77.400" not in text


async def test_a_language_switch_repeats_the_facts_asked_for(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    text, slots = await _turn(
        make_tracker, "Was kostet der Integrationskurs?", "ask_language_course", {}
    )
    assert "2,29 Euro" in text
    text, slots = await _turn(
        make_tracker,
        "please reply in English, my colleague doesn't speak German",
        "switch_language",
        slots,
    )
    assert "2.29 euros" in text
    assert slots["language"] == "en"


async def test_the_anmeldung_in_a_member_municipality_names_its_samtgemeinde(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    text, _ = await _turn(
        make_tracker,
        "I live in Dersum in the Emsland. Where do I go for my Anmeldung?",
        "ask_registration",
        {},
    )
    assert "Samtgemeinde Dörpen" in text


async def test_and_next_year_asks_the_same_about_the_year_named(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    text, slots = await _turn(make_tracker, "How much is the minimum wage?", "ask_jobs", {})
    assert "13.90" in text
    text, _ = await _turn(make_tracker, "and next year, 2027?", "nlu_fallback", slots)
    assert "14.60" in text


async def test_a_long_topic_word_with_one_typo_is_still_understood(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    text, _ = await _turn(
        make_tracker, "Wie hoch ist der Mindeslohn ab Januar 2026?", "out_of_scope", {}
    )
    assert "13,90 Euro" in text


async def test_a_place_and_a_topic_without_a_question_word_get_the_topic(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    # Not "Thanks, I'll remember Emden": the message names the first steps clearly.
    text, slots = await _turn(
        make_tracker,
        "We arrive in Emden next month. What should we do in the first days?",
        "inform",
        {},
    )
    assert "2 weeks" in text
    assert slots["place"] == "emden"


async def test_german_knowledge_words_are_not_taken_for_another_language(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    text, _ = await _turn(
        make_tracker, "Kita anmeldung in Nordhron, gibts da ein portal?", "ask_childcare", {}
    )
    assert "nur in" not in text and "only answer" not in text
    assert "Little Bird" in text
