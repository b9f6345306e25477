"""Topic answers: short first, more on request; each with its source and check date."""

from __future__ import annotations

from bot.conversation.render import source_line
from bot.conversation.state import Button, Reply
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.normalise import normalise
from bot.knowledge.required import TextId
from bot.knowledge.resolve import Resolution
from bot.knowledge.schema import Partner, Topic

#: Question intents → the topics that can answer them, the usual one first.
TOPICS_FOR_INTENT: dict[str, tuple[str, ...]] = {
    "ask_recognition": ("recognition-overview", "zab-statement", "recognition-counselling"),
    "ask_visa": (
        "skilled-worker-visa", "recognition-visa", "permanent-residence", "blocked-account",
        "immigration-office", "blue-card", "opportunity-card",
    ),
    "ask_fast_track": ("accelerated-procedure",),
    "ask_blue_card": ("blue-card",),
    "ask_opportunity_card": ("opportunity-card",),
    "ask_family": ("family-reunification",),
    "ask_jobs": ("job-search", "basic-income-support", "minijob"),
    "ask_employers": ("employers-hiring-abroad", "accelerated-procedure"),
    "ask_language_course": ("german-courses-region", "integration-course", "job-related-german"),
    "ask_counselling": ("counselling-migration", "recognition-counselling", "labour-rights"),
    "ask_registration": ("registration",),
    "ask_tax_id": ("tax-id",),
    "ask_health_insurance": ("health-insurance",),
    "ask_bank_account": ("bank-account", "blocked-account"),
    "ask_housing": ("housing",),
    "ask_childcare": ("childcare", "school"),
    "ask_alliance": ("alliance",),
    "ask_welcome_centre": ("welcome-centres",),
}  # fmt: skip


def pick_topic(intent: str, resolution: Resolution, knowledge: KnowledgeBase) -> Topic | None:
    """The topic for ``intent``: the one the message names among its candidates, else a topic
    it names clearly, else the intent's usual one."""
    candidates = [t for t in TOPICS_FOR_INTENT.get(intent, ()) if t in knowledge.topics]
    named = [m.id for m in resolution.topics if m.id in candidates]
    if named:
        return knowledge.topics[named[0]]
    # A topic the message names beyond doubt beats the intent's usual one: topics staff
    # add ("Einbürgerung") have no intent of their own.
    clear = clearly_named(resolution, knowledge)
    if clear is not None:
        return clear
    return knowledge.topics[candidates[0]] if candidates else None


#: A topic named this surely (an exact keyword or title) is answered even without its intent.
CLEAR_MATCH = 0.95


#: A one-word keyword this long is specific ("Einbürgerung", "Führerschein"); "Visa" is not.
SPECIFIC_WORD = 8

#: A one-word keyword this long is named even with one typo ("naturalisaton").
UNMISTAKABLE_WORD = 10


def about_recognition(topic: Topic) -> bool:
    """Whether recognition is the topic's first need: the recognition answer of a named
    profession says the same and more (who decides for that profession)."""
    return topic.needs[:1] == ["recognition"]


def clearly_named(resolution: Resolution, knowledge: KnowledgeBase) -> Topic | None:
    """The topic the message names beyond doubt: a specific phrase, matched (almost) exactly.

    When several topics are named so, the most specific phrase (more words, then more
    letters) wins; a tie names none.
    """
    best: dict[str, tuple[int, int]] = {}
    for m in resolution.topics:
        length = len(normalise(m.phrase))
        # One word must be typed exactly (a typo of "childcare" must not name "children"),
        # unless it is long enough that one typo leaves no doubt ("Einbürgerug", "Mindeslohn").
        unmistakable = m.words == 1 and length >= UNMISTAKABLE_WORD and m.score >= 0.9
        if (m.score < CLEAR_MATCH and not unmistakable) or m.id not in knowledge.topics:
            continue
        if m.words >= 2 or (length >= SPECIFIC_WORD and (m.score >= 1.0 or unmistakable)):
            best[m.id] = max(best.get(m.id, (0, 0)), (m.words, length))
    ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return knowledge.topics[ranked[0][0]]


def clearly_named_service(resolution: Resolution) -> str | None:
    """The kind of service the message names beyond doubt, if any."""
    sure = [
        m.id
        for m in resolution.services
        if m.score >= CLEAR_MATCH and (m.words >= 2 or len(normalise(m.phrase)) >= SPECIFIC_WORD)
    ]
    return sure[0] if sure else None


def short_answer(
    topic: Topic, knowledge: KnowledgeBase, language: str, feedback: tuple[Button, ...]
) -> Reply:
    """The short answer with its source, a "more" button when there is more, and the feedback buttons."""
    text = (
        f"{topic.answer.short.in_language(language)}\n\n{source_line(topic, knowledge, language)}"
    )
    buttons = (Button(knowledge.text(TextId.MORE, language), "/more"),) if topic.answer.more else ()
    return Reply(text, buttons + feedback)


def local_partners(
    topic: Topic, district: str, knowledge: KnowledgeBase, limit: int = 4
) -> list[Partner]:
    """The topic's own partners that serve ``district`` itself (not only the whole state)."""
    named = [knowledge.partners[p] for p in topic.partners if p in knowledge.partners]
    return [p for p in named if district in p.coverage][:limit]


def more_answer(
    topic: Topic, district: str | None, knowledge: KnowledgeBase, language: str
) -> str | None:
    """The details of a topic, with the partners that help (local ones when the place is known)."""
    parts = []
    if topic.answer.more:
        parts.append(topic.answer.more.in_language(language))
    partners = [knowledge.partners[p] for p in topic.partners if p in knowledge.partners]
    if district:
        local = [p for p in partners if district in p.coverage]
        partners = local or [p for p in partners if {"niedersachsen", "germany"} & set(p.coverage)]
    if partners:
        parts.append(
            "\n".join(
                f"• {p.name}" + (f" – {p.contact.web}" if p.contact.web else "")
                for p in partners[:4]
            )
        )
    if topic.links:
        parts.append("\n".join(topic.links[:3]))
    return "\n\n".join(parts) or None
