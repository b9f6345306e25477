"""The name Rasa calls our one custom action by; a test checks it against domain.yml.

Slot names are the fields of ``bot.conversation.state.State`` and intent names are
the keys of the dialogue's routing tables; tests check both against the domain too.
"""

from __future__ import annotations

#: Answers every user message (``actions/respond.py``); ``bot/rasa_side/respond_policy.py``
#: predicts it after each one.
ACTION_RESPOND = "action_respond"
