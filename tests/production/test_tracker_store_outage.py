"""PostgreSQL (the tracker store) goes away under traffic: no turn is answered unless stored,
no conversation starts over, and every turn gets an answer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.knowledge.required import MessageId
from tests.production.conftest import REDIS_URL
from tests.production.outage_traffic import stored_user_texts, talk_through_outage
from tests.production.tcp_proxy import CuttableProxy
from tests.support import free_port, repository_knowledge, settings_for

OUTAGE_S = 12
CONVERSATIONS = 4


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
    knowledge = repository_knowledge()
    problem = knowledge.message(MessageId.TECHNICAL_PROBLEM, "de")
    notice = knowledge.message(MessageId.PRIVACY_NOTICE, "de")[:40]
    try:
        turns = talk_through_outage(
            settings, trained_model, proxy,
            conversations=CONVERSATIONS, outage_s=OUTAGE_S, before_s=3, after_s=8,
        )  # fmt: skip
    finally:
        proxy.stop()
    refused = 0
    for sender, said in turns.items():
        stored = stored_user_texts(tracker_db, sender)
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
