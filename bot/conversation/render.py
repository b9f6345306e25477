"""Knowledge records as chat text: contact blocks and the source line every answer carries."""

from __future__ import annotations

import re

from bot.conversation.phrases import phrase
from bot.knowledge.schema import Partner, Record

_URL = re.compile(r"https?://[^\s;,)]+")
_LANGUAGE_NAMES = {
    "de": ("Deutsch", "German"), "en": ("Englisch", "English"), "ar": ("Arabisch", "Arabic"),
    "tr": ("Türkisch", "Turkish"), "ru": ("Russisch", "Russian"), "uk": ("Ukrainisch", "Ukrainian"),
    "pl": ("Polnisch", "Polish"), "ro": ("Rumänisch", "Romanian"), "es": ("Spanisch", "Spanish"),
    "fr": ("Französisch", "French"), "fa": ("Persisch", "Persian"), "nl": ("Niederländisch", "Dutch"),
    "vi": ("Vietnamesisch", "Vietnamese"), "bg": ("Bulgarisch", "Bulgarian"),
}  # fmt: skip


def contact_block(partner: Partner, language: str) -> str:
    """The partner's name and every contact detail the knowledge has, one per line."""
    contact = partner.contact
    lines = [partner.name]
    if contact.address:
        a = contact.address
        street = f"{a.street}, " if a.street else ""
        code = f"{a.postal_code} " if a.postal_code else ""
        lines.append(f"{phrase('address', language)}: {street}{code}{a.city}")
    if contact.phone:
        lines.append(f"{phrase('phone', language)}: {', '.join(contact.phone)}")
    if contact.email:
        lines.append(f"{phrase('email', language)}: {', '.join(contact.email)}")
    if contact.web:
        lines.append(f"{phrase('web', language)}: {contact.web}")
    if contact.opening_hours:
        lines.append(f"{phrase('hours', language)}: {contact.opening_hours.in_language(language)}")
    if partner.languages:
        index = 1 if language == "en" else 0
        names = [_LANGUAGE_NAMES.get(code, (code, code))[index] for code in partner.languages]
        lines.append(f"{phrase('languages', language)}: {', '.join(names)}")
    return "\n".join(lines)


def source_line(record: Record, language: str) -> str:
    """Where the answer comes from and when it was checked."""
    urls = []
    for source in record.sources:
        for url in _URL.findall(source):
            if url not in urls:
                urls.append(url)
    where = ", ".join(urls[:2]) if urls else "Fachkräftebündnis Ems-Achse"
    checked = (
        record.last_verified.strftime("%d.%m.%Y" if language == "de" else "%Y-%m-%d")
        if record.last_verified
        else "–"
    )
    return f"{phrase('source', language)}: {where} ({phrase('checked', language)} {checked})"
