"""The live preview (``mkdocs serve --dirty``) rebuilds only what an edited charter affects.

MkDocs' dirty builds skip every page whose file reports it is not modified. A page made by charterkit
has no file of its own, so it reports what this module decides:

- a charter's page and easy-read page are rebuilt when that charter changed (or is new);
- a page of a list of charters (all charters, a sector, an area, a theme, the themes matrix) and a
  page of the readability report are rebuilt when one of its charters changed, or it shows others, or
  its list has another number of pages;
- the other lists (by sector, by area, the themes) and every site page that holds a
  ``<!-- charterkit:... -->`` marker are rebuilt when any charter changed, arrived or left;
- the picture gallery, which shows no charter, and everything else are rebuilt when a setting,
  ``mkdocs.yml`` or a template changed.

After the build, the pages of charters that were renamed or deleted are removed from the served site,
and the search index keeps the entries of every other page but none of those rebuilt or removed, so no
stale page or search result is served. In ``mkdocs build`` (never dirty) nothing here changes anything.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from charterkit.memo import collect_when_idle, hold_collector, set_aside
from charterkit.render.markers import MARKER_START


class PageFile(File):
    """A page charterkit makes, which tells dirty builds whether it must be written again."""

    fresh = True
    """False when nothing it shows changed since the last build (and its output is still there)."""

    def is_modified(self) -> bool:
        return self.fresh or not os.path.isfile(self.abs_dest_path)


def page_file(config: MkDocsConfig, uri: str, *, fresh: bool, inclusion: InclusionLevel) -> PageFile:
    """A generated page file (empty source: the plugin fills it in)."""
    made = PageFile.generated(config, uri, content="", inclusion=inclusion)
    assert isinstance(made, PageFile)  # File.generated builds an instance of the class it is called on
    made.fresh = fresh
    return made


class ContentFile(File):
    """A file charterkit writes from content it makes (the open data, pictures, the catalogue), which
    tells dirty builds whether it must be written again."""

    same = False
    """True when the last finished build wrote the same bytes (and its output is still there)."""

    def is_modified(self) -> bool:
        return not self.same or not os.path.isfile(self.abs_dest_path)


def _latest_change(folders: Iterable[str | None]) -> float:
    latest = 0.0
    for folder in folders:
        if folder and os.path.isdir(folder):
            for path in Path(folder).rglob("*"):
                try:
                    latest = max(latest, path.stat().st_mtime)
                except OSError:
                    continue
    return latest


class Preview:
    """What the previous build wrote, kept across the builds of one ``mkdocs serve``."""

    def __init__(self) -> None:
        self.dirty = False
        self.built: dict[str, Any] = {}
        """Each charter (by slug) as the last finished build saw it."""
        self.signature: tuple[Any, ...] | None = None
        self.changed: set[str] | None = None
        """Slugs changed since the last build; None when everything must be rebuilt."""
        self.any_change = True
        self.pages: dict[str, str] = {}
        """Generated page URL → its output file, as the last finished build wrote them."""
        self.now_pages: dict[str, str] = {}
        self.rendered: set[str] = set()
        self.page_slugs: dict[str, tuple[str, ...]] = {}
        """Generated page URI → the charters it showed, as the last finished build made it."""
        self.now_page_slugs: dict[str, tuple[str, ...]] = {}
        self.settled = False
        """Whether what the first build left in memory is out of the garbage collector's way."""
        self.contents: dict[str, str | bytes] = {}
        """Output file of each :class:`ContentFile` → what the last finished build wrote there."""
        self.now_contents: dict[str, str | bytes] = {}

    def rebuilding(self) -> None:
        """At the start of each rebuild after the first: the garbage collector waits until the page is
        shown (:func:`charterkit.memo.hold_collector`)."""
        if self.dirty and self.settled:
            hold_collector()

    def begin(self, config: MkDocsConfig, settings: str, charters: Mapping[str, Any]) -> None:
        """Compare this build's charters and settings with the last finished build's."""
        if not self.dirty:
            self.changed, self.any_change = None, True
            self.now_pages, self.now_page_slugs, self.rendered = {}, {}, set()
            self.now_contents = {}
            return
        mkdocs_yml = config.config_file_path or ""
        # The council's templates (not Material's own thousands of files, which change only on upgrade).
        signature = (
            settings,
            os.path.getmtime(mkdocs_yml) if os.path.isfile(mkdocs_yml) else 0.0,
            _latest_change([config.theme.custom_dir]),
        )
        if signature != self.signature:
            self.changed = None
        else:
            self.changed = {slug for slug, item in charters.items() if self.built.get(slug) != item}
            self.changed |= set(self.built) - set(charters)
        self.any_change = self.changed is None or bool(self.changed)
        self.signature = signature
        self.now_pages = {}
        self.now_page_slugs = {}
        self.now_contents = {}
        self.rendered = set()

    @property
    def everything(self) -> bool:
        """Whether every page must be rebuilt (a first build, or a setting or template changed)."""
        return self.changed is None

    def charter_fresh(self, slug: str) -> bool:
        return self.changed is None or slug in self.changed

    def showing_fresh(self, uri: str, slugs: tuple[str, ...]) -> bool:
        """Whether a page showing these charters (a page of the report) must be rebuilt: when it shows
        other charters than last time, or one of them changed."""
        self.now_page_slugs[uri] = slugs
        if self.changed is None:
            return True
        return self.page_slugs.get(uri) != slugs or not self.changed.isdisjoint(slugs)

    def unchanged(self, slug: str) -> bool:
        """True in a preview rebuild for a charter that did not change since the last build."""
        return self.changed is not None and slug not in self.changed

    def add(self, made: File) -> None:
        self.now_pages[made.url] = made.abs_dest_path

    def content_file(self, config: MkDocsConfig, uri: str, content: str | bytes) -> File:
        """A file made from ``content``; dirty builds write it only when its bytes changed (a rebuild
        after one edit would otherwise write the open data of every charter again)."""
        made = ContentFile.generated(config, uri, content=content)
        assert isinstance(made, ContentFile)  # File.generated builds an instance of the class it is called on
        if self.dirty:
            # The content itself is kept, not a hash: an unchanged charter's open data is the very same
            # text again (charterkit.opendata keeps it), so most comparisons stop at its identity.
            made.same = self.contents.get(made.abs_dest_path) == content
            self.now_contents[made.abs_dest_path] = content
        return made

    def refresh_marked_pages(self, files: Files) -> None:
        """Make dirty builds rebuild site pages that list charters (they hold a marker)."""
        if not self.dirty or not self.any_change:
            return
        for item in files.documentation_pages():
            if isinstance(item, PageFile) or item.abs_src_path is None:
                continue
            try:
                marked = MARKER_START in item.content_string
            except OSError:
                continue
            if marked and os.path.isfile(item.abs_dest_path):
                os.unlink(item.abs_dest_path)  # a missing output is rebuilt by a dirty build

    def finish(self, config: MkDocsConfig, charters: Mapping[str, Any]) -> None:
        """After a finished build: remove pages of charters that went, and their search entries."""
        if self.dirty:
            gone = {url: dest for url, dest in self.pages.items() if url not in self.now_pages}
            for dest in gone.values():
                _remove(dest, Path(config.site_dir))
            _merge_search_entries(config, self.rendered | set(gone))
        if self.dirty and not self.settled:
            _settle()
            self.settled = True
        elif self.dirty:
            collect_when_idle()
        self.pages = dict(self.now_pages)
        self.contents = dict(self.now_contents)
        self.page_slugs = dict(self.now_page_slugs)
        self.built = dict(charters)


def _settle() -> None:
    """Keep the garbage collector from going through what the first build left, for the rest of the
    preview: the charters as read, the theme, the templates. At 1,000 charters its full collections
    took 0.5 s, every second rebuild."""
    set_aside(collect=True)


def _remove(dest: str, site: Path) -> None:
    path = Path(dest)
    path.unlink(missing_ok=True)
    # Empty folders up to the site's root go too, so the old address gives "not found".
    folder = path.parent
    while folder != site and folder.is_relative_to(site):
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent


def _merge_search_entries(config: MkDocsConfig, urls: set[str]) -> None:
    # Material's search keeps the previous build's index in dirty builds but replaces the entries of
    # only the first page rebuilt (all of them, when that page is the home page). Here the previous
    # entries of every page not rebuilt or removed are merged with this build's, and Material is left
    # to write that whole list.
    search = config.plugins.get("material/search") or config.plugins.get("search")
    current = getattr(search, "search_index", None)
    previous = getattr(search, "search_index_prev", None)
    if not isinstance(getattr(current, "entries", None), list) or previous is None:
        return
    kept = [e for e in previous.entries if str(e.get("location", "")).split("#", 1)[0] not in urls]
    current.entries = kept + current.entries  # type: ignore[union-attr]
    search.search_index_prev = None  # type: ignore[union-attr]
