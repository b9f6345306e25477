"""Referrals on PostgreSQL: the schema migrates, and two app servers share one outbox without double sends."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from bot.db.engine import create_app_engine, create_sessionmaker
from bot.db.migrate import downgrade, upgrade
from bot.db.models import OutboxMessage
from bot.knowledge.store import KnowledgeStore
from bot.privacy.erasure import erase_person
from bot.referrals.cases import create_case
from bot.referrals.outbox import deliver_due
from bot.referrals.requests import CreateCase
from bot.settings import PROJECT_ROOT, Settings
from tests.referrals.conftest import EMAIL_PARTNER, add_referral_channels
from tests.referrals.receivers import SmtpServer
from tests.support import SHARED_CACHE, free_port

T0 = dt.datetime(2026, 11, 28, 9, 0)


def test_two_app_servers_deliver_each_message_exactly_once(
    new_database: Callable[[str], str], tmp_path: Path
) -> None:
    url = new_database("outbox")
    upgrade(url)
    downgrade(url, "0003")  # the referral migration also goes down and up on PostgreSQL
    upgrade(url)
    knowledge_dir = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", knowledge_dir)
    add_referral_channels(knowledge_dir, "https://127.0.0.1:9/unused")
    store = KnowledgeStore(knowledge_dir, cache_dir=SHARED_CACHE)
    store.load()
    smtp = SmtpServer(free_port())
    smtp.start()
    settings = Settings.from_env(
        {"EMS_DATABASE_URL": url, "EMS_SMTP_HOST": "127.0.0.1", "EMS_SMTP_PORT": str(smtp.port)}
    )

    async def scenario() -> tuple[int, int, int]:
        engines = [create_app_engine(url), create_app_engine(url)]
        first, second = (create_sessionmaker(e) for e in engines)
        try:
            async with first() as session, session.begin():
                for number in range(15):
                    request = CreateCase(
                        reference=f"EA-PG{number:02d}-TEST", partner_id=EMAIL_PARTNER,
                        need="counselling", profession_id=None, place_id="nordhorn", language="de",
                        name="Maria López", contact=f"person{number}@example.com",
                        description="Anerkennung",
                    )  # fmt: skip
                    await create_case(session, request, f"sender-{number}", store.current, T0)
            # Two workers at once, as two app servers would run them.
            await asyncio.gather(
                deliver_due(first, settings, T0), deliver_due(second, settings, T0)
            )
            await asyncio.gather(
                deliver_due(first, settings, T0), deliver_due(second, settings, T0)
            )
            async with first() as session:
                sent = await session.scalar(
                    select(func.count()).where(OutboxMessage.status == "sent")
                )
            async with first() as session, session.begin():
                await erase_person(session, "sender-3", T0)
            async with first() as session:
                left = await session.scalar(select(func.count()).select_from(OutboxMessage))
            return int(sent or 0), len(smtp.inbox.messages), int(left or 0)
        finally:
            for engine in engines:
                await engine.dispose()

    try:
        sent, received, left = asyncio.run(scenario())
    finally:
        smtp.stop()
    assert sent == 30  # 15 partner summaries + 15 confirmations
    assert received == 30  # and not one more: no message went out twice
    assert left == 28  # erasing one person removed exactly their two messages
