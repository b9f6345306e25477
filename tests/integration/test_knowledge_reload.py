"""Knowledge goes live without a restart; a broken change never replaces it."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from bot.db import snapshots
from bot.db.engine import create_app_engine, create_sessionmaker
from bot.db.migrate import upgrade
from bot.db.models import KnowledgeRecord, KnowledgeSnapshot
from bot.knowledge.loader import load_knowledge
from bot.server.app import create_app
from bot.settings import PROJECT_ROOT, Settings
from tests.knowledge.broken_edits import EDITS, Editor
from tests.support import SHARED_CACHE

Client = Callable[[web.Application], Awaitable[TestClient]]
FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "knowledge"


def _settings(tmp_path: Path, **env: str) -> Settings:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(FIXTURE, knowledge)
    settings = Settings.from_env(
        {
            "EMS_STATE_DIR": str(tmp_path / "var"),
            "EMS_CACHE_DIR": str(SHARED_CACHE),
            "EMS_KNOWLEDGE_DIR": str(knowledge),
            **env,
        }
    )
    upgrade(settings.database_url)
    return settings


async def _greeting(client: TestClient) -> str:
    call: dict[str, Any] = {
        "next_action": "action_respond",
        "tracker": {
            "sender_id": "s",
            "slots": {},
            "latest_message": {"text": "Hallo", "intent": {"name": "greet"}, "entities": []},
            "events": [],
        },
        "domain": {},
    }
    body = await (await client.post("/webhook", json=call)).json()
    return str(body["responses"][-1]["text"])


async def _eventually(check: Callable[[], Awaitable[bool]], timeout: float = 10) -> float:
    started = asyncio.get_running_loop().time()
    while not await check():
        if asyncio.get_running_loop().time() - started > timeout:
            raise AssertionError(f"not within {timeout} s")
        await asyncio.sleep(0.1)
    return asyncio.get_running_loop().time() - started


def _write(settings: Settings, text: str) -> None:
    path = settings.knowledge_dir / "messages" / "greeting.yml"
    path.write_text(path.read_text().replace("Hallo aus dem Test", text))


async def test_a_changed_file_is_live_within_seconds(
    tmp_path: Path, aiohttp_client: Client
) -> None:
    settings = _settings(tmp_path, EMS_KNOWLEDGE_POLL_SECONDS="0.2")
    client = await aiohttp_client(create_app(settings))
    assert await _greeting(client) == "Hallo aus dem Test"
    _write(settings, "Moin aus dem Test")

    async def changed() -> bool:
        return await _greeting(client) == "Moin aus dem Test"

    assert await _eventually(changed) < 10
    engine = create_app_engine(settings.database_url)
    expected = load_knowledge(settings.knowledge_dir).content_hash

    async def stored() -> bool:
        # The snapshot is written just after the version goes live.
        async with create_sessionmaker(engine)() as session:
            live = await snapshots.live_snapshot(session)
        return live is not None and live.content_hash == expected

    await _eventually(stored)
    async with create_sessionmaker(engine)() as session:
        count = await session.scalar(select(func.count()).select_from(KnowledgeSnapshot))
    await engine.dispose()
    assert count == 2


async def test_a_broken_change_keeps_the_old_version_serving(
    tmp_path: Path, aiohttp_client: Client
) -> None:
    settings = _settings(tmp_path, EMS_KNOWLEDGE_POLL_SECONDS="0.2")
    client = await aiohttp_client(create_app(settings))
    (settings.knowledge_dir / "partners" / "abh-test.yml").write_text(
        "id: abh-test\nstatus: maybe\n"
    )

    async def refused() -> bool:
        status = await (await client.get("/admin/knowledge")).json()
        return bool(status["refused_change"])

    await _eventually(refused)
    assert await _greeting(client) == "Hallo aus dem Test"
    status = await (await client.get("/admin/knowledge")).json()
    assert status["records"]["partners"] == 2
    assert any(
        "abh-test.yml:2 status: 'maybe' is not allowed" in e for e in status["refused_change"]
    )
    health = await (await client.get("/health")).json()
    assert any("abh-test.yml:2" in e for e in health["knowledge_refused_change"])


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        ("delete greeting", "knowledge/messages/greeting.yml is missing"),
        ("greeting set to draft", "knowledge/messages/greeting.yml:2 status: the assistant needs"),
        (
            "NUL character",
            "knowledge/messages/greeting.yml:2 holds the invisible control character",
        ),
        ("impossible date", "knowledge/partners/abh-probe.yml:4 as_of: '2026-13-45'"),
        ("20,000 nested brackets", "knowledge/messages/greeting.yml nests lists"),
        ("folder named x.yml", "knowledge/topics/x.yml is a folder named like a knowledge file"),
        ("unknown language key", "knowledge/messages/greeting.yml:8 translations: 'xx'"),
    ],
)
async def test_an_odd_file_is_refused_with_its_reason_everywhere_staff_look(
    tmp_path: Path, aiohttp_client: Client, edit: str, reason: str
) -> None:
    settings = _settings(tmp_path, EMS_KNOWLEDGE_POLL_SECONDS="0")
    client = await aiohttp_client(create_app(settings))
    next(e for e in EDITS if e.name == edit).apply(Editor(settings.knowledge_dir))
    response = await client.post("/admin/knowledge/reload")
    assert response.status == 422
    assert any(e.endswith(reason) or reason in e for e in (await response.json())["errors"])
    status = await (await client.get("/admin/knowledge")).json()
    assert any(reason in e for e in status["refused_change"])
    health = await (await client.get("/health")).json()
    assert health["status"] == "ok"
    assert any(reason in e for e in health["knowledge_refused_change"])
    assert await _greeting(client) == "Hallo aus dem Test"


async def test_the_watcher_outlives_a_link_loop_and_takes_the_next_valid_edit(
    tmp_path: Path, aiohttp_client: Client
) -> None:
    settings = _settings(tmp_path, EMS_KNOWLEDGE_POLL_SECONDS="0.2")
    client = await aiohttp_client(create_app(settings))
    loop = settings.knowledge_dir / "topics" / "loop"
    loop.symlink_to(".")

    async def refused() -> bool:
        health = await (await client.get("/health")).json()
        return any(
            "topics/loop is a link to a folder" in e for e in health["knowledge_refused_change"]
        )

    await _eventually(refused)
    loop.unlink()
    _write(settings, "Moin nach der Schleife")

    async def live() -> bool:
        return await _greeting(client) == "Moin nach der Schleife"

    await _eventually(live)
    health = await (await client.get("/health")).json()
    assert health["knowledge_refused_change"] == [] and health["knowledge_watch_problem"] is None


async def test_reload_on_request_reports_every_error(
    tmp_path: Path, aiohttp_client: Client
) -> None:
    settings = _settings(tmp_path, EMS_KNOWLEDGE_POLL_SECONDS="0")
    client = await aiohttp_client(create_app(settings))
    _write(settings, "Servus")
    (settings.knowledge_dir / "topics" / "registration.yml").write_text("id: registration\n")
    response = await client.post("/admin/knowledge/reload")
    assert response.status == 422
    body = await response.json()
    assert body["status"] == "refused" and len(body["errors"]) >= 3
    assert await _greeting(client) == "Hallo aus dem Test"
    shutil.copy(FIXTURE / "topics" / "registration.yml", settings.knowledge_dir / "topics")
    response = await client.post("/admin/knowledge/reload")
    assert (await response.json())["status"] == "live"
    assert await _greeting(client) == "Servus"


async def test_staff_endpoints_need_the_token_when_one_is_set(
    tmp_path: Path, aiohttp_client: Client
) -> None:
    settings = _settings(tmp_path, EMS_KNOWLEDGE_POLL_SECONDS="0", EMS_ADMIN_TOKEN="staff-secret")
    client = await aiohttp_client(create_app(settings))
    assert (await client.get("/admin/knowledge")).status == 401
    assert (await client.post("/admin/knowledge/reload")).status == 401
    allowed = {"Authorization": "Bearer staff-secret"}
    assert (await client.get("/admin/knowledge", headers=allowed)).status == 200
    assert (await client.post("/admin/knowledge/reload", headers=allowed)).status == 200


async def test_the_snapshot_holds_every_published_record(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    knowledge = load_knowledge(settings.knowledge_dir)
    engine = create_app_engine(settings.database_url)
    sessions = create_sessionmaker(engine)
    first = await snapshots.sync_snapshot(sessions, knowledge)
    again = await snapshots.sync_snapshot(sessions, knowledge)
    async with sessions() as session:
        rows = (
            await session.scalars(
                select(KnowledgeRecord).where(KnowledgeRecord.snapshot_id == first.id)
            )
        ).all()
    await engine.dispose()
    assert again.id == first.id
    assert len(rows) == knowledge.record_count == 49
    partner = next(r for r in rows if r.record_id == "abh-test")
    assert partner.kind == "partners"
    assert partner.payload["contact"]["phone"] == ["+49 30 23125-000"]


async def test_old_snapshots_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshots, "SNAPSHOTS_KEPT", 2)
    settings = _settings(tmp_path)
    engine = create_app_engine(settings.database_url)
    sessions = create_sessionmaker(engine)
    greeting = settings.knowledge_dir / "messages" / "greeting.yml"
    for n in range(4):
        greeting.write_text(greeting.read_text().replace("Test", f"Test {n}"))
        await snapshots.sync_snapshot(sessions, load_knowledge(settings.knowledge_dir))
    async with sessions() as session:
        kept = (await session.scalars(select(KnowledgeSnapshot.id))).all()
        orphans = await session.scalar(
            select(func.count())
            .select_from(KnowledgeRecord)
            .where(KnowledgeRecord.snapshot_id.not_in(kept))
        )
    await engine.dispose()
    assert len(kept) == 2
    assert orphans == 0


async def test_a_version_whose_snapshot_failed_is_stored_at_the_next_reload(
    tmp_path: Path, aiohttp_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from bot.server import knowledge as server_knowledge

    settings = _settings(tmp_path, EMS_KNOWLEDGE_POLL_SECONDS="0")
    client = await aiohttp_client(create_app(settings))
    real_sync = server_knowledge.sync_snapshot

    async def database_down(*args: Any) -> None:
        raise OperationalError("INSERT", {}, Exception("connection refused"))

    monkeypatch.setattr(server_knowledge, "sync_snapshot", database_down)
    _write(settings, "Moin trotz Datenbankausfall")
    response = await client.post("/admin/knowledge/reload")
    assert response.status == 503
    assert "stored at the next reload" in (await response.json())["errors"][0]
    assert await _greeting(client) == "Moin trotz Datenbankausfall"  # live all the same
    monkeypatch.setattr(server_knowledge, "sync_snapshot", real_sync)
    response = await client.post("/admin/knowledge/reload")
    assert response.status == 200 and (await response.json())["status"] == "unchanged"
    engine = create_app_engine(settings.database_url)
    async with create_sessionmaker(engine)() as session:
        live = await snapshots.live_snapshot(session)
    await engine.dispose()
    assert live is not None
    assert live.content_hash == load_knowledge(settings.knowledge_dir).content_hash
