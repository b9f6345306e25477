"""Store each validated knowledge version in the database and mark the live one."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.models import KnowledgeRecord, KnowledgeSnapshot
from bot.knowledge.index import KnowledgeBase

#: Older versions kept for staff to compare and roll back.
SNAPSHOTS_KEPT = 20


async def sync_snapshot(
    sessions: async_sessionmaker[AsyncSession], knowledge: KnowledgeBase
) -> KnowledgeSnapshot:
    """Store ``knowledge`` once (idempotent, safe with several app servers) and mark it live."""
    try:
        async with sessions.begin() as session:
            snapshot = await _find(session, knowledge.content_hash)
            if snapshot is None:
                snapshot = _snapshot_of(knowledge)
                session.add(snapshot)
            snapshot.activated_at = dt.datetime.now(dt.timezone.utc)
    except IntegrityError:
        # Another app server stored the same version a moment ago.
        async with sessions.begin() as session:
            snapshot = await _find(session, knowledge.content_hash)
            assert snapshot is not None
            snapshot.activated_at = dt.datetime.now(dt.timezone.utc)
    await _prune(sessions)
    return snapshot


async def live_snapshot(session: AsyncSession) -> KnowledgeSnapshot | None:
    """The version that went live last."""
    return await session.scalar(
        select(KnowledgeSnapshot)
        .where(KnowledgeSnapshot.activated_at.is_not(None))
        .order_by(KnowledgeSnapshot.activated_at.desc().nulls_last(), KnowledgeSnapshot.id.desc())
        .limit(1)
    )


async def _find(session: AsyncSession, content_hash: str) -> KnowledgeSnapshot | None:
    return await session.scalar(
        select(KnowledgeSnapshot).where(KnowledgeSnapshot.content_hash == content_hash)
    )


def _snapshot_of(knowledge: KnowledgeBase) -> KnowledgeSnapshot:
    records = [
        KnowledgeRecord(
            kind=kind,
            record_id=record_id,
            last_verified=record.last_verified,
            payload=record.model_dump(mode="json"),
        )
        for kind, items in knowledge.kinds().items()
        for record_id, record in items.items()
    ]
    return KnowledgeSnapshot(
        content_hash=knowledge.content_hash, record_count=len(records), records=records
    )


async def _prune(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions.begin() as session:
        keep = (
            select(KnowledgeSnapshot.id)
            .order_by(
                KnowledgeSnapshot.activated_at.desc().nulls_last(), KnowledgeSnapshot.id.desc()
            )
            .limit(SNAPSHOTS_KEPT)
        )
        old = (
            await session.scalars(
                select(KnowledgeSnapshot.id).where(KnowledgeSnapshot.id.not_in(keep))
            )
        ).all()
        if old:
            await session.execute(
                delete(KnowledgeRecord).where(KnowledgeRecord.snapshot_id.in_(old))
            )
            await session.execute(delete(KnowledgeSnapshot).where(KnowledgeSnapshot.id.in_(old)))
