"""Numbered choices: where a channel shows buttons as "1. …", "2. …", a number presses that button."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from bot.conversation.referral import FREE_TEXT_STEPS
from bot.conversation.state import Reply, State, Turn

_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")
_PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$", re.DOTALL)


def offered_payloads(replies: Iterable[Reply]) -> tuple[str, ...]:
    """The payloads of every button in ``replies``, numbered in the order shown."""
    return tuple(button.payload for reply in replies for button in reply.buttons)


def pressed(turn: Turn, state: State) -> Turn:
    """The turn a bare number stands for (the payload of that offered button), else ``turn``.

    While the assistant waits for free text (a name, a contact) a number is taken as typed.
    """
    match = _NUMBER.match(turn.text)
    if not match or not state.offered or state.pending in FREE_TEXT_STEPS:
        return turn
    index = int(match.group(1))
    if not 1 <= index <= len(state.offered):
        return turn
    return turn_of_payload(state.offered[index - 1], turn.metadata) or turn


def turn_of_payload(payload: str, metadata: dict[str, Any] | None = None) -> Turn | None:
    """The turn a button payload like ``/intent{"entity": "value"}`` describes."""
    match = _PAYLOAD.match(payload.strip())
    if not match:
        return None
    entities: tuple[dict[str, Any], ...] = ()
    if match.group(2):
        try:
            values = json.loads(match.group(2))
        except json.JSONDecodeError:
            return None
        entities = tuple({"entity": k, "value": v} for k, v in values.items())
    intent = match.group(1)
    ranking = ({"name": intent, "confidence": 1.0},)
    return Turn(payload, intent, entities, ranking, dict(metadata or {}))
