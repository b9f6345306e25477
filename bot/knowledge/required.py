"""The records the code names, by id: each must exist and be published.

The fixed messages live in ``knowledge/messages/<id>.yml`` where staff reword them, the
services in ``knowledge/services/<id>.yml``; these lists are what the code needs, so
removing or unpublishing one of them is an error in the one validation path
(``make check``, reload, sync) and never goes live.
"""

from __future__ import annotations

from enum import Enum


class MessageId(str, Enum):
    """Ids of ``knowledge/messages`` records the assistant cannot answer without."""

    GREETING = "greeting"
    GOODBYE = "goodbye"
    THANKS = "thanks"
    BOT_CHALLENGE = "bot-challenge"
    HELP = "help"
    OUT_OF_SCOPE = "out-of-scope"
    NOT_UNDERSTOOD = "not-understood"
    OTHER_LANGUAGE = "other-language"
    LANGUAGE_SWITCHED = "language-switched"
    PRIVACY_NOTICE = "privacy-notice"
    PRIVACY = "privacy"
    MESSAGE_TOO_LONG = "message-too-long"
    TEXT_ONLY = "text-only"
    #: Read by the Rasa server itself when the app server fails (bot/rasa_side/fixes.py).
    TECHNICAL_PROBLEM = "technical-problem"


class ServiceId(str, Enum):
    """Ids of ``knowledge/services`` records the dialogue names itself."""

    #: Human contact and referrals fall back on these.
    COUNSELLING = "counselling"
    WELCOME_CENTRE = "welcome-centre"
