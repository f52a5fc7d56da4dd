"""Whole pages kept between builds: a page charterkit makes, outside the menu, is written again as it was
when nothing it is made from changed.

A warm build (nothing changed) or a preview rebuild spends most of its time drawing the theme round
pages that are exactly as they were. For each page charterkit makes (a charter's pages, the lists, the
picture gallery) that is not in the menu, :class:`KeptPages` keeps the finished HTML (:mod:`charterkit.memo`)
under a key of everything the theme draws it from:

- the page: its address, title, settings (``meta``), contents box and body;
- the build: the site's settings and every plugin's, the menu, the theme's and charterkit's templates,
  and the versions of MkDocs, Material and charterkit's own code.

When the key is kept, the page is drawn by a template that writes the kept HTML, and everything after
(the search index, other plugins' ``on_post_page``) sees it as usual. Another plugin could change a
page in ways none of that shows (its own ``on_page_context``, ``on_env`` or ``on_template_context``):
then nothing is kept, and every page is drawn as the theme draws it.

``charterkit/charters`` adds this as a plugin of its own (``charterkit/kept-pages``), so its hooks run
at their own priorities.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from charterkit.memo import BytesStore, Memo, memo_key
from charterkit.mkdocs.charters.helper import MIN_PAGES, PageHelper, helper_share
from charterkit.mkdocs.charters.kept_markdown import NAME as MARKDOWN_NAME
from charterkit.mkdocs.charters.kept_markdown import KeptMarkdown

__all__ = ["KEPT_TEMPLATE", "KeptPages", "add_kept_pages", "drawn_elsewhere"]

log = logging.getLogger("mkdocs.plugins.charterkit.charters")

KEPT_TEMPLATE = "charterkit-kept-page.html"
"""The template that writes a kept page as it was."""

_KNOWN = ("charterkit.", "material.")
"""Plugins whose hooks change pages only through what the key holds."""

_HOOKS = ("page_context", "env", "template_context", "pre_template", "post_template")

_PAGE_HOOKS = ("pre_page", "page_read_source", "page_markdown", "page_content", *_HOOKS)
"""Hooks that read or draw a page. The helper runs only when every one is charterkit's own: another
plugin's (Material's search, say) would see the helper's pages in the build's process without their text."""


NAME = "charterkit/kept-pages"


def add_kept_pages(
    config: MkDocsConfig, store: BytesStore | None, made: Callable[[str], bool], helper: Callable[[], bool]
) -> None:
    """Add :class:`KeptPages`, and :class:`KeptMarkdown` for the site's own pages, to the build's plugins
    (once: the preview's rebuilds keep them)."""
    if NAME not in config.plugins:
        config.plugins[NAME] = KeptPages(made, store, helper)
        config.plugins[MARKDOWN_NAME] = KeptMarkdown(store)


def drawn_elsewhere(config: MkDocsConfig, page: Page) -> bool:
    """Whether the helper process reads and draws ``page`` (:meth:`KeptPages.drawn_elsewhere`)."""
    kept = config.plugins.get(NAME)
    return isinstance(kept, KeptPages) and kept.drawn_elsewhere(page)


class KeptPages(BasePlugin):  # type: ignore[type-arg]
    """Keeps and reuses the finished HTML of the pages ``made`` says charterkit made."""

    def __init__(
        self, made: Callable[[str], bool], store: BytesStore | None, helper: Callable[[], bool]
    ) -> None:
        self.made = made
        self.store = store
        self.helper_allowed = helper
        """Whether this build may have a helper process draw pages (:mod:`.helper`)."""
        self.enabled = False
        self._build = ""
        self._in_menu: set[int] = set()
        self._kept: dict[int, str] = {}
        self._keys: dict[int, str] = {}
        self._helper = PageHelper(store)
        self._elsewhere: list[File] = []
        """The pages the helper draws, in the build's order."""
        self._elsewhere_uris: set[str] = set()
        self._drawing_here = False
        """True in the helper, and in the build while it draws the helper's pages itself."""
        self._nav: Navigation | None = None

    # Pages are read and rendered after on_nav, and drawn by the theme after on_env.
    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.enabled = self.store is not None and _only_known_hooks(config)
        self._in_menu = {id(page) for page in nav.pages}
        self._build = _build_key(config, nav) if self.enabled else ""
        self._kept.clear()
        self._keys.clear()
        self._helper.stop()
        self._nav = nav
        self._drawing_here = False
        pages = files.documentation_pages()
        made = [
            f for f in pages if self.made(f.src_uri) and (f.page is None or id(f.page) not in self._in_menu)
        ]
        share = made[len(made) - helper_share(len(made), len(pages), len(files) - len(pages)) :]
        use = (
            self.enabled
            and len(made) >= MIN_PAGES
            and self.helper_allowed()
            and _only_known_hooks(config, _PAGE_HOOKS, ("charterkit.",))
        )
        self._elsewhere = share if use else []
        self._elsewhere_uris = {f.src_uri for f in self._elsewhere}
        return nav

    def drawn_elsewhere(self, page: Page) -> bool:
        """Whether the helper process reads and draws ``page``: this process only writes it."""
        return not self._drawing_here and page.file.src_uri in self._elsewhere_uris

    # The helper starts when the build reaches the first page charterkit makes: every page before it
    # (the site's own, the menu's) is read by then, and it reads the rest of its share beside the build.
    @event_priority(100)
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self._elsewhere and not self._helper.started and self.made(page.file.src_uri):
            assert self._nav is not None
            if self._helper.start(self._elsewhere, config, files, self._nav, self._key_of, self._here):
                log.info(f"charterkit: a second process reads and draws {len(self._elsewhere)} of the pages")
            else:
                self._elsewhere, self._elsewhere_uris = [], set()
        return page

    def _here(self, here: bool) -> None:
        """``here``: every page is read and drawn in this process (the helper; or the build, when the
        helper failed). Not ``here``: the build has the helper's pages, and writes them as kept pages."""
        self._drawing_here = here
        if not here:
            for file in self._elsewhere:
                if file.page is not None:
                    file.page.meta["template"] = KEPT_TEMPLATE

    def _key_of(self, page: Page) -> str | None:
        return self._keys.pop(id(page), None)

    @event_priority(-100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if env.loader is not None:
            env.loader = ChoiceLoader([DictLoader({KEPT_TEMPLATE: "{{ ck_kept_page }}"}), env.loader])
        return env

    # Last: the page's body as every plugin leaves it. The template is chosen before on_page_context.
    @event_priority(-100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.enabled or id(page) in self._in_menu or not self.made(page.file.src_uri):
            return html
        if self.drawn_elsewhere(page):
            page.meta["template"] = KEPT_TEMPLATE
            return html
        maker = getattr(config.plugins.get("charterkit/charters"), "maker", None)
        key = _page_key(self._build, page, html, maker.body_key(page, html) if maker is not None else None)
        kept = Memo[str]("whole-page", self.store).get(key)
        if kept is not None:
            page.meta["template"] = KEPT_TEMPLATE
            self._kept[id(page)] = kept
        else:
            self._keys[id(page)] = key
        return html

    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        kept = self._kept.pop(id(page), None)
        if self.drawn_elsewhere(page):
            kept, key = self._helper.page(page.file.src_uri)
            if key is not None:
                self._keys[id(page)] = key
        if kept is not None:
            context["ck_kept_page"] = Markup(kept)  # type: ignore[typeddict-unknown-key]
        return context

    # First: the page as the theme drew it, before any other plugin's on_post_page (which run again on
    # a kept page).
    @event_priority(100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        key = self._keys.pop(id(page), None)
        if key is not None:
            Memo[str]("whole-page", self.store).put(key, output)
        return output

    @event_priority(100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._helper.stop()

    def on_build_error(self, *, error: Exception) -> None:
        self._helper.stop()


def _only_known_hooks(
    config: MkDocsConfig, hooks: tuple[str, ...] = _HOOKS, known: tuple[str, ...] = _KNOWN
) -> bool:
    """Whether every plugin method on ``hooks`` comes from a module whose name starts with one of
    ``known``."""
    return all(
        str(getattr(method, "__module__", "")).startswith(known)
        for hook in hooks
        for method in config.plugins.events.get(hook, [])
    )


def _build_key(config: MkDocsConfig, nav: Navigation) -> str:
    """A hash of what every page of this build is drawn with, besides the page itself."""
    settings = {
        name: config.get(name)
        for name in (
            "site_name",
            "site_url",
            "site_description",
            "site_author",
            "copyright",
            "repo_url",
            "repo_name",
            "edit_uri",
            "use_directory_urls",
            "extra",
            "extra_css",
            "extra_javascript",
            "extra_templates",
        )
    }
    settings["theme"] = dict(config.theme.items())
    settings["plugins"] = {
        name: dict(getattr(plugin, "config", {}).items()) for name, plugin in config.plugins.items()
    }
    h = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    h.update(json.dumps(list(_menu(nav.items)), default=str).encode())
    for folder in config.theme.dirs:
        for path in _templates(Path(folder)):
            h.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in ("mkdocs", "mkdocs-material", "properdocs"):
        try:
            h.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=-\0".encode())
    return h.hexdigest()


def _menu(items: Any) -> Iterator[tuple[str, str, str]]:
    for item in items:
        yield (type(item).__name__, str(item.title), str(getattr(item, "url", "")))
        yield from _menu(getattr(item, "children", None) or ())


def _templates(folder: Path) -> Iterator[Path]:
    """The templates in a theme folder, without its hidden folders (Material's thousands of icons)."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(".html"):
                yield Path(root, name)


def _page_key(build: str, page: Page, html: str, body_key: str | None = None) -> str:
    """The key of the whole page: its body by ``body_key`` when known (the key of everything the body is
    made from), else by its text."""
    about = {
        "url": page.url,
        "title": page.title,
        "meta": page.meta,
        "toc": [_heading(item) for item in page.toc],
        "edit": page.edit_url,
        "canonical": page.canonical_url,
        "home": page.is_homepage,
    }
    about_text = json.dumps(about, sort_keys=True, default=str)
    if body_key is not None:
        return memo_key("whole-page", build, about_text, "body kept as", body_key)
    return memo_key("whole-page", build, about_text, html)


def _heading(item: Any) -> Any:
    return [item.title, item.url, item.level, [_heading(child) for child in item.children]]
