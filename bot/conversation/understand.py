"""What a message tells us: profession, place, service, EU origin — from NLU entities and our resolver."""

from __future__ import annotations

import re

from bot.conversation.state import Turn
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.normalise import normalise

#: Words that name a kind of service, normalised; the kinds match SERVICE_NAMES.
SERVICE_WORDS: dict[str, tuple[str, ...]] = {
    "immigration-office": (
        "auslaenderbehoerde", "auslaenderamt", "abh", "immigration office", "immigration authority",
        "foreigners office", "aliens office", "residence permit office", "auslaenderbehorde",
    ),
    "employment-agency": (
        "agentur fuer arbeit", "arbeitsagentur", "arbeitsamt", "employment agency", "job agency",
        "federal employment agency",
    ),
    "jobcenter": ("jobcenter", "job center", "job centre", "buergergeld"),
    "chamber-of-commerce": ("ihk", "industrie und handelskammer", "chamber of commerce"),
    "chamber-of-crafts": ("hwk", "handwerkskammer", "chamber of crafts", "chamber of skilled crafts"),
    "language-school": (
        "deutschkurs", "deutschkurse", "sprachkurs", "sprachkurse", "integrationskurs", "vhs",
        "volkshochschule", "german course", "german courses", "german classes", "german lessons",
        "language course", "language school", "german class", "berufssprachkurs", "integration course",
        "adult education centre",
    ),
    "counselling": (
        "beratung", "migrationsberatung", "beratungsstelle", "counselling", "counseling", "advice",
        "jugendmigrationsdienst", "jmd", "mbe", "counsellor", "berater", "youth migration service",
    ),
    "welcome-centre": (
        "welcome center", "welcome centre", "willkommenszentrum", "fachkraefteservicestelle",
        "willkommensbuero", "welcome office", "skilled worker service point", "welcome centres",
    ),
    "childcare": (
        "kita", "kitas", "kindergarten", "kindergaerten", "kindergartens", "krippe", "daycare",
        "day care", "kita platz",
    ),
    "university": ("hochschule", "universitaet", "uni", "university", "college"),
}  # fmt: skip

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


def service_kind(turn: Turn) -> str | None:
    """The kind of service the message asks for, from the topic entity or the text."""
    for text in filter(None, (turn.entity("topic"), turn.text)):
        normal = f" {normalise(text)} "
        for kind, words in SERVICE_WORDS.items():
            if any(f" {word} " in normal for word in words):
                return kind
    return None


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
