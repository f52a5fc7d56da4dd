"""The bodies of the pages ``charterkit/charters`` makes, and the markers of the site's own pages, for one
MkDocs page: links are made relative to it through the build's files.

A charter's page, its easy-read page and a page of the picture gallery are each kept (:mod:`charterkit.memo`)
under everything they are made from: the charter's file (:attr:`LoadedCharter.source`), its links from the
page, its readability line, the site's settings for charters, the page's address and the templates. A
build in which none of those changed (a warm build) takes the body from there instead of drawing it again.

A page about many charters (a list, a theme, the matrix, the "Easy read" page, the gallery's first page) is
kept under every charter's file, the site's files and their addresses (its links), the settings, the
page's place in its list, its address and the templates: so it is kept only when no charter changed. The
preview draws these each time: an edit changes them all, and it would keep every version in memory."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from jinja2 import Environment
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from charterkit.format.icons import IconSet
from charterkit.load.loader import LoadedCharter
from charterkit.memo import BytesStore, Memo, memo_key
from charterkit.mkdocs._common import files_fingerprint, site_href
from charterkit.render.find import Finder
from charterkit.render.gallery import Gallery
from charterkit.render.generated import Generated, SiteText, render_generated
from charterkit.render.jinja import templates_fingerprint
from charterkit.render.markers import fill_markers
from charterkit.render.pagelinks import edit_url, page_links
from charterkit.render.pages import Link, PageLinks, ReadabilityNote, Rendered

__all__ = ["PageMaker"]


@dataclass
class PageMaker:
    """What rendering needs from the build: the charters, the templates, and what other plugins add."""

    env: Environment
    charters: Sequence[LoadedCharter]
    by_slug: dict[str, LoadedCharter]
    finder: Finder
    base: str
    lang: str
    contact: str
    formats: Sequence[str] | None
    icons: IconSet | None
    edit_pattern: str
    repo_url: str | None
    edit_uri: str | None
    list_size: int
    gallery: Gallery | None = None
    open_data: Sequence[tuple[str, str, int]] = ()
    pdf_links: dict[str, list[Link]] = field(default_factory=dict)
    file_links: dict[str, list[Link]] = field(default_factory=dict)
    readability: dict[str, ReadabilityNote] = field(default_factory=dict)
    report_uri: str | None = None
    report_for: dict[str, str] = field(default_factory=dict)
    store: BytesStore | None = None
    """Where page bodies are kept between builds (the plugin's cache), or None."""
    keep_lists: bool = True
    """Whether pages about many charters are kept too (not in the preview)."""
    _templates: str = ""
    _site: str | None = None
    _bodies: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Each page's body as given (by address) and the key it is kept under: :meth:`body_key`."""

    def href(self, page: Page, files: Files, uri: str) -> str:
        """``uri`` (a source path) as a link from ``page``, or "" when the site has no such file."""
        return site_href(files, uri, page.file)

    def edit_url(self, item: LoadedCharter) -> str:
        """Where to edit ``item``'s file on GitHub (option ``edit_url``, else ``repo_url``), or ""."""
        return edit_url(self.edit_pattern, item, self.repo_url, self.edit_uri)

    def links_for(self, page: Page, files: Files, item: LoadedCharter) -> PageLinks:
        """``item``'s links (its other version, files, report, themes...) from ``page``."""
        return page_links(
            item,
            lambda uri: self.href(page, files, uri),
            finder=self.finder,
            base=self.base,
            page_dest=page.file.dest_uri,
            pdfs=self.pdf_links.get(item.slug, []),
            files=self.file_links.get(item.slug, []),
            report_uri=self.report_uri,
            report_for=self.report_for,
            edit=self.edit_url(item),
        )

    def render(self, gen: Generated, page: Page, files: Files) -> Rendered:
        """The body of the generated page ``gen``, shown at ``page`` (kept, for a charter's own pages and
        the picture gallery)."""
        item = self.by_slug.get(gen.slug) if gen.own_page else None
        links = self.links_for(page, files, item) if item is not None else None
        key = self._key(gen, page, files, item, links)
        memo: Memo[Rendered] = Memo("page", self.store)
        kept = memo.get(key) if key else None
        if kept is not None:
            self._bodies[page.url] = (kept.html, key)
            return kept
        site = SiteText(
            env=self.env,
            charters=self.charters,
            by_slug=self.by_slug,
            base=self.base,
            lang=self.lang,
            contact=self.contact,
            formats=self.formats,
            finder=self.finder,
            icons=self.icons,
            gallery=self.gallery,
            readability=self.readability,
        )
        rendered = render_generated(
            site,
            gen,
            lambda uri: self.href(page, files, uri),
            lambda other: (
                links if links is not None and other is item else self.links_for(page, files, other)
            ),
        )
        if key:
            memo.put(key, rendered)
            self._bodies[page.url] = (rendered.html, key)
        return rendered

    def body_key(self, page: Page, html: str) -> str | None:
        """The key ``page``'s body is kept under, when ``html`` is that very body (no plugin changed it
        since): the whole page's key is then made from it, not from hashing the body again."""
        given = self._bodies.pop(page.url, None)
        return given[1] if given is not None and given[0] is html else None

    def _key(
        self, gen: Generated, page: Page, files: Files, item: LoadedCharter | None, links: PageLinks | None
    ) -> str:
        """The key a page's body is kept under: everything it is made from; "" for a page not kept."""
        if item is not None and item.source:
            made_from = [
                item.source,
                item.slug,
                item.display_path,
                repr(links),
                repr(self.readability.get(item.slug) if gen.kind == "charter" else None),
                repr((self.lang, self.contact, self.formats)),
            ]
        elif gen.kind == "pictures" and gen.gallery is not None and self.gallery is not None:
            # A page links to the others of the gallery, and shows its pictures.
            pages = repr([(other.letter, other.number, other.count) for other in self.gallery.pages])
            made_from = [repr(gen.gallery), pages]  # its pictures by their hash (GalleryPage.shown)
        elif self.keep_lists and not gen.own_page and gen.kind != "pictures" and self._site_made_from(files):
            made_from = [self._site_made_from(files), _place(gen), *self._gallery_made_from(gen)]
        else:
            return ""
        if not self._templates:
            self._templates = templates_fingerprint(self.env)
        return memo_key("page", gen.kind, page.url, self._templates, *made_from)

    def _site_made_from(self, files: Files) -> str:
        """What a page about many charters is made from, besides its place (once a build): each charter's
        file, in the build's order; each of the site's files and its address; the settings and the
        charters' other links. "" when a charter was read without the cache (nothing to key it by)."""
        if self._site is None:
            self._site = ""
            if all(item.source for item in self.charters):
                h = hashlib.sha256()
                for item in self.charters:
                    h.update(f"{item.slug}\0{item.display_path}\0{item.source}\n".encode())
                h.update(files_fingerprint(files).encode())
                settings = (self.base, self.lang, self.contact, self.formats, self.list_size)
                h.update(
                    repr((settings, sorted(self.pdf_links.items()), sorted(self.file_links.items()))).encode()
                )
                self._site = h.hexdigest()
        return self._site

    def _gallery_made_from(self, gen: Generated) -> list[str]:
        """For the gallery's first page: the pictures it counts and the gallery's pages it links to."""
        if gen.kind != "pictures-index" or self.gallery is None:
            return []
        return [repr(self.gallery.pages)]  # every picture is on one of them, each page with its hash

    def fill_markers(self, html: str, page: Page, files: Files) -> str:
        """A site page's HTML with its ``<!-- charterkit:... -->`` markers filled."""
        if "<!-- charterkit:" not in html:
            return html
        return fill_markers(
            self.env,
            html,
            self.charters,
            lambda uri: self.href(page, files, uri),
            base=self.base,
            list_size=self.list_size,
            open_data=self.open_data,
        )


def _place(gen: Generated) -> str:
    """Which page about many charters ``gen`` is: its kind, number, and for a list, its place in it (what
    it shows follows from the charters and the settings, which the key holds)."""
    planned = gen.planned
    if planned is None:
        return repr((gen.kind, gen.number))
    paged = planned.paged
    where = (paged.number, paged.count, paged.total) if paged is not None else None
    return repr((gen.kind, planned.uri, planned.kind, planned.title, planned.search, where))
