"""Telegram, Facebook Messenger and WhatsApp webhooks on a running assistant.

Real webhook payloads go to the Rasa server's routes; the assistant's answers go to local
fake APIs (``fake_apis.py``) that record them. Forged or missing signatures must be refused
before anything is processed or sent.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.channels.render import NUMBER_HINT
from bot.knowledge.required import MessageId
from bot.ops.assistant import Assistant
from bot.ops.environments import app_python
from bot.settings import PROJECT_ROOT
from tests.channels.fake_apis import TELEGRAM_BOT_NAME, Call, FakeApis, telegram_keyboard
from tests.support import free_port, repository_knowledge, say, settings_for

pytestmark = pytest.mark.rasa

TELEGRAM_TOKEN = "123456789:AAHfake-token_for-tests"
TELEGRAM_SECRET = "telegram-secret-token-for-tests"
TELEGRAM_HOOK = "https://bot.example.org/webhooks/telegram/webhook"
FB_VERIFY = "verify-token-for-tests"
FB_SECRET = "facebook-app-secret-for-tests"
FB_PAGE_TOKEN = "EAAGfake-page-access-token"
FB_PAGE = "104857600000001"
TWILIO_SID = "AC" + "5ca1ab1e" * 4
TWILIO_TOKEN = "twilio-auth-token-for-tests"
TWILIO_NUMBER = "whatsapp:+14155238886"
TWILIO_HOOK = "https://bot.example.org/webhooks/twilio/webhook"
BLUE_CARD = "What is the EU Blue Card?"


@pytest.fixture(scope="module")
def apis() -> Iterator[FakeApis]:
    with FakeApis() as running:
        yield running


@pytest.fixture(scope="module")
def assistant(
    trained_model: Path, apis: FakeApis, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Assistant]:
    settings = settings_for(
        tmp_path_factory.mktemp("messengers"),
        EMS_TELEGRAM_TOKEN=TELEGRAM_TOKEN,
        EMS_TELEGRAM_SECRET_TOKEN=TELEGRAM_SECRET,
        EMS_TELEGRAM_WEBHOOK_URL=TELEGRAM_HOOK,
        EMS_TELEGRAM_BOT_NAME=TELEGRAM_BOT_NAME,
        EMS_TELEGRAM_API_URL=apis.url("telegram"),
        EMS_FACEBOOK_VERIFY_TOKEN=FB_VERIFY,
        EMS_FACEBOOK_APP_SECRET=FB_SECRET,
        EMS_FACEBOOK_PAGE_ACCESS_TOKEN=FB_PAGE_TOKEN,
        EMS_FACEBOOK_API_URL=apis.url("facebook/v25.0"),
        EMS_TWILIO_ACCOUNT_SID=TWILIO_SID,
        EMS_TWILIO_AUTH_TOKEN=TWILIO_TOKEN,
        EMS_TWILIO_WHATSAPP_NUMBER=TWILIO_NUMBER,
        EMS_TWILIO_WEBHOOK_URL=TWILIO_HOOK,
        EMS_TWILIO_API_URL=apis.url("twilio"),
    )
    with Assistant(settings, trained_model) as running:
        yield running


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _greeting(assistant: Assistant, language: str) -> str:
    return repository_knowledge().message(MessageId.GREETING, language)


def _rest_answer(assistant: Assistant, sender: str, *texts: str) -> list[dict[str, Any]]:
    """The REST channel's replies to the last of ``texts``, for comparison."""
    replies: list[dict[str, Any]] = []
    for text in texts:
        replies = say(assistant.settings.rasa_url, sender, text)
    return replies


def _paragraphs(replies: list[dict[str, Any]]) -> list[str]:
    """The reply texts by paragraph (a messenger may pack several into one message)."""
    return [p for r in replies for p in str(r.get("text") or "").split("\n\n") if p.strip()]


# --- Telegram ---------------------------------------------------------------------------

_updates = iter(range(1000, 10**6))


def _telegram(assistant: Assistant, update: dict[str, object], secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    url = f"{assistant.settings.rasa_url}/webhooks/telegram/webhook"
    return _post(url, json.dumps(update).encode(), headers)[0]


def _telegram_message(chat_id: int, text: str, language: str = "de") -> dict[str, object]:
    person = {"id": chat_id, "is_bot": False, "first_name": "Amina", "language_code": language}
    return {
        "update_id": next(_updates),
        "message": {
            "message_id": next(_updates),
            "from": person,
            "chat": {"id": chat_id, "first_name": "Amina", "type": "private"},
            "date": 1795000000,
            "text": text,
        },
    }


def _telegram_press(chat_id: int, data: str) -> dict[str, object]:
    person = {"id": chat_id, "is_bot": False, "first_name": "Amina", "language_code": "en"}
    chat = {"id": chat_id, "first_name": "Amina", "type": "private"}
    return {
        "update_id": next(_updates),
        "callback_query": {
            "id": f"cb-{chat_id}-{next(_updates)}",
            "from": person,
            "message": {"message_id": 1, "from": {"id": 123456789, "is_bot": True}, "chat": chat,
                        "date": 1795000000, "text": "…"},
            "chat_instance": "-4711",
            "data": data,
        },
    }  # fmt: skip


def _sent_to_chat(apis: FakeApis, chat_id: int) -> list[Call]:
    return apis.recorded(
        lambda c: c.path.endswith("/sendMessage") and c.body.get("chat_id") == str(chat_id)
    )


def test_telegram_webhook_is_registered_with_the_secret_at_start_up(
    assistant: Assistant, apis: FakeApis
) -> None:
    [call] = apis.wait_for(lambda c: c.path.endswith("/setWebhook"))
    assert call.path == f"/telegram/bot{TELEGRAM_TOKEN}/setWebhook"
    assert call.body["url"] == TELEGRAM_HOOK
    assert call.body["secret_token"] == TELEGRAM_SECRET
    assert call.body["allowed_updates"] == [
        "message",
        "edited_message",
        "callback_query",
    ]
    assert apis.recorded(lambda c: c.path.endswith("/getMe"))  # the bot name is checked once


def test_telegram_hallo_is_answered_with_the_greeting(assistant: Assistant, apis: FakeApis) -> None:
    assert _telegram(assistant, _telegram_message(4711, "Hallo"), TELEGRAM_SECRET) == 200
    texts = [c.body["text"] for c in _sent_to_chat(apis, 4711)]
    assert any(_greeting(assistant, "de") in text for text in texts)
    # No getMe per message, unlike Rasa's stock connector.
    assert len(apis.recorded(lambda c: c.path.endswith("/getMe"))) == 1


def test_telegram_start_command_is_a_greeting_in_the_users_language(
    assistant: Assistant, apis: FakeApis
) -> None:
    assert _telegram(assistant, _telegram_message(4712, "/start", "en"), TELEGRAM_SECRET) == 200
    texts = [c.body["text"] for c in _sent_to_chat(apis, 4712)]
    assert any(_greeting(assistant, "en") in text for text in texts)


def test_telegram_buttons_are_an_inline_keyboard_that_can_be_pressed(
    assistant: Assistant, apis: FakeApis
) -> None:
    assert _telegram(assistant, _telegram_message(4713, BLUE_CARD, "en"), TELEGRAM_SECRET) == 200
    keyboards = [k for c in _sent_to_chat(apis, 4713) if (k := telegram_keyboard(c))]
    assert keyboards, "no inline keyboard was sent"
    buttons = [b for row in keyboards[-1] for b in row]
    expected = next(r for r in _rest_answer(assistant, "tg-twin", BLUE_CARD) if r.get("buttons"))
    assert [b["callback_data"] for b in buttons] == [b["payload"] for b in expected["buttons"]]
    more = buttons[0]["callback_data"]
    before = len(_sent_to_chat(apis, 4713))
    assert _telegram(assistant, _telegram_press(4713, more), TELEGRAM_SECRET) == 200
    assert apis.recorded(lambda c: c.path.endswith("/answerCallbackQuery"))
    answer = "\n\n".join(c.body["text"] for c in _sent_to_chat(apis, 4713)[before:])
    expected_answer = _paragraphs(_rest_answer(assistant, "tg-twin", more))
    assert expected_answer, "the REST channel gave no answer to compare with"
    for paragraph in expected_answer:
        assert paragraph in answer


@pytest.mark.parametrize("secret", [None, "", "wrong-secret-token-for-tests"])
def test_telegram_calls_without_the_secret_are_refused_and_not_answered(
    assistant: Assistant, apis: FakeApis, secret: str | None
) -> None:
    status = _telegram(assistant, _telegram_message(4714, "Hallo"), secret)
    assert status in (401, 403)
    assert _sent_to_chat(apis, 4714) == []


# --- Facebook Messenger -------------------------------------------------------------------


def _facebook(assistant: Assistant, payload: dict[str, object], **headers: str) -> int:
    url = f"{assistant.settings.rasa_url}/webhooks/facebook/webhook"
    return _post(
        url, json.dumps(payload).encode(), {"Content-Type": "application/json", **headers}
    )[0]


def _signed(payload: dict[str, object], secret: str = FB_SECRET) -> dict[str, str]:
    body = json.dumps(payload).encode()
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Hub-Signature-256": f"sha256={digest}"}


def _messaging(psid: str, message: dict[str, object]) -> dict[str, object]:
    return {
        "sender": {"id": psid},
        "recipient": {"id": FB_PAGE},
        "timestamp": 1795000000000,
        "message": {"mid": f"m_{psid}_{next(_updates)}", **message},
    }


def _page_event(*messaging: dict[str, object]) -> dict[str, object]:
    return {
        "object": "page",
        "entry": [{"id": FB_PAGE, "time": 1795000000000, "messaging": list(messaging)}],
    }


def _facebook_messages(apis: FakeApis, psid: str) -> list[dict[str, Any]]:
    return [
        c.body["message"]
        for c in apis.recorded(lambda c: c.path == "/facebook/v25.0/me/messages")
        if c.body["recipient"] == {"id": psid} and "message" in c.body
    ]


def test_facebook_verification_handshake(assistant: Assistant) -> None:
    base = f"{assistant.settings.rasa_url}/webhooks/facebook/webhook"

    def handshake(token: str) -> tuple[int, str]:
        query = {"hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "1158201444"}
        return _get(f"{base}?{urllib.parse.urlencode(query)}")

    assert handshake(FB_VERIFY) == (200, "1158201444")
    assert handshake("wrong-token")[0] == 403


def test_facebook_hallo_is_answered_with_the_greeting(assistant: Assistant, apis: FakeApis) -> None:
    event = _page_event(_messaging("2001", {"text": "Hallo"}))
    assert _facebook(assistant, event, **_signed(event)) == 200
    texts = [str(m.get("text")) for m in _facebook_messages(apis, "2001")]
    assert any(_greeting(assistant, "de") in text for text in texts)
    call = apis.recorded(lambda c: c.path.endswith("/me/messages"))[-1]
    assert call.query["access_token"] == FB_PAGE_TOKEN
    expected_proof = hmac.new(
        FB_SECRET.encode(), FB_PAGE_TOKEN.encode(), hashlib.sha256
    ).hexdigest()
    assert call.query["appsecret_proof"] == expected_proof
    actions = [
        c.body["sender_action"]
        for c in apis.recorded(lambda c: c.body.get("recipient") == {"id": "2001"})
        if "sender_action" in c.body
    ]
    assert actions == ["mark_seen", "typing_on", "typing_off"]


def test_facebook_buttons_are_quick_replies_that_can_be_pressed(
    assistant: Assistant, apis: FakeApis
) -> None:
    event = _page_event(_messaging("2002", {"text": BLUE_CARD}))
    assert _facebook(assistant, event, **_signed(event)) == 200
    with_replies = [m for m in _facebook_messages(apis, "2002") if m.get("quick_replies")]
    assert with_replies, "no quick replies were sent"
    replies = with_replies[-1]["quick_replies"]
    expected = next(r for r in _rest_answer(assistant, "fb-twin", BLUE_CARD) if r.get("buttons"))
    assert [q["payload"] for q in replies] == [b["payload"] for b in expected["buttons"]]
    assert all(len(q["title"]) <= 20 for q in replies)
    pressed = replies[0]
    before = len(_facebook_messages(apis, "2002"))
    press = _page_event(
        _messaging(
            "2002", {"text": pressed["title"], "quick_reply": {"payload": pressed["payload"]}}
        )
    )
    assert _facebook(assistant, press, **_signed(press)) == 200
    answer = "\n\n".join(str(m.get("text")) for m in _facebook_messages(apis, "2002")[before:])
    expected_answer = _paragraphs(_rest_answer(assistant, "fb-twin", pressed["payload"]))
    assert expected_answer, "the REST channel gave no answer to compare with"
    for paragraph in expected_answer:
        assert paragraph in answer


def test_facebook_answers_every_event_of_a_batch(assistant: Assistant, apis: FakeApis) -> None:
    event = _page_event(
        _messaging("2003", {"text": "Hallo"}), _messaging("2004", {"text": "Hello"})
    )
    assert _facebook(assistant, event, **_signed(event)) == 200
    assert _facebook_messages(apis, "2003") and _facebook_messages(apis, "2004")


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Hub-Signature-256": "sha256=" + "0" * 64},
        "wrong secret",
        "sha1 only",
    ],
)
def test_facebook_calls_with_a_missing_or_forged_signature_are_refused(
    assistant: Assistant, apis: FakeApis, headers: dict[str, str] | str
) -> None:
    event = _page_event(_messaging("2005", {"text": "Hallo"}))
    if headers == "wrong secret":
        headers = _signed(event, "not-the-app-secret")
    elif headers == "sha1 only":  # the older header alone is not enough
        body = json.dumps(event).encode()
        headers = {
            "X-Hub-Signature": "sha1="
            + hmac.new(FB_SECRET.encode(), body, hashlib.sha1).hexdigest()
        }
    assert isinstance(headers, dict)
    assert _facebook(assistant, event, **headers) in (401, 403)
    assert apis.recorded(lambda c: c.body.get("recipient") == {"id": "2005"}) == []


# --- WhatsApp through Twilio ----------------------------------------------------------------


def _twilio_signature(url: str, form: dict[str, str], token: str = TWILIO_TOKEN) -> str:
    # Twilio's scheme, written out: the URL, then every parameter name and value, sorted.
    data = url + "".join(f"{key}{form[key]}" for key in sorted(form))
    return base64.b64encode(hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()).decode()


def _whatsapp_form(phone: str, text: str) -> dict[str, str]:
    sid = f"SM{next(_updates):032x}"
    return {
        "SmsMessageSid": sid, "NumMedia": "0", "ProfileName": "Amina", "MessageType": "text",
        "SmsSid": sid, "WaId": phone.lstrip("+"), "SmsStatus": "received", "Body": text,
        "To": TWILIO_NUMBER, "NumSegments": "1", "ReferralNumMedia": "0", "MessageSid": sid,
        "AccountSid": TWILIO_SID, "From": f"whatsapp:{phone}", "ApiVersion": "2010-04-01",
    }  # fmt: skip


def _whatsapp(assistant: Assistant, form: dict[str, str], signature: str | None) -> int:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    url = f"{assistant.settings.rasa_url}/webhooks/twilio/webhook"
    return _post(url, urllib.parse.urlencode(form).encode(), headers)[0]


def _say_whatsapp(assistant: Assistant, phone: str, text: str) -> int:
    form = _whatsapp_form(phone, text)
    return _whatsapp(assistant, form, _twilio_signature(TWILIO_HOOK, form))


def _whatsapp_bodies(apis: FakeApis, phone: str) -> list[str]:
    return [
        str(c.body["Body"])
        for c in apis.recorded(lambda c: c.path.startswith("/twilio/"))
        if c.body.get("To") == f"whatsapp:{phone}"
    ]


def test_whatsapp_hallo_is_answered_with_the_greeting(assistant: Assistant, apis: FakeApis) -> None:
    assert _say_whatsapp(assistant, "+4915110000001", "Hallo") == 200
    assert any(
        _greeting(assistant, "de") in body for body in _whatsapp_bodies(apis, "+4915110000001")
    )
    call = apis.recorded(lambda c: c.path.startswith("/twilio/"))[-1]
    assert call.path == f"/twilio/2010-04-01/Accounts/{TWILIO_SID}/Messages.json"
    assert call.body["From"] == TWILIO_NUMBER
    credentials = base64.b64encode(f"{TWILIO_SID}:{TWILIO_TOKEN}".encode()).decode()
    assert call.headers["Authorization"] == f"Basic {credentials}"


def test_whatsapp_buttons_are_numbered_choices_in_one_message(
    assistant: Assistant, apis: FakeApis
) -> None:
    phone = "+4915110000002"
    assert _say_whatsapp(assistant, phone, BLUE_CARD) == 200
    expected = next(r for r in _rest_answer(assistant, "wa-twin", BLUE_CARD) if r.get("buttons"))
    [body] = [b for b in _whatsapp_bodies(apis, phone) if NUMBER_HINT in b]
    titles = [str(b["title"]) for b in expected["buttons"]]
    numbered = "\n".join(f"{n}. {title}" for n, title in enumerate(titles, 1))
    assert f"{numbered}\n\n{NUMBER_HINT}" in body
    assert str(expected["text"]).split("\n\n")[0] in body  # the text and its choices together
    for button in expected["buttons"]:
        assert button["payload"] not in body


def test_whatsapp_reply_with_a_number_works_like_pressing_that_button(
    assistant: Assistant, apis: FakeApis
) -> None:
    """Needs the dialogue's number mapping (bot/conversation: the ``offered`` slot)."""
    phone = "+4915110000003"
    assert _say_whatsapp(assistant, phone, BLUE_CARD) == 200
    expected = next(
        r for r in _rest_answer(assistant, "wa-number-twin", BLUE_CARD) if r.get("buttons")
    )
    first_payload = str(expected["buttons"][0]["payload"])
    before = len(_whatsapp_bodies(apis, phone))
    assert _say_whatsapp(assistant, phone, "1") == 200
    answer = "\n\n".join(_whatsapp_bodies(apis, phone)[before:])
    expected_answer = _paragraphs(_rest_answer(assistant, "wa-number-twin", first_payload))
    assert expected_answer, "the REST channel gave no answer to compare with"
    for paragraph in expected_answer:
        assert paragraph in answer


@pytest.mark.parametrize("forgery", ["missing", "wrong token", "internal url", "changed body"])
def test_whatsapp_calls_with_a_missing_or_forged_signature_are_refused(
    assistant: Assistant, apis: FakeApis, forgery: str
) -> None:
    phone = "+4915110000004"
    form = _whatsapp_form(phone, "Hallo")
    signature: str | None = {
        "missing": None,
        "wrong token": _twilio_signature(TWILIO_HOOK, form, "not-the-auth-token"),
        # Signed for the address the server sees, not the public one Twilio signs.
        "internal url": _twilio_signature(
            f"{assistant.settings.rasa_url}/webhooks/twilio/webhook", form
        ),
        "changed body": _twilio_signature(TWILIO_HOOK, {**form, "Body": "Hello"}),
    }[forgery]
    assert _whatsapp(assistant, form, signature) in (401, 403)
    assert _whatsapp_bodies(apis, phone) == []


def test_our_signature_helper_signs_as_twilios_own_request_validator() -> None:
    form = {**_whatsapp_form("+4915110000005", ""), "ProfileName": "", "NumMedia": "1"}
    script = (
        "import json, sys; from twilio.request_validator import RequestValidator; "
        "print(RequestValidator(sys.argv[1]).compute_signature(sys.argv[2], json.loads(sys.argv[3])))"
    )
    python = PROJECT_ROOT / ".venv" / "rasa" / "bin" / "python"  # twilio lives in the Rasa env
    signed = subprocess.run(
        [str(python), "-c", script, TWILIO_TOKEN, TWILIO_HOOK, json.dumps(form)],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert signed == _twilio_signature(TWILIO_HOOK, form)


def test_a_whatsapp_message_with_blank_fields_is_accepted_and_answered(
    assistant: Assistant, apis: FakeApis
) -> None:
    phone = "+4915110000006"
    form = {**_whatsapp_form(phone, "Hallo"), "ProfileName": "", "ReferralNumMedia": ""}
    assert _whatsapp(assistant, form, _twilio_signature(TWILIO_HOOK, form)) == 200
    assert any(_greeting(assistant, "de") in body for body in _whatsapp_bodies(apis, phone))


def test_a_whatsapp_photo_without_text_gets_the_text_only_answer(
    assistant: Assistant, apis: FakeApis
) -> None:
    phone = "+4915110000007"
    _say_whatsapp(assistant, phone, "Hello")  # an English conversation
    form = {
        **_whatsapp_form(phone, ""), "NumMedia": "1", "MessageType": "image",
        "MediaContentType0": "image/jpeg", "MediaUrl0": "https://api.twilio.com/media/ME1",
    }  # fmt: skip
    before = len(_whatsapp_bodies(apis, phone))
    assert _whatsapp(assistant, form, _twilio_signature(TWILIO_HOOK, form)) == 200
    text_only = repository_knowledge().message(MessageId.TEXT_ONLY, "en")
    assert any(text_only in body for body in _whatsapp_bodies(apis, phone)[before:])


@pytest.mark.parametrize(
    "update",
    [
        {
            "update_id": 1,
            "callback_query": {"id": "cb", "message": "not an object", "data": "/greet"},
        },
        {"update_id": 2, "callback_query": "not an object"},
        {"update_id": 3, "message": "Hallo"},
        {"update_id": 4, "message": {"text": "Hallo", "chat": [4713]}},
        {"update_id": 5, "message": {"text": "/start", "chat": {"id": 4713}, "from": "en"}},
    ],
)
def test_an_authenticated_telegram_update_of_the_wrong_shape_gets_400(
    assistant: Assistant, update: dict[str, object]
) -> None:
    assert _telegram(assistant, update, TELEGRAM_SECRET) == 400
    assert assistant.exited() is None


@pytest.mark.parametrize(
    "payload",
    [
        {"object": "page", "entry": "not a list"},
        {"object": "page", "entry": ["not an object"]},
        {
            "object": "page",
            "entry": [{"messaging": [{"sender": "1234", "message": {"text": "Hallo"}}]}],
        },
        {"object": "page", "entry": [{"messaging": [{"sender": {"id": "1"}, "message": "Hallo"}]}]},
        {"object": "page", "entry": [{"messaging": {"sender": {"id": "1"}}}]},
    ],
)
def test_an_authenticated_messenger_call_of_the_wrong_shape_gets_400(
    assistant: Assistant, payload: dict[str, object]
) -> None:
    assert _facebook(assistant, payload, **_signed(payload)) == 400
    assert assistant.exited() is None


def test_a_redelivered_telegram_update_is_acknowledged_and_answered_once(
    assistant: Assistant, apis: FakeApis
) -> None:
    update = _telegram_message(4720, "Wo ist die Ausländerbehörde in Leer?")
    assert _telegram(assistant, update, TELEGRAM_SECRET) == 200
    answered = len(_sent_to_chat(apis, 4720))
    assert answered
    assert _telegram(assistant, update, TELEGRAM_SECRET) == 200  # Telegram retries after a timeout
    assert len(_sent_to_chat(apis, 4720)) == answered


def test_a_redelivered_messenger_message_is_acknowledged_and_answered_once(
    assistant: Assistant, apis: FakeApis
) -> None:
    event = _page_event(_messaging("2020", {"text": "Hallo"}))
    assert _facebook(assistant, event, **_signed(event)) == 200
    answered = len(_facebook_messages(apis, "2020"))
    assert answered
    assert _facebook(assistant, event, **_signed(event)) == 200
    assert len(_facebook_messages(apis, "2020")) == answered


def test_a_redelivered_whatsapp_message_is_acknowledged_and_answered_once(
    assistant: Assistant, apis: FakeApis
) -> None:
    phone = "+4915110000020"
    form = _whatsapp_form(phone, "Hallo")
    assert _whatsapp(assistant, form, _twilio_signature(TWILIO_HOOK, form)) == 200
    answered = len(_whatsapp_bodies(apis, phone))
    assert answered
    assert _whatsapp(assistant, form, _twilio_signature(TWILIO_HOOK, form)) == 200
    assert len(_whatsapp_bodies(apis, phone)) == answered


def test_message_texts_stay_out_of_the_rasa_log_and_the_server_keeps_running(
    assistant: Assistant,
) -> None:
    assert assistant.exited() is None
    assert _get(f"{assistant.settings.rasa_url}/webhooks/telegram/")[0] == 200
    assert _get(f"{assistant.settings.rasa_url}/webhooks/twilio/")[0] == 200
    assert "Hallo" not in re.sub(r"\s+", " ", (assistant.rasa.log_path).read_text())


def test_a_half_configured_messenger_stops_the_run_with_one_line(
    trained_model: Path, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMS_")}
    result = subprocess.run(
        [str(app_python(settings_for(tmp_path))), "-m", "bot", "run"],
        cwd=PROJECT_ROOT,
        env={
            **env,
            "EMS_STATE_DIR": str(tmp_path),
            "EMS_RASA_PORT": str(free_port()),
            "EMS_APP_PORT": str(free_port()),
            "EMS_TWILIO_ACCOUNT_SID": TWILIO_SID,
            "EMS_TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: WhatsApp (Twilio) is half configured: EMS_TWILIO_ACCOUNT_SID, "
        "EMS_TWILIO_AUTH_TOKEN are set but EMS_TWILIO_WHATSAPP_NUMBER, EMS_TWILIO_WEBHOOK_URL "
        "are missing; set them too, or unset EMS_TWILIO_* (see docs/messengers.md)"
    ]
    assert TWILIO_TOKEN not in result.stdout + result.stderr
