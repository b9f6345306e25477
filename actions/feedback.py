"""👍/👎 on the last answer, stored for staff (the dialogue decides, bot/effects.py stores)."""

from __future__ import annotations

from actions import names
from actions.base import DialogueAction


class ActionStoreFeedback(DialogueAction):
    """Thank for the feedback and store it with the answer it is about."""

    action_name = names.ACTION_STORE_FEEDBACK
