"""Record which version of the knowledge is live."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import KnowledgeSnapshot
from bot.knowledge.index import KnowledgeBase


async def record_snapshot(session: AsyncSession, knowledge: KnowledgeBase) -> KnowledgeSnapshot:
    """Store ``knowledge``'s version once; return the stored row."""
    existing = await session.scalar(
        select(KnowledgeSnapshot).where(KnowledgeSnapshot.content_hash == knowledge.content_hash)
    )
    if existing is not None:
        return existing
    snapshot = KnowledgeSnapshot(
        content_hash=knowledge.content_hash, record_count=knowledge.record_count
    )
    session.add(snapshot)
    await session.flush()
    return snapshot
