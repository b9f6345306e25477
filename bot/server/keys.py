"""Typed keys of the app's state."""

from __future__ import annotations

from aiohttp import web
from rasa_sdk.executor import ActionExecutor
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.knowledge.store import KnowledgeStore
from bot.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
KNOWLEDGE = web.AppKey("knowledge", KnowledgeStore)
ENGINE = web.AppKey("engine", AsyncEngine)
EXECUTOR = web.AppKey("executor", ActionExecutor)
