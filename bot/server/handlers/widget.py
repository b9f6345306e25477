"""The website chat widget: its files, the vendored socket.io client and its configuration.

A partner website embeds the widget with one script tag pointing at ``/widget/ems-chat.js``;
that script loads everything else below ``/widget/`` from this server (never from a CDN).
"""

from __future__ import annotations

import logging
from pathlib import Path

from aiohttp import web

from bot.knowledge.index import KnowledgeBase
from bot.knowledge.message_ids import MessageId
from bot.privacy.notice import with_periods
from bot.server import keys
from bot.settings import Settings

logger = logging.getLogger(__name__)

JAVASCRIPT = "text/javascript"
CSS = "text/css"

#: The widget's parts, in the order ``ems-chat.js`` loads them.
PARTS = ("strings", "text", "store", "connection", "panel", "chat")

#: URL below /widget/ → (file below widget/, content type). Nothing else is served.
FILES: dict[str, tuple[str, str]] = {
    "ems-chat.js": ("src/ems-chat.js", JAVASCRIPT),
    "ems-chat.css": ("src/ems-chat.css", CSS),
    **{f"parts/{part}.js": (f"src/parts/{part}.js", JAVASCRIPT) for part in PARTS},
    "vendor/socket.io.min.js": (
        "node_modules/socket.io-client/dist/socket.io.min.js",
        JAVASCRIPT,
    ),
    "vendor/socket.io.min.js.map": (
        "node_modules/socket.io-client/dist/socket.io.min.js.map",
        "application/json",
    ),
}

#: The path Rasa's socket.io channel listens on (credentials.yml leaves the default).
SOCKETIO_PATH = "/socket.io"


def widget_dir(settings: Settings) -> Path:
    """The front-end folder (``widget/`` in the repository)."""
    return settings.project_root / "widget"


def cors_headers(request: web.Request) -> dict[str, str]:
    """CORS headers for ``request``: the origin is echoed only when it is allowed."""
    headers = {"Vary": "Origin", "X-Content-Type-Options": "nosniff"}
    origin = request.headers.get("Origin")
    if origin and origin in request.app[keys.SETTINGS].browser_origins:
        headers["Access-Control-Allow-Origin"] = origin
    return headers


def widget_config(settings: Settings, privacy: dict[str, str]) -> dict[str, object]:
    """What the widget needs to know at start: where Rasa is, and the privacy notice."""
    return {
        "rasa_url": settings.public_rasa_url or settings.rasa_url,
        "socketio_path": SOCKETIO_PATH,
        "languages": ["de", "en"],
        "privacy": privacy,
    }


def privacy_notice(knowledge: KnowledgeBase, settings: Settings, language: str) -> str:
    """The first-contact privacy notice (``privacy-notice``) with the retention periods filled in.

    The widget shows it above the first message, so Rasa need not send it (the widget says so
    in each message's metadata). The same placeholders as in the dialogue's own notice.
    """
    text = knowledge.message(MessageId.PRIVACY_NOTICE, language)
    return with_periods(text, settings.conversation_retention_days, settings.case_retention_days)


async def config(request: web.Request) -> web.Response:
    """``GET /widget/config.json``: the public Rasa URL and the privacy notice in de and en."""
    knowledge = request.app[keys.KNOWLEDGE].live.knowledge
    settings = request.app[keys.SETTINGS]
    privacy = {lang: privacy_notice(knowledge, settings, lang) for lang in ("de", "en")}
    body = widget_config(settings, privacy)
    headers = {**cors_headers(request), "Cache-Control": "no-cache"}
    return web.json_response(body, headers=headers)


async def asset(request: web.Request) -> web.StreamResponse:
    """``GET /widget/{name}``: one of :data:`FILES`, with its content type; 404 otherwise."""
    name = request.match_info["name"]
    if name not in FILES:
        raise web.HTTPNotFound(text=f"no widget file {name!r}")
    relative, content_type = FILES[name]
    path = widget_dir(request.app[keys.SETTINGS]) / relative
    if not path.is_file():
        logger.error("widget file %s is missing; run `make setup` (npm ci in widget/)", path)
        raise web.HTTPServiceUnavailable(
            text=f"widget file {relative} is missing on the server: run `make setup`"
        )
    headers = {
        **cors_headers(request),
        "Content-Type": f"{content_type}; charset=utf-8",
        "Cache-Control": "no-cache",
    }
    return web.FileResponse(path, headers=headers)
