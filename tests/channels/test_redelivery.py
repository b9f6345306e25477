"""The record of delivered webhook ids on the embedded default (a SQLite file)."""

from __future__ import annotations

import time
from pathlib import Path

from bot.channels import redelivery
from bot.channels.redelivery import RETENTION_S, SQLiteDeliveries


async def test_an_id_is_new_once_for_every_server_sharing_the_file(tmp_path: Path) -> None:
    one, other = SQLiteDeliveries(tmp_path / "seen.db"), SQLiteDeliveries(tmp_path / "seen.db")
    assert await one.first_time("telegram:1") is True
    assert await other.first_time("telegram:1") is False  # another Rasa server on this machine
    assert await one.first_time("telegram:1") is False
    assert await one.first_time("facebook:1") is True  # ids of another channel are apart


async def test_ids_older_than_the_retention_are_forgotten(tmp_path: Path) -> None:
    store = SQLiteDeliveries(tmp_path / "seen.db")
    await store.first_time("twilio:SM1")
    database = store._database()
    database.execute("UPDATE delivery SET seen_at = ?", (time.time() - RETENTION_S - 1,))
    await store.first_time("twilio:SM2")  # a new delivery prunes the old ones
    assert [key for (key,) in database.execute("SELECT key FROM delivery")] == ["twilio:SM2"]


async def test_an_unreachable_record_answers_rather_than_drops(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a-folder.db").mkdir()  # sqlite cannot open a folder
    monkeypatch.setattr(
        redelivery, "deliveries", lambda: SQLiteDeliveries(tmp_path / "a-folder.db")
    )
    assert await redelivery.first_delivery("telegram", 7) is True
    assert await redelivery.first_delivery("telegram", None) is True  # no id: always handled
