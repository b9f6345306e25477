"""No recognition question with a statewide answer is met with a place question (issue 12).

One case per profession group: every profession whose competent bodies are the same in
all of Niedersachsen is asked about in German and English without a place.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.respond import ActionRespond
from bot.conversation.recognition import depends_on_place
from bot.knowledge.schema import Profession
from bot.knowledge.store import KnowledgeStore
from tests.actions.conftest import TrackerFactory
from tests.support import repository_knowledge

_REAL = repository_knowledge()
_GROUPS: dict[str, list[Profession]] = {}
for _profession in _REAL.professions.values():
    if not depends_on_place(_profession):
        _GROUPS.setdefault(_profession.group, []).append(_profession)

QUESTIONS = {
    "de": "Ich bin {name} aus Peru. Wer erkennt meinen Abschluss in Niedersachsen an?",
    "en": "I'm a {name} from Peru. Who recognises my qualification in Lower Saxony?",
}


@pytest.mark.parametrize("group", sorted(_GROUPS))
@pytest.mark.parametrize("language", ["de", "en"])
async def test_statewide_recognition_is_answered_without_asking_the_place(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore, group: str, language: str
) -> None:
    for profession in _GROUPS[group]:
        name = getattr(profession.synonyms, language)[0]
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(QUESTIONS[language].format(name=name), "ask_recognition", slots={})
        events: list[dict[str, Any]] = await ActionRespond().run(dispatcher, tracker, {})
        slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
        text = "\n".join(m["text"] for m in dispatcher.messages)
        assert slots.get("profession") == profession.id, (name, slots)
        assert slots.get("pending") is None, (name, text[:200])
        assert "In welchem Ort" not in text and "In which town" not in text, name
        bodies = [_REAL.partners[b.partner] for b in profession.competent_bodies]
        assert any(body.name in text for body in bodies), (name, text[:300])


async def test_a_service_that_is_the_same_everywhere_is_answered_without_asking_the_place(
    make_tracker: TrackerFactory, real_knowledge: KnowledgeStore
) -> None:
    from actions.respond import ActionRespond

    dispatcher = CollectingDispatcher()
    tracker = make_tracker("Gibt es eine Telefon-Hotline?", "find_service", slots={})
    events = await ActionRespond().run(dispatcher, tracker, {})
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    text = "\n".join(m["text"] for m in dispatcher.messages)
    assert slots.get("pending") is None and "In welchem Ort" not in text
    assert "Hotline „Arbeiten und Leben in Deutschland“" in text or "1815-1111" in text, text[:300]
