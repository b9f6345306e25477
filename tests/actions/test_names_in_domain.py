"""The names Python and the domain share: actions, slots and the intents the dialogue routes."""

from __future__ import annotations

from dataclasses import fields

from ruamel.yaml import YAML

from actions import names
from bot.conversation import dialogue, topics
from bot.conversation.phrases import INTENT_TITLES
from bot.conversation.state import State
from bot.settings import PROJECT_ROOT


def _domain() -> dict:
    return YAML(typ="safe").load((PROJECT_ROOT / "domain.yml").read_text())


def test_every_action_name_exists_in_the_domain() -> None:
    actions = set(_domain()["actions"])
    missing = [
        value
        for value in vars(names).values()
        if isinstance(value, str) and value.startswith("action_") and value not in actions
    ]
    assert missing == []


def test_the_slots_are_exactly_the_conversation_state() -> None:
    # actions/base.py reads and writes one slot per State field: a field without a slot is lost.
    assert {f.name for f in fields(State)} == set(_domain()["slots"])


def test_every_intent_the_dialogue_routes_is_in_the_domain() -> None:
    routed = (
        set(dialogue._MESSAGES)
        | dialogue._HANDLED
        | set(topics.TOPICS_FOR_INTENT)
        | set(INTENT_TITLES)
    )
    assert sorted(routed - set(_domain()["intents"])) == []


def test_every_intent_of_the_domain_is_routed() -> None:
    # An intent NLU may predict but the dialogue does not know ends in the fallback answer.
    routed = set(dialogue._MESSAGES) | dialogue._HANDLED | set(topics.TOPICS_FOR_INTENT)
    assert sorted(set(_domain()["intents"]) - routed) == []


def test_every_custom_action_in_the_domain_is_registered() -> None:
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    custom = {a for a in _domain()["actions"] if a.startswith("action_")}
    assert custom <= set(executor.actions)
