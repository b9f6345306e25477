"""Webhook deliveries seen before, so that a redelivered message is acknowledged, not answered twice.

Telegram, Messenger and Twilio deliver a message again when our answer to the webhook call
was slow or failed (issue 15 saw every redelivery answered a second time). Each connector
asks :func:`deliveries` whether a message id (Telegram's ``update_id``, Messenger's ``mid``,
Twilio's ``MessageSid``) is new before it hands the message on. The record lives where
every Rasa server of a deployment sees it: Redis when ``EMS_REDIS_URL`` is set, else a
SQLite file in the state folder. Ids are kept for :data:`RETENTION_S`, longer than any of
the three retries.

An id is recorded before the message is handled, so a redelivery that arrives while the
first delivery is still being answered is dropped too. When the record cannot be reached,
the message is answered (a possible second answer is better than none) and a warning logged.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
import time
from pathlib import Path
from typing import Protocol

logger = logging.getLogger(__name__)

#: How long a delivered id is remembered: two days.
RETENTION_S = 48 * 3600
#: Prefix of the keys in Redis (several deployments may share one Redis).
REDIS_PREFIX = "emsachse:delivery:"


class Deliveries(Protocol):
    """Remembers message ids."""

    async def first_time(self, key: str) -> bool:
        """Record ``key``; whether it was new."""


class RedisDeliveries:
    """Delivered ids in Redis, each expiring after :data:`RETENTION_S`."""

    def __init__(self, url: str) -> None:
        """Connect lazily to the Redis at ``url``."""
        import redis.asyncio

        self._client = redis.asyncio.from_url(url)

    async def first_time(self, key: str) -> bool:
        """``SET key NX EX``: true only for the first caller, on any server."""
        return bool(await self._client.set(REDIS_PREFIX + key, "1", nx=True, ex=RETENTION_S))


class SQLiteDeliveries:
    """Delivered ids in a SQLite file (the embedded default), older ones deleted as new ones come."""

    def __init__(self, path: Path) -> None:
        """Use (and create) the file at ``path``."""
        self.path = path
        self._connection: sqlite3.Connection | None = None

    def _database(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, isolation_level=None, timeout=5)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS delivery (key TEXT PRIMARY KEY, seen_at REAL NOT NULL)"
            )
            connection.execute("CREATE INDEX IF NOT EXISTS delivery_seen_at ON delivery (seen_at)")
            self._connection = connection
        return self._connection

    async def first_time(self, key: str) -> bool:
        """Insert ``key`` unless it is there; forget ids older than the retention."""
        database, now = self._database(), time.time()
        inserted = database.execute(
            "INSERT OR IGNORE INTO delivery (key, seen_at) VALUES (?, ?)", (key, now)
        ).rowcount
        database.execute("DELETE FROM delivery WHERE seen_at < ?", (now - RETENTION_S,))
        return inserted == 1


@functools.cache
def deliveries() -> Deliveries:
    """The record of this deployment (from the settings: Redis, else the state folder)."""
    from bot.settings import Settings

    settings = Settings.from_env()
    if settings.redis_url:
        return RedisDeliveries(settings.redis_url)
    return SQLiteDeliveries(settings.state_dir / "seen-webhooks.db")


async def first_delivery(channel: str, message_id: object) -> bool:
    """Whether ``message_id`` of ``channel`` arrives for the first time (true when unknown)."""
    if message_id is None or message_id == "":
        return True  # nothing to recognise it by
    try:
        return await deliveries().first_time(f"{channel}:{message_id}")
    except Exception as error:  # Redis or the file unreachable: answer rather than drop
        logger.warning("cannot check %s deliveries (%s); answering", channel, type(error).__name__)
        return True
