""" "Listen": the browser's own speech reads the charter, one sentence at a time, highlighted as it goes.

Chromium's speech is replaced by a stub that records what it is asked to say and finishes a sentence only
when the test says so, so the test follows the reading sentence by sentence, as a listener would.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.support import axe_check, format_violations

pytestmark = pytest.mark.browser

STANDARD = "charters/north-somerset-send-partnership/"
EASY_READ = "charters/north-somerset-send-partnership/easy-read/"

# A speech engine with one voice on the device and one remote voice (which must never be used).
STUB = """
(() => {
  const log = { spoken: [], current: null, paused: false, cancels: 0 };
  window.__speech = log;
  const voices = %(voices)s;
  class Utterance { constructor(text) { this.text = text; this.lang = ""; this.voice = null; this.rate = 1; } }
  const synth = {
    getVoices() { return voices; },
    speak(u) {
      log.spoken.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice && u.voice.name });
      log.current = u;
      setTimeout(() => u.onstart && u.onstart({}), 0);
    },
    cancel() {
      log.cancels += 1;
      const u = log.current;
      log.current = null;
      if (u && u.onerror) u.onerror({ error: "interrupted" });
    },
    pause() { log.paused = true; },
    resume() { log.paused = false; },
    addEventListener() {},
  };
  window.__finishSentence = () => { const u = log.current; log.current = null; if (u && u.onend) u.onend({}); };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
})();
"""
LOCAL_AND_REMOTE = (
    '[{name: "Remote voice", lang: "en-GB", localService: false, default: true},'
    ' {name: "Device voice", lang: "en-GB", localService: true, default: false}]'
)

HIGHLIGHTED = """() => {
  const h = CSS.highlights.get("ck-listen");
  return h ? [...h].map(r => r.toString().replace(/\\s+/g, " ").trim()) : [];
}"""


def _open(
    browser: Any, url: str, voices: str | None = LOCAL_AND_REMOTE, width: int = 1280
) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    if voices is not None:
        context.add_init_script(STUB % {"voices": voices})
    page = context.new_page()
    page.goto(url)
    return context, page


def _spoken(page: Any) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = page.evaluate("() => window.__speech.spoken")
    return result


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_listen_reads_every_sentence_in_order_highlighting_each(browser: Any, site_url: str) -> None:
    context, page = _open(browser, site_url + STANDARD)
    try:
        control = page.locator(".ck-listen")
        assert control.is_visible()
        page.get_by_role("button", name="Listen").focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => window.__speech.spoken.length === 1")
        title = _squash(page.locator("h1").inner_text())
        first = _spoken(page)[0]
        assert first["text"] == title
        assert first["voice"] == "Device voice", "only a voice on the reader's device may be used"
        assert first["lang"].lower().startswith("en")
        page.wait_for_function(f"() => ({HIGHLIGHTED})().length === 1")
        assert page.evaluate(HIGHLIGHTED) == [title]
        assert "Reading sentence 1 of" in page.locator(".ck-listen [role=status]").inner_text()

        # Listen to the end, one sentence after another, each highlighted while it is read.
        for n in range(2, 400):
            page.evaluate("() => window.__finishSentence()")
            if page.locator(".ck-listen__play").is_visible():
                break
            page.wait_for_function(f"() => window.__speech.spoken.length === {n}")
            said = _spoken(page)[-1]["text"]
            page.wait_for_function(f"() => ({HIGHLIGHTED})().join(' ') === {said!r}", timeout=5000)
        spoken = [s["text"] for s in _spoken(page)]
        assert page.locator(".ck-listen [role=status]").inner_text() == "Finished reading."
        assert page.evaluate(HIGHLIGHTED) == []

        # Every paragraph and point of the charter was read, in the page's order, and no theme tag was.
        heard = " ".join(spoken)
        texts = page.eval_on_selector_all(
            # Theme tags are this website's, not the charter's words: a labelled list apart, not read.
            ".ck-charter :is(p, li, h2, h3):not(.ck-themes, .ck-themes *)",
            "els => els.map(e => e.textContent.replace(/\\s+/g, ' ').trim()).filter(Boolean)",
        )
        assert len(texts) > 10
        at = 0
        for text in texts:
            found = heard.find(text, at)
            assert found >= 0, f"not read, or read out of order: {text!r}"
            at = found
        assert "Themes" not in heard
        assert all(len(s) > 1 for s in spoken)
    finally:
        context.close()


def test_pause_resume_speed_and_stop_work_from_the_keyboard(browser: Any, site_url: str) -> None:
    context, page = _open(browser, site_url + STANDARD)
    try:
        page.get_by_role("button", name="Listen").focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => window.__speech.spoken.length === 1")
        # Focus moves to the button that took the pressed one's place.
        assert page.evaluate("() => document.activeElement.textContent") == "Pause"
        page.keyboard.press("Enter")
        assert page.evaluate("() => window.__speech.paused") is True
        assert page.evaluate("() => document.activeElement.textContent") == "Resume"
        assert page.locator(".ck-listen [role=status]").inner_text() == "Paused."
        page.keyboard.press("Enter")
        assert page.evaluate("() => window.__speech.paused") is False
        assert page.evaluate("() => document.activeElement.textContent") == "Pause"

        # A new speed starts again with the sentence being read.
        page.evaluate("() => window.__finishSentence()")
        page.wait_for_function("() => window.__speech.spoken.length === 2")
        page.get_by_label("Speed").select_option("1.5")
        page.wait_for_function("() => window.__speech.spoken.length === 3")
        second, again = _spoken(page)[1], _spoken(page)[2]
        assert again["text"] == second["text"] and again["rate"] == 1.5 and second["rate"] == 1

        page.get_by_role("button", name="Stop").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.textContent") == "Listen"
        assert page.evaluate(HIGHLIGHTED) == []
        assert page.locator(".ck-listen [role=status]").inner_text() == "Stopped."
        page.evaluate("() => window.__finishSentence()")  # a late event from the stopped voice
        assert len(_spoken(page)) == 3
    finally:
        context.close()


def test_easy_read_listen_reads_the_words_not_the_pictures(browser: Any, site_url: str) -> None:
    context, page = _open(browser, site_url + EASY_READ)
    try:
        page.get_by_role("button", name="Listen").click()
        for n in range(2, 400):
            page.wait_for_function(f"() => window.__speech.spoken.length === {n - 1}")
            page.evaluate("() => window.__finishSentence()")
            if page.locator(".ck-listen__play").is_visible():
                break
        heard = " ".join(s["text"] for s in _spoken(page))
        points = page.eval_on_selector_all(
            ".ck-er-text", "els => els.map(e => e.textContent.replace(/\\s+/g, ' ').trim())"
        )
        assert points and all(p in heard for p in points)
        labels = page.eval_on_selector_all("[role=img][aria-label]", "els => els.map(e => e.ariaLabel)")
        assert not [label for label in labels if label and label in heard and label not in " ".join(points)]
        assert not page.locator(".ck-listen").evaluate("el => el.closest('main') === null")
    finally:
        context.close()


@pytest.mark.parametrize(
    "voices",
    [None, '[{name: "Remote voice", lang: "en-GB", localService: false, default: true}]'],
    ids=["no-speech-stub", "only-remote-voices"],
)
def test_listen_is_hidden_without_a_voice_on_the_device(
    browser: Any, site_url: str, voices: str | None
) -> None:
    context, page = _open(browser, site_url + STANDARD, voices=voices)
    try:
        if voices is None:
            # Chromium's own speech, headless here: shown only if it has a voice of the device's own.
            has_local = page.evaluate(
                "() => !!window.speechSynthesis && speechSynthesis.getVoices().some(v => v.localService)"
            )
            assert page.locator(".ck-listen").is_visible() == has_local
        else:
            assert not page.locator(".ck-listen").is_visible()
    finally:
        context.close()


def test_no_speech_api_no_control(browser: Any, site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true})"
    )
    page = context.new_page()
    try:
        page.goto(site_url + STANDARD)
        assert not page.locator(".ck-listen").is_visible()
        assert page.locator(".ck-listen").count() == 1  # in the page, hidden
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("path", [STANDARD, EASY_READ])
def test_listen_while_reading_has_no_axe_violations(
    browser: Any, site_url: str, path: str, width: int
) -> None:
    context, page = _open(browser, site_url + path, width=width)
    try:
        page.get_by_role("button", name="Listen").click()
        page.wait_for_function("() => window.__speech.spoken.length === 1")
        violations = axe_check(page)
        assert not violations, format_violations(violations, path)
        box = page.locator(".ck-listen").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    finally:
        context.close()
