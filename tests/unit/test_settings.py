from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT, Settings, SettingsError


def test_defaults_are_the_embedded_set_up() -> None:
    settings = Settings.from_env({})
    assert settings.database_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'app.db'}"
    assert settings.tracker_db_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'rasa-tracker.db'}"
    assert settings.redis_url is None
    assert settings.action_url == "http://127.0.0.1:5055/webhook"
    assert settings.rasa_url == "http://127.0.0.1:5005"


def test_production_values_come_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "EMS_DATABASE_URL": "postgresql://app@db:5432/ems",
            "EMS_REDIS_URL": "redis://cache:6379/1",
            "EMS_APP_HOST": "0.0.0.0",
            "EMS_APP_PORT": "8080",
            "EMS_ACTION_TOKEN": "s3cret",
            "EMS_ALLOWED_ORIGINS": "https://a.example, https://b.example",
        }
    )
    assert settings.database_url == "postgresql://app@db:5432/ems"
    assert settings.redis_url == "redis://cache:6379/1"
    assert settings.app_url == "http://127.0.0.1:8080"
    assert settings.action_token == "s3cret"
    assert settings.allowed_origins == ("https://a.example", "https://b.example")


def test_round_trips_through_the_environment(tmp_path: Path) -> None:
    settings = Settings.from_env({"EMS_STATE_DIR": str(tmp_path), "EMS_REDIS_URL": "redis://x"})
    assert Settings.from_env(settings.as_environment()) == settings


@pytest.mark.parametrize(
    ("value", "message"),
    [("http", "EMS_APP_PORT='http' is not a port number"), ("70000", "outside 1–65535")],
)
def test_a_bad_port_is_a_clear_error(value: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env({"EMS_APP_PORT": value})
