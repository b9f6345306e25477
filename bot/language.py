"""Tell German from English in a chat message.

Short chat messages defeat statistical detectors ("Hallo", "Hi"), so this counts
words and spellings that only one of the two languages uses. Messages that give
no evidence return ``None`` and the caller keeps the language it already had.
"""

from __future__ import annotations

import re

#: Languages the assistant answers in, the first being the default.
SUPPORTED = ("de", "en")

_GERMAN = frozenset(
    """
    hallo moin servus grüß gruß gott guten tag morgen abend tschüss tschüs ciao
    wiedersehen bis bald danke bitte ja nein und oder ich du sie wir ihr mein
    meine bin ist sind habe hast hat wo wie was wer warum wann welche welcher
    kann können möchte brauche nicht kein keine eine einen der die das dem
    den für mit auf aus bei nach von zu im ins schönen vielen dank
    deutsch arbeit wohnung anerkennung beruf hilfe gerne
    """.split()
)

_ENGLISH = frozenset(
    """
    hello hi hey good morning evening afternoon bye goodbye thanks thank you
    please yes no and or i you we they my me am is are have has where how what
    who why when which can could would like need not the a an for with from at
    to in of english work job flat apartment recognition help see later cheers
    """.split()
)

# Spellings that occur in German words only.
_GERMAN_LETTERS = re.compile(r"[äöüß]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str | None:
    """Return ``"de"`` or ``"en"`` for ``text``, or ``None`` when it gives no evidence.

    Args:
        text: one user message, any length.
    """
    words = [w.casefold() for w in _WORD.findall(text)]
    german = sum(w in _GERMAN for w in words)
    english = sum(w in _ENGLISH for w in words)
    german += sum(bool(_GERMAN_LETTERS.search(w)) for w in words)
    if german > english:
        return "de"
    if english > german:
        return "en"
    return None


def choose_language(text: str, previous: str | None) -> str:
    """The language to answer ``text`` in, falling back to the conversation's.

    Args:
        text: the latest user message.
        previous: the language used so far in the conversation, if any.
    """
    detected = detect_language(text)
    if detected:
        return detected
    if previous in SUPPORTED:
        return previous
    return SUPPORTED[0]
