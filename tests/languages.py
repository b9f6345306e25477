"""What a newcomer writes in each of the six further languages, for the whole-conversation tests.

The REST test (tests/integration/test_languages_end_to_end.py) and the widget test
(tests/browser/test_widget_languages.py) play the same conversations: an office question, a
referral with consent, and a deletion asked for in the newcomer's own words.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.index import KnowledgeBase
from bot.knowledge.required import TextId

#: The contact the newcomers leave for the counselling service.
EMAIL = "kontakt.test@example.com"


@dataclass(frozen=True)
class Conversation:
    """What a newcomer writes in one language."""

    language: str
    office_question: str
    referral_request: str
    name: str
    description: str
    deletion_request: str


CONVERSATIONS = [
    Conversation(
        "es",
        "¿Dónde está la Ausländerbehörde en Leer?",
        "Por favor, pasen mi consulta a la asesoría para migrantes en Nordhorn",
        "María López",
        "Quiero que reconozcan mi título de enfermera de Colombia.",
        "Borren mis datos, por favor",
    ),
    Conversation(
        "ar",
        "أين توجد Ausländerbehörde في Leer؟",
        "من فضلك أرسلوا طلبي إلى مركز استشارة المهاجرين في Nordhorn",
        "أحمد الخطيب",
        "أريد الاعتراف بشهادتي في التمريض من سوريا.",
        "احذفوا بياناتي من فضلكم",
    ),
    Conversation(
        "uk",
        "Де знаходиться Ausländerbehörde у Leer?",
        "Будь ласка, передайте мій запит до консультації для мігрантів у Nordhorn",
        "Олена Коваленко",
        "Я хочу визнати свій диплом медсестри з України.",
        "Видаліть мої дані, будь ласка",
    ),
    Conversation(
        "ro",
        "Unde găsesc Ausländerbehörde în Leer?",
        "Vă rog să transmiteți cererea mea la consilierea pentru migranți din Nordhorn",
        "Andreea Popescu",
        "Vreau recunoașterea diplomei mele de asistentă medicală din România.",
        "Vă rog să ștergeți datele mele",
    ),
    Conversation(
        "tr",
        "Leer'de Ausländerbehörde nerede?",
        "Lütfen talebimi Nordhorn'daki göçmen danışmanlığına iletin",
        "Ayşe Yılmaz",
        "Türkiye'deki hemşirelik diplomamın tanınmasını istiyorum.",
        "Lütfen verilerimi silin",
    ),
    Conversation(
        "vi",
        "Ausländerbehörde ở Leer ở đâu?",
        "Vui lòng chuyển yêu cầu của tôi đến tư vấn di cư ở Nordhorn",
        "Nguyễn Thị Lan",
        "Tôi muốn công nhận bằng điều dưỡng của tôi từ Việt Nam.",
        "Xin hãy xóa dữ liệu của tôi",
    ),
]


def opening(knowledge: KnowledgeBase, key: TextId, language: str) -> str:
    """The catalogue text up to its first placeholder (the part every reply shows verbatim)."""
    return knowledge.catalogue[key.value].in_language(language, noted=False).split("{")[0].strip()
