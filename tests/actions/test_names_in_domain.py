"""The names Python and the domain share: the one action, slots and the intents the dialogue routes."""

from __future__ import annotations

from dataclasses import fields

from ruamel.yaml import YAML

from actions import names
from bot.conversation.dialogue import ANSWERED_INTENTS
from bot.conversation.state import State
from bot.conversation.support import INTENT_BUTTONS
from bot.settings import PROJECT_ROOT


def _domain() -> dict:
    return YAML(typ="safe").load((PROJECT_ROOT / "domain.yml").read_text())


def test_the_one_action_name_is_the_domains_only_action() -> None:
    assert _domain()["actions"] == [names.ACTION_RESPOND]


def test_the_slots_are_exactly_the_conversation_state() -> None:
    # actions/respond.py reads and writes one slot per State field: a field without a slot is lost.
    assert {f.name for f in fields(State)} == set(_domain()["slots"])


def test_every_intent_the_dialogue_routes_is_in_the_domain() -> None:
    routed = ANSWERED_INTENTS | set(INTENT_BUTTONS)
    assert sorted(routed - set(_domain()["intents"])) == []


def test_the_one_action_is_registered_and_no_other() -> None:
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(executor.actions) == {names.ACTION_RESPOND}
