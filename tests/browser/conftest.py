"""Browser fixtures: Debian's Chromium through Playwright, the site served under a sub-path, axe-core.

The site is served as GitHub Pages serves a project site: under ``/charters-site/`` on one host, with
``404.html`` answering every missing path. Helpers without state live in ``support.py``.
"""

from __future__ import annotations

import http.server
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import support
from tests.conftest import BuildResult


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium is marked ``browser``, so ``-m "not browser"`` leaves it out."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Say how many pages the browser visited and how long it took (figures, never assertions)."""
    for line in config.stash.get(support.SCAN_TIMES, []):
        terminalreporter.write_line(f"browser scan: {line}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright's sync API, one for the whole session.

    Without /usr/bin/chromium the browser tests are skipped, except in CI (``CI`` set), where they fail.
    """
    if not support.CHROMIUM.exists():
        reason = (
            f"{support.CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason}. The browser tests must run in CI.")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(support.CHROMIUM), args=support.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def serve_site() -> Iterator[Callable[..., str]]:
    """A function ``serve(site_dir, prefix="/charters-site/") -> base URL`` that serves a built site.

    Each call starts a threaded HTTP server on 127.0.0.1 at a free port; all stop at the end of the
    session. Missing files and paths outside the prefix answer 404 with the site's ``404.html``.
    """
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(site_dir: Path, prefix: str = support.PREFIX) -> str:
        server, url = support.start_server(Path(site_dir), prefix)
        servers.append(server)
        return url

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest) -> Path:
    """The real site's output folder (the five seed charters, PDFs included), built once per session.

    ``CHARTERKIT_TEST_SITE=path`` serves a site already built there instead, for quick runs while
    working on the theme; build it with ``CHARTERKIT_SITE_URL`` ending in ``/charters-site/``.
    """
    prebuilt = os.environ.get("CHARTERKIT_TEST_SITE")
    if prebuilt:
        return Path(prebuilt)
    seed_site: BuildResult = request.getfixturevalue("seed_site")
    return seed_site.site


@pytest.fixture(scope="session")
def site_url(site_dir: Path, serve_site: Callable[..., str]) -> str:
    """The real site served under ``/charters-site/``: its base URL, ending in a slash."""
    return serve_site(site_dir)


@pytest.fixture(scope="session")
def axe_check() -> Callable[..., list[dict[str, Any]]]:
    """``axe_check(page, tags=None) -> violations``: axe-core from node_modules, WCAG 2.2 AA + best practice."""
    if not support.AXE.is_file():
        pytest.fail(f"{support.AXE} is missing: run npm ci (or make test) to install axe-core.")
    return support.axe_check


@pytest.fixture(scope="session")
def guard_requests() -> Callable[[Any, str], support.RequestLog]:
    """``guard_requests(context, base_url) -> RequestLog``: records every request, refuses other hosts."""
    return support.guard_requests
