"""The app server's knowledge: load at start, reload on change or request, sync to the database."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from aiohttp import web

from bot.db.engine import create_sessionmaker
from bot.db.snapshots import sync_snapshot
from bot.knowledge.errors import KnowledgeInvalid
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.store import KnowledgeStore
from bot.knowledge.watch import fingerprint, watch
from bot.server import keys

logger = logging.getLogger(__name__)


@dataclass
class StoredVersion:
    """The knowledge version the database holds as live; behind the live one when a sync failed."""

    content_hash: str | None = None


#: So that a version whose snapshot could not be written (database down) is written at the next reload.
STORED = web.AppKey("knowledge_stored", StoredVersion)


@dataclass(frozen=True)
class ReloadResult:
    """What a reload did: went live, stayed unchanged, or was refused with errors."""

    status: str
    content_hash: str
    errors: list[str] = field(default_factory=list)


async def reload_knowledge(app: web.Application) -> ReloadResult:
    """Validate the folder again; make it live and store it only when it has no errors.

    Raises:
        SQLAlchemyError, OSError: the version is live but its snapshot could not be
            stored; the next reload stores it (the watcher tries again by itself).
    """
    store = app[keys.KNOWLEDGE]
    before = store.current.content_hash
    try:
        knowledge = await asyncio.to_thread(store.load)
    except KnowledgeInvalid as exc:
        root = app[keys.SETTINGS].knowledge_dir.parent
        return ReloadResult("refused", before, [e.format(root) for e in exc.errors])
    if knowledge.content_hash != app[STORED].content_hash:
        await _store(app, knowledge)
    if knowledge.content_hash == before:
        return ReloadResult("unchanged", before)
    logger.info("knowledge %s went live", knowledge.content_hash[:12])
    return ReloadResult("live", knowledge.content_hash)


async def _store(app: web.Application, knowledge: KnowledgeBase) -> None:
    await sync_snapshot(create_sessionmaker(app[keys.ENGINE]), knowledge)
    app[STORED].content_hash = knowledge.content_hash


async def knowledge_context(app: web.Application) -> AsyncIterator[None]:
    """Load the knowledge before serving (a broken folder stops start-up) and watch it."""
    settings = app[keys.SETTINGS]
    store = KnowledgeStore(settings.knowledge_dir, cache_dir=settings.cache_dir)
    seen = await asyncio.to_thread(fingerprint, settings.knowledge_dir)
    knowledge = await asyncio.to_thread(store.load)
    app[STORED] = StoredVersion()
    await _store(app, knowledge)
    app[keys.KNOWLEDGE] = store
    watcher = None
    if settings.knowledge_poll_seconds > 0:
        watcher = asyncio.create_task(
            watch(
                settings.knowledge_dir,
                settings.knowledge_poll_seconds,
                lambda: reload_knowledge(app),
                seen,
                on_problem=store.note_watch_problem,
            )
        )
    yield
    if watcher:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
