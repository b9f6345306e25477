"""``/health``: is the app server able to answer, and with which knowledge?"""

from __future__ import annotations

import logging

from aiohttp import web
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from bot.server import keys

logger = logging.getLogger(__name__)


async def health(request: web.Request) -> web.Response:
    """200 when the database answers, 503 otherwise; always names the live knowledge.

    A refused knowledge change does not make the server unhealthy (the last good
    version answers), but its reasons are listed, file:line, for whoever looks.
    """
    store = request.app[keys.KNOWLEDGE]
    body: dict[str, object] = {
        "knowledge": store.current.content_hash,
        "knowledge_refused_change": store.refused_reasons(
            request.app[keys.SETTINGS].knowledge_dir.parent
        ),
        "knowledge_watch_problem": store.watch_problem,
    }
    try:
        async with request.app[keys.ENGINE].connect() as connection:
            await connection.execute(text("SELECT 1"))
        body.update(status="ok", database="ok")
        status = 200
    except (SQLAlchemyError, OSError) as exc:
        logger.warning("database unreachable: %s", type(exc).__name__)
        body.update(status="degraded", database="unreachable")
        status = 503
    return web.json_response(body, status=status)
