"""Staff endpoints: see which knowledge is live, and reload it now."""

from __future__ import annotations

import base64
import hmac
import ipaddress
import logging
from dataclasses import asdict

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.db.engine import create_sessionmaker
from bot.feedback import feedback_summary
from bot.server import keys
from bot.server.knowledge import reload_knowledge

logger = logging.getLogger(__name__)


def _allowed(request: web.Request) -> bool:
    token = request.app[keys.SETTINGS].admin_token
    if token:
        header = request.headers.get("Authorization", "")
        given = header.removeprefix("Bearer ")
        if header.startswith("Basic "):
            # Browsers (the cases page): any user name, the staff token as password.
            try:
                given = base64.b64decode(header[6:]).decode().partition(":")[2]
            except (ValueError, UnicodeDecodeError):
                return False
        return hmac.compare_digest(given.encode(), token.encode())
    # Without a token only this machine may ask, and only by a loopback name: a page on another
    # site whose DNS name was rebound to 127.0.0.1 sends its own name as Host.
    peer = request.remote or ""
    try:
        from_here = ipaddress.ip_address(peer).is_loopback
    except ValueError:
        return False
    return from_here and _hostname(request.host) in LOOPBACK_NAMES


#: The Host names a staff page answers to when no staff token is set.
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


def _hostname(host: str) -> str:
    """``host`` without its port: "127.0.0.1:5055" → "127.0.0.1", "[::1]:5055" → "::1"."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def guard(request: web.Request) -> None:
    """Refuse the request unless it carries the staff token (or comes from this machine without one)."""
    if not _allowed(request):
        raise web.HTTPUnauthorized(
            text='{"error": "staff token required"}',
            content_type="application/json",
            headers={"WWW-Authenticate": 'Basic realm="staff", charset="UTF-8"'},
        )


def same_origin(request: web.Request) -> None:
    """Refuse a form post from another site (the browser sends its stored credentials along)."""
    origin = request.headers.get("Origin")
    if origin and origin != f"{request.scheme}://{request.host}":
        raise web.HTTPForbidden(text="cross-site request refused")


async def knowledge_status(request: web.Request) -> web.Response:
    """The live version, its record counts and the errors of the last refused change."""
    guard(request)
    store = request.app[keys.KNOWLEDGE]
    knowledge = store.current
    root = request.app[keys.SETTINGS].knowledge_dir.parent
    return web.json_response(
        {
            "content_hash": knowledge.content_hash,
            "records": {kind: len(items) for kind, items in knowledge.kinds().items()},
            "drafts": knowledge.drafts,
            "refused_change": store.refused_reasons(root),
            "watch_problem": store.watch_problem,
        }
    )


async def feedback(request: web.Request) -> web.Response:
    """How often each answer was rated helpful and not helpful, worst first."""
    guard(request)
    async with create_sessionmaker(request.app[keys.ENGINE])() as session:
        return web.json_response(await feedback_summary(session))


async def reload(request: web.Request) -> web.Response:
    """Reload the knowledge now; 422 with every error when the files are broken.

    503 when the version went live but the database could not store its snapshot.
    """
    guard(request)
    same_origin(request)
    try:
        result = await reload_knowledge(request.app)
    except (SQLAlchemyError, OSError) as exc:
        logger.warning("knowledge snapshot not stored: %s", type(exc).__name__)
        return web.json_response(
            {
                "status": "live, not stored",
                "content_hash": request.app[keys.KNOWLEDGE].current.content_hash,
                "errors": [
                    "the database is unreachable: the new version answers, and its snapshot "
                    "is stored at the next reload"
                ],
            },
            status=503,
        )
    return web.json_response(asdict(result), status=422 if result.errors else 200)
