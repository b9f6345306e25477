"""One normal form for words people type and words staff write."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)
# German umlauts typed without them ("Aerztin" must meet "Ärztin"), and the letters
# that Unicode does not decompose but keyboards often lack: Vietnamese đ, Turkish ı.
_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "đ": "d", "ı": "i"})


def normalise(text: str) -> str:
    """Case-folded, accents and punctuation removed, German umlauts spelled out.

    Arabic, Cyrillic and Vietnamese letters keep their identity; only their
    combining marks (Arabic vowel signs, Vietnamese tones) are dropped.
    """
    text = text.casefold().translate(_TRANSLITERATE)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("ـ", "")  # Arabic tatweel
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", stripped)).strip()
