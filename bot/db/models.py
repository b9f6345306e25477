"""Tables of the app database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.base import Base


class KnowledgeSnapshot(Base):
    """One validated version of the knowledge folder, with every record in it."""

    __tablename__ = "knowledge_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    record_count: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    # When this version last went live; the live one has the latest time.
    activated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    records: Mapped[list[KnowledgeRecord]] = relationship(
        back_populates="snapshot", cascade="all, delete-orphan", lazy="raise_on_sql"
    )


class KnowledgeRecord(Base):
    """One record (partner, profession, topic, place …) of a snapshot, as validated JSON."""

    __tablename__ = "knowledge_record"
    __table_args__ = (
        Index("ix__knowledge_record__kind_record", "snapshot_id", "kind", "record_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("knowledge_snapshot.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(120))
    last_verified: Mapped[dt.date | None] = mapped_column(Date)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    snapshot: Mapped[KnowledgeSnapshot] = relationship(
        back_populates="records", lazy="raise_on_sql"
    )


class Feedback(Base):
    """A 👍 or 👎 on an answer. The conversation is kept only as a hash, never the text."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    conversation: Mapped[str] = mapped_column(String(64), index=True)
    answer: Mapped[str | None] = mapped_column(String(160))
    helpful: Mapped[bool]
    language: Mapped[str] = mapped_column(String(8))
