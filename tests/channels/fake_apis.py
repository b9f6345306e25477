"""Local stand-ins for the Telegram, Facebook Graph and Twilio APIs that record every call.

One aiohttp server in a background thread; each API lives under its own path prefix
(``/telegram``, ``/facebook/v25.0``, ``/twilio``), which the assistant gets as its
``EMS_*_API_URL``. The answers have the shape the real APIs give.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.support import free_port

TELEGRAM_BOT_NAME = "EmsAchseTestBot"


@dataclass(frozen=True)
class Call:
    """One request the assistant made to an API."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    #: The JSON body, or the form fields (one value each).
    body: dict[str, Any]


class FakeApis:
    """The three APIs on one local port; use as a context manager."""

    def __init__(self) -> None:
        """Choose a port; nothing listens before :meth:`start`."""
        self.port = free_port()
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None

    def url(self, prefix: str) -> str:
        """The base URL of one API, e.g. ``url("telegram")``."""
        return f"http://127.0.0.1:{self.port}/{prefix}"

    def start(self) -> FakeApis:
        """Listen in a background thread."""
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def __enter__(self) -> FakeApis:
        """Start."""
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        """Stop."""
        self.stop()

    def recorded(self, where: Callable[[Call], bool] = lambda _c: True) -> list[Call]:
        """The calls so far that match ``where``."""
        with self._lock:
            return [c for c in self.calls if where(c)]

    def wait_for(self, where: Callable[[Call], bool], timeout: float = 30) -> list[Call]:
        """Wait until a call matches ``where``; the matching calls."""
        deadline = time.monotonic() + timeout
        while not (found := self.recorded(where)):
            assert time.monotonic() < deadline, "the expected API call did not come"
            time.sleep(0.2)
        return found

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.content_type == "application/json":
            body = await request.json()
        else:
            body = dict((await request.post()).items())
        call = Call(request.method, request.path, dict(request.query), dict(request.headers), body)
        with self._lock:
            self.calls.append(call)
        if request.path.startswith("/telegram/"):
            return web.json_response({"ok": True, "result": self._telegram(call)})
        if request.path.startswith("/twilio/"):
            return web.json_response({"sid": f"SM{next(self._ids):032x}"}, status=201)
        return web.json_response({"recipient_id": "x", "message_id": f"m_{next(self._ids)}"})

    def _telegram(self, call: Call) -> Any:
        method = call.path.rsplit("/", 1)[-1]
        if method == "getMe":
            return {
                "id": 123456789,
                "is_bot": True,
                "first_name": "Ems",
                "username": TELEGRAM_BOT_NAME,
            }
        if method == "sendMessage":
            chat = {"id": int(call.body["chat_id"]), "type": "private"}
            return {
                "message_id": next(self._ids),
                "date": 0,
                "chat": chat,
                "text": call.body["text"],
            }
        return True


def telegram_keyboard(call: Call) -> list[list[dict[str, str]]]:
    """The inline keyboard of a recorded ``sendMessage`` (empty without one)."""
    markup = call.body.get("reply_markup") or {}
    return list(markup.get("inline_keyboard") or [])
