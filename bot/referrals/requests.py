"""What the dialogue asks the referral service to do: plain records, carried out by ``bot/effects.py``.

They live here, with the cases they become, so that referrals need nothing from the dialogue.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CreateCase:
    """Store a consented referral and queue its delivery to the partner."""

    reference: str
    partner_id: str
    need: str
    profession_id: str | None
    place_id: str | None
    language: str
    name: str
    contact: str
    description: str


@dataclass(frozen=True)
class AttachToCase:
    """Add a message of the newcomer to their case (and forward it to the partner)."""

    reference: str
    text: str
