"""Understand what people type: which profession, place and topic a message names.

Every name, synonym, alias and keyword of the published knowledge is indexed in
its lemmatised, normalised form. A message matches a phrase when its words meet
the phrase's words in order: the same lemma, the same word with an inflected
ending (prefix), or the same word with a typo (edit ratio). Postal codes match
exactly. Nothing here is trained: a synonym added to a file is understood as
soon as the knowledge reloads.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import OSA
from spacy.lang.de.stop_words import STOP_WORDS as GERMAN_STOP_WORDS
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS

from bot.knowledge.index import KnowledgeBase
from bot.knowledge.lemmas import WORD, Lemmatiser
from bot.knowledge.normalise import normalise
from bot.knowledge.schema import Keywords, Synonyms, Translated
from bot.language import SUPPORTED

Kind = Literal["profession", "place", "topic", "service"]

_POSTAL_CODE = re.compile(r"(?<!\d)\d{5}(?!\d)")
# Arabic attaches the article and some prepositions to the word.
_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال")
#: How many recent texts' resolutions are kept.
_RECENT = 256
#: Below this similarity a candidate is not a match at all.
MIN_SCORE = 0.8


@dataclass(frozen=True, order=True)
class Match:
    """One record a message names, with how sure the match is (0–1)."""

    score: float
    words: int  # a longer phrase wins a tie: "Landkreis Leer" over "Leer"
    kind: Kind = field(compare=False)
    id: str = field(compare=False)
    phrase: str = field(compare=False)
    #: The language the phrase is written in, when it belongs to one ("German classes": en).
    language: str | None = field(default=None, compare=False)
    #: Where in the message the phrase stands: its first word and the word after its last.
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Resolution:
    """What a message names, best match first within each kind."""

    professions: list[Match]
    places: list[Match]
    topics: list[Match]
    services: list[Match] = field(default_factory=list)

    def language(self) -> str | None:
        """The language the phrases the message uses (almost exactly) are in, when they say one.

        "german classes emden" has no word of the detector's lists, but "German classes"
        is an English phrase of the knowledge.
        """
        votes: dict[str, int] = {}
        for match in (*self.professions, *self.topics, *self.services):
            if match.language in SUPPORTED and match.score >= 0.95:
                votes[match.language] = votes.get(match.language, 0) + match.words
        if not votes:
            return None
        ranked = sorted(votes.items(), key=lambda item: item[1], reverse=True)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        return ranked[0][0]

    def best(self, kind: Kind) -> Match | None:
        """The best match of ``kind``, if any."""
        found = {
            "profession": self.professions, "place": self.places, "topic": self.topics,
            "service": self.services,
        }[kind]  # fmt: skip
        return found[0] if found else None


@dataclass(frozen=True)
class _Phrase:
    kind: Kind
    id: str
    text: str
    tokens: tuple[frozenset[str], ...]
    language: str | None = None


class Resolver:
    """An index over one knowledge version; build it once per version."""

    def __init__(self, knowledge: KnowledgeBase, lemmatiser: Lemmatiser) -> None:
        """Index every phrase of ``knowledge``."""
        self._lemmatiser = lemmatiser
        self._recent: dict[str, Resolution] = {}
        self._by_first: dict[str, list[_Phrase]] = defaultdict(list)
        self._postal: dict[str, set[str]] = defaultdict(set)
        written = list(_phrases_with_language(knowledge))
        # A phrase written the same in several languages ("Jobcenter", "Blue Card") tells none.
        languages_of: dict[str, set[str | None]] = defaultdict(set)
        for _, _, text, language in written:
            languages_of[normalise(text)].add(language)
        for kind, record_id, text, language in written:
            if len(languages_of[normalise(text)]) > 1:
                language = None
            tokens = tuple(frozenset(self._forms(t)) for t in WORD.findall(text))
            if tokens:
                phrase = _Phrase(kind, record_id, text, tokens, language)
                for form in tokens[0]:
                    self._by_first[form].append(phrase)
        self._all_forms = {
            f for ps in self._by_first.values() for p in ps for t in p.tokens for f in t
        }
        self._vocabulary = sorted(self._all_forms)
        # _inflected needs the first five letters in common: look only among those forms
        # (checking every form of the vocabulary was most of the app server's CPU per turn)
        self._by_prefix: dict[str, list[str]] = {}
        for known in self._vocabulary:
            if len(known) >= _STEM:
                self._by_prefix.setdefault(known[:_STEM], []).append(known)
        for place_id, place in knowledge.municipalities.items():
            for code in place.postal_codes:
                self._postal[code].add(place_id)

    def _forms(self, token: str) -> set[str]:
        forms = self._lemmatiser.lemmas(token)
        normal = normalise(token)
        for prefix in _ARABIC_PREFIXES:
            if normal.startswith(prefix) and len(normal) - len(prefix) >= 3:
                forms.add(normal[len(prefix) :])
                break
        return forms

    def resolve(self, text: str) -> Resolution:
        """Every profession, place, topic and service ``text`` names, best first.

        A turn asks about its text several times (language, topic, place); the answers
        of the latest texts are kept (the resolver belongs to one knowledge version).
        """
        found = self._recent.get(text)
        if found is None:
            found = self._resolve(text)
            if len(self._recent) >= _RECENT:
                self._recent.pop(next(iter(self._recent)))
            self._recent[text] = found
        return found

    def _resolve(self, text: str) -> Resolution:
        best: dict[tuple[Kind, str], Match] = {}

        def keep(match: Match) -> None:
            key = (match.kind, match.id)
            kept = best.get(key)
            # Of two phrases as sure for one record, the longer: "Zeugnisbewertung" over "ZAB".
            if (
                kept is None
                or kept < match
                or (kept == match and len(match.phrase) > len(kept.phrase))
            ):
                best[key] = match

        for code in _POSTAL_CODE.findall(text):
            for place_id in self._postal.get(code, ()):
                keep(Match(1.0, 1, "place", place_id, code))
        typed = WORD.findall(text)
        words = [self._forms(t) for t in typed]
        candidates = [self._candidates(forms) for forms in words]
        for start, first in enumerate(candidates):
            # A function word names nothing, unless capitalised inside a sentence ("in Ohne").
            common = normalise(typed[start]) in _COMMON_WORDS and not (
                start > 0 and typed[start][:1].isupper()
            )
            for form, similarity in first.items():
                for phrase in self._by_first.get(form, ()):
                    if common and len(phrase.tokens) == 1:
                        continue  # "es", "lange", "vielen" name no "eş", Langen or Wielen
                    score = self._score_at(phrase, candidates, start, similarity)
                    if score >= MIN_SCORE:
                        match = Match(
                            round(score, 3), len(phrase.tokens), phrase.kind, phrase.id,
                            phrase.text, phrase.language, start, start + len(phrase.tokens),
                        )  # fmt: skip
                        keep(match)
        ranked = _outside_longer(sorted(best.values(), reverse=True))
        return Resolution(
            professions=[m for m in ranked if m.kind == "profession"],
            places=[m for m in ranked if m.kind == "place"],
            topics=[m for m in ranked if m.kind == "topic"],
            services=[m for m in ranked if m.kind == "service"],
        )

    def _candidates(self, forms: set[str]) -> dict[str, float]:
        """Indexed forms a typed word may stand for, with their similarity."""
        found: dict[str, float] = {}
        for form in forms:
            if form in self._all_forms:
                found[form] = 1.0
            if len(form) < 5 or _with_arabic_article(form, forms):
                continue  # "المدن" (the cities) is no typo of "إمدن" (Emden): its stem is looked up
            # One typo in a short word, two in a long one ("nurce", "krankenschwster"); two
            # letters swapped count as one ("Auirch", optimal string alignment).
            allowed = 1 if len(form) < 8 else 2
            for known, distance, _ in process.extract(
                form, self._vocabulary, scorer=OSA.distance, score_cutoff=allowed, limit=8
            ):
                if known in _COMMON_WORDS:
                    continue  # "wohne" is no typo of the municipality Ohne
                found[known] = max(found.get(known, 0.0), 0.95 - 0.05 * distance)
            for known in self._by_prefix.get(form[:_STEM], ()):
                if _inflected(form, known):
                    found[known] = max(found.get(known, 0.0), 0.95)
        return found

    def _score_at(
        self, phrase: _Phrase, candidates: list[dict[str, float]], start: int, first: float
    ) -> float:
        if start + len(phrase.tokens) > len(candidates):
            return 0.0
        scores = [first]
        for offset, token_forms in enumerate(phrase.tokens[1:], 1):
            typed = candidates[start + offset]
            scores.append(max((typed.get(f, 0.0) for f in token_forms), default=0.0))
        return min(scores) * 0.5 + sum(scores) / len(scores) * 0.5


def _outside_longer(ranked: list[Match]) -> list[Match]:
    """Without the topics and services named only inside a longer phrase of the same kind.

    "Kita-Anmeldung" names childcare; the "Anmeldung" inside it names no registration.
    """

    def inside(m: Match, other: Match) -> bool:
        return (
            other.kind == m.kind and other.id != m.id and other.words > m.words
            and other.start <= m.start and m.end <= other.end
        )  # fmt: skip

    return [
        m for m in ranked
        if m.kind not in ("topic", "service") or not any(inside(m, o) for o in ranked)
    ]  # fmt: skip


#: German and English function words (spaCy's stop-word lists): alone, such a word is no
#: name, whatever language's keyword or which place it resembles.
_COMMON_WORDS = frozenset(normalise(word) for word in (*GERMAN_STOP_WORDS, *ENGLISH_STOP_WORDS))


#: The letters an inflected form shares with its base form at least.
_STEM = 5


def _with_arabic_article(form: str, forms: set[str]) -> bool:
    """Whether ``form`` is an Arabic word with its article whose stem is among ``forms``."""
    return any(
        form.startswith(prefix) and form[len(prefix) :] in forms for prefix in _ARABIC_PREFIXES
    )


def _inflected(typed: str, known: str) -> bool:
    """``typed`` is ``known`` with an ending: "enfermeras" ~ "enfermera", "медсестрою" ~ "медсестра"."""
    common = 0
    for a, b in zip(typed, known, strict=False):
        if a != b:
            break
        common += 1
    return common >= max(_STEM, len(known) - 2) and len(typed) - common <= 4


def phrases(knowledge: KnowledgeBase) -> Iterator[tuple[Kind, str, str]]:
    """Every (kind, id, phrase) a message may use to name a record."""
    for kind, record_id, text, _ in _phrases_with_language(knowledge):
        yield kind, record_id, text


def _phrases_with_language(
    knowledge: KnowledgeBase,
) -> Iterator[tuple[Kind, str, str, str | None]]:
    """:func:`phrases` with the language each is written in (None: names of places)."""
    for profession_id, profession in knowledge.professions.items():
        yield from _named("profession", profession_id, profession.name, profession.synonyms)
    for place_id, place in knowledge.municipalities.items():
        for place_name in [place.name, place.official_name, *place.aliases]:
            if place_name:
                yield "place", place_id, place_name, None
    for district_id, district in knowledge.districts.items():
        for name in [district.name, *district.aliases]:
            yield "place", district_id, name, None
    for service_id, service in knowledge.services.items():
        yield from _named("service", service_id, service.name, service.words)
    for topic_id, topic in knowledge.topics.items():
        yield from _named("topic", topic_id, topic.title, topic.keywords)


def _named(
    kind: Kind, record_id: str, name: Translated, words: Keywords | Synonyms
) -> Iterator[tuple[Kind, str, str, str | None]]:
    """A record's German and English name and its words in each language."""
    yield kind, record_id, name.de, "de"
    yield kind, record_id, name.en, "en"
    for language, written in words:
        for word in written:
            yield kind, record_id, word, language


def vocabulary(knowledge: KnowledgeBase) -> list[str]:
    """Every phrase text of ``knowledge`` (the words the lemmatiser must know)."""
    return [text for _, _, text in phrases(knowledge)]
