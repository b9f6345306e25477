"""The production configuration, really running: SQL tracker store on PostgreSQL,
Redis lock store, two Rasa instances sharing them and one app server on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest
import redis

from bot.db.migrate import downgrade, upgrade
from bot.ops.assistant import Assistant
from tests.production.conftest import REDIS_URL
from tests.support import free_port, say, settings_for


@pytest.fixture(scope="module")
def cluster(
    trained_model: Path,
    tmp_path_factory: pytest.TempPathFactory,
    new_database: Callable[[str], str],
) -> Iterator[tuple[Assistant, Assistant]]:
    settings = settings_for(
        tmp_path_factory.mktemp("production"),
        EMS_DATABASE_URL=new_database("app"),
        EMS_TRACKER_DB_URL=new_database("tracker"),
        EMS_REDIS_URL=REDIS_URL,
        EMS_ACTION_TOKEN="production-secret",
    )
    second = replace(settings, rasa_port=free_port())
    with (
        Assistant(settings, trained_model) as first,
        Assistant(second, trained_model, with_app=False) as other,
    ):
        yield first, other


def _events(database_url: str, sender: str) -> list[tuple[str, str | None]]:
    with psycopg.connect(database_url) as connection:
        return connection.execute(
            "SELECT type_name, action_name FROM events WHERE sender_id = %s ORDER BY id", (sender,)
        ).fetchall()


def test_both_instances_answer_and_share_the_postgresql_tracker_store(
    cluster: tuple[Assistant, Assistant],
) -> None:
    first, second = cluster
    assert say(first.settings.rasa_url, "shared", "Hello")[-1]["text"].startswith("Hello")
    # The second instance continues the same conversation from PostgreSQL.
    assert say(second.settings.rasa_url, "shared", "bye")[0]["text"].startswith("Goodbye")
    events = _events(first.settings.tracker_db_url, "shared")
    assert [e for e in events if e[0] == "user"] == [("user", None), ("user", None)]
    assert events.count(("action", "action_respond")) == 2


def test_conversation_locks_go_through_redis(cluster: tuple[Assistant, Assistant]) -> None:
    first, _ = cluster
    seen: list[str] = []
    client = redis.Redis.from_url(REDIS_URL)
    ready = threading.Event()

    def watch() -> None:
        with client.monitor() as monitor:
            ready.set()
            for command in monitor.listen():
                seen.append(command["command"])
                if "DEL emsachse:lock:locked" in command["command"]:
                    return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    ready.wait(10)
    say(first.settings.rasa_url, "locked", "Hallo")
    watcher.join(30)
    assert any(c.startswith("SET emsachse:lock:locked") for c in seen), seen[-20:]
    assert any(c.startswith("DEL emsachse:lock:locked") for c in seen), seen[-20:]


def test_the_app_server_keeps_its_data_in_postgresql(cluster: tuple[Assistant, Assistant]) -> None:
    first, _ = cluster
    with psycopg.connect(first.settings.database_url) as connection:
        count = connection.execute("SELECT count(*) FROM knowledge_snapshot").fetchone()
    assert count == (1,)


def test_migrations_stairway_on_postgresql(new_database: Callable[[str], str]) -> None:
    url = new_database("stairway")
    upgrade(url)
    downgrade(url, "base")
    upgrade(url)
    with psycopg.connect(url) as connection:
        tables = {
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        }
    assert {"alembic_version", "knowledge_snapshot"} <= tables
