"""The assistant's text and buttons as each messenger can show them (no Rasa imports).

Every function takes the reply text and its buttons (``{"title": …, "payload": …}`` as Rasa
passes them) and returns what the messenger's API receives. Where a messenger has no
buttons, or the buttons do not fit, they become numbered choices; the dialogue
(``bot/conversation/choices.py``) maps a reply that is just a number to the payload of that
button, numbering the buttons of all replies of a turn in one sequence, so "2" works like
pressing the second.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

Buttons = Sequence[Mapping[str, Any]]

#: Shown under numbered choices; bilingual because the channel does not know the language.
NUMBER_HINT = "Antworten Sie mit der Nummer / Reply with the number"

#: Longest text of one message (Telegram counts UTF-16 units: a margin for emoji).
TELEGRAM_TEXT_LIMIT = 4000
#: Telegram's limit for a button's ``callback_data``, in bytes.
TELEGRAM_CALLBACK_LIMIT = 64
FACEBOOK_TEXT_LIMIT = 2000
FACEBOOK_QUICK_REPLIES = 13
FACEBOOK_TITLE_LIMIT = 20
FACEBOOK_PAYLOAD_LIMIT = 1000
#: Twilio's limit for one WhatsApp message body.
WHATSAPP_TEXT_LIMIT = 1600


def split_message(text: str, limit: int) -> list[str]:
    """``text`` as few messages as possible, none longer than ``limit`` characters.

    Breaks between paragraphs first, then between lines, then between words; only a word
    longer than ``limit`` is cut. Empty text gives no message.
    """
    text = text.strip()
    return _pack(text, limit, ("\n\n", "\n", " ")) if text else []


def _pack(text: str, limit: int, separators: tuple[str, ...]) -> list[str]:
    if len(text) <= limit:
        return [text]
    if not separators:
        return [text[i : i + limit] for i in range(0, len(text), limit)]
    separator, finer = separators[0], separators[1:]
    messages: list[str] = []
    current = ""
    for part in text.split(separator):
        pieces = _pack(part, limit, finer)
        candidate = f"{current}{separator}{pieces[0]}" if current else pieces[0]
        if len(pieces) == 1 and len(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
        messages.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        messages.append(current)
    return [m for m in (m.strip() for m in messages) if m]


def with_footer(text: str, footer: str, limit: int) -> list[str]:
    """``text`` split to ``limit``, with ``footer`` as the end of the last message if it fits."""
    messages = split_message(text, limit)
    if messages and len(messages[-1]) + 2 + len(footer) <= limit:
        messages[-1] = f"{messages[-1]}\n\n{footer}"
    else:
        messages.extend(split_message(footer, limit))
    return messages


def numbered_choices(buttons: Buttons, *, first: int = 1, hint: bool = True) -> str:
    """The buttons as lines "1. Title", "2. Title" …, with the reply hint below.

    ``first`` is the number of the first button: the dialogue numbers the buttons of all
    replies of a turn in one sequence, so a second message with buttons continues it.
    """
    lines = [f"{n}. {button['title']}" for n, button in enumerate(buttons, first)]
    if hint:
        lines += ["", NUMBER_HINT]
    return "\n".join(lines)


def shorten(title: str, limit: int) -> str:
    """``title`` cut to ``limit`` characters with an ellipsis, if it is longer."""
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def telegram_messages(text: str, buttons: Buttons = (), *, first: int = 1) -> list[dict[str, Any]]:
    """Parameters of ``sendMessage`` calls; the inline keyboard goes with the last one.

    A payload longer than Telegram's 64 bytes is sent as the button's number instead.
    More than two buttons, or a long title, are stacked one per row.
    """
    messages: list[dict[str, Any]] = [
        {"text": part} for part in split_message(text, TELEGRAM_TEXT_LIMIT)
    ]
    if not buttons:
        return messages
    keys = [
        {"text": str(b["title"]), "callback_data": _fitting(str(b["payload"]), n, _utf8_fits)}
        for n, b in enumerate(buttons, first)
    ]
    stacked = len(keys) > 2 or any(len(k["text"]) > 20 for k in keys)
    rows = [[key] for key in keys] if stacked else [keys]
    if not messages:  # Telegram needs text under a keyboard
        messages = [{"text": numbered_choices(buttons, first=first, hint=False)}]
    messages[-1]["reply_markup"] = {"inline_keyboard": rows}
    return messages


def facebook_messages(text: str, buttons: Buttons = (), *, first: int = 1) -> list[dict[str, Any]]:
    """``message`` objects of Send API calls; quick replies go with the last one.

    Up to 13 buttons become quick replies. Titles longer than 20 characters would be cut by
    Messenger, so then the text lists the full titles numbered and the quick replies carry
    the numbers ("1. Anerkennung m…"). More than 13 buttons become numbered choices only.
    """
    if len(buttons) > FACEBOOK_QUICK_REPLIES:
        return [
            {"text": part}
            for part in with_footer(
                text, numbered_choices(buttons, first=first), FACEBOOK_TEXT_LIMIT
            )
        ]
    long_titles = any(len(str(b["title"])) > FACEBOOK_TITLE_LIMIT for b in buttons)
    if long_titles:
        choices = numbered_choices(buttons, first=first, hint=False)
        parts = with_footer(text, choices, FACEBOOK_TEXT_LIMIT)
    else:
        parts = split_message(text, FACEBOOK_TEXT_LIMIT)
    messages: list[dict[str, Any]] = [{"text": part} for part in parts]
    if not buttons:
        return messages
    if not messages:
        messages = [{"text": numbered_choices(buttons, first=first, hint=False)}]
    messages[-1]["quick_replies"] = [
        {
            "content_type": "text",
            "title": shorten(
                f"{n}. {b['title']}" if long_titles else str(b["title"]), FACEBOOK_TITLE_LIMIT
            ),
            "payload": _fitting(str(b["payload"]), n, lambda p: len(p) <= FACEBOOK_PAYLOAD_LIMIT),
        }
        for n, b in enumerate(buttons, first)
    ]
    return messages


def whatsapp_bodies(text: str, buttons: Buttons = (), *, first: int = 1) -> list[str]:
    """Message bodies for WhatsApp: the text, then the buttons as numbered choices."""
    if not buttons:
        return split_message(text, WHATSAPP_TEXT_LIMIT)
    return with_footer(text, numbered_choices(buttons, first=first), WHATSAPP_TEXT_LIMIT)


def _utf8_fits(payload: str) -> bool:
    return 0 < len(payload.encode()) <= TELEGRAM_CALLBACK_LIMIT


def _fitting(payload: str, number: int, fits: Callable[[str], bool]) -> str:
    # The dialogue maps a bare number to the button with that number.
    return payload if fits(payload) else str(number)
