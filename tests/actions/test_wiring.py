"""The names that tie the domain, the dialogue logic and the knowledge together all exist."""

from __future__ import annotations

from ruamel.yaml import YAML

from actions import names
from bot.conversation.dialogue import ANSWERED_INTENTS
from bot.conversation.support import INTENT_BUTTONS
from bot.conversation.topics import TOPICS_FOR_INTENT
from bot.knowledge.store import KnowledgeStore
from bot.settings import PROJECT_ROOT


def _yaml(path: str) -> dict:
    return YAML(typ="safe").load((PROJECT_ROOT / path).read_text())


def test_every_intent_of_the_domain_is_answered_by_the_dialogue() -> None:
    # action_respond answers whatever NLU predicts (bot/rasa_side/respond_policy.py), so an
    # intent the dialogue does not route ends in its fallback answer.
    intents = set(_yaml("domain.yml")["intents"])
    assert sorted(intents - ANSWERED_INTENTS) == []


def test_one_policy_one_action_and_one_intent_independent_rule() -> None:
    policies = [p["name"] for p in _yaml("config.yml")["policies"]]
    assert policies == ["bot.rasa_side.respond_policy.RespondPolicy"]
    steps = [
        step
        for path in sorted((PROJECT_ROOT / "data").rglob("*.yml"))
        for key in ("rules", "stories")
        for story in _yaml(str(path.relative_to(PROJECT_ROOT))).get(key) or []
        for step in story["steps"]
    ]
    # The policy refuses rules and stories naming other actions when it is trained; intents
    # in them would be read by nothing.
    assert steps == [{"action": names.ACTION_RESPOND}]


def test_every_topic_an_intent_names_exists(repository_knowledge: KnowledgeStore) -> None:
    topics = repository_knowledge.current.topics
    missing = [t for ids in TOPICS_FOR_INTENT.values() for t in ids if t not in topics]
    assert missing == []


def test_every_question_intent_has_a_button_title() -> None:
    assert set(TOPICS_FOR_INTENT) <= set(INTENT_BUTTONS)
