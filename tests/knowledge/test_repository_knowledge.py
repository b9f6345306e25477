from __future__ import annotations

from bot.knowledge.loader import load_knowledge
from bot.knowledge.required import MessageId
from bot.settings import PROJECT_ROOT


def test_the_real_knowledge_folder_loads_without_errors() -> None:
    knowledge = load_knowledge(PROJECT_ROOT / "knowledge")
    assert knowledge.message(MessageId.GREETING, "de").startswith("Hallo")
    assert knowledge.message(MessageId.GREETING, "en").startswith("Hello")
    assert knowledge.message(MessageId.GOODBYE, "en").startswith("Goodbye")
