"""The referral conversation through the real actions: consent, validation, case, withdrawal, erasure."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot import runtime
from bot.db.models import CaseNote, ErasureRequest, Feedback, OutboxMessage, ReferralCase
from bot.knowledge.required import TextId
from tests.referrals.conftest import EMAIL_PARTNER, PARTNER_INBOX, WEBHOOK_PARTNER, Chat
from tests.support import catalogue_text

NORDHORN = [{"entity": "place", "value": "Nordhorn"}]


async def _count(chat: Chat, model: type) -> int:
    async with chat.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _refer_until_confirmation(chat: Chat, contact: str = "maria.lopez@example.com") -> str:
    """Walk the whole referral up to the summary; the summary's text."""
    offer = await chat.say(
        "Kann mich die Migrationsberatung in Nordhorn kontaktieren?", "request_referral", NORDHORN
    )
    assert "COMPASS-Haus Nordhorn" in offer[-1]["text"]
    assert [b["payload"] for b in offer[-1]["buttons"]] == ["/affirm", "/deny"]
    await chat.say("ja", "affirm")
    await chat.say("Maria López", "inform")
    await chat.say(contact, "inform")
    summary = await chat.say(
        "Ich möchte meine Pflegeausbildung anerkennen lassen.", "ask_recognition"
    )
    return str(summary[-1]["text"])


async def test_the_offer_explains_what_is_shared_before_asking_consent(chat: Chat) -> None:
    offer = await chat.say(
        "I'd like the counselling service in Nordhorn to contact me", "request_referral", NORDHORN
    )
    text = offer[-1]["text"]
    for shared in (
        "your name",
        "e-mail address or phone number",
        "short description",
        "profession, place, language",
    ):
        assert shared in text
    assert "180 days" in text and "delete my data" in text
    assert chat.slots["pending"] == "referral:consent"
    assert chat.slots.get("referral_name") is None


async def test_a_consented_referral_becomes_a_case_with_its_outbox(chat: Chat) -> None:
    summary = await _refer_until_confirmation(chat)
    assert "Maria López" in summary and "maria.lopez@example.com" in summary
    assert await _count(chat, ReferralCase) == 0  # nothing stored before "Send"

    done = await chat.say("Abschicken", "affirm")
    reference = chat.slots["case_reference"]
    assert reference.startswith("EA-") and reference in done[-1]["text"]
    async with chat.sessions() as session:
        case = await session.scalar(select(ReferralCase))
        outbox = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    assert case is not None
    assert (case.reference, case.partner_id, case.channel, case.status) == (
        reference,
        EMAIL_PARTNER,
        "email",
        "open",
    )
    assert (case.name, case.contact, case.place_id) == (
        "Maria López",
        "maria.lopez@example.com",
        "nordhorn",
    )
    assert [(m.purpose, m.recipient, m.status) for m in outbox] == [
        ("referral", PARTNER_INBOX, "pending"),
        ("confirmation", "maria.lopez@example.com", "pending"),
    ]
    assert "Fallnummer: " + reference in outbox[0].body and "Ort: Nordhorn" in outbox[0].body
    # The draft, with its contact data, is gone from the conversation state.
    assert all(
        chat.slots.get(s) is None
        for s in ("referral_name", "referral_contact", "referral_description")
    )


async def test_a_partner_with_a_webhook_gets_a_json_message(chat: Chat) -> None:
    await chat.say("please refer me to the youth migration service in Leer", "request_referral",
                   [{"entity": "place", "value": "Leer"}])  # fmt: skip
    await chat.say("yes", "affirm")
    await chat.say("Ahmed Hassan", "inform")
    await chat.say("+49 491 1234567", "inform")
    await chat.say("I need help with my visa extension.", "ask_visa")
    await chat.say("Send", "affirm")
    async with chat.sessions() as session:
        case = await session.scalar(select(ReferralCase))
        outbox = list(await session.scalars(select(OutboxMessage)))
    assert case is not None and (case.partner_id, case.channel, case.contact) == (
        WEBHOOK_PARTNER,
        "webhook",
        "+494911234567",
    )
    # A phone number gets no confirmation e-mail: only the partner's message.
    assert [(m.purpose, m.channel, m.secret_variable) for m in outbox] == [
        ("referral", "webhook", "EMS_REFERRAL_SECRET_AWO_LEER")
    ]


@pytest.mark.parametrize(
    ("contact", "complaint"),
    [
        ("maria@", "bad_contact_email"),
        ("maria.lopez@example", "bad_contact_email"),
        ("+49 1", "bad_contact_phone"),
        ("12345", "bad_contact_phone_unknown"),
        ("+49 000 0000", "bad_contact_phone_unknown"),
        ("+1 234 5678", "bad_contact_phone_unknown"),
        ("ruf mich an", "bad_contact_neither"),
    ],
)
@pytest.mark.parametrize(("yes", "language"), [("ja", "de"), ("yes", "en")])
async def test_an_invalid_contact_is_asked_again_saying_why(
    chat: Chat, contact: str, complaint: str, yes: str, language: str
) -> None:
    await chat.say(
        "Kann mich die Migrationsberatung in Nordhorn kontaktieren?", "request_referral", NORDHORN
    )
    await chat.say(yes, "affirm")  # the consent is given in the language of the rest
    await chat.say("Maria Lopez", "inform")
    replies = await chat.say(contact, "inform")
    assert replies[-1]["text"] == catalogue_text(TextId(complaint), language)
    assert chat.slots["pending"] == "referral:contact"
    await chat.say("+49 (0) 591 12345", "inform")
    assert chat.slots["pending"] == "referral:description"
    # The trunk prefix "(0)" is not part of the number the partner gets.
    assert chat.slots["referral_contact"] == "+4959112345"


async def test_an_invalid_name_is_asked_again(chat: Chat) -> None:
    await chat.say("Refer me to counselling in Nordhorn", "request_referral", NORDHORN)
    await chat.say("yes", "affirm")
    replies = await chat.say("maria@example.com", "inform")
    assert "does not look like a name" in replies[-1]["text"]
    assert chat.slots["pending"] == "referral:name"


async def test_declined_consent_stores_nothing_and_gives_the_contact(chat: Chat) -> None:
    await chat.say(
        "Kann mich die Migrationsberatung in Nordhorn kontaktieren?", "request_referral", NORDHORN
    )
    replies = await chat.say("nein", "deny")
    assert "nichts gespeichert" in replies[0]["text"]
    assert "COMPASS-Haus Nordhorn" in replies[1]["text"]
    assert chat.slots["pending"] is None and chat.slots["referral_partner"] is None


@pytest.mark.parametrize(
    ("text", "intent", "expected_language"),
    [("abbrechen", "inform", "de"), ("never mind, don't send it", "cancel", "en")],
)
async def test_withdrawn_consent_midway_forgets_the_draft(
    chat: Chat, text: str, intent: str, expected_language: str
) -> None:
    await chat.say(
        "Kann mich die Migrationsberatung in Nordhorn kontaktieren?", "request_referral", NORDHORN
    )
    await chat.say("ja", "affirm")
    await chat.say("Maria López", "inform")
    replies = await chat.say(text, intent)
    # Consent and name were given in German; "never mind, don't send it" is written in English.
    assert replies[-1]["text"] == catalogue_text(TextId.CANCELLED, expected_language)
    assert chat.slots["referral_name"] is None and chat.slots["pending"] is None
    assert await _count(chat, ReferralCase) == 0


async def test_cancel_at_the_summary_stores_nothing(chat: Chat) -> None:
    await _refer_until_confirmation(chat)
    await chat.say("/cancel", "cancel")
    assert await _count(chat, ReferralCase) == 0
    assert chat.slots["referral_contact"] is None


async def test_delete_my_data_asks_first_then_erases_cases_ratings_and_queues_the_conversation(
    chat: Chat,
) -> None:
    await _refer_until_confirmation(chat)
    await chat.say("Abschicken", "affirm")
    await chat.say("Was ist die Blaue Karte EU?", "ask_blue_card")
    await chat.say("👍", "feedback", [{"entity": "feedback_value", "value": "up"}])
    assert (await _count(chat, ReferralCase), await _count(chat, Feedback)) == (1, 1)

    question = await chat.say("Bitte löschen Sie meine Daten", "delete_my_data")
    assert [b["payload"] for b in question[-1]["buttons"]] == ["/affirm", "/deny"]
    assert await _count(chat, ReferralCase) == 1  # nothing before the confirmation
    await chat.say("Ja, alles löschen", "affirm")
    assert (await _count(chat, ReferralCase), await _count(chat, OutboxMessage)) == (0, 0)
    assert await _count(chat, Feedback) == 0
    async with chat.sessions() as session:
        request = await session.scalar(select(ErasureRequest))
    assert request is not None and request.sender_id == chat.sender
    assert chat.slots.get("case_reference") is None


async def test_deleting_only_touches_this_persons_data(
    chat: Chat, referral_services: runtime.Services
) -> None:
    await _refer_until_confirmation(chat)
    await chat.say("Abschicken", "affirm")
    other = Chat(chat.sessions, sender="someone-else")
    await _refer_until_confirmation(other)
    await other.say("Abschicken", "affirm")
    await chat.say("delete my data", "delete_my_data")
    await chat.say("yes", "affirm")
    async with chat.sessions() as session:
        left = list(await session.scalars(select(ReferralCase.reference)))
    assert left == [other.slots["case_reference"]]


async def test_no_keeps_everything(chat: Chat) -> None:
    await _refer_until_confirmation(chat)
    await chat.say("Abschicken", "affirm")
    await chat.say("delete my data", "delete_my_data")
    replies = await chat.say("no", "deny")
    assert "nothing" in replies[-1]["text"]
    assert await _count(chat, ReferralCase) == 1


async def test_a_later_message_is_attached_to_the_case_and_forwarded(chat: Chat) -> None:
    await _refer_until_confirmation(chat)
    await chat.say("Abschicken", "affirm")
    await chat.say("Ich möchte noch etwas zu meiner Anfrage ergänzen", "add_to_case")
    replies = await chat.say("Ich bin ab Montag telefonisch erreichbar.", "inform")
    assert chat.slots["case_reference"] in replies[-1]["text"]
    async with chat.sessions() as session:
        notes = list(await session.scalars(select(CaseNote.text)))
        note_mail = await session.scalar(
            select(OutboxMessage).where(OutboxMessage.purpose == "note")
        )
    assert notes == ["Ich bin ab Montag telefonisch erreichbar."]
    assert note_mail is not None and note_mail.recipient == PARTNER_INBOX
    assert "Ich bin ab Montag telefonisch erreichbar." in note_mail.body


async def test_adding_without_a_case_offers_a_referral(chat: Chat) -> None:
    replies = await chat.say("add a note to my case", "add_to_case")
    assert replies[-1]["buttons"][0]["payload"] == "/request_referral"


async def test_a_database_that_is_down_loses_nothing_and_says_so(
    chat: Chat, referral_services: runtime.Services
) -> None:
    await _refer_until_confirmation(chat)
    engine = chat.sessions.kw["bind"]
    await engine.dispose()
    broken = engine.url.set(database="/nonexistent/folder/app.db")
    from sqlalchemy.ext.asyncio import create_async_engine

    from bot.db.engine import create_sessionmaker

    runtime.install(
        runtime.Services(
            referral_services.knowledge,
            create_sessionmaker(create_async_engine(broken)),
            referral_services.settings,
        )
    )
    replies = await chat.say("Abschicken", "affirm")
    # The whole referral was written in German ("Abschicken").
    assert replies[-1]["text"] == catalogue_text(TextId.NOT_SAVED, "de")
    # The draft is still there: "Send" once the database is back creates the case.
    assert chat.slots["pending"] == "referral:confirm" and chat.slots["referral_contact"]
    runtime.install(referral_services)
    await chat.say("Abschicken", "affirm")
    assert await _count(chat, ReferralCase) == 1


async def test_the_human_contact_answer_offers_a_referral(chat: Chat) -> None:
    replies = await chat.say(
        "Ich möchte mit einem Menschen sprechen, ich wohne in Nordhorn", "human_contact", NORDHORN
    )
    assert "/request_referral" in [b["payload"] for m in replies for b in m.get("buttons") or []]


async def test_without_a_place_the_referral_asks_for_it(chat: Chat) -> None:
    replies = await chat.say("Can someone from counselling contact me?", "request_referral")
    assert chat.slots["pending"] == "referral:place"
    replies = await chat.say("Nordhorn", "inform", NORDHORN)
    assert chat.slots["pending"] == "referral:consent"
    assert "COMPASS-Haus Nordhorn" in replies[-1]["text"]
