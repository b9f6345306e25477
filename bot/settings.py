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
    #: The Rasa server as browsers reach it (behind a proxy it differs from :attr:`rasa_url`).
    public_rasa_url: str | None
    #: SMTP server for referral e-mails; none means e-mails wait in the outbox.
    smtp_host: str | None
    smtp_port: int
    smtp_user: str | None
    smtp_password: str | None
    smtp_starttls: bool
    mail_from: str
    #: Extra CA certificates for partners' HTTPS webhooks (a private CA, or a test's).
    webhook_ca_file: Path | None
    outbox_poll_seconds: float
    #: Conversations untouched this long are erased by the retention job.
    conversation_retention_days: int
    #: Closed cases are erased this long after closing.
    case_retention_days: int
    #: Train with this seed instead of config.yml's (to check that tests hold for any model).
    training_seed: int | None
    #: Longer messages are cut to this many characters before anything reads or stores them,
    #: and answered with a request to write less (bot/channel_contract.py).
    max_message_chars: int
    #: Messenger credentials (``EMS_TELEGRAM_*``, ``EMS_FACEBOOK_*``, ``EMS_TWILIO_*``), as set.
    messenger_env: tuple[tuple[str, str], ...]
    #: Shared secrets of partners' referral webhooks (``EMS_REFERRAL_SECRET_*``), as set.
    referral_secrets: tuple[tuple[str, str], ...]

    @property
    def app_url(self) -> str:
        """Base URL of the app server as seen from this machine."""
        return f"http://{_client_host(self.app_host)}:{self.app_port}"

    @property
    def rasa_url(self) -> str:
        """Base URL of the Rasa server as seen from this machine."""
        return f"http://{_client_host(self.rasa_host)}:{self.rasa_port}"

    @property
    def browser_origins(self) -> tuple[str, ...]:
        """Web origins that may embed the widget and talk to Rasa: the app's own page and EMS_ALLOWED_ORIGINS."""
        # The demo page may be opened as 127.0.0.1 or as localhost.
        own = (self.app_url, self.app_url.replace("://127.0.0.1:", "://localhost:"))
        return tuple(dict.fromkeys([*own, *self.allowed_origins]))

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
            "EMS_PUBLIC_RASA_URL": self.public_rasa_url or "",
            "EMS_SMTP_HOST": self.smtp_host or "",
            "EMS_SMTP_PORT": str(self.smtp_port),
            "EMS_SMTP_USER": self.smtp_user or "",
            "EMS_SMTP_PASSWORD": self.smtp_password or "",
            "EMS_SMTP_STARTTLS": "1" if self.smtp_starttls else "0",
            "EMS_MAIL_FROM": self.mail_from,
            "EMS_WEBHOOK_CA_FILE": str(self.webhook_ca_file or ""),
            "EMS_OUTBOX_POLL_SECONDS": str(self.outbox_poll_seconds),
            "EMS_CONVERSATION_RETENTION_DAYS": str(self.conversation_retention_days),
            "EMS_CASE_RETENTION_DAYS": str(self.case_retention_days),
            "EMS_TRAINING_SEED": "" if self.training_seed is None else str(self.training_seed),
            "EMS_MAX_MESSAGE_CHARS": str(self.max_message_chars),
        }
        env.update(self.messenger_env)
        env.update(self.referral_secrets)
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
            knowledge_poll_seconds=_seconds(env, "EMS_KNOWLEDGE_POLL_SECONDS", 1.0),
            public_rasa_url=(env.get("EMS_PUBLIC_RASA_URL") or "").rstrip("/") or None,
            smtp_host=env.get("EMS_SMTP_HOST") or None,
            smtp_port=_port(env, "EMS_SMTP_PORT", 25),
            smtp_user=env.get("EMS_SMTP_USER") or None,
            smtp_password=env.get("EMS_SMTP_PASSWORD") or None,
            smtp_starttls=_flag(env, "EMS_SMTP_STARTTLS"),
            mail_from=env.get("EMS_MAIL_FROM") or "assistent@localhost",
            webhook_ca_file=_path(env["EMS_WEBHOOK_CA_FILE"], root)
            if env.get("EMS_WEBHOOK_CA_FILE")
            else None,
            outbox_poll_seconds=_seconds(env, "EMS_OUTBOX_POLL_SECONDS", 5.0),
            conversation_retention_days=_days(env, "EMS_CONVERSATION_RETENTION_DAYS", 30),
            case_retention_days=_days(env, "EMS_CASE_RETENTION_DAYS", 180),
            training_seed=_seed(env, "EMS_TRAINING_SEED"),
            max_message_chars=_count(env, "EMS_MAX_MESSAGE_CHARS", 2000, minimum=100),
            messenger_env=tuple(
                sorted((k, v) for k, v in env.items() if k.startswith(_MESSENGER_PREFIXES) and v)
            ),
            referral_secrets=tuple(
                sorted((k, v) for k, v in env.items() if k.startswith("EMS_REFERRAL_SECRET_") and v)
            ),
        )


_MESSENGER_PREFIXES = ("EMS_TELEGRAM_", "EMS_FACEBOOK_", "EMS_TWILIO_")


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = (env.get(name) or "0").strip().lower()
    if raw not in ("0", "1", "true", "false", "yes", "no"):
        raise SettingsError(f"{name}={raw!r} must be 1 or 0")
    return raw in ("1", "true", "yes")


def _count(env: Mapping[str, str], name: str, default: int, *, minimum: int, unit: str = "") -> int:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        of_unit = f" of {unit}s" if unit else ""
        raise SettingsError(f"{name}={raw!r} is not a whole number{of_unit}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}{f' {unit}' if unit else ''}")
    return value


def _days(env: Mapping[str, str], name: str, default: int) -> int:
    return _count(env, name, default, minimum=1, unit="day")


def _seed(env: Mapping[str, str], name: str) -> int | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise SettingsError(f"{name}={raw!r} must be a whole number, like 7")
    return int(raw)


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
