"""The widget in Chromium against the real assistant (Rasa + app server), as newcomers use it.

Screenshots of the key states go to var/artifacts/browser/ (listed in docs/widget.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.knowledge.required import MessageId, TextId
from bot.language import RIGHT_TO_LEFT, detect_language
from bot.ops.assistant import Assistant
from tests.browser.conftest import AXE, PartnerSite
from tests.browser.widget import (
    active_element,
    bubbles,
    choice,
    direction,
    launcher,
    open_chat,
    panel,
    press,
    say,
    texts,
    wait_for_reply,
)
from tests.languages import CONVERSATIONS, EMAIL, Conversation, opening
from tests.referrals.conftest import PARTNER_INBOX
from tests.referrals.receivers import SmtpServer
from tests.support import repository_knowledge, wait_for

pytestmark = pytest.mark.rasa

ARABIC = "مرحبا، أحتاج مساعدة في الاعتراف بشهادتي"


def shoot(page: Page, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"))


def test_asks_a_question_and_gets_the_answer(
    page: Page, assistant: Assistant, artifacts: Path
) -> None:
    page.goto(assistant.settings.app_url)
    open_chat(page)
    expect(page.locator(".ems-notice")).to_be_visible()
    shoot(page, artifacts, "opened")
    assert say(page, "Hallo")
    answer = " ".join(say(page, "Wo ist die Ausländerbehörde in Leer?"))
    assert "Ausländerbehörde des Landkreises Leer" in answer
    # The bot's bubbles say who speaks, for screen readers; the log announces additions.
    log = page.locator(".ems-log")
    expect(log).to_have_attribute("role", "log")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(page.locator(".ems-bot .ems-who").first).to_have_text("Assistent:")
    shoot(page, artifacts, "answered")


def test_a_quick_reply_button_sends_its_payload_and_shows_its_title(
    page: Page, assistant: Assistant, artifacts: Path
) -> None:
    page.goto(assistant.settings.app_url)
    open_chat(page)
    say(page, "Was kannst du?")
    choices = page.locator(".ems-choices button")
    expect(choices.first).to_be_visible()
    shoot(page, artifacts, "buttons")
    title = choices.first.inner_text().strip()
    before = page.locator(".ems-bot").count()
    choices.first.click()
    assert texts(page, "user")[-1] == title
    assert wait_for_reply(page, before)
    # Only the newest answer may carry buttons: the pressed ones are gone.
    groups = page.locator(".ems-choices")
    assert groups.count() <= 1
    if groups.count():
        assert page.locator(".ems-msg").last.locator(".ems-choices").count() == 1


def test_the_conversation_is_kept_across_a_reload(page: Page, assistant: Assistant) -> None:
    page.goto(assistant.settings.app_url)
    open_chat(page)
    say(page, "Hallo")
    say(page, "Wo ist die Ausländerbehörde in Leer?")
    shown = texts(page, "bot")
    stored = json.loads(page.evaluate("localStorage.getItem('ems-achse-chat:v1')"))
    page.reload()
    expect(panel(page)).to_be_visible()  # it was open
    assert texts(page, "bot") == shown
    assert texts(page, "user") == ["Hallo", "Wo ist die Ausländerbehörde in Leer?"]
    # The same conversation goes on at Rasa: a follow-up reuses the remembered place.
    follow_up = " ".join(say(page, "und für Wittmund?"))
    assert "Wittmund" in follow_up
    after = json.loads(page.evaluate("localStorage.getItem('ems-achse-chat:v1')"))
    assert after["sessionId"] == stored["sessionId"]


def test_after_delete_my_data_the_browser_keeps_nothing_of_the_conversation(
    page: Page, assistant: Assistant
) -> None:
    page.goto(assistant.settings.app_url)
    open_chat(page)
    say(page, "Hallo, ich bin Amina Haddad")
    before = json.loads(page.evaluate("localStorage.getItem('ems-achse-chat:v1')"))
    assert any("Amina" in m["text"] for m in before["messages"])
    say(page, "Bitte löschen Sie meine Daten")
    panel(page).get_by_role("button", name="Ja, alles löschen").click()
    expect(bubbles(page, "bot").last).to_have_text("Auch dieser Browser hat den Verlauf gelöscht.")
    assert texts(page, "bot")[0].startswith("Gelöscht:")  # the assistant's confirmation, shown
    assert texts(page, "user") == []
    after = json.loads(page.evaluate("localStorage.getItem('ems-achse-chat:v1')"))
    assert after["messages"] == [] and after["sessionId"] != before["sessionId"]
    page.reload()
    assert texts(page, "user") == [] and not any("Amina" in t for t in texts(page, "bot"))
    # A new conversation starts, with its own privacy notice above the first answer.
    assert say(page, "Hallo")


def test_switching_to_english_changes_the_ui_and_the_answers(
    page: Page, assistant: Assistant, artifacts: Path
) -> None:
    knowledge = repository_knowledge()
    page.goto(assistant.settings.app_url)
    open_chat(page)
    say(page, "Hallo")
    before = page.locator(".ems-bot").count()
    page.get_by_label("Sprache").select_option("en")
    expect(page.locator("#ems-title")).to_have_text("Ems-Achse welcome assistant")
    expect(page.locator(".ems-root")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    switched = wait_for_reply(page, before)
    assert knowledge.message(MessageId.LANGUAGE_SWITCHED, "en") in switched
    answer = " ".join(say(page, "What is the EU Blue Card?"))
    assert "Blue Card" in answer, answer
    shoot(page, artifacts, "english")


def test_an_arabic_conversation_is_laid_out_right_to_left(
    page: Page, assistant: Assistant, artifacts: Path
) -> None:
    page.goto(assistant.settings.app_url)
    open_chat(page)
    replies = say(page, ARABIC)
    user = bubbles(page, "user").last
    assert direction(user) == "rtl"
    assert user.evaluate("el => getComputedStyle(el).textAlign") in ("start", "right")
    arabic_replies = [
        bubble
        for bubble in bubbles(page, "bot").all()
        if any("\u0600" <= c <= "\u06ff" for c in bubble.inner_text())
    ]
    assert arabic_replies, f"no answer in Arabic script: {replies}"
    assert all(direction(b) == "rtl" for b in arabic_replies)
    # The German and English bubbles beside them stay left-to-right.
    assert direction(page.locator(".ems-notice p")) == "ltr"
    page.locator("#ems-input").fill("مرحبا")
    assert direction(page.locator("#ems-input")) == "rtl"
    page.locator("#ems-input").fill("")
    shoot(page, artifacts, "rtl-arabic")


def test_keyboard_only(page: Page, assistant: Assistant) -> None:
    page.goto(assistant.settings.app_url)
    launcher(page).wait_for()
    for _ in range(10):
        page.keyboard.press("Tab")
        if active_element(page).startswith("button.ems-launcher"):
            break
    assert active_element(page).startswith("button.ems-launcher")
    page.keyboard.press("Enter")
    assert active_element(page) == "input.ems-input"
    before = page.locator(".ems-bot").count()
    page.keyboard.type("Hallo")
    page.keyboard.press("Enter")
    assert wait_for_reply(page, before)
    # The focused input shows a focus ring.
    focus_outline = page.locator("#ems-input").evaluate("el => getComputedStyle(el).outlineStyle")
    assert focus_outline != "none"
    page.keyboard.press("Escape")
    expect(panel(page)).to_be_hidden()
    assert active_element(page).startswith("button.ems-launcher")


def test_works_on_a_360_pixel_wide_phone(
    browser: Browser, assistant: Assistant, artifacts: Path
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(assistant.settings.app_url)
        open_chat(page)
        box = panel(page).bounding_box()
        assert box is not None and box["width"] == 360 and box["x"] == 0
        say(page, "Wo ist die Ausländerbehörde in Leer?")
        page.locator("#ems-input").fill("https://www.example.org/" + "sehr-lange-adresse-" * 10)
        page.locator("#ems-input").press("Enter")
        widths = page.evaluate(
            """() => {
              const log = document.querySelector('#ems-achse-chat').shadowRoot.querySelector('.ems-log');
              return [document.documentElement.scrollWidth, log.scrollWidth, log.clientWidth];
            }"""
        )
        assert widths[0] <= 360 and widths[1] <= widths[2], widths
        shoot(page, artifacts, "phone-360px")
    finally:
        context.close()


def test_a_partner_website_on_another_origin_can_chat(
    page: Page, assistant: Assistant, partner_port: int
) -> None:
    with PartnerSite(f"{assistant.settings.app_url}/widget/ems-chat.js", partner_port) as site:
        assert site.origin in assistant.settings.allowed_origins
        page.goto(site.url)
        open_chat(page)
        assert say(page, "Hallo")
        # English page: the widget starts in English.
        expect(page.locator("#ems-title")).to_have_text("Ems-Achse welcome assistant")


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=lambda c: c.language)
def test_a_whole_conversation_in_each_further_language(
    page: Page, assistant: Assistant, smtp: SmtpServer, artifacts: Path, conversation: Conversation
) -> None:
    """Chosen in the language menu: an answer, a referral with consent and a deletion, all in it."""
    knowledge = repository_knowledge()
    language = conversation.language
    direction_ = "rtl" if language in RIGHT_TO_LEFT else "ltr"
    page.goto(assistant.settings.app_url)
    open_chat(page)
    before = page.locator(".ems-bot").count()
    page.get_by_label("Sprache").select_option(language)
    root = page.locator(".ems-root")
    expect(root).to_have_attribute("lang", language)
    expect(root).to_have_attribute("dir", direction_)
    expect(
        page.get_by_role("button", name=knowledge.text(TextId.WIDGET_SEND, language))
    ).to_be_visible()
    notice = knowledge.message(MessageId.PRIVACY_NOTICE, language).split("{")[0].strip()
    expect(page.locator(".ems-notice")).to_contain_text(notice[:40])
    assert knowledge.message(MessageId.LANGUAGE_SWITCHED, language) in wait_for_reply(page, before)

    def in_language(replies: list[str]) -> str:
        text = "\n".join(replies)
        assert detect_language(text) == language, f"not in {language}: {text[:400]}"
        return text

    answer = in_language(say(page, conversation.office_question))
    assert "Ausländerbehörde des Landkreises Leer" in answer
    assert direction(bubbles(page, "bot").last) == direction_
    shoot(page, artifacts, f"conversation-{language}")
    assert _blocking_accessibility_violations(page, assistant, artifacts, language) == []

    assert "COMPASS-Haus Nordhorn" in in_language(say(page, conversation.referral_request))
    assert opening(knowledge, TextId.ASK_NAME, language) in in_language(
        press(page, opening(knowledge, TextId.CONSENT_YES, language))
    )
    assert opening(knowledge, TextId.ASK_CONTACT, language) in " ".join(
        say(page, conversation.name)
    )
    assert opening(knowledge, TextId.ASK_DESCRIPTION, language) in " ".join(say(page, EMAIL))
    assert conversation.name in " ".join(say(page, conversation.description))
    sent = in_language(press(page, opening(knowledge, TextId.SEND, language)))
    assert opening(knowledge, TextId.SENT, language) in sent and "EA-" in sent
    wait_for(
        lambda: any(conversation.name in m.get_content() for m in smtp.inbox.to(PARTNER_INBOX)),
        "the partner's e-mail",
    )

    assert opening(knowledge, TextId.ASK_ERASE, language) in in_language(
        say(page, conversation.deletion_request)
    )
    choice(page, opening(knowledge, TextId.ERASE_YES, language)).click()
    forgotten = knowledge.text(TextId.WIDGET_FORGOTTEN, language)
    expect(bubbles(page, "bot").last).to_have_text(forgotten)
    assert texts(page, "bot")[0].startswith(opening(knowledge, TextId.ERASED, language))
    assert texts(page, "user") == []
    stored = json.loads(page.evaluate("localStorage.getItem('ems-achse-chat:v1')"))
    assert stored["messages"] == [] and stored["language"] == language


def test_no_serious_or_critical_accessibility_violations(
    page: Page, assistant: Assistant, artifacts: Path
) -> None:
    page.goto(assistant.settings.app_url)
    open_chat(page)
    say(page, "Hallo")
    say(page, "Was kannst du?")
    expect(page.locator(".ems-choices button").first).to_be_visible()
    assert _blocking_accessibility_violations(page, assistant, artifacts, "de") == []
    shoot(page, artifacts, "axe-checked")


def _blocking_accessibility_violations(
    page: Page, assistant: Assistant, artifacts: Path, name: str
) -> list[dict[str, object]]:
    """axe-core's serious and critical violations on the page (all are written to artifacts)."""
    # The page's CSP allows only its own server's scripts: axe is served as if from there.
    page.route(
        "**/__test__/axe.min.js",
        lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"),
    )
    page.add_script_tag(url=f"{assistant.settings.app_url}/__test__/axe.min.js")
    results = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length})))"
    )
    (artifacts / f"axe-violations-{name}.json").write_text(json.dumps(results, indent=2))
    for violation in results:  # the minor and moderate ones, for the log
        print(f"axe {violation['impact']}: {violation['id']} – {violation['help']}")
    return [v for v in results if v["impact"] in ("serious", "critical")]
