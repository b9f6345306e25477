"""The demo chat page: talks to Rasa's REST channel from the browser."""

from __future__ import annotations

import json
from pathlib import Path

from aiohttp import web

from bot.server import keys

_PAGE = Path(__file__).resolve().parent.parent / "static" / "demo.html"


async def demo_page(request: web.Request) -> web.Response:
    """Serve the page with the Rasa server's address filled in."""
    settings = request.app[keys.SETTINGS]
    page = _PAGE.read_text(encoding="utf-8").replace("__RASA_URL__", json.dumps(settings.rasa_url))
    return web.Response(text=page, content_type="text/html")
