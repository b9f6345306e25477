"""The validated knowledge as the running app reads it: immutable, published records only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.required import MessageId, TextId
from bot.knowledge.schema import (
    AspectWords,
    District,
    Message,
    Municipality,
    Offices,
    Partner,
    Profession,
    Record,
    Service,
    TextGroup,
    Topic,
    Translated,
    Vocabulary,
)
from bot.knowledge.translations import TranslationInfo


class UnknownRecord(LookupError):
    """No published record has the requested id."""


@dataclass(frozen=True)
class KnowledgeBase:
    """One consistent version of the knowledge folder."""

    content_hash: str
    messages: Mapping[str, Message] = field(default_factory=dict)
    texts: Mapping[str, TextGroup] = field(default_factory=dict)
    aspects: Mapping[str, AspectWords] = field(default_factory=dict)
    vocabulary: Mapping[str, Vocabulary] = field(default_factory=dict)
    services: Mapping[str, Service] = field(default_factory=dict)
    districts: Mapping[str, District] = field(default_factory=dict)
    municipalities: Mapping[str, Municipality] = field(default_factory=dict)
    partners: Mapping[str, Partner] = field(default_factory=dict)
    professions: Mapping[str, Profession] = field(default_factory=dict)
    topics: Mapping[str, Topic] = field(default_factory=dict)
    drafts: int = 0
    #: Every published text by key, from all of ``texts`` (the loader checks each key is unique).
    catalogue: Mapping[str, Translated] = field(default_factory=dict)
    #: Every record, drafts included, by folder kind (for staff reports, never for answers).
    all_records: Mapping[str, Mapping[str, Record]] = field(default_factory=dict)
    #: The translation files read (for the staff report: which are unreviewed).
    translations: tuple[TranslationInfo, ...] = ()

    @classmethod
    def build(
        cls,
        records: Mapping[str, Mapping[str, Any]],
        content_hash: str,
        translations: tuple[TranslationInfo, ...] = (),
    ) -> KnowledgeBase:
        """Keep the published records of each kind; count the drafts."""

        def published(kind: str) -> dict[str, Any]:
            return {i: r for i, r in records.get(kind, {}).items() if r.status == "published"}

        total = sum(len(v) for v in records.values())
        kinds = {
            "messages": published("messages"),
            "texts": published("texts"),
            "aspects": published("aspects"),
            "vocabulary": published("vocabulary"),
            "services": published("services"),
            "districts": published("regions/districts"),
            "municipalities": published("regions/municipalities"),
            "partners": published("partners"),
            "professions": published("professions"),
            "topics": published("topics"),
        }
        catalogue = {k: t for group in kinds["texts"].values() for k, t in group.texts.items()}
        return cls(
            content_hash=content_hash,
            catalogue=catalogue,
            drafts=total - sum(map(len, kinds.values())),
            all_records=records,
            translations=translations,
            **kinds,
        )

    @property
    def record_count(self) -> int:
        """How many published records this version serves."""
        return sum(len(kind) for kind in self.kinds().values())

    def kinds(self) -> dict[str, Mapping[str, Record]]:
        """Every published record, by kind."""
        return {
            "messages": self.messages,
            "texts": self.texts,
            "aspects": self.aspects,
            "vocabulary": self.vocabulary,
            "services": self.services,
            "districts": self.districts,
            "municipalities": self.municipalities,
            "partners": self.partners,
            "professions": self.professions,
            "topics": self.topics,
        }

    def message(self, message_id: MessageId, language: str) -> str:
        """The published message ``message_id`` in ``language``.

        Raises:
            UnknownRecord: no published message has that id (the loader refuses
                such a version, so only a hand-built knowledge base can lack one).
        """
        found = self.messages.get(message_id.value)
        if found is None:
            raise UnknownRecord(f"no published message '{message_id}'")
        if language in found.translations:
            return found.translations[language]
        return found.text.in_language(language, noted=False)

    def text(self, key: TextId, language: str, /, **values: object) -> str:
        """The catalogue's text ``key`` in ``language`` (English if missing), ``values`` filled in.

        Raises:
            UnknownRecord: no published text has that key (the loader refuses such a
                version, so only a hand-built knowledge base can lack one).
        """
        found = self.catalogue.get(key.value)
        if found is None:
            raise UnknownRecord(f"no published text '{key.value}'")
        return found.in_language(language, noted=False).format(**values)

    def language_name(self, code: str, language: str) -> str:
        """What the language ``code`` is called in ``language`` ("Arabisch"); the code if unnamed."""
        try:
            key = TextId(f"language_{code}")
        except ValueError:
            return code
        return self.text(key, language)

    def endonym(self, code: str) -> str:
        """The language ``code`` named in itself, as a menu shows it ("Español", "Українська")."""
        name = self.language_name(code, code)
        # "українська", "română" begin with a small letter inside a sentence.
        return name[:1].upper() + name[1:]

    def district_of(self, municipality_id: str) -> District:
        """The district a municipality belongs to."""
        return self.districts[self.municipalities[municipality_id].district]

    def offices_for(self, municipality_id: str) -> Offices:
        """Responsible offices: the municipality's own, else its Samtgemeinde's, else its district's."""
        place = self.municipalities[municipality_id]
        layers = [place.offices]
        if place.samtgemeinde:
            layers.append(self.municipalities[place.samtgemeinde].offices)
        layers.append(self.districts[place.district].offices)
        merged = {
            name: next((getattr(layer, name) for layer in layers if getattr(layer, name)), None)
            for name in Offices.model_fields
        }
        return Offices(**merged)
