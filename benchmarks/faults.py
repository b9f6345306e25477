"""Fault cases from issue 15, measured: huge messages, a very long conversation, a tracker-store outage.

Usage: .venv/app/bin/python benchmarks/faults.py   (or: make bench-faults)
Runs every kind of broken knowledge edit against a running assistant
(benchmarks/knowledge_edits.py). Starts our assistant on SQLite and sends a 1 MB message, a 10,000-word message and a
conversation of 300 long turns, reading the Rasa server's memory after each. Then, with
PostgreSQL and Redis on 127.0.0.1, runs the production tracker store behind a TCP proxy,
cuts it for OUTAGE_S seconds under CONVERSATIONS conversations and counts the turns answered,
refused with the technical-problem message, answered but not stored, and the conversations
that started over. Writes docs/benchmarks/faults.md; exits 1 when a case fails.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import knowledge_edits  # noqa: E402
from benchmarks.latency import REDIS_URL, drop_database, new_database, rss_mb  # noqa: E402
from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.knowledge.required import MessageId  # noqa: E402
from bot.ops.assistant import Assistant  # noqa: E402
from bot.ops.training import ensure_model  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.production.outage_traffic import stored_user_texts, talk_through_outage  # noqa: E402
from tests.production.tcp_proxy import CuttableProxy  # noqa: E402
from tests.support import free_port, reachable, say, settings_for  # noqa: E402

OUTAGE_S = 20
CONVERSATIONS = 4
LONG_TURNS = 300
RSS_LIMIT_MB = 2048


def big_messages(state: Path, model: Path) -> list[tuple[str, float, float, bool]]:
    """(case, seconds for the answer, Rasa RSS MB after, answering afterwards)."""
    rows = []
    settings = settings_for(state)
    with Assistant(settings, model) as running:
        url = settings.rasa_url
        say(url, "warm-up", "Hallo")
        for case, sender, texts in (
            ("one message of 1 MB", "one-mb", ["x" * 1_000_000]),
            ("one message of 10,000 words", "ten-thousand", ["Wohnung " * 10_000]),
            (f"{LONG_TURNS} turns of 3,200 characters", "long-turns", ["Ich suche eine Wohnung in Leer. " * 100] * LONG_TURNS),
        ):  # fmt: skip
            started = time.perf_counter()
            for text in texts:
                say(url, sender, text)
            seconds = time.perf_counter() - started
            answering = bool(say(url, sender, "Hallo"))
            rows.append((case, seconds, rss_mb(running.rasa.pid), answering))
    return rows


def outage(state: Path, model: Path) -> dict[str, int]:
    """The tracker store cut for OUTAGE_S seconds under traffic; counts of what happened."""
    databases = [new_database("app"), new_database("tracker")]
    proxy = CuttableProxy(free_port(), "127.0.0.1", 5432)
    proxy.start()
    try:
        settings = settings_for(
            state,
            EMS_DATABASE_URL=databases[0],
            EMS_TRACKER_DB_URL=databases[1].replace(":5432/", f":{proxy.port}/"),
            EMS_REDIS_URL=REDIS_URL,
        )
        knowledge = load_knowledge(settings.knowledge_dir)
        problem = knowledge.message(MessageId.TECHNICAL_PROBLEM, "de")
        notice = knowledge.message(MessageId.PRIVACY_NOTICE, "de")[:40]
        turns = talk_through_outage(
            settings, model, proxy,
            conversations=CONVERSATIONS, outage_s=OUTAGE_S, before_s=5, after_s=10,
        )  # fmt: skip
        counts = {"turns": 0, "answered": 0, "refused": 0, "silent": 0, "unstored": 0, "reset": 0}
        for sender, said in turns.items():
            stored = set(stored_user_texts(databases[1], sender))
            for text, replies in said:
                counts["turns"] += 1
                if not any(r.strip() for r in replies):
                    counts["silent"] += 1
                elif replies == [problem]:
                    counts["refused"] += 1
                else:
                    counts["answered"] += 1
                    counts["unstored"] += text not in stored
            notices = sum(any(r.startswith(notice) for r in replies) for _, replies in said)
            counts["reset"] += max(0, notices - 1)
        return counts
    finally:
        proxy.stop()
        for url in databases:
            drop_database(url)


def main() -> int:
    model, _ = ensure_model(Settings.from_env())
    with tempfile.TemporaryDirectory(prefix="ems-faults-") as tmp:
        print("huge messages and a long conversation (SQLite) …", flush=True)
        rows = big_messages(Path(tmp) / "big", model)
        print(
            f"{len(knowledge_edits.EDITS)} kinds of broken knowledge edit and some valid ones …",
            flush=True,
        )
        broken, valid = knowledge_edits.measure(Path(tmp) / "edits", model)
        counts = None
        if reachable("127.0.0.1", 5432) and reachable("127.0.0.1", 6379):
            print(f"the PostgreSQL tracker store cut for {OUTAGE_S} s under traffic …", flush=True)
            counts = outage(Path(tmp) / "outage", model)
    edits_text, edits_ok = knowledge_edits.report(broken, valid)
    ok = edits_ok and all(rss < RSS_LIMIT_MB and answering for _, _, rss, answering in rows)
    lines = [
        f"| {case} | {seconds:.2f} | {rss:.0f} | {'yes' if answering else 'no'} |"
        for case, seconds, rss, answering in rows
    ]
    if counts is not None:
        ok = (
            ok
            and counts["unstored"] == counts["reset"] == counts["silent"] == 0
            and counts["refused"] > 0
        )
        outage_text = f"""The tracker store (PostgreSQL behind a TCP proxy, Redis lock store) cut for {OUTAGE_S} s while
{CONVERSATIONS} conversations kept writing, then restored for 10 s:

| turns | answered | refused with the technical-problem message | silent | answered but not stored | conversations that started over |
|---|---|---|---|---|---|
| {counts["turns"]} | {counts["answered"]} | {counts["refused"]} | {counts["silent"]} | {counts["unstored"]} | {counts["reset"]} |
"""
    else:
        outage_text = (
            "PostgreSQL or Redis not reachable on 127.0.0.1: the outage was not measured.\n"
        )
    report = f"""# Fault cases

Measured by `make bench-faults` on {dt.date.today()} (issue 15). Our assistant on SQLite,
`EMS_MAX_MESSAGE_CHARS` at its default of 2,000.

| case | seconds | Rasa server RSS after (MB) | still answering |
|---|---|---|---|
{chr(10).join(lines)}

{outage_text}
Redelivered webhooks (Telegram, Messenger, WhatsApp) are answered once: `tests/channels/test_messengers.py`
(`test_a_redelivered_*`), with the record shared through Redis in `tests/production/test_redelivery_redis.py`.

{edits_text}"""
    (ROOT / "docs" / "benchmarks" / "faults.md").write_text(report)
    print(report)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
