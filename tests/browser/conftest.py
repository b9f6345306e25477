"""Headless Chromium (Debian's package, driven by Playwright) and a running assistant.

Playwright never downloads a browser here: it launches /usr/bin/chromium by its path
(``scripts/chromium.sh`` installs it for `make test`). Without it these tests fail, loudly.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from bot.db.migrate import upgrade
from bot.ops.assistant import APP_START_TIMEOUT, Assistant, app_process
from bot.settings import PROJECT_ROOT, Settings
from tests.referrals.receivers import SmtpServer
from tests.support import free_port, referring_assistant, settings_for

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
#: Screenshots of the key states, kept as test artefacts (listed in docs/widget.md).
ARTIFACTS = PROJECT_ROOT / "var" / "artifacts" / "browser"
AXE = PROJECT_ROOT / "widget" / "node_modules" / "axe-core" / "axe.min.js"


# Module scope, not session: Playwright's sync API keeps an event loop running in this thread
# while it is open, and the async tests of later modules need the thread's loop to themselves.
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing, so the widget cannot be tested in a browser. "
            "Install Debian's chromium as root (`apt-get install chromium`, or `bash scripts/chromium.sh`)",
            pytrace=False,
        )
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


class PartnerSite:
    """A partner's web page on another origin that embeds the widget with one script tag."""

    def __init__(self, widget_url: str, port: int) -> None:
        page = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Partner website</title></head><body><main><h1>A partner website</h1>"
            "<p>It embeds the Ems-Achse chat.</p></main>"
            f'<script src="{widget_url}" defer></script></body></html>'
        ).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.port = port
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.url = f"http://127.0.0.1:{self.port}/"
        self.origin = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> PartnerSite:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def partner_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def assistant(
    trained_model: Path,
    tmp_path_factory: pytest.TempPathFactory,
    partner_port: int,
    smtp: SmtpServer,
) -> Iterator[Assistant]:
    """The assistant, whose two test partners take referrals by e-mail through ``smtp``."""
    state = tmp_path_factory.mktemp("browser-assistant")
    origin = f"http://127.0.0.1:{partner_port}"
    with referring_assistant(
        state, trained_model, smtp.port, EMS_ALLOWED_ORIGINS=origin
    ) as running:
        yield running


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile (empty localStorage) per test."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Only the app server (no Rasa): the widget loads, but the assistant cannot be reached."""
    state = tmp_path_factory.mktemp("browser-app")
    # Rasa's port points at nothing: the widget must say so, not break.
    settings = settings_for(state, EMS_RASA_PORT=str(free_port()))
    upgrade(settings.database_url)
    server = app_process(settings)
    server.start()
    try:
        server.wait_ready(f"{settings.app_url}/health", APP_START_TIMEOUT)
        yield settings
    finally:
        server.stop()
