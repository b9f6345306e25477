"""The live knowledge: replaced only by a version that validated completely."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.knowledge.errors import KnowledgeInvalid
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.loader import load_knowledge

logger = logging.getLogger(__name__)


class KnowledgeStore:
    """Holds the knowledge version that answers are served from."""

    def __init__(self, root: Path) -> None:
        """Remember the folder; nothing is read until :meth:`load`."""
        self.root = root
        self._current: KnowledgeBase | None = None
        self.last_error: KnowledgeInvalid | None = None

    @property
    def current(self) -> KnowledgeBase:
        """The live version.

        Raises:
            RuntimeError: :meth:`load` never succeeded.
        """
        if self._current is None:
            raise RuntimeError("knowledge has not been loaded yet")
        return self._current

    def load(self) -> KnowledgeBase:
        """Validate the folder and make it live; on errors keep the old version.

        Raises:
            KnowledgeInvalid: the folder has errors (the live version is unchanged).
        """
        try:
            fresh = load_knowledge(self.root)
        except KnowledgeInvalid as exc:
            self.last_error = exc
            logger.error("knowledge not reloaded: %s", exc)
            raise
        self._current = fresh
        self.last_error = None
        logger.info(
            "knowledge %s is live (%d records)", fresh.content_hash[:12], fresh.record_count
        )
        return fresh
