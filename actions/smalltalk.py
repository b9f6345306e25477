"""Greeting, goodbye, thanks, help, privacy, language switch, out of scope: fixed messages."""

from __future__ import annotations

from actions import names
from actions.base import DialogueAction


class ActionAnswerSmalltalk(DialogueAction):
    """Answer small talk with the staff-worded messages in knowledge/messages/."""

    action_name = names.ACTION_ANSWER_SMALLTALK


class ActionClarify(DialogueAction):
    """Not understood: ask back with buttons for the likely questions."""

    action_name = names.ACTION_CLARIFY
