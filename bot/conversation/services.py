"""Which partners serve a place for a kind of service."""

from __future__ import annotations

from bot.knowledge.index import KnowledgeBase
from bot.knowledge.schema import WIDE_COVERAGE, Partner

#: When a service names no finder of its own.
DEFAULT_FINDER = "https://www.anerkennung-in-deutschland.de"


def partners_for(kind: str, place: str, knowledge: KnowledgeBase, limit: int = 3) -> list[Partner]:
    """The partners for ``kind`` at ``place`` (municipality or district id), the responsible office first.

    The office named for the municipality (or its Samtgemeinde, or its district)
    comes first; then local partners of that kind; only if there are none,
    partners serving all of Niedersachsen or Germany (``wide_partners``).
    """
    found = local_partners(kind, place, knowledge)
    return (found or wide_partners(kind, knowledge))[:limit]


def local_partners(kind: str, place: str, knowledge: KnowledgeBase) -> list[Partner]:
    """The responsible office and the local partners for ``kind`` at ``place``; may be empty."""
    district = place if place in knowledge.districts else knowledge.municipalities[place].district
    service = knowledge.services[kind]
    found: list[Partner] = []
    field = service.office
    if field:
        offices = (
            knowledge.offices_for(place)
            if place in knowledge.municipalities
            else knowledge.districts[district].offices
        )
        office = getattr(offices, field)
        if office and office in knowledge.partners:
            found.append(knowledge.partners[office])

    local = [p for p in providers(kind, knowledge) if p not in found and district in p.coverage]
    if field:
        # Offices responsible elsewhere (Lingen's own, the district's for Lingen) are not this place's.
        named = {getattr(d.offices, field) for d in knowledge.districts.values()}
        named |= {getattr(m.offices, field) for m in knowledge.municipalities.values()}
        local = [p for p in local if p.id not in named]
    return found + sorted(local, key=lambda p: p.name)


def wide_partners(kind: str, knowledge: KnowledgeBase) -> list[Partner]:
    """The partners for ``kind`` serving all of Niedersachsen or Germany, often online (MBE, JMD)."""
    return [p for p in providers(kind, knowledge) if set(p.coverage) & set(WIDE_COVERAGE)]


def providers(kind: str, knowledge: KnowledgeBase) -> list[Partner]:
    """Every partner that provides ``kind``: one of its partner kinds, with its need, by name."""
    service = knowledge.services[kind]
    return sorted(
        (
            p
            for p in knowledge.partners.values()
            if p.kind in service.partner_kinds
            and (service.need is None or service.need in p.helps_with)
        ),
        key=lambda p: p.name,
    )


def finder_for(kind: str, knowledge: KnowledgeBase) -> str:
    """The official finder for a kind of service."""
    service = knowledge.services.get(kind)
    return (service.finder if service else None) or DEFAULT_FINDER


def statewide_partners(kind: str, knowledge: KnowledgeBase, limit: int = 3) -> list[Partner] | None:
    """The partners for ``kind`` when none of them is local (a hotline), else None.

    Such a service is the same for everyone: asking for the place would change nothing.
    """
    found = providers(kind, knowledge)
    if not found or any(set(p.coverage) - set(WIDE_COVERAGE) for p in found):
        return None
    return found[:limit]
