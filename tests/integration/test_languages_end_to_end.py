"""A whole conversation in each of the six further languages through the REST channel.

Each asks for an office, is passed on to a counselling service with consent (the partner
receives the case by e-mail) and has its data deleted, and reads every reply in its own
language. The expected sentences come from the repository's catalogue in that language, so
the test fails when a flow falls back to German or English.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.knowledge.index import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.knowledge.required import TextId
from bot.language import detect_language
from bot.ops.assistant import Assistant
from bot.settings import PROJECT_ROOT
from tests.referrals.conftest import PARTNER_INBOX, add_referral_channels
from tests.referrals.receivers import SmtpServer
from tests.support import free_port, say, settings_for

pytestmark = pytest.mark.rasa

EMAIL = "kontakt.test@example.com"


@dataclass(frozen=True)
class Conversation:
    """What a newcomer writes in one language."""

    language: str
    office_question: str
    referral_request: str
    name: str
    description: str


CONVERSATIONS = [
    Conversation(
        "es",
        "¿Dónde está la Ausländerbehörde en Leer?",
        "Por favor, pasen mi consulta a la asesoría para migrantes en Nordhorn",
        "María López",
        "Quiero que reconozcan mi título de enfermera de Colombia.",
    ),
    Conversation(
        "ar",
        "أين توجد Ausländerbehörde في Leer؟",
        "من فضلك أرسلوا طلبي إلى مركز استشارة المهاجرين في Nordhorn",
        "أحمد الخطيب",
        "أريد الاعتراف بشهادتي في التمريض من سوريا.",
    ),
    Conversation(
        "uk",
        "Де знаходиться Ausländerbehörde у Leer?",
        "Будь ласка, передайте мій запит до консультації для мігрантів у Nordhorn",
        "Олена Коваленко",
        "Я хочу визнати свій диплом медсестри з України.",
    ),
    Conversation(
        "ro",
        "Unde găsesc Ausländerbehörde în Leer?",
        "Vă rog să transmiteți cererea mea la consilierea pentru migranți din Nordhorn",
        "Andreea Popescu",
        "Vreau recunoașterea diplomei mele de asistentă medicală din România.",
    ),
    Conversation(
        "tr",
        "Leer'de Ausländerbehörde nerede?",
        "Lütfen talebimi Nordhorn'daki göçmen danışmanlığına iletin",
        "Ayşe Yılmaz",
        "Türkiye'deki hemşirelik diplomamın tanınmasını istiyorum.",
    ),
    Conversation(
        "vi",
        "Ausländerbehörde ở Leer ở đâu?",
        "Vui lòng chuyển yêu cầu của tôi đến tư vấn di cư ở Nordhorn",
        "Nguyễn Thị Lan",
        "Tôi muốn công nhận bằng điều dưỡng của tôi từ Việt Nam.",
    ),
]


@pytest.fixture(scope="module")
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def assistant(
    trained_model: Path, smtp: SmtpServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Assistant]:
    state = tmp_path_factory.mktemp("languages-assistant")
    shutil.copytree(PROJECT_ROOT / "knowledge", state / "knowledge")
    add_referral_channels(state / "knowledge", "https://127.0.0.1:9/unused")
    settings = settings_for(
        state, EMS_KNOWLEDGE_DIR=str(state / "knowledge"), EMS_SMTP_HOST="127.0.0.1",
        EMS_SMTP_PORT=str(smtp.port), EMS_OUTBOX_POLL_SECONDS="0.5",
    )  # fmt: skip
    with Assistant(settings, trained_model) as running:
        yield running


@pytest.fixture(scope="module")
def knowledge() -> KnowledgeBase:
    return load_knowledge(PROJECT_ROOT / "knowledge")


def _texts(replies: list[dict[str, object]]) -> str:
    return "\n".join(str(r.get("text", "")) for r in replies)


def _buttons(replies: list[dict[str, object]]) -> list[str]:
    return [str(b["title"]) for r in replies for b in r.get("buttons") or []]  # type: ignore[attr-defined]


def _opening(knowledge: KnowledgeBase, key: TextId, language: str) -> str:
    """The catalogue text up to its first placeholder (the part every reply shows verbatim)."""
    return knowledge.catalogue[key.value].in_language(language, noted=False).split("{")[0].strip()


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=lambda c: c.language)
def test_a_whole_conversation_in_the_newcomers_language(
    assistant: Assistant, knowledge: KnowledgeBase, smtp: SmtpServer, conversation: Conversation
) -> None:
    url, language = assistant.settings.rasa_url, conversation.language
    sender = f"newcomer-{language}"

    def in_language(replies: list[dict[str, object]]) -> str:
        text = _texts(replies)
        assert detect_language(text) == language, f"not in {language}: {text[:400]}"
        return text

    office = in_language(say(url, sender, conversation.office_question))
    assert "Ausländerbehörde" in office and "Leer" in office
    assert _opening(knowledge, TextId.ADDRESS, language) in office

    offer = say(url, sender, conversation.referral_request)
    assert "COMPASS-Haus Nordhorn" in in_language(offer)
    assert _opening(knowledge, TextId.CONSENT_YES, language) in _buttons(offer)
    assert _opening(knowledge, TextId.ASK_NAME, language) in in_language(
        say(url, sender, "/affirm")
    )
    contact = _opening(knowledge, TextId.ASK_CONTACT, language)
    assert contact in _texts(say(url, sender, conversation.name))
    assert _opening(knowledge, TextId.ASK_DESCRIPTION, language) in _texts(say(url, sender, EMAIL))
    summary = say(url, sender, conversation.description)
    assert conversation.name in _texts(summary)
    sent = in_language(say(url, sender, "/affirm"))
    assert _opening(knowledge, TextId.SENT, language) in sent and "EA-" in sent

    partner_mails = lambda: [  # noqa: E731
        m for m in smtp.inbox.to(PARTNER_INBOX) if conversation.name in m.get_content()
    ]
    _wait_for(lambda: len(partner_mails()) == 1)
    language_name = knowledge.text(TextId(f"language_{language}"), "de")
    assert f"Sprache im Chat: {language_name}" in partner_mails()[0].get_content()

    ask = in_language(say(url, sender, "/delete_my_data"))
    assert _opening(knowledge, TextId.ASK_ERASE, language) in ask
    erased = in_language(say(url, sender, "/affirm"))
    assert _opening(knowledge, TextId.ERASED, language) in erased


def _wait_for(condition: object, seconds: float = 30) -> None:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.5)
    raise AssertionError("timed out")
