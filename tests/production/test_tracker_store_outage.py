"""PostgreSQL (the tracker store) goes away under traffic: no turn is answered unless stored,
no conversation starts over, and every turn gets an answer."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from bot.knowledge.loader import load_knowledge
from bot.ops.assistant import Assistant
from tests.production.conftest import REDIS_URL
from tests.production.tcp_proxy import CuttableProxy
from tests.support import free_port, say, settings_for

OUTAGE_S = 12
CONVERSATIONS = 4


def _stored_user_texts(tracker_db: str, sender: str) -> list[str]:
    with psycopg.connect(tracker_db) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = %s AND type_name = 'user' ORDER BY id",
            (sender,),
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


@pytest.mark.rasa
def test_an_outage_of_the_tracker_store_loses_no_answered_turn_and_resets_no_conversation(
    trained_model: Path, tmp_path: Path, new_database: Callable[[str], str]
) -> None:
    tracker_db = new_database("tracker")
    proxy = CuttableProxy(free_port(), "127.0.0.1", 5432)
    proxy.start()
    settings = settings_for(
        tmp_path,
        EMS_DATABASE_URL=new_database("app"),
        EMS_TRACKER_DB_URL=tracker_db.replace(":5432/", f":{proxy.port}/"),
        EMS_REDIS_URL=REDIS_URL,
    )
    knowledge = load_knowledge(settings.knowledge_dir)
    problem = knowledge.message("technical-problem", "de")
    notice = knowledge.message("privacy-notice", "de")[:40]
    turns: dict[str, list[tuple[str, list[str]]]] = {
        f"outage-{n}": [] for n in range(CONVERSATIONS)
    }
    stop = threading.Event()

    def talk(sender: str) -> None:
        number = 0
        while not stop.is_set():
            number += 1
            text = f"Wo ist die Ausländerbehörde in Leer? ({number})"
            turns[sender].append(
                (text, [str(r.get("text", "")) for r in say(settings.rasa_url, sender, text)])
            )

    try:
        with Assistant(settings, trained_model):
            talkers = [threading.Thread(target=talk, args=(sender,)) for sender in turns]
            for thread in talkers:
                thread.start()
            time.sleep(3)
            proxy.cut()
            time.sleep(OUTAGE_S)
            proxy.restore()
            time.sleep(8)  # the store reconnects; the conversations go on
            stop.set()
            for thread in talkers:
                thread.join(90)
    finally:
        proxy.stop()
    refused = 0
    for sender, said in turns.items():
        stored = _stored_user_texts(tracker_db, sender)
        for text, replies in said:
            assert replies and all(r.strip() for r in replies), (
                f"{sender}: {text!r} got {replies!r}"
            )
            if replies == [problem]:
                refused += 1
            else:
                assert text in stored, f"{sender}: {text!r} was answered but not stored"
        notices = sum(any(r.startswith(notice) for r in replies) for _, replies in said)
        assert notices == 1, f"{sender} started over {notices - 1} times"
        assert said[-1][1] != [problem], f"{sender} did not recover after the outage"
    assert refused, "the outage refused no turn: the proxy did not cut the database"
