"""Delivery through the outbox to a real local SMTP server and a real HTTPS webhook receiver."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.db.engine import create_app_engine, create_sessionmaker
from bot.db.migrate import upgrade
from bot.db.models import OutboxMessage, ReferralCase
from bot.knowledge.store import KnowledgeStore
from bot.referrals.cases import create_case
from bot.referrals.outbox import deliver_due
from bot.referrals.requests import CreateCase
from bot.server.app import create_app
from bot.settings import PROJECT_ROOT, Settings
from tests.referrals.conftest import (
    EMAIL_PARTNER,
    PARTNER_INBOX,
    WEBHOOK_PARTNER,
    WEBHOOK_SECRET_VARIABLE,
    add_referral_channels,
)
from tests.referrals.receivers import SmtpServer, WebhookReceiver, self_signed_certificate
from tests.support import SHARED_CACHE, free_port

T0 = dt.datetime(2026, 11, 28, 9, 0)
SECRET = "s3cret-shared-with-awo-leer"


@dataclass
class Partners:
    """The receivers and the knowledge that points at them."""

    knowledge_dir: Path
    store: KnowledgeStore
    smtp: SmtpServer
    webhook: WebhookReceiver
    webhook_port: int
    cert: Path
    key: Path


@pytest.fixture(scope="module")
def partners(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Partners]:
    folder = tmp_path_factory.mktemp("partners")
    webhook_port = free_port()
    knowledge_dir = folder / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", knowledge_dir)
    add_referral_channels(knowledge_dir, f"https://127.0.0.1:{webhook_port}/referrals")
    store = KnowledgeStore(knowledge_dir, cache_dir=SHARED_CACHE)
    store.load()
    cert, key = self_signed_certificate(folder)
    smtp = SmtpServer(free_port())
    yield Partners(knowledge_dir, store, smtp, WebhookReceiver(SECRET), webhook_port, cert, key)
    smtp.stop()


@pytest.fixture
async def world(partners: Partners, tmp_path: Path) -> AsyncIterator[World]:
    partners.smtp.inbox.messages.clear()
    partners.webhook.received.clear()
    partners.webhook.secret, partners.webhook.answer_status = SECRET, 200
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    settings = Settings.from_env(
        {
            "EMS_DATABASE_URL": url,
            "EMS_STATE_DIR": str(tmp_path),
            "EMS_KNOWLEDGE_DIR": str(partners.knowledge_dir),
            "EMS_CACHE_DIR": str(SHARED_CACHE),
            "EMS_SMTP_HOST": "127.0.0.1",
            "EMS_SMTP_PORT": str(partners.smtp.port),
            "EMS_MAIL_FROM": "assistent@ems-achse.example",
            "EMS_WEBHOOK_CA_FILE": str(partners.cert),
            WEBHOOK_SECRET_VARIABLE: SECRET,
            "EMS_OUTBOX_POLL_SECONDS": "0",
        }
    )
    engine = create_app_engine(url)
    runner = await partners.webhook.serve(partners.webhook_port, partners.cert, partners.key)
    yield World(partners, settings, create_sessionmaker(engine))
    await runner.cleanup()
    partners.smtp.stop()
    await engine.dispose()


@dataclass
class World:
    partners: Partners
    settings: Settings
    sessions: object

    async def refer(self, partner: str, contact: str, language: str = "en") -> str:
        request = CreateCase(
            reference=f"EA-TEST-{partner[:4].upper()}", partner_id=partner, need="counselling",
            profession_id="pflegefachfrau-pflegefachmann", place_id="nordhorn", language=language,
            name="Maria López", contact=contact, description="Recognition of my nursing diploma.",
        )  # fmt: skip
        async with self.sessions() as session, session.begin():  # type: ignore[attr-defined]
            await create_case(session, request, "newcomer-1", self.partners.store.current, T0)
        return request.reference

    async def deliver(self, at: dt.datetime) -> object:
        return await deliver_due(self.sessions, self.settings, at)  # type: ignore[arg-type]

    async def case(self, reference: str) -> ReferralCase:
        async with self.sessions() as session:  # type: ignore[attr-defined]
            found = await session.scalar(
                select(ReferralCase).where(ReferralCase.reference == reference)
            )
        assert found is not None
        return found  # type: ignore[no-any-return]

    async def outbox(self) -> list[OutboxMessage]:
        async with self.sessions() as session:  # type: ignore[attr-defined]
            return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def test_an_email_referral_reaches_the_partner_and_the_confirmation_the_newcomer(
    world: World,
) -> None:
    world.partners.smtp.start()
    reference = await world.refer(EMAIL_PARTNER, "maria.lopez@example.com")
    await world.deliver(T0)
    inbox = world.partners.smtp.inbox
    [to_partner] = inbox.to(PARTNER_INBOX)
    [to_newcomer] = inbox.to("maria.lopez@example.com")
    summary = to_partner.get_content()
    assert to_partner["Subject"] == f"Neue Anfrage {reference}: Beratung (Migration, Anerkennung)"
    for line in (f"Fallnummer: {reference}", "Name: Maria López", "Kontakt: maria.lopez@example.com",
                 "Beruf: Pflegefachfrau / Pflegefachmann", "Ort: Nordhorn", "Sprache im Chat: Englisch",
                 "Recognition of my nursing diploma."):  # fmt: skip
        assert line in summary
    assert reference in to_newcomer["Subject"]
    assert "What happens next" in to_newcomer.get_content()
    assert (await world.case(reference)).status == "delivered"


async def test_a_webhook_referral_is_signed_and_verified_by_the_receiver(world: World) -> None:
    reference = await world.refer(WEBHOOK_PARTNER, "+49 491 1234567")
    await world.deliver(T0)
    [body] = world.partners.webhook.received
    payload = json.loads(body)
    assert payload["reference"] == reference and payload["person"]["contact"] == "+494911234567"
    assert "Fallnummer: " + reference in payload["summary_de"]
    assert (await world.case(reference)).status == "delivered"


async def test_an_smtp_server_down_for_an_hour_loses_nothing(world: World) -> None:
    world.partners.smtp.stop()
    reference = await world.refer(EMAIL_PARTNER, "maria.lopez@example.com")
    for minute in range(0, 61):
        await world.deliver(T0 + dt.timedelta(minutes=minute))
    outbox = await world.outbox()
    assert {m.status for m in outbox} == {"pending"}
    # Back-off: far fewer attempts than rounds, and never more than 15 minutes apart.
    assert 5 <= outbox[0].attempts <= 9
    assert outbox[0].next_attempt_at - (T0 + dt.timedelta(minutes=60)) <= dt.timedelta(minutes=15)
    assert outbox[0].last_error and "unreachable" in outbox[0].last_error
    assert "maria" not in outbox[0].last_error.lower()

    world.partners.smtp.start()
    await world.deliver(T0 + dt.timedelta(minutes=76))
    assert {m.status for m in await world.outbox()} == {"sent"}
    assert len(world.partners.smtp.inbox.messages) == 2
    assert (await world.case(reference)).status == "delivered"


async def test_a_webhook_in_maintenance_is_retried(world: World) -> None:
    world.partners.webhook.answer_status = 503
    reference = await world.refer(WEBHOOK_PARTNER, "0491 1234567")
    await world.deliver(T0)
    assert (await world.outbox())[0].last_error == "webhook answered HTTP 503"
    world.partners.webhook.answer_status = 200
    await world.deliver(T0 + dt.timedelta(minutes=1))
    assert (await world.case(reference)).status == "delivered"


async def test_undeliverable_for_48_hours_fails_for_good(world: World) -> None:
    world.partners.smtp.stop()
    reference = await world.refer(EMAIL_PARTNER, "0591 12345")
    await world.deliver(T0)
    await world.deliver(T0 + dt.timedelta(hours=48, minutes=1))
    assert [m.status for m in await world.outbox()] == ["failed"]
    assert (await world.case(reference)).status == "failed"


async def test_a_refused_signature_fails_visibly_and_staff_can_retry(
    world: World, aiohttp_client: object
) -> None:
    world.partners.webhook.secret = "the partner rotated its secret"
    reference = await world.refer(WEBHOOK_PARTNER, "0491 1234567")
    await world.deliver(T0)
    assert (await world.case(reference)).status == "failed"
    assert world.partners.webhook.rejected >= 1

    client: TestClient = await aiohttp_client(create_app(world.settings))  # type: ignore[operator]
    page = await client.get("/admin/cases")
    text = await page.text()
    assert page.status == 200 and reference in text and "webhook answered HTTP 401" in text
    listed = await (await client.get("/admin/cases?format=json")).json()
    assert [(c["reference"], c["status"]) for c in listed] == [(reference, "failed")]

    world.partners.webhook.secret = SECRET  # the secrets agree again
    retried = await client.post(
        f"/admin/cases/{reference}/retry", headers={"Accept": "application/json"}
    )
    assert retried.status == 200
    await world.deliver(dt.datetime.now(dt.timezone.utc).replace(tzinfo=None))
    assert (await world.case(reference)).status == "delivered"

    closed = await client.post(
        f"/admin/cases/{reference}/close", headers={"Accept": "application/json"}
    )
    assert closed.status == 200 and (await world.case(reference)).status == "closed"
    assert (await client.get("/admin/cases?format=json")).status == 200
    assert await (await client.get("/admin/cases?format=json")).json() == []


async def test_the_staff_view_needs_the_token_when_one_is_set(
    world: World, aiohttp_client: object
) -> None:
    from dataclasses import replace

    settings = replace(world.settings, admin_token="staff-token")
    client: TestClient = await aiohttp_client(create_app(settings))  # type: ignore[operator]
    assert (await client.get("/admin/cases")).status == 401
    ok = await client.get("/admin/cases", headers={"Authorization": "Bearer staff-token"})
    assert ok.status == 200
    import base64

    basic = base64.b64encode(b"staff:staff-token").decode()
    assert (
        await client.get("/admin/cases", headers={"Authorization": f"Basic {basic}"})
    ).status == 200
    forged = await client.post(
        "/admin/cases/EA-X/close",
        headers={"Authorization": "Bearer staff-token", "Origin": "https://evil.example"},
    )
    assert forged.status == 403


async def test_without_an_smtp_server_configured_mail_waits(world: World) -> None:
    from dataclasses import replace

    world.settings = replace(world.settings, smtp_host=None)
    await world.refer(EMAIL_PARTNER, "maria.lopez@example.com")
    await world.deliver(T0)
    outbox = await world.outbox()
    assert {m.status for m in outbox} == {"pending"}
    assert outbox[0].last_error == "no SMTP server configured (EMS_SMTP_HOST)"
