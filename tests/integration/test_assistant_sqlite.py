"""The whole path on the embedded defaults: REST → Rasa → action webhook → knowledge."""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.knowledge.required import MessageId
from bot.language import detect_language
from bot.ops.assistant import Assistant
from tests.support import assistant_on_a_copy, repository_knowledge, say

pytestmark = pytest.mark.rasa


@pytest.fixture(scope="module")
def assistant(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    state = tmp_path_factory.mktemp("sqlite-assistant")
    with assistant_on_a_copy(state, trained_model, poll_seconds="0.5") as running:
        yield running


def test_answers_hallo_and_hello_from_the_knowledge(assistant: Assistant) -> None:
    knowledge = repository_knowledge()
    german = say(assistant.settings.rasa_url, "newcomer-de", "Hallo")
    english = say(assistant.settings.rasa_url, "newcomer-en", "Hello")
    notice = {
        language: knowledge.message(MessageId.PRIVACY_NOTICE, language).replace(
            "{conversation_days}", "30"
        )
        for language in ("de", "en")
    }
    # First contact: the short privacy notice, then the answer.
    assert [m["text"] for m in german] == [
        notice["de"],
        knowledge.message(MessageId.GREETING, "de"),
    ]
    assert [m["text"] for m in english] == [
        notice["en"],
        knowledge.message(MessageId.GREETING, "en"),
    ]
    again = say(assistant.settings.rasa_url, "newcomer-de", "Hallo")
    assert [m["text"] for m in again] == [knowledge.message(MessageId.GREETING, "de")]


def test_says_goodbye_in_the_conversation_language(assistant: Assistant) -> None:
    say(assistant.settings.rasa_url, "leaving", "Hello")
    replies = say(assistant.settings.rasa_url, "leaving", "bye bye")
    assert replies[0]["text"].startswith("Goodbye")


def test_conversations_are_kept_in_the_sqlite_tracker_store(assistant: Assistant) -> None:
    say(assistant.settings.rasa_url, "kept", "Moin")
    database = assistant.settings.tracker_db_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT type_name, action_name FROM events WHERE sender_id = 'kept'"
        ).fetchall()
    assert ("user", None) in rows
    assert ("action", "action_respond") in rows


def test_a_long_conversation_is_answered_to_the_end(assistant: Assistant) -> None:
    # Rasa once sent the whole conversation with every action call; after about 65 turns
    # the request passed the app server's body limit and every later turn went silent.
    turns = ["Where is the immigration office in Norden?", "Was ist die Blaue Karte?", "more"] * 40
    for number, text in enumerate(turns, 1):
        replies = say(assistant.settings.rasa_url, "long-talk", text)
        assert any(r.get("text") for r in replies), f"turn {number} ({text!r}) got {replies!r}"


def test_a_one_megabyte_message_is_cut_and_answered_with_a_request_to_write_less(
    assistant: Assistant,
) -> None:
    url, limit = assistant.settings.rasa_url, assistant.settings.max_message_chars
    say(url, "long-message", "Hallo")
    replies = say(url, "long-message", "Ich suche eine Wohnung in Leer. " * 33_000)  # about 1 MB
    assert [r["text"] for r in replies] == [
        repository_knowledge().message(MessageId.MESSAGE_TOO_LONG, "de")
    ]
    database = assistant.settings.tracker_db_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        stored = [
            json.loads(data)["text"]
            for (data,) in connection.execute(
                "SELECT data FROM events WHERE sender_id = 'long-message' AND type_name = 'user'"
            )
        ]
    assert max(len(text) for text in stored) == limit  # nothing beyond the limit is stored
    assert say(url, "long-message", "Wo ist die Ausländerbehörde in Leer?")[0]["text"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"[]", "must be a JSON object"),
        (b"null", "must be a JSON object"),
        (b'"Hallo"', "must be a JSON object"),
        (b"", "must be a JSON object"),
        (b"{not json", "not JSON"),
        (b'{"message": "Hallo"}', "'sender' is missing"),
        (b'{"sender": "", "message": "Hallo"}', "'sender' is missing"),
        (b'{"sender": "a", "message": 5}', "'message' is missing or not a string"),
        (b'{"sender": "a", "message": "Hallo", "metadata": "x"}', "'metadata' must be"),
    ],
)
def test_the_rest_channel_refuses_unusable_bodies_with_400(
    assistant: Assistant, body: bytes, reason: str
) -> None:
    request = urllib.request.Request(
        f"{assistant.settings.rasa_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 400
    assert reason in refused.value.read().decode()


def test_the_launcher_protects_the_action_webhook_with_a_token_it_never_logs(
    assistant: Assistant,
) -> None:
    say(assistant.settings.rasa_url, "token-check", "Hallo")  # Rasa calls the webhook with it
    forged = urllib.request.Request(
        f"{assistant.settings.app_url}/webhook",
        data=json.dumps(
            {"next_action": "action_respond", "sender_id": "token-check", "tracker": {}}
        ).encode(),
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(forged, timeout=30)
    assert refused.value.code == 401
    assert assistant.app is not None
    log = assistant.app.log_path.read_text()
    assert "POST /webhook 200" in log and "token=" not in log
    assert assistant.settings.action_token and assistant.settings.action_token not in log


def test_the_socketio_channel_for_the_website_is_open(assistant: Assistant) -> None:
    url = f"{assistant.settings.rasa_url}/socket.io/?EIO=4&transport=polling"
    with urllib.request.urlopen(url, timeout=10) as response:
        handshake = response.read().decode()
    # Engine.IO's "open" packet: 0 followed by the session parameters.
    assert handshake.startswith("0{") and '"sid"' in handshake


def test_the_demo_page_may_call_the_rasa_server(assistant: Assistant) -> None:
    request = urllib.request.Request(
        f"{assistant.settings.rasa_url}/webhooks/rest/webhook",
        method="OPTIONS",
        headers={
            "Origin": assistant.settings.app_url,
            "Access-Control-Request-Method": "POST",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        allowed = response.headers["Access-Control-Allow-Origin"]
    assert allowed == assistant.settings.app_url


@pytest.mark.parametrize(
    "text",
    ["", "   ", "🙂🙂🙂", "x" * 5000, "<script>alert(1)</script>", "/", "{}", "\u0000\u202e"],
)
def test_odd_messages_get_a_text_answer_in_the_conversation_language(
    assistant: Assistant, text: str
) -> None:
    # Rasa's REST channel answers [] when the action server fails: silence must fail here.
    sender = f"odd-{abs(hash(text))}"
    say(assistant.settings.rasa_url, sender, "Hallo")
    replies = say(assistant.settings.rasa_url, sender, text)
    texts = [str(m.get("text") or "") for m in replies]
    assert texts and all(t.strip() for t in texts), f"{text[:30]!r} was answered with {replies!r}"
    assert detect_language(" ".join(texts)) == "de", texts
    assert assistant.exited() is None


def test_arabic_in_presentation_forms_is_answered_in_arabic(assistant: Assistant) -> None:
    knowledge = repository_knowledge()
    say(assistant.settings.rasa_url, "odd-arabic", "Hallo")
    # Arabic presentation forms, as some keyboards and PDFs produce them.
    replies = say(assistant.settings.rasa_url, "odd-arabic", "ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ")
    assert [m["text"] for m in replies] == [knowledge.message(MessageId.GREETING, "ar")]


def test_a_language_the_assistant_does_not_answer_in_gets_the_notice_in_it(
    assistant: Assistant,
) -> None:
    knowledge = repository_knowledge()
    say(assistant.settings.rasa_url, "odd-russian", "Hallo")
    replies = say(assistant.settings.rasa_url, "odd-russian", "Добрый день, вы меня слышите?")
    assert [m["text"] for m in replies] == [knowledge.message(MessageId.OTHER_LANGUAGE, "ru")]


def test_a_changed_fact_is_answered_within_seconds_without_retraining(
    assistant: Assistant, trained_model: Path
) -> None:
    models_before = sorted(trained_model.parent.iterdir())
    greeting = assistant.settings.knowledge_dir / "messages" / "greeting.yml"
    greeting.write_text(
        greeting.read_text().replace("Hello and welcome", "Hello and a warm welcome")
    )
    started = time.monotonic()
    while not say(assistant.settings.rasa_url, "staff-edit", "Hello")[0]["text"].startswith(
        "Hello and a warm welcome"
    ):
        assert time.monotonic() - started < 15, "the change did not go live within 15 s"
        time.sleep(0.5)
    assert sorted(trained_model.parent.iterdir()) == models_before


def test_recognition_flow_through_the_rest_channel(assistant: Assistant) -> None:
    url = assistant.settings.rasa_url
    first = " ".join(
        str(m["text"])
        for m in say(url, "flow-en", "I'm a nurse from the Philippines, how do I get recognised?")
    )
    # Answered at once: who decides is the same everywhere in Niedersachsen.
    assert "In which town" not in first and "Responsible everywhere in Niedersachsen" in first
    answer = " ".join(str(m["text"]) for m in say(url, "flow-en", "Leer"))
    assert "Responsible for Leer (Ostfriesland)" in answer and "+49 4131 15-0" in answer
    follow_up = " ".join(str(m["text"]) for m in say(url, "flow-en", "and for Wittmund?"))
    assert "Responsible for Wittmund" in follow_up


def test_service_flow_in_german_with_a_correction(assistant: Assistant) -> None:
    url = assistant.settings.rasa_url
    first = say(url, "flow-de", "Wo ist die Ausländerbehörde in Norden?")
    assert "Ausländerbehörde des Landkreises Aurich" in str(first[-1]["text"])
    corrected = say(url, "flow-de", "nein, ich wohne in Leer")
    assert "Ausländerbehörde des Landkreises Leer" in str(corrected[0]["text"])


def test_a_spanish_question_is_answered_in_spanish(assistant: Assistant) -> None:
    replies = say(
        assistant.settings.rasa_url,
        "flow-es",
        "Hola, soy enfermera. ¿Cómo funciona el reconocimiento?",
    )
    text = "\n".join(str(r.get("text", "")) for r in replies)
    assert "Pflegefachfrau" in text and detect_language(text) == "es", text


def test_feedback_buttons_are_stored(assistant: Assistant) -> None:
    url = assistant.settings.rasa_url
    answer = say(url, "flow-fb", "What is the EU Blue Card?")
    payloads = [b["payload"] for b in answer[-1]["buttons"]]  # type: ignore[union-attr]
    say(url, "flow-fb", payloads[-1])  # 👎
    database = assistant.settings.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT answer, helpful, language FROM feedback").fetchall()
    assert ("topic:blue-card", 0, "en") in rows


def test_follow_ups_continue_the_last_answer_through_the_rest_channel(assistant: Assistant) -> None:
    url = assistant.settings.rasa_url
    say(url, "follow-place", "Ich suche einen Deutschkurs.")
    here = " ".join(str(m["text"]) for m in say(url, "follow-place", "in Norden"))
    assert "Deutschkurse für Norden" in here and "Kreisvolkshochschule" in here
    say(url, "follow-language", "What is the EU Blue Card?")
    again = " ".join(str(m["text"]) for m in say(url, "follow-language", "auf Deutsch bitte"))
    assert again.startswith("Die Blaue Karte EU") and "50.700 Euro" in again
