"""What a message tells us: profession, place, service, EU origin — from our resolver."""

from __future__ import annotations

import re

from bot.conversation.state import Turn
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.normalise import normalise
from bot.knowledge.resolve import Resolution, Resolver

_EU = re.compile(r"\b(eu|ewr|eea|europ\w*|schweiz|switzerland)\b", re.IGNORECASE)
_NOT = re.compile(
    r"\b(nicht|kein|keine|not|no|non|outside|ausserhalb|außerhalb|drittstaat\w*|third)\b",
    re.IGNORECASE,
)
#: EU/EEA countries and Switzerland, as people name them (normalised).
_EU_COUNTRIES = frozenset(
    normalise(c)
    for c in """Belgien Belgium Bulgarien Bulgaria Dänemark Denmark Estland Estonia Finnland Finland
    Frankreich France Griechenland Greece Irland Ireland Italien Italy Kroatien Croatia Lettland Latvia
    Litauen Lithuania Luxemburg Luxembourg Malta Niederlande Netherlands Holland Österreich Austria Polen
    Poland Portugal Rumänien Romania Schweden Sweden Slowakei Slovakia Slowenien Slovenia Spanien Spain
    Tschechien Czechia Ungarn Hungary Zypern Cyprus Norwegen Norway Island Iceland Liechtenstein""".split()
)


def service_kind(turn: Turn, resolution: Resolution, resolver: Resolver) -> str | None:
    """The kind of service the message asks for: a button's topic entity first, then the text.

    The words are those of ``knowledge/services/``, matched with typos and inflections.
    """
    label = turn.entity("topic")
    if label:
        match = resolver.resolve(label).best("service")
        if match:
            return match.id
    match = resolution.best("service")
    return match.id if match else None


def eu_origin(turn: Turn) -> bool | None:
    """Whether the message says the qualification is from the EU/EEA/CH (None: it does not say)."""
    if turn.intent in ("affirm", "deny"):
        return turn.intent == "affirm"
    words = set(normalise(turn.text).split())
    if words & _EU_COUNTRIES:
        return True
    if _EU.search(turn.text):
        return not _NOT.search(turn.text)
    country = turn.entity("country")
    if country:
        return normalise(country) in _EU_COUNTRIES
    return None


def district_of(place: str, knowledge: KnowledgeBase) -> str | None:
    """The district id of a municipality or district id."""
    if place in knowledge.districts:
        return place
    municipality = knowledge.municipalities.get(place)
    return municipality.district if municipality else None


def place_name(place: str, knowledge: KnowledgeBase) -> str:
    """How to call a place in an answer."""
    if place in knowledge.municipalities:
        return knowledge.municipalities[place].name
    return knowledge.districts[place].name


def turn_names_place(turn: Turn, resolver: Resolver) -> bool:
    """Whether the message itself names a place (not only the conversation before)."""
    return resolver.resolve(turn.text).best("place") is not None
