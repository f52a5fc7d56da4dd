"""The files ``charterkit/charters`` adds to the site: each page it makes and the files beside them.

:class:`SitePlan` remembers what each page is (a :class:`~charterkit.render.generated.Generated`), so that
the plugin renders it later, and tells the live preview which pages an edit affects.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Callable, Mapping, Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel

from charterkit.format.icons import IconSet
from charterkit.format.model import Charter
from charterkit.format.schema import charter_schema
from charterkit.load.loader import LoadedCharter
from charterkit.memo import BytesStore, Memo
from charterkit.mkdocs.charters.preview import Preview, page_file
from charterkit.opendata.assemble import OPEN_DATA, open_data_files
from charterkit.opendata.records import dumps
from charterkit.render.credits import CREDITS_URI, credit_page_uri, credit_pages
from charterkit.render.find import Finder
from charterkit.render.gallery import Gallery, load_gallery
from charterkit.render.generated import Generated, easy_read_index_uri
from charterkit.render.markers import MARKER
from charterkit.render.pagelinks import own_pictures
from charterkit.render.pages import Link, colour_pictures, easy_read_index_pages, shared_picture_uri

__all__ = ["SitePlan"]


class SitePlan:
    """The pages and files made from the charters in one build, by source path."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.generated: dict[str, Generated] = {}
        self.open_data: list[tuple[str, str, int]] = []
        """The open data files: site path, what each holds, size in bytes."""
        self.pictures: dict[int, tuple[Charter, list[str], list[str]]] = {}
        """By charter (its id, while it is held here): its own pictures and the colour ones it uses,
        found once for the charters a preview rebuild reads again unchanged (the same object)."""
        self.now_pictures: dict[int, tuple[Charter, list[str], list[str]]] = {}

    def begin(self) -> None:
        self.generated.clear()
        self.open_data = []
        self.pictures, self.now_pictures = self.now_pictures, {}

    def pictures_of(self, item: LoadedCharter) -> tuple[list[str], list[str]]:
        """``item``'s own pictures and the colour pictures it uses."""
        kept = self.now_pictures.get(id(item.charter)) or self.pictures.get(id(item.charter))
        if kept is None or kept[0] is not item.charter:
            kept = (item.charter, own_pictures(item), colour_pictures(item))
        self.now_pictures[id(item.charter)] = kept
        return kept[1], kept[2]

    def add(
        self,
        files: Files,
        config: MkDocsConfig,
        uri: str,
        gen: Generated,
        showing: tuple[str, ...] | None = None,
    ) -> None:
        """Add the page ``gen`` at ``uri``, unless the site's own docs provide it. ``showing``: the
        charters a page of a list shows, when :func:`_showing` cannot tell from ``gen``."""
        if files.get_file_from_path(uri) is not None:
            # The site's own docs provide this page (a council may write its own index): keep theirs.
            if gen.own_page:
                raise PluginError(
                    f"charterkit: docs/{uri} clashes with the page of charter '{gen.slug}'. "
                    "Remove or rename that file."
                )
            return
        # Charter pages are reached through index pages, never listed in the nav (see the plugin's docstring).
        inclusion = InclusionLevel.UNDEFINED if gen.in_nav else InclusionLevel.NOT_IN_NAV
        if gen.own_page:
            fresh = self.preview.charter_fresh(gen.slug)
        elif gen.kind in ("pictures", "pictures-index"):
            fresh = self.preview.everything  # the gallery shows no charter
        else:
            showing = showing or _showing(gen)
            fresh = self.preview.any_change if showing is None else self.preview.showing_fresh(uri, showing)
        made = page_file(config, uri, fresh=fresh, inclusion=inclusion)
        files.append(made)
        self.preview.add(made)
        self.generated[uri] = gen

    def add_other(
        self, files: Files, config: MkDocsConfig, uri: str, *, in_nav: bool, showing: tuple[str, ...] | None
    ) -> None:
        """A page another charterkit plugin makes and renders (the readability report)."""
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        fresh = self.preview.any_change if showing is None else self.preview.showing_fresh(uri, showing)
        made = page_file(config, uri, fresh=fresh, inclusion=inclusion)
        files.append(made)
        self.preview.add(made)

    def add_charters(
        self, files: Files, config: MkDocsConfig, charters: Sequence[LoadedCharter], base: str
    ) -> None:
        """Each charter's page and easy-read page, the council's own pictures beside them."""
        for item in charters:
            self.add(files, config, f"{base}/{item.slug}/index.md", Generated("charter", item.slug))
            if not item.charter.easy_read:
                continue
            self.add(files, config, f"{base}/{item.slug}/easy-read.md", Generated("easy-read", item.slug))
            # The council's own pictures (checked when the charter was read) go beside its pages.
            for picture in self.pictures_of(item)[0]:
                uri = f"{base}/{item.slug}/{picture}"
                if files.get_file_from_path(uri) is None:
                    source = (item.path.parent / picture).read_bytes()
                    files.append(self.preview.content_file(config, uri, source))

    def add_colour_pictures(
        self, files: Files, config: MkDocsConfig, charters: Sequence[LoadedCharter], icons: IconSet | None
    ) -> None:
        """Each colour picture the charters use, written once for every easy-read page that shows it."""
        if icons is None:
            return
        for name in sorted({p for item in charters for p in self.pictures_of(item)[1]}):
            uri = shared_picture_uri(name)
            if name in icons and files.get_file_from_path(uri) is None:
                files.append(self.preview.content_file(config, uri, icons.svg(name)))

    def add_find_pages(self, files: Files, config: MkDocsConfig, finder: Finder) -> None:
        """The pages for finding and comparing charters, and the catalogue the compare page reads."""
        for planned in finder.plan():
            self.add(files, config, planned.uri, Generated("find", planned=planned))
        catalogue = dumps(finder.catalogue_data(_catalogue_href(finder, files)))
        files.append(self.preview.content_file(config, finder.catalogue_path(), catalogue))

    def add_gallery(
        self, files: Files, config: MkDocsConfig, icons: IconSet, store: BytesStore | None
    ) -> Gallery | None:
        """The picture gallery's pages (only its first with ``CHARTERKIT_PICTURES=0``)."""
        # CHARTERKIT_PICTURES=0 keeps only the gallery's first page: its thousands of pictures
        # double the time of a build, which tests of other things need not spend.
        gallery = None if os.environ.get("CHARTERKIT_PICTURES") == "0" else load_gallery(icons, store)
        self.add(files, config, "pictures/index.md", Generated("pictures-index"))
        for page in gallery.pages if gallery else ():
            self.add(files, config, page.uri, Generated("pictures", gallery=page))
        return gallery

    def add_credit_pages(self, files: Files, config: MkDocsConfig, charters: Sequence[LoadedCharter]) -> None:
        """The credits page lists the first charters; with many, the rest follow on pages of their own."""
        credits = files.get_file_from_path(CREDITS_URI)
        if credits is None or MARKER.format("credits") not in credits.content_string:
            return
        pages = credit_pages(charters)
        for number, chunk in enumerate(pages[1:], start=2):
            # Like a list's pages: rebuilt in the preview when a charter on it changed, or it shows others.
            showing = (*(c.slug for c in chunk), f"page {number} of {len(pages)}, {len(charters)} in all")
            self.add(files, config, credit_page_uri(number), Generated("credits", number=number), showing)

    def add_easy_read_index(self, files: Files, config: MkDocsConfig, count: int) -> None:
        """The "Easy read" page, at the top of the site, beside the home page (mkdocs.yml nav: "Easy
        read"), and its further pages for a site of more charters than one page holds."""
        for number in range(1, easy_read_index_pages(count) + 1):
            self.add(files, config, easy_read_index_uri(number), Generated("easy-read-index", number=number))

    def add_schema(self, files: Files, config: MkDocsConfig, store: BytesStore | None) -> None:
        # Made from charterkit's code alone, which every kept result's key holds.
        memo: Memo[str] = Memo("charter-schema", store)
        schema = memo.get(key := memo.key())
        if schema is None:
            schema = json.dumps(charter_schema(), indent=2, ensure_ascii=False) + "\n"
            memo.put(key, schema)
        files.append(self.preview.content_file(config, "schema/charter.schema.json", schema))

    def add_open_data(
        self,
        files: Files,
        config: MkDocsConfig,
        charters: Sequence[LoadedCharter],
        pdf_links: Mapping[str, Sequence[Link]],
        base: str,
        store: BytesStore | None,
    ) -> None:
        """The open data (:func:`charterkit.opendata.assemble.open_data_files`), under ``data/``."""
        made = open_data_files(
            charters,
            pdf_links,
            site_url=config.site_url or "",
            base=base,
            site_name=config.site_name,
            store=store,
        )
        for data in made:
            self.add_data(files, config, data.name, data.what, data.content)

    def add_data(self, files: Files, config: MkDocsConfig, name: str, what: str, content: str) -> None:
        """One open data file, under ``data/``; ``what`` it holds ("" for a file not listed)."""
        path = f"{OPEN_DATA}/{name}"
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"charterkit: docs/{path} clashes with the open data. Remove or rename that file."
            )
        files.append(self.preview.content_file(config, path, content))
        if what:
            self.open_data.append((path, what, len(content.encode("utf-8"))))


SHOWS_CHARTERS = ("all", "facet-value", "theme", "matrix")
"""Kinds of find pages that show a page of charters and nothing from the others."""


def _showing(gen: Generated) -> tuple[str, ...] | None:
    """What a page of a list shows, for the preview: its charters, and where it is in the list (its
    pager links to the others); None for pages that show something of every charter."""
    planned = gen.planned
    if planned is None or planned.paged is None or planned.kind not in SHOWS_CHARTERS:
        return None
    pg = planned.paged
    return (*(entry.slug for entry in pg.items), f"page {pg.number} of {pg.count}, {pg.total} in all")


def _catalogue_href(finder: Finder, files: Files) -> Callable[[str], str]:
    folder = posixpath.dirname(finder.catalogue_path())

    def href(uri: str) -> str:
        target = files.get_file_from_path(uri)
        url = target.url if target else uri
        rel = posixpath.relpath(url.rstrip("/") or ".", folder)
        return rel + "/" if url.endswith("/") else rel

    return href
