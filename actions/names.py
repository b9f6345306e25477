"""The names Rasa calls our custom actions by; a test checks them against domain.yml.

Slot names are the fields of ``bot.conversation.state.State`` and intent names are
the keys of the dialogue's routing tables; tests check both against the domain too.
"""

from __future__ import annotations

ACTION_ANSWER_SMALLTALK = "action_answer_smalltalk"
ACTION_FIND_RECOGNITION = "action_find_recognition"
ACTION_FIND_SERVICE = "action_find_service"
ACTION_ANSWER_TOPIC = "action_answer_topic"
ACTION_ANSWER_MORE = "action_answer_more"
ACTION_CONTINUE = "action_continue"
ACTION_CLARIFY = "action_clarify"
ACTION_CONTACT_HUMAN = "action_contact_human"
ACTION_STORE_FEEDBACK = "action_store_feedback"
ACTION_REFER_TO_PARTNER = "action_refer_to_partner"
ACTION_ADD_TO_CASE = "action_add_to_case"
ACTION_ERASE_MY_DATA = "action_erase_my_data"
ACTION_CANCEL = "action_cancel"
