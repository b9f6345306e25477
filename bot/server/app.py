"""``create_app(settings)``: the only way to build the app server."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from aiohttp import web
from rasa_sdk.executor import ActionExecutor

from bot import runtime
from bot.db.engine import create_app_engine, create_sessionmaker
from bot.server import keys
from bot.server.knowledge import knowledge_context
from bot.server.routes import add_routes
from bot.server.security import security_headers
from bot.server.worker import background_worker
from bot.settings import Settings

logger = logging.getLogger(__name__)


def create_app(settings: Settings) -> web.Application:
    """Build the aiohttp application; resources open when it starts."""
    app = web.Application(client_max_size=256 * 1024, middlewares=[security_headers])
    app[keys.SETTINGS] = settings
    app.cleanup_ctx.extend([_database, knowledge_context, _actions, background_worker])
    add_routes(app)
    return app


async def _database(app: web.Application) -> AsyncIterator[None]:
    engine = create_app_engine(app[keys.SETTINGS].database_url)
    app[keys.ENGINE] = engine
    yield
    await engine.dispose()


async def _actions(app: web.Application) -> AsyncIterator[None]:
    executor = ActionExecutor()
    executor.register_package("actions")
    app[keys.EXECUTOR] = executor
    runtime.install(
        runtime.Services(
            knowledge=app[keys.KNOWLEDGE],
            sessions=create_sessionmaker(app[keys.ENGINE]),
            settings=app[keys.SETTINGS],
        )
    )
    yield
    runtime.uninstall()
