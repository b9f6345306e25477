"""A whole conversation in each of the six further languages through the REST channel.

Each asks for an office, is passed on to a counselling service with consent (the partner
receives the case by e-mail) and has its data deleted, and reads every reply in its own
language. The conversations are those of tests/languages.py (the widget test plays them
too); the expected sentences come from the repository's catalogue in that language, so the
test fails when a flow falls back to German or English.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.knowledge.index import KnowledgeBase
from bot.knowledge.required import TextId
from bot.language import detect_language
from bot.ops.assistant import Assistant
from tests.languages import CONVERSATIONS, EMAIL, Conversation, opening
from tests.referrals.conftest import PARTNER_INBOX
from tests.referrals.receivers import SmtpServer
from tests.support import referring_assistant, repository_knowledge, say, wait_for

pytestmark = pytest.mark.rasa


@pytest.fixture(scope="module")
def assistant(
    trained_model: Path, smtp: SmtpServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Assistant]:
    state = tmp_path_factory.mktemp("languages-assistant")
    with referring_assistant(state, trained_model, smtp.port) as running:
        yield running


@pytest.fixture(scope="module")
def knowledge() -> KnowledgeBase:
    return repository_knowledge()


def _texts(replies: list[dict[str, object]]) -> str:
    return "\n".join(str(r.get("text", "")) for r in replies)


def _buttons(replies: list[dict[str, object]]) -> list[str]:
    return [str(b["title"]) for r in replies for b in r.get("buttons") or []]  # type: ignore[attr-defined]


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
    assert opening(knowledge, TextId.ADDRESS, language) in office

    offer = say(url, sender, conversation.referral_request)
    assert "COMPASS-Haus Nordhorn" in in_language(offer)
    assert opening(knowledge, TextId.CONSENT_YES, language) in _buttons(offer)
    assert opening(knowledge, TextId.ASK_NAME, language) in in_language(say(url, sender, "/affirm"))
    contact = opening(knowledge, TextId.ASK_CONTACT, language)
    assert contact in _texts(say(url, sender, conversation.name))
    assert opening(knowledge, TextId.ASK_DESCRIPTION, language) in _texts(say(url, sender, EMAIL))
    summary = say(url, sender, conversation.description)
    assert conversation.name in _texts(summary)
    sent = in_language(say(url, sender, "/affirm"))
    assert opening(knowledge, TextId.SENT, language) in sent and "EA-" in sent

    def partner_mails() -> list[str]:
        contents = (m.get_content() for m in smtp.inbox.to(PARTNER_INBOX))
        return [content for content in contents if conversation.name in content]

    wait_for(lambda: len(partner_mails()) == 1, "the partner's e-mail")
    language_name = knowledge.text(TextId(f"language_{language}"), "de")
    assert f"Sprache im Chat: {language_name}" in partner_mails()[0]

    # Deletion asked for in the newcomer's words, confirmed with the button's payload.
    ask = say(url, sender, conversation.deletion_request)
    assert opening(knowledge, TextId.ASK_ERASE, language) in in_language(ask)
    assert opening(knowledge, TextId.ERASE_YES, language) in _buttons(ask)
    erased = in_language(say(url, sender, "/affirm"))
    assert opening(knowledge, TextId.ERASED, language) in erased
