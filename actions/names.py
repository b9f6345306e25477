"""Every intent, slot and action name that Python code uses; a test checks them against domain.yml."""

from __future__ import annotations

INTENT_GREET = "greet"
INTENT_GOODBYE = "goodbye"

SLOT_LANGUAGE = "language"

ACTION_ANSWER_SMALLTALK = "action_answer_smalltalk"
