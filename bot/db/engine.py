"""Engine factories. One database URL in the settings; the driver is chosen per use.

The app server talks to the database asynchronously (aiosqlite, psycopg);
Alembic migrations run with the synchronous driver of the same URL.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

_SYNC_DRIVERS = {"sqlite": "sqlite", "postgresql": "postgresql+psycopg"}
_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+psycopg"}


class UnsupportedDatabase(ValueError):
    """The database URL names a database the assistant does not support."""


def _with_driver(url: str, drivers: dict[str, str]) -> URL:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in drivers:
        raise UnsupportedDatabase(
            f"database '{backend}' is not supported; use sqlite:/// or postgresql://"
        )
    if backend == "sqlite" and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return parsed.set(drivername=drivers[backend])


def sync_url(url: str) -> URL:
    """``url`` with the synchronous driver used for migrations."""
    return _with_driver(url, _SYNC_DRIVERS)


def create_sync_engine(url: str) -> Engine:
    """A synchronous engine for migrations and the CLI."""
    return create_engine(sync_url(url))


def create_app_engine(url: str) -> AsyncEngine:
    """The asynchronous engine of the app server."""
    return create_async_engine(_with_driver(url, _ASYNC_DRIVERS), pool_pre_ping=True)


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


def masked(url: str) -> str:
    """``url`` with its password hidden, for logs and error messages."""
    return make_url(url).render_as_string(hide_password=True)
