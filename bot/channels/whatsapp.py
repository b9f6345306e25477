"""WhatsApp through Twilio: Rasa's connector with signature checks and numbered choices.

Differences from Rasa 3.6's ``TwilioInput``, and why:

* Every call must carry a valid ``X-Twilio-Signature`` (twilio's ``RequestValidator`` over
  the public webhook URL Twilio signs and the form parameters); Rasa checks nothing.
  Missing → 401, wrong → 403, nothing is processed. The URL comes from the settings, not
  from the request, because behind a proxy the server sees another URL than Twilio signs.
* WhatsApp through Twilio has no buttons here: one message with the text, the numbered
  choices and a hint to reply with the number; the dialogue maps "2" to the second button.
* Sending is asynchronous, to ``api_url`` (default Twilio's REST API); Rasa's sender blocks
  the server's event loop with ``requests`` and retries in a loop that never ends early.
* The signature is checked over the form exactly as sent: Sanic's ``request.form`` drops
  blank values (``Body=`` of a photo, an empty ``ProfileName=``) that Twilio's signature
  covers, so genuine messages were refused with 403 (issue 15).
* Only WhatsApp senders are answered; a message without text (media, location) is passed
  on with empty text and ``message_without_text`` in its metadata, and the dialogue says it
  can only read text.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

import aiohttp
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channel_contract import NO_TEXT_METADATA, is_signal
from bot.channels.http import ApiClient
from bot.channels.redelivery import first_delivery
from bot.channels.render import whatsapp_bodies

logger = logging.getLogger(__name__)

TWILIO_API = "https://api.twilio.com"
SIGNATURE_HEADER = "X-Twilio-Signature"
#: The answer Twilio expects when the reply goes out through the REST API instead.
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def form_as_sent(body: bytes) -> dict[str, str]:
    """The form fields of ``body`` with blank values kept (Twilio's signature covers them)."""
    try:
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except (UnicodeDecodeError, ValueError):
        return {}


class WhatsAppSender(OutputChannel):
    """Sends the replies of one turn through Twilio's Messages API at ``api_url``."""

    @classmethod
    def name(cls) -> str:
        """The channel's name in the tracker."""
        return "twilio"

    def __init__(
        self, account_sid: str, auth_token: str, number: str, api_url: str, client: ApiClient
    ) -> None:
        """Send from ``number`` (``whatsapp:+…``) with the account's credentials."""
        self.url = f"{api_url.rstrip('/')}/2010-04-01/Accounts/{account_sid}/Messages.json"
        self.auth = aiohttp.BasicAuth(account_sid, auth_token)
        self.number = number
        self.client = client
        #: Buttons numbered so far in this turn (the dialogue numbers them in one sequence).
        self.numbered = 0

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send ``text`` in as few messages as Twilio allows."""
        for body in whatsapp_bodies(text):
            await self.send(recipient_id, {"Body": body})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send ``text`` with the buttons as numbered choices."""
        bodies = whatsapp_bodies(text, buttons, first=self.numbered + 1)
        self.numbered += len(buttons)
        for body in bodies:
            await self.send(recipient_id, {"Body": body})

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Quick replies are numbered choices too."""
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """Nothing: the only custom JSON is our signals, for the website (Rasa would send it as text)."""
        if not is_signal(json_message):
            logger.warning("dropped custom JSON that is not one of our signals")

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        """Send an image by its URL."""
        await self.send(recipient_id, {"MediaUrl": image})

    async def send(self, recipient_id: str, fields: dict[str, str]) -> None:
        """Create one message to ``recipient_id`` with the form ``fields``."""
        form = {"To": recipient_id, "From": self.number, **fields}
        await self.client.post(self.url, form=form, auth=self.auth)


class WhatsAppChannel(TwilioInput):
    """The ``twilio`` channel: ``/webhooks/twilio/webhook``."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WhatsAppChannel:
        """Read ``account_sid``, ``auth_token``, ``twilio_number``, ``webhook_url``, ``api_url``."""
        if not credentials:
            return cls.raise_missing_credentials_exception()  # raises
        return cls(
            credentials["account_sid"],
            credentials["auth_token"],
            credentials["twilio_number"],
            webhook_url=credentials["webhook_url"],
            api_url=credentials.get("api_url") or TWILIO_API,
        )

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        twilio_number: str,
        *,
        webhook_url: str,
        api_url: str = TWILIO_API,
    ) -> None:
        """Describe the account; ``webhook_url`` is the public URL Twilio signs."""
        super().__init__(account_sid, auth_token, twilio_number, debug_mode=False)
        self.webhook_url = webhook_url
        self.api_url = api_url
        self.validator = RequestValidator(auth_token)
        self.client = ApiClient("Twilio")

    def get_output_channel(self) -> WhatsAppSender:
        """A sender for one turn, from this WhatsApp number."""
        return WhatsAppSender(
            self.account_sid, self.auth_token, self.twilio_number, self.api_url, self.client
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The webhook routes."""
        twilio_webhook = Blueprint("twilio_webhook", __name__)

        @twilio_webhook.listener("before_server_stop")
        async def close(_app: Any, _loop: asyncio.AbstractEventLoop) -> None:
            await self.client.close()

        @twilio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @twilio_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            signature = request.headers.get(SIGNATURE_HEADER)
            form = form_as_sent(request.body)
            if not signature or not self.validator.validate(self.webhook_url, form, signature):
                logger.warning("rejected a Twilio webhook call with a missing or wrong signature")
                return response.text("not validated", status=401 if signature is None else 403)
            sender_id = form.get("From") or ""
            text = (form.get("Body") or "").strip()
            if sender_id.startswith("whatsapp:") and await first_delivery(
                "twilio", form.get("MessageSid")
            ):
                try:
                    await on_new_message(
                        UserMessage(
                            text,
                            self.get_output_channel(),
                            sender_id,
                            input_channel=self.name(),
                            message_id=form.get("MessageSid"),
                            metadata=None if text else {NO_TEXT_METADATA: True},
                        )
                    )
                except Exception:
                    logger.exception("the WhatsApp message could not be handled")
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return twilio_webhook
