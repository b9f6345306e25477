"""Conversations that keep writing while the tracker store is cut: shared by the outage test
(``test_tracker_store_outage.py``) and ``benchmarks/faults.py``."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from bot.ops.assistant import Assistant
from bot.settings import Settings
from tests.production.tcp_proxy import CuttableProxy
from tests.support import say

#: sender → every turn as (what was sent, the texts of the replies)
Turns = dict[str, list[tuple[str, list[str]]]]


def talk_through_outage(
    settings: Settings,
    model: Path,
    proxy: CuttableProxy,
    *,
    conversations: int,
    outage_s: float,
    before_s: float,
    after_s: float,
) -> Turns:
    """Run the assistant; ``conversations`` talk for ``before_s``, through a cut of ``outage_s``
    and for ``after_s`` after the store is back. Every message is numbered, so it is unique."""
    turns: Turns = {f"outage-{n}": [] for n in range(conversations)}
    stop = threading.Event()

    def talk(sender: str) -> None:
        number = 0
        while not stop.is_set():
            number += 1
            text = f"Wo ist die Ausländerbehörde in Leer? ({number})"
            replies = [str(r.get("text", "")) for r in say(settings.rasa_url, sender, text)]
            turns[sender].append((text, replies))

    with Assistant(settings, model):
        talkers = [threading.Thread(target=talk, args=(sender,)) for sender in turns]
        for thread in talkers:
            thread.start()
        time.sleep(before_s)
        proxy.cut()
        time.sleep(outage_s)
        proxy.restore()
        time.sleep(after_s)
        stop.set()
        for thread in talkers:
            thread.join(90)
    return turns


def stored_user_texts(tracker_db: str, sender: str) -> list[str]:
    """The user messages the tracker store holds for ``sender``, in order."""
    import psycopg

    with psycopg.connect(tracker_db) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = %s AND type_name = 'user' ORDER BY id",
            (sender,),
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]
