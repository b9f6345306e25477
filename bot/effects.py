"""Carrying out what a turn decided against the database: the one runner of every effect.

All effects of a turn share one transaction: either everything is stored, or
nothing is and the person is told so.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.conversation.state import Effect
from bot.db.models import Feedback
from bot.feedback import StoreFeedback, conversation_key
from bot.knowledge.index import KnowledgeBase
from bot.privacy.erasure import erase_person
from bot.privacy.requests import EraseMyData
from bot.referrals.cases import CaseError, attach_note, create_case
from bot.referrals.clock import utc_now
from bot.referrals.requests import AttachToCase, CreateCase

logger = logging.getLogger(__name__)


class EffectFailed(RuntimeError):
    """The effects could not be stored; nothing of them was."""


async def carry_out(
    effects: Sequence[Effect],
    sessions: async_sessionmaker[AsyncSession],
    sender_id: str,
    knowledge: KnowledgeBase,
) -> None:
    """Store every effect of one turn in one transaction.

    Raises:
        EffectFailed: the database is unreachable or refused the data (logged without personal data).
    """
    if not effects:
        return
    now = utc_now()
    try:
        async with sessions() as session, session.begin():
            for effect in effects:
                if isinstance(effect, CreateCase):
                    await create_case(session, effect, sender_id, knowledge, now)
                elif isinstance(effect, AttachToCase):
                    await attach_note(session, effect.reference, sender_id, effect.text, now)
                elif isinstance(effect, StoreFeedback):
                    session.add(
                        Feedback(
                            conversation=conversation_key(sender_id),
                            answer=effect.topic,
                            helpful=effect.helpful,
                            language=effect.language,
                        )
                    )
                elif isinstance(effect, EraseMyData):
                    await erase_person(session, sender_id, now)
    except (SQLAlchemyError, OSError, CaseError, ValueError) as error:
        logger.error(
            "could not store %s: %s", [type(e).__name__ for e in effects], type(error).__name__
        )
        raise EffectFailed(type(error).__name__) from None
