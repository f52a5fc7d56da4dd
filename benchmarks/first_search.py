"""How long the site's search takes to answer the first time, in Chromium, for a built site.

Run: .venv/bin/python benchmarks/build_scale.py 1000 --keep /tmp/site-1000
     .venv/bin/python benchmarks/first_search.py /tmp/site-1000 [WORD]
Serves the site as the browser tests do, opens the home page, and at once types WORD (default
"promise") into the search box: prints the search index's size, the time from opening the page to the
first result shown (the index is fetched and built in a web worker meanwhile), and the time from the
last key to the first result. Figures, not assertions.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, start_server  # noqa: E402


def main(site: Path, word: str) -> None:
    from playwright.sync_api import sync_playwright

    index = site / "search" / "search_index.json"
    print(f"search index: {index.stat().st_size / 1024:.0f} KB")
    server, url = start_server(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for run in (1, 2, 3):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                start = time.perf_counter()
                page.goto(url, wait_until="domcontentloaded")
                page.click(".md-search__input")
                page.keyboard.type(word)
                typed = time.perf_counter()
                page.wait_for_selector(".md-search-result__item", timeout=120_000)
                done = time.perf_counter()
                print(
                    f"run {run}: page opened to first result {done - start:.2f} s; "
                    f"last key to first result {done - typed:.2f} s"
                )
                context.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "promise")
