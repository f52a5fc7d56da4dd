"""Every page of the real site in Chromium: light and dark, 1280 and 320 px wide, served under a sub-path.

Each page is visited once per configuration; the visit records what the tests below assert on: axe-core
violations (WCAG 2.2 AA and best practice), horizontal scrolling, every request made, and the links and
assets on the page. The pages are found in the built site, so a new kind of page is covered the day it
is added.
"""

from __future__ import annotations

import re
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import (
    MISSING_PAGE,
    SCAN_TIMES,
    SCHEMES,
    WIDTHS,
    axe_check,
    close_context,
    format_violations,
    new_context,
    site_pages,
)

pytestmark = pytest.mark.browser

SUB_PATH_HINT = (
    "\n(The 404 page links from the root of the site's address: is the site built with site_url ending"
    " in /charters-site/, e.g. CHARTERKIT_SITE_URL=https://example.org/charters-site/, as the"
    " GitHub Pages workflow builds it?)"
)
CONFIGS = [(scheme, width) for scheme in SCHEMES for width in WIDTHS]
CONFIG_IDS = [f"{scheme}-{width}" for scheme, width in CONFIGS]

# What a visit records besides axe-core's findings: the colour scheme, the page's width, the URLs of the
# assets the browser fetched for it (stylesheets, scripts, pictures), its links, and its element ids.
PAGE_FACTS = """() => ({
  scheme: document.body.getAttribute('data-md-color-scheme'),
  scroll_width: document.documentElement.scrollWidth,
  inner_width: window.innerWidth,
  assets: [
    ...[...document.querySelectorAll('link[href]')]
       .filter(e => /\\b(stylesheet|icon|preload|modulepreload|manifest)\\b/.test(e.rel)).map(e => e.href),
    ...[...document.querySelectorAll('script[src]')].map(e => e.src),
    ...[...document.querySelectorAll('img[src], source[src], video[src], audio[src], iframe[src]')]
       .map(e => e.src),
  ],
  links: [...document.querySelectorAll('a[href]')].map(e => e.href).filter(h => /^https?:/.test(h)),
  ids: [...document.querySelectorAll('[id], a[name]')].map(e => e.id || e.name),
})"""


@dataclass
class Visit:
    """What one page looked like in one configuration."""

    page: str
    url: str
    status: int
    violations: list[dict[str, Any]]
    foreign: list[str]
    failed: list[str]
    scheme: str
    scroll_width: int
    inner_width: int
    assets: list[str]
    links: list[str]
    ids: list[str]


@dataclass
class Scan:
    """All pages in all configurations, visited on first use and kept for the session."""

    browser: Any
    base_url: str
    pages: list[str]
    visits: dict[tuple[str, int], list[Visit]] = field(default_factory=dict)
    seconds: float = 0.0

    def __call__(self, scheme: str, width: int) -> list[Visit]:
        if (scheme, width) not in self.visits:
            start = time.perf_counter()
            self.visits[(scheme, width)] = self._visit_all(scheme, width)
            self.seconds += time.perf_counter() - start
        return self.visits[(scheme, width)]

    def _visit_all(self, scheme: str, width: int) -> list[Visit]:
        context, log = new_context(self.browser, self.base_url, scheme, width)
        visits = []
        try:
            page = context.new_page()
            for rel in self.pages:
                log.clear()
                response = page.goto(self.base_url + rel, wait_until="load")
                violations = axe_check(page)
                facts = page.evaluate(PAGE_FACTS)
                visits.append(
                    Visit(
                        page=rel,
                        url=page.url.split("#")[0],
                        status=response.status if response else 0,
                        violations=violations,
                        foreign=list(log.foreign),
                        failed=list(log.failed),
                        **facts,
                    )
                )
        finally:
            close_context(context)
        return visits


@pytest.fixture(scope="module")
def scan(browser: Any, site_url: str, site_dir: Path, request: pytest.FixtureRequest) -> Any:
    scan = Scan(browser, site_url, site_pages(site_dir))
    yield scan
    visits = sum(len(v) for v in scan.visits.values())
    request.config.stash.setdefault(SCAN_TIMES, []).append(
        f"{len(scan.pages)} pages x {len(scan.visits)} configurations = {visits} page visits"
        f" in {scan.seconds:.1f} s"
    )


def test_every_kind_of_page_is_visited(scan: Scan, site_dir: Path) -> None:
    assert "" in scan.pages, "the home page"
    assert MISSING_PAGE in scan.pages, "the 404 page"
    easy_read = sorted(p.parent.parent.name for p in site_dir.glob("charters/*/easy-read/index.html"))
    assert len(easy_read) >= 5, f"every seed charter has an easy-read page, found {easy_read}"
    for slug in easy_read:
        assert f"charters/{slug}/" in scan.pages
        assert f"charters/{slug}/easy-read/" in scan.pages


@pytest.mark.parametrize(("scheme", "width"), CONFIGS, ids=CONFIG_IDS)
def test_no_axe_violations(scan: Scan, scheme: str, width: int) -> None:
    problems = [format_violations(v.violations, f"/{v.page}: ") for v in scan(scheme, width) if v.violations]
    assert not problems, f"axe-core found violations ({scheme}, {width} px):\n" + "\n".join(problems)


@pytest.mark.parametrize(("scheme", "width"), CONFIGS, ids=CONFIG_IDS)
def test_colour_scheme_follows_the_system(scan: Scan, scheme: str, width: int) -> None:
    expected = "slate" if scheme == "dark" else "default"
    wrong = [f"/{v.page}: {v.scheme}" for v in scan(scheme, width) if v.scheme != expected]
    assert not wrong, f"data-md-color-scheme should be {expected!r} when the system is {scheme}: {wrong}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_horizontal_scrolling_at_320_px(scan: Scan, scheme: str) -> None:
    wide = [
        f"/{v.page}: {v.scroll_width} px wide"
        for v in scan(scheme, 320)
        if v.scroll_width > v.inner_width + 1
    ]
    assert not wide, "pages scroll sideways at 320 px (WCAG 1.4.10):\n" + "\n".join(wide)


@pytest.mark.parametrize(("scheme", "width"), CONFIGS, ids=CONFIG_IDS)
def test_nothing_requested_from_other_hosts(scan: Scan, scheme: str, width: int) -> None:
    foreign = [f"/{v.page}: {url}" for v in scan(scheme, width) for url in v.foreign]
    assert not foreign, (
        f"requests outside {scan.base_url} (another host, or this one outside the site's"
        " path):\n" + "\n".join(foreign) + SUB_PATH_HINT
    )


@pytest.mark.parametrize(("scheme", "width"), CONFIGS, ids=CONFIG_IDS)
def test_every_request_succeeds(scan: Scan, scheme: str, width: int) -> None:
    failed = [f"/{v.page}: {f}" for v in scan(scheme, width) for f in v.failed]
    assert not failed, "failed requests:\n" + "\n".join(failed)


def test_pages_answer_with_the_right_status(scan: Scan) -> None:
    wrong = [
        f"/{v.page}: {v.status}"
        for v in scan("light", 1280)
        if v.status != (404 if v.page == MISSING_PAGE else 200)
    ]
    assert not wrong, wrong


def test_every_asset_is_on_the_site_under_its_path(
    scan: Scan, fetch: Callable[[str], tuple[int, str]]
) -> None:
    problems = []
    for v in scan("light", 1280):
        for url in v.assets:
            if not url.startswith(scan.base_url) and not url.startswith("data:"):
                problems.append(f"/{v.page}: {url} is outside {scan.base_url}")
            elif url.startswith(scan.base_url) and (status := fetch(url)[0]) != 200:
                problems.append(f"/{v.page}: {url} answers {status}")
    assert not problems, "\n".join(problems) + SUB_PATH_HINT


def test_every_link_on_the_site_resolves(scan: Scan, fetch: Callable[[str], tuple[int, str]]) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(scan.base_url))
    problems = []
    checked = 0
    for v in scan("light", 1280):
        for url in v.links:
            if not url.startswith(origin):
                continue  # a link to another site (a charter's source document, say)
            if not url.startswith(scan.base_url):
                problems.append(f"/{v.page}: {url} leaves {scan.base_url}")
                continue
            target, _, fragment = url.partition("#")
            fragment = urllib.parse.unquote(fragment)
            checked += 1
            if target == v.url:
                # A link within the page (the 404 page's skip link, say): the page as the browser drew it.
                if fragment and fragment not in v.ids:
                    problems.append(f"/{v.page}: {url}: no element with id {fragment!r} on the page")
                continue
            status, html = fetch(target)
            if status != 200:
                problems.append(f"/{v.page}: {url} answers {status}")
            elif fragment and not _has_anchor(html, fragment):
                problems.append(f"/{v.page}: {url}: no element with id {fragment!r} on the target page")
    assert checked > 100, f"only {checked} links checked: is link collection working?"
    assert not problems, "\n".join(problems)


def _has_anchor(html: str, fragment: str) -> bool:
    quoted = re.escape(fragment)
    return re.search(rf"""\s(?:id|name)=["']?{quoted}["'\s>]""", html) is not None


@pytest.fixture(scope="module")
def fetch(browser: Any, site_url: str) -> Any:
    """``fetch(url) -> (status, text)`` through Playwright's request API, each URL fetched once."""
    context = browser.new_context()
    cache: dict[str, tuple[int, str]] = {}

    def get(url: str) -> tuple[int, str]:
        if url not in cache:
            response = context.request.get(url, max_redirects=3)
            is_html = "html" in response.headers.get("content-type", "")
            cache[url] = (response.status, response.text() if is_html else "")
        return cache[url]

    yield get
    close_context(context)


@pytest.mark.parametrize("rel", ["", "charters/changing-futures-bristol/easy-read/"])
def test_text_resized_to_200_percent_still_fits(
    browser: Any, site_url: str, site_dir: Path, rel: str
) -> None:
    """WCAG 1.4.4: text at twice its size, at 1280 px, with nothing cut off or scrolling sideways."""
    if not (site_dir / rel / "index.html").is_file():
        rel = ""
    context, log = new_context(browser, site_url)
    try:
        page = context.new_page()
        page.goto(site_url + rel, wait_until="load")
        page.evaluate("""() => {
          const html = document.documentElement;
          html.style.fontSize = (2 * parseFloat(getComputedStyle(html).fontSize)) + 'px';
        }""")
        width = page.evaluate("document.documentElement.scrollWidth")
        inner = page.evaluate("window.innerWidth")
        assert width <= inner + 1, f"/{rel} is {width} px wide with text at 200% in a {inner} px window"
        clipped = page.evaluate("""() => [...document.querySelectorAll('.md-content p, .md-content li, h1, h2')]
          .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'hidden')
          .map(e => e.textContent.trim().slice(0, 60))""")
        assert not clipped, f"/{rel}: text cut off at 200%: {clipped}"
        assert not log.foreign
    finally:
        close_context(context)
