"""Rasa's SQL tracker store with leaner reads and writes, and SQLite set up for a server.

``endpoints.yml`` names this class as the tracker store's ``type``, so Rasa creates it in
the Rasa server (the Rasa environment). It stores exactly what Rasa's ``SQLTrackerStore``
stores, in the same table, so either class can read what the other wrote.

Why (py-spy --native at 20 concurrent conversations, docs/benchmarks/latency.md): loading
the tracker at the start of every turn took 44 % of the server's CPU, half of it building
an ORM object for every stored event only to read its ``data`` column, and saving built one
per new event again. Here the same queries select that column alone and new events are
inserted in one statement.

On SQLite, Rasa's default rollback journal with ``synchronous=FULL`` makes every saved turn
wait for ``fdatasync`` of the journal and of the database, and a save blocks every reader.
With write-ahead logging (``journal_mode=WAL``) readers do not wait for the writer, and with
``synchronous=NORMAL`` a commit goes to the log without waiting for the disk; the log is
synced at checkpoints. A crashed process loses no answered turn; only a power failure or
an operating-system crash can take back the last turns before a checkpoint, and the file
stays consistent (https://www.sqlite.org/wal.html,
https://www.sqlite.org/pragma.html#pragma_synchronous). The production set-up keeps its
trackers in PostgreSQL, where only the leaner reads and writes apply.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

logger = logging.getLogger(__name__)

#: Seconds to wait before each new try when the database cannot be reached (about 7 s in all:
#: a restarting PostgreSQL is often back by then; a longer wait would keep the person waiting).
RETRY_DELAYS_S = (0.5, 1.5, 5.0)

Result = TypeVar("Result")


class TrackerStoreUnavailable(RuntimeError):
    """The tracker store could not be reached, even after retrying; the turn is refused."""


#: Run on every new SQLite connection.
SQLITE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL")


def _set_sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


class LeanSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that reads only the ``data`` column and inserts in one statement."""

    engine: Any  # Rasa's SQLAlchemy engine, replaced by a pooled one on SQLite
    sessionmaker: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Create Rasa's store; on SQLite, with pooled connections set up for a server."""
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # SQLAlchemy 1.4 opens a new SQLite connection for every session (NullPool):
            # two per turn, each reading the schema again. A pool keeps them open; Rasa
            # uses the store from its event loop only, one session at a time.
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(
                url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False}
            )
            sa.event.listen(self.engine, "connect", _set_sqlite_pragmas)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """Rasa's ``_retrieve``, retried while the database is unreachable.

        Raises:
            TrackerStoreUnavailable: the database stayed unreachable.
        """
        return await _retried(
            "load", lambda: self._retrieve_once(sender_id, fetch_events_from_all_sessions)
        )

    async def _retrieve_once(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """Rasa's ``_retrieve``: the same query and order, selecting ``data`` alone."""
        with self.session_scope() as session:
            rows = (
                self._event_query(
                    session,
                    sender_id,
                    fetch_events_from_all_sessions=fetch_events_from_all_sessions,
                )
                .with_entities(self.SQLEvent.data)
                .all()
            )
        events = [json.loads(data) for (data,) in rows]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's ``save``, retried while the database is unreachable.

        Raises:
            TrackerStoreUnavailable: the database stayed unreachable.
        """
        await self.stream_events(tracker)
        await _retried("save", lambda: self._save_once(tracker))

    async def _save_once(self, tracker: DialogueStateTracker) -> None:
        """Rasa's ``save``: the events not stored yet, inserted in one statement."""
        with self.session_scope() as session:
            rows = [
                _row(tracker.sender_id, event)
                for event in self._additional_events(session, tracker)
            ]
            if rows:
                session.execute(self.SQLEvent.__table__.insert(), rows)
            session.commit()


async def _retried(what: str, attempt: Callable[[], Awaitable[Result]]) -> Result:
    """``attempt()``, tried again after each of RETRY_DELAYS_S while the database is unreachable.

    A save is safe to repeat: it inserts only the events the database does not hold yet.
    """
    import sqlalchemy.exc

    for delay in (*RETRY_DELAYS_S, None):
        try:
            return await attempt()
        except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError) as error:
            if delay is None:
                raise TrackerStoreUnavailable(
                    f"cannot {what} the conversation: the tracker store is unreachable"
                ) from error
            logger.warning(
                "tracker store unreachable (%s); trying to %s again in %.1f s",
                type(error.orig).__name__ if error.orig is not None else type(error).__name__,
                what,
                delay,
            )
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")  # the loop returns or raises


def _row(sender_id: str, event: Any) -> dict[str, Any]:
    """The columns Rasa's ``SQLTrackerStore.save`` writes for ``event``."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }
