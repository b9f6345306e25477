"""What channels and the dialogue tell each other about a message, beyond its text.

Inbound, in a message's metadata: a text the Rasa side cut at ``EMS_MAX_MESSAGE_CHARS``, or
a messenger message that held no text. Outbound, as a reply's custom JSON (``{"data": …}``,
the shape Rasa's socket.io channel emits): a signal for channels that keep something
themselves — the website widget clears its stored transcript when the conversation was
erased; messengers keep nothing of ours, so their senders drop signals instead of sending
them as text. Standard library only: the actions (app env), ``bot/rasa_side`` and the
connectors in ``bot/channels`` (Rasa env) all import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The metadata key a cut message carries, with its length before the cut.
CUT_FROM_METADATA = "message_cut_from_chars"


#: The metadata key of a messenger message that held no text (media, a location).
NO_TEXT_METADATA = "message_without_text"


def cut(text: str, limit: int) -> tuple[str, int | None]:
    """``text`` cut to ``limit`` characters, and its length before when it was longer."""
    if len(text) <= limit:
        return text, None
    return text[:limit], len(text)


#: The reply confirms that the person's conversation was erased.
ERASED = "erased"


def erased_signal() -> dict[str, Any]:
    """The custom JSON of a reply that confirms an erasure."""
    return {"data": {ERASED: True}}


def is_signal(json_message: Mapping[str, Any]) -> bool:
    """Whether custom JSON is one of our signals (not a message for a person)."""
    data = json_message.get("data")
    return isinstance(data, Mapping) and data.get(ERASED) is True
