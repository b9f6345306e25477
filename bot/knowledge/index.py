"""The validated knowledge as the running app reads it: immutable, looked up by id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.knowledge.schema import Message


class UnknownRecord(LookupError):
    """No published record has the requested id."""


@dataclass(frozen=True)
class KnowledgeBase:
    """One consistent version of the knowledge folder."""

    messages: Mapping[str, Message]
    content_hash: str

    def message(self, message_id: str, language: str) -> str:
        """The published message ``message_id`` in ``language``.

        Raises:
            UnknownRecord: no published message has that id.
        """
        found = self.messages.get(message_id)
        if found is None or found.status != "published":
            raise UnknownRecord(f"no published message '{message_id}'")
        return found.text.in_language(language)

    @property
    def record_count(self) -> int:
        """How many records (drafts included) this version holds."""
        return len(self.messages)
