"""Whole conversations through the running REST channel, asserting what the newcomer reads.

One action answers every message (``action_respond``), so which action Rasa picks asserts
nothing; what the dialogue answers does. The conversations are in ``conversations.yml``;
the tests below also check, in the tracker store, that every message is answered by that
one action and that Rasa's own session start, ``/restart`` and ``/back`` still work.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from actions import names
from bot.ops.assistant import Assistant
from tests.support import assistant_on_a_copy, say

pytestmark = pytest.mark.rasa

CONVERSATIONS: list[dict[str, Any]] = YAML(typ="safe").load(
    (Path(__file__).parent / "conversations.yml").read_text()
)
RESPOND, LISTEN = ("action", names.ACTION_RESPOND), ("action", "action_listen")
SESSION_START = [("action", "action_session_start"), LISTEN]


@pytest.fixture(scope="module")
def assistant(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    state = tmp_path_factory.mktemp("conversations")
    with assistant_on_a_copy(state, trained_model, poll_seconds="0") as running:
        yield running


def _texts(replies: list[dict[str, object]]) -> str:
    return "\n".join(str(r.get("text") or "") for r in replies)


def _turns(assistant: Assistant, sender: str) -> list[tuple[str, str | None]]:
    """The user messages and actions of ``sender`` in the tracker store, in order."""
    database = assistant.settings.tracker_db_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT type_name, action_name FROM events WHERE sender_id = ? ORDER BY id",
            (sender,),
        ).fetchall()
    return [(kind, action) for kind, action in rows if kind in ("user", "action")]


@pytest.mark.parametrize(
    "conversation", CONVERSATIONS, ids=[c["conversation"] for c in CONVERSATIONS]
)
def test_the_newcomer_reads(assistant: Assistant, conversation: dict[str, Any]) -> None:
    sender = f"conversation-{CONVERSATIONS.index(conversation)}"
    for number, turn in enumerate(conversation["turns"], 1):
        read = _texts(say(assistant.settings.rasa_url, sender, turn["say"]))
        assert turn["read"] in read, (
            f"turn {number}, {turn['say']!r}: expected to read {turn['read']!r} in\n{read}"
        )


def test_every_message_is_answered_by_the_one_action_then_the_assistant_listens(
    assistant: Assistant,
) -> None:
    for text in ("Hallo", "Wo ist die Ausländerbehörde in Norden?", "hmm", "/nlu_fallback"):
        say(assistant.settings.rasa_url, "one-action", text)
    assert _turns(assistant, "one-action") == SESSION_START + [("user", None), RESPOND, LISTEN] * 4


def test_restart_starts_a_new_session_with_the_privacy_notice_again(assistant: Assistant) -> None:
    url = assistant.settings.rasa_url
    first = _texts(say(url, "restarting", "Hallo"))
    assert first.startswith("Datenschutz kurz") and "Hallo und willkommen" in first
    assert "Datenschutz kurz" not in _texts(say(url, "restarting", "Hallo"))
    assert say(url, "restarting", "/restart") == []  # Rasa's action_restart says nothing
    # The slots are gone: the conversation starts afresh, notice first.
    assert _texts(say(url, "restarting", "Hallo")).startswith("Datenschutz kurz")
    turn = [("user", None), RESPOND, LISTEN]
    assert _turns(assistant, "restarting") == [
        *SESSION_START, *turn, *turn,
        ("user", None), ("action", "action_restart"), *SESSION_START,
        *turn,
    ]  # fmt: skip


def test_back_undoes_the_last_answer_and_waits(assistant: Assistant) -> None:
    url = assistant.settings.rasa_url
    say(url, "going-back", "Hallo")
    say(url, "going-back", "Wo ist die Ausländerbehörde in Norden?")
    assert say(url, "going-back", "/back") == []
    # The question about Norden is undone, so "and for Wittmund?" continues nothing.
    again = _texts(say(url, "going-back", "und für Wittmund?"))
    assert "Ausländerbehörde des Landkreises Wittmund" not in again and "Wittmund" in again
    turn = [("user", None), RESPOND, LISTEN]
    assert _turns(assistant, "going-back") == [
        *SESSION_START, *turn, *turn,
        ("user", None), ("action", "action_back"), LISTEN,
        *turn,
    ]  # fmt: skip
