"""What a translation changed of its source text's facts: numbers, dates, amounts, phone
numbers, e-mail addresses, web addresses and German office names.

A translation may reword everything else. Phone numbers are compared as numbers
(libphonenumber: "+49 541 66888 200" and "+49 541 66888200" are one number), web and
e-mail addresses as written (case aside), every other run of digits by its value, so
"01.07.2025" and "1.7.2025" agree and Arabic-Indic digits count as the digits they are.
German office names (``knowledge/translations/keep-in-german.yml``) that the German
text uses must appear in the translation, inflected or not.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import phonenumbers

from bot.contact import DEFAULT_REGION

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Full addresses and bare host names ("www.migrationsportal.de", "make-it-in-germany.com").
_WEB = re.compile(
    r"https?://[^\s<>()\"“”„]+|\b(?:[a-z0-9-]+\.)+(?:de|com|org|eu|net|info|gov)\b(?:/[^\s<>()\"“”„]*)?",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")
_TRAILING = ".,;:!?)»”“'\""


# Where a phone number may be: + or 0, then at least eight digits with spaces, / or - between.
# Only these stretches go to libphonenumber's (slow) matcher.
_PHONE_LIKE = re.compile(r"(?:\+|(?<!\d)0)\d[\d /()–-]{6,}\d")


def _phones(text: str) -> tuple[set[str], list[tuple[int, int]]]:
    numbers, spans = set(), []
    for candidate in _PHONE_LIKE.finditer(text):
        for match in phonenumbers.PhoneNumberMatcher(
            candidate.group(), DEFAULT_REGION, leniency=phonenumbers.Leniency.VALID
        ):
            # A date or an amount ("01.07.2025", "50.700") can read as a number; a phone
            # number in our texts starts with + or 0 and has at least eight digits.
            digits = sum(c.isdigit() for c in match.raw_string)
            if match.raw_string[0] not in "+0" or digits < 8 or _DATE.fullmatch(match.raw_string):
                continue
            numbers.add(
                phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            )
            spans.append((candidate.start() + match.start, candidate.start() + match.end))
    return numbers, spans


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


@functools.lru_cache(maxsize=4096)  # a source text is compared with each of its translations
def facts_of(text: str) -> dict[str, frozenset[str]]:
    """The facts of ``text`` a translation must keep, by kind."""
    emails = {m.group().rstrip(_TRAILING).casefold() for m in _EMAIL.finditer(text)}
    text = _EMAIL.sub(" ", text)
    web = {m.group().rstrip(_TRAILING).rstrip("/").casefold() for m in _WEB.finditer(text)}
    text = _WEB.sub(" ", text)
    phones, spans = _phones(text)
    text = _blank(text, spans)
    numbers = {str(int(m.group())) for m in _DIGITS.finditer(text)}
    return {
        "phone number": frozenset(phones),
        "e-mail address": frozenset(emails),
        "web address": frozenset(web),
        "number": frozenset(numbers),
    }


def differences(
    source: str, translation: str, german: str, keep_in_german: Iterable[str]
) -> list[str]:
    """Each way ``translation`` changes a fact of ``source``, as a sentence for staff; none when it keeps them.

    Args:
        source: the text it was translated from.
        translation: the translated text.
        german: the German text (its office names must stay).
        keep_in_german: the German office names every translation keeps.
    """
    problems: list[str] = []
    wanted, found = facts_of(source), facts_of(translation)
    for kind, values in wanted.items():
        missing = sorted(values - found[kind])
        added = sorted(found[kind] - values)
        if missing:
            problems.append(f"the {kind} {_listed(missing)} of the source is missing")
        if added:
            problems.append(f"the {kind} {_listed(added)} is not in the source")
    dropped = [term for term in keep_in_german if term in german and term not in translation]
    if dropped:
        problems.append(
            f"keep the German name {_listed(dropped)} beside the translation "
            "(newcomers meet it on letters and doors)"
        )
    return problems


def _listed(values: list[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)
