"""Answers from the knowledge: topics, "more", recognition, services, human contact, follow-ups."""

from __future__ import annotations

from actions import names
from actions.base import DialogueAction


class ActionAnswerTopic(DialogueAction):
    """A topic question (Blue Card, health insurance …): the short answer with its source."""

    def name(self) -> str:
        """The name Rasa calls this action by."""
        return names.ACTION_ANSWER_TOPIC


class ActionAnswerMore(DialogueAction):
    """The details of the last answer."""

    def name(self) -> str:
        """The name Rasa calls this action by."""
        return names.ACTION_ANSWER_MORE


class ActionFindRecognition(DialogueAction):
    """The recognition finder: asks only for what is missing, then who decides and how."""

    def name(self) -> str:
        """The name Rasa calls this action by."""
        return names.ACTION_FIND_RECOGNITION


class ActionFindService(DialogueAction):
    """The service finder: the responsible office or partners for a place and a kind of service."""

    def name(self) -> str:
        """The name Rasa calls this action by."""
        return names.ACTION_FIND_SERVICE


class ActionContactHuman(DialogueAction):
    """A person to talk to: welcome centre, counselling, the hotline."""

    def name(self) -> str:
        """The name Rasa calls this action by."""
        return names.ACTION_CONTACT_HUMAN


class ActionContinue(DialogueAction):
    """Facts without a question: answers to our questions, follow-ups, corrections."""

    def name(self) -> str:
        """The name Rasa calls this action by."""
        return names.ACTION_CONTINUE
