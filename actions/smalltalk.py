"""Greeting and goodbye, in the language the person writes in, worded by staff."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import names
from bot import runtime
from bot.language import choose_language

# Which knowledge message answers which intent.
_MESSAGE_FOR_INTENT = {
    names.INTENT_GREET: "greeting",
    names.INTENT_GOODBYE: "goodbye",
}


class ActionAnswerSmalltalk(Action):
    """Answer a greeting or a goodbye from the knowledge messages."""

    def name(self) -> str:
        """The name Rasa calls this action by."""
        return names.ACTION_ANSWER_SMALLTALK

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        """Send the staff-worded message for the latest intent."""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        language = choose_language(
            tracker.latest_message.get("text") or "",
            tracker.get_slot(names.SLOT_LANGUAGE),
        )
        message_id = _MESSAGE_FOR_INTENT.get(intent or "", "greeting")
        knowledge = runtime.services().knowledge.current
        dispatcher.utter_message(text=knowledge.message(message_id, language))
        return [SlotSet(names.SLOT_LANGUAGE, language)]
