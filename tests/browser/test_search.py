"""The site's search (charterkit/search) in Chromium, on the real site served under /charters-site/.

A reader follows the header's Search link, types a word from a charter and gets links to the pages that
hold it, the number of them said in a polite live region; the page passes axe-core with its results
shown, at 1280 and 320 px, light and dark; every request stays on the site. The keyboard journey itself
is ``test_keyboard.py``'s ``test_search_works_from_the_keyboard``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.support import SCHEMES, WIDTHS, axe_check, close_context, format_violations, new_context

pytestmark = pytest.mark.browser

CHARTER = "charters/gloucestershire-collaborative-partnership-board/"
WORD = "respectful"
"""A word of that charter ("We will build trust by creating safe, respectful spaces")."""


@pytest.fixture
def open_page(browser: Any, site_url: str) -> Iterator[Any]:
    """Opens a page of the site in a scheme and width; at the end, no request may have left the site."""
    contexts = []

    def open_(rel: str, scheme: str = "light", width: int = 1280) -> Any:
        context, log = new_context(browser, site_url, scheme, width)
        contexts.append((context, log))
        page = context.new_page()
        page.goto(site_url + rel, wait_until="load")
        return page

    yield open_
    for context, log in contexts:
        close_context(context)
        assert not log.foreign, f"requests to other hosts: {log.foreign}"
        assert not log.failed, f"requests for what does not exist: {log.failed}"


def _search(page: Any, words: str) -> None:
    page.locator("#ck-search-query").fill(words)
    page.wait_for_function(
        "() => document.getElementById('ck-search-status').textContent.trim() !== ''", timeout=15000
    )


def test_every_page_links_to_the_search_page(open_page: Any, site_url: str) -> None:
    for rel in ("", CHARTER, "charters/no-such-page/"):
        page = open_page(rel)
        link = page.locator("header a.ck-search-link")
        assert link.inner_text().strip() == "Search" or link.get_attribute("href"), rel
        assert link.evaluate("a => a.href") == site_url + "search/#ck-search-query", rel


def test_a_word_from_a_charter_finds_the_charter_and_says_how_many(open_page: Any, site_url: str) -> None:
    page = open_page("search/")
    status = page.locator("#ck-search-status")
    assert status.get_attribute("role") == "status"  # a polite live region, there before any search
    _search(page, WORD)
    links = page.locator(".ck-search__result h2 a")
    hrefs = [links.nth(i).evaluate("a => a.href") for i in range(links.count())]
    assert site_url + CHARTER in hrefs, hrefs
    assert all(h.startswith(site_url) for h in hrefs), hrefs  # the sub-path is kept
    said = status.inner_text()
    assert said == f"{len(hrefs)} pages match “{WORD}”." or said == f"1 page matches “{WORD}”.", said
    first = page.locator(".ck-search__result").first
    assert first.locator("mark").count() > 0, "the words around the match show the match"
    # The address keeps the words: reloading (or coming back) shows the same results.
    assert page.url.endswith(f"search/?q={WORD}")
    page.reload(wait_until="load")
    page.wait_for_selector(".ck-search__result a")
    assert page.locator("#ck-search-query").input_value() == WORD


def test_a_word_found_nowhere_says_so(open_page: Any) -> None:
    page = open_page("search/")
    _search(page, "xylophonequartz")
    assert page.locator("#ck-search-status").inner_text().startswith("No pages match “xylophonequartz”.")
    assert page.locator("#ck-search-results").is_hidden()


def test_lists_and_the_search_page_are_not_results(open_page: Any, site_url: str) -> None:
    page = open_page("search/")
    _search(page, "charter")
    while page.locator("#ck-search-more").is_visible():
        page.locator("#ck-search-more").click()
        page.wait_for_timeout(200)
    links = page.locator(".ck-search__result h2 a")
    hrefs = {links.nth(i).evaluate("a => a.href") for i in range(links.count())}
    assert site_url + CHARTER in hrefs
    for rel in ("search/", "charters/", "charters/by-sector/", "readability/"):
        assert site_url + rel not in hrefs, rel


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_search_page_with_results_passes_axe(open_page: Any, scheme: str, width: int) -> None:
    page = open_page("search/", scheme, width)
    _search(page, WORD)
    page.wait_for_selector(".ck-search__result a", state="visible")
    violations = axe_check(page)
    assert not violations, format_violations(violations, f"search/ ({scheme}, {width} px): ")
    # Nothing wider than the window at 320 px (WCAG 1.4.10).
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")
