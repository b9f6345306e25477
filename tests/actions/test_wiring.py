"""The names that tie the domain, the dialogue logic and the knowledge together all exist."""

from __future__ import annotations

from ruamel.yaml import YAML

from bot.conversation.dialogue import _HANDLED, _MESSAGES
from bot.conversation.phrases import INTENT_TITLES
from bot.conversation.topics import TOPICS_FOR_INTENT
from bot.knowledge.store import KnowledgeStore
from bot.settings import PROJECT_ROOT


def _yaml(path: str) -> dict:
    return YAML(typ="safe").load((PROJECT_ROOT / path).read_text())


def test_every_intent_has_a_rule_and_an_answer() -> None:
    intents = set(_yaml("domain.yml")["intents"])
    ruled = {
        step["intent"]
        for path in (PROJECT_ROOT / "data" / "rules").glob("*.yml")
        for rule in YAML(typ="safe").load(path.read_text())["rules"]
        for step in rule["steps"]
        if "intent" in step
    }
    assert intents == ruled
    answered = set(_MESSAGES) | _HANDLED | set(TOPICS_FOR_INTENT)
    assert intents <= answered


def test_every_topic_an_intent_names_exists(repository_knowledge: KnowledgeStore) -> None:
    topics = repository_knowledge.current.topics
    missing = [t for ids in TOPICS_FOR_INTENT.values() for t in ids if t not in topics]
    assert missing == []


def test_every_question_intent_has_a_button_title() -> None:
    assert set(TOPICS_FOR_INTENT) <= set(INTENT_TITLES)
