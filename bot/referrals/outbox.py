"""The outbox worker: delivers due messages, retries with back-off, gives up visibly.

Each message is claimed in its own transaction. On PostgreSQL, ``FOR UPDATE SKIP
LOCKED`` lets several app servers share the outbox without sending twice; SQLite
has one app server and ignores the clause.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.models import OutboxMessage, ReferralCase
from bot.referrals.delivery import DeliveryFailed, post_webhook, send_email
from bot.settings import Settings

logger = logging.getLogger(__name__)

#: First retry after 30 s, doubling up to every 15 minutes.
FIRST_RETRY = dt.timedelta(seconds=30)
MAX_RETRY = dt.timedelta(minutes=15)
#: A message still undelivered this long after it was queued has failed for good.
GIVE_UP_AFTER = dt.timedelta(hours=48)
BATCH = 20


@dataclass
class Round:
    """What one pass over the outbox did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0


def backoff(attempts: int) -> dt.timedelta:
    """The wait before the next attempt after ``attempts`` failed ones."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), MAX_RETRY)


async def deliver_due(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, now: dt.datetime
) -> Round:
    """Try every message that is due at ``now``, each in its own transaction."""
    result = Round()
    async with sessions() as session:
        due = list(
            await session.scalars(
                select(OutboxMessage.id)
                .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                .limit(BATCH)
            )
        )
    for message_id in due:
        outcome = await _deliver_one(sessions, settings, message_id, now)
        if outcome:
            setattr(result, outcome, getattr(result, outcome) + 1)
    return result


async def _deliver_one(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    message_id: int,
    now: dt.datetime,
) -> str | None:
    async with sessions() as session, session.begin():
        message = await session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.status == "pending")
            .with_for_update(skip_locked=True)
        )
        if message is None or message.next_attempt_at > now:
            return None  # another worker has it, or it was sent meanwhile
        case = await session.get(ReferralCase, message.case_id)
        message.attempts += 1
        try:
            if message.channel == "email":
                await send_email(settings, message.recipient, message.subject, message.body)
            else:
                await post_webhook(
                    settings, message.recipient, message.secret_variable, message.body
                )
        except DeliveryFailed as error:
            message.last_error = error.reason[:500]
            if error.permanent or now - message.created_at >= GIVE_UP_AFTER:
                message.status = "failed"
                if case is not None and message.purpose == "referral":
                    case.status, case.updated_at = "failed", now
                logger.warning(
                    "outbox message %s (%s, case %s) failed for good: %s",
                    message.id, message.purpose, case.reference if case else "-", error.reason,
                )  # fmt: skip
                return "failed"
            message.next_attempt_at = now + backoff(message.attempts)
            logger.info(
                "outbox message %s (%s) not delivered, attempt %s, next at %s: %s",
                message.id, message.purpose, message.attempts, message.next_attempt_at, error.reason,
            )  # fmt: skip
            return "retried"
        message.status, message.sent_at, message.last_error = "sent", now, None
        if case is not None and message.purpose == "referral" and case.status != "closed":
            case.status, case.updated_at = "delivered", now
        logger.info(
            "outbox message %s (%s) delivered via %s", message.id, message.purpose, message.channel
        )
        return "sent"


async def retry_case(session: AsyncSession, reference: str, now: dt.datetime) -> int:
    """Queue every failed or waiting message of a case again, due now; the number of messages.

    The give-up clock restarts, so a retried message gets another 48 hours.
    """
    case = await session.scalar(select(ReferralCase).where(ReferralCase.reference == reference))
    if case is None:
        raise LookupError(f"no case {reference}")
    messages = list(
        await session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.case_id == case.id, OutboxMessage.status != "sent"
            )
        )
    )
    for message in messages:
        message.status, message.next_attempt_at, message.created_at = "pending", now, now
    if case.status == "failed":
        case.status, case.updated_at = "open", now
    return len(messages)


async def close_case(session: AsyncSession, reference: str, now: dt.datetime) -> None:
    """Mark a case as dealt with; the retention period starts now. Unsent messages are dropped."""
    case = await session.scalar(select(ReferralCase).where(ReferralCase.reference == reference))
    if case is None:
        raise LookupError(f"no case {reference}")
    case.status, case.closed_at, case.updated_at = "closed", now, now
    for message in await session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.case_id == case.id, OutboxMessage.status == "pending"
        )
    ):
        message.status, message.last_error = "failed", "case closed by staff before delivery"
