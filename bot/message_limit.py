"""What a channel tells the dialogue about a message it could not pass on whole.

Shared by the Rasa side (which cuts a long text, or finds no text) and the dialogue (which
answers). Standard library only: ``bot/rasa_side`` and ``bot/channels`` import it inside
the Rasa server.
"""

from __future__ import annotations

#: The metadata key a cut message carries, with its length before the cut.
CUT_FROM_METADATA = "message_cut_from_chars"


#: The metadata key of a messenger message that held no text (media, a location).
NO_TEXT_METADATA = "message_without_text"


def cut(text: str, limit: int) -> tuple[str, int | None]:
    """``text`` cut to ``limit`` characters, and its length before when it was longer."""
    if len(text) <= limit:
        return text, None
    return text[:limit], len(text)
