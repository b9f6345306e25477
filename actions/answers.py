"""Answers from the knowledge: topics, "more", recognition, services, human contact, follow-ups."""

from __future__ import annotations

from actions import names
from actions.base import DialogueAction


class ActionAnswerTopic(DialogueAction):
    """A topic question (Blue Card, health insurance …): the short answer with its source."""

    action_name = names.ACTION_ANSWER_TOPIC


class ActionAnswerMore(DialogueAction):
    """The details of the last answer."""

    action_name = names.ACTION_ANSWER_MORE


class ActionFindRecognition(DialogueAction):
    """The recognition finder: asks only for what is missing, then who decides and how."""

    action_name = names.ACTION_FIND_RECOGNITION


class ActionFindService(DialogueAction):
    """The service finder: the responsible office or partners for a place and a kind of service."""

    action_name = names.ACTION_FIND_SERVICE


class ActionContactHuman(DialogueAction):
    """A person to talk to: welcome centre, counselling, the hotline."""

    action_name = names.ACTION_CONTACT_HUMAN


class ActionContinue(DialogueAction):
    """Facts without a question: answers to our questions, follow-ups, corrections."""

    action_name = names.ACTION_CONTINUE
