from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import runtime
from bot.knowledge.store import KnowledgeStore
from bot.settings import PROJECT_ROOT

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
    ) -> Tracker:
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0} if intent else {},
            "entities": entities or [],
        }
        return Tracker(
            sender_id, slots or {}, latest, events or [], False, None, {}, "action_listen"
        )

    return make


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def real_knowledge() -> Iterator[KnowledgeStore]:
    """The repository's knowledge, installed as the app server would."""
    store = KnowledgeStore(PROJECT_ROOT / "knowledge")
    store.load()
    runtime.install(runtime.Services(knowledge=store))
    yield store
    runtime.uninstall()
