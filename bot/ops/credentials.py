"""Rasa's channel credentials, rendered from the settings.

The committed ``credentials.yml`` holds the channels that are always on (``rest`` and the
website's ``socketio``). A messenger is added only when its ``EMS_TELEGRAM_*``,
``EMS_FACEBOOK_*`` or ``EMS_TWILIO_*`` variables are set, all of its required ones; a
messenger set up halfway is an error, not a channel that silently never answers. The
launcher writes the result under ``var/`` (secrets: readable by the owner only).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from bot.settings import Settings, SettingsError

_HTTP_URL = re.compile(r"https?://[^\s/]+\S*")
_HTTPS_URL = re.compile(r"https://[^\s/]+\S*")


@dataclass(frozen=True)
class Variable:
    """One ``EMS_*`` variable of a messenger: its credentials key and how to check it."""

    name: str
    key: str
    required: bool = True
    pattern: re.Pattern[str] | None = None
    #: What a valid value looks like, for the error message.
    example: str = ""
    normalise: Callable[[str], str] = str.strip


@dataclass(frozen=True)
class Messenger:
    """A messenger channel: its connector class in ``bot/channels`` and its variables."""

    title: str
    prefix: str
    channel: str
    variables: tuple[Variable, ...]


def _whatsapp(value: str) -> str:
    value = value.strip().replace(" ", "")
    return value if value.startswith("whatsapp:") else f"whatsapp:{value}"


MESSENGERS = (
    Messenger(
        "Telegram",
        "EMS_TELEGRAM_",
        "bot.channels.telegram.TelegramChannel",
        (
            Variable("EMS_TELEGRAM_TOKEN", "access_token", pattern=re.compile(r"\d+:[\w-]+"),
                     example="123456789:AA… (from @BotFather)"),
            Variable("EMS_TELEGRAM_SECRET_TOKEN", "secret_token",
                     pattern=re.compile(r"[A-Za-z0-9_-]{16,256}"),
                     example="16 to 256 characters A-Z, a-z, 0-9, _ and -"),
            Variable("EMS_TELEGRAM_WEBHOOK_URL", "webhook_url", pattern=_HTTPS_URL,
                     example="https://bot.example.org/webhooks/telegram/webhook"),
            Variable("EMS_TELEGRAM_BOT_NAME", "verify", required=False,
                     pattern=re.compile(r"@?\w{5,32}"), example="EmsAchseBot",
                     normalise=lambda v: v.strip().lstrip("@")),
            Variable("EMS_TELEGRAM_API_URL", "api_url", required=False, pattern=_HTTP_URL,
                     example="https://api.telegram.org"),
        ),
    ),
    Messenger(
        "Facebook Messenger",
        "EMS_FACEBOOK_",
        "bot.channels.facebook.FacebookChannel",
        (
            Variable("EMS_FACEBOOK_VERIFY_TOKEN", "verify"),
            Variable("EMS_FACEBOOK_APP_SECRET", "secret"),
            Variable("EMS_FACEBOOK_PAGE_ACCESS_TOKEN", "page-access-token"),
            Variable("EMS_FACEBOOK_API_URL", "api_url", required=False, pattern=_HTTP_URL,
                     example="https://graph.facebook.com/v25.0"),
        ),
    ),
    Messenger(
        "WhatsApp (Twilio)",
        "EMS_TWILIO_",
        "bot.channels.whatsapp.WhatsAppChannel",
        (
            Variable("EMS_TWILIO_ACCOUNT_SID", "account_sid", pattern=re.compile(r"AC[0-9a-f]{32}"),
                     example="AC followed by 32 hexadecimal digits"),
            Variable("EMS_TWILIO_AUTH_TOKEN", "auth_token"),
            Variable("EMS_TWILIO_WHATSAPP_NUMBER", "twilio_number",
                     pattern=re.compile(r"whatsapp:\+[1-9]\d{6,14}"),
                     example="+4915112345678 or whatsapp:+4915112345678", normalise=_whatsapp),
            Variable("EMS_TWILIO_WEBHOOK_URL", "webhook_url", pattern=_HTTP_URL,
                     example="https://bot.example.org/webhooks/twilio/webhook"),
            Variable("EMS_TWILIO_API_URL", "api_url", required=False, pattern=_HTTP_URL,
                     example="https://api.twilio.com"),
        ),
    ),
)  # fmt: skip


#: The website's socket.io channel (bot/channels/website.py), in place of Rasa's ``socketio``.
WEBSITE_CHANNEL = "bot.channels.website.WebsiteSocketIO"
#: The REST channel that refuses unusable bodies with 400 (bot/channels/rest.py), for ``rest``.
REST_CHANNEL = "bot.channels.rest.StrictRestInput"


def render_credentials(settings: Settings) -> dict[str, Any]:
    """The credentials for ``settings``: the committed channels plus each configured messenger.

    Raises:
        SettingsError: a messenger is configured halfway, a variable is unknown or a value
            cannot be right.
    """
    credentials = dict(committed_credentials(settings.project_root))
    if "rest" in credentials:
        credentials[REST_CHANNEL] = credentials.pop("rest")
    if "socketio" in credentials:
        # Rasa's socket.io channel with the room-join fix and the website origins enforced.
        website = dict(credentials.pop("socketio") or {})
        website["allowed_origins"] = list(settings.browser_origins)
        credentials[WEBSITE_CHANNEL] = website
    env = dict(settings.messenger_env)
    for messenger in MESSENGERS:
        block = messenger_credentials(messenger, env)
        if block is not None:
            credentials[messenger.channel] = block
    return credentials


def committed_credentials(project_root: Path) -> Mapping[str, Any]:
    """The channels of the committed ``credentials.yml`` (``rest`` and ``socketio``)."""
    return YAML(typ="safe").load((project_root / "credentials.yml").read_text()) or {}


def messenger_credentials(messenger: Messenger, env: Mapping[str, str]) -> dict[str, str] | None:
    """The credentials block of ``messenger`` from ``env``; ``None`` when none of it is set.

    Raises:
        SettingsError: see :func:`render_credentials`.
    """
    known = {v.name: v for v in messenger.variables}
    given = {k: v for k, v in env.items() if k.startswith(messenger.prefix) and v.strip()}
    for name in sorted(given):
        if name not in known:
            raise SettingsError(
                f"{name} is not a {messenger.title} setting; known are {', '.join(known)}"
            )
    if not given:
        return None
    missing = [v.name for v in messenger.variables if v.required and v.name not in given]
    if missing:
        raise SettingsError(
            f"{messenger.title} is half configured: {', '.join(sorted(given))} "
            f"{'is' if len(given) == 1 else 'are'} set but {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing; set {'it' if len(missing) == 1 else 'them'} "
            f"too, or unset {messenger.prefix}* (see docs/messengers.md)"
        )
    block = {}
    for variable in messenger.variables:
        if variable.name in given:
            value = variable.normalise(given[variable.name])
            if variable.pattern and not variable.pattern.fullmatch(value):
                raise SettingsError(
                    f"{variable.name} does not look right; expected {variable.example}"
                )
            block[variable.key] = value
    return block


def credentials_path(settings: Settings) -> Path:
    """Where the launcher writes Rasa's credentials for ``settings``."""
    return settings.state_dir / f"credentials-{settings.rasa_port}.yml"


def write_credentials(settings: Settings) -> Path:
    """Render Rasa's credentials for ``settings`` into the state folder (owner-only file).

    Raises:
        SettingsError: see :func:`render_credentials`.
    """
    credentials = render_credentials(settings)
    path = credentials_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # also when the file existed with wider permissions
    with os.fdopen(descriptor, "w") as file:
        file.write(
            "# Written by the launcher from credentials.yml and EMS_* settings; do not edit.\n"
        )
        YAML().dump(credentials, file)
    return path


def main() -> int:
    """``python -m bot.ops.credentials``: print the credentials of the current settings.

    For servers started without the launcher (``rasa run --credentials …``).
    """
    try:
        credentials = render_credentials(Settings.from_env())
    except SettingsError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    YAML().dump(credentials, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
