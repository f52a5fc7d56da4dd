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
from charterkit.mkdocs._common import files_fingerprint

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
        convert = page.render
        function = getattr(convert, "__func__", None)
        engine = getattr(function, "__module__", "")
        if self.store is None or engine not in _ENGINE_PAGES or type(page).render is not function:
            return markdown  # a Page of a plugin's own (Material's blog) may render otherwise: left alone
        if self._site is None:
            self._site = _site(config, files)
        if not self._site:
            return markdown  # an extension or a setting this cannot see through: every page converted
        site = self._site

        def render(config: MkDocsConfig, files: Files) -> None:
            # What is logged at all (mkdocs build -q logs only errors): a quiet build's pages, kept, never
            # stand in for those of a build that shows more. The Markdown as MkDocs converts it, after
            # every plugin's hook.
            levels = repr([logging.getLogger(name).getEffectiveLevel() for name in _LOGGERS])
            key = memo_key("markdown", site, levels, page.file.src_uri, page.url, page.markdown or "")
            memo: Memo[dict[str, Any]] = Memo("markdown", self.store)
            kept = memo.get(key)
            if kept is not None:
                _restore(page, kept, files, engine)
                return
            with _heard() as heard:
                convert(config, files)
            if not heard.count:
                memo.put(key, _taken(page))

        page.render = render  # type: ignore[method-assign]  # this page, this build
        return markdown


def _site(config: MkDocsConfig, files: Files) -> str:
    """What every page's conversion is made from besides its own text: the versions, the settings, and
    each of the site's files and its address; "" when an extension may read more than that (a file it
    includes) or a setting is not plain data (a function), as then no key could hold everything."""
    extensions, settings = config.markdown_extensions, config.mdx_configs or {}
    if not all(isinstance(e, str) and _pure(e) for e in extensions) or not _plain(settings):
        return ""
    h = hashlib.sha256()
    for name in _ENGINES:
        h.update(f"{name}={_version(name)}\n".encode())
    h.update(repr((extensions, settings, config.validation, config.use_directory_urls)).encode())
    h.update(files_fingerprint(files).encode())
    return h.hexdigest()


def _pure(extension: str) -> bool:
    """Whether an extension's output depends on the page's Markdown and its settings only."""
    name = extension.removeprefix("markdown.extensions.")
    return name in _PURE or (name.startswith("pymdownx.") and name not in _READS_FILES)


def _plain(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


_PURE = frozenset(
    {
        "abbr",
        "admonition",
        "attr_list",
        "codehilite",
        "def_list",
        "fenced_code",
        "footnotes",
        "legacy_attrs",
        "legacy_em",
        "md_in_html",
        "meta",
        "nl2br",
        "sane_lists",
        "smarty",
        "tables",
        "toc",
        "wikilinks",
    }
)
"""Python-Markdown's own extensions."""
_READS_FILES = frozenset({"pymdownx.snippets", "pymdownx.b64", "pymdownx.pathconverter"})
"""PyMdown extensions whose output depends on files (or their places) besides the page."""
_ENGINE_PAGES = ("mkdocs.structure.pages", "properdocs.structure.pages")
_ENGINES = (
    "mkdocs",
    "properdocs",
    "markdown",
    "pymdown-extensions",
    "mkdocs-material",
    "mkdocs-material-extensions",
    "pygments",
)
_LOGGERS = ("mkdocs", "properdocs", "MARKDOWN", "")


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
def _heard() -> Iterator[_Heard]:
    """Counts what is logged (at INFO or above) meanwhile, to any of :data:`_LOGGERS`."""
    handler = _Heard()
    for name in _LOGGERS:
        logging.getLogger(name).addHandler(handler)
    try:
        yield handler
    finally:
        for name in _LOGGERS:
            logging.getLogger(name).removeHandler(handler)


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


def _restore(page: Page, kept: dict[str, Any], files: Files, engine: str) -> None:
    toc = importlib.import_module(engine.rsplit(".", 1)[0] + ".toc")  # MkDocs' or ProperDocs'
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
