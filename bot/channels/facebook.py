"""Facebook Messenger: Rasa's connector with SHA-256 signatures and quick replies.

Differences from Rasa 3.6's ``FacebookInput``, and why:

* Calls must carry ``X-Hub-Signature-256`` (HMAC-SHA256 of the raw body with the app
  secret), compared in constant time; missing → 401, wrong → 403, nothing is processed.
  Rasa reads only the older ``X-Hub-Signature`` and lets the header choose the hash
  (``md5=…`` passes); the SHA-1 header is not accepted here (see docs/messengers.md).
* The verification handshake answers 403 to a wrong ``hub.verify_token`` (Rasa: 200).
* Every event of a batched delivery is answered (Rasa stops after the first).
* Up to 13 buttons become quick replies (Rasa drops all buttons when there are more
  than 3); long titles are numbered, see :func:`bot.channels.render.facebook_messages`.
* Sending is asynchronous, to ``api_url`` (default the Graph API), with ``appsecret_proof``.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channel_contract import is_signal
from bot.channels.http import ApiClient
from bot.channels.redelivery import first_delivery
from bot.channels.render import facebook_messages
from bot.channels.shapes import Malformed, items, obj
from bot.channels.signatures import (
    FACEBOOK_SIGNATURE_HEADER,
    appsecret_proof,
    facebook_signature_valid,
)

logger = logging.getLogger(__name__)

#: The Graph API with its version; EMS_FACEBOOK_API_URL replaces it (also to move versions).
GRAPH_API = "https://graph.facebook.com/v25.0"


class FacebookSender(OutputChannel):
    """Sends the replies of one turn through the Send API at ``api_url``."""

    @classmethod
    def name(cls) -> str:
        """The channel's name in the tracker."""
        return "facebook"

    def __init__(
        self, page_access_token: str, app_secret: str, api_url: str, client: ApiClient
    ) -> None:
        """Send as the page of ``page_access_token``, through ``client``."""
        self.api_url = api_url.rstrip("/")
        self.client = client
        self.auth = {
            "access_token": page_access_token,
            "appsecret_proof": appsecret_proof(page_access_token, app_secret),
        }
        #: Buttons numbered so far in this turn (the dialogue numbers them in one sequence).
        self.numbered = 0

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send ``text`` in as few messages as Messenger allows."""
        for message in facebook_messages(text):
            await self.send_message(recipient_id, message)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send ``text`` with the buttons as quick replies."""
        messages = facebook_messages(text, buttons, first=self.numbered + 1)
        self.numbered += len(buttons)
        for message in messages:
            await self.send_message(recipient_id, message)

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send ``text`` with quick replies."""
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        """Send an image by its URL."""
        attachment = {"type": "image", "payload": {"url": image, "is_reusable": True}}
        await self.send_message(recipient_id, {"attachment": attachment})

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """Send a ready Send API ``message`` object; our signals are for the website only."""
        if not is_signal(json_message):
            await self.send_message(recipient_id, json_message)

    async def send_message(self, recipient_id: str, message: Mapping[str, Any]) -> None:
        """Send one ``message`` object as a response to the person."""
        await self._post(
            {"recipient": {"id": recipient_id}, "messaging_type": "RESPONSE", "message": message}
        )

    async def send_action(self, recipient_id: str, sender_action: str) -> None:
        """Show ``mark_seen``, ``typing_on`` or ``typing_off``."""
        await self._post({"recipient": {"id": recipient_id}, "sender_action": sender_action})

    async def _post(self, body: Mapping[str, Any]) -> None:
        await self.client.post(f"{self.api_url}/me/messages", json_body=body, params=self.auth)


def user_texts(payload: Mapping[str, Any]) -> list[tuple[str, str, str | None]]:
    """``(sender id, text, message id)`` of every message and postback in a page webhook call.

    Quick replies and postbacks give their payload; echoes of the page's own messages,
    deliveries, reads and attachments without text are skipped.

    Raises:
        Malformed: a field has the wrong type; nothing of the call is answered (400).
    """
    found = []
    for entry in items(payload.get("entry"), "entry"):
        for event in items(obj(entry, "entry[]").get("messaging"), "entry[].messaging"):
            event = obj(event, "messaging[]")
            sender = str(obj(event.get("sender"), "messaging[].sender").get("id") or "")
            message = obj(event.get("message"), "messaging[].message")
            postback = obj(event.get("postback"), "messaging[].postback")
            if message.get("is_echo") or not sender:
                continue
            text = (
                obj(message.get("quick_reply"), "message.quick_reply").get("payload")
                or message.get("text")
                or postback.get("payload")
            )
            if isinstance(text, str) and text.strip():
                mid = message.get("mid") or postback.get("mid")
                found.append((sender, text, mid if isinstance(mid, str) else None))
    return found


class FacebookChannel(FacebookInput):
    """The ``facebook`` channel: ``/webhooks/facebook/webhook``."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> FacebookChannel:
        """Read ``verify``, ``secret``, ``page-access-token`` and ``api_url``."""
        if not credentials:
            return cls.raise_missing_credentials_exception()  # raises
        return cls(
            credentials["verify"],
            credentials["secret"],
            credentials["page-access-token"],
            api_url=credentials.get("api_url") or GRAPH_API,
        )

    def __init__(
        self, fb_verify: str, fb_secret: str, fb_access_token: str, *, api_url: str = GRAPH_API
    ) -> None:
        """Describe the page and its app; ``api_url`` receives every outgoing call."""
        super().__init__(fb_verify, fb_secret, fb_access_token)
        self.api_url = api_url
        self.client = ApiClient("Facebook")

    def get_output_channel(self) -> FacebookSender:
        """A sender for one turn of this page."""
        return FacebookSender(self.fb_access_token, self.fb_secret, self.api_url, self.client)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The handshake and webhook routes."""
        fb_webhook = Blueprint("fb_webhook", __name__)

        @fb_webhook.listener("before_server_stop")
        async def close(_app: Any, _loop: asyncio.AbstractEventLoop) -> None:
            await self.client.close()

        @fb_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @fb_webhook.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            token = request.args.get("hub.verify_token") or ""
            if request.args.get("hub.mode") == "subscribe" and hmac.compare_digest(
                token.encode(), self.fb_verify.encode()
            ):
                return response.text(request.args.get("hub.challenge") or "")
            logger.warning("rejected a Facebook verification with a wrong verify token")
            return response.text("wrong verify token", status=403)

        @fb_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            signature = request.headers.get(FACEBOOK_SIGNATURE_HEADER)
            if not facebook_signature_valid(request.body, signature, self.fb_secret):
                logger.warning("rejected a Facebook webhook call with a missing or wrong signature")
                return response.text("not validated", status=401 if signature is None else 403)
            payload = request.json
            if not isinstance(payload, Mapping):
                return response.text("not a webhook event", status=400)
            try:
                texts = user_texts(payload)
            except Malformed as error:
                logger.warning("refused a Facebook webhook call: %s", error)
                return response.text(f"not a webhook event: {error}", status=400)
            for sender_id, text, mid in texts:
                if await first_delivery("facebook", mid):
                    await self._answer(on_new_message, sender_id, text)
            return response.text("success")

        return fb_webhook

    async def _answer(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        sender_id: str,
        text: str,
    ) -> None:
        sender = self.get_output_channel()
        await sender.send_action(sender_id, "mark_seen")
        await sender.send_action(sender_id, "typing_on")
        try:
            await on_new_message(UserMessage(text, sender, sender_id, input_channel=self.name()))
        except Exception:
            logger.exception("the Facebook message could not be handled")
        finally:
            await sender.send_action(sender_id, "typing_off")
