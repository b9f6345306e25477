"""Typed conversation state: the question the assistant asked last, and the record it answered.

Both are kept in Rasa slots as plain strings ("referral:contact", "topic:blue-card"); the
conversion happens once, at the slot boundary (``actions/base.py``), so the dialogue works
with members and fields that mypy checks, never with ``partition(":")``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal


class Flow(str, Enum):
    """The flows that ask the newcomer something and wait for the answer."""

    RECOGNITION = "recognition"
    SERVICE = "service"
    REFERRAL = "referral"
    CASE = "case"
    PRIVACY = "privacy"


class Step(str, Enum):
    """What the assistant asked last (the slot ``pending``); its value is the slot's text."""

    RECOGNITION_PROFESSION = "recognition:profession"
    RECOGNITION_PLACE = "recognition:place"
    SERVICE_KIND = "service:kind"
    SERVICE_PLACE = "service:place"
    REFERRAL_NEED = "referral:need"
    REFERRAL_PLACE = "referral:place"
    REFERRAL_CONSENT = "referral:consent"
    REFERRAL_NAME = "referral:name"
    REFERRAL_CONTACT = "referral:contact"
    REFERRAL_DESCRIPTION = "referral:description"
    REFERRAL_CONFIRM = "referral:confirm"
    CASE_NOTE = "case:note"
    PRIVACY_ERASE = "privacy:erase"

    @property
    def flow(self) -> Flow:
        """The flow this step belongs to."""
        return _FLOW_OF[self]


_FLOW_OF: dict[Step, Flow] = {
    **dict.fromkeys((Step.RECOGNITION_PROFESSION, Step.RECOGNITION_PLACE), Flow.RECOGNITION),
    **dict.fromkeys((Step.SERVICE_KIND, Step.SERVICE_PLACE), Flow.SERVICE),
    **dict.fromkeys(
        (
            Step.REFERRAL_NEED,
            Step.REFERRAL_PLACE,
            Step.REFERRAL_CONSENT,
            Step.REFERRAL_NAME,
            Step.REFERRAL_CONTACT,
            Step.REFERRAL_DESCRIPTION,
            Step.REFERRAL_CONFIRM,
        ),
        Flow.REFERRAL,
    ),
    Step.CASE_NOTE: Flow.CASE,
    Step.PRIVACY_ERASE: Flow.PRIVACY,
}

RecordKind = Literal["topic", "profession", "service"]


@dataclass(frozen=True)
class RecordRef:
    """The knowledge record the last answer came from (the slot ``last_topic``)."""

    kind: RecordKind
    id: str

    def slot(self) -> str:
        """The slot's text, also the key feedback is stored under: ``topic:blue-card``."""
        return f"{self.kind}:{self.id}"

    @classmethod
    def from_slot(cls, value: str | None) -> RecordRef | None:
        """The reference a slot holds; None for an empty or unknown value."""
        kind, _, record_id = (value or "").partition(":")
        if kind in ("topic", "profession", "service") and record_id:
            return cls(kind, record_id)  # type: ignore[arg-type]
        return None


def topic(record_id: str) -> RecordRef:
    """A reference to a topic."""
    return RecordRef("topic", record_id)


def profession(record_id: str) -> RecordRef:
    """A reference to a profession."""
    return RecordRef("profession", record_id)


def service(record_id: str) -> RecordRef:
    """A reference to a kind of service."""
    return RecordRef("service", record_id)
