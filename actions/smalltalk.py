"""Greeting, goodbye, thanks, help, privacy, language switch, out of scope: fixed messages."""

from __future__ import annotations

from actions import names
from actions.base import DialogueAction


class ActionAnswerSmalltalk(DialogueAction):
    """Answer small talk with the staff-worded messages in knowledge/messages/."""

    def name(self) -> str:
        """The name Rasa calls this action by."""
        return names.ACTION_ANSWER_SMALLTALK


class ActionClarify(DialogueAction):
    """Not understood: ask back with buttons for the likely questions."""

    def name(self) -> str:
        """The name Rasa calls this action by."""
        return names.ACTION_CLARIFY
