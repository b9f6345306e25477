"""Typed conversation state at the slot boundary."""

from __future__ import annotations

from bot.conversation.steps import Flow, RecordRef, Step


def test_steps_and_references_round_trip_through_their_slot_text() -> None:
    assert Step("referral:contact") is Step.REFERRAL_CONTACT
    assert Step.REFERRAL_CONTACT.flow is Flow.REFERRAL
    assert all(step.flow.value == step.value.split(":")[0] for step in Step)
    ref = RecordRef("topic", "blue-card")
    assert RecordRef.from_slot(ref.slot()) == ref
    assert RecordRef.from_slot("nonsense") is None and RecordRef.from_slot(None) is None
