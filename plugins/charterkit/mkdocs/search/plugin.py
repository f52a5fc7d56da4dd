"""``charterkit/search``: the search page, and the site's search index made by Pagefind.

A thin adapter over :mod:`charterkit.search`. It adds the search page (``search.md``, served at
``/search/``) unless ``docs/`` has one, offers its address to the header (``overrides/partials/header.html``
links to it from every page, the 404 page included), and indexes the finished site in ``on_post_build``,
inside the new site folder before ``charterkit/charters`` swaps it in: a build whose index failed is
never published. The page's script (``assets/charterkit-search.js``) loads only the parts of the index
a search needs, from the site itself.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from charterkit.mkdocs._common import jinja_env
from charterkit.mkdocs.search.config import SearchConfig
from charterkit.search import BUNDLE_DIR, SearchIndexError, build_index, kept_index, pagefind_executable

log = logging.getLogger("mkdocs.plugins.charterkit.search")

TITLE = "Search"
SCRIPT = "assets/charterkit-search.js"
"""The search page's script, in the theme's ``custom_dir`` (``overrides/assets/``)."""

_MATERIAL = ("search", "material/search")

MATERIAL_SEARCH_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
"""The theme's own search scripts (lunr, its languages, the search worker): about 1 MB in 36 files that
no page loads, since this plugin replaces the theme's search. They are not published."""


class SearchPlugin(BasePlugin[SearchConfig]):
    """Adds the search page and writes the search index."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.page_url = ""
        """The search page's address from the site's root (``search/``); read by ``partials/header.html``."""
        self.env: Environment | None = None
        self.generated = False
        self.command = "build"
        self._serve_index: _BackgroundIndex | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            pagefind_executable()
        except SearchIndexError as exc:
            raise PluginError(f"charterkit/search: {exc}") from None
        if any(name in config.plugins for name in _MATERIAL):
            # Two searches would put two Search entries in the header, and Material's index is the
            # whole site in one file that every reader's first search downloads.
            raise PluginError(
                "mkdocs.yml: plugins: charterkit/search replaces the theme's search: remove 'search' "
                "(Material's search plugin) from plugins."
            )
        self.env = jinja_env(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        uri = self.config.page
        # A council may write its own search page: keep it, and still link to it from the header.
        self.generated = files.get_file_from_path(uri) is None
        if self.generated:
            # Out of the menu: the header links to it from every page.
            files.append(File.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        found = files.get_file_from_path(uri)
        self.page_url = found.url if found is not None else ""
        for unused in [f for f in files if f.src_uri.startswith(MATERIAL_SEARCH_FILES)]:
            files.remove(unused)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri != self.config.page:
            return markdown
        # The search page itself is never a search result.
        page.meta["search"] = {"exclude": True}
        if not self.generated:
            return markdown
        page.meta["title"] = TITLE
        page.meta.setdefault("hide", ["toc"])
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not (self.generated and page.file.src_uri == self.config.page):
            return html
        assert self.env is not None
        return self.env.get_template("charterkit/search-page.html").render(
            title=TITLE,
            bundle=get_relative_url(f"{BUNDLE_DIR}/", page.url),
            root=get_relative_url(".", page.url) or ".",
            script=get_relative_url(SCRIPT, page.url),
            all_charters=_all_charters(config, page, files),
        )

    # After every other plugin has written its pages (priority 0), before charterkit/charters swaps the
    # new site in (priority -100): the index describes the site as published, and a failure stops it.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        if self.command == "serve":
            if self.config.index_in_serve:
                if self._serve_index is None:
                    self._serve_index = _BackgroundIndex()
                self._serve_index.request(site, _language(config), not config.use_directory_urls)
            return
        started = time.perf_counter()
        charters: Any = config.plugins.get("charterkit/charters")
        try:
            summary, kept = kept_index(
                site,
                getattr(charters, "store", None),  # the build's checked cache, when it has one
                language=_language(config),
                keep_index_url=not config.use_directory_urls,
            )
        except SearchIndexError as exc:
            raise PluginError(f"charterkit/search: {exc}") from None
        if kept:
            log.info(f"Search: no page changed, so the index of {summary.pages} pages was kept.")
        else:
            log.info(f"Search: indexed {summary.pages} pages in {time.perf_counter() - started:.1f} s.")

    def on_shutdown(self) -> None:
        if self._serve_index is not None:
            self._serve_index.stop()


def _language(config: MkDocsConfig) -> str:
    """The site's language, for Pagefind (one index, every page stemmed alike)."""
    return (config.theme.locale.language if config.theme.locale else "en") or "en"


def _all_charters(config: MkDocsConfig, page: Page, files: Files) -> str:
    """The list of every charter, relative to ``page``: where the page sends readers without JavaScript."""
    charters: Any = config.plugins.get("charterkit/charters")
    base = str(charters.config.url).strip("/") if charters is not None else "charters"
    listing = files.get_file_from_path(f"{base}/index.md")
    return get_relative_url(listing.url if listing is not None else f"{base}/", page.url)


class _BackgroundIndex:
    """``mkdocs serve``: index after each rebuild in a thread, so the rebuilt page is served at once.

    One run at a time; a rebuild during a run asks for one more run after it, so the last index always
    describes the last build.
    """

    def __init__(self) -> None:
        self._wanted: tuple[Path, str, bool] | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def request(self, site: Path, language: str, keep_index_url: bool) -> None:
        with self._lock:
            self._wanted = (site, language, keep_index_url)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="charterkit-search", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._wanted = None

    def _run(self) -> None:
        while True:
            with self._lock:
                wanted, self._wanted = self._wanted, None
                if wanted is None or self._stopped:
                    self._thread = None
                    return
            try:
                summary = build_index(
                    wanted[0], language=wanted[1], keep_index_url=wanted[2], background=True
                )
                log.info(f"Search: indexed {summary.pages} pages.")
            except (SearchIndexError, OSError) as exc:  # the preview goes on; the next rebuild tries again
                log.warning(f"charterkit/search: {exc}")
