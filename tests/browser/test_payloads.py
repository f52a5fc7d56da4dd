"""The payload charter in Chromium: every page loads, search finds the payloads, and no script runs.

Every payload in ``tests/fixtures/payload-charter.yml`` would set ``window.__pwned`` (or open a dialog)
if it ran. Each page of the payload site is opened, its links are hovered and focused (for
``onmouseover`` and ``onfocus`` payloads), the payloads are typed into the site search and its results
are opened; after each step ``window.__pwned`` must still be undefined, no dialog may
have opened, and no request may have left the site or failed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import new_context, site_pages
from tests.conftest import BuildResult

pytestmark = pytest.mark.browser

NOT_RUN = "typeof window.__pwned === 'undefined' && typeof window.parent.__pwned === 'undefined'"
# Words Pagefind can match in the payloads: each search lists results whose text holds the payloads.
QUERIES = ["onerror", "svg onload", "javascript", "Payload", "7*7", "iframe srcdoc"]


@pytest.fixture(scope="module")
def payload_dir(payload_site: BuildResult) -> Path:
    """The built payload site (tests/conftest.py), served by these tests under the sub-path."""
    return payload_site.site


class Watched:
    """A page whose dialogs and requests are recorded, with a check that nothing ran."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.context, self.log = new_context(browser, base_url)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def assert_nothing_ran(self, where: str) -> None:
        assert self.page.evaluate(NOT_RUN), f"a payload ran on {where}"
        assert not self.dialogs, f"a dialog opened on {where}: {self.dialogs}"
        assert not self.log.foreign, f"{where} asked another host for {self.log.foreign}"
        assert not self.log.failed, f"{where} asked for what does not exist: {self.log.failed}"


@pytest.fixture
def watched(browser: Any, payload_dir: Path, serve_site: Callable[..., str]) -> Iterator[tuple[Watched, str]]:
    base_url = serve_site(payload_dir)
    watched = Watched(browser, base_url)
    yield watched, base_url
    watched.context.close()


def test_no_payload_runs_on_any_page(watched: tuple[Watched, str], payload_dir: Path) -> None:
    w, base_url = watched
    pages = site_pages(payload_dir)
    assert "charters/payload-charter/" in pages and "charters/payload-charter/easy-read/" in pages
    for rel in pages:
        w.log.clear()
        w.page.goto(base_url + rel, wait_until="load")
        w.assert_nothing_ran(rel or "the home page")
        if "payload-charter" in rel:
            _hover_and_focus_every_link(w.page)
            w.assert_nothing_ran(f"{rel} after hovering and focusing its links")


def _hover_and_focus_every_link(page: Any) -> None:
    links = page.locator("main a[href], article a[href]")
    for i in range(links.count()):
        link = links.nth(i)
        link.focus()
        if link.is_visible():
            link.hover()


def test_the_payloads_are_shown_as_text(watched: tuple[Watched, str]) -> None:
    w, base_url = watched
    w.page.goto(base_url + "charters/payload-charter/", wait_until="load")
    heading = w.page.locator("h1").first.inner_text()
    assert heading.startswith("Payload charter <script>window.__pwned=1</script> </title><script>")
    assert w.page.title().startswith("Payload charter <script>window.__pwned=1</script>")
    body = w.page.locator("article").inner_text()
    for shown in (
        '<img src=x onerror="window.__pwned=1">',
        '"><svg onload=window.__pwned=1>',
        "{{ 7*7 }}",
        "**bold**",
        "[x](javascript:window.__pwned=1)",
        "&lt;script&gt;",
    ):
        assert shown in body, shown
    assert w.page.locator("article img[src='x'], article iframe, article svg[onload]").count() == 0


@pytest.mark.parametrize("query", QUERIES)
def test_searching_for_payloads_and_opening_results_runs_nothing(
    watched: tuple[Watched, str], query: str
) -> None:
    w, base_url = watched
    w.page.goto(base_url + "search/", wait_until="load")
    w.page.locator("#ck-search-query").fill(query)
    results = w.page.locator(".ck-search__result a")
    results.first.wait_for(state="attached")
    assert results.count() > 0, f"searching for {query!r} found nothing"
    w.assert_nothing_ran(f"the search results for {query!r}")
    listing = w.page.locator(".ck-search__results").inner_text()
    assert "<script>" in listing or "<img" in listing or "<svg" in listing or "__pwned" in listing, (
        "results show the payloads as text"
    )
    assert w.page.locator(".ck-search__results script, .ck-search__results img").count() == 0
    results.first.click()
    w.page.wait_for_load_state("load")
    w.assert_nothing_ran(f"the first result for {query!r}")
    assert not w.errors, w.errors
