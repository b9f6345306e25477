"""What the dialogue asks the privacy service to do (carried out by ``bot/effects.py``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EraseMyData:
    """Erase this person's cases, ratings and conversation."""
