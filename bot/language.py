"""Which language a chat message is in, and whether it asks to switch language.

Short chat messages defeat statistical detectors ("Hallo", "Hi"), so this counts
words and letters that only one language uses. The assistant answers in German
or English; a message clearly in another language gets a notice in that language.
Messages that give no evidence return ``None``: the conversation's language stays.
This module uses the standard library only (the Rasa environment may import it).
"""

from __future__ import annotations

import re

#: Languages the assistant answers in, the first being the default.
SUPPORTED = ("de", "en")

_WORDS = {
    "de": """
        hallo moin servus grüß gruß gott guten tag morgen abend tschüss tschüs wiedersehen bis bald
        danke bitte ja nein und oder ich du sie wir ihr mein meine bin ist sind habe hast hat wo wie
        was wer warum wann welche welcher kann können möchte brauche nicht kein keine eine einen der
        das dem den für mit auf aus bei nach von zu im ins schönen vielen dank deutsch arbeit
        wohnung anerkennung beruf hilfe gerne auch noch wohne komme suche gibt es mich mir
        """,
    "en": """
        hello hi hey good morning evening afternoon bye goodbye thanks thank you please yes no and
        or i you we they my me is are have has where how what who why when which can could would
        like need not the a for with from at to of english work job flat apartment
        recognition help see later cheers live looking there get do does
        immigration office agency employment counselling centre
        never mind send it this that don't won't i'm i'd i've i'll it's can't doesn't what's
        """,
    "es": "hola gracias por favor soy estoy tengo quiero dónde donde cómo como qué trabajo buenos días necesito puedo ayuda",
    "tr": "merhaba teşekkürler teşekkür ederim lütfen nerede nasıl ben iş çalışmak istiyorum yardım var mı evet hayır",
    "ro": "bună buna mulțumesc multumesc vă rog sunt unde cum lucrez muncă ajutor vreau da nu este",
    "vi": "xin chào chao tôi toi là cảm ơn cam làm việc giúp đỡ",
}
_VOCABULARY = {lang: frozenset(words.split()) for lang, words in _WORDS.items()}
# "in", "am", "an" are German and English words alike: they are in neither list, so
# "in Leer" keeps the conversation's language.

# Letters that give a language away on their own.
_SCRIPTS = [
    # Arabic letters, and their presentation forms (what some keyboards and PDFs produce).
    ("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")),
    ("uk", re.compile(r"[іїєґІЇЄҐ]")),
    ("ru", re.compile(r"[ыэъЫЭЪё]")),
    ("uk", re.compile(r"[\u0400-\u04ff]")),  # other Cyrillic: most newcomers here write Ukrainian
    ("vi", re.compile(r"[đơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)),
    ("tr", re.compile(r"[ğışĞİŞ]")),
    ("ro", re.compile(r"[ăățȚșȘ]")),
    ("es", re.compile(r"[ñ¿¡]")),
]
#: Every language a message can be recognised in (a fixed message may be written in each).
RECOGNISED = tuple(dict.fromkeys([*SUPPORTED, *_WORDS, *(lang for lang, _ in _SCRIPTS)]))
_GERMAN_LETTERS = re.compile(r"[äöüß]")
# Words with their apostrophe ("don't"): a contraction is a word of its language.
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)

# An explicit request for a language: "auf Englisch bitte", "in English please", "English?",
# "can you answer in German". A language named as a subject ("learn German", "Deutschkurs",
# "German courses") is not a request.
_NAMES = {
    "en": r"(english|englisch|inglés|ingles)",
    "de": r"(deutsch|german|alemán|aleman|almanca)",
}
_ASK = r"(bitte|please|antworten|antworte|answer|reply|respond|write|schreiben|schreib)"
# "Can you speak English?", "Sprechen Sie Englisch?" — but not "does he need to speak German?".
_YOU_SPEAK = (
    r"((you|sie|du)\s+(speak|talk|sprechen|sprichst)|(speak|sprechen|sprichst)\s+(you|sie|du))"
)
_SWITCH = [
    (
        language,
        re.compile(
            rf"\b(auf|in|en)\s+{name}\b|^\W*{name}\W*({_ASK}\W*)?$|\b{_ASK}\b[^.?!]*\b{name}\b"
            rf"|\b{name}\s+{_ASK}\b|\b{_YOU_SPEAK}\b[^.?!]*\b{name}\b",
            re.IGNORECASE,
        ),
    )
    for language, name in _NAMES.items()
]
# "Ich verstehe kein Deutsch", "I don't speak English": a request for the other language.
_NEGATION = re.compile(r"\b(kein|keine|nicht|don't|dont|do not|cannot|can't|no)\b", re.IGNORECASE)
_UNDERSTAND = re.compile(r"\b(sprech\w*|versteh\w*|speak|understand|read|lesen)\b", re.IGNORECASE)
_NAMED = {language: re.compile(rf"\b{name}\b", re.IGNORECASE) for language, name in _NAMES.items()}


def detect_language(text: str) -> str | None:
    """The language of ``text`` as a two-letter code, or ``None`` without evidence.

    Args:
        text: one user message, any length.
    """
    return _by_letters(text) or _by_words(text)


def _by_letters(text: str) -> str | None:
    """The language an alphabet or letters of its own show (Arabic, Cyrillic, "ơ", "ş")."""
    return next((language for language, letters in _SCRIPTS if letters.search(text)), None)


def _by_words(text: str) -> str | None:
    """The language whose common words the message uses most; weaker evidence than letters."""
    words = [w.casefold() for w in _WORD.findall(text)]
    scores = {lang: sum(w in vocab for w in words) for lang, vocab in _VOCABULARY.items()}
    scores["de"] += sum(bool(_GERMAN_LETTERS.search(w)) for w in words)
    best = max(scores.values())
    if best == 0:
        return None
    leaders = [lang for lang, score in scores.items() if score == best]
    if len(leaders) == 1:
        return leaders[0]
    # A tie between German or English and a third language: stay with ours.
    return next((lang for lang in SUPPORTED if lang in leaders), None)


def requested_language(text: str) -> str | None:
    """The language a message explicitly asks for ("English please", "auf Deutsch"), if any.

    "Ich verstehe kein Deutsch" asks for English, "I don't speak English" for German.
    """
    if _NEGATION.search(text) and _UNDERSTAND.search(text):
        for language, named in _NAMED.items():
            if named.search(text):
                return "de" if language == "en" else "en"
    for language, pattern in _SWITCH:
        if pattern.search(text):
            return language
    return None


def choose_language(text: str, previous: str | None, phrases: str | None = None) -> str:
    """The language to answer ``text`` in: German or English.

    An explicit request wins; then what the message is written in; then the
    language of the knowledge's phrases it uses; then the conversation's
    language so far; German when nothing is known.

    Args:
        text: the latest user message.
        previous: the language used so far in the conversation, if any.
        phrases: the language of the knowledge phrases the message uses, if they tell one.
    """
    requested = requested_language(text)
    if requested:
        return requested
    detected = detect_language(text)
    if detected in SUPPORTED:
        return detected
    if phrases in SUPPORTED:
        return phrases
    if previous in SUPPORTED:
        return previous
    return SUPPORTED[0]


def foreign_language(text: str, phrases: str | None = None) -> str | None:
    """The language of ``text`` when it is clearly neither German nor English.

    ``phrases`` is the language of the knowledge phrases the message uses ("Kita anmeldung"):
    it outweighs common words ("da", "portal" read as Romanian), not an alphabet or letters
    of another language ("Tôi cần Ausländerbehörde ở đâu?" stays Vietnamese).
    """
    if requested_language(text):
        return None
    detected = _by_letters(text)
    if detected is None and phrases not in SUPPORTED:
        detected = _by_words(text)
    return detected if detected and detected not in SUPPORTED else None
