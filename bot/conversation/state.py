"""The conversation as our logic sees it, and what a turn produces."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from bot.conversation.steps import RecordRef, Step
from bot.feedback import StoreFeedback
from bot.privacy.requests import EraseMyData
from bot.referrals.requests import AttachToCase, CreateCase


@dataclass(frozen=True)
class Button:
    """A quick reply: what it says, and what it sends when pressed."""

    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    """One message of the assistant."""

    text: str
    buttons: tuple[Button, ...] = ()
    #: This reply confirms that the conversation was erased: a channel that keeps a
    #: transcript (the website widget) clears it.
    erased: bool = False


@dataclass(frozen=True)
class State:
    """What the assistant remembers within one conversation (Rasa slots)."""

    language: str = "de"
    profession: str | None = None
    place: str | None = None
    eu_qualification: bool | None = None
    service: str | None = None
    #: What the assistant asked last.
    pending: Step | None = None
    #: What the person asked for last, for follow-ups: "recognition", "service", "topic".
    last_request: Literal["recognition", "service", "topic"] | None = None
    #: The record the last answer came from ("more", feedback and follow-ups refer to it).
    last_topic: RecordRef | None = None
    #: The aspects the last question asked for ("cost"), for "and for the opportunity card?".
    asked: tuple[str, ...] = ()
    #: The fact keywords the last question used ("mitversichert"), so that "bis zu welchem
    #: Einkommen?" gets the limit of that fact, not the topic's other limits.
    keywords: tuple[str, ...] = ()
    #: Whether the short privacy notice has been shown (first contact).
    privacy_noticed: bool = False
    #: Payloads of the last buttons: "2" presses the second where a channel has no buttons.
    offered: tuple[str, ...] = ()
    #: The referral being prepared, filled only after consent.
    referral_need: str | None = None
    referral_partner: str | None = None
    referral_name: str | None = None
    referral_contact: str | None = None
    referral_description: str | None = None
    #: The case this conversation created, for follow-up messages.
    case_reference: str | None = None

    def with_(self, **changes: Any) -> State:
        """A copy with ``changes``."""
        return replace(self, **changes)


@dataclass(frozen=True)
class Turn:
    """The latest user message as NLU understood it."""

    text: str
    intent: str | None = None
    entities: tuple[dict[str, Any], ...] = ()
    intent_ranking: tuple[dict[str, Any], ...] = ()
    #: What the channel sent along (the website widget: privacy_notice_shown, ui_language).
    metadata: dict[str, Any] = field(default_factory=dict)

    def entity(self, name: str) -> str | None:
        """The first value of entity ``name``, if any."""
        return next((str(e["value"]) for e in self.entities if e.get("entity") == name), None)


#: Everything a turn may ask the outside world to do; each type belongs to its domain,
#: and ``bot/effects.py`` carries them out.
Effect = CreateCase | AttachToCase | StoreFeedback | EraseMyData


@dataclass
class Outcome:
    """The replies of a turn, the state after it, and what must happen outside the chat."""

    state: State
    replies: list[Reply] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)

    def say(self, text: str, buttons: tuple[Button, ...] = (), *, erased: bool = False) -> Outcome:
        """Add a reply (``erased``: it confirms that the conversation was erased)."""
        self.replies.append(Reply(text, buttons, erased))
        return self
