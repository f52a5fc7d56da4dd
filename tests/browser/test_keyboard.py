"""Keyboard use, as a person with no mouse meets it: the skip link, a visible focus indicator on everything
that takes focus, nothing hidden in the Tab order, the menu and the search.

Focus is moved with the Tab key, as a user moves it. An element "shows focus" when the pixels in a band
around it change between focused and not focused: a change of text colour alone does not count.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageDraw

from tests.browser.support import SCHEMES, WIDTHS, axe_check, close_context, format_violations, new_context

pytestmark = pytest.mark.browser

HOME = ""
CHARTER = "charters/changing-futures-bristol/"
EASY_READ = "charters/changing-futures-bristol/easy-read/"
REPRESENTATIVE = [HOME, CHARTER, EASY_READ]
BAND = 8
"""How far around an element its focus indicator is looked for, in CSS px."""

# Transitions off, so that a screenshot shows the end state at once (the end state is what is tested).
NO_MOTION = """addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
  document.head.append(style);
});"""

# What the keyboard user is on: the focused element, or for a hidden radio button drawn as its label
# (the theme's colour-scheme toggle), that label. Then whether a sighted user can see it at all.
FOCUS_INFO = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const visible = e => e.checkVisibility({opacityProperty: true, visibilityProperty: true})
    && e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height > 0;
  let shown = el;
  if (el.tagName === 'INPUT' && !visible(el)) {
    const labels = [el.nextElementSibling, ...(el.labels || [])].filter(l => l && l.tagName === 'LABEL');
    shown = labels.find(visible) || el;
  }
  const r = shown.getBoundingClientRect();
  const inView = r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  const points = [[r.left + r.width / 2, r.top + r.height / 2], [r.left + 2, r.top + 2],
                  [r.right - 2, r.top + 2], [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2]];
  const uncovered = points.some(([x, y]) => {
    const hit = document.elementFromPoint(x, y);
    return hit && (shown.contains(hit) || hit.contains(shown));
  });
  const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('href') || '')
    .replace(/\\s+/g, ' ').trim().slice(0, 50);
  return {
    describe: `<${el.tagName.toLowerCase()}${el.className ? ' class="' + el.className + '"' : ''}> "${name}"`,
    visible: visible(shown), inView, uncovered,
    ariaHidden: !!el.closest('[aria-hidden="true"]'),
    box: {x: r.left, y: r.top, width: r.width, height: r.height},
  };
}"""


@dataclass
class Focused:
    describe: str
    visible: bool
    in_view: bool
    uncovered: bool
    aria_hidden: bool
    box: dict[str, float]


def focused(page: Any) -> Focused | None:
    """The focused element, once the page has settled: the theme moves its sticky sidebars a frame or two
    after the page scrolls, and for that moment they may overlap the footer."""
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    info = page.evaluate(FOCUS_INFO)
    if info is None:
        return None
    return Focused(
        info["describe"], info["visible"], info["inView"], info["uncovered"], info["ariaHidden"], info["box"]
    )


def hidden_reason(f: Focused) -> str:
    """Why a focused element cannot be seen, or "" when it can."""
    if f.aria_hidden:
        return "inside aria-hidden"
    if not f.visible:
        return "not visible (display, visibility, opacity or zero size)"
    if not f.in_view:
        return "outside the window"
    if not f.uncovered:
        return "covered by something else"
    return ""


@pytest.fixture
def keyboard_page(browser: Any, site_url: str) -> Iterator[Any]:
    """A function opening a page in a scheme and width, with transitions off and requests guarded."""
    contexts = []

    def open_page(rel: str, scheme: str = "light", width: int = 1280) -> Any:
        context, log = new_context(browser, site_url, scheme, width)
        contexts.append((context, log))
        context.add_init_script(NO_MOTION)
        page = context.new_page()
        page.goto(site_url + rel, wait_until="load")
        return page

    yield open_page
    for context, log in contexts:
        close_context(context)
        assert not log.foreign, f"requests to other hosts: {log.foreign}"


# --- The skip link ----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("rel", [HOME, CHARTER, EASY_READ, "charters/", "charters/no-such-charter/"])
def test_skip_link_comes_first_and_skips_to_the_content(keyboard_page: Any, rel: str, width: int) -> None:
    page = keyboard_page(rel, width=width)
    page.keyboard.press("Tab")
    first = focused(page)
    assert first is not None and "md-skip" in first.describe, (
        f"the first Tab stop is {first}, not the skip link"
    )
    assert not hidden_reason(first), f"the focused skip link is {hidden_reason(first)}"

    page.keyboard.press("Enter")
    target = page.evaluate("""() => {
      const t = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (!t) return null;
      const r = t.getBoundingClientRect();
      return {inMain: !!t.closest('main'), top: r.top, height: innerHeight};
    }""")
    assert target is not None, f"the skip link leads nowhere: {page.url}"
    assert target["inMain"], "the skip link's target is not in <main>"
    assert 0 <= target["top"] < target["height"], "the skip link's target is not scrolled into view"

    page.keyboard.press("Tab")
    where = page.evaluate("""() => {
      const a = document.activeElement;
      return {inContent: !!a.closest('.md-content, .md-footer'), inMenus: !!a.closest('.md-header, .md-sidebar')};
    }""")
    assert where["inContent"] and not where["inMenus"], "after the skip link, Tab should go on in the content"


# --- Focus is visible on everything, and nothing hidden takes it ------------------------------------


def _band_changed(before: bytes, after: bytes, inner: tuple[int, int, int, int]) -> int:
    """Pixels that differ between two screenshots, outside the element's own box."""
    a = Image.open(io.BytesIO(before)).convert("RGB")
    b = Image.open(io.BytesIO(after)).convert("RGB")
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 24 else 0)
    ImageDraw.Draw(diff).rectangle(inner, fill=0)
    return int(diff.histogram()[255])


def _walk(page: Any, limit: int = 250) -> Iterator[Focused]:
    """Press Tab until focus leaves the page, yielding each element focused."""
    seen = 0
    while seen < limit:
        page.keyboard.press("Tab")
        f = focused(page)
        if f is None:
            return
        seen += 1
        yield f


def _check_indicator(page: Any, f: Focused, scale: float) -> str:
    """Screenshot around a focused element, blur it, screenshot again: "" if its surroundings changed."""
    vw, vh = page.viewport_size["width"], page.viewport_size["height"]
    box = f.box
    x0, y0 = max(0.0, box["x"] - BAND), max(0.0, box["y"] - BAND)
    x1, y1 = min(float(vw), box["x"] + box["width"] + BAND), min(float(vh), box["y"] + box["height"] + BAND)
    clip = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
    if clip["width"] < 1 or clip["height"] < 1:
        return "no part of it is in the window"
    with_focus = page.screenshot(clip=clip, animations="disabled", caret="hide")
    page.evaluate("window.__ckFocused = document.activeElement; document.activeElement.blur()")
    without = page.screenshot(clip=clip, animations="disabled", caret="hide")
    page.evaluate("window.__ckFocused.focus({preventScroll: true})")
    inner = (
        round((box["x"] - x0) * scale),
        round((box["y"] - y0) * scale),
        round((box["x"] - x0 + box["width"]) * scale) - 1,
        round((box["y"] - y0 + box["height"]) * scale) - 1,
    )
    changed = _band_changed(without, with_focus, inner)
    # At least as many pixels as a 1 px line along two sides of the element.
    needed = max(8, int(min(box["width"], vw) + min(box["height"], vh)))
    return "" if changed >= needed else f"only {changed} pixels around it change (at least {needed} needed)"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("rel", REPRESENTATIVE)
def test_every_focusable_element_shows_focus_and_none_is_hidden(
    keyboard_page: Any, rel: str, scheme: str, width: int
) -> None:
    page = keyboard_page(rel, scheme, width)
    scale = page.evaluate("devicePixelRatio")
    hidden, invisible, count = [], [], 0
    for f in _walk(page):
        count += 1
        reason = hidden_reason(f)
        if reason:
            hidden.append(f"{f.describe}: {reason}")
            continue
        problem = _check_indicator(page, f, scale)
        if problem:
            invisible.append(f"{f.describe}: {problem}")
    assert count >= 5, f"only {count} elements took focus on /{rel}"
    assert not hidden, f"hidden elements take focus on /{rel} ({scheme}, {width} px):\n" + "\n".join(hidden)
    assert not invisible, f"focus is not visible on /{rel} ({scheme}, {width} px):\n" + "\n".join(invisible)


# --- The menu on a narrow screen --------------------------------------------------------------------


def _tab_to(page: Any, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_menu_opens_and_closes_from_the_keyboard_at_320_px(keyboard_page: Any, scheme: str) -> None:
    page = keyboard_page("charters/", scheme, 320)
    _tab_to(page, 'button[data-ck-for="__drawer"]')
    button = page.locator('.md-header button[data-ck-for="__drawer"]')
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-label")

    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked"), "Enter did not open the menu"
    assert button.get_attribute("aria-expanded") == "true"
    in_menu = page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
    assert in_menu, "focus did not move into the menu"

    # This page's section ("Charters") is open: its heading is the button back to the whole menu.
    back = focused(page)
    assert back is not None and "md-nav__title" in back.describe, back
    page.keyboard.press("Enter")
    opener = focused(page)
    assert opener is not None and "md-nav__link" in opener.describe and not hidden_reason(opener), opener

    # Every item of the whole menu can now be reached, and each can be seen.
    names, problems = [], []
    for f in _walk(page, 40):
        if not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"):
            break
        names.append(f.describe)
        if hidden_reason(f):
            problems.append(f"{f.describe}: {hidden_reason(f)}")
    assert not problems, "\n".join(problems)
    assert any("About co-production" in n for n in names), names
    assert not page.evaluate("document.getElementById('__drawer').checked"), (
        "the menu should close when focus leaves it"
    )

    # Open it again, then Escape closes it and puts focus back on the menu button.
    button.focus()
    page.keyboard.press(" ")
    assert page.evaluate("document.getElementById('__drawer').checked"), "Space did not open the menu"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked"), "Escape did not close the menu"
    assert page.evaluate("document.activeElement.dataset.ckFor === '__drawer'"), (
        "focus did not return to the button"
    )


# --- Search ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_search_works_from_the_keyboard(keyboard_page: Any, site_url: str, width: int) -> None:
    # The header's Search link leads to the search page; a word typed there lists charters as links.
    page = keyboard_page(HOME, "light", width)
    _tab_to(page, "a.ck-search-link")
    link = focused(page)
    assert link is not None and not hidden_reason(link), f"the Search link is {link and hidden_reason(link)}"
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "search/#ck-search-query")
    # Following the link puts the reader in the search box: typing at once searches.
    box = focused(page)
    assert page.evaluate("document.activeElement.id") == "ck-search-query"
    assert box is not None and not hidden_reason(box), (
        f"the focused search box is {box and hidden_reason(box)}"
    )

    page.keyboard.type("trust")
    page.wait_for_selector(".ck-search__result a", state="visible", timeout=15000)
    _tab_to(page, ".ck-search__result a")
    result = focused(page)
    assert result is not None and not hidden_reason(result), result
    href = page.evaluate("document.activeElement.href")
    assert href and href.startswith(site_url + "charters/"), href
    assert not _check_indicator(page, result, page.evaluate("devicePixelRatio")), (
        "focus on a result is not visible"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("#")[0] == href.split("#")[0]
    assert "trust" in page.inner_text("article").lower()


# --- Tables too wide for the screen -----------------------------------------------------------------


def test_a_table_too_wide_for_the_screen_scrolls_from_the_keyboard(keyboard_page: Any) -> None:
    page = keyboard_page("about/", "light", 320)
    page.evaluate("""() => {
      const cells = n => Array.from({length: n}, (_, i) => `<td>Column${i}Withalongword</td>`).join('');
      const box = document.createElement('div');
      box.className = 'md-typeset__scrollwrap';
      box.innerHTML = `<div class="md-typeset__table"><table><caption>Wide table</caption>
        <tr>${cells(8)}</tr></table></div>`;
      document.querySelector('article').append(box);
      dispatchEvent(new Event('resize'));
    }""")
    page.wait_for_function("document.querySelector('.md-typeset__scrollwrap:last-child[tabindex=\"0\"]')")
    label = page.get_attribute(".md-typeset__scrollwrap:last-child", "aria-label")
    assert label == "Wide table"
    violations = axe_check(page)
    assert not violations, format_violations(violations)


# --- The colour-scheme toggle -----------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
def test_colour_scheme_button_works_from_the_keyboard(keyboard_page: Any, scheme: str) -> None:
    page = keyboard_page(HOME, scheme, 1280)
    _tab_to(page, "button[data-ck-palette]")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    name = page.get_attribute("button[data-ck-palette]", "aria-label")
    assert name and name.startswith("Switch to"), name
    page.keyboard.press("Enter")
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert after != before, f"Enter on {name!r} left the colour scheme {before!r}"
    if scheme == "light":
        assert after == "slate", f"Enter on {name!r} should switch to the dark scheme once, not to {after!r}"
    assert page.get_attribute("button[data-ck-palette]", "aria-label") != name, (
        "the button's name did not follow"
    )
    assert page.evaluate("document.activeElement.matches('button[data-ck-palette]')"), "focus left the button"
    f = focused(page)
    assert f is not None and not _check_indicator(page, f, page.evaluate("devicePixelRatio"))
