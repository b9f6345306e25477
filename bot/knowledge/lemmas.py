"""Lemmas from spaCy's lookup tables (spacy-lookups-data), pruned to the words we know.

The full German, English and Spanish tables hold about 900,000 forms and take
hundreds of megabytes; the resolver needs only the forms whose lemma is a word
of the knowledge files. Pruning is done once per vocabulary and cached on disk.
Other languages (Arabic, Romanian, Turkish, Ukrainian, Vietnamese) are matched
by prefix and typo tolerance in :mod:`bot.knowledge.resolve` instead: their
tables are either missing here (ar, uk, vi) or too large for the gain (ro, tr).
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bot.knowledge.normalise import normalise

logger = logging.getLogger(__name__)

#: Bump when :func:`normalise` or the pruning changes: cached tables are then rebuilt.
CACHE_FORMAT = 2
#: Languages whose spaCy lookup tables are used.
LEMMA_LANGUAGES = ("de", "en", "es")
WORD = re.compile(r"\w+", re.UNICODE)


def _spellings(token: str) -> tuple[str, ...]:
    # German nouns are capitalised in the tables; people often type lower case.
    return (token, token.lower(), token.capitalize())


class Lemmatiser:
    """Maps a typed word to the lemmas that occur in the knowledge files."""

    def __init__(self, forms: Mapping[int, str]) -> None:
        """``forms``: spaCy string hash of a word form → normalised lemma."""
        self._forms = dict(forms)

    def __len__(self) -> int:
        """How many word forms are known."""
        return len(self._forms)

    def lemmas(self, token: str) -> set[str]:
        """The normalised token and every lemma of it that the knowledge uses."""
        from spacy.strings import get_string_id

        found = {normalise(token)}
        for spelling in _spellings(token):
            lemma = self._forms.get(get_string_id(spelling))
            if lemma:
                found.add(lemma)
        return found

    @classmethod
    def cached(cls, words: Iterable[str], cache_dir: Path | None) -> Lemmatiser | None:
        """The lemmatiser for these words when it is in the cache (fast), else None."""
        _, cache = _cache_file(words, cache_dir)
        if cache and cache.exists():
            return cls({int(k): v for k, v in json.loads(cache.read_text()).items()})
        return None

    @classmethod
    def for_vocabulary(cls, words: Iterable[str], cache_dir: Path | None = None) -> Lemmatiser:
        """Build (or read from the cache) the lemmatiser for the words of the knowledge.

        Building takes a few seconds (the full tables are read in another process).
        """
        words = list(words)
        found = cls.cached(words, cache_dir)
        if found is not None:
            return found
        tokens, cache = _cache_file(words, cache_dir)
        # In a process of its own: the full tables take hundreds of megabytes,
        # which the long-running app server should not keep.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            forms = pool.submit(_prune_tables, tokens).result()
        if cache:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(".tmp")
            tmp.write_text(json.dumps({str(k): v for k, v in forms.items()}))
            tmp.replace(cache)
        return cls(forms)


def _cache_file(words: Iterable[str], cache_dir: Path | None) -> tuple[list[str], Path | None]:
    """The sorted tokens of ``words`` and the cache file of their lemmatiser."""
    tokens = sorted({t for w in words for t in WORD.findall(w)})
    words_and_format = "\n".join([str(CACHE_FORMAT), *tokens])
    key = hashlib.sha256(words_and_format.encode()).hexdigest()[:16]
    return tokens, (cache_dir / f"lemmas-{key}.json" if cache_dir else None)


def _prune_tables(tokens: list[str]) -> dict[int, str]:
    from spacy.lookups import load_lookups

    tables = []
    for language in LEMMA_LANGUAGES:
        tables.append(load_lookups(language, ["lemma_lookup"]).get_table("lemma_lookup"))
    # The vocabulary: every word of the knowledge, and its lemma in each language.
    vocabulary = {normalise(t) for t in tokens}
    for table in tables:
        for token in tokens:
            for spelling in _spellings(token):
                lemma = table.get(spelling)
                if lemma:
                    vocabulary.add(normalise(lemma))
    forms: dict[int, str] = {}
    for table in tables:
        for key, lemma in table.items():
            normal = normalise(lemma)
            if normal in vocabulary:
                forms.setdefault(key, normal)
    logger.info("lemma table pruned to %d forms for %d words", len(forms), len(vocabulary))
    return forms
