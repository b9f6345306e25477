"""Every intent, slot and action name that Python code uses; a test checks them against domain.yml."""

from __future__ import annotations

INTENT_GREET = "greet"
INTENT_GOODBYE = "goodbye"
INTENT_FEEDBACK = "feedback"

SLOT_LANGUAGE = "language"
SLOT_PROFESSION = "profession"
SLOT_PLACE = "place"
SLOT_EU_QUALIFICATION = "eu_qualification"
SLOT_SERVICE = "service"
SLOT_PENDING = "pending"
SLOT_LAST_REQUEST = "last_request"
SLOT_LAST_TOPIC = "last_topic"

ENTITY_FEEDBACK_VALUE = "feedback_value"

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

SLOT_PRIVACY_NOTICED = "privacy_noticed"
SLOT_OFFERED = "offered"
SLOT_CASE_REFERENCE = "case_reference"
