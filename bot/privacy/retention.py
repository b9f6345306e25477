"""The retention job: idle conversations and long-closed cases are erased.

Runs hourly in the app server and on demand with ``python -m bot privacy retention``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.db.models import ReferralCase
from bot.privacy.tracker import erase_idle_conversations
from bot.referrals.cases import delete_cases
from bot.settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Removed:
    """What one run erased."""

    conversations: int
    cases: int


async def run_retention(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    tracker: AsyncEngine,
    now: dt.datetime,
) -> Removed:
    """Erase conversations idle longer than the conversation period and cases closed longer than the case period."""
    idle_since = now - dt.timedelta(days=settings.conversation_retention_days)
    conversations = await erase_idle_conversations(
        tracker, calendar.timegm(idle_since.utctimetuple())
    )
    closed_before = now - dt.timedelta(days=settings.case_retention_days)
    async with sessions() as session:
        ids = list(
            await session.scalars(
                select(ReferralCase.id).where(
                    ReferralCase.status == "closed", ReferralCase.closed_at < closed_before
                )
            )
        )
        await delete_cases(session, ids)
        await session.commit()
    removed = Removed(conversations, len(ids))
    logger.info(
        "retention: %s conversation(s), %s closed case(s) erased", *removed.__dict__.values()
    )
    return removed
