from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import runtime
from bot.db.engine import create_app_engine, create_sessionmaker
from bot.db.migrate import upgrade
from bot.knowledge.store import KnowledgeStore
from bot.settings import PROJECT_ROOT, Settings
from tests.support import SHARED_CACHE

TrackerFactory = Callable[..., Tracker]


@pytest.fixture
def make_tracker() -> TrackerFactory:
    """Build a fresh tracker per call, as rasa-sdk's own tests do."""

    def make(
        text: str = "",
        intent: str | None = None,
        slots: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
        events: list[dict[str, Any]] | None = None,
        sender_id: str = "test-user",
        ranking: list[dict[str, Any]] | None = None,
    ) -> Tracker:
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0} if intent else {},
            "entities": entities or [],
            "intent_ranking": ranking or [],
        }
        # A conversation past its first turn: the privacy notice has its own tests.
        all_slots = {"privacy_noticed": True, **(slots or {})}
        return Tracker(sender_id, all_slots, latest, events or [], False, None, {}, "action_listen")

    return make


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(scope="session")
def repository_knowledge() -> KnowledgeStore:
    store = KnowledgeStore(PROJECT_ROOT / "knowledge", cache_dir=SHARED_CACHE)
    store.load()
    return store


@pytest.fixture
async def real_knowledge(
    repository_knowledge: KnowledgeStore, tmp_path: Path
) -> AsyncIterator[KnowledgeStore]:
    """The repository's knowledge and a fresh SQLite database, installed as the app server would."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    engine = create_app_engine(url)
    runtime.install(
        runtime.Services(
            knowledge=repository_knowledge,
            sessions=create_sessionmaker(engine),
            settings=Settings.from_env({"EMS_DATABASE_URL": url}),
        )
    )
    yield repository_knowledge
    runtime.uninstall()
    await engine.dispose()
