"""Phone numbers and e-mail addresses: parsed, validated and normalised in one place.

Used by the knowledge schema (partners' contact data, written by staff) and by the
referral dialogue and case store (a newcomer's contact). Phone numbers go through
Google's libphonenumber (``phonenumbers``): it knows every country's numbering plan,
the German trunk prefix in "+49 (0) 491 …" and which number ranges exist. E-mail
addresses go through ``email-validator``: internationalised addresses such as
"jörg@beispiel.de" are accepted; no DNS look-up is made (deliverability is not checked).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import phonenumbers
from email_validator import EmailNotValidError, validate_email

#: Numbers written without a country code are read as German ones.
DEFAULT_REGION = "DE"

Reason = Literal["empty", "email", "phone", "phone_unknown", "neither"]


class InvalidContact(ValueError):
    """The text is not a usable e-mail address or phone number; ``reason`` says why.

    ``reason`` is one of: ``empty``; ``email`` (not an address); ``phone`` (too short,
    too long or without an area code); ``phone_unknown`` (the right length, but no
    such number exists, e.g. "+49 000 0000"); ``neither``. ``detail`` is the
    library's explanation in English, for staff.
    """

    def __init__(self, reason: Reason, detail: str = "") -> None:
        """Remember why the contact was refused."""
        super().__init__(detail or reason)
        self.reason: Reason = reason
        self.detail = detail


@dataclass(frozen=True)
class ContactDetails:
    """A validated contact, normalised: E.164 for phones, the normalised address for e-mail."""

    kind: Literal["email", "phone"]
    value: str


def normalise_phone(text: str, region: str = DEFAULT_REGION) -> str:
    """The phone number in ``text`` in E.164 form ("+494911234567").

    Args:
        text: a number as people write it: "0491 123456", "+49 (0) 491 123456", "0049 491/123456".
        region: where numbers without a country code are from.

    Raises:
        InvalidContact: reason ``phone`` or ``phone_unknown``.
    """
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        raise InvalidContact("phone", str(error)) from None
    if not phonenumbers.is_possible_number(number):
        raise InvalidContact("phone", "the number has too few or too many digits for its country")
    if not phonenumbers.is_valid_number(number):
        raise InvalidContact("phone_unknown", "no phone number of its country has these digits")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(text: str) -> str:
    """The e-mail address in ``text``, normalised (domain lower-case, Unicode NFC).

    Raises:
        InvalidContact: reason ``email``, with the library's explanation as ``detail``.
    """
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidContact("email", str(error)) from None


def parse_contact(text: str, region: str = DEFAULT_REGION) -> ContactDetails:
    """The one e-mail address or phone number a newcomer wrote.

    Raises:
        InvalidContact: the text is not one e-mail address or one phone number.
    """
    value = text.strip().strip(".,;")
    if not value:
        raise InvalidContact("empty")
    if "@" in value:
        return ContactDetails("email", normalise_email(value))
    if not any(c.isdigit() for c in value) or any(c.isalpha() for c in value):
        raise InvalidContact("neither")
    return ContactDetails("phone", normalise_phone(value, region))


def valid_name(text: str) -> str | None:
    """The name as given, trimmed, if it can be a person's name (letters, 2–100 characters)."""
    name = " ".join(text.split())
    if not 2 <= len(name) <= 100 or "@" in name or "/" in name:
        return None
    if sum(c.isdigit() for c in name) > 0 or not any(c.isalpha() for c in name):
        return None
    return name
