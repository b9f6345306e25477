"""Staff commands on cases and personal data: ``python -m bot cases …`` and ``privacy retention``."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.db.engine import create_app_engine, create_sessionmaker
from bot.db.migrate import upgrade
from bot.settings import Settings

T = TypeVar("T")


class StaffCommandFailed(ValueError):
    """The command cannot be done as asked (an unknown case number)."""


def _with_database(
    settings: Settings,
    work: Callable[[async_sessionmaker[AsyncSession], AsyncEngine], Awaitable[T]],
) -> T:
    upgrade(settings.database_url)

    async def run() -> T:
        engine = create_app_engine(settings.database_url)
        tracker = create_app_engine(settings.tracker_db_url)
        try:
            return await work(create_sessionmaker(engine), tracker)
        finally:
            await engine.dispose()
            await tracker.dispose()

    return asyncio.run(run())


def cases_command(settings: Settings, args: argparse.Namespace) -> int:
    """List cases, or retry or close one."""
    from bot.referrals.clock import utc_now
    from bot.referrals.outbox import close_case, retry_case
    from bot.referrals.reference import normalise_reference
    from bot.referrals.staff import STATUS_ORDER, list_cases

    async def work(sessions: async_sessionmaker[AsyncSession], _tracker: AsyncEngine) -> str:
        async with sessions() as session, session.begin():
            if args.action == "list":
                statuses = STATUS_ORDER if args.all else STATUS_ORDER[:3]
                rows = await list_cases(session, statuses)
                lines = [
                    f"{r.reference}  {r.status:<9} {r.channel:<7} {r.created_at:%Y-%m-%d %H:%M}  "
                    f"{r.partner_name}  (attempts {r.attempts}{', ' + r.last_error if r.last_error else ''})"
                    for r in rows
                ]
                return "\n".join(lines) if lines else "No cases."
            if not args.reference:
                raise StaffCommandFailed(
                    f"'cases {args.action}' needs a case number, e.g. EA-7K3F-9QXM"
                )
            reference = normalise_reference(args.reference)
            try:
                if args.action == "retry":
                    count = await retry_case(session, reference, utc_now())
                    return f"{reference}: {count} message(s) queued again."
                await close_case(session, reference, utc_now())
                return f"{reference} is closed."
            except LookupError:
                raise StaffCommandFailed(f"there is no case {reference}") from None

    print(_with_database(settings, work))
    return 0


def privacy_command(settings: Settings, _args: argparse.Namespace) -> int:
    """Run the retention job once."""
    from bot.privacy.retention import run_retention
    from bot.referrals.clock import utc_now

    async def work(sessions: async_sessionmaker[AsyncSession], tracker: AsyncEngine) -> str:
        removed = await run_retention(settings, sessions, tracker, utc_now())
        return (
            f"Erased {removed.conversations} conversation(s) idle over "
            f"{settings.conversation_retention_days} days and {removed.cases} case(s) closed over "
            f"{settings.case_retention_days} days ago."
        )

    print(_with_database(settings, work))
    return 0
