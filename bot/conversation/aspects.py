"""Answer the aspect a question asks for (cost, duration, documents …), not the whole topic.

The words of each aspect live in ``knowledge/aspects/<aspect>.yml`` (staff add words there);
the facts in the ``facts:`` of topics and professions, each with its own source page and date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.conversation.render import month_year, outdated
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.normalise import normalise
from bot.knowledge.required import TextId, VocabularyId
from bot.knowledge.schema import Fact, Profession, Topic

#: German compounds end in their head noun ("Verfahrenskosten", "Anerkennungsgebühren"):
#: a word this long also counts at the end of a longer word.
_COMPOUND_HEAD = 5


#: The longest ending a word of an aspect may take in the further languages ("ücretleri").
_ENDING = 4


def aspects_in(text: str, knowledge: KnowledgeBase) -> list[str]:
    """The aspects ``text`` asks about, the one named first first."""
    normal = normalise(text)
    padded = f" {normal} "
    tokens = normal.split()
    found: list[tuple[int, str]] = []
    for aspect_id, record in knowledge.aspects.items():
        positions = []
        for language, word in record.words.normalised:
            at = padded.find(f" {word} ")
            if at >= 0:
                positions.append(at)
            elif " " not in word and len(word) >= _COMPOUND_HEAD:
                positions += [
                    padded.find(f" {t} ")
                    for t in tokens
                    if len(t) > len(word)
                    and (
                        t.endswith(word)  # German compounds: "Antragsfrist"
                        # Endings after the word: Turkish "sınırı", Romanian "costul",
                        # Ukrainian "вартості"; German and English words do not take them.
                        or (
                            language not in ("de", "en")
                            and t.startswith(word)
                            and len(t) - len(word) <= _ENDING
                        )
                    )
                ]
        if positions:
            found.append((min(positions), aspect_id))
    return [aspect for _, aspect in sorted(found)]


def carries_over(text: str, knowledge: KnowledgeBase) -> bool:
    """Whether ``text`` is a follow-up that asks the last question again about something else.

    How such a follow-up begins, in each language, is in ``knowledge/vocabulary/follow-up.yml``.
    """
    openers = tuple(
        f"{word} "
        for _, word in knowledge.vocabulary[VocabularyId.FOLLOW_UP.value].words.normalised
    )
    return f"{normalise(text).lstrip('¿¡ ')} ".startswith(openers)


def facts_for(
    record: Topic | Profession,
    asked: list[str],
    text: str = "",
    places: frozenset[str] = frozenset(),
    also: Mapping[str, Sequence[str]] | None = None,
) -> list[Fact]:
    """The record's facts about the aspects asked, in the order asked.

    Per aspect: the facts for the conversation's ``places`` (its municipality, Samtgemeinde
    and district) if there are any, else those whose ``keywords`` ``text`` uses, else the
    general ones. A fact for other places, or with keywords the text does not use, is left out.
    Where the record has no fact for an aspect, ``also`` (from ``knowledge/aspects/``) names
    the aspects that answer instead.
    """
    normal = f" {normalise(text)} "
    chosen: list[Fact] = []
    for aspect in asked:
        facts = [fact for fact in record.facts if fact.aspect == aspect]
        if not facts and also and aspect in also:
            facts = [fact for fact in record.facts if fact.aspect in also[aspect]]
        local = [f for f in facts if set(f.places) & places]
        named = [f for f in facts if not f.places and any(_uses(normal, w) for w in f.keywords)]
        general = [f for f in facts if not f.places and not f.keywords]
        chosen += local or named or general
    return chosen


#: At most this many lines of a topic's details answer an aspect it has no fact for.
_DETAIL_LINES = 2


def detail_lines(
    topic: Topic, asked: list[str], text: str, knowledge: KnowledgeBase, language: str
) -> list[str]:
    """The lines of the topic's details (``answer: more:``) about the aspects asked.

    For a topic without a fact on an aspect, "Was kostet der Integrationskurs?" is still
    answered by the details' "Kosten: …" line rather than by the general summary. Of
    several such lines, those sharing most words with the question come first.
    """
    if not topic.answer.more or not asked:
        return []
    if answers(topic.answer.short.in_language(language), asked, knowledge):
        return []  # the summary itself says it ("valid for up to 1 year")
    question = set(normalise(text).split())
    found = []
    for position, line in enumerate(topic.answer.more.in_language(language).splitlines()):
        line = line.strip().removeprefix("- ").strip()
        if line and not line.endswith(":") and answers(line, asked, knowledge):
            shared = len(question & set(normalise(line).split()))
            found.append((-shared, position, line))
    return [line for _, _, line in sorted(found)[:_DETAIL_LINES]]


def answers(text: str, asked: list[str], knowledge: KnowledgeBase) -> bool:
    """Whether ``text`` is about one of the aspects ``asked``: it uses the aspect's words,
    or a figure with one of its ``shown_by`` units ("nach 27 Monaten", "2,29 Euro")."""
    if set(aspects_in(text, knowledge)) & set(asked):
        return True
    tokens = normalise(text).split()
    units = {
        normalise(word)
        for aspect in asked
        if aspect in knowledge.aspects
        for word in knowledge.aspects[aspect].shown_by
    }
    return any(
        token in units and any(c.isdigit() for c in tokens[i - 1])
        for i, token in enumerate(tokens)
        if i > 0
    )


def named_facts(record: Topic | Profession, text: str) -> list[Fact]:
    """Facts whose specific keywords the question uses, whatever aspect it asks for.

    "Do I have to give up my citizenship?" asks no aspect word, but "give up" names the
    fact on dual citizenship. Only keywords of two words or six letters count here.
    """
    normal = f" {normalise(text)} "
    return [
        fact
        for fact in record.facts
        if not fact.places
        and any(
            _uses(normal, word) for word in fact.keywords if " " in word.strip() or len(word) >= 6
        )
    ]


def keywords_used(record: Topic | Profession, text: str) -> tuple[str, ...]:
    """The keywords of the record's facts that ``text`` uses."""
    normal = f" {normalise(text)} "
    used = {word for fact in record.facts for word in fact.keywords if _uses(normal, word)}
    return tuple(sorted(used))


def _uses(normal_text: str, word: str) -> bool:
    # A keyword may be inflected or part of a compound: its stem is enough.
    stem = normalise(word)
    return bool(stem) and (f" {stem}" in normal_text)


def fact_lines(facts: list[Fact], knowledge: KnowledgeBase, language: str) -> list[str]:
    """Each fact with the page it comes from and that page's date."""
    lines = []
    for fact in facts:
        lines.append(fact.text.in_language(language))
        if fact.as_of is None:
            lines.append(knowledge.text(TextId.FACT_SOURCE_UNDATED, language, url=fact.source))
        else:
            as_of = month_year(fact.as_of)
            lines.append(knowledge.text(TextId.FACT_SOURCE, language, url=fact.source, as_of=as_of))
        aspect = knowledge.aspects.get(fact.aspect)
        if outdated(fact.as_of, aspect.current_until if aspect else None, fact.year):
            # A 2026 limit read in 2027: say which year it is from and where to check.
            year = fact.year or (fact.as_of.year if fact.as_of else "")
            lines.append(
                knowledge.text(TextId.OLD_FIGURE, language, year=str(year), url=fact.source)
            )
    return lines


def profession_aspects(
    profession: Profession, knowledge: KnowledgeBase, asked: list[str], language: str, text: str = "",
    places: frozenset[str] = frozenset(), also: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:  # fmt: skip
    """A profession's facts and its documents, fees or duration texts for the aspects asked."""
    texts = {
        "documents": profession.documents,
        "cost": profession.fees,
        "duration": profession.duration,
    }
    headings = {"documents": TextId.DOCUMENTS, "cost": TextId.FEES, "duration": TextId.DURATION}
    lines = fact_lines(facts_for(profession, asked, text, places, also), knowledge, language)
    for aspect in asked:
        written = texts.get(aspect)
        if written is not None:
            lines += [knowledge.text(headings[aspect], language), written.in_language(language)]
    return lines
