"""Reader settings in Chromium: chosen by keyboard, remembered across reloads and pages, accessible in
every combination, and out of the way when JavaScript is off."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.browser.support import format_violations, new_context

pytestmark = pytest.mark.browser

CHARTER = "charters/north-somerset-send-partnership/"
EASY_READ = "charters/north-somerset-send-partnership/easy-read/"

LOOK_JS = """() => {
  const p = document.querySelector('.md-content p');
  const style = getComputedStyle(p);
  return {
    fontSize: parseFloat(style.fontSize),
    lineHeight: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
    fontFamily: style.fontFamily,
    fontLoaded: document.fonts.check('16px "Atkinson Hyperlegible"'),
    scheme: document.body.getAttribute('data-md-color-scheme'),
    classes: document.documentElement.className,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  };
}"""


def _look(page: Any) -> dict[str, Any]:
    page.evaluate("() => document.fonts.ready")
    look: dict[str, Any] = page.evaluate(LOOK_JS)
    return look


def _focus_toggle(page: Any) -> None:
    """Tab from the top of the page to the reader settings button, as a keyboard user would."""
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "ck-reader-toggle":
            return
    raise AssertionError("the Reader settings button cannot be reached with the Tab key")


@pytest.fixture
def context(browser: Any, site_url: str) -> Iterator[tuple[Any, Any]]:
    ctx, log = new_context(browser, site_url, scheme="light", width=1280)
    yield ctx, log
    ctx.close()


def test_settings_chosen_by_keyboard_apply_and_are_remembered(
    context: tuple[Any, Any], site_url: str
) -> None:
    ctx, log = context
    page = ctx.new_page()
    page.goto(site_url + CHARTER)
    before = _look(page)
    assert before["scheme"] == "default"

    _focus_toggle(page)
    toggle = page.locator("#ck-reader-toggle")
    panel = page.locator("#ck-reader-panel")
    assert toggle.get_attribute("aria-expanded") == "false" and panel.is_hidden()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and panel.is_visible()

    # Each group is a set of radio buttons: Tab moves between groups, arrow keys choose within one.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "ck-text"
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "ck-font"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "ck-spacing"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "ck-colours"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("#ck-colours-ck-high-contrast").is_checked()

    # Escape closes the panel and gives the focus back to the button.
    page.keyboard.press("Escape")
    assert panel.is_hidden() and toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.id") == "ck-reader-toggle"

    def assert_applied(look: dict[str, Any], where: str) -> None:
        assert look["fontSize"] >= before["fontSize"] * 1.7, (where, look, before)
        assert "Atkinson Hyperlegible" in look["fontFamily"] and look["fontLoaded"], (where, look)
        assert look["lineHeight"] >= 1.75 > before["lineHeight"], (where, look, before)
        assert look["scheme"] == "ck-high-contrast", (where, look)
        assert look["scrollWidth"] <= look["innerWidth"], (where, look)

    assert_applied(_look(page), "after choosing")
    page.reload()
    assert_applied(_look(page), "after a reload")
    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()
    page.wait_for_url("**/accessibility/")
    assert_applied(_look(page), "on another page")

    # The panel shows the remembered choices when it opens again.
    page.locator("#ck-reader-toggle").click()
    for radio in ("#ck-text-3", "#ck-font-legible", "#ck-spacing-wide", "#ck-colours-ck-high-contrast"):
        assert page.locator(radio).is_checked(), radio
    assert not log.foreign, log.foreign
    assert not log.failed, log.failed


def test_reset_returns_to_the_standard_look(context: tuple[Any, Any], site_url: str) -> None:
    ctx, _ = context
    page = ctx.new_page()
    page.goto(site_url + CHARTER)
    standard = _look(page)
    page.locator("#ck-reader-toggle").click()
    page.locator("label[for=ck-text-2]").click()
    page.locator("label[for=ck-spacing-wide]").click()
    page.locator("label[for=ck-colours-slate]").click()
    assert _look(page)["scheme"] == "slate"
    page.get_by_role("button", name="Reset to standard").click()
    page.reload()
    after = _look(page)
    assert after["fontSize"] == standard["fontSize"] and after["lineHeight"] == standard["lineHeight"]
    # Colours go back to what the device asks for (light, in this context).
    assert after["scheme"] == "default"
    # The header's own colour button and the reader settings agree.
    page.locator("#ck-reader-toggle").click()
    assert page.locator("#ck-colours-default").is_checked()


def test_close_button_returns_focus(context: tuple[Any, Any], site_url: str) -> None:
    ctx, _ = context
    page = ctx.new_page()
    page.goto(site_url)
    page.locator("#ck-reader-toggle").click()
    page.get_by_role("button", name="Close reader settings").click()
    assert page.locator("#ck-reader-panel").is_hidden()
    assert page.evaluate("document.activeElement.id") == "ck-reader-toggle"


def test_without_javascript_the_pages_work_and_show_no_dead_control(browser: Any, site_url: str) -> None:
    ctx, log = new_context(browser, site_url, java_script_enabled=False)
    try:
        page = ctx.new_page()
        for path in (CHARTER, EASY_READ, "accessibility/"):
            page.goto(site_url + path)
            assert page.locator("h1").first.is_visible(), path
            assert page.locator("#ck-reader").is_hidden(), path
            assert page.locator("#ck-reader-toggle").is_hidden(), path
            assert (
                page.get_by_role("contentinfo")
                .get_by_role("link", name="Accessibility statement")
                .is_visible()
            )
        assert not log.foreign, log.foreign
    finally:
        ctx.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_high_contrast_and_largest_text_pass_axe(
    browser: Any, site_url: str, width: int, axe_check: Callable[..., list[dict[str, Any]]]
) -> None:
    ctx, log = new_context(browser, site_url, width=width)
    try:
        page = ctx.new_page()
        page.goto(site_url)
        page.evaluate("() => __md_set('__ck_reader', {text: 3, font: 'legible', spacing: 'wide'})")
        page.locator("#ck-reader-toggle").click()
        page.locator("label[for=ck-colours-ck-high-contrast]").click()
        problems = []
        for path in ("", CHARTER, EASY_READ, "accessibility/"):
            page.goto(site_url + path)
            look = _look(page)
            assert look["scheme"] == "ck-high-contrast" and "ck-text-3" in look["classes"], (path, look)
            if look["scrollWidth"] > look["innerWidth"]:
                problems.append(f"{path or 'home'}: scrolls sideways ({look['scrollWidth']} px)")
            violations = axe_check(page)
            if violations:
                problems.append(format_violations(violations, f"{path or 'home'} {width}px: "))
            # The open panel is checked too.
            page.locator("#ck-reader-toggle").click()
            violations = axe_check(page)
            if violations:
                problems.append(format_violations(violations, f"{path or 'home'} {width}px, panel open: "))
        assert not problems, "\n".join(problems)
        assert not log.foreign, log.foreign
    finally:
        ctx.close()
