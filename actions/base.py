"""The shared adapter: tracker → bot.conversation → messages and slot events."""

from __future__ import annotations

import abc
from dataclasses import fields
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import runtime
from bot.conversation.dialogue import Dialogue
from bot.conversation.state import Outcome, State, Turn


def turn_of(tracker: Tracker) -> Turn:
    """The latest user message as our logic sees it."""
    latest = tracker.latest_message or {}
    return Turn(
        text=latest.get("text") or "",
        intent=(latest.get("intent") or {}).get("name"),
        entities=tuple(latest.get("entities") or ()),
        intent_ranking=tuple(latest.get("intent_ranking") or ()),
    )


def state_of(tracker: Tracker) -> State:
    """The conversation state from the tracker's slots (unset slots keep the defaults)."""
    values = {f.name: tracker.get_slot(f.name) for f in fields(State)}
    return State(**{k: v for k, v in values.items() if v is not None})


def events_for(before: State, after: State) -> list[dict[str, Any]]:
    """A SlotSet for every slot the turn changed."""
    return [
        SlotSet(f.name, getattr(after, f.name))
        for f in fields(State)
        if getattr(before, f.name) != getattr(after, f.name)
    ]


class DialogueAction(Action, metaclass=abc.ABCMeta):
    """Answers the latest message with :class:`Dialogue`; subclasses only set ``action_name``.

    ``action_name`` is abstract here, so the SDK does not register this base class.
    """

    @property
    @abc.abstractmethod
    def action_name(self) -> str:
        """The name Rasa calls this action by (a class attribute in subclasses)."""

    def name(self) -> str:
        """The name Rasa calls this action by."""
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Answer the latest message and remember what it told us."""
        live = runtime.services().knowledge.live
        before = state_of(tracker)
        outcome = Dialogue(live.knowledge, live.resolver).handle(turn_of(tracker), before)
        await self.after(outcome, tracker)
        send(dispatcher, outcome)
        return events_for(before, outcome.state)

    async def after(self, outcome: Outcome, tracker: Tracker) -> None:
        """A hook for side effects (storing feedback); nothing by default."""


def send(dispatcher: CollectingDispatcher, outcome: Outcome) -> None:
    """Send every reply with its buttons."""
    for reply in outcome.replies:
        buttons = [{"title": b.title, "payload": b.payload} for b in reply.buttons]
        dispatcher.utter_message(text=reply.text, buttons=buttons or None)
