"""A fuzz run through the REST channel: every input answered or refused with a 4xx, and no
message text or contact data in any log of either server afterwards (issue 15)."""

from __future__ import annotations

import json
import random
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.ops.assistant import Assistant
from tests.support import say, settings_for

pytestmark = pytest.mark.rasa

SEED = 20261201
ROUNDS = 250

#: Pieces the fuzzer combines: scripts, emoji, control characters, markup, injections, office words.
_PIECES = [
    "Anerkennung", "Ausländerbehörde", "Wohnung in Leer", "Blue Card", "Pflege", "Hallo", "help",
    "مرحبا أريد عملا", "Привіт, шукаю роботу", "Xin chào tôi muốn", "Merhaba iş arıyorum",
    "¿Dónde está la oficina?", "Bună ziua", "👩‍⚕️🇩🇪", "\u202e\u200b\u00ad", "\t\r\n", "\x00\x07\x1b[31m",
    "<script>alert(1)</script>", "'; DROP TABLE events; --", "{{7*7}} ${jndi:ldap://x}", "%s%n%x",
    "../../etc/passwd", "/restart", "/greet", '/inform{"place":"x"}', "\\u0000", "ﷺ" * 3,
]  # fmt: skip


def _marker(n: int) -> str:
    # A word no server writes by itself: found in a log only if message text got there.
    return f"zqxfuzz{n:04d}"


def _contact(n: int) -> tuple[str, str]:
    return f"fuzzer.{n}@example.org", f"+49 151 7{n:06d}"


def _message(rng: random.Random, n: int) -> str:
    email, phone = _contact(n)
    parts = [*rng.sample(_PIECES, k=rng.randint(1, 4)), _marker(n), email, phone]
    if rng.random() < 0.1:
        parts.append(rng.choice(_PIECES) * rng.randint(200, 800))  # past the length limit
    rng.shuffle(parts)
    return " ".join(parts)


def _post(url: str, body: bytes, content_type: str = "application/json") -> int:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.fixture(scope="module")
def fuzzed(
    trained_model: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Assistant, dict[str, int]]]:
    settings = settings_for(tmp_path_factory.mktemp("fuzz"))
    statuses: dict[str, int] = {}
    with Assistant(settings, trained_model) as running:
        rng = random.Random(SEED)
        rest = f"{settings.rasa_url}/webhooks/rest/webhook"
        for n in range(ROUNDS):
            text = _message(rng, n)
            sender = f"fuzz-{n % 25}"  # 25 conversations of 10 turns
            if n % 10 == 9:
                # Malformed bodies that still carry message text and contact data.
                body = rng.choice([
                    json.dumps([text]).encode(),
                    json.dumps({"message": text}).encode(),  # no sender
                    json.dumps({"sender": sender, "message": {"text": text}}).encode(),
                    text.encode("utf-8", "surrogatepass")[:-1] + b"\xff",
                    b'{"sender": "' + sender.encode() + b'", "message": "' + text.encode() + b'"',
                ])  # fmt: skip
                statuses[text] = _post(rest, body)
            else:
                replies = say(settings.rasa_url, sender, text)
                statuses[text] = 200 if any(str(r.get("text", "")).strip() for r in replies) else 0
        statuses["Hallo afterwards"] = 200 if say(settings.rasa_url, "after", "Hallo") else 0
        yield running, statuses


def test_every_fuzzed_input_is_answered_or_refused_with_a_4xx(
    fuzzed: tuple[Assistant, dict[str, int]],
) -> None:
    _, statuses = fuzzed
    wrong = {
        text[:60]: status
        for text, status in statuses.items()
        if status != 200 and not 400 <= status < 500
    }
    assert not wrong, wrong
    assert statuses["Hallo afterwards"] == 200


def test_no_message_text_or_contact_data_in_any_log_of_either_server(
    fuzzed: tuple[Assistant, dict[str, int]],
) -> None:
    running, _ = fuzzed
    logs = sorted((running.settings.state_dir / "log").glob("*.log"))
    names = {log.name.split("-")[0] for log in logs}
    assert {"rasa", "app"} <= names, names
    for log in logs:
        text = log.read_text(errors="replace")
        for n in range(ROUNDS):
            email, phone = _contact(n)
            for secret in (_marker(n), email, phone, phone.replace(" ", "")):
                assert secret not in text, f"{secret!r} in {log.name}"
