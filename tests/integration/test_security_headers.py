"""Every response of the app server carries security headers; HTML pages cannot be framed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.db.migrate import upgrade
from bot.server.app import create_app
from bot.settings import Settings
from tests.support import SHARED_CACHE

Client = Callable[[web.Application], Awaitable[TestClient]]


@pytest.fixture
async def client(tmp_path: Path, aiohttp_client: Client) -> TestClient:
    settings = Settings.from_env(
        {
            "EMS_STATE_DIR": str(tmp_path),
            "EMS_CACHE_DIR": str(SHARED_CACHE),
            "EMS_PUBLIC_RASA_URL": "https://bot.example.org",
        }
    )
    upgrade(settings.database_url)
    return await aiohttp_client(create_app(settings))


@pytest.mark.parametrize("path", ["/", "/admin/cases"])
async def test_html_pages_forbid_framing_and_foreign_scripts(client: TestClient, path: str) -> None:
    response = await client.get(path)
    assert response.status == 200 and response.content_type == "text/html"
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy
    # the demo page's widget talks to the public Rasa server, over HTTPS and secure websockets
    assert "connect-src 'self' https://bot.example.org wss://bot.example.org" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(
    "path", ["/health", "/widget/ems-chat.js", "/widget/config.json", "/widget/nope.js"]
)
async def test_other_responses_say_nosniff_and_carry_no_page_policy(
    client: TestClient, path: str
) -> None:
    response = await client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Content-Security-Policy" not in response.headers


async def test_without_a_staff_token_staff_pages_answer_only_to_loopback_names(
    client: TestClient,
) -> None:
    assert (await client.get("/admin/cases")).status == 200
    # A site whose DNS name was rebound to 127.0.0.1 reaches us under its own name.
    rebound = await client.get("/admin/cases", headers={"Host": "rebound.example:5055"})
    assert rebound.status == 401
    assert (await client.get("/admin/knowledge", headers={"Host": "localhost:5055"})).status == 200


async def test_a_knowledge_reload_from_another_site_is_refused(client: TestClient) -> None:
    refused = await client.post(
        "/admin/knowledge/reload", headers={"Origin": "https://evil.example"}
    )
    assert refused.status == 403
    assert (await client.post("/admin/knowledge/reload")).status == 200
