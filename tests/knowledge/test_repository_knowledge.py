from __future__ import annotations

from bot.knowledge.loader import load_knowledge
from bot.settings import PROJECT_ROOT


def test_the_real_knowledge_folder_loads_without_errors() -> None:
    knowledge = load_knowledge(PROJECT_ROOT / "knowledge")
    assert knowledge.message("greeting", "de").startswith("Hallo")
    assert knowledge.message("greeting", "en").startswith("Hello")
    assert knowledge.message("goodbye", "en").startswith("Goodbye")
