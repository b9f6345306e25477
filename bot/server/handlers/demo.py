"""The demo page: an ordinary web page that embeds the chat widget with one script tag."""

from __future__ import annotations

import html
from pathlib import Path

from aiohttp import web

_PAGE = Path(__file__).resolve().parent.parent / "static" / "demo.html"


async def demo_page(request: web.Request) -> web.Response:
    """Serve the page, showing the script tag with this server's address."""
    widget_url = f"{request.scheme}://{request.host}/widget/ems-chat.js"
    snippet = f'<script src="{widget_url}" defer></script>'
    page = _PAGE.read_text(encoding="utf-8").replace("__EMBED_SNIPPET__", html.escape(snippet))
    return web.Response(text=page, content_type="text/html", charset="utf-8")
