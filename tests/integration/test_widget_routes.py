"""The app server serves the chat widget, its socket.io client and its configuration."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.db.migrate import upgrade
from bot.language import SUPPORTED
from bot.server.app import create_app
from bot.server.handlers import widget
from bot.settings import PROJECT_ROOT, Settings
from tests.support import SHARED_CACHE, repository_knowledge

Client = Callable[[web.Application], Awaitable[TestClient]]
PARTNER = "https://www.partner.example"


def _settings(tmp_path: Path, **env: str) -> Settings:
    settings = Settings.from_env(
        {"EMS_STATE_DIR": str(tmp_path), "EMS_CACHE_DIR": str(SHARED_CACHE), **env}
    )
    upgrade(settings.database_url)
    return settings


@pytest.fixture
async def client(tmp_path: Path, aiohttp_client: Client) -> TestClient:
    return await aiohttp_client(create_app(_settings(tmp_path, EMS_ALLOWED_ORIGINS=PARTNER)))


async def test_the_demo_page_embeds_the_widget_with_one_script_tag(client: TestClient) -> None:
    response = await client.get("/")
    page = await response.text()
    assert response.content_type == "text/html"
    assert re.findall(r"<script\b[^>]*>", page) == ['<script src="/widget/ems-chat.js" defer>']
    # The page shows partners the tag to copy, with this server's address.
    assert "&lt;script src=&quot;http://127.0.0.1:" in page


async def test_widget_files_have_their_content_type(client: TestClient) -> None:
    for name, content_type in [
        ("ems-chat.js", "text/javascript"),
        ("ems-chat.css", "text/css"),
        *((f"parts/{part}.js", "text/javascript") for part in widget.PARTS),
        ("vendor/socket.io.min.js", "text/javascript"),
    ]:
        response = await client.get(f"/widget/{name}")
        assert response.status == 200, name
        assert (response.content_type, response.charset) == (content_type, "utf-8"), name
        assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_the_socketio_client_is_the_vendored_npm_package(client: TestClient) -> None:
    body = await (await client.get("/widget/vendor/socket.io.min.js")).text()
    shipped = PROJECT_ROOT / "widget/node_modules/socket.io-client/dist/socket.io.min.js"
    assert body == shipped.read_text(encoding="utf-8")
    assert body.startswith("/*!\n * Socket.IO v4.")


@pytest.mark.parametrize(
    "name", ["../package.json", "src/ems-chat.js", "node_modules/x", "nope.js"]
)
async def test_only_the_listed_files_are_served(client: TestClient, name: str) -> None:
    assert (await client.get(f"/widget/{name}")).status == 404


async def test_allowed_origins_get_cors_headers_others_do_not(client: TestClient) -> None:
    for path in ("/widget/config.json", "/widget/ems-chat.js"):
        allowed = await client.get(path, headers={"Origin": PARTNER})
        assert allowed.headers["Access-Control-Allow-Origin"] == PARTNER
        assert allowed.headers["Vary"] == "Origin"
        other = await client.get(path, headers={"Origin": "https://elsewhere.example"})
        assert "Access-Control-Allow-Origin" not in other.headers


async def test_config_names_the_rasa_server_and_the_privacy_notice(
    client: TestClient, tmp_path: Path
) -> None:
    config = await (await client.get("/widget/config.json")).json()
    knowledge = repository_knowledge()
    assert config["rasa_url"] == "http://127.0.0.1:5005"
    assert config["socketio_path"] == "/socket.io"
    settings = _settings(Path(tmp_path))
    assert config["privacy"] == {
        lang: widget.privacy_notice(knowledge, settings, lang) for lang in SUPPORTED
    }
    assert "30 Tage" in config["privacy"]["de"] and "{" not in config["privacy"]["de"]
    # Each language named in itself, Arabic right to left; the widget's words in each.
    assert [(entry["code"], entry["name"], entry["dir"]) for entry in config["languages"]] == [
        ("de", "Deutsch", "ltr"), ("en", "English", "ltr"), ("es", "Español", "ltr"),
        ("ar", "العربية", "rtl"), ("uk", "Українська", "ltr"), ("ro", "Română", "ltr"),
        ("tr", "Türkçe", "ltr"), ("vi", "Tiếng Việt", "ltr"),
    ]  # fmt: skip
    assert set(config["strings"]) == set(SUPPORTED)
    assert config["strings"]["en"]["send"] == "Send"
    assert config["strings"]["ar"]["send"] != "Send"  # translated, not the English fallback


async def test_config_uses_the_public_rasa_url_behind_a_proxy(
    tmp_path: Path, aiohttp_client: Client
) -> None:
    settings = _settings(tmp_path, EMS_PUBLIC_RASA_URL="https://chat.example/")
    client = await aiohttp_client(create_app(settings))
    config = await (await client.get("/widget/config.json")).json()
    assert config["rasa_url"] == "https://chat.example"


def test_the_loader_and_the_server_list_the_same_parts() -> None:
    loader = (PROJECT_ROOT / "widget/src/ems-chat.js").read_text(encoding="utf-8")
    listed = re.search(r"var PARTS = \[(.*?)\];", loader)
    assert listed is not None
    assert re.findall(r'"parts/([a-z]+)\.js"', listed.group(1)) == list(widget.PARTS)


async def test_a_missing_npm_install_is_reported_plainly(
    tmp_path: Path, aiohttp_client: Client
) -> None:
    (tmp_path / "root" / "widget").mkdir(parents=True)
    settings = _settings(
        tmp_path,
        EMS_PROJECT_ROOT=str(tmp_path / "root"),
        EMS_KNOWLEDGE_DIR=str(PROJECT_ROOT / "knowledge"),
    )
    client = await aiohttp_client(create_app(settings))
    response = await client.get("/widget/vendor/socket.io.min.js")
    assert response.status == 503
    assert "run `make setup`" in await response.text()


async def test_the_loader_is_revalidated_and_names_the_current_asset_version(
    client: TestClient,
) -> None:
    response = await client.get("/widget/ems-chat.js")
    assert response.headers["Cache-Control"] == "no-cache"
    loader = await response.text()
    found = re.search(r'var assets = base \+ "v/([0-9a-f]{16})/";', loader)
    assert found is not None, "the server did not write the asset version into the loader"
    again = await client.get(
        "/widget/ems-chat.js", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status == 304


async def test_assets_under_the_current_version_are_cached_for_a_year(
    client: TestClient,
) -> None:
    loader = await (await client.get("/widget/ems-chat.js")).text()
    found = re.search(r'"v/([0-9a-f]{16})/"', loader)
    assert found is not None
    version = found.group(1)
    for name in ("ems-chat.css", "parts/chat.js", "vendor/socket.io.min.js"):
        response = await client.get(f"/widget/v/{version}/{name}")
        assert response.status == 200, name
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    # An older loader (mid-deployment) gets today's file, but not for a year.
    stale = await client.get("/widget/v/0123456789abcdef/parts/chat.js")
    assert stale.status == 200 and stale.headers["Cache-Control"] == "no-cache"
    assert (await client.get(f"/widget/v/{version}/ems-chat.js")).status == 404
    assert (await client.get(f"/widget/v/{version}/../package.json")).status == 404


def test_the_asset_version_changes_when_a_widget_file_does(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "widget").mkdir(parents=True)
    for relative, _ in widget.FILES.values():
        target = root / "widget" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("/* one */")
    settings = _settings(tmp_path, EMS_PROJECT_ROOT=str(root))
    before = widget.asset_version(settings)
    assert widget.asset_version(settings) == before
    (root / "widget/src/parts/chat.js").write_text("/* two, longer */")
    assert widget.asset_version(settings) != before
