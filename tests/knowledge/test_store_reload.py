"""A valid edit goes live at once, even when its new words need a new lemma table."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from bot.knowledge.store import KnowledgeStore
from bot.settings import PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "knowledge"


def test_new_words_are_live_before_their_lemma_table_is_built(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(FIXTURE, root)
    store = KnowledgeStore(root, cache_dir=tmp_path / "cache")
    store.load()
    topic = root / "topics" / "registration.yml"
    topic.write_text(
        topic.read_text().replace(
            "[Anmeldung, Bürgeramt]", "[Anmeldung, Bürgeramt, Fahrradwerkstatt]"
        )
    )
    fresh = store.load()
    first = store.live
    assert first.knowledge is fresh
    assert (
        match := first.resolver.resolve("Fahrradwerkstatt").best("topic")
    ) and match.id == "registration"
    deadline = time.monotonic() + 60
    while store.live is first and time.monotonic() < deadline:
        time.sleep(0.1)
    assert store.live is not first, "the lemma table for the new words never arrived"
    assert store.live.knowledge is fresh
    assert len(list((tmp_path / "cache").glob("lemmas-*.json"))) == 2
