"""Referrals to partners, follow-up messages to a case, and erasure of a person's data."""

from __future__ import annotations

from actions import names
from actions.base import DialogueAction


class ActionReferToPartner(DialogueAction):
    """Propose a partner, explain what is shared, ask consent, collect the contact, create the case."""

    action_name = names.ACTION_REFER_TO_PARTNER


class ActionAddToCase(DialogueAction):
    """Attach a further message of the person to their case and forward it."""

    action_name = names.ACTION_ADD_TO_CASE


class ActionEraseMyData(DialogueAction):
    """After a confirmation, erase the person's cases, ratings and conversation."""

    action_name = names.ACTION_ERASE_MY_DATA


class ActionCancel(DialogueAction):
    """Abort the referral (or question) in progress and forget its data."""

    action_name = names.ACTION_CANCEL
