"""The records the code names, by id: each must exist and be published.

The fixed messages live in ``knowledge/messages/<id>.yml`` where staff reword them, the
shorter sentences and labels in ``knowledge/texts/``, the services in
``knowledge/services/<id>.yml``; these lists are what the code needs, so removing or
unpublishing one of them is an error in the one validation path
(``make check``, reload, sync) and never goes live.
"""

from __future__ import annotations

from enum import Enum


class MessageId(str, Enum):
    """Ids of ``knowledge/messages`` records the assistant cannot answer without."""

    GREETING = "greeting"
    GOODBYE = "goodbye"
    THANKS = "thanks"
    BOT_CHALLENGE = "bot-challenge"
    HELP = "help"
    OUT_OF_SCOPE = "out-of-scope"
    NOT_UNDERSTOOD = "not-understood"
    OTHER_LANGUAGE = "other-language"
    LANGUAGE_SWITCHED = "language-switched"
    PRIVACY_NOTICE = "privacy-notice"
    PRIVACY = "privacy"
    MESSAGE_TOO_LONG = "message-too-long"
    TEXT_ONLY = "text-only"
    #: Read by the Rasa server itself when the app server fails (bot/rasa_side/fixes.py).
    TECHNICAL_PROBLEM = "technical-problem"


class VocabularyId(str, Enum):
    """Ids of ``knowledge/vocabulary`` records the dialogue reads."""

    #: How a follow-up that asks the last question again about something else begins.
    FOLLOW_UP = "follow-up"


class ServiceId(str, Enum):
    """Ids of ``knowledge/services`` records the dialogue names itself."""

    #: Human contact and referrals fall back on these.
    COUNSELLING = "counselling"
    WELCOME_CENTRE = "welcome-centre"


class TextId(str, Enum):
    """Keys of ``knowledge/texts`` the code says; each must be defined once, in a published file."""

    PHONE = "phone"
    EMAIL = "email"
    WEB = "web"
    ADDRESS = "address"
    HOURS = "hours"
    LANGUAGES = "languages"
    SOURCE = "source"
    #: Named as the source of a record that cites no web page.
    SOURCE_OWN = "source_own"
    AS_OF = "as_of"
    UNDATED_SOURCE = "undated_source"
    CONFIRMED_ON = "confirmed_on"
    OLD_FIGURE = "old_figure"
    OLD_CONTACT = "old_contact"
    MORE = "more"
    HELPFUL = "helpful"
    NOT_HELPFUL = "not_helpful"
    YES = "yes"
    NO = "no"
    STEPS = "steps"
    DOCUMENTS = "documents"
    FEES = "fees"
    DURATION = "duration"
    COMPENSATION = "compensation"
    EVERYWHERE = "everywhere"
    FEEDBACK_THANKS = "feedback_thanks"
    FEEDBACK_NOTHING_TO_RATE = "feedback_nothing_to_rate"
    ASK_PROFESSION = "ask_profession"
    ASK_PLACE = "ask_place"
    ASK_SERVICE = "ask_service"
    UNKNOWN_PROFESSION = "unknown_profession"
    OUTSIDE_REGION = "outside_region"
    REGULATED = "regulated"
    NOT_REGULATED = "not_regulated"
    COMPETENT_FOR = "competent_for"
    FACT_SOURCE = "fact_source"
    FACT_SOURCE_UNDATED = "fact_source_undated"
    FACT_MORE = "fact_more"
    COMPETENT_STATEWIDE = "competent_statewide"
    COUNSELLING_NEAR = "counselling_near"
    COUNSELLING_STATEWIDE = "counselling_statewide"
    SUBSIDY = "subsidy"
    FINDER = "finder"
    TOPIC_IN = "topic_in"
    SERVICE_IN = "service_in"
    NO_SERVICE = "no_service"
    NO_MORE = "no_more"
    HUMAN_CONTACT = "human_contact"
    PLACE_NOTED = "place_noted"
    SERVICE_NOT_LOCAL = "service_not_local"
    TOWN_OFFICE = "town_office"
    TOWN_OFFICE_SAMTGEMEINDE = "town_office_samtgemeinde"
    BUTTON_ASK_RECOGNITION = "button_ask_recognition"
    BUTTON_ASK_VISA = "button_ask_visa"
    BUTTON_ASK_FAST_TRACK = "button_ask_fast_track"
    BUTTON_ASK_BLUE_CARD = "button_ask_blue_card"
    BUTTON_ASK_OPPORTUNITY_CARD = "button_ask_opportunity_card"
    BUTTON_ASK_FAMILY = "button_ask_family"
    BUTTON_ASK_JOBS = "button_ask_jobs"
    BUTTON_ASK_EMPLOYERS = "button_ask_employers"
    BUTTON_ASK_LANGUAGE_COURSE = "button_ask_language_course"
    BUTTON_ASK_COUNSELLING = "button_ask_counselling"
    BUTTON_ASK_REGISTRATION = "button_ask_registration"
    BUTTON_ASK_TAX_ID = "button_ask_tax_id"
    BUTTON_ASK_HEALTH_INSURANCE = "button_ask_health_insurance"
    BUTTON_ASK_BANK_ACCOUNT = "button_ask_bank_account"
    BUTTON_ASK_HOUSING = "button_ask_housing"
    BUTTON_ASK_CHILDCARE = "button_ask_childcare"
    BUTTON_ASK_ALLIANCE = "button_ask_alliance"
    BUTTON_ASK_WELCOME_CENTRE = "button_ask_welcome_centre"
    BUTTON_FIND_SERVICE = "button_find_service"
    BUTTON_HUMAN_CONTACT = "button_human_contact"
    BUTTON_HELP = "button_help"
    ASK_NEED = "ask_need"
    OFFER = "offer"
    VIA_STAFF = "via_staff"
    CONSENT_YES = "consent_yes"
    CONSENT_NO = "consent_no"
    DECLINED = "declined"
    DIRECT = "direct"
    ASK_NAME = "ask_name"
    BAD_NAME = "bad_name"
    ASK_CONTACT = "ask_contact"
    BAD_CONTACT_EMAIL = "bad_contact_email"
    BAD_CONTACT_PHONE = "bad_contact_phone"
    BAD_CONTACT_PHONE_UNKNOWN = "bad_contact_phone_unknown"
    BAD_CONTACT_NEITHER = "bad_contact_neither"
    ASK_DESCRIPTION = "ask_description"
    BAD_DESCRIPTION = "bad_description"
    SUMMARY = "summary"
    SEND = "send"
    CANCEL = "cancel"
    SENT = "sent"
    SENT_MAIL = "sent_mail"
    CANCELLED = "cancelled"
    NOTHING_TO_CANCEL = "nothing_to_cancel"
    NO_PARTNER = "no_partner"
    NOT_SAVED = "not_saved"
    ASK_NOTE = "ask_note"
    NOTE_ADDED = "note_added"
    NO_CASE = "no_case"
    REFER_ME = "refer_me"
    ASK_ERASE = "ask_erase"
    ERASE_YES = "erase_yes"
    ERASE_NO = "erase_no"
    ERASED = "erased"
    KEPT = "kept"
    THE_SERVICE = "the_service"
    CONFIRMATION_SUBJECT = "confirmation_subject"
    CONFIRMATION_BODY = "confirmation_body"

    LANGUAGE_DE = "language_de"
    LANGUAGE_EN = "language_en"
    LANGUAGE_AR = "language_ar"
    LANGUAGE_TR = "language_tr"
    LANGUAGE_RU = "language_ru"
    LANGUAGE_UK = "language_uk"
    LANGUAGE_PL = "language_pl"
    LANGUAGE_RO = "language_ro"
    LANGUAGE_ES = "language_es"
    LANGUAGE_FR = "language_fr"
    LANGUAGE_FA = "language_fa"
    LANGUAGE_NL = "language_nl"
    LANGUAGE_VI = "language_vi"
    LANGUAGE_BG = "language_bg"
    #: The website widget's own words (knowledge/texts/widget.yml), served in its config.
    WIDGET_LAUNCHER = "widget_launcher"
    WIDGET_TITLE = "widget_title"
    WIDGET_CLOSE = "widget_close"
    WIDGET_RESTART = "widget_restart"
    WIDGET_RESTART_LABEL = "widget_restart_label"
    WIDGET_LOG = "widget_log"
    WIDGET_INPUT_LABEL = "widget_input_label"
    WIDGET_PLACEHOLDER = "widget_placeholder"
    WIDGET_SEND = "widget_send"
    WIDGET_YOU = "widget_you"
    WIDGET_ASSISTANT = "widget_assistant"
    WIDGET_PRIVACY_TITLE = "widget_privacy_title"
    WIDGET_CONNECTING = "widget_connecting"
    WIDGET_OFFLINE = "widget_offline"
    WIDGET_WAITING = "widget_waiting"
    WIDGET_CHOICES = "widget_choices"
    WIDGET_NEW_WINDOW = "widget_new_window"
    WIDGET_IMAGE = "widget_image"
    WIDGET_FORGOTTEN = "widget_forgotten"
    WIDGET_LANGUAGE = "widget_language"
    #: The line under an answer that uses a translation staff have not reviewed yet.
    TRANSLATION_UNREVIEWED = "translation_unreviewed"
    #: The line under an answer shown in English because a text has no translation yet.
    TRANSLATION_MISSING = "translation_missing"
    #: Above the eight language buttons, when someone asks for another language without naming one.
    CHOOSE_LANGUAGE = "choose_language"


#: The values the code fills into a text: every language of it must use exactly these.
TEXT_PLACEHOLDERS: dict[TextId, frozenset[str]] = {
    TextId.REGULATED: frozenset(("name",)),
    TextId.NOT_REGULATED: frozenset(("name",)),
    TextId.COMPETENT_FOR: frozenset(("place",)),
    TextId.FACT_SOURCE: frozenset(("as_of", "url")),
    TextId.AS_OF: frozenset(("date",)),
    TextId.CONFIRMED_ON: frozenset(("on",)),
    TextId.OLD_FIGURE: frozenset(("year", "url")),
    TextId.OLD_CONTACT: frozenset(("year", "office")),
    TextId.FACT_SOURCE_UNDATED: frozenset(("url",)),
    TextId.FACT_MORE: frozenset(("title",)),
    TextId.TOPIC_IN: frozenset(("place", "topic")),
    TextId.SERVICE_IN: frozenset(("place", "service")),
    TextId.NO_SERVICE: frozenset(("finder", "place")),
    TextId.PLACE_NOTED: frozenset(("place",)),
    TextId.SERVICE_NOT_LOCAL: frozenset(("place", "service")),
    TextId.TOWN_OFFICE: frozenset(("place",)),
    TextId.TOWN_OFFICE_SAMTGEMEINDE: frozenset(("place", "samtgemeinde")),
    TextId.OFFER: frozenset(("case_days", "partner", "via")),
    TextId.ASK_CONTACT: frozenset(("partner",)),
    TextId.SUMMARY: frozenset(("contact", "context", "description", "name", "partner")),
    TextId.SENT: frozenset(("contact", "mail", "partner", "reference")),
    TextId.NO_PARTNER: frozenset(("finder", "place")),
    TextId.ASK_NOTE: frozenset(("partner", "reference")),
    TextId.NOTE_ADDED: frozenset(("reference",)),
    TextId.CONFIRMATION_SUBJECT: frozenset(("partner", "reference")),
    TextId.CONFIRMATION_BODY: frozenset(("name", "partner", "reference")),
    TextId.TRANSLATION_MISSING: frozenset(("language",)),
}
