"""Text and buttons as each messenger shows them, and the signature checks (no Rasa)."""

from __future__ import annotations

from bot.channels.render import (
    NUMBER_HINT,
    facebook_messages,
    split_message,
    telegram_messages,
    whatsapp_bodies,
)
from bot.channels.signatures import (
    facebook_signature,
    facebook_signature_valid,
    telegram_secret_valid,
)

TOPICS = [
    {"title": "Anerkennung meines Abschlusses", "payload": "/ask_recognition"},
    {"title": "Visum und Aufenthalt", "payload": "/ask_visa"},
    {"title": "Jobsuche", "payload": "/ask_jobs"},
]
FEEDBACK = [
    {"title": "👍 helpful", "payload": '/feedback{"feedback_value":"up"}'},
    {"title": "👎 not helpful", "payload": '/feedback{"feedback_value":"down"}'},
]


def test_long_text_is_split_between_paragraphs_then_lines_then_words() -> None:
    paragraphs = ["a" * 30, "b" * 30, "c" * 30]
    assert split_message("\n\n".join(paragraphs), 65) == ["a" * 30 + "\n\n" + "b" * 30, "c" * 30]
    lines = "\n".join(["x" * 20] * 4)
    assert split_message(lines, 45) == ["x" * 20 + "\n" + "x" * 20] * 2
    assert split_message("word " * 10, 12) == ["word word", "word word"] * 2 + ["word word"]
    assert split_message("y" * 25, 10) == ["y" * 10, "y" * 10, "y" * 5]
    assert split_message("  \n ", 10) == []
    text = "Erster Absatz.\n\nZweiter Absatz mit https://www.example.org/link."
    assert split_message(text, 4000) == [text]


def test_whatsapp_gets_one_message_with_numbered_choices_and_no_payloads() -> None:
    bodies = whatsapp_bodies("Wobei kann ich helfen?", TOPICS)
    assert bodies == [
        "Wobei kann ich helfen?\n\n"
        "1. Anerkennung meines Abschlusses\n2. Visum und Aufenthalt\n3. Jobsuche\n\n"
        f"{NUMBER_HINT}"
    ]
    assert "/ask" not in bodies[0]
    assert whatsapp_bodies("Nur Text.") == ["Nur Text."]


def test_whatsapp_choices_follow_a_long_text_in_its_last_message() -> None:
    text = "\n\n".join(["Absatz " + "z" * 1500, "Absatz " + "w" * 300])
    bodies = whatsapp_bodies(text, TOPICS)
    assert len(bodies) == 2 and all(len(b) <= 1600 for b in bodies)
    assert bodies[1].startswith("Absatz w") and bodies[1].endswith(NUMBER_HINT)
    # Only when the text fills its last message do the choices come as a message of their own.
    full = whatsapp_bodies("v" * 1590, TOPICS)
    assert full == ["v" * 1590, full[1]] and full[1].startswith("1. Anerkennung")


def test_facebook_short_titles_are_quick_replies_with_their_payloads() -> None:
    [message] = facebook_messages("Was this helpful?", FEEDBACK)
    assert message == {
        "text": "Was this helpful?",
        "quick_replies": [
            {"content_type": "text", "title": "👍 helpful", "payload": FEEDBACK[0]["payload"]},
            {"content_type": "text", "title": "👎 not helpful", "payload": FEEDBACK[1]["payload"]},
        ],
    }


def test_facebook_long_titles_are_numbered_in_the_text_and_on_the_quick_replies() -> None:
    [message] = facebook_messages("Wobei kann ich helfen?", TOPICS)
    assert message["text"] == (
        "Wobei kann ich helfen?\n\n"
        "1. Anerkennung meines Abschlusses\n2. Visum und Aufenthalt\n3. Jobsuche"
    )
    replies = message["quick_replies"]
    assert [r["title"] for r in replies] == [
        "1. Anerkennung mein…",
        "2. Visum und Aufent…",
        "3. Jobsuche",
    ]
    assert [r["payload"] for r in replies] == ["/ask_recognition", "/ask_visa", "/ask_jobs"]
    assert all(len(r["title"]) <= 20 for r in replies)


def test_facebook_keeps_up_to_13_buttons_and_numbers_more() -> None:
    thirteen = [{"title": f"T{n}", "payload": f"/p{n}"} for n in range(13)]
    [message] = facebook_messages("Choose", thirteen)
    assert len(message["quick_replies"]) == 13  # Rasa's stock channel drops all beyond 3
    fourteen = [*thirteen, {"title": "T13", "payload": "/p13"}]
    [numbered] = facebook_messages("Choose", fourteen)
    assert "quick_replies" not in numbered
    assert "14. T13" in numbered["text"] and numbered["text"].endswith(NUMBER_HINT)


def test_telegram_inline_keyboard_sends_payloads_and_stacks_long_rows() -> None:
    [message] = telegram_messages("Was this helpful?", FEEDBACK)
    keyboard = message["reply_markup"]["inline_keyboard"]
    assert keyboard == [
        [
            {"text": "👍 helpful", "callback_data": FEEDBACK[0]["payload"]},
            {"text": "👎 not helpful", "callback_data": FEEDBACK[1]["payload"]},
        ]
    ]
    [stacked] = telegram_messages("Wobei kann ich helfen?", TOPICS)
    rows = stacked["reply_markup"]["inline_keyboard"]
    assert [[b["callback_data"] for b in row] for row in rows] == [
        ["/ask_recognition"],
        ["/ask_visa"],
        ["/ask_jobs"],
    ]


def test_telegram_payload_over_64_bytes_becomes_the_button_number() -> None:
    long = {"title": "Lang", "payload": '/inform{"profession":"' + "ä" * 40 + '"}'}
    [message] = telegram_messages("?", [FEEDBACK[0], long])
    keys = message["reply_markup"]["inline_keyboard"][0]
    assert [k["callback_data"] for k in keys] == [FEEDBACK[0]["payload"], "2"]


def test_telegram_keyboard_goes_with_the_last_part_of_a_long_text() -> None:
    messages = telegram_messages("p" * 3000 + "\n\n" + "q" * 3000, FEEDBACK)
    assert len(messages) == 2
    assert "reply_markup" not in messages[0] and "reply_markup" in messages[1]


def test_signatures() -> None:
    body = b'{"object":"page"}'
    good = facebook_signature(body, "app-secret")
    assert good.startswith("sha256=")
    assert facebook_signature_valid(body, good, "app-secret")
    assert not facebook_signature_valid(body + b" ", good, "app-secret")
    assert not facebook_signature_valid(body, None, "app-secret")
    assert not facebook_signature_valid(body, good, "other-secret")
    sha1 = "sha1=" + "0" * 40
    assert not facebook_signature_valid(body, sha1, "app-secret")
    assert telegram_secret_valid("s3cret-token-value", "s3cret-token-value")
    assert not telegram_secret_valid(None, "s3cret-token-value")
    assert not telegram_secret_valid("", "s3cret-token-value")


def test_a_second_message_with_buttons_continues_the_numbers_of_the_turn() -> None:
    # The dialogue numbers all buttons of a turn in one sequence (bot/conversation/choices.py).
    [body] = whatsapp_bodies("Noch etwas?", FEEDBACK, first=4)
    assert "4. 👍 helpful\n5. 👎 not helpful" in body
    [message] = facebook_messages("Wobei kann ich helfen?", TOPICS, first=3)
    assert [r["title"][:3] for r in message["quick_replies"]] == ["3. ", "4. ", "5. "]
    long = {"title": "Lang", "payload": "/x" * 40}
    [telegram] = telegram_messages("?", [long], first=6)
    assert telegram["reply_markup"]["inline_keyboard"] == [[{"text": "Lang", "callback_data": "6"}]]
