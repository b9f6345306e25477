"""The one custom action: tracker → bot.conversation → messages and slot events.

Every user message, whatever its intent, is answered by ``action_respond``
(``bot/rasa_side/respond_policy.py`` predicts it); what to say is decided once, in
:class:`bot.conversation.dialogue.Dialogue`. See docs/decisions/0001-dialogue-in-code.md.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import names
from bot import runtime
from bot.channel_contract import erased_signal
from bot.conversation.dialogue import Dialogue
from bot.conversation.referral import not_saved
from bot.conversation.state import Outcome, State, Turn
from bot.conversation.steps import RecordRef, Step
from bot.effects import EffectFailed, carry_out


def turn_of(tracker: Tracker) -> Turn:
    """The latest user message as our logic sees it, with what the channel sent along.

    Rasa sends the events from the latest user message on, not the conversation's history
    (fix 4 in ``bot/rasa_side/fixes.py``): what an action needs from earlier turns is in slots.
    """
    latest = tracker.latest_message or {}
    metadata = latest.get("metadata") or next(
        (e.get("metadata") for e in reversed(tracker.events) if e.get("event") == "user"), None
    )
    return Turn(
        text=latest.get("text") or "",
        intent=(latest.get("intent") or {}).get("name"),
        entities=tuple(latest.get("entities") or ()),
        intent_ranking=tuple(latest.get("intent_ranking") or ()),
        metadata=dict(metadata or {}),
    )


def state_of(tracker: Tracker) -> State:
    """The conversation state from the tracker's slots (unset slots keep the defaults)."""
    values = {f.name: tracker.get_slot(f.name) for f in fields(State)}
    for name in ("offered", "asked", "keywords"):  # list slots, tuples in State
        if isinstance(values.get(name), list):
            values[name] = tuple(values[name])
    # Typed in State, text in the slots (see bot/conversation/steps.py).
    values["pending"] = _step(values.get("pending"))
    values["last_topic"] = RecordRef.from_slot(values.get("last_topic"))
    return State(**{k: v for k, v in values.items() if v is not None})


def _step(value: object) -> Step | None:
    try:
        return Step(value) if value else None
    except ValueError:
        return None  # a step of an older release: ask afresh


def events_for(before: State, after: State) -> list[dict[str, Any]]:
    """A SlotSet for every slot the turn changed."""
    events = []
    for f in fields(State):
        value = getattr(after, f.name)
        if getattr(before, f.name) != value:
            events.append(SlotSet(f.name, _slot_value(value)))
    return events


def _slot_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Step):
        return value.value
    if isinstance(value, RecordRef):
        return value.slot()
    return value


class ActionRespond(Action):
    """Answers the latest message with :class:`Dialogue`, whatever NLU took it for."""

    def name(self) -> str:
        """The name Rasa calls this action by."""
        return names.ACTION_RESPOND

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """Answer the latest message, carry out what it decided, and remember what it told us."""
        services = runtime.services()
        live = services.knowledge.live
        dialogue = Dialogue(
            live.knowledge,
            live.resolver,
            conversation_days=services.settings.conversation_retention_days,
            case_days=services.settings.case_retention_days,
        )
        before = state_of(tracker)
        outcome = dialogue.handle(turn_of(tracker), before)
        try:
            await carry_out(outcome.effects, services.sessions, tracker.sender_id, live.knowledge)
        except EffectFailed:
            outcome = not_saved(before, outcome, live.knowledge)
        send(dispatcher, outcome)
        return events_for(before, outcome.state)


def send(dispatcher: CollectingDispatcher, outcome: Outcome) -> None:
    """Send every reply with its buttons."""
    for reply in outcome.replies:
        buttons = [{"title": b.title, "payload": b.payload} for b in reply.buttons]
        dispatcher.utter_message(
            text=reply.text,
            buttons=buttons or None,
            json_message=erased_signal() if reply.erased else None,
        )
