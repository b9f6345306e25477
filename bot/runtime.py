"""Where actions find the app's services (knowledge, database) at run time.

The app server installs the services when it starts and removes them when it
stops; tests install their own. Nothing is created when this module is imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.knowledge.store import KnowledgeStore
from bot.settings import Settings


class ServicesNotReady(RuntimeError):
    """An action ran outside a started app server."""


@dataclass(frozen=True)
class Services:
    """What actions may use."""

    knowledge: KnowledgeStore
    sessions: async_sessionmaker[AsyncSession]
    settings: Settings


_installed: Services | None = None


def install(services: Services) -> None:
    """Make ``services`` the ones actions use."""
    global _installed
    _installed = services


def uninstall() -> None:
    """Forget the installed services (the app is stopping)."""
    global _installed
    _installed = None


def services() -> Services:
    """The installed services.

    Raises:
        ServicesNotReady: nothing is installed.
    """
    if _installed is None:
        raise ServicesNotReady("the app server has not started its services")
    return _installed
