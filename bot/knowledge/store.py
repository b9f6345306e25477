"""The live knowledge: replaced only by a version that validated completely."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.errors import KnowledgeInvalid
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.lemmas import Lemmatiser
from bot.knowledge.loader import ParseCache, load_knowledge
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
        self._parsed: ParseCache = {}
        self._lemmatiser: Lemmatiser | None = None
        self._lemmatiser_words: list[str] = []
        self.last_error: KnowledgeInvalid | None = None
        #: Set when the folder could not even be looked at (reported in /health).
        self.watch_problem: str | None = None

    @property
    def live(self) -> Live:
        """The live version with its resolver.

        Raises:
            RuntimeError: :meth:`load` never succeeded.
        """
        if self._live is None:
            raise RuntimeError("knowledge has not been loaded yet")
        return self._live

    def note_watch_problem(self, problem: str | None) -> None:
        """Remember why the folder could not be watched (None: it can again)."""
        self.watch_problem = problem

    def refused_reasons(self, shown_from: Path) -> list[str]:
        """Every error of the last refused change, as ``file:line reason`` relative to ``shown_from``.

        The servers pass the knowledge folder's parent, so paths read ``knowledge/…`` as in ``make check``.
        """
        return [e.format(shown_from) for e in self.last_error.errors] if self.last_error else []

    @property
    def current(self) -> KnowledgeBase:
        """The live knowledge version."""
        return self.live.knowledge

    def load(self) -> KnowledgeBase:
        """Validate the folder and make it live; on errors keep the old version.

        Safe to call from a worker thread: readers see the old or the new
        version, never a mixture. Only changed files are parsed again. When a
        change brings new words, the version goes live at once with the lemma
        table it has, and the table for the new words (a few seconds to build)
        follows in the background, so an edit is answered from within seconds.

        Raises:
            KnowledgeInvalid: the folder has errors (the live version is unchanged).
        """
        with self._loading:
            try:
                fresh = load_knowledge(self.root, self._parsed)
            except KnowledgeInvalid as exc:
                self.last_error = exc
                logger.error("knowledge not reloaded: %s", exc)
                raise
            self.last_error = None
            if self._live is not None and self._live.knowledge.content_hash == fresh.content_hash:
                return self._live.knowledge
            words = vocabulary(fresh)
            lemmatiser = self._lemmatiser_for(words)
            self._live = Live(fresh, Resolver(fresh, lemmatiser))
            logger.info(
                "knowledge %s is live (%d records)", fresh.content_hash[:12], fresh.record_count
            )
            return fresh

    def _lemmatiser_for(self, words: list[str]) -> Lemmatiser:
        if self._lemmatiser is not None and words == self._lemmatiser_words:
            return self._lemmatiser
        found = Lemmatiser.cached(words, self.cache_dir)
        if found is None and self._lemmatiser is not None:
            threading.Thread(
                target=self._complete_lemmas, args=(words,), name="lemmas", daemon=True
            ).start()
            return self._lemmatiser
        found = found or Lemmatiser.for_vocabulary(words, self.cache_dir)
        self._lemmatiser, self._lemmatiser_words = found, words
        return found

    def _complete_lemmas(self, words: list[str]) -> None:
        """Build the lemma table for ``words``; rebuild the resolver if they are still live."""
        try:
            lemmatiser = Lemmatiser.for_vocabulary(words, self.cache_dir)
        except Exception:
            # The version stays live with the older table: exact words still match.
            logger.exception("building the lemma table for new words failed")
            return
        with self._loading:
            live = self._live
            if live is None or vocabulary(live.knowledge) != words:
                return  # a later version replaced it; that one builds its own table
            self._lemmatiser, self._lemmatiser_words = lemmatiser, words
            self._live = Live(live.knowledge, Resolver(live.knowledge, lemmatiser))
            logger.info("knowledge %s: lemma table complete", live.knowledge.content_hash[:12])
