"""One typed settings object, read from environment variables only.

Every default is the embedded set-up of a newcomer's machine: SQLite files under
``var/``, no Redis, both servers on localhost. Production sets the ``EMS_*``
variables listed in the README; nothing else in the code reads ``os.environ``
for configuration.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: The repository root: ``bot/`` lives directly below it.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """An environment variable holds a value the assistant cannot use."""


@dataclass(frozen=True)
class Settings:
    """Configuration of the app server, the Rasa server and the launcher."""

    project_root: Path
    state_dir: Path
    cache_dir: Path
    knowledge_dir: Path
    database_url: str
    tracker_db_url: str
    redis_url: str | None
    app_host: str
    app_port: int
    rasa_host: str
    rasa_port: int
    action_token: str | None
    admin_token: str | None
    allowed_origins: tuple[str, ...]
    knowledge_poll_seconds: float

    @property
    def app_url(self) -> str:
        """Base URL of the app server as seen from this machine."""
        return f"http://{_client_host(self.app_host)}:{self.app_port}"

    @property
    def rasa_url(self) -> str:
        """Base URL of the Rasa server as seen from this machine."""
        return f"http://{_client_host(self.rasa_host)}:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        """The action webhook that Rasa calls."""
        return f"{self.app_url}/webhook"

    def as_environment(self) -> dict[str, str]:
        """The ``EMS_*`` variables that make :meth:`from_env` return these settings.

        The launcher hands them to the servers it starts.
        """
        env = {
            "EMS_PROJECT_ROOT": str(self.project_root),
            "EMS_STATE_DIR": str(self.state_dir),
            "EMS_CACHE_DIR": str(self.cache_dir),
            "EMS_KNOWLEDGE_DIR": str(self.knowledge_dir),
            "EMS_DATABASE_URL": self.database_url,
            "EMS_TRACKER_DB_URL": self.tracker_db_url,
            "EMS_REDIS_URL": self.redis_url or "",
            "EMS_APP_HOST": self.app_host,
            "EMS_APP_PORT": str(self.app_port),
            "EMS_RASA_HOST": self.rasa_host,
            "EMS_RASA_PORT": str(self.rasa_port),
            "EMS_ACTION_TOKEN": self.action_token or "",
            "EMS_ADMIN_TOKEN": self.admin_token or "",
            "EMS_KNOWLEDGE_POLL_SECONDS": str(self.knowledge_poll_seconds),
            "EMS_ALLOWED_ORIGINS": ",".join(self.allowed_origins),
        }
        return env

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from ``environ`` (default: the process environment).

        Raises:
            SettingsError: a variable is set to a value that cannot be used.
        """
        env = os.environ if environ is None else environ
        root = Path(env.get("EMS_PROJECT_ROOT", str(PROJECT_ROOT))).resolve()
        state_dir = _path(env.get("EMS_STATE_DIR", "var"), root)
        default_db = f"sqlite:///{state_dir / 'app.db'}"
        default_tracker = f"sqlite:///{state_dir / 'rasa-tracker.db'}"
        origins = env.get("EMS_ALLOWED_ORIGINS", "")
        return cls(
            project_root=root,
            state_dir=state_dir,
            cache_dir=_path(env.get("EMS_CACHE_DIR", str(state_dir / "cache")), root),
            knowledge_dir=_path(env.get("EMS_KNOWLEDGE_DIR", "knowledge"), root),
            database_url=env.get("EMS_DATABASE_URL") or default_db,
            tracker_db_url=env.get("EMS_TRACKER_DB_URL") or default_tracker,
            redis_url=env.get("EMS_REDIS_URL") or None,
            app_host=env.get("EMS_APP_HOST", "127.0.0.1"),
            app_port=_port(env, "EMS_APP_PORT", 5055),
            rasa_host=env.get("EMS_RASA_HOST", "127.0.0.1"),
            rasa_port=_port(env, "EMS_RASA_PORT", 5005),
            action_token=env.get("EMS_ACTION_TOKEN") or None,
            admin_token=env.get("EMS_ADMIN_TOKEN") or None,
            allowed_origins=tuple(o.strip() for o in origins.split(",") if o.strip()),
            knowledge_poll_seconds=_seconds(env, "EMS_KNOWLEDGE_POLL_SECONDS", 2.0),
        )


def _path(value: str, root: Path) -> Path:
    path = Path(value)
    return path if path.is_absolute() else root / path


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    try:
        port = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a port number") from None
    if not 0 < port < 65536:
        raise SettingsError(f"{name}={port} is outside 1–65535")
    return port


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number of seconds") from None
    if value < 0:
        raise SettingsError(f"{name} must not be negative (0 switches it off)")
    return value


def _client_host(bind_host: str) -> str:
    # A server bound to every interface is reached on loopback from here.
    return "127.0.0.1" if bind_host in ("0.0.0.0", "::", "") else bind_host
