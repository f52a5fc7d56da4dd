"""What a reader's first search costs, in Chromium, for a built site: bytes fetched and time to a result.

Run: CHARTERKIT_PDF=0 CHARTERKIT_FORMATS=0 .venv/bin/python benchmarks/build_scale.py 1000 --keep /tmp/s
     .venv/bin/python benchmarks/first_search.py /tmp/s [WORD] [--index]
Serves the site under a sub-path as the browser tests do, opens the home page and, in a fresh browser
each run (nothing cached), searches for WORD (default "promise") with the site's own search:

- charterkit/search (the site has ``pagefind/``): follows the header's Search link to the search page and
  types WORD; the first result is a link in the results list.
- Material's search (the site has ``search/search_index.json``, as sites built before charterkit/search
  had): types WORD into the header's search box; the whole index is fetched and built in a web worker.

Prints, per run: the time from opening the home page to the first result, from the last key to the first
result, the bytes the browser received for the search (the index and the search's scripts) and for the
whole journey, and what the search would fetch from a server that compresses its files (as GitHub Pages
does; Pagefind's index files are compressed already). With --index it also times Pagefind on a copy of
the site (the work charterkit/search adds to a build). Figures, not assertions.
"""

from __future__ import annotations

import gzip
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))
sys.path.insert(0, str(REPO))

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, start_server  # noqa: E402

SEARCH_PARTS = ("/pagefind/", "/assets/charterkit-search.js", "/search/search_index.json", "/workers/search.")
"""Addresses that belong to the search: its index, its scripts."""


def _search_kind(site: Path) -> str:
    if (site / "pagefind" / "pagefind.js").is_file():
        return "pagefind"
    if (site / "search" / "search_index.json").is_file():
        return "material"
    raise SystemExit(f"{site} has no search index (neither pagefind/ nor search/search_index.json)")


def _first_result(page: Any, kind: str, word: str) -> float:
    """Search from the home page; returns the moment the last key was typed."""
    if kind == "pagefind":
        page.click("a.ck-search-link")
        page.wait_for_selector("#ck-search-query")
        page.click("#ck-search-query")
        page.keyboard.type(word)
        typed = time.perf_counter()
        page.wait_for_selector(".ck-search__result a", timeout=120_000)
    else:
        page.click(".md-search__input")
        page.keyboard.type(word)
        typed = time.perf_counter()
        page.wait_for_selector(".md-search-result__item", timeout=120_000)
    return typed


def measure(site: Path, word: str, runs: int = 3) -> None:
    """Print the figures of ``runs`` first searches for ``word`` on the built ``site``."""
    from playwright.sync_api import sync_playwright

    kind = _search_kind(site)
    if kind == "material":
        index = site / "search" / "search_index.json"
        raw = index.read_bytes()
        print(
            f"Material's search index: {len(raw) / 1024:.0f} KB "
            f"({len(gzip.compress(raw)) / 1024:.0f} KB if the server compresses it)"
        )
    else:
        bundle = site / "pagefind"
        total = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
        print(
            f"Pagefind's index on the server: {total / 1024:.0f} KB in {len(list(bundle.rglob('*')))} files"
        )
    server, url = start_server(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for run in range(1, runs + 1):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                received: dict[str, int] = {}

                def done(request: Any, received: dict[str, int] = received) -> None:
                    try:
                        received[request.url] = request.sizes()["responseBodySize"]
                    except Exception:
                        received[request.url] = 0

                page.on("requestfinished", done)
                start = time.perf_counter()
                page.goto(url, wait_until="domcontentloaded")
                typed = _first_result(page, kind, word)
                end = time.perf_counter()
                page.wait_for_timeout(300)  # the last responses' sizes
                ours = [u for u in received if any(part in u for part in SEARCH_PARTS)]
                search = sum(received[u] for u in ours)
                packed = sum(_compressed(site, url, u) for u in ours)
                others = [u for u in received if not u.startswith(url)]
                print(
                    f"run {run} ({kind}): home page opened to first result {end - start:.2f} s; "
                    f"last key to first result {end - typed:.2f} s; search fetched {search / 1024:.0f} KB "
                    f"({packed / 1024:.0f} KB from a server that compresses); "
                    f"whole journey {sum(received.values()) / 1024:.0f} KB in {len(received)} requests"
                    + (f"; OTHER HOSTS: {others}" if others else "")
                )
                context.close()
            browser.close()
    finally:
        server.shutdown()


def _compressed(site: Path, base: str, url: str) -> int:
    """The bytes of ``url`` from a server that gzips what it sends (as GitHub Pages does); Pagefind's
    index files are gzip already, and sent as they are."""
    path = site / url[len(base) :].split("?", 1)[0]
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return 0
    data = path.read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data))


def time_index(site: Path) -> None:
    """Time Pagefind indexing a copy of ``site`` (what charterkit/search adds to a build)."""
    from charterkit.search import build_index

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
        start = time.perf_counter()
        summary = build_index(copy)
        print(f"Pagefind indexed {summary.pages} pages in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    args = sys.argv[1:]
    index = "--index" in args
    args = [a for a in args if a != "--index"]
    if index:
        time_index(Path(args[0]))
    measure(Path(args[0]), args[1] if len(args) > 1 else "promise")
