"""Security headers on every response of the app server.

Issue 15 found that no page sent a Content-Security-Policy or a framing rule, so the staff
case page, with its "close" and "retry" buttons, could be framed by another site. Every
response now says ``nosniff`` and a referrer policy; every HTML page also gets a CSP that
forbids framing and allows only this server's scripts and styles and, for the demo page's
chat widget, connections to the Rasa server. JSON and the widget's files (which other
sites embed) get no CSP: a CSP governs the document that loads them, not them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web

from bot.server import keys
from bot.settings import Settings

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def page_policy(settings: Settings) -> str:
    """The CSP of our HTML pages: our own scripts and styles, the Rasa server for the widget."""
    rasa = urlsplit(settings.public_rasa_url or settings.rasa_url)
    socket = "wss" if rasa.scheme == "https" else "ws"
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            # the demo and staff pages keep their few styles inline, in the page itself
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            f"connect-src 'self' {rasa.scheme}://{rasa.netloc} {socket}://{rasa.netloc}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "object-src 'none'",
        )
    )


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Add :data:`ALWAYS` to every response and the page policy to HTML pages."""
    try:
        response = await handler(request)
    except web.HTTPException as error:  # aiohttp's error pages are responses too
        response = error
        _add(response, request)
        raise
    _add(response, request)
    return response


def _add(response: web.StreamResponse, request: web.Request) -> None:
    if response.prepared:
        return  # streamed: its headers are sent already
    for name, value in ALWAYS.items():
        response.headers.setdefault(name, value)
    if response.content_type == "text/html":
        response.headers.setdefault(
            "Content-Security-Policy", page_policy(request.app[keys.SETTINGS])
        )
        response.headers.setdefault("X-Frame-Options", "DENY")
