"""The app server's background work: the referral outbox, erasures on request, retention.

One task per app server. With several app servers on PostgreSQL each runs it; the
outbox claims rows with SKIP LOCKED and deletions are idempotent, so that is safe.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import create_app_engine, create_sessionmaker
from bot.privacy.erasure import run_erasures
from bot.privacy.retention import run_retention
from bot.referrals.clock import utc_now
from bot.referrals.outbox import deliver_due
from bot.server import keys

logger = logging.getLogger(__name__)

RETENTION_EVERY = dt.timedelta(hours=1)


async def background_worker(app: web.Application) -> AsyncIterator[None]:
    """Run the loop while the app runs (off when EMS_OUTBOX_POLL_SECONDS is 0)."""
    settings = app[keys.SETTINGS]
    if settings.outbox_poll_seconds <= 0:
        yield
        return
    tracker = create_app_engine(settings.tracker_db_url)
    task = asyncio.create_task(_loop(app, tracker, settings.outbox_poll_seconds))
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await tracker.dispose()


async def _loop(app: web.Application, tracker: AsyncEngine, every: float) -> None:
    settings = app[keys.SETTINGS]
    sessions = create_sessionmaker(app[keys.ENGINE])
    last_retention: dt.datetime | None = None
    while True:
        now = utc_now()
        try:
            await deliver_due(sessions, settings, now)
            await run_erasures(sessions, tracker, now)
            if last_retention is None or now - last_retention >= RETENTION_EVERY:
                await run_retention(settings, sessions, tracker, now)
                last_retention = now
        except (SQLAlchemyError, OSError) as error:
            # The database may be down for a while: nothing is lost, the next round tries again.
            logger.warning("background round skipped: %s", type(error).__name__)
        await asyncio.sleep(every)
