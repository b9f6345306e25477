"""The conversation as our logic sees it, and what a turn produces."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


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


@dataclass(frozen=True)
class State:
    """What the assistant remembers within one conversation (Rasa slots)."""

    language: str = "de"
    profession: str | None = None
    place: str | None = None
    eu_qualification: bool | None = None
    service: str | None = None
    #: What the assistant asked last: "recognition:profession", "service:place" …
    pending: str | None = None
    #: What the person asked for last, for follow-ups: "recognition", "service", "topic".
    last_request: str | None = None
    last_topic: str | None = None

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

    def entity(self, name: str) -> str | None:
        """The first value of entity ``name``, if any."""
        return next((str(e["value"]) for e in self.entities if e.get("entity") == name), None)


@dataclass
class Outcome:
    """The replies of a turn and the state after it."""

    state: State
    replies: list[Reply] = field(default_factory=list)

    def say(self, text: str, buttons: tuple[Button, ...] = ()) -> Outcome:
        """Add a reply."""
        self.replies.append(Reply(text, buttons))
        return self
