"""A knowledge copy in which two partners agreed to receive referrals, and a chat driver."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from actions.respond import ActionRespond
from bot import runtime
from bot.db.engine import create_app_engine, create_sessionmaker
from bot.db.migrate import upgrade
from bot.knowledge.store import KnowledgeStore
from bot.settings import PROJECT_ROOT, Settings
from tests.support import SHARED_CACHE

#: Referral channels as staff would add them once a partner agreed.
EMAIL_PARTNER = "compass-haus-nordhorn"  # Nordhorn
WEBHOOK_PARTNER = "awo-leer-jmd"  # Leer (Ostfriesland)
PARTNER_INBOX = "anfragen@compass.example.org"
WEBHOOK_SECRET_VARIABLE = "EMS_REFERRAL_SECRET_AWO_LEER"


def add_referral_channels(
    knowledge_dir: Path, webhook_url: str, inbox: str = PARTNER_INBOX
) -> None:
    """Give the two test partners a referral channel in their knowledge files."""
    for partner, channel in (
        (EMAIL_PARTNER, f"  email: {inbox}\n"),
        (
            WEBHOOK_PARTNER,
            f"  webhook: {webhook_url}\n  secret_variable: {WEBHOOK_SECRET_VARIABLE}\n",
        ),
    ):
        path = knowledge_dir / "partners" / f"{partner}.yml"
        path.write_text(path.read_text() + f"referral:\n{channel}  agreed_on: 2026-11-20\n")


@pytest.fixture(scope="session")
def referral_store(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeStore:
    """Loaded once: building the resolver takes seconds."""
    target = tmp_path_factory.mktemp("referral-knowledge") / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", target)
    add_referral_channels(target, "https://127.0.0.1:9/referrals")
    store = KnowledgeStore(target, cache_dir=SHARED_CACHE)
    store.load()
    return store


@dataclass
class Chat:
    """One person's conversation through the real action, slots carried from turn to turn."""

    sessions: async_sessionmaker[AsyncSession]
    sender: str = "newcomer-1"
    slots: dict[str, Any] = field(default_factory=lambda: {"privacy_noticed": True})
    action: ActionRespond = field(default_factory=ActionRespond)

    async def say(
        self,
        text: str,
        intent: str,
        entities: list[dict[str, Any]] | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Send one message as NLU understood it; the assistant's messages."""
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0},
            "entities": entities or [],
            "intent_ranking": [{"name": intent, "confidence": 1.0}],
        }
        events = [{"event": "user", "text": text, "metadata": metadata or {}}]
        tracker = Tracker(
            self.sender, dict(self.slots), latest, events, False, None, {}, "action_listen"
        )
        dispatcher = CollectingDispatcher()
        for event in await self.action.run(dispatcher, tracker, {}):
            self.slots[event["name"]] = event["value"]
        return dispatcher.messages


@pytest.fixture
async def referral_services(
    referral_store: KnowledgeStore, tmp_path: Path
) -> AsyncIterator[runtime.Services]:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    engine = create_app_engine(url)
    store = referral_store
    services = runtime.Services(
        knowledge=store,
        sessions=create_sessionmaker(engine),
        settings=Settings.from_env({"EMS_DATABASE_URL": url}),
    )
    runtime.install(services)
    yield services
    runtime.uninstall()
    await engine.dispose()


@pytest.fixture
def chat(referral_services: runtime.Services) -> Chat:
    return Chat(referral_services.sessions)
