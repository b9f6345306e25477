"""Rasa's action webhook, served through rasa-sdk's ActionExecutor."""

from __future__ import annotations

import hmac
import json
import logging
import zlib

from aiohttp import web
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

from bot.server import keys

logger = logging.getLogger(__name__)


def _error(status: int, message: str, **extra: str) -> web.Response:
    return web.json_response({"error": message, **extra}, status=status)


async def webhook(request: web.Request) -> web.Response:
    """Run the action Rasa asks for and return its events and messages."""
    token = request.app[keys.SETTINGS].action_token
    if token and not hmac.compare_digest(request.query.get("token", ""), token):
        return _error(401, "missing or wrong token")
    body = await request.read()
    try:
        if request.headers.get("Content-Encoding") == "deflate":
            body = zlib.decompress(body)
        action_call = json.loads(body)
    except (ValueError, zlib.error):
        return _error(400, "the body is not JSON")
    if not isinstance(action_call, dict) or not action_call.get("next_action"):
        return _error(400, "the body names no 'next_action'")
    if not isinstance(action_call.get("tracker"), dict):
        return _error(400, "the body has no 'tracker'")
    try:
        result = await request.app[keys.EXECUTOR].run(action_call)
    except ActionExecutionRejection as exc:
        return _error(400, exc.message, action_name=exc.action_name)
    except ActionNotFoundException as exc:
        return _error(404, exc.message, action_name=exc.action_name)
    except Exception:
        # The message text is personal data: log the action, never the tracker.
        logger.exception("action %s failed", action_call["next_action"])
        return _error(500, "the action failed", action_name=action_call["next_action"])
    return web.json_response(result)


async def list_actions(request: web.Request) -> web.Response:
    """The names of every registered action."""
    names = sorted(request.app[keys.EXECUTOR].actions)
    return web.json_response([{"name": name} for name in names])
