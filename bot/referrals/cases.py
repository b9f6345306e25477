"""Cases: created from a consented referral, with their outbox messages in the same transaction.

A case and everything to be sent for it are committed together, so a crash or an
outage after the commit loses nothing: the outbox worker delivers later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.contact import parse_contact, valid_name
from bot.db.models import CaseNote, OutboxMessage, ReferralCase
from bot.feedback import conversation_key
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.schema import Partner
from bot.referrals import messages
from bot.referrals.requests import CreateCase


class CaseError(ValueError):
    """The case cannot be created or changed as asked."""


@dataclass(frozen=True)
class NewCase:
    """What was stored."""

    reference: str
    channel: str
    outbox_ids: tuple[int, ...]


def _outbox(case: ReferralCase, purpose: str, channel: str, recipient: str, subject: str,
            body: str, now: dt.datetime, secret_variable: str | None = None) -> OutboxMessage:  # fmt: skip
    return OutboxMessage(
        case_id=case.id,
        purpose=purpose,
        channel=channel,
        recipient=recipient,
        secret_variable=secret_variable,
        subject=subject,
        body=body,
        status="pending",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )


def _partner_messages(
    case: ReferralCase, partner: Partner, knowledge: KnowledgeBase, now: dt.datetime
) -> list[OutboxMessage]:
    referral = partner.referral
    if referral is None:
        return []
    if referral.email:
        letter = messages.partner_letter(case, knowledge)
        return [
            _outbox(case, "referral", "email", referral.email, letter.subject, letter.body, now)
        ]
    body = messages.partner_payload(case, knowledge)
    subject = f"Anfrage {case.reference}"
    return [
        _outbox(
            case,
            "referral",
            "webhook",
            referral.webhook or "",
            subject,
            body,
            now,
            referral.secret_variable,
        )
    ]


async def create_case(
    session: AsyncSession,
    request: CreateCase,
    sender_id: str,
    knowledge: KnowledgeBase,
    now: dt.datetime,
) -> NewCase:
    """Store the case and queue its messages; the caller commits.

    Raises:
        CaseError: the partner is unknown or the name or contact are not valid.
    """
    partner = knowledge.partners.get(request.partner_id)
    if partner is None:
        raise CaseError(f"unknown partner {request.partner_id!r}")
    name = valid_name(request.name)
    if name is None:
        raise CaseError("the name is not valid")
    contact = parse_contact(request.contact)  # raises InvalidContact, a ValueError
    description = request.description.strip()
    if not 1 <= len(description) <= 1000:
        raise CaseError("the description must have 1–1000 characters")
    channel = "manual"
    if partner.referral:
        channel = "email" if partner.referral.email else "webhook"
    case = ReferralCase(
        reference=request.reference,
        conversation=conversation_key(sender_id),
        partner_id=partner.id,
        partner_name=partner.name,
        channel=channel,
        need=request.need,
        profession_id=request.profession_id,
        place_id=request.place_id,
        language=request.language,
        name=name,
        contact=contact.value,
        description=description,
        status="open",
        created_at=now,
        updated_at=now,
    )
    session.add(case)
    await session.flush()
    outbox = _partner_messages(case, partner, knowledge, now)
    if contact.kind == "email":
        letter = messages.confirmation_letter(case, knowledge)
        outbox.append(
            _outbox(case, "confirmation", "email", contact.value, letter.subject, letter.body, now)
        )
    session.add_all(outbox)
    await session.flush()
    return NewCase(case.reference, channel, tuple(m.id for m in outbox))


async def attach_note(
    session: AsyncSession, reference: str, sender_id: str, text: str, now: dt.datetime
) -> None:
    """Add a later message to the sender's own case and forward it to the partner.

    Raises:
        CaseError: this conversation has no open case with that reference.
    """
    case = await session.scalar(
        select(ReferralCase).where(
            ReferralCase.reference == reference,
            ReferralCase.conversation == conversation_key(sender_id),
        )
    )
    if case is None or case.status == "closed":
        raise CaseError("no open case with this reference in this conversation")
    session.add(CaseNote(case_id=case.id, text=text, created_at=now))
    partner_message = await session.scalar(
        select(OutboxMessage).where(
            OutboxMessage.case_id == case.id, OutboxMessage.purpose == "referral"
        )
    )
    if partner_message is not None:
        if partner_message.channel == "email":
            letter = messages.note_letter(case, text)
            subject, body = letter.subject, letter.body
        else:
            subject, body = f"Ergänzung {case.reference}", messages.note_payload(case, text)
        session.add(
            _outbox(
                case,
                "note",
                partner_message.channel,
                partner_message.recipient,
                subject,
                body,
                now,
                partner_message.secret_variable,
            )
        )
    case.updated_at = now


async def delete_cases_of(session: AsyncSession, sender_id: str) -> int:
    """Delete every case of a conversation with its notes and outbox messages; the number of cases."""
    ids = list(
        await session.scalars(
            select(ReferralCase.id).where(ReferralCase.conversation == conversation_key(sender_id))
        )
    )
    await delete_cases(session, ids)
    return len(ids)


async def delete_cases(session: AsyncSession, ids: list[int]) -> None:
    """Delete cases with their notes and outbox messages (no reliance on SQLite's FK pragma)."""
    if not ids:
        return
    await session.execute(delete(OutboxMessage).where(OutboxMessage.case_id.in_(ids)))
    await session.execute(delete(CaseNote).where(CaseNote.case_id.in_(ids)))
    await session.execute(delete(ReferralCase).where(ReferralCase.id.in_(ids)))
