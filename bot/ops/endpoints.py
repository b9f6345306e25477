"""Rasa's endpoints configuration, rendered from the settings.

The committed ``endpoints.yml`` is what this renders for the embedded defaults
(a test keeps them equal). Production sets ``EMS_TRACKER_DB_URL`` and
``EMS_REDIS_URL`` and the launcher writes the rendered file under ``var/``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

from bot.settings import Settings, SettingsError

#: Rasa's SQL tracker store with leaner reads and writes (bot/rasa_side/tracker_store.py).
SQL_TRACKER_STORE = "bot.rasa_side.tracker_store.LeanSQLTrackerStore"
#: Prefix of Rasa's lock keys in Redis, so several deployments can share one Redis.
LOCK_KEY_PREFIX = "emsachse"


def render_endpoints(settings: Settings, *, relative_to_root: bool = False) -> dict[str, Any]:
    """The endpoints configuration for ``settings``.

    Args:
        settings: the configuration to render.
        relative_to_root: write SQLite paths relative to the project root, as the
            committed ``endpoints.yml`` does.

    Raises:
        SettingsError: a URL cannot be used for Rasa.
    """
    # Our actions never read the domain, so Rasa need not send it with every call.
    action: dict[str, Any] = {"url": settings.action_url, "enable_selective_domain": True}
    if settings.action_token:
        action.update(token=settings.action_token, token_name="token")
    endpoints: dict[str, Any] = {
        "action_endpoint": action,
        "tracker_store": tracker_store(settings, relative_to_root=relative_to_root),
    }
    if settings.redis_url:
        endpoints["lock_store"] = lock_store(settings.redis_url)
    return endpoints


def tracker_store(settings: Settings, *, relative_to_root: bool = False) -> dict[str, Any]:
    """Rasa's SQL tracker store for ``settings.tracker_db_url`` (SQLite or PostgreSQL)."""
    url = settings.tracker_db_url
    parts = urlsplit(url)
    scheme = parts.scheme.split("+")[0]
    if scheme == "sqlite":
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if not path:
            raise SettingsError("EMS_TRACKER_DB_URL needs a file: sqlite:///path/to/file.db")
        if relative_to_root and path.startswith(str(settings.project_root) + "/"):
            path = path[len(str(settings.project_root)) + 1 :]
        return {"type": SQL_TRACKER_STORE, "dialect": "sqlite", "db": path}
    if scheme in ("postgresql", "postgres"):
        database = parts.path.lstrip("/")
        if not (parts.hostname and database):
            raise SettingsError(
                "EMS_TRACKER_DB_URL needs a host and a database: "
                "postgresql://user:password@host:5432/rasa"
            )
        store: dict[str, Any] = {
            "type": SQL_TRACKER_STORE,
            "dialect": "postgresql",
            "url": parts.hostname,
            "port": parts.port or 5432,
            "db": database,
        }
        if parts.username:
            store["username"] = unquote(parts.username)
        if parts.password:
            store["password"] = unquote(parts.password)
        return store
    raise SettingsError(
        f"EMS_TRACKER_DB_URL scheme '{parts.scheme}' is not supported; "
        "use sqlite:/// or postgresql://"
    )


def lock_store(redis_url: str) -> dict[str, Any]:
    """Rasa's Redis lock store for ``redis_url`` (``redis://[:password@]host:port/db``)."""
    parts = urlsplit(redis_url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise SettingsError("EMS_REDIS_URL must look like redis://host:6379/0")
    store: dict[str, Any] = {
        "type": "redis",
        "url": parts.hostname,
        "port": parts.port or 6379,
        "db": int(parts.path.lstrip("/") or 0),
        "key_prefix": LOCK_KEY_PREFIX,
    }
    if parts.password:
        store["password"] = unquote(parts.password)
    if parts.scheme == "rediss":
        store["use_ssl"] = True
    return store
