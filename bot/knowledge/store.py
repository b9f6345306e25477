"""The live knowledge: replaced only by a version that validated completely."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.errors import KnowledgeInvalid
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.lemmas import Lemmatiser
from bot.knowledge.loader import load_knowledge
from bot.knowledge.resolve import Resolver, vocabulary

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Live:
    """One knowledge version and the resolver built for it; swapped as a whole."""

    knowledge: KnowledgeBase
    resolver: Resolver


class KnowledgeStore:
    """Holds the knowledge version that answers are served from."""

    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        """Remember the folders; nothing is read until :meth:`load`."""
        self.root = root
        self.cache_dir = cache_dir
        self._live: Live | None = None
        self._loading = threading.Lock()
        self.last_error: KnowledgeInvalid | None = None

    @property
    def live(self) -> Live:
        """The live version with its resolver.

        Raises:
            RuntimeError: :meth:`load` never succeeded.
        """
        if self._live is None:
            raise RuntimeError("knowledge has not been loaded yet")
        return self._live

    @property
    def current(self) -> KnowledgeBase:
        """The live knowledge version."""
        return self.live.knowledge

    def load(self) -> KnowledgeBase:
        """Validate the folder and make it live; on errors keep the old version.

        Safe to call from a worker thread: readers see the old or the new
        version, never a mixture.

        Raises:
            KnowledgeInvalid: the folder has errors (the live version is unchanged).
        """
        with self._loading:
            try:
                fresh = load_knowledge(self.root)
            except KnowledgeInvalid as exc:
                self.last_error = exc
                logger.error("knowledge not reloaded: %s", exc)
                raise
            if self._live is not None and self._live.knowledge.content_hash == fresh.content_hash:
                self.last_error = None
                return self._live.knowledge
            lemmatiser = Lemmatiser.for_vocabulary(vocabulary(fresh), self.cache_dir)
            self._live = Live(fresh, Resolver(fresh, lemmatiser))
            self.last_error = None
            logger.info(
                "knowledge %s is live (%d records)", fresh.content_hash[:12], fresh.record_count
            )
            return fresh
