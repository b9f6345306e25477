"""The website chat widget: its files, the vendored socket.io client and its configuration.

A partner website embeds the widget with one script tag pointing at ``/widget/ems-chat.js``;
that script loads everything else below ``/widget/`` from this server (never from a CDN).

Caching: the loader's URL never changes, so it is revalidated on every page load
(``no-cache`` with an ETag: a 304 costs a few bytes). It names the current asset version,
a hash of every other widget file, and loads those from ``/widget/v/<version>/…``, which
browsers and proxies may keep for a year: a changed file gets a new URL.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from pathlib import Path

from aiohttp import web

from bot.knowledge.index import KnowledgeBase
from bot.knowledge.required import MessageId, TextId
from bot.language import RIGHT_TO_LEFT, SUPPORTED
from bot.privacy.notice import with_periods
from bot.server import keys
from bot.settings import Settings

logger = logging.getLogger(__name__)

JAVASCRIPT = "text/javascript"
CSS = "text/css"

#: The widget's parts, in the order ``ems-chat.js`` loads them.
PARTS = ("text", "store", "connection", "panel", "chat")

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


def widget_config(settings: Settings, knowledge: KnowledgeBase) -> dict[str, object]:
    """What the widget needs to know at start: where Rasa is, its languages, words and privacy notice.

    Every language the assistant answers in, named in itself ("Español", "العربية") and
    with its writing direction; the widget's words (``knowledge/texts/widget.yml``) and the
    privacy notice in each.
    """
    return {
        "rasa_url": settings.public_rasa_url or settings.rasa_url,
        "socketio_path": SOCKETIO_PATH,
        "languages": [
            {
                "code": language,
                "name": knowledge.endonym(language),
                "dir": "rtl" if language in RIGHT_TO_LEFT else "ltr",
            }
            for language in SUPPORTED
        ],
        "strings": {language: widget_strings(knowledge, language) for language in SUPPORTED},
        "privacy": {
            language: privacy_notice(knowledge, settings, language) for language in SUPPORTED
        },
    }


def widget_strings(knowledge: KnowledgeBase, language: str) -> dict[str, str]:
    """The widget's own words in ``language``, by key without the ``widget_`` prefix."""
    return {
        key.value.removeprefix(WIDGET_PREFIX): knowledge.text(key, language)
        for key in TextId
        if key.value.startswith(WIDGET_PREFIX)
    }


#: The catalogue keys of the widget's words (``knowledge/texts/widget.yml``).
WIDGET_PREFIX = "widget_"


def privacy_notice(knowledge: KnowledgeBase, settings: Settings, language: str) -> str:
    """The first-contact privacy notice (``privacy-notice``) with the retention periods filled in.

    The widget shows it above the first message, so Rasa need not send it (the widget says so
    in each message's metadata). The same placeholders as in the dialogue's own notice.
    """
    text = knowledge.message(MessageId.PRIVACY_NOTICE, language)
    return with_periods(text, settings.conversation_retention_days, settings.case_retention_days)


async def config(request: web.Request) -> web.Response:
    """``GET /widget/config.json``: the public Rasa URL, the languages, words and privacy notices."""
    knowledge = request.app[keys.KNOWLEDGE].live.knowledge
    settings = request.app[keys.SETTINGS]
    body = widget_config(settings, knowledge)
    headers = {**cors_headers(request), "Cache-Control": "no-cache"}
    return web.json_response(body, headers=headers)


#: The loader: its URL is the one partner sites embed, so it is never cached unchecked.
LOADER = "ems-chat.js"
#: Where the loader puts the asset version (widget/src/ems-chat.js).
VERSION_PLACEHOLDER = "__EMS_ASSET_VERSION__"
#: For assets under /widget/v/<current version>/: their URL changes with their content.
IMMUTABLE = "public, max-age=31536000, immutable"


def asset_version(settings: Settings) -> str:
    """A short hash of every widget file but the loader (changes when any of them does)."""
    signature = []
    for name, (relative, _) in sorted(FILES.items()):
        if name != LOADER:
            path = widget_dir(settings) / relative
            stat = path.stat() if path.is_file() else None
            signature.append(
                (str(path), stat.st_size if stat else -1, stat.st_mtime_ns if stat else -1)
            )
    return _hash_files(tuple(signature))


@functools.lru_cache(maxsize=8)
def _hash_files(signature: tuple[tuple[str, int, int], ...]) -> str:
    # Keyed by path, size and mtime: the files are read again only when one changed.
    digest = hashlib.sha256()
    for path, size, _ in signature:
        digest.update(Path(path).read_bytes() if size >= 0 else b"missing")
    return digest.hexdigest()[:16]


def _file(settings: Settings, name: str) -> tuple[Path, str]:
    if name not in FILES:
        raise web.HTTPNotFound(text=f"no widget file {name!r}")
    relative, content_type = FILES[name]
    path = widget_dir(settings) / relative
    if not path.is_file():
        logger.error("widget file %s is missing; run `make setup` (npm ci in widget/)", path)
        raise web.HTTPServiceUnavailable(
            text=f"widget file {relative} is missing on the server: run `make setup`"
        )
    return path, content_type


async def asset(request: web.Request) -> web.StreamResponse:
    """``GET /widget/{name}``: one of :data:`FILES`, revalidated on every use; 404 otherwise."""
    settings = request.app[keys.SETTINGS]
    name = request.match_info["name"]
    path, content_type = _file(settings, name)
    headers = {
        **cors_headers(request),
        "Content-Type": f"{content_type}; charset=utf-8",
        "Cache-Control": "no-cache",
    }
    if name != LOADER:
        return web.FileResponse(path, headers=headers)
    version = asset_version(settings)
    body = path.read_text(encoding="utf-8").replace(VERSION_PLACEHOLDER, version)
    etag = hashlib.sha256(body.encode()).hexdigest()[:16]
    if etag in request.headers.get("If-None-Match", "").replace('"', "").split(","):
        return web.Response(status=304, headers={**headers, "ETag": f'"{etag}"'})
    return web.Response(text=body, headers={**headers, "ETag": f'"{etag}"'})


async def versioned_asset(request: web.Request) -> web.StreamResponse:
    """``GET /widget/v/{version}/{name}``: kept for a year when ``version`` is the current one.

    A page may still hold an older loader during a deployment: it gets the current file,
    revalidated on every use rather than cached for a year under the old version's URL.
    """
    settings = request.app[keys.SETTINGS]
    name = request.match_info["name"]
    if name == LOADER:
        raise web.HTTPNotFound(text="the loader has no versioned URL: use /widget/ems-chat.js")
    path, content_type = _file(settings, name)
    current = request.match_info["version"] == asset_version(settings)
    headers = {
        **cors_headers(request),
        "Content-Type": f"{content_type}; charset=utf-8",
        "Cache-Control": IMMUTABLE if current else "no-cache",
    }
    return web.FileResponse(path, headers=headers)
