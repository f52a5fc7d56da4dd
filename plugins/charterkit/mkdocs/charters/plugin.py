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

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from charterkit.errors import CharterError
from charterkit.format.icons import IconSet, load_icon_set
from charterkit.links import charters_folder_problem, published_link_problems
from charterkit.load.check import Report, check_project
from charterkit.load.loader import LoadedCharter
from charterkit.load.project import Project
from charterkit.memo import BytesStore, KeptDatabase, set_aside
from charterkit.mkdocs._common import config_file, jinja_env, project_root
from charterkit.mkdocs.charters.config import ChartersConfig
from charterkit.mkdocs.charters.helper import can_help
from charterkit.mkdocs.charters.kept_pages import add_kept_pages, drawn_elsewhere
from charterkit.mkdocs.charters.preview import Preview
from charterkit.mkdocs.charters.rendering import PageMaker
from charterkit.mkdocs.charters.shell import OncePerBuild
from charterkit.mkdocs.charters.site_files import SitePlan
from charterkit.mkdocs.output import AtomicOutput
from charterkit.mkdocs.readability.config import ReadabilityConfig, targets_of
from charterkit.mkdocs.theme_files import skip_hidden_folders
from charterkit.mkdocs.toc import toc_from
from charterkit.output import OutputUnusable
from charterkit.render.find import Finder
from charterkit.render.gallery import Gallery
from charterkit.render.generated import page_title
from charterkit.render.jinja import bytecode_cache
from charterkit.render.pages import Link, ReadabilityNote

if TYPE_CHECKING:  # the preview's server: a build need not import it (0.02 s)
    from mkdocs.livereload import LiveReloadServer

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
        self.pdf_links: dict[str, list[Link]] = {}
        """Filled by ``charterkit/pdf``: the PDFs of each charter."""
        self.file_links: dict[str, list[Link]] = {}
        """Filled by ``charterkit/formats``: the other files of each charter (Word, EPUB, braille...)."""
        self.readability: dict[str, ReadabilityNote] = {}
        """Filled by ``charterkit/readability``: each charter's reading-age summary."""
        self.report_uri: str | None = None
        """Set by ``charterkit/readability``: the report page, for links from charter pages."""
        self.finder: Finder | None = None
        self.gallery: Gallery | None = None
        """The picture gallery (:func:`charterkit.render.gallery.load_gallery`), when it is built."""
        self.repo_url: str | None = None
        self.edit_uri: str | None = None
        self.report_for: dict[str, str] = {}
        """Set by ``charterkit/readability``: the page of the report each charter (by slug) is on."""
        self.store: BytesStore | None = None
        """Where each charter's results are kept between builds (``cache_dir``)."""
        self.preview = Preview()
        """What the last build wrote, so that ``mkdocs serve --dirty`` rebuilds only what changed."""
        self.plan = SitePlan(self.preview)
        """The pages and files this build adds (``site_files``)."""
        self.maker: PageMaker | None = None
        """Renders the pages (``rendering``), once every plugin has added its links."""

        self.command = "build"
        self.dirty = False
        self.output = AtomicOutput(log)
        """Builds the site beside the real one and swaps it in at the end (not under serve)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Having this hook keeps the plugin (and what it learnt) across the builds of ``mkdocs serve``.
        self.preview.dirty = dirty
        self.command, self.dirty = command, dirty

    # First of all, before MkDocs cleans or writes anything: a broken charter leaves the old site as it was.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.preview.rebuilding()
        root = project_root(config)
        problem = charters_folder_problem(root, self.config.charters_dir)
        if problem:
            raise PluginError(f"charterkit: {problem}")
        custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        links_out = published_link_problems(Path(config.docs_dir), custom, root)
        if links_out:
            raise PluginError("charterkit: " + "\ncharterkit: ".join(links_out))
        skip_hidden_folders(config.theme)  # MkDocs lists the theme's files without Material's 14,000 icons
        self.icons = load_icon_set()
        readability = config.plugins.get("charterkit/readability")
        project = Project(
            root=root,
            config_file=config_file(config),
            charters_dir=root / self.config.charters_dir,
            targets=targets_of(readability.config)
            if readability is not None and isinstance(readability.config, ReadabilityConfig)
            else None,
            missing_easy_read=self.config.missing_easy_read,
        )
        self.store = KeptDatabase(root / self.config.cache_dir) if self.config.cache_dir else None
        add_kept_pages(  # whole pages kept between builds, and drawn by a helper process
            config,
            self.store,
            lambda uri: uri in self.plan.generated,
            lambda: self.command != "serve" and not self.dirty and can_help(self.config.workers),
        )
        # The same check as charterkit check; the PDFs report letters their fonts lack themselves.
        self.report = check_project(
            project, icons=self.icons, glyphs=False, store=self.store, workers=self.config.workers
        )
        if self.report.errors:
            raise PluginError("\n" + CharterError(self.report.errors).report())
        self.charters = self.report.charters
        if self.command != "serve":  # the preview sets aside what its first build left (preview.py)
            set_aside()
        self.by_slug = {c.slug: c for c in self.charters}
        self.repo_url, self.edit_uri = config.repo_url, config.edit_uri
        self.preview.begin(config, repr(sorted(self.config.items())), self.by_slug)
        self.env = jinja_env(config, self.icons)
        # Last in this hook, after the charters are known to be good, and at priority 100 so that every
        # other plugin's on_config sees the new folder: the whole site is written beside the real one.
        self.output.start(config, self.command, self.dirty)
        return config

    # The last step of a build, after every other plugin's on_post_build: only a whole site is swapped in.
    @event_priority(-100)
    def _swap_in(self, *, config: MkDocsConfig) -> None:
        if isinstance(self.store, KeptDatabase):
            self.store.flush()  # kept results written at once, in one transaction
        try:
            self.output.finish(config)
        except OutputUnusable as exc:
            raise PluginError(f"charterkit: {exc}") from None

    # Last, after other plugins clean up: a fault of the machine stops the build with a plain message.
    @event_priority(-100)
    def on_build_error(self, *, error: Exception) -> None:
        self.output.fail(error, self.command)

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[[], None]
    ) -> None:
        from charterkit.mkdocs.charters.watching import watch_for_preview  # the preview only

        charters = project_root(config) / self.config.charters_dir
        watch_for_preview(server, charters, instant=self.config.instant_preview)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        base = self.config.url.strip("/")
        plan = self.plan
        plan.begin()
        plan.add_charters(files, config, self.charters, base)
        plan.add_colour_pictures(files, config, self.charters, self.icons)
        for problem in self.report.warnings:
            if problem not in self.report.targets:  # charterkit/readability logs those, under its name
                log.warning(str(problem))
        # The last build's plan (mkdocs serve): its work on the charters that did not change is reused.
        self.finder = Finder(self.charters, base, previous=self.finder)
        plan.add_find_pages(files, config, self.finder)
        self.preview.refresh_marked_pages(files)
        self.gallery = None
        if self.config.pictures and self.icons is not None:
            self.gallery = plan.add_gallery(files, config, self.icons, self.store)
        plan.add_credit_pages(files, config, self.charters)
        plan.add_easy_read_index(files, config, len(self.charters))
        if self.config.schema:
            plan.add_schema(files, config, self.store)
        return files

    # After charterkit/pdf's on_files (priority -10), so the open data lists each charter's PDFs.
    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.config.open_data:
            base = self.config.url.strip("/")
            self.plan.add_open_data(files, config, self.charters, self.pdf_links, base, self.store)
        self._page_maker()
        self.output.prepare(files)
        return nav

    def _page_maker(self) -> None:
        # Every plugin has added its files and links by now (PDFs, other formats, the report).
        assert self.env is not None and self.finder is not None
        self.maker = PageMaker(
            env=self.env,
            charters=self.charters,
            by_slug=self.by_slug,
            finder=self.finder,
            base=self.config.url.strip("/"),
            lang=self.config.language,
            contact=self.config.contact,
            formats=self.config.other_formats,
            icons=self.icons,
            edit_pattern=self.config.edit_url,
            repo_url=self.repo_url,
            edit_uri=self.edit_uri,
            list_size=self.config.list_size,
            gallery=self.gallery,
            open_data=self.plan.open_data,
            pdf_links=self.pdf_links,
            file_links=self.file_links,
            readability=self.readability,
            report_uri=self.report_uri,
            report_for=self.report_for,
            store=self.store,
            keep_lists=self.command != "serve",
        )

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
        self.plan.add_other(files, config, uri, in_nav=in_nav, showing=showing)

    # First, so that every template the theme renders (each page, 404, sitemap) is loaded compiled.
    @event_priority(100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if env.bytecode_cache is None:
            env.bytecode_cache = bytecode_cache()
        env.globals["ck_once"] = OncePerBuild()
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        self.preview.rendered.add(page.url)
        return context

    @event_priority(10_000)  # first: no plugin sees what the spare kept that this build did not write
    def _sweep(self, *, config: MkDocsConfig) -> None:
        self.output.sweep()

    @event_priority(50)  # before search (priority 0), whose entries the preview merges
    def _finish_preview(self, *, config: MkDocsConfig) -> None:
        self.preview.finish(config, self.by_slug)

    on_post_build = CombinedEvent(_sweep, _finish_preview, _swap_in)  # the swap of the new site: last

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        gen = self.plan.generated.get(page.file.src_uri)
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
        assert self.maker is not None
        gen = self.plan.generated.get(page.file.src_uri)
        if gen is not None and drawn_elsewhere(config, page):
            return ""  # read and drawn by the helper process (charters/helper.py)
        if gen is not None:
            rendered = self.maker.render(gen, page, files)
            page.toc = toc_from(rendered.outline, rendered.html)
            return rendered.html
        return self.maker.fill_markers(html, page, files)
