"""Signals the dialogue sends along with a reply, for channels that keep something themselves.

A signal travels as the reply's custom JSON (``{"data": {...}}``, the shape Rasa's socket.io
channel emits): the website widget keeps the transcript in the browser and clears it when the
conversation was erased. Messengers keep nothing of ours, so their senders drop signals
instead of sending them as text. Standard library only: the actions (app env) and the
connectors (Rasa env) both import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The reply confirms that the person's conversation was erased.
ERASED = "erased"


def erased_signal() -> dict[str, Any]:
    """The custom JSON of a reply that confirms an erasure."""
    return {"data": {ERASED: True}}


def is_signal(json_message: Mapping[str, Any]) -> bool:
    """Whether custom JSON is one of our signals (not a message for a person)."""
    data = json_message.get("data")
    return isinstance(data, Mapping) and data.get(ERASED) is True
