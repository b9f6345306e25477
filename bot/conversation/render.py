"""Knowledge records as chat text: contact blocks and the source line every answer carries."""

from __future__ import annotations

import re

from bot.knowledge.index import KnowledgeBase
from bot.knowledge.required import TextId
from bot.knowledge.schema import Partner, Record

_URL = re.compile(r"https?://[^\s;,)]+")


def contact_block(partner: Partner, knowledge: KnowledgeBase, language: str) -> str:
    """The partner's name and every contact detail the knowledge has, one per line."""
    contact = partner.contact
    lines = [partner.name]
    if contact.address:
        a = contact.address
        street = f"{a.street}, " if a.street else ""
        code = f"{a.postal_code} " if a.postal_code else ""
        lines.append(f"{knowledge.text(TextId.ADDRESS, language)}: {street}{code}{a.city}")
    if contact.phone:
        lines.append(f"{knowledge.text(TextId.PHONE, language)}: {', '.join(contact.phone)}")
    if contact.email:
        lines.append(f"{knowledge.text(TextId.EMAIL, language)}: {', '.join(contact.email)}")
    if contact.web:
        lines.append(f"{knowledge.text(TextId.WEB, language)}: {contact.web}")
    if contact.opening_hours:
        lines.append(
            f"{knowledge.text(TextId.HOURS, language)}: {contact.opening_hours.in_language(language)}"
        )
    if partner.languages:
        names = [_language_name(code, knowledge, language) for code in partner.languages]
        lines.append(f"{knowledge.text(TextId.LANGUAGES, language)}: {', '.join(names)}")
    return "\n".join(lines)


def source_line(record: Record, knowledge: KnowledgeBase, language: str) -> str:
    """Where the answer comes from and when it was checked."""
    urls = []
    for source in record.sources:
        for url in _URL.findall(source):
            if url not in urls:
                urls.append(url)
    where = ", ".join(urls[:2]) if urls else knowledge.text(TextId.SOURCE_OWN, language)
    checked = (
        record.last_verified.strftime("%d.%m.%Y" if language == "de" else "%Y-%m-%d")
        if record.last_verified
        else "–"
    )
    return f"{knowledge.text(TextId.SOURCE, language)}: {where} ({knowledge.text(TextId.CHECKED, language)} {checked})"


def _language_name(code: str, knowledge: KnowledgeBase, language: str) -> str:
    """What ``code`` is called in ``language``; the code itself for a language without a name."""
    try:
        key = TextId(f"language_{code}")
    except ValueError:
        return code
    return knowledge.text(key, language)
