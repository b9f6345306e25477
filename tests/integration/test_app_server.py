from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.db.engine import create_app_engine
from bot.db.migrate import upgrade
from bot.db.models import KnowledgeSnapshot
from bot.knowledge.errors import KnowledgeInvalid
from bot.server import keys
from bot.server.app import create_app
from bot.settings import PROJECT_ROOT, Settings
from tests.support import SHARED_CACHE

Client = Callable[[web.Application], Awaitable[TestClient]]


def _settings(tmp_path: Path, **env: str) -> Settings:
    settings = Settings.from_env(
        {"EMS_STATE_DIR": str(tmp_path), "EMS_CACHE_DIR": str(SHARED_CACHE), **env}
    )
    upgrade(settings.database_url)
    return settings


def _action_call(text: str, intent: str, action: str = "action_respond") -> dict[str, Any]:
    return {
        "next_action": action,
        "sender_id": "someone",
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": "someone",
            "slots": {},
            "latest_message": {"text": text, "intent": {"name": intent}, "entities": []},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }


async def test_runs_the_action_rasa_asks_for(tmp_path: Path, aiohttp_client: Client) -> None:
    client = await aiohttp_client(create_app(_settings(tmp_path)))
    response = await client.post("/webhook", json=_action_call("Hello", "greet"))
    assert response.status == 200
    body = await response.json()
    # The first answer of a conversation comes after the short privacy notice.
    assert body["responses"][0]["text"].startswith("Privacy in short")
    assert body["responses"][1]["text"].startswith("Hello and welcome")
    assert body["events"] == [
        {"event": "slot", "timestamp": None, "name": "language", "value": "en"},
        {"event": "slot", "timestamp": None, "name": "privacy_noticed", "value": True},
    ]


async def test_records_the_live_knowledge_version(tmp_path: Path, aiohttp_client: Client) -> None:
    app = create_app(_settings(tmp_path))
    client = await aiohttp_client(app)
    health = await (await client.get("/health")).json()
    async with create_app_engine(app[keys.SETTINGS].database_url).connect() as connection:
        hashes = (await connection.execute(select(KnowledgeSnapshot.content_hash))).scalars().all()
    assert hashes == [health["knowledge"]]


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (b"not json", 400, "the body is not JSON"),
        (b'{"tracker": {}}', 400, "the body names no 'next_action'"),
        (b'{"next_action": "action_respond"}', 400, "the body has no 'tracker'"),
        (b"[1, 2]", 400, "the body names no 'next_action'"),
    ],
)
async def test_broken_webhook_calls_get_a_clear_error(
    tmp_path: Path, aiohttp_client: Client, body: bytes, status: int, error: str
) -> None:
    client = await aiohttp_client(create_app(_settings(tmp_path)))
    response = await client.post("/webhook", data=body)
    assert response.status == status
    assert (await response.json())["error"] == error


async def test_an_unknown_action_is_404(tmp_path: Path, aiohttp_client: Client) -> None:
    client = await aiohttp_client(create_app(_settings(tmp_path)))
    response = await client.post("/webhook", json=_action_call("x", "greet", "action_nope"))
    assert response.status == 404
    assert (await response.json())["action_name"] == "action_nope"


async def test_the_webhook_token_is_enforced_when_set(
    tmp_path: Path, aiohttp_client: Client
) -> None:
    client = await aiohttp_client(create_app(_settings(tmp_path, EMS_ACTION_TOKEN="s3cret")))
    call = _action_call("Hallo", "greet")
    assert (await client.post("/webhook", json=call)).status == 401
    assert (await client.post("/webhook?token=wrong", json=call)).status == 401
    assert (await client.post("/webhook?token=s3cret", json=call)).status == 200


async def test_lists_the_registered_actions(tmp_path: Path, aiohttp_client: Client) -> None:
    client = await aiohttp_client(create_app(_settings(tmp_path)))
    names = [a["name"] for a in await (await client.get("/actions")).json()]
    assert "action_respond" in names


async def test_health_reports_a_database_that_is_down(
    tmp_path: Path, aiohttp_client: Client
) -> None:
    app = create_app(_settings(tmp_path))
    client = await aiohttp_client(app)
    assert (await client.get("/health")).status == 200
    await app[keys.ENGINE].dispose()
    # Nothing listens on port 9 of loopback: a database that is down.
    app[keys.ENGINE] = create_app_engine("postgresql://nobody@127.0.0.1:9/none")
    response = await client.get("/health")
    assert response.status == 503
    assert (await response.json())["database"] == "unreachable"


async def test_the_widget_config_points_at_the_rasa_server(
    tmp_path: Path, aiohttp_client: Client
) -> None:
    client = await aiohttp_client(create_app(_settings(tmp_path, EMS_RASA_PORT="5999")))
    config = await (await client.get("/widget/config.json")).json()
    assert config["rasa_url"] == "http://127.0.0.1:5999"


async def test_broken_knowledge_stops_start_up_with_every_error(
    tmp_path: Path, aiohttp_client: Client
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", knowledge)
    (knowledge / "messages" / "greeting.yml").write_text("id: greeting\nstatus: maybe\n")
    settings = _settings(tmp_path, EMS_KNOWLEDGE_DIR=str(knowledge))
    with pytest.raises(KnowledgeInvalid) as failure:
        await aiohttp_client(create_app(settings))
    assert len(failure.value.errors) == 2  # the bad status and the missing text


async def test_staff_see_the_feedback_per_answer(tmp_path: Path, aiohttp_client: Client) -> None:
    client = await aiohttp_client(create_app(_settings(tmp_path)))
    for value in ("up", "down", "down"):
        call = _action_call(
            f'/feedback{{"feedback_value":"{value}"}}', "feedback", "action_respond"
        )
        call["tracker"]["slots"] = {"last_topic": "topic:blue-card", "language": "en"}
        call["tracker"]["latest_message"]["entities"] = [
            {"entity": "feedback_value", "value": value}
        ]
        assert (await client.post("/webhook", json=call)).status == 200
    summary = await (await client.get("/admin/feedback")).json()
    assert summary == [{"answer": "topic:blue-card", "helpful": 1, "not_helpful": 2}]
