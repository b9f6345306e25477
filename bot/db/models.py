"""Tables of the app database."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base


class KnowledgeSnapshot(Base):
    """One validated version of the knowledge folder that went live."""

    __tablename__ = "knowledge_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    record_count: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
