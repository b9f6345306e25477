"""Which translations a reply used, so that it can say once that they are unreviewed or missing.

Texts are looked up deep inside the answer builders (a fact line, a partner's notes); the
reply is put together far above them. Rather than pass a flag through every builder,
:meth:`bot.knowledge.schema.Translated.in_language` notes each use here, and the dialogue
reads what a turn used (:func:`tracking`). Outside a ``tracking`` block nothing is noted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class TranslationUse:
    """The languages a turn used an unreviewed translation in, or had none in (fell back)."""

    unreviewed: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)


_CURRENT: ContextVar[TranslationUse | None] = ContextVar("translation_use", default=None)


def note_use(language: str, *, missing: bool, unreviewed: bool) -> None:
    """Note that a text was shown in ``language`` (called by ``Translated.in_language``)."""
    use = _CURRENT.get()
    if use is None:
        return
    if missing:
        use.missing.add(language)
    elif unreviewed:
        use.unreviewed.add(language)


@contextmanager
def tracking() -> Iterator[TranslationUse]:
    """Collect the translations used inside the block (one conversation turn)."""
    use = TranslationUse()
    token = _CURRENT.set(use)
    try:
        yield use
    finally:
        _CURRENT.reset(token)
