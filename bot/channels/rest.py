"""Rasa's REST channel, refusing bodies it cannot use with HTTP 400 instead of failing with 500.

Rasa's ``RestInput`` reads ``request.json.get(...)``: a body that is not a JSON object
(``[]``, ``null``, ``"Hallo"``, nothing) raised inside the handler and answered 500 with a
traceback in the log, and a body without ``sender`` went to Rasa's shared ``default``
conversation, so two clients that left it out read each other's context (issue 15). Here
each field is checked first and a wrong one is refused with a 400 that says what is wrong;
the log line names the reason, never the message. Everything else is Rasa's channel, under
the same name and URL (``/webhooks/rest/webhook``).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.channels.rest import RestInput
from sanic.exceptions import InvalidUsage

logger = logging.getLogger(__name__)

#: The tracker store's column for the conversation id holds this many characters.
MAX_SENDER_CHARS = 255


class BadRestRequest(InvalidUsage):
    """A REST body the channel cannot use; Sanic answers it with HTTP 400 and this message."""

    def __init__(self, reason: str) -> None:
        """Log ``reason`` and keep it as the answer's message."""
        logger.info("REST message refused: %s", reason)
        super().__init__(reason)


class StrictRestInput(RestInput):
    """``RestInput`` that needs a JSON object with a ``sender`` and a ``message`` string."""

    @staticmethod
    def _body(request: Any) -> dict[str, Any]:
        try:
            body = request.json
        except InvalidUsage:
            raise BadRestRequest("the body is not JSON") from None
        if not isinstance(body, dict):
            raise BadRestRequest('the body must be a JSON object: {"sender": "…", "message": "…"}')
        return body

    async def _extract_sender(self, req: Any) -> str:
        sender = self._body(req).get("sender")
        if not isinstance(sender, str) or not sender.strip():
            raise BadRestRequest("'sender' is missing: a string that names the conversation")
        if len(sender) > MAX_SENDER_CHARS:
            raise BadRestRequest(f"'sender' is longer than {MAX_SENDER_CHARS} characters")
        return sender

    def _extract_message(self, req: Any) -> str:
        message = self._body(req).get("message")
        if not isinstance(message, str):
            raise BadRestRequest("'message' is missing or not a string")
        return message

    def _extract_input_channel(self, req: Any) -> str:
        channel = self._body(req).get("input_channel")
        return channel if isinstance(channel, str) and channel else self.name()

    def get_metadata(self, request: Any) -> dict[str, Any] | None:
        """The body's ``metadata`` object, if it has one."""
        metadata = self._body(request).get("metadata")
        if metadata is not None and not isinstance(metadata, dict):
            raise BadRestRequest("'metadata' must be a JSON object")
        return metadata
