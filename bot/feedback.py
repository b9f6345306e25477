"""Feedback on answers: what newcomers found helpful, stored for staff without personal data."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Feedback


@dataclass(frozen=True)
class StoreFeedback:
    """Store a 👍/👎 on the answer ``topic`` (without the person); carried out by ``bot/effects.py``."""

    topic: str | None
    helpful: bool
    language: str


_NEGATIVE = re.compile(
    r"👎|\b(nicht|kein|keine|schlecht|falsch|unnütz|nutzlos|not|no|bad|wrong|useless|didn't|didnt|unhelpful)\b",
    re.IGNORECASE,
)


def is_helpful(value: str | None, text: str) -> bool:
    """Whether feedback is positive: the button's value, else the words of the message."""
    if value in ("up", "down"):
        return value == "up"
    return not _NEGATIVE.search(text)


def conversation_key(sender_id: str) -> str:
    """A hash that groups feedback by conversation without revealing the sender."""
    return hashlib.sha256(f"ems-feedback:{sender_id}".encode()).hexdigest()


async def feedback_summary(session: AsyncSession) -> list[dict[str, object]]:
    """Per answer: how often it was rated helpful and not helpful, worst first."""
    rows = await session.execute(
        select(
            Feedback.answer,
            func.sum(case((Feedback.helpful, 1), else_=0)),
            func.sum(case((Feedback.helpful, 0), else_=1)),
        ).group_by(Feedback.answer)
    )
    summary = [
        {"answer": a, "helpful": int(up or 0), "not_helpful": int(down or 0)}
        for a, up, down in rows
    ]
    return sorted(summary, key=lambda r: (-int(r["not_helpful"]), str(r["answer"])))
