"""Validating the contact a newcomer gives: an e-mail address or a phone number.

Pure functions, used by the dialogue (to ask again) and by the case store (to refuse
bad data from any other path).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()/\-.]+$")


class InvalidContact(ValueError):
    """The text is neither a usable e-mail address nor a phone number; ``reason`` says why."""

    def __init__(self, reason: Literal["empty", "email", "phone", "neither"]) -> None:
        """Remember why the contact was refused."""
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ContactDetails:
    """A validated contact, normalised."""

    kind: Literal["email", "phone"]
    value: str


def parse_contact(text: str) -> ContactDetails:
    """The e-mail address or phone number in ``text``.

    Phone numbers are normalised to digits with a leading ``+`` for international
    ones (``0049`` becomes ``+49``); German numbers may start with ``0``.

    Raises:
        InvalidContact: the text is not one e-mail address or one phone number.
    """
    value = text.strip().strip(".,;")
    if not value:
        raise InvalidContact("empty")
    if "@" in value:
        if " " in value or not _EMAIL.match(value) or ".." in value:
            raise InvalidContact("email")
        return ContactDetails("email", value.lower())
    if _PHONE_CHARS.match(value):
        international = value.startswith("+") or value.startswith("00")
        digits = re.sub(r"\D", "", value)
        if value.startswith("00"):
            digits = digits[2:]
        if international and 8 <= len(digits) <= 15:
            return ContactDetails("phone", f"+{digits}")
        if not international and digits.startswith("0") and 6 <= len(digits) <= 15:
            return ContactDetails("phone", digits)
        raise InvalidContact("phone")
    raise InvalidContact("neither")


def valid_name(text: str) -> str | None:
    """The name as given, trimmed, if it can be a person's name (letters, 2–100 characters)."""
    name = " ".join(text.split())
    if not 2 <= len(name) <= 100 or "@" in name or "/" in name:
        return None
    if sum(c.isdigit() for c in name) > 0 or not any(c.isalpha() for c in name):
        return None
    return name
