from __future__ import annotations

import re

import pytest

from bot.contact import ContactDetails, InvalidContact, normalise_phone, parse_contact, valid_name
from bot.referrals.reference import new_reference, normalise_reference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The domain is case-insensitive, the part before "@" is kept as written.
        ("Maria.Lopez@Example.com", ContactDetails("email", "Maria.Lopez@example.com")),
        (" maria@mail.example.de. ", ContactDetails("email", "maria@mail.example.de")),
        # Internationalised addresses are real addresses.
        ("jörg@beispiel.de", ContactDetails("email", "jörg@beispiel.de")),
        ("ali@münchen.de", ContactDetails("email", "ali@münchen.de")),
        ("+49 491 1234567", ContactDetails("phone", "+494911234567")),
        # "(0)" is the trunk prefix that is dropped after +49, not a digit of the number.
        ("+49 (0) 491 123456", ContactDetails("phone", "+49491123456")),
        ("0049 (0)491/123-4567", ContactDetails("phone", "+494911234567")),
        ("0491 1234567", ContactDetails("phone", "+494911234567")),
        ("0491/123456", ContactDetails("phone", "+49491123456")),
        ("0151-12345678", ContactDetails("phone", "+4915112345678")),
        ("+48 22 123 45 67", ContactDetails("phone", "+48221234567")),
        ("+44 20 7946 0958", ContactDetails("phone", "+442079460958")),
    ],
)
def test_valid_contacts_are_normalised(text: str, expected: ContactDetails) -> None:
    assert parse_contact(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("maria@", "email"),
        ("maria@example", "email"),
        ("maria lopez@example.com", "email"),
        ("a..b@example.com", "email"),
        ("user@localhost", "email"),
        ("+49 1", "phone"),
        ("+49 491 123456789012345", "phone"),
        # Possible lengths, but no such numbers exist.
        ("12345", "phone_unknown"),
        ("012345", "phone_unknown"),
        ("+49 000 0000", "phone_unknown"),
        ("+1 234 5678", "phone_unknown"),
        ("call me tomorrow", "neither"),
        ("0491 123456 or 0491 654321", "neither"),
    ],
)
def test_invalid_contacts_say_why(text: str, reason: str) -> None:
    with pytest.raises(InvalidContact) as raised:
        parse_contact(text)
    assert raised.value.reason == reason


def test_numbers_without_a_country_code_are_read_in_the_given_region() -> None:
    assert normalise_phone("22 123 45 67", region="PL") == "+48221234567"
    assert normalise_phone("0221 1234567") == "+492211234567"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Maria López", "Maria López"), ("  Ахмед   Хасан ", "Ахмед Хасан"), ("محمد علي", "محمد علي"),
     ("x", None), ("maria@example.com", None), ("Agent 007", None), ("...", None)],
)  # fmt: skip
def test_names(text: str, expected: str | None) -> None:
    assert valid_name(text) == expected


def test_references_are_readable_and_distinct() -> None:
    references = {new_reference() for _ in range(2000)}
    assert len(references) == 2000
    assert all(re.fullmatch(r"EA-[A-Z2-9]{4}-[A-Z2-9]{4}", r) for r in references)
    assert not any(c in r[3:] for r in references for c in "0O1IL5S8B")
    reference = new_reference()
    assert normalise_reference(reference.lower().replace("-", " ")) == reference
