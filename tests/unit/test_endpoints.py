from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from bot.ops.endpoints import render_endpoints
from bot.settings import PROJECT_ROOT, Settings, SettingsError


def test_committed_endpoints_file_is_what_the_defaults_render() -> None:
    committed = YAML(typ="safe").load((PROJECT_ROOT / "endpoints.yml").read_text())
    assert render_endpoints(Settings.from_env({}), relative_to_root=True) == committed


def test_production_uses_postgresql_and_a_redis_lock_store() -> None:
    settings = Settings.from_env(
        {
            "EMS_TRACKER_DB_URL": "postgresql://rasa:p%40ss@db.internal:5433/rasa",
            "EMS_REDIS_URL": "redis://:pw@cache.internal:6380/2",
            "EMS_ACTION_TOKEN": "tok",
        }
    )
    endpoints = render_endpoints(settings)
    assert endpoints["tracker_store"] == {
        "type": "bot.rasa_side.tracker_store.LeanSQLTrackerStore",
        "dialect": "postgresql",
        "url": "db.internal",
        "port": 5433,
        "db": "rasa",
        "username": "rasa",
        "password": "p@ss",
    }
    assert endpoints["lock_store"] == {
        "type": "redis",
        "url": "cache.internal",
        "port": 6380,
        "db": 2,
        "key_prefix": "emsachse",
        "password": "pw",
    }
    assert endpoints["action_endpoint"] == {
        "url": "http://127.0.0.1:5055/webhook",
        "enable_selective_domain": True,
        "token": "tok",
        "token_name": "token",
    }


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"EMS_TRACKER_DB_URL": "mysql://x/y"}, "scheme 'mysql' is not supported"),
        ({"EMS_TRACKER_DB_URL": "postgresql://host-only"}, "needs a host and a database"),
        ({"EMS_TRACKER_DB_URL": "sqlite://"}, "needs a file"),
        ({"EMS_REDIS_URL": "http://cache"}, "must look like redis://"),
    ],
)
def test_unusable_urls_are_clear_errors(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        render_endpoints(Settings.from_env(env))
