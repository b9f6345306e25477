"""The website widget's socket.io channel: Rasa's, with two fixes (loaded by the Rasa server only).

1. Rasa 3.6.21 calls ``sio.enter_room(...)`` without ``await``. In python-socketio 5 it is a
   coroutine, so with ``session_persistence: true`` the socket never joins the conversation's
   room and no answer reaches the browser. Here the room is really joined.
2. Rasa builds the socket.io server with ``cors_allowed_origins=[]``, which switches
   engine.io's origin check off: ``--cors`` guards long-polling, but a WebSocket from any site
   is accepted. Here a browser ``connect`` from an origin outside ``allowed_origins`` is refused
   on both transports. (Setting engine.io's own CORS list instead would send the
   ``Access-Control-Allow-Origin`` header twice, next to Sanic-CORS, and browsers reject that.)

The channel keeps the name ``socketio``, so its routes (``/socket.io``) do not change.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint


class WebsiteSocketIO(SocketIOInput):
    """``socketio`` with the session room joined and the allowed origins enforced."""

    allowed_origins: frozenset[str] | None = None

    @classmethod
    def name(cls) -> str:
        """The channel's name, as Rasa's own."""
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Rasa's settings plus ``allowed_origins`` (a list; none: every origin)."""
        settings = dict(credentials or {})
        origins = settings.pop("allowed_origins", None)
        channel = super().from_credentials(settings)
        channel.allowed_origins = frozenset(origins) if origins else None
        return channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's routes, with the ``connect`` and ``session_request`` handlers replaced."""
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        if sio is None:  # Rasa sets it in super().blueprint
            raise RuntimeError("Rasa's socket.io server was not created")
        namespace = self.namespace
        rasa_connect = sio.handlers[namespace or "/"]["connect"]
        allowed = self.allowed_origins

        async def connect(
            sid: str, environ: dict[str, Any], auth: dict[str, Any] | None = None
        ) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            # Browsers always send Origin; other clients (tests, servers) have none to check.
            if allowed is not None and origin and origin not in allowed:
                return False
            return bool(await rasa_connect(sid, environ, auth))

        async def session_request(sid: str, data: dict[str, Any] | None) -> None:
            data = dict(data or {})
            if not data.get("session_id"):
                data["session_id"] = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, data["session_id"], namespace=namespace)
            await sio.emit("session_confirm", data["session_id"], room=sid, namespace=namespace)

        sio.on("connect", connect, namespace=namespace)
        sio.on("session_request", session_request, namespace=namespace)
        return blueprint
