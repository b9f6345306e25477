"""The whole referral path on the embedded defaults: chat → Rasa → actions → case → outbox → SMTP.

Also erasure on request (the conversation leaves Rasa's tracker store), retention,
and that no contact data or message text reaches the logs.
"""

from __future__ import annotations

import asyncio
import sqlite3
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.db.engine import create_app_engine, create_sessionmaker
from bot.feedback import conversation_key
from bot.ops.assistant import Assistant
from bot.privacy.retention import run_retention
from bot.referrals.clock import utc_now
from tests.referrals.conftest import PARTNER_INBOX
from tests.referrals.receivers import SmtpServer
from tests.support import referring_assistant, say, wait_for

pytestmark = pytest.mark.rasa

NAME, EMAIL = "Maria López", "maria.lopez@example.com"
DESCRIPTION = "Ich möchte meine Pflegeausbildung aus Spanien anerkennen lassen."


@pytest.fixture(scope="module")
def assistant(
    trained_model: Path, smtp: SmtpServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Assistant]:
    state = tmp_path_factory.mktemp("referral-assistant")
    with referring_assistant(state, trained_model, smtp.port) as running:
        yield running


def _texts(replies: list[dict[str, object]]) -> str:
    return "\n".join(str(r.get("text", "")) for r in replies)


def _events(assistant: Assistant, sender: str) -> int:
    database = assistant.settings.tracker_db_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        return int(
            connection.execute(
                "SELECT count(*) FROM events WHERE sender_id = ?", (sender,)
            ).fetchone()[0]
        )


def _cases_of(assistant: Assistant, sender: str) -> int:
    database = assistant.settings.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        query = "SELECT count(*) FROM referral_case WHERE conversation = ?"
        return int(connection.execute(query, (conversation_key(sender),)).fetchone()[0])


def _refer(assistant: Assistant, sender: str) -> str:
    url = assistant.settings.rasa_url
    first = say(
        url, sender, "Bitte leiten Sie meine Anfrage an die Migrationsberatung in Nordhorn weiter"
    )
    assert "Datenschutz kurz" in _texts(first)  # first contact
    assert "COMPASS-Haus Nordhorn" in _texts(first) and "einverstanden" in _texts(first)
    assert "Meine Daten löschen" in _texts(first)
    assert "Vor- und Nachname" in _texts(say(url, sender, "/affirm"))  # the consent button
    assert "E-Mail-Adresse oder eine Telefonnummer" in _texts(say(url, sender, NAME))
    assert "nicht vollständig" in _texts(say(url, sender, "maria.lopez@example"))
    assert "Beschreiben Sie" in _texts(say(url, sender, EMAIL))
    summary = say(url, sender, DESCRIPTION)
    assert NAME in _texts(summary) and [b["payload"] for b in summary[-1]["buttons"]] == [
        "/affirm",
        "/cancel",
    ]  # type: ignore[index]
    done = _texts(say(url, sender, "/affirm"))
    reference = done.split("Fallnummer ist ")[1][:12]
    assert reference.startswith("EA-")
    return reference


def test_a_chat_referral_reaches_the_partner_and_the_newcomer_by_email(
    assistant: Assistant, smtp: SmtpServer
) -> None:
    reference = _refer(assistant, "newcomer-referral")
    wait_for(
        lambda: len(smtp.inbox.to(PARTNER_INBOX)) == 1 and len(smtp.inbox.to(EMAIL)) == 1,
        "the e-mails to the partner and the newcomer",
    )
    partner_mail = smtp.inbox.to(PARTNER_INBOX)[0].get_content()
    assert f"Fallnummer: {reference}" in partner_mail and f"Name: {NAME}" in partner_mail
    assert "Ort: Nordhorn" in partner_mail and DESCRIPTION in partner_mail
    assert "Sprache im Chat: Deutsch" in partner_mail
    confirmation = smtp.inbox.to(EMAIL)[0]
    assert (
        reference in confirmation["Subject"] and "Wie es weitergeht" in confirmation.get_content()
    )

    # A later message goes to the same case and on to the partner.
    url = assistant.settings.rasa_url
    say(url, "newcomer-referral", "/add_to_case")
    added = _texts(say(url, "newcomer-referral", "Ich bin ab Montag telefonisch erreichbar."))
    assert reference in added
    wait_for(lambda: len(smtp.inbox.to(PARTNER_INBOX)) == 2, "the second partner e-mail")
    assert "ab Montag telefonisch" in smtp.inbox.to(PARTNER_INBOX)[1].get_content()


def test_delete_my_data_erases_the_case_and_the_conversation(assistant: Assistant) -> None:
    sender = "newcomer-erasure"
    _refer(assistant, sender)
    url = assistant.settings.rasa_url
    assert "Das lässt sich nicht rückgängig machen" in _texts(say(url, sender, "/delete_my_data"))
    assert "Gelöscht" in _texts(say(url, sender, "/affirm"))
    wait_for(
        lambda: _events(assistant, sender) == 0, "the erasure of the tracker events", seconds=40
    )
    assert _cases_of(assistant, sender) == 0
    # Writing again starts a new conversation, with the privacy notice again.
    assert "Datenschutz kurz" in _texts(say(url, sender, "Hallo"))


def test_retention_erases_idle_conversations_and_long_closed_cases(assistant: Assistant) -> None:
    say(assistant.settings.rasa_url, "idle-newcomer", "Hallo")
    assert _events(assistant, "idle-newcomer") > 0
    reference = _refer(assistant, "closed-case")
    request = urllib.request.Request(
        f"{assistant.settings.app_url}/admin/cases/{reference}/close",
        method="POST", headers={"Accept": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200

    async def later(days: int) -> object:
        engine = create_app_engine(assistant.settings.database_url)
        tracker = create_app_engine(assistant.settings.tracker_db_url)
        try:
            import datetime as dt

            return await run_retention(
                assistant.settings,
                create_sessionmaker(engine),
                tracker,
                utc_now() + dt.timedelta(days=days),
            )
        finally:
            await engine.dispose()
            await tracker.dispose()

    asyncio.run(later(29))
    assert _events(assistant, "idle-newcomer") > 0
    asyncio.run(later(31))
    assert _events(assistant, "idle-newcomer") == 0
    assert _cases_of(assistant, "closed-case") == 1  # closed today: kept for 180 days
    asyncio.run(later(181))
    assert _cases_of(assistant, "closed-case") == 0


def test_no_contact_data_or_message_text_in_the_logs(assistant: Assistant) -> None:
    logs = list((assistant.settings.state_dir / "log").glob("*.log"))
    assert logs
    for log in logs:
        text = log.read_text(errors="replace")
        for secret in (
            NAME,
            EMAIL,
            DESCRIPTION,
            "ab Montag telefonisch",
            "Migrationsberatung in Nordhorn",
        ):
            assert secret not in text, f"{secret!r} in {log.name}"
