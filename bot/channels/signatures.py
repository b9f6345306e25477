"""Is a webhook call really from the messenger? Checks without Rasa imports.

Twilio's check uses twilio's own ``RequestValidator`` in :mod:`bot.channels.whatsapp`.
"""

from __future__ import annotations

import hashlib
import hmac

#: The header Telegram fills with the ``secret_token`` given to ``setWebhook``.
TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
#: Meta's HMAC-SHA256 of the raw body with the app secret: ``sha256=<hex>``.
FACEBOOK_SIGNATURE_HEADER = "X-Hub-Signature-256"


def telegram_secret_valid(received: str | None, secret_token: str) -> bool:
    """Whether the secret-token header equals the configured secret (constant time)."""
    return received is not None and hmac.compare_digest(received.encode(), secret_token.encode())


def facebook_signature(body: bytes, app_secret: str) -> str:
    """The ``X-Hub-Signature-256`` value Meta sends for ``body``."""
    digest = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def facebook_signature_valid(body: bytes, received: str | None, app_secret: str) -> bool:
    """Whether ``received`` is the HMAC-SHA256 of ``body`` with the app secret.

    Only SHA-256 is accepted: Meta sends it with every call, and unlike Rasa's stock check
    the algorithm is not chosen by the caller's header (Rasa takes any ``hashlib`` name
    from ``X-Hub-Signature``, e.g. ``md5=…``).
    """
    if not received:
        return False
    return hmac.compare_digest(received.strip().lower(), facebook_signature(body, app_secret))


def appsecret_proof(access_token: str, app_secret: str) -> str:
    """Meta's ``appsecret_proof`` for Graph API calls made with ``access_token``."""
    return hmac.new(app_secret.encode(), access_token.encode(), hashlib.sha256).hexdigest()
