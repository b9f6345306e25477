"""How long a message may be, shared by the Rasa side (which cuts) and the dialogue (which answers).

Standard library only: ``bot/rasa_side`` imports it inside the Rasa server.
"""

from __future__ import annotations

#: The metadata key a cut message carries, with its length before the cut.
CUT_FROM_METADATA = "message_cut_from_chars"


def cut(text: str, limit: int) -> tuple[str, int | None]:
    """``text`` cut to ``limit`` characters, and its length before when it was longer."""
    if len(text) <= limit:
        return text, None
    return text[:limit], len(text)
