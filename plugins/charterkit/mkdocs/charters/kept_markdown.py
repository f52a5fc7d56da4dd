"""The site's own pages converted from Markdown once, while nothing they are made from changes.

MkDocs converts every page's Markdown in every build: for the site's own pages (``docs/*.md``), about a
tenth of a second of each warm build. :class:`KeptMarkdown` keeps what the conversion gives (the HTML,
the contents box, the title found, the page's anchors and its links to others' anchors, which MkDocs
checks once every page is read) under a key of everything it reads: the page's Markdown as every plugin
left it, its source path and address, the Markdown settings and the validation settings, every file of
the site and its address (links are resolved against them), and the versions of the engine and of
Markdown (with charterkit's own code, as every kept result). A conversion that logged anything (a link
MkDocs could not resolve) is never kept, so its message comes in every build.

Pages charterkit makes go through it too: their Markdown is empty (:mod:`.rendering` gives their bodies),
but MkDocs still set up a converter with every extension for each, a third of a millisecond a page.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from charterkit.memo import BytesStore, Memo, memo_key

__all__ = ["KeptMarkdown"]

NAME = "charterkit/kept-markdown"


class KeptMarkdown(BasePlugin):  # type: ignore[type-arg]
    """Keeps each site page's conversion from Markdown (see the module's notes)."""

    def __init__(self, store: BytesStore | None) -> None:
        self.store = store
        self._site: str | None = None

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._site = None  # made at the first page: every plugin has added its files by then
        return nav

    # Last: the page's Markdown as every plugin leaves it; MkDocs converts it right after this hook.
    @event_priority(-100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.store is None:
            return markdown
        if self._site is None:
            self._site = _site(config, files)
        # What is logged at all (mkdocs build -q logs only errors): a quiet build's pages, kept, never
        # stand in for those of a build that shows more.
        levels = repr([logging.getLogger(name).getEffectiveLevel() for name in _LOGGERS])
        key = memo_key("markdown", self._site, levels, page.file.src_uri, page.url, markdown)
        convert = page.render

        def render(config: MkDocsConfig, files: Files) -> None:
            memo: Memo[dict[str, Any]] = Memo("markdown", self.store)
            kept = memo.get(key)
            if kept is not None:
                _restore(page, kept, files)
                return
            with _heard() as said:
                convert(config, files)
            if not said:
                memo.put(key, _taken(page))

        page.render = render  # type: ignore[method-assign]  # this page, this build
        return markdown


def _site(config: MkDocsConfig, files: Files) -> str:
    """What every page's conversion is made from besides its own text: the versions, the settings, and
    each of the site's files and its address."""
    h = hashlib.sha256()
    for name in _ENGINES:
        h.update(f"{name}={_version(name)}\n".encode())
    settings = (config.markdown_extensions, config.mdx_configs, config.validation, config.use_directory_urls)
    h.update(repr(settings).encode())
    for file in files:
        h.update(f"{file.src_uri}\0{file.url}\0{file.inclusion}\n".encode())
    return h.hexdigest()


_ENGINES = ("mkdocs", "properdocs", "markdown", "pymdown-extensions")
_LOGGERS = ("mkdocs", "properdocs", "MARKDOWN")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


class _Heard(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.count += 1


@contextmanager
def _heard() -> Iterator[list[int]]:
    """Whether anything was logged (at INFO or above) meanwhile: ``said`` is non-empty then."""
    handler = _Heard()
    names = _LOGGERS
    for name in names:
        logging.getLogger(name).addHandler(handler)
    said: list[int] = []
    try:
        yield said
    finally:
        for name in names:
            logging.getLogger(name).removeHandler(handler)
        if handler.count:
            said.append(handler.count)


def _taken(page: Page) -> dict[str, Any]:
    links = page.links_to_anchors
    return {
        "content": page.content,
        "toc": [_token(item) for item in page.toc],
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None if links is None else {file.src_uri: dict(found) for file, found in links.items()},
    }


def _token(item: Any) -> dict[str, Any]:
    return {
        "name": item.title,
        "id": item.id,
        "level": item.level,
        "children": [_token(c) for c in item.children],
    }


def _restore(page: Page, kept: dict[str, Any], files: Files) -> None:
    toc = importlib.import_module(type(page).__module__.rsplit(".", 1)[0] + ".toc")  # MkDocs' or ProperDocs'
    page.content = kept["content"]
    page.toc = toc.get_toc(kept["toc"])
    page._title_from_render = kept["title"]
    page.present_anchor_ids = set(kept["anchors"])
    if kept["links"] is not None:
        page.links_to_anchors = {
            found: dict(anchors)
            for uri, anchors in kept["links"].items()
            if (found := files.get_file_from_path(uri)) is not None
        }
