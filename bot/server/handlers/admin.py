"""Staff endpoints: see which knowledge is live, and reload it now."""

from __future__ import annotations

import hmac
import ipaddress
from dataclasses import asdict

from aiohttp import web

from bot.db.engine import create_sessionmaker
from bot.feedback import feedback_summary
from bot.server import keys
from bot.server.knowledge import reload_knowledge


def _allowed(request: web.Request) -> bool:
    token = request.app[keys.SETTINGS].admin_token
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ")
        return hmac.compare_digest(given, token)
    # Without a token only this machine may ask.
    peer = request.remote or ""
    try:
        return ipaddress.ip_address(peer).is_loopback
    except ValueError:
        return False


def _guard(request: web.Request) -> None:
    if not _allowed(request):
        raise web.HTTPUnauthorized(
            text='{"error": "staff token required"}', content_type="application/json"
        )


async def knowledge_status(request: web.Request) -> web.Response:
    """The live version, its record counts and the errors of the last refused change."""
    _guard(request)
    store = request.app[keys.KNOWLEDGE]
    knowledge = store.current
    root = request.app[keys.SETTINGS].project_root
    return web.json_response(
        {
            "content_hash": knowledge.content_hash,
            "records": {kind: len(items) for kind, items in knowledge.kinds().items()},
            "drafts": knowledge.drafts,
            "refused_change": [e.format(root) for e in store.last_error.errors]
            if store.last_error
            else [],
        }
    )


async def feedback(request: web.Request) -> web.Response:
    """How often each answer was rated helpful and not helpful, worst first."""
    _guard(request)
    async with create_sessionmaker(request.app[keys.ENGINE])() as session:
        return web.json_response(await feedback_summary(session))


async def reload(request: web.Request) -> web.Response:
    """Reload the knowledge now; 422 with every error when the files are broken."""
    _guard(request)
    result = await reload_knowledge(request.app)
    return web.json_response(asdict(result), status=422 if result.errors else 200)
