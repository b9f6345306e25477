"""Rasa's conversation store as the app sees it: only to erase conversations.

Rasa's SQL tracker store keeps one row per event in the table ``events``, keyed by
``sender_id`` with a Unix ``timestamp``. The app never reads the content.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, MetaData, String, Table, delete, func, inspect, select
from sqlalchemy.ext.asyncio import AsyncEngine

_metadata = MetaData()
EVENTS = Table(
    "events",
    _metadata,
    Column("sender_id", String(255)),
    Column("timestamp", Float),
)


async def _has_events_table(engine: AsyncEngine) -> bool:
    async with engine.connect() as connection:
        return await connection.run_sync(lambda sync: inspect(sync).has_table("events"))


async def erase_conversation(engine: AsyncEngine, sender_id: str) -> int:
    """Delete every stored event of one conversation; the number of rows deleted."""
    if not await _has_events_table(engine):
        return 0
    async with engine.begin() as connection:
        result = await connection.execute(delete(EVENTS).where(EVENTS.c.sender_id == sender_id))
    return int(result.rowcount or 0)


async def erase_idle_conversations(engine: AsyncEngine, idle_since: float) -> int:
    """Delete conversations whose last event is older than ``idle_since`` (Unix time); how many."""
    if not await _has_events_table(engine):
        return 0
    idle = (
        select(EVENTS.c.sender_id)
        .group_by(EVENTS.c.sender_id)
        .having(func.max(EVENTS.c.timestamp) < idle_since)
    )
    async with engine.begin() as connection:
        senders = list((await connection.execute(idle)).scalars())
        for start in range(0, len(senders), 500):
            chunk = senders[start : start + 500]
            await connection.execute(delete(EVENTS).where(EVENTS.c.sender_id.in_(chunk)))
    return len(senders)
