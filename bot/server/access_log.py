"""The app server's access log: method, path, status and time; never the query string.

Rasa passes the action token as ``?token=…`` (its endpoint configuration has no header for
it), and aiohttp's default access log writes the request line with the query, so the token
stood in the log in clear (issue 15).
"""

from __future__ import annotations

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger


class PathOnlyAccessLogger(AbstractAccessLogger):
    """One line per request without the query string."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        """Log ``request`` and what was answered."""
        self.logger.info(
            "%s %s %s %s %.3fs", request.remote, request.method, request.path, response.status, time
        )
