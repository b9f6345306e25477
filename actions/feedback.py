"""👍/👎 on the last answer, stored for staff."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions import names
from actions.base import DialogueAction, turn_of
from bot import runtime
from bot.conversation.state import Outcome
from bot.feedback import is_helpful, store_feedback


class ActionStoreFeedback(DialogueAction):
    """Thank for the feedback and store it with the answer it is about."""

    action_name = names.ACTION_STORE_FEEDBACK

    async def after(self, outcome: Outcome, tracker: Tracker) -> None:
        """Store the rating of the last answer."""
        turn = turn_of(tracker)
        helpful = is_helpful(turn.entity(names.ENTITY_FEEDBACK_VALUE), turn.text)
        await store_feedback(
            runtime.services().sessions,
            tracker.sender_id,
            outcome.state.last_topic,
            helpful,
            outcome.state.language,
        )
