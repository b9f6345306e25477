"""Telegram: Rasa's connector with a secret-token check and a configurable API URL.

Differences from Rasa 3.6's ``TelegramInput``, and why:

* Every update must carry ``X-Telegram-Bot-Api-Secret-Token`` (the ``secret_token`` given
  to ``setWebhook``); missing → 401, wrong → 403, nothing is processed. Rasa checks nothing
  and instead calls ``getMe`` on every message.
* The webhook is registered, with that secret, in the background once the server runs;
  Rasa calls ``setWebhook`` synchronously while building the routes (start-up fails or hangs
  when Telegram is unreachable) and offers an unauthenticated ``/set_webhook`` route.
* All calls go to ``api_url`` (default the real Bot API), so a proxy or a test can stand in.
* Long texts are packed into as few messages as fit; more than two buttons stack one per
  row; a payload over Telegram's 64-byte limit is sent as the button's number.
* ``/start`` (the first message of every Telegram user) is answered as a greeting, and a
  pressed button is acknowledged so its spinner stops.
* Failures are logged and answered with 200, so Telegram does not redeliver the update.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channel_contract import is_signal
from bot.channels.http import ApiClient
from bot.channels.redelivery import first_delivery
from bot.channels.render import telegram_messages
from bot.channels.shapes import Malformed, obj
from bot.channels.signatures import TELEGRAM_SECRET_HEADER, telegram_secret_valid
from bot.language import GREETINGS

logger = logging.getLogger(__name__)

TELEGRAM_API = "https://api.telegram.org"
#: The updates the assistant answers; Telegram sends no others.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
REGISTER_TIMEOUT = 30


class TelegramSender(OutputChannel):
    """Sends the replies of one turn through the Bot API at ``api_url``."""

    @classmethod
    def name(cls) -> str:
        """The channel's name in the tracker."""
        return "telegram"

    def __init__(self, access_token: str, api_url: str, client: ApiClient) -> None:
        """Use ``access_token`` (from BotFather) against the Bot API at ``api_url``."""
        self.base = f"{api_url.rstrip('/')}/bot{access_token}"
        self.client = client
        #: Buttons numbered so far in this turn (the dialogue numbers them in one sequence).
        self.numbered = 0

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send ``text`` in as few messages as Telegram allows."""
        for message in telegram_messages(text):
            await self.call("sendMessage", chat_id=recipient_id, **message)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send ``text`` with the buttons as an inline keyboard."""
        messages = telegram_messages(text, buttons, first=self.numbered + 1)
        self.numbered += len(buttons)
        for message in messages:
            await self.call("sendMessage", chat_id=recipient_id, **message)

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Quick replies are inline buttons on Telegram."""
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """Nothing: the only custom JSON is our signals, for the website (Rasa would send it as text)."""
        if not is_signal(json_message):
            logger.warning("dropped custom JSON that is not one of our signals")

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        """Send an image by its URL."""
        await self.call("sendPhoto", chat_id=recipient_id, photo=image)

    async def call(self, method: str, **params: Any) -> Any | None:
        """Call a Bot API ``method``; its ``result``, or ``None`` when it failed (logged)."""
        answer = await self.client.post(f"{self.base}/{method}", json_body=params)
        return answer.get("result") if isinstance(answer, dict) else None


@dataclass(frozen=True)
class Incoming:
    """What an update asks the assistant."""

    chat_id: str
    text: str
    #: Set for a pressed inline button, which Telegram wants acknowledged.
    callback_id: str | None = None


def incoming(update: Mapping[str, Any]) -> Incoming | None:
    """The chat and text of a Telegram ``Update``; ``None`` for what the assistant ignores.

    Raises:
        Malformed: a field has the wrong type (the webhook answers 400).
    """
    query = obj(update.get("callback_query"), "callback_query")
    if query:
        chat = obj(
            obj(query.get("message"), "callback_query.message").get("chat"),
            "callback_query.message.chat",
        )
        data = query.get("data")
        if "id" in chat and isinstance(data, str):
            return Incoming(str(chat["id"]), data, str(query.get("id")))
        return None
    message = obj(update.get("message") or update.get("edited_message"), "message")
    if not message:
        return None
    text, chat = message.get("text"), obj(message.get("chat"), "message.chat")
    if not isinstance(text, str) or "id" not in chat:
        return None  # photos, stickers, locations …
    if text == "/start" or text.startswith("/start "):
        language = str(obj(message.get("from"), "message.from").get("language_code") or "")
        # Telegram's /start says nothing: greet in the person's app language, so that the
        # assistant answers in it from the first message.
        text = GREETINGS.get(language[:2], GREETINGS["de"])
    return Incoming(str(chat["id"]), text)


class TelegramChannel(TelegramInput):
    """The ``telegram`` channel: ``/webhooks/telegram/webhook``."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramChannel:
        """Read ``access_token``, ``secret_token``, ``webhook_url``, ``verify`` and ``api_url``."""
        if not credentials:
            return cls.raise_missing_credentials_exception()  # raises
        return cls(
            credentials["access_token"],
            credentials.get("verify"),
            credentials.get("webhook_url"),
            secret_token=credentials["secret_token"],
            api_url=credentials.get("api_url") or TELEGRAM_API,
        )

    def __init__(
        self,
        access_token: str,
        verify: str | None,
        webhook_url: str | None,
        *,
        secret_token: str,
        api_url: str = TELEGRAM_API,
    ) -> None:
        """Describe the bot; ``verify`` is its user name, checked once at start-up."""
        super().__init__(access_token, verify, webhook_url, debug_mode=False)
        self.secret_token = secret_token
        self.api_url = api_url
        self.client = ApiClient("Telegram")

    def get_output_channel(self) -> TelegramSender:
        """A sender for one turn of this bot (without Rasa's ``setWebhook`` call)."""
        return TelegramSender(self.access_token, self.api_url, self.client)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The webhook routes, and the webhook registration once the server runs."""
        telegram_webhook = Blueprint("telegram_webhook", __name__)

        @telegram_webhook.listener("after_server_start")
        async def register(_app: Any, loop: asyncio.AbstractEventLoop) -> None:
            loop.create_task(self.register_webhook())

        @telegram_webhook.listener("before_server_stop")
        async def close(_app: Any, _loop: asyncio.AbstractEventLoop) -> None:
            await self.client.close()

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            secret = request.headers.get(TELEGRAM_SECRET_HEADER)
            if not telegram_secret_valid(secret, self.secret_token):
                logger.warning("rejected a Telegram webhook call without the secret token")
                return response.text("forbidden", status=401 if secret is None else 403)
            update = request.json
            if not isinstance(update, Mapping):
                return response.text("not a Telegram update", status=400)
            try:
                turn = incoming(update)
            except Malformed as error:
                logger.warning("refused a Telegram update: %s", error)
                return response.text(f"not a Telegram update: {error}", status=400)
            if turn is None:
                return response.text("ignored")
            if not await first_delivery("telegram", update.get("update_id")):
                return response.text("already handled")
            sender = self.get_output_channel()
            if turn.callback_id:
                # Stops the spinner on the pressed button; losing it is harmless.
                await sender.call("answerCallbackQuery", callback_query_id=turn.callback_id)
            try:
                await on_new_message(
                    UserMessage(turn.text, sender, turn.chat_id, input_channel=self.name())
                )
            except Exception:
                logger.exception("the Telegram message could not be handled")
            return response.text("success")

        return telegram_webhook

    async def register_webhook(self) -> None:
        """Check the bot's name and register the webhook with the secret token."""
        sender = self.get_output_channel()
        try:
            if self.verify:
                me = await asyncio.wait_for(sender.call("getMe"), REGISTER_TIMEOUT)
                name = (me or {}).get("username")
                if name != self.verify:
                    logger.error(
                        "EMS_TELEGRAM_TOKEN belongs to @%s, not to EMS_TELEGRAM_BOT_NAME @%s",
                        name,
                        self.verify,
                    )
            if self.webhook_url:
                registered = await asyncio.wait_for(
                    sender.call(
                        "setWebhook",
                        url=self.webhook_url,
                        secret_token=self.secret_token,
                        allowed_updates=ALLOWED_UPDATES,
                    ),
                    REGISTER_TIMEOUT,
                )
                if registered:
                    logger.info("Telegram webhook registered: %s", self.webhook_url)
                else:
                    logger.error("could not register the Telegram webhook (see the warning above)")
        except asyncio.TimeoutError:
            logger.error("could not register the Telegram webhook: Telegram did not answer")
