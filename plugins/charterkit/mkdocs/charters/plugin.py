"""``charterkit/charters``: turn ``charters/*.yml`` into pages.

Adds a page per charter (``/charters/<slug>/``), an easy-read page where a charter has one, the pages for
finding and comparing charters (all, by sector, by area, by year, with easy read, the themes and a page per
theme, the themes matrix, compare: planned by ``charterkit.render.find``), the open data
(``charterkit.opendata``) and the JSON Schema, and fills the markers that site pages may hold:
``<!-- charterkit:charter-list -->``, ``<!-- charterkit:themes -->``, ``<!-- charterkit:icon-sets -->``,
``<!-- charterkit:credits -->``, ``<!-- charterkit:open-data -->``. Navigation never lists every charter
and every list is paged, so build time and page size grow linearly with the number of charters.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from charterkit.errors import CharterError
from charterkit.format.icons import IconSet, load_icon_set
from charterkit.format.schema import charter_schema
from charterkit.links import charters_folder_problem, published_link_problems
from charterkit.load.check import Report, check_project
from charterkit.load.loader import LoadedCharter
from charterkit.load.project import Project
from charterkit.memo import BytesStore, FolderStore
from charterkit.mkdocs._common import config_file, jinja_env, project_root
from charterkit.mkdocs.charters.config import ChartersConfig
from charterkit.mkdocs.charters.preview import Preview, page_file
from charterkit.mkdocs.output import AtomicOutput
from charterkit.mkdocs.readability.config import ReadabilityConfig, targets_of
from charterkit.mkdocs.toc import toc_from
from charterkit.opendata.assemble import OPEN_DATA, open_data_files
from charterkit.opendata.records import dumps
from charterkit.output import OutputUnusable
from charterkit.render.credits import CREDITS_URI, credit_page_uri, credit_pages
from charterkit.render.find import Finder
from charterkit.render.gallery import GalleryPage, gallery_pages
from charterkit.render.generated import EASY_READ_INDEX, Generated, SiteText, page_title, render_generated
from charterkit.render.jinja import bytecode_cache
from charterkit.render.markers import MARKER, fill_markers
from charterkit.render.pagelinks import edit_url, own_pictures, page_links
from charterkit.render.pages import (
    Link,
    PageLinks,
    ReadabilityNote,
    Rendered,
    colour_pictures,
    shared_picture_uri,
)

__all__ = ["ChartersPlugin"]

log = logging.getLogger("mkdocs.plugins.charterkit.charters")


class ChartersPlugin(BasePlugin[ChartersConfig]):
    """Reads and checks the charters, then adds their pages to the site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.charters: list[LoadedCharter] = []
        self.by_slug: dict[str, LoadedCharter] = {}
        self.icons: IconSet | None = None
        self.report = Report()
        """The build's check of every charter (:func:`charterkit.load.check.check_project`)."""
        self.env: Environment | None = None
        self.generated: dict[str, Generated] = {}
        self.pdf_links: dict[str, list[Link]] = {}
        """Filled by ``charterkit/pdf``: the PDFs of each charter."""
        self.file_links: dict[str, list[Link]] = {}
        """Filled by ``charterkit/formats``: the other files of each charter (Word, EPUB, braille...)."""
        self.readability: dict[str, ReadabilityNote] = {}
        """Filled by ``charterkit/readability``: each charter's reading-age summary."""
        self.report_uri: str | None = None
        """Set by ``charterkit/readability``: the report page, for links from charter pages."""
        self.finder: Finder | None = None
        self.open_data: list[tuple[str, str, int]] = []
        """The open data files: site path, what each holds, size in bytes."""
        self.picture_pages: list[GalleryPage] = []
        """The picture gallery's pages (:func:`charterkit.render.gallery.gallery_pages`)."""
        self.repo_url: str | None = None
        self.edit_uri: str | None = None
        self.report_for: dict[str, str] = {}
        """Set by ``charterkit/readability``: the page of the report each charter (by slug) is on."""
        self.store: BytesStore | None = None
        """Where each charter's results are kept between builds (``cache_dir``)."""
        self.preview = Preview()
        """What the last build wrote, so that ``mkdocs serve --dirty`` rebuilds only what changed."""

        self.command = "build"
        self.dirty = False
        self.output = AtomicOutput(log)
        """Builds the site beside the real one and swaps it in at the end (not under serve)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Having this hook keeps the plugin (and what it learnt) across the builds of ``mkdocs serve``.
        self.preview.dirty = dirty
        self.command, self.dirty = command, dirty

    # Validation runs first of all (high priority) and before MkDocs cleans or writes anything, so a
    # broken charter stops the build with the old site untouched.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = project_root(config)
        folder = root / self.config.charters_dir
        problem = charters_folder_problem(root, self.config.charters_dir)
        if problem:
            raise PluginError(f"charterkit: {problem}")
        custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        links_out = published_link_problems(Path(config.docs_dir), custom, root)
        if links_out:
            raise PluginError("charterkit: " + "\ncharterkit: ".join(links_out))
        self.icons = load_icon_set()
        readability = config.plugins.get("charterkit/readability")
        project = Project(
            root=root,
            config_file=config_file(config),
            charters_dir=folder,
            targets=targets_of(readability.config)
            if readability is not None and isinstance(readability.config, ReadabilityConfig)
            else None,
            missing_easy_read=self.config.missing_easy_read,
        )
        self.store = FolderStore(root / self.config.cache_dir) if self.config.cache_dir else None
        # The same check as charterkit check; the PDFs report letters their fonts lack themselves.
        self.report = check_project(
            project, icons=self.icons, glyphs=False, store=self.store, workers=self.config.workers
        )
        if self.report.errors:
            raise PluginError("\n" + CharterError(self.report.errors).report())
        self.charters = self.report.charters
        self.by_slug = {c.slug: c for c in self.charters}
        self.repo_url, self.edit_uri = config.repo_url, config.edit_uri
        self.preview.begin(config, repr(sorted(self.config.items())), self.by_slug)
        self.env = jinja_env(config, self.icons)
        # Last in this hook, after the charters are known to be good, and at priority 100 so that every
        # other plugin's on_config sees the new folder: the whole site is written beside the real one.
        self.output.start(config, self.command, self.dirty)
        return config

    # The very last step of a build, after every other plugin's on_post_build (search writes its index,
    # charterkit/readability its report): only a complete site is swapped in.
    @event_priority(-100)
    def _swap_in(self, *, config: MkDocsConfig) -> None:
        try:
            self.output.finish(config)
        except OutputUnusable as exc:
            raise PluginError(f"charterkit: {exc}") from None

    # Last, so other plugins clean up first; a fault of the machine then stops the build with a plain
    # message (MkDocs would print a traceback), and the previous site is kept.
    @event_priority(-100)
    def on_build_error(self, *, error: Exception) -> None:
        self.output.fail(error, self.command)

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[[], None]
    ) -> None:
        # The charters live outside docs/, so the preview must be told to rebuild when one changes.
        root = project_root(config)
        server.watch(str(root / self.config.charters_dir))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        base = self.config.url.strip("/")
        self.generated.clear()
        for item in self.charters:
            self._add(files, config, f"{base}/{item.slug}/index.md", Generated("charter", item.slug))
            if item.charter.easy_read:
                self._add(
                    files, config, f"{base}/{item.slug}/easy-read.md", Generated("easy-read", item.slug)
                )
                # The council's own pictures (checked when the charter was read) go beside its pages.
                for picture in own_pictures(item):
                    uri = f"{base}/{item.slug}/{picture}"
                    if files.get_file_from_path(uri) is None:
                        source = (item.path.parent / picture).read_bytes()
                        files.append(File.generated(config, uri, content=source))
        self._add_colour_pictures(files, config)
        for problem in self.report.warnings:
            if problem not in self.report.targets:  # charterkit/readability logs those, under its name
                log.warning(str(problem))
        self.finder = Finder(self.charters, base)
        for planned in self.finder.plan():
            self._add(files, config, planned.uri, Generated("find", planned=planned))
        files.append(
            File.generated(
                config,
                self.finder.catalogue_path(),
                content=dumps(self.finder.catalogue_data(self._from_catalogue(files))),
            )
        )
        self.preview.refresh_marked_pages(files)
        if self.config.pictures and self.icons is not None:
            # CHARTERKIT_PICTURES=0 keeps only the gallery's first page: its thousands of pictures
            # double the time of a build, which tests of other things need not spend.
            off = os.environ.get("CHARTERKIT_PICTURES") == "0"
            self.picture_pages = [] if off else gallery_pages(self.icons)
            self._add(files, config, "pictures/index.md", Generated("pictures-index"))
            for gallery in self.picture_pages:
                self._add(files, config, gallery.uri, Generated("pictures", gallery=gallery))
        self._add_credit_pages(files, config)
        # The "Easy read" page, at the top of the site, beside the home page (mkdocs.yml nav: "Easy read").
        self._add(files, config, EASY_READ_INDEX, Generated("easy-read-index"))
        if self.config.schema:
            schema = json.dumps(charter_schema(), indent=2, ensure_ascii=False) + "\n"
            files.append(File.generated(config, "schema/charter.schema.json", content=schema))
        return files

    def _add_credit_pages(self, files: Files, config: MkDocsConfig) -> None:
        # The credits page lists the first charters; with many, the rest follow on pages of their own.
        credits = files.get_file_from_path(CREDITS_URI)
        if credits is None or MARKER.format("credits") not in credits.content_string:
            return
        for number in range(2, len(credit_pages(self.charters)) + 1):
            self._add(files, config, credit_page_uri(number), Generated("credits", number=number))

    def _add_colour_pictures(self, files: Files, config: MkDocsConfig) -> None:
        # Each colour picture the charters use, written once for every easy-read page that shows it.
        if self.icons is None:
            return
        for name in sorted({p for item in self.charters for p in colour_pictures(item)}):
            uri = shared_picture_uri(name)
            if name in self.icons and files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=self.icons.svg(name)))

    def _from_catalogue(self, files: Files) -> Callable[[str], str]:
        assert self.finder is not None
        folder = posixpath.dirname(self.finder.catalogue_path())

        def href(uri: str) -> str:
            target = files.get_file_from_path(uri)
            url = target.url if target else uri
            rel = posixpath.relpath(url.rstrip("/") or ".", folder)
            return rel + "/" if url.endswith("/") else rel

        return href

    # After charterkit/pdf's on_files (priority -10): the open data lists each charter's PDFs. Pages are
    # rendered later, so the downloads page can link these files.
    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.open_data = []
        if not self.config.open_data:
            return nav
        made = open_data_files(
            self.charters,
            self.pdf_links,
            site_url=config.site_url or "",
            base=self.config.url.strip("/"),
            site_name=config.site_name,
        )
        for data in made:
            self._add_data(files, config, data.name, data.what, data.content)
        return nav

    def _add_data(self, files: Files, config: MkDocsConfig, name: str, what: str, content: str) -> None:
        path = f"{OPEN_DATA}/{name}"
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"charterkit: docs/{path} clashes with the open data. Remove or rename that file."
            )
        files.append(File.generated(config, path, content=content))
        if what:
            self.open_data.append((path, what, len(content.encode("utf-8"))))

    def _add(self, files: Files, config: MkDocsConfig, uri: str, gen: Generated) -> None:
        if files.get_file_from_path(uri) is not None:
            # The site's own docs provide this page (a council may write its own index): keep theirs.
            if gen.own_page:
                raise PluginError(
                    f"charterkit: docs/{uri} clashes with the page of charter '{gen.slug}'. "
                    "Remove or rename that file."
                )
            return
        # Charter pages are reached through index pages, never listed in the nav (see module docstring).
        inclusion = InclusionLevel.UNDEFINED if gen.in_nav else InclusionLevel.NOT_IN_NAV
        fresh = self.preview.charter_fresh(gen.slug) if gen.own_page else self.preview.any_change
        made = page_file(config, uri, fresh=fresh, inclusion=inclusion)
        files.append(made)
        self.preview.add(made)
        self.generated[uri] = gen

    def generated_page(
        self,
        files: Files,
        config: MkDocsConfig,
        uri: str,
        *,
        in_nav: bool = True,
        showing: tuple[str, ...] | None = None,
    ) -> None:
        """Add a page another charterkit plugin makes from charters (the readability report):
        ``showing`` the slugs of those it shows, or None for every charter."""
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        fresh = self.preview.any_change if showing is None else self.preview.showing_fresh(uri, showing)
        made = page_file(config, uri, fresh=fresh, inclusion=inclusion)
        files.append(made)
        self.preview.add(made)

    # First, so that every template the theme renders (each page, 404, sitemap) is loaded compiled.
    @event_priority(100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if env.bytecode_cache is None:
            env.bytecode_cache = bytecode_cache()
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        self.preview.rendered.add(page.url)
        return context

    # Before Material's search (priority 0), which writes the index this merges.
    @event_priority(50)
    def _finish_preview(self, *, config: MkDocsConfig) -> None:
        self.preview.finish(config, self.by_slug)

    # Two steps at two priorities: the preview's bookkeeping early, the swap of the new site last of all.
    on_post_build = CombinedEvent(_finish_preview, _swap_in)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        gen = self.generated.get(page.file.src_uri)
        if gen is None:
            return markdown
        shown = page_title(gen, self.by_slug)
        if shown.calm:
            # Easy read is one calm column: no menus beside the words (GUIDE.md, "Easy read").
            page.meta.setdefault("hide", ["navigation", "toc"])
        if not shown.searched:
            page.meta["search"] = {"exclude": True}
        # MkDocs themes treat page titles as HTML: escape so a charter title is always shown as text.
        page.meta["title"] = str(escape(shown.title))
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        gen = self.generated.get(page.file.src_uri)
        if gen is not None:
            rendered = self._render(gen, page, files)
            page.toc = toc_from(rendered.outline, rendered.html)
            return rendered.html
        return self._fill_markers(html, page, files)

    # -- rendering ---------------------------------------------------------------------------------

    def _href(self, page: Page, files: Files, uri: str) -> str:
        target = files.get_file_from_path(uri)
        return target.url_relative_to(page.file) if target else ""

    def links_for(self, page: Page, files: Files, item: LoadedCharter) -> PageLinks:
        assert self.finder is not None
        return page_links(
            item,
            lambda uri: self._href(page, files, uri),
            finder=self.finder,
            base=self.config.url.strip("/"),
            page_dest=page.file.dest_uri,
            pdfs=self.pdf_links.get(item.slug, []),
            files=self.file_links.get(item.slug, []),
            report_uri=self.report_uri,
            report_for=self.report_for,
            edit=self.edit_url(item),
        )

    def edit_url(self, item: LoadedCharter) -> str:
        """Where to edit ``item``'s file on GitHub (option ``edit_url``, else ``repo_url``), or ""."""
        return edit_url(self.config.edit_url, item, self.repo_url, self.edit_uri)

    def _render(self, gen: Generated, page: Page, files: Files) -> Rendered:
        assert self.env is not None and self.finder is not None
        site = SiteText(
            env=self.env,
            charters=self.charters,
            by_slug=self.by_slug,
            base=self.config.url.strip("/"),
            lang=self.config.language,
            contact=self.config.contact,
            formats=self.config.other_formats,
            finder=self.finder,
            icons=self.icons,
            picture_pages=self.picture_pages,
            readability=self.readability,
        )
        return render_generated(
            site,
            gen,
            lambda uri: self._href(page, files, uri),
            lambda item: self.links_for(page, files, item),
        )

    def _fill_markers(self, html: str, page: Page, files: Files) -> str:
        if "<!-- charterkit:" not in html:
            return html
        assert self.env is not None
        return fill_markers(
            self.env,
            html,
            self.charters,
            lambda uri: self._href(page, files, uri),
            base=self.config.url.strip("/"),
            list_size=self.config.list_size,
            open_data=self.open_data,
        )
