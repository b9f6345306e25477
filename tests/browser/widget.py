"""How a person uses the chat widget, as plain functions on a Playwright page."""

from __future__ import annotations

import time

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

#: The widget lives in the open shadow root of this element; Playwright's CSS pierces it.
HOST = "#ems-achse-chat"


def launcher(page: Page) -> Locator:
    """The button that opens the chat."""
    return page.locator(".ems-launcher")


def panel(page: Page) -> Locator:
    """The chat panel (a dialog)."""
    return page.locator("#ems-panel")


def open_chat(page: Page) -> None:
    """Click the launcher and wait for the panel."""
    launcher(page).click()
    panel(page).wait_for(state="visible")


def bubbles(page: Page, who: str) -> Locator:
    """The message bubbles of ``who`` ("bot" or "user")."""
    return page.locator(f".ems-{who} .ems-bubble")


def texts(page: Page, who: str) -> list[str]:
    """The texts of ``who``'s bubbles, in order."""
    return [t.strip() for t in bubbles(page, who).all_inner_texts()]


def wait_for_reply(page: Page, before: int, timeout: float = 60.0) -> list[str]:
    """Wait until the assistant said more than ``before`` messages and then stopped; the new ones."""
    try:
        page.locator(".ems-bot").nth(before).wait_for(timeout=timeout * 1000)
    except PlaywrightTimeout:
        status = page.locator(".ems-status").get_attribute("data-status")
        raise AssertionError(
            f"no answer from the assistant within {timeout:.0f} s (widget status: {status}). "
            "'offline': the widget cannot reach Rasa's socket.io channel. 'online' or 'waiting': "
            "the message was sent but no bot_uttered came back; Rasa's socket.io channel must "
            "join the session's room (see docs/widget.md)."
        ) from None
    count, stable_since = -1, time.monotonic()
    while time.monotonic() - stable_since < 1.0:
        now = page.locator(".ems-bot").count()
        if now != count:
            count, stable_since = now, time.monotonic()
        page.wait_for_timeout(100)
    return texts(page, "bot")[before:]


def say(page: Page, text: str) -> list[str]:
    """Type ``text`` into the chat, press Enter, and return the assistant's answer."""
    before = page.locator(".ems-bot").count()
    page.locator("#ems-input").fill(text)
    page.locator("#ems-input").press("Enter")
    return wait_for_reply(page, before)


def choice(page: Page, title: str) -> Locator:
    """The answer button titled ``title`` (not the widget's own "Send" of the same name)."""
    return page.locator(".ems-choices").get_by_role("button", name=title, exact=True)


def press(page: Page, title: str) -> list[str]:
    """Press the answer button titled ``title`` and return the assistant's answer."""
    before = page.locator(".ems-bot").count()
    choice(page, title).click()
    return wait_for_reply(page, before)


def active_element(page: Page) -> str:
    """What has the keyboard focus: the widget's element as ``tag.class``, else the page's tag."""
    return str(
        page.evaluate(
            """() => {
              const host = document.querySelector('#ems-achse-chat');
              const el = (host && host.shadowRoot.activeElement) || document.activeElement;
              return el.tagName.toLowerCase() + (el.className ? '.' + el.className.split(' ').join('.') : '');
            }"""
        )
    )


def direction(locator: Locator) -> str:
    """The computed CSS direction of an element."""
    return str(locator.evaluate("el => getComputedStyle(el).direction"))
