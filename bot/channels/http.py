"""Calls to a messenger's HTTP API from the Rasa server, without blocking it.

Rasa's stock Facebook and Twilio connectors send with ``requests`` inside the event loop and
only to the real API (Telegram's through aiogram, to a fixed URL); this client is
asynchronous and takes the API's base URL, so a proxy or a test's fake API can stand in.
Failures are logged (status and the API's error, never the message text or the URL, which
holds Telegram's token) and do not stop the conversation.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)

#: Seconds one API call may take before it is given up.
API_TIMEOUT = 20


class ApiClient:
    """One HTTP session for one messenger's API, opened on first use in the running loop."""

    def __init__(self, name: str) -> None:
        """Name the API for the log ("Facebook", "Twilio")."""
        self.name = name
        self._session: aiohttp.ClientSession | None = None

    async def post(
        self,
        url: str,
        *,
        json_body: Mapping[str, Any] | None = None,
        form: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        auth: aiohttp.BasicAuth | None = None,
    ) -> Any | None:
        """POST to ``url``; the API's JSON answer (``{}`` if it is not JSON), ``None`` on failure."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=API_TIMEOUT))
        try:
            async with self._session.post(
                url, json=json_body, data=form, params=params, auth=auth
            ) as response:
                body = await response.text()
                if response.status < 300:
                    return _json(body)
                logger.warning(
                    "the %s API refused a call: HTTP %s %s",
                    self.name,
                    response.status,
                    _api_error(body),
                )
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            logger.warning("the %s API is not reachable: %s", self.name, type(exc).__name__)
        return None

    async def close(self) -> None:
        """Close the session (when the Rasa server stops)."""
        if self._session is not None:
            await self._session.close()
            self._session = None


def _json(body: str) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return {}


def _api_error(body: str) -> str:
    # The API's own error, short: Graph API {"error": {"message"}}, Twilio {"message"},
    # Telegram {"description"}.
    data = _json(body)
    if not isinstance(data, dict):
        return ""
    error = data.get("error")
    message = error.get("message") if isinstance(error, dict) else None
    return str(message or data.get("message") or data.get("description") or "")[:200]
