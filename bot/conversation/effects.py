"""What a turn asks the outside world to do: the dialogue decides, the action adapter carries out.

Plain records, so that the dialogue stays free of databases and the tests can
inspect the decision without carrying it out.
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


@dataclass(frozen=True)
class StoreFeedback:
    """Store a 👍/👎 on the answer ``topic`` (without the person)."""

    topic: str | None
    helpful: bool
    language: str


@dataclass(frozen=True)
class EraseMyData:
    """Erase this person's cases, ratings and conversation."""


Effect = CreateCase | AttachToCase | StoreFeedback | EraseMyData
