"""Tables of the app database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, String, Text, func
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


class ReferralCase(Base):
    """A referral the newcomer agreed to: who, to which partner, and how far delivery got.

    Holds contact data, so it is erased on request and by the retention job
    (bot/privacy/). The conversation is kept only as a hash, for erasure.
    """

    __tablename__ = "referral_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    conversation: Mapped[str] = mapped_column(String(64), index=True)
    partner_id: Mapped[str] = mapped_column(String(120), index=True)
    partner_name: Mapped[str] = mapped_column(String(200))
    #: "email", "webhook", or "manual" (staff hand it over: the partner has no channel).
    channel: Mapped[str] = mapped_column(String(16))
    need: Mapped[str] = mapped_column(String(40))
    profession_id: Mapped[str | None] = mapped_column(String(120))
    place_id: Mapped[str | None] = mapped_column(String(120))
    language: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(100))
    contact: Mapped[str] = mapped_column(String(254))
    description: Mapped[str] = mapped_column(Text)
    #: "open" (waiting for delivery or staff), "delivered", "failed", "closed".
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class CaseNote(Base):
    """A later message of the newcomer, attached to their case."""

    __tablename__ = "case_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("referral_case.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class OutboxMessage(Base):
    """One message to deliver (to a partner or the newcomer), retried with back-off until sent."""

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix__outbox_message__due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("referral_case.id", ondelete="CASCADE"), index=True
    )
    #: "referral", "note" (to the partner) or "confirmation" (to the newcomer).
    purpose: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(String(500))
    secret_variable: Mapped[str | None] = mapped_column(String(80))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    #: "pending", "sent", "failed" (gave up; staff may retry).
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ErasureRequest(Base):
    """A conversation to erase from Rasa's tracker store once its last turn is saved."""

    __tablename__ = "erasure_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(255))
    due_at: Mapped[dt.datetime] = mapped_column(DateTime)
