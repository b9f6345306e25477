"""Which language a chat message is in, and whether it asks to switch language.

Short chat messages defeat statistical detectors ("Hallo", "Hi"), so this counts
words and letters that only one language uses; alphabets (Arabic, Cyrillic) and
letters of one language ("ơ", "ş", "ă") decide on their own. The assistant answers
in the eight languages of :data:`SUPPORTED`; a message clearly in another one
(Russian, say) gets a notice in it. Messages that give no evidence return ``None``:
the conversation's language stays. Standard library only: the Rasa environment
imports this module too.
"""

from __future__ import annotations

import re

#: Languages the assistant answers in, the first being the default.
SUPPORTED = ("de", "en", "es", "ar", "uk", "ro", "tr", "vi")
#: "Hello" in each, for a channel whose first message carries no words (Telegram's /start).
GREETINGS = {
    "de": "Hallo", "en": "Hello", "es": "Hola", "ar": "مرحبا", "uk": "Привіт", "ro": "Bună ziua",
    "tr": "Merhaba", "vi": "Xin chào",
}  # fmt: skip
#: Languages written from right to left (the widget lays them out so).
RIGHT_TO_LEFT = frozenset({"ar"})

# Common words of each language, also as people type them without diacritics: evidence
# for a Latin-script language when no letter of its own shows it ("donde esta el jobcenter").
_WORDS = {
    "de": """
        hallo moin servus grüß gruß gott guten tag morgen abend tschüss tschüs wiedersehen bis bald
        danke bitte ja nein und oder ich du sie wir ihr mein meine bin ist sind habe hast hat wo wie
        was wer warum wann welche welcher kann können möchte brauche nicht kein keine eine einen der
        das dem den für mit auf aus bei nach von zu im ins schönen vielen dank deutsch
        hilfe gerne auch noch wohne komme suche gibt es mich mir
        """,
    "en": """
        hello hi hey good morning evening afternoon bye goodbye thanks thank you please yes no and
        or i you we they my me is are have has where how what who why when which can could would
        like need not the a for with from at to of english work job flat apartment
        recognition help see later cheers live looking there get do does
        immigration office agency employment counselling centre
        never mind send it this that don't won't i'm i'd i've i'll it's can't doesn't what's
        """,
    "es": """
        hola buenas buenos dias días tardes noches gracias muchas favor soy estoy tengo tiene
        quiero quisiera necesito puedo puede dónde donde cómo como qué que cuánto cuanto cuándo
        cuando trabajo trabajar ayuda el la los las una del al para por con mi mis en
        entiendo hablo comprendo sé eso esto qué cuál cual y mejor acuerdo ya voy te lo nos muy
        eres bueno sí gratis asesor despido es un
        hay esta está oficina oficinas vivo vivir reconocimiento título titulo visado cita
        también tambien pero adiós adios hasta luego español espanol cuesta mucho
        enfermera enfermero ingeniero médico alemania alemán aleman señor ustedes usted
        """,
    "ro": """
        bună buna ziua seara mulțumesc multumesc mersi vă va rog sunt este unde cum ce când
        cand cât lucrez muncă munca lucru ajutor vreau aș avea nu pentru cu
        din în sau și mea meu locuiesc recunoaștere recunoastere diplomă viză viza
        trebuie puteți puteti poate unei unui revedere română romana
        asistentă asistenta inginer germania sa să ma mă pot e cine copilul masina mașina fac
        ceva sunteti sunteți datele mele dreptul cererea cineva fara fără ieftina ieftină curând
        curand gratuit ani despre aici acum ajung
        """,
    "tr": """
        merhaba selam günaydın gunaydin iyi günler gunler teşekkürler tesekkurler teşekkür
        tesekkur ederim sağ sag ol lütfen lutfen nerede nasıl nasil zaman kaç kac benim
        siz iş işi çalışmak calismak çalışıyorum istiyorum yardım yardim var yok mı
        mü evet hayır hayir için icin ile ve veya bir bu şu nerde denklik vize randevu
        izni almanya almanca türkçe turkce hemşire hemsire mühendis muhendis
        yapabilir miyim misiniz lazım lazim gerekiyor hoşça hosca görüşürüz gorusuruz mi mu
        ne nedir nereye gerekli ucretsiz ücretsiz olur beni biri kim kimler sen kimsin sagol
        sağol adresi yerine icin en fazla kadar varmis varmış diye veriyor veriyolar yardimi
        yardımı
        """,
    "vi": """
        xin chào chao tôi toi là cảm ơn làm lam việc viec giúp giup đỡ bạn
        em anh chị ở đâu dau không khong có được duoc nào của cua và
        với voi muốn muon cần hỏi hoi thế bao nhiêu nhieu tiền tien công
        tiếng tieng việt viet đức bằng cấp thị thực gì gi nguoi người vay vậy dang đang ky ký
        truong trường thoi thời tiet tiết lop lớp thue thuế doan đoàn tu gia dinh đình giay giấy
        sap sắp het hết tuyen tuyển dieu điều duong dưỡng nuoc nước ngoai ngoài cong ty nao lam
        tra trả loi lời hen hẹn gap gặp lai lại xanh ghi gio giờ phai phải tiep tiếp nam năm
        co ko dc khi cho bat bắt buoc buộc dong đóng chon chọn nghe noi nói roi rồi thi thì
        """,
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
# ö and ü are Turkish letters too; ä and ß are German only.
_GERMAN_LETTERS = re.compile(r"[äß]")
# Words with their apostrophe ("don't"): a contraction is a word of its language.
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)

# An explicit request for a language: "auf Englisch bitte", "in English please", "English?",
# "can you answer in German", "en español por favor", "بالعربي", "українською будь ласка",
# "în română", "Türkçe yazar mısınız", "bằng tiếng Việt". A language named as a subject
# ("learn German", "Deutschkurs", "German courses") is not a request.
_NAMES = {
    "en": r"(english|englisch|inglés|ingles|engleză|engleza|ingilizce|англійськ\w*|"
    r"الإنجليزية|الانجليزية|انجليزي|انكليزي|tiếng anh|tieng anh)",
    "de": r"(deutsch|german|alemán|aleman|almanca|germană|germana|німецьк\w*|الألمانية|"
    r"الالمانية|ألماني|الماني|tiếng đức|tieng duc)",
    "es": r"(español|espanol|spanisch|spanish|castellano|spaniolă|spaniola|ispanyolca|"
    r"іспанськ\w*|الإسبانية|الاسبانية|tiếng tây ban nha|tieng tay ban nha)",
    "ar": r"(arabic|arabisch|árabe|arabe|arabă|araba|arapça|arapca|арабськ\w*|"
    r"العربية|العربي|عربي|بالعربي|بالعربية|tiếng ả rập|tieng a rap)",
    "uk": r"(ukrainian|ukrainisch|ucraniano|ucraineană|ucraineana|ukraynaca|українськ\w*|"
    r"по-українськи|украинск\w*|الأوكرانية|tiếng ukraina|tieng ukraina)",
    "ro": r"(romanian|rumänisch|rumano|română|romana|românește|romaneste|rumence|румунськ\w*|"
    r"الرومانية|tiếng rumani|tieng rumani)",
    "tr": r"(turkish|türkisch|turco|turcă|turca|türkçe|turkce|турецьк\w*|التركية|تركي|"
    r"tiếng thổ nhĩ kỳ|tieng tho nhi ky)",
    "vi": r"(vietnamese|vietnamesisch|vietnamita|vietnameză|vietnameza|vietnamca|"
    r"в'єтнамськ\w*|الفيتنامية|tiếng việt|tieng viet)",
}
# "in", "auf", "en" (es), "în"/"pe" (ro), "bằng" (vi), "باللغة" (ar). Not Ukrainian "на": "поміняти
# на німецьке" is "exchange for a German one"; "українською" says "in Ukrainian" on its own.
_IN = r"(auf|in|en|în|pe|bằng|bang|باللغة)"
_ASK = (
    r"(bitte|please|antworten|antworte|answer|reply|respond|write|schreiben|schreib|por favor|"
    r"responde|responder|respóndeme|respondeme|escribe|escribir|habla|hablas|hablar|"
    r"من فضلك|رجاء|أرجو|اكتب|رد|تكلم|تتكلم|تحكي|будь ласка|відповідай|відповідайте|пишіть|"
    r"пиши|говори|говорите|розмовляєте|te rog|vă rog|va rog|răspunde|raspunde|"
    r"răspundeți|raspundeti|scrie|scrieți|vorbiți|vorbiti|vorbești|vorbesti|lütfen|lutfen|"
    r"konuş\w*|konus\w*|yaz\w*|cevap\w*|vui lòng|làm ơn|lam on|nói|noi|trả lời|tra loi|viết|viet)"
)
# "Can you speak English?", "Sprechen Sie Englisch?" — but not "does he need to speak German?".
_YOU_SPEAK = (
    r"((you|sie|du)\s+(speak|talk|sprechen|sprichst)|(speak|sprechen|sprichst)\s+(you|sie|du))"
)
_SWITCH = [
    (
        language,
        re.compile(
            rf"(^|\s){_IN}\s+{name}(?!\w)|^\W*{name}\W*({_ASK}\W*)?$"
            rf"|(?<!\w){_ASK}(?!\w)[^.?!]*(?<!\w){name}(?!\w)"
            rf"|(?<!\w){name}\s+{_ASK}(?!\w)|\b{_YOU_SPEAK}\b[^.?!]*\b{name}\b",
            re.IGNORECASE,
        ),
    )
    for language, name in _NAMES.items()
]
# "Ich verstehe kein Deutsch", "I don't speak English": a request for the other language.
_NEGATION = re.compile(r"\b(kein|keine|nicht|don't|dont|do not|cannot|can't|no)\b", re.IGNORECASE)
_UNDERSTAND = re.compile(r"\b(sprech\w*|versteh\w*|speak|understand|read|lesen)\b", re.IGNORECASE)
_DO_NOT_UNDERSTAND = re.compile(
    r"(no entiendo|no hablo|no comprendo|nu înțeleg|nu inteleg|nu vorbesc|anlamıyorum|"
    r"anlamiyorum|bilmiyorum|konuşamıyorum|не розумію|не говорю|не розмовляю|لا أفهم|"
    r"لا افهم|لا أتكلم|لا اتكلم|ما بفهم|không hiểu|khong hieu|không biết|khong biet)",
    re.IGNORECASE,
)
_NAMED = {
    language: re.compile(rf"(?<!\w){name}(?!\w)", re.IGNORECASE)
    for language, name in _NAMES.items()
}


# The word "language" in the eight: "other languages?", "¿otro idioma?", "لغة أخرى", "іншою мовою".
_LANGUAGE_WORD = re.compile(
    r"(sprache|language|idioma|lengua|لغة|لغات|اللغة|мов[аиоуі]\w*|limb[aăi]\w*|"
    r"\bdil\w*|ngôn ngữ|ngon ngu|tiếng nào|tieng nao)",
    re.IGNORECASE,
)


def asks_about_languages(text: str) -> bool:
    """Whether ``text`` speaks of languages at all ("Sprechen Sie andere Sprachen?")."""
    return bool(_LANGUAGE_WORD.search(text))


def names_a_language(text: str) -> bool:
    """Whether ``text`` names one of the eight languages ("Deutsch", "árabe", "tiếng Việt")."""
    return any(named.search(text) for named in _NAMED.values())


def detect_language(text: str) -> str | None:
    """The language of ``text`` as a two-letter code, or ``None`` without evidence.

    Args:
        text: one user message, any length.
    """
    letters = _by_letters(text)
    if letters:
        return letters
    leaders = _by_words(text)
    if len(leaders) == 1:
        return leaders[0]
    # A tie between German or English and another language: stay with ours.
    return next((lang for lang in ("de", "en") if lang in leaders), None)


def _by_letters(text: str) -> str | None:
    """The language an alphabet or letters of its own show (Arabic, Cyrillic, "ơ", "ş")."""
    return next((language for language, letters in _SCRIPTS if letters.search(text)), None)


def _by_words(text: str) -> list[str]:
    """The languages whose common words the message uses most (several on a tie, none without)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    scores = {lang: sum(w in vocab for w in words) for lang, vocab in _VOCABULARY.items()}
    # ä and ß in a lower-case word: German nouns (the Ausländerbehörde in a Turkish question)
    # are capitalised and tell nothing about the sentence around them.
    lower = [w for w in _WORD.findall(text) if w[:1].islower()]
    scores["de"] += sum(bool(_GERMAN_LETTERS.search(w)) for w in lower)
    best = max(scores.values())
    if best == 0:
        return []
    return [lang for lang, score in scores.items() if score == best]


def requested_language(text: str) -> str | None:
    """The language a message explicitly asks for ("English please", "auf Deutsch"), if any.

    "Ich verstehe kein Deutsch" asks for English, "I don't speak English" for German, and
    "no entiendo alemán" for the language it is written in.
    """
    if (_NEGATION.search(text) and _UNDERSTAND.search(text)) or _DO_NOT_UNDERSTAND.search(text):
        for language, named in _NAMED.items():
            if named.search(text):
                written = detect_language(text)
                if written in SUPPORTED and written != language:
                    return written
                return "de" if language == "en" else "en"
    for language, pattern in _SWITCH:
        if pattern.search(text):
            return language
    return None


def choose_language(text: str, previous: str | None, phrases: str | None = None) -> str:
    """The language to answer ``text`` in: one of :data:`SUPPORTED`.

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
    if not _by_letters(text) and previous in _by_words(text):
        return previous  # "si" is Spanish and Romanian: a tie keeps the conversation's language
    detected = detect_language(text)
    if detected in SUPPORTED:
        return detected
    if phrases in SUPPORTED:
        return phrases
    if previous in SUPPORTED:
        return previous
    return SUPPORTED[0]


def foreign_language(text: str, phrases: str | None = None) -> str | None:
    """The language of ``text`` when it is clearly none the assistant answers in (Russian).

    ``phrases`` is the language of the knowledge phrases the message uses ("Kita anmeldung"):
    it outweighs common words, not an alphabet or letters of another language.
    """
    if requested_language(text):
        return None
    detected = _by_letters(text)
    return detected if detected and detected not in SUPPORTED else None
