"""When the app server (the action server) is down, the newcomer is told, and nothing is lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.knowledge.required import MessageId
from bot.ops.assistant import APP_START_TIMEOUT, Assistant
from tests.support import repository_knowledge, say, settings_for

pytestmark = pytest.mark.rasa


@pytest.fixture
def assistant(trained_model: Path, tmp_path: Path) -> Iterator[Assistant]:
    with Assistant(settings_for(tmp_path), trained_model) as running:
        yield running


def test_a_turn_while_the_app_server_is_down_gets_the_technical_problem_message(
    assistant: Assistant,
) -> None:
    url = assistant.settings.rasa_url
    knowledge = repository_knowledge()
    assert say(url, "outage", "Hello")[-1]["text"] == knowledge.message(MessageId.GREETING, "en")
    assert assistant.app is not None
    assistant.app.stop()
    replies = say(url, "outage", "Where is the immigration office in Leer?")
    assert [r["text"] for r in replies] == [knowledge.message(MessageId.TECHNICAL_PROBLEM, "en")]
    assistant.app.start()
    assistant.app.wait_ready(f"{assistant.settings.app_url}/health", APP_START_TIMEOUT)
    # The conversation goes on where it was: English, no second privacy notice.
    replies = say(url, "outage", "Where is the immigration office in Leer?")
    assert len(replies) == 1 and "Leer" in replies[0]["text"]
