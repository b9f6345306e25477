"""The widget in Chromium with only the app server running: fast, no model needed.

What does not depend on the assistant's answers: loading from one script tag, safe links,
the UI language, the keyboard, a phone-sized screen, and a plain message when Rasa is away.
"""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from bot.server.handlers import widget
from bot.settings import Settings
from tests.browser.conftest import PartnerSite
from tests.browser.widget import active_element, bubbles, launcher, open_chat, panel
from tests.support import free_port, repository_knowledge


def privacy_notice(settings: Settings, language: str) -> str:
    return widget.privacy_notice(repository_knowledge(), settings, language)


def test_one_script_tag_loads_the_widget_and_its_privacy_notice(
    page: Page, app_server: Settings
) -> None:
    page.goto(app_server.app_url)
    expect(launcher(page)).to_have_text("Chat: Willkommens-Assistent")
    open_chat(page)
    notice = page.locator(".ems-notice")
    expect(notice).to_contain_text(privacy_notice(app_server, "de"))
    expect(page.locator(".ems-root")).to_have_attribute("lang", "de")
    # Every file came from the app server (and the socket.io polls go to Rasa): no CDN.
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    # The parts come from the versioned URLs browsers may cache (bot/server/handlers/widget.py).
    version = widget.asset_version(app_server)
    assert f"{app_server.app_url}/widget/v/{version}/vendor/socket.io.min.js" in loaded
    assert f"{app_server.app_url}/widget/v/{version}/parts/chat.js" in loaded
    servers = (f"{app_server.app_url}/", f"{app_server.rasa_url}/socket.io/")
    assert all(url.startswith(servers) for url in loaded), loaded


def test_links_are_built_safely_never_as_html(page: Page, app_server: Settings) -> None:
    page.goto(app_server.app_url)
    open_chat(page)
    hostile = (
        '<img src=x onerror="window.hacked=1"> javascript:alert(1) see https://example.org/a?b=1.'
    )
    page.locator("#ems-input").fill(hostile)
    page.locator("#ems-input").press("Enter")
    bubble = bubbles(page, "user").last
    expect(bubble).to_contain_text('<img src=x onerror="window.hacked=1">')
    assert bubble.locator("img").count() == 0
    links = bubble.locator("a")
    expect(links).to_have_count(1)
    expect(links).to_have_attribute("href", "https://example.org/a?b=1")
    expect(links).to_have_attribute("target", "_blank")
    expect(links).to_have_attribute("rel", "noopener noreferrer")
    assert page.evaluate("window.hacked") is None
    pieces = page.evaluate(
        "EmsAchseChat.text.pieces('Mehr: https://www.anerkennung-in-deutschland.de/html/de/index.php) und (https://x.example/a_(b)).')"
    )
    assert [p.get("href") for p in pieces if "href" in p] == [
        "https://www.anerkennung-in-deutschland.de/html/de/index.php",
        "https://x.example/a_(b)",
    ]


def test_the_assistant_being_away_is_said_plainly(page: Page, app_server: Settings) -> None:
    page.goto(app_server.app_url)
    open_chat(page)
    page.locator("#ems-input").fill("Hallo")
    page.locator("#ems-input").press("Enter")
    expect(page.locator(".ems-status")).to_contain_text("nicht erreichbar", timeout=30_000)
    # The message is kept (and sent once the connection is back).
    expect(bubbles(page, "user")).to_have_text(["Hallo"])


def test_the_language_switch_changes_the_widgets_words(page: Page, app_server: Settings) -> None:
    page.goto(app_server.app_url)
    open_chat(page)
    page.get_by_label("Sprache").select_option("en")
    expect(page.locator(".ems-root")).to_have_attribute("lang", "en")
    expect(page.locator("#ems-title")).to_have_text("Ems-Achse welcome assistant")
    expect(page.get_by_label("Your message")).to_be_visible()
    expect(page.locator(".ems-notice")).to_contain_text(privacy_notice(app_server, "en"))
    page.reload()
    expect(launcher(page)).to_be_hidden()  # it was open: it opens again, in English
    expect(page.locator("#ems-title")).to_have_text("Ems-Achse welcome assistant")


def test_the_switch_offers_eight_languages_each_named_in_itself(
    page: Page, app_server: Settings
) -> None:
    page.goto(app_server.app_url)
    open_chat(page)
    options = page.locator("#ems-lang option")
    expect(options).to_have_text(
        ["Deutsch", "English", "Español", "العربية", "Українська", "Română", "Türkçe", "Tiếng Việt"]
    )
    assert options.evaluate_all("os => os.map(o => o.lang)") == [
        "de", "en", "es", "ar", "uk", "ro", "tr", "vi",
    ]  # fmt: skip


def test_arabic_lays_the_widget_out_right_to_left_with_its_privacy_notice(
    page: Page, app_server: Settings
) -> None:
    page.goto(app_server.app_url)
    open_chat(page)
    page.get_by_label("Sprache").select_option("ar")
    root = page.locator(".ems-root")
    expect(root).to_have_attribute("lang", "ar")
    expect(root).to_have_attribute("dir", "rtl")
    expect(page.locator(".ems-notice")).to_contain_text(privacy_notice(app_server, "ar")[:60])
    # The input and the send button follow the direction: the button sits left of the input.
    send = page.locator(".ems-send").bounding_box()
    field = page.locator("#ems-input").bounding_box()
    assert send is not None and field is not None and send["x"] < field["x"]
    page.get_by_label("اللغة").select_option("vi")
    expect(root).to_have_attribute("dir", "ltr")


def test_keyboard_only_open_type_and_close(page: Page, app_server: Settings) -> None:
    page.goto(app_server.app_url)
    launcher(page).wait_for()
    for _ in range(10):
        page.keyboard.press("Tab")
        if active_element(page).startswith("button.ems-launcher"):
            break
    assert active_element(page).startswith("button.ems-launcher")
    page.keyboard.press("Enter")
    expect(panel(page)).to_be_visible()
    assert active_element(page) == "input.ems-input"
    page.keyboard.type("Hallo")
    page.keyboard.press("Enter")
    expect(bubbles(page, "user")).to_have_text(["Hallo"])
    page.keyboard.press("Escape")
    expect(panel(page)).to_be_hidden()
    assert active_element(page).startswith("button.ems-launcher")
    assert launcher(page).get_attribute("aria-expanded") == "false"


def test_a_new_conversation_deletes_the_history_on_this_device(
    page: Page, app_server: Settings
) -> None:
    page.goto(app_server.app_url)
    open_chat(page)
    page.locator("#ems-input").fill("Meine Frage")
    page.locator("#ems-input").press("Enter")
    before = json.loads(page.evaluate("localStorage.getItem('ems-achse-chat:v1')"))
    assert [m["text"] for m in before["messages"]] == ["Meine Frage"]
    page.get_by_role("button", name="Neu beginnen").click()
    expect(bubbles(page, "user")).to_have_count(0)
    after = json.loads(page.evaluate("localStorage.getItem('ems-achse-chat:v1')"))
    assert after["messages"] == [] and after["sessionId"] != before["sessionId"]
    assert active_element(page) == "input.ems-input"


def test_a_website_not_in_the_allowed_origins_gets_no_chat(
    page: Page, app_server: Settings
) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    url = f"{app_server.app_url}/widget/ems-chat.js"
    with PartnerSite(url, free_port()) as site:
        assert site.origin not in app_server.allowed_origins
        page.goto(site.url)
        page.wait_for_function("() => !!window.EmsAchseChat")  # the script itself loads
        page.wait_for_timeout(1000)
        expect(launcher(page)).to_have_count(0)
    assert any("CORS" in e or "Failed to fetch" in e or "could not start" in e for e in errors)
