"""Sending one outbox message: e-mail over SMTP, or an HTTPS webhook signed with a shared secret.

Every failure is classified: *transient* ones (server down, 4xx SMTP replies, HTTP 5xx,
408, 429) are retried with back-off; *permanent* ones (address refused, HTTP 4xx,
missing secret) fail the message at once so that staff see it. Error texts never
contain addresses or message text, only what went wrong.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import smtplib
import ssl
import time
from email.message import EmailMessage
from email.utils import make_msgid

import aiohttp

from bot.settings import Settings

SIGNATURE_HEADER = "X-Ems-Signature"
TIMESTAMP_HEADER = "X-Ems-Timestamp"
SMTP_TIMEOUT = 20
WEBHOOK_TIMEOUT = 20


class DeliveryFailed(Exception):
    """The message was not delivered; ``permanent`` says whether retrying can help."""

    def __init__(self, reason: str, *, permanent: bool) -> None:
        """Describe the failure without personal data."""
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value: HMAC-SHA256 over ``<timestamp>.<body>``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """Whether ``signature`` is ours for this body (for partners' receivers and our tests)."""
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


async def send_email(settings: Settings, recipient: str, subject: str, body: str) -> None:
    """Send a plain-text e-mail through the configured SMTP server.

    Raises:
        DeliveryFailed: no server is configured, it is unreachable, or it refused the message.
    """
    if not settings.smtp_host:
        raise DeliveryFailed("no SMTP server configured (EMS_SMTP_HOST)", permanent=False)
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = recipient
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=settings.mail_from.rpartition("@")[2] or None)
    message.set_content(body)
    await asyncio.to_thread(_smtp_send, settings, message)


def _smtp_send(settings: Settings, message: EmailMessage) -> None:
    try:
        with smtplib.SMTP(
            settings.smtp_host or "", settings.smtp_port, timeout=SMTP_TIMEOUT
        ) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        codes = sorted({code for code, _ in error.recipients.values()})
        raise DeliveryFailed(
            f"SMTP refused the recipient ({codes})", permanent=min(codes) >= 500
        ) from None
    except smtplib.SMTPResponseException as error:
        permanent = 500 <= error.smtp_code < 600 and error.smtp_code != 554
        raise DeliveryFailed(f"SMTP error {error.smtp_code}", permanent=permanent) from None
    except (OSError, smtplib.SMTPException) as error:
        raise DeliveryFailed(
            f"SMTP server unreachable ({type(error).__name__})", permanent=False
        ) from None


async def post_webhook(
    settings: Settings, url: str, secret_variable: str | None, body: str
) -> None:
    """POST ``body`` (JSON) to a partner's HTTPS webhook, signed with its shared secret.

    Raises:
        DeliveryFailed: the secret is missing, the receiver is unreachable, or it refused.
    """
    secret = dict(settings.referral_secrets).get(secret_variable or "")
    if not secret:
        raise DeliveryFailed(f"the shared secret {secret_variable} is not set", permanent=True)
    payload = body.encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(secret, timestamp, payload),
    }
    context = ssl.create_default_context()
    if settings.webhook_ca_file:
        context.load_verify_locations(cafile=str(settings.webhook_ca_file))
    timeout = aiohttp.ClientTimeout(total=WEBHOOK_TIMEOUT)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.post(url, data=payload, headers=headers, ssl=context) as response,
        ):
            status = response.status
    except aiohttp.ClientSSLError:
        raise DeliveryFailed("webhook TLS certificate not trusted", permanent=False) from None
    except (aiohttp.ClientError, TimeoutError) as error:
        raise DeliveryFailed(
            f"webhook unreachable ({type(error).__name__})", permanent=False
        ) from None
    if 200 <= status < 300:
        return
    transient = status >= 500 or status in (408, 429)
    raise DeliveryFailed(f"webhook answered HTTP {status}", permanent=not transient)
