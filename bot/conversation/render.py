"""Knowledge records as chat text: contact blocks and the source line every answer carries."""

from __future__ import annotations

import datetime as dt
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
    contact_rule = (
        knowledge.aspects["contact"].current_until if "contact" in knowledge.aspects else None
    )
    if (contact.phone or contact.email or contact.address) and outdated(
        partner.as_of, contact_rule
    ):
        assert partner.as_of is not None  # outdated() is False without a date
        lines.append(
            knowledge.text(
                TextId.OLD_CONTACT, language, year=str(partner.as_of.year), office=partner.name
            )
        )
    if partner.languages:
        names = [knowledge.language_name(code, language) for code in partner.languages]
        lines.append(f"{knowledge.text(TextId.LANGUAGES, language)}: {', '.join(names)}")
    return "\n".join(lines)


def source_line(record: Record, knowledge: KnowledgeBase, language: str) -> str:
    """Where the answer comes from, and the date of that source."""
    urls: list[str] = []
    for source in record.sources:
        for url in _URL.findall(source):
            if url not in urls:
                urls.append(url)
    # The record's own official pages first (a topic's links, a partner's website): a
    # newcomer should see the page the office publishes, not a third party that quotes it.
    official = {_bare(u) for u in getattr(record, "links", [])}
    web = getattr(getattr(record, "contact", None), "web", None)
    if web:
        official.add(_bare(web))
    urls.sort(key=lambda u: not any(_bare(u).startswith(o) for o in official))
    where = ", ".join(urls[:2]) if urls else knowledge.text(TextId.SOURCE_OWN, language)
    dated = (
        knowledge.text(TextId.AS_OF, language, date=month_year(record.as_of))
        if record.as_of
        else knowledge.text(TextId.UNDATED_SOURCE, language)
    )
    if record.last_verified:
        on = record.last_verified.strftime("%d.%m.%Y" if language == "de" else "%Y-%m-%d")
        dated += "; " + knowledge.text(TextId.CONFIRMED_ON, language, on=on)
    return f"{knowledge.text(TextId.SOURCE, language)}: {where} ({dated})"


def _bare(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def month_year(day: dt.date) -> str:
    """How answers date a source: the month and year of the page ("10/2025")."""
    return day.strftime("%m/%Y")


def outdated(
    as_of: dt.date | None, rule: str | None, year: int | None = None, today: dt.date | None = None
) -> bool:
    """Whether a value is past what ``rule`` (an aspect's ``current_until``) allows.

    A figure for a ``year`` is current until that year ends; otherwise the date of its
    source (``as_of``) counts. Without either nothing can be said.
    """
    today = today or dt.date.today()
    if rule == "end-of-year" and (year or as_of):
        return (year or as_of.year) < today.year  # type: ignore[union-attr]
    if rule == "two-years" and as_of is not None:
        return today - as_of > _TWO_YEARS
    return False


_TWO_YEARS = dt.timedelta(days=731)
