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
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils.templates import TemplateContext

from charterkit.errors import CharterError
from charterkit.format.icons import ICON_SETS, IconSet, load_icon_set
from charterkit.format.pictures import is_picture_file
from charterkit.format.schema import charter_schema
from charterkit.format.themes import load_themes
from charterkit.links import link_problems
from charterkit.load.check import Report, check_project
from charterkit.load.loader import LoadedCharter
from charterkit.load.project import Project
from charterkit.memo import BytesStore, FolderStore
from charterkit.mkdocs._common import config_file, jinja_env, project_root
from charterkit.mkdocs.charters.config import ChartersConfig
from charterkit.mkdocs.charters.preview import Preview, page_file
from charterkit.mkdocs.output import AtomicOutput
from charterkit.mkdocs.readability.config import ReadabilityConfig, targets_of
from charterkit.opendata.feed import atom_feed
from charterkit.opendata.records import (
    TERMS,
    FormatLink,
    charter_record,
    collection_record,
    dumps,
    principles_csv,
)
from charterkit.opendata.schema import opendata_schema
from charterkit.output import OutputUnusable
from charterkit.render.find import Finder, Planned
from charterkit.render.jinja import bytecode_cache
from charterkit.render.pages import (
    RESERVED_IDS,
    Link,
    PageLinks,
    ReadabilityNote,
    Rendered,
    SimilarLink,
    picture_letters,
    render_charter,
    render_easy_read,
    render_easy_read_index,
    render_list,
    render_picture_index,
    render_picture_page,
    theme_uses,
)
from charterkit.render.views import Heading

log = logging.getLogger("mkdocs.plugins.charterkit.charters")

MARKER = "<!-- charterkit:{} -->"
EASY_READ_INDEX = "easy-read.md"
"""The page listing every charter in easy read, written in easy read."""

_IN_NAV = ("all", "facet-index", "themes-index", "matrix", "compare")
"""Kinds of find pages whose first page the site's nav may list (the others are reached from them)."""

OPEN_DATA = "data"
"""The folder of the open data, under the site's root."""

SEARCH_EXCLUDED = ("all", "facet-index", "facet-value")
"""Lists of charters are left out of the search index: every title and summary on them is found on the
charter's own page, and with hundreds of charters they would make the index that a reader's browser
downloads many times larger (and slow every rebuild of the preview)."""


@dataclass
class _Generated:
    kind: str  # charter, easy-read, easy-read-index, find
    slug: str = ""
    planned: Planned | None = None


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
        self.generated: dict[str, _Generated] = {}
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
        self.picture_pages: dict[str, list[str]] = {}
        """The picture gallery's pages: picture names by first letter."""
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
        # Charters come from pull requests; the folder they are read from must stay inside the project.
        if not folder.resolve().is_relative_to(root.resolve()):
            raise PluginError(
                f"charterkit: charters_dir ({self.config.charters_dir}) leads outside the project folder. "
                "Keep the charters in a folder next to mkdocs.yml, such as charters_dir: charters."
            )
        if not folder.is_dir():
            raise PluginError(
                f"charterkit: the charters folder {folder} does not exist. "
                f"Create it, or set charters_dir in mkdocs.yml."
            )
        self._refuse_links_out(config, root)
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

    @staticmethod
    def _refuse_links_out(config: MkDocsConfig, root: Path) -> None:
        """Stop before anything is built if a published folder links outside the project."""
        folders = [(Path(config.docs_dir), "docs")]
        if config.theme.custom_dir:
            custom = Path(config.theme.custom_dir)
            folders.append((custom, _shown(custom, root)))
        problems = [line for folder, label in folders for line in link_problems(folder, root, label)]
        if problems:
            raise PluginError("charterkit: " + "\ncharterkit: ".join(problems))

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
            self._add(files, config, f"{base}/{item.slug}/index.md", _Generated("charter", item.slug))
            if item.charter.easy_read:
                self._add(
                    files, config, f"{base}/{item.slug}/easy-read.md", _Generated("easy-read", item.slug)
                )
                # The council's own pictures (checked when the charter was read) go beside its pages.
                for picture in own_pictures(item):
                    uri = f"{base}/{item.slug}/{picture}"
                    if files.get_file_from_path(uri) is None:
                        source = (item.path.parent / picture).read_bytes()
                        files.append(File.generated(config, uri, content=source))
        for problem in self.report.warnings:
            if problem not in self.report.targets:  # charterkit/readability logs those, under its name
                log.warning(str(problem))
        self.finder = Finder(self.charters, base)
        for planned in self.finder.plan():
            self._add(files, config, planned.uri, _Generated("find", planned=planned))
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
            self.picture_pages = {} if off else picture_letters(self.icons)
            self._add(files, config, "pictures/index.md", _Generated("pictures-index"))
            for letter in self.picture_pages:
                self._add(files, config, f"pictures/{letter.lower()}.md", _Generated("pictures", letter))
        # The "Easy read" page, at the top of the site, beside the home page (mkdocs.yml nav: "Easy read").
        self._add(files, config, EASY_READ_INDEX, _Generated("easy-read-index"))
        if self.config.schema:
            schema = json.dumps(charter_schema(), indent=2, ensure_ascii=False) + "\n"
            files.append(File.generated(config, "schema/charter.schema.json", content=schema))
        return files

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
        site = (config.site_url or "").rstrip("/")
        prefix = f"{site}/" if site else ""
        base = self.config.url.strip("/")
        records = []
        for item in sorted(self.charters, key=lambda c: (c.charter.title.lower(), c.slug)):
            pdfs = [
                FormatLink("application/pdf", prefix + p.href, p.label)
                for p in self.pdf_links.get(item.slug, [])
            ]
            record = charter_record(
                item,
                page_url=f"{prefix}{base}/{item.slug}/",
                easy_read_url=f"{prefix}{base}/{item.slug}/easy-read/" if item.charter.easy_read else None,
                formats=pdfs,
                reserved=RESERVED_IDS,
            )
            records.append(record)
            self._add_data(files, config, f"charters/{item.slug}.json", "", dumps(record))
        self._add_data(
            files,
            config,
            "charters.json",
            "Every charter: its details, sections, principles with their themes, and links to its formats",
            dumps(collection_record(records, site_name=config.site_name)),
        )
        self._add_data(
            files,
            config,
            "principles.csv",
            "One row per principle: charter, organisation, area, sector, title, text, themes, address",
            principles_csv(records),
        )
        feed = atom_feed(
            records,
            title=config.site_name,
            feed_url=f"{prefix}{OPEN_DATA}/charters.atom",
            site_url=prefix or "../",
        )
        self._add_data(files, config, "charters.atom", "An Atom feed of the charters, newest first", feed)
        self._add_data(
            files,
            config,
            "charters.schema.json",
            "The JSON Schema that charters.json and each charter's file follow",
            dumps(opendata_schema()),
        )
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

    def _add(self, files: Files, config: MkDocsConfig, uri: str, gen: _Generated) -> None:
        if files.get_file_from_path(uri) is not None:
            # The site's own docs provide this page (a council may write its own index): keep theirs.
            if gen.kind in ("charter", "easy-read"):
                raise PluginError(
                    f"charterkit: docs/{uri} clashes with the page of charter '{gen.slug}'. "
                    "Remove or rename that file."
                )
            return
        # Charter pages are reached through index pages, never listed in the nav (see module docstring).
        own_page = gen.kind in ("charter", "easy-read")
        in_nav = (
            gen.planned is not None
            and gen.planned.kind in _IN_NAV
            and (gen.planned.paged is None or gen.planned.paged.number == 1)
        )
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        fresh = self.preview.charter_fresh(gen.slug) if own_page else self.preview.any_change
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
        if gen.kind == "easy-read-index":
            page.meta.setdefault("hide", ["navigation", "toc"])
        if gen.kind == "easy-read-index":
            title = "Easy read"
        elif gen.kind == "charter":
            title = self.by_slug[gen.slug].charter.title
        elif gen.kind == "pictures-index":
            title = "Pictures for easy read"
        elif gen.kind == "pictures":
            title = f"Pictures: {gen.slug}"
            # Thousands of inline pictures: the site's search index would double the build time for
            # names that "Find in page" finds on the page itself.
            page.meta["search"] = {"exclude": True}
        elif gen.kind == "easy-read":
            title = self.by_slug[gen.slug].charter.title + ": easy read"
            # Easy read is one calm column: no menus beside the words (GUIDE.md, "Easy read").
            page.meta.setdefault("hide", ["navigation", "toc"])
        else:
            assert gen.planned is not None
            title = gen.planned.title
            if not gen.planned.search or gen.planned.kind in SEARCH_EXCLUDED:
                # Lists repeat what the charter pages say: searching them would show each sentence twice.
                page.meta["search"] = {"exclude": True}
        # MkDocs themes treat page titles as HTML: escape so a charter title is always shown as text.
        page.meta["title"] = str(escape(title))
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

    def _charter_href(self, page: Page, files: Files, slug: str) -> str:
        return self._href(page, files, f"{self.config.url.strip('/')}/{slug}/index.md")

    def _easy_hrefs(self, page: Page, files: Files) -> dict[str, str]:
        """Each charter's easy-read page, relative to ``page``, for those that have one."""
        base = self.config.url.strip("/")
        return {
            c.slug: self._href(page, files, f"{base}/{c.slug}/easy-read.md")
            for c in self.charters
            if c.charter.easy_read
        }

    def links_for(self, page: Page, files: Files, item: LoadedCharter) -> PageLinks:
        base = self.config.url.strip("/")
        easy = f"{base}/{item.slug}/easy-read.md"
        pdfs = [
            Link(p.label, self._rel_to(page, p.href), p.details) for p in self.pdf_links.get(item.slug, [])
        ]
        others = [
            Link(p.label, self._rel_to(page, p.href), p.details) for p in self.file_links.get(item.slug, [])
        ]
        finder = self.finder
        assert finder is not None

        def href(uri: str) -> str:
            return self._href(page, files, uri)

        compare = href(finder.compare_uri())
        similar = [
            SimilarLink(
                s.entry.charter.title,
                href(finder.charter_uri(s.entry.slug)),
                [finder.themes[t].label for t in s.shared],
                f"{compare}?a={item.slug}&b={s.entry.slug}",
            )
            for s in finder.similar_to(item.slug)
        ]
        return PageLinks(
            standard=self._charter_href(page, files, item.slug),
            easy_read=self._href(page, files, easy) if item.charter.easy_read else None,
            report=self._href(page, files, self.report_for.get(item.slug, self.report_uri))
            if self.report_uri
            else "",
            themes=self._href(page, files, f"{base}/themes.md"),
            pdfs=pdfs,
            files=others,
            theme_hrefs=finder.theme_links(item.slug, href),
            similar=similar,
            compare=f"{compare}?a={item.slug}" if compare else "",
            pictures={p: self._href(page, files, f"{base}/{item.slug}/{p}") for p in own_pictures(item)},
            edit=self.edit_url(item),
        )

    def edit_url(self, item: LoadedCharter) -> str:
        """Where to edit ``item``'s file on GitHub (option ``edit_url``, else ``repo_url``), or ""."""
        pattern = self.config.edit_url
        if pattern.lower() == "none":
            return ""
        if not pattern:
            repo = (self.repo_url or "").rstrip("/")
            if not repo.startswith("https://github.com/"):
                return ""
            m = re.match(r"^(?:edit|blob)/([^/]+)/", self.edit_uri or "")
            pattern = f"{repo}/edit/{m.group(1) if m else 'main'}/{{path}}"
        return pattern.replace("{path}", quote(item.display_path))

    @staticmethod
    def _rel_to(page: Page, site_path: str) -> str:
        # PDFs are written straight to site_dir; ``site_path`` is relative to the site root.
        page_dir = posixpath.dirname(page.file.dest_uri)
        return posixpath.relpath(site_path, page_dir or ".")

    def _render(self, gen: _Generated, page: Page, files: Files) -> Rendered:
        assert self.env is not None
        lang, contact = self.config.language, self.config.contact
        if gen.kind == "charter":
            item = self.by_slug[gen.slug]
            return render_charter(
                self.env,
                item,
                self.links_for(page, files, item),
                readability=self.readability.get(gen.slug),
                site_lang=lang,
                site_contact=contact,
                site_formats=self.config.other_formats,
            )
        if gen.kind == "easy-read":
            item = self.by_slug[gen.slug]
            return render_easy_read(
                self.env,
                item,
                self.links_for(page, files, item),
                site_lang=lang,
                site_contact=contact,
                site_formats=self.config.other_formats,
            )
        if gen.kind in ("pictures-index", "pictures"):
            assert self.icons is not None
            pages: list[dict[str, Any]] = [
                {
                    "letter": letter,
                    "href": self._href(page, files, f"pictures/{letter.lower()}.md"),
                    "current": letter == gen.slug,
                }
                for letter in self.picture_pages
            ]
            if gen.kind == "pictures-index":
                return render_picture_index(self.env, self.icons, pages)
            index = self._href(page, files, "pictures/index.md")
            names = self.picture_pages[gen.slug]
            return render_picture_page(self.env, self.icons, gen.slug, names, pages, index)
        if gen.kind == "easy-read-index":
            hrefs = {c.slug: self._charter_href(page, files, c.slug) for c in self.charters}
            easy = self._easy_hrefs(page, files)
            return render_easy_read_index(self.env, [(c, hrefs[c.slug]) for c in self.charters], easy)
        assert gen.planned is not None and self.finder is not None
        return self.finder.render(self.env, gen.planned, lambda uri: self._href(page, files, uri))

    def _fill_markers(self, html: str, page: Page, files: Files) -> str:
        if "<!-- charterkit:" not in html:
            return html
        assert self.env is not None
        if MARKER.format("charter-list") in html:
            ordered = sorted(self.charters, key=lambda c: c.charter.title.lower())
            shown = ordered[: max(1, self.config.list_size)]
            listing = render_list(
                self.env,
                [(c, self._charter_href(page, files, c.slug)) for c in shown],
                3,
                self._easy_hrefs(page, files),
            )
            if len(shown) < len(ordered):
                # A site with hundreds of charters keeps a short page: the rest are on the index pages.
                index = self._href(page, files, f"{self.config.url.strip('/')}/index.md")
                listing += self.env.get_template("charterkit/more-charters.html").render(
                    href=index, shown=len(shown), total=len(ordered)
                )
            html = html.replace(MARKER.format("charter-list"), listing)
        if MARKER.format("open-data") in html:
            downloads = [
                {
                    "href": self._href(page, files, path),
                    "name": posixpath.basename(path),
                    "what": what,
                    "size": size,
                }
                for path, what, size in self.open_data
            ]
            html = html.replace(
                MARKER.format("open-data"),
                self.env.get_template("charterkit/open-data.html").render(
                    downloads=downloads,
                    terms=TERMS,
                    example=self._href(page, files, f"{OPEN_DATA}/charters/{self.charters[0].slug}.json")
                    if self.charters and self.open_data
                    else "",
                ),
            )
        if MARKER.format("themes-table") in html:
            table = self.env.get_template("charterkit/themes-table.html").render(
                themes=load_themes().values()
            )
            html = html.replace(MARKER.format("themes-table"), table)
        if MARKER.format("themes") in html:
            hrefs = {c.slug: self._charter_href(page, files, c.slug) for c in self.charters}
            html = html.replace(
                MARKER.format("themes"),
                self.env.get_template("charterkit/themes.html").render(
                    themes=load_themes().values(), uses=theme_uses(self.charters, hrefs)
                ),
            )
        if MARKER.format("icon-sets") in html or MARKER.format("credits") in html:
            html = html.replace(
                MARKER.format("icon-sets"),
                self.env.get_template("charterkit/icon-sets.html").render(sets=ICON_SETS),
            )
            html = html.replace(
                MARKER.format("credits"),
                self.env.get_template("charterkit/credits.html").render(
                    items=[(c.charter, self._charter_href(page, files, c.slug)) for c in self.charters]
                ),
            )
        return html


def _shown(folder: Path, root: Path) -> str:
    try:
        return folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(folder)


_H1 = re.compile(r'<h1 id="([^"]+)"[^>]*>(.*?)</h1>', re.DOTALL)


def own_pictures(item: LoadedCharter) -> list[str]:
    """The picture files of a charter's easy-read version, as written (paths from its folder)."""
    er = item.charter.easy_read
    if er is None:
        return []
    return sorted({p.picture for s in er.sections for p in s.points if is_picture_file(p.picture)})


def toc_from(headings: list[Heading], html: str = "") -> TableOfContents:
    """A MkDocs table of contents from an outline (titles escaped: themes print them as HTML).

    With the page's ``html``, its h1 heads the outline, as in a Markdown page: the theme's "Skip to
    content" link goes to the first entry, the page's title, and its contents box lists the rest.
    """
    found = _H1.search(html)
    if found:
        title = re.sub(r"<[^>]+>", "", found.group(2))
        return get_toc([{"level": 1, "id": found.group(1), "name": title, "children": _toc_tokens(headings)}])
    return get_toc(_toc_tokens(headings))


def _toc_tokens(headings: list[Heading]) -> list[Any]:
    # MkDocs themes print toc titles as HTML, so the text is escaped here.
    return [
        {"level": h.level, "id": h.id, "name": str(escape(h.title)), "children": _toc_tokens(h.children)}
        for h in headings
    ]
