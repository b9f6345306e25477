"""Real local receivers for referral delivery: an SMTP server (aiosmtpd) and an HTTPS webhook."""

from __future__ import annotations

import email
import email.policy
import ssl
import subprocess
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from aiohttp import web
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from bot.referrals.delivery import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify


@dataclass
class Inbox:
    """Every e-mail the SMTP server accepted."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        """aiosmtpd's hook: keep the message."""
        parsed = email.message_from_bytes(envelope.content or b"", policy=email.policy.default)
        self.messages.append(parsed)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        """The messages addressed to ``address``."""
        return [m for m in self.messages if m["To"] == address]


class SmtpServer:
    """aiosmtpd on a port; stop and start it again to simulate an outage."""

    def __init__(self, port: int) -> None:
        """Describe the server; nothing listens before :meth:`start`."""
        self.port = port
        self.inbox = Inbox()
        self._controller: Controller | None = None

    def start(self) -> None:
        """Listen on 127.0.0.1:port."""
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        """Stop listening (connections are refused, as with a server that is down)."""
        if self._controller:
            self._controller.stop()
            self._controller = None


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made with openssl."""
    cert, key = folder / "receiver.crt", folder / "receiver.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@dataclass
class WebhookReceiver:
    """A partner's HTTPS endpoint that checks our signature like a partner would."""

    secret: str
    received: list[bytes] = field(default_factory=list)
    rejected: int = 0
    #: Set to a status to simulate a broken receiver (503 = down for maintenance).
    answer_status: int = 200

    async def handle(self, request: web.Request) -> web.Response:
        """Accept a correctly signed referral, refuse anything else."""
        body = await request.read()
        signature = request.headers.get(SIGNATURE_HEADER, "")
        timestamp = request.headers.get(TIMESTAMP_HEADER, "")
        if not verify(self.secret, timestamp, body, signature):
            self.rejected += 1
            return web.Response(status=401, text="bad signature")
        if self.answer_status != 200:
            return web.Response(status=self.answer_status)
        self.received.append(body)
        return web.json_response({"ok": True})

    async def serve(self, port: int, cert: Path, key: Path) -> web.AppRunner:
        """Listen with TLS on 127.0.0.1:port."""
        app = web.Application()
        app.router.add_post("/referrals", self.handle)
        runner = web.AppRunner(app)
        await runner.setup()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        await web.TCPSite(runner, "127.0.0.1", port, ssl_context=context).start()
        return runner
