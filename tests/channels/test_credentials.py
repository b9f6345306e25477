"""Rasa's credentials from the settings: messengers only when fully configured (no Rasa)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from bot.ops.assistant import rasa_process
from bot.ops.credentials import (
    REST_CHANNEL,
    WEBSITE_CHANNEL,
    credentials_path,
    render_credentials,
    write_credentials,
)
from bot.settings import PROJECT_ROOT, Settings, SettingsError

TELEGRAM = {
    "EMS_TELEGRAM_TOKEN": "123456789:AAH-test_token",
    "EMS_TELEGRAM_SECRET_TOKEN": "a-secret-of-sixteen-plus",
    "EMS_TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook",
}
FACEBOOK = {
    "EMS_FACEBOOK_VERIFY_TOKEN": "verify-me",
    "EMS_FACEBOOK_APP_SECRET": "app-secret",
    "EMS_FACEBOOK_PAGE_ACCESS_TOKEN": "EAAB-page-token",
}
TWILIO = {
    "EMS_TWILIO_ACCOUNT_SID": "AC" + "0123456789abcdef" * 2,
    "EMS_TWILIO_AUTH_TOKEN": "auth-token",
    "EMS_TWILIO_WHATSAPP_NUMBER": "+49 4921 1234567",
    "EMS_TWILIO_WEBHOOK_URL": "https://bot.example.org/webhooks/twilio/webhook",
}


def _render(**env: str) -> dict[str, object]:
    return render_credentials(Settings.from_env(env))


def _website(committed: dict[str, object], *origins: str) -> dict[str, object]:
    """The committed socketio block as the website channel gets it, with its allowed origins."""
    block = dict(committed["socketio"])  # type: ignore[call-overload]
    block["allowed_origins"] = list(origins)
    return block


def test_committed_credentials_file_is_what_the_defaults_render() -> None:
    committed = YAML(typ="safe").load((PROJECT_ROOT / "credentials.yml").read_text())
    # Only the channels that are always on are committed; messengers come from the environment.
    assert set(committed) == {"rest", "socketio"}
    # socketio is served by bot/channels/website.py, which fixes Rasa's room join and checks origins;
    # rest by bot/channels/rest.py, which refuses unusable bodies with 400.
    assert _render() == {
        REST_CHANNEL: committed["rest"],
        WEBSITE_CHANNEL: _website(committed, "http://127.0.0.1:5055", "http://localhost:5055"),
    }


def test_the_website_channel_allows_the_configured_origins() -> None:
    credentials = _render(EMS_ALLOWED_ORIGINS="https://www.emsachse.example,http://127.0.0.1:5055")
    assert credentials[WEBSITE_CHANNEL]["allowed_origins"] == [  # type: ignore[index]
        "http://127.0.0.1:5055",
        "http://localhost:5055",
        "https://www.emsachse.example",
    ]


def test_each_messenger_is_added_only_when_its_credentials_are_set() -> None:
    credentials = _render(**TELEGRAM, **FACEBOOK, **TWILIO, EMS_TWILIO_API_URL="http://127.0.0.1:9")
    committed = YAML(typ="safe").load((PROJECT_ROOT / "credentials.yml").read_text())
    assert credentials[WEBSITE_CHANNEL] == _website(
        committed, "http://127.0.0.1:5055", "http://localhost:5055"
    )
    assert REST_CHANNEL in credentials
    assert credentials["bot.channels.telegram.TelegramChannel"] == {
        "access_token": "123456789:AAH-test_token",
        "secret_token": "a-secret-of-sixteen-plus",
        "webhook_url": "https://bot.example.org/webhooks/telegram/webhook",
    }
    assert credentials["bot.channels.facebook.FacebookChannel"] == {
        "verify": "verify-me",
        "secret": "app-secret",
        "page-access-token": "EAAB-page-token",
    }
    assert credentials["bot.channels.whatsapp.WhatsAppChannel"] == {
        "account_sid": TWILIO["EMS_TWILIO_ACCOUNT_SID"],
        "auth_token": "auth-token",
        "twilio_number": "whatsapp:+4949211234567",
        "webhook_url": "https://bot.example.org/webhooks/twilio/webhook",
        "api_url": "http://127.0.0.1:9",
    }
    only_facebook = _render(**FACEBOOK)
    assert set(only_facebook) == {
        REST_CHANNEL,
        WEBSITE_CHANNEL,
        "bot.channels.facebook.FacebookChannel",
    }


def test_optional_telegram_settings_are_passed_on() -> None:
    credentials = _render(
        **TELEGRAM, EMS_TELEGRAM_BOT_NAME="@EmsAchseBot", EMS_TELEGRAM_API_URL="http://127.0.0.1:8"
    )
    block = credentials["bot.channels.telegram.TelegramChannel"]
    assert block["verify"] == "EmsAchseBot"  # type: ignore[index]
    assert block["api_url"] == "http://127.0.0.1:8"  # type: ignore[index]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"EMS_TELEGRAM_TOKEN": TELEGRAM["EMS_TELEGRAM_TOKEN"]},
            "Telegram is half configured: EMS_TELEGRAM_TOKEN is set but "
            "EMS_TELEGRAM_SECRET_TOKEN, EMS_TELEGRAM_WEBHOOK_URL are missing; set them too, "
            r"or unset EMS_TELEGRAM_\* \(see docs/messengers.md\)",
        ),
        (
            {k: v for k, v in FACEBOOK.items() if k != "EMS_FACEBOOK_APP_SECRET"},
            "Facebook Messenger is half configured: .* EMS_FACEBOOK_APP_SECRET is missing; set it",
        ),
        (
            {"EMS_TWILIO_API_URL": "http://127.0.0.1:9"},
            "WhatsApp \\(Twilio\\) is half configured: EMS_TWILIO_API_URL is set but "
            "EMS_TWILIO_ACCOUNT_SID, EMS_TWILIO_AUTH_TOKEN, EMS_TWILIO_WHATSAPP_NUMBER, "
            "EMS_TWILIO_WEBHOOK_URL are missing",
        ),
        ({**TELEGRAM, "EMS_TELEGRAM_TOKN": "x"}, "EMS_TELEGRAM_TOKN is not a Telegram setting"),
        (
            {**TELEGRAM, "EMS_TELEGRAM_TOKEN": "not-a-token"},
            "EMS_TELEGRAM_TOKEN does not look right; expected 123456789:AA",
        ),
        (
            {**TELEGRAM, "EMS_TELEGRAM_SECRET_TOKEN": "short"},
            "EMS_TELEGRAM_SECRET_TOKEN does not look right; expected 16 to 256 characters",
        ),
        (
            {**TELEGRAM, "EMS_TELEGRAM_WEBHOOK_URL": "http://bot.example.org/webhook"},
            "EMS_TELEGRAM_WEBHOOK_URL does not look right; expected https://",
        ),
        (
            {**TWILIO, "EMS_TWILIO_ACCOUNT_SID": "SK123"},
            "EMS_TWILIO_ACCOUNT_SID does not look right; expected AC followed by 32",
        ),
        (
            {**TWILIO, "EMS_TWILIO_WHATSAPP_NUMBER": "04921 1234567"},
            "EMS_TWILIO_WHATSAPP_NUMBER does not look right; expected \\+4915112345678",
        ),
    ],
)
def test_half_configured_or_wrong_messengers_are_one_clear_error(
    env: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        _render(**env)


def test_an_error_never_shows_the_secret() -> None:
    with pytest.raises(SettingsError) as raised:
        _render(**{**TELEGRAM, "EMS_TELEGRAM_TOKEN": "leaky secret"})
    assert "leaky" not in str(raised.value)


def test_written_file_is_for_the_owner_only_and_used_by_the_rasa_server(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"EMS_STATE_DIR": str(tmp_path), "EMS_RASA_PORT": "5123", **FACEBOOK}
    )
    path = write_credentials(settings)
    assert path == credentials_path(settings) == tmp_path / "credentials-5123.yml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert YAML(typ="safe").load(path.read_text()) == render_credentials(settings)
    process = rasa_process(settings, tmp_path / "model.tar.gz")
    assert process.command[process.command.index("--credentials") + 1] == str(path)
    assert process.env["PYTHONPATH"].split(":")[0] == str(PROJECT_ROOT)
    assert process.env["EMS_FACEBOOK_APP_SECRET"] == "app-secret"


def test_the_rasa_server_is_not_described_with_half_configured_messengers(tmp_path: Path) -> None:
    settings = Settings.from_env({"EMS_STATE_DIR": str(tmp_path), "EMS_FACEBOOK_APP_SECRET": "x"})
    with pytest.raises(SettingsError, match="half configured"):
        rasa_process(settings, tmp_path / "model.tar.gz")
