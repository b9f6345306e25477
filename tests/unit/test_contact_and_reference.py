from __future__ import annotations

import re

import pytest

from bot.referrals.contact import ContactDetails, InvalidContact, parse_contact, valid_name
from bot.referrals.reference import new_reference, normalise_reference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maria.Lopez@Example.com", ContactDetails("email", "maria.lopez@example.com")),
        (" maria@mail.example.de. ", ContactDetails("email", "maria@mail.example.de")),
        ("+49 491 1234567", ContactDetails("phone", "+494911234567")),
        ("0049 (0)491/123-4567", ContactDetails("phone", "+4904911234567")),
        ("0491 1234567", ContactDetails("phone", "04911234567")),
        ("0151-12345678", ContactDetails("phone", "015112345678")),
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
        ("12345", "phone"),
        ("491 1234567", "phone"),
        ("+49 1", "phone"),
        ("call me tomorrow", "neither"),
    ],
)
def test_invalid_contacts_say_why(text: str, reason: str) -> None:
    with pytest.raises(InvalidContact) as raised:
        parse_contact(text)
    assert raised.value.reason == reason


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
