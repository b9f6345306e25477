"""What staff see of the cases: open, failed and delivered cases per partner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import OutboxMessage, ReferralCase

#: The order staff work in: what needs a person first.
STATUS_ORDER = ("failed", "open", "delivered", "closed")


@dataclass(frozen=True)
class CaseRow:
    """One case as the staff view shows it."""

    reference: str
    partner_id: str
    partner_name: str
    status: str
    channel: str
    need: str
    place_id: str | None
    language: str
    name: str
    contact: str
    description: str
    created_at: dt.datetime
    attempts: int
    last_error: str | None


async def list_cases(
    session: AsyncSession, statuses: tuple[str, ...] = STATUS_ORDER
) -> list[CaseRow]:
    """Cases with the given statuses, by status (failed first), partner and age."""
    cases = list(
        await session.scalars(select(ReferralCase).where(ReferralCase.status.in_(statuses)))
    )
    referral_messages = {
        m.case_id: m
        for m in await session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.case_id.in_([c.id for c in cases]),
                OutboxMessage.purpose == "referral",
            )
        )
    }
    rows = []
    for case in cases:
        message = referral_messages.get(case.id)
        rows.append(
            CaseRow(
                reference=case.reference,
                partner_id=case.partner_id,
                partner_name=case.partner_name,
                status=case.status,
                channel=case.channel,
                need=case.need,
                place_id=case.place_id,
                language=case.language,
                name=case.name,
                contact=case.contact,
                description=case.description,
                created_at=case.created_at,
                attempts=message.attempts if message else 0,
                last_error=message.last_error if message else None,
            )
        )
    rows.sort(key=lambda r: (STATUS_ORDER.index(r.status), r.partner_name, r.created_at))
    return rows
