"""'Delete my data': cases and ratings at once, the conversation right after its last turn is saved.

Rasa stores the turn that asked for erasure only after the action has answered, so
erasing the conversation inside the action would leave that turn behind (and Rasa
would write the whole conversation back). The action therefore queues an
:class:`ErasureRequest` a few seconds ahead; the app's worker carries it out.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.db.models import ErasureRequest, Feedback
from bot.feedback import conversation_key
from bot.privacy.tracker import erase_conversation
from bot.referrals.cases import delete_cases_of

logger = logging.getLogger(__name__)

#: Time for Rasa to store the turn that asked for erasure.
CONVERSATION_ERASURE_DELAY = dt.timedelta(seconds=10)


async def erase_person(session: AsyncSession, sender_id: str, now: dt.datetime) -> int:
    """Delete the sender's cases and ratings and queue the conversation's erasure; the caller commits.

    Returns the number of cases deleted.
    """
    cases = await delete_cases_of(session, sender_id)
    await session.execute(
        delete(Feedback).where(Feedback.conversation == conversation_key(sender_id))
    )
    session.add(ErasureRequest(sender_id=sender_id, due_at=now + CONVERSATION_ERASURE_DELAY))
    logger.info("erasure requested: %s case(s) deleted, conversation queued", cases)
    return cases


async def run_erasures(
    sessions: async_sessionmaker[AsyncSession], tracker: AsyncEngine, now: dt.datetime
) -> int:
    """Erase the conversations whose erasure is due; the number of conversations."""
    async with sessions() as session:
        due = list(
            await session.scalars(select(ErasureRequest).where(ErasureRequest.due_at <= now))
        )
        for request in due:
            await erase_conversation(tracker, request.sender_id)
            await session.delete(request)
        await session.commit()
    if due:
        logger.info("erased %s conversation(s) on request", len(due))
    return len(due)
