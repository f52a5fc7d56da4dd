"""``charterkit/charters``: turn ``charters/*.yml`` into pages.

Adds a page per charter (``/charters/<slug>/``), an easy-read page where a charter has one, index pages
(all, by sector, by area, by theme) and the JSON Schema, and fills the markers that site pages may hold:
``<!-- charterkit:charter-list -->``, ``<!-- charterkit:themes -->``, ``<!-- charterkit:icon-sets -->``,
``<!-- charterkit:credits -->``. Navigation never lists every charter, so build time and page size grow
linearly with the number of charters.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils.templates import TemplateContext

from charterkit.errors import CharterError
from charterkit.format.icons import ICON_SETS, IconSet, load_icon_set
from charterkit.format.rules import INDEX_PAGES
from charterkit.format.schema import charter_schema
from charterkit.format.themes import load_themes
from charterkit.load.check import Report, check_project
from charterkit.load.loader import LoadedCharter
from charterkit.load.project import Project
from charterkit.memo import BytesStore, FolderStore
from charterkit.mkdocs._common import config_file, jinja_env, project_root
from charterkit.mkdocs.charters.config import ChartersConfig
from charterkit.mkdocs.charters.preview import Preview, page_file
from charterkit.mkdocs.readability.config import ReadabilityConfig, targets_of
from charterkit.render.jinja import bytecode_cache
from charterkit.render.pages import (
    Link,
    PageLinks,
    ReadabilityNote,
    Rendered,
    picture_letters,
    render_charter,
    render_easy_read,
    render_groups,
    render_index,
    render_list,
    render_picture_index,
    render_picture_page,
    render_themes,
    theme_uses,
)
from charterkit.render.views import Heading

log = logging.getLogger("mkdocs.plugins.charterkit.charters")

MARKER = "<!-- charterkit:{} -->"

SEARCH_EXCLUDED = ("index", "by-sector", "by-area")
"""Lists of charters are left out of the search index: every title and summary on them is found on the
charter's own page, and with hundreds of charters they would make the index that a reader's browser
downloads many times larger (and slow every rebuild of the preview)."""

"""The index pages under the charters' address: no charter may take one of these slugs."""


@dataclass
class _Generated:
    kind: str  # charter, easy-read, index, by-sector, by-area, themes
    slug: str = ""


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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having this hook keeps the plugin (and what it learnt) across the builds of ``mkdocs serve``.
        self.preview.dirty = dirty

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
        return config

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
        for problem in self.report.warnings:
            if problem not in self.report.targets:  # charterkit/readability logs those, under its name
                log.warning(str(problem))
        for name in ("index", *INDEX_PAGES):
            self._add(files, config, f"{base}/{name}.md", _Generated(name))
        self.preview.refresh_marked_pages(files)
        if self.config.pictures and self.icons is not None:
            # CHARTERKIT_PICTURES=0 keeps only the gallery's first page: its thousands of pictures
            # double the time of a build, which tests of other things need not spend.
            off = os.environ.get("CHARTERKIT_PICTURES") == "0"
            self.picture_pages = {} if off else picture_letters(self.icons)
            self._add(files, config, "pictures/index.md", _Generated("pictures-index"))
            for letter in self.picture_pages:
                self._add(files, config, f"pictures/{letter.lower()}.md", _Generated("pictures", letter))
        if self.config.schema:
            schema = json.dumps(charter_schema(), indent=2, ensure_ascii=False) + "\n"
            files.append(File.generated(config, "schema/charter.schema.json", content=schema))
        return files

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
        inclusion = InclusionLevel.NOT_IN_NAV if own_page else InclusionLevel.UNDEFINED
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
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.preview.finish(config, self.by_slug)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        gen = self.generated.get(page.file.src_uri)
        if gen is None:
            return markdown
        titles = {
            "index": "All charters",
            "by-sector": "Charters by sector",
            "by-area": "Charters by area",
            "themes": "Co-production themes",
        }
        if gen.kind == "charter":
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
        else:
            title = titles[gen.kind]
        # MkDocs themes treat page titles as HTML: escape so a charter title is always shown as text.
        page.meta["title"] = str(escape(title))
        if gen.kind in SEARCH_EXCLUDED:
            page.meta["search"] = {"exclude": True}
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        gen = self.generated.get(page.file.src_uri)
        if gen is not None:
            rendered = self._render(gen, page, files)
            page.toc = toc_from(rendered.outline)
            return rendered.html
        return self._fill_markers(html, page, files)

    # -- rendering ---------------------------------------------------------------------------------

    def _href(self, page: Page, files: Files, uri: str) -> str:
        target = files.get_file_from_path(uri)
        return target.url_relative_to(page.file) if target else ""

    def _charter_href(self, page: Page, files: Files, slug: str) -> str:
        return self._href(page, files, f"{self.config.url.strip('/')}/{slug}/index.md")

    def links_for(self, page: Page, files: Files, item: LoadedCharter) -> PageLinks:
        base = self.config.url.strip("/")
        easy = f"{base}/{item.slug}/easy-read.md"
        pdfs = [
            Link(p.label, self._rel_to(page, p.href), p.details) for p in self.pdf_links.get(item.slug, [])
        ]
        others = [
            Link(p.label, self._rel_to(page, p.href), p.details) for p in self.file_links.get(item.slug, [])
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
        hrefs = {c.slug: self._charter_href(page, files, c.slug) for c in self.charters}
        if gen.kind == "index":
            base = self.config.url.strip("/")
            links = {
                name.replace("-", "_"): self._href(page, files, f"{base}/{name}.md") for name in INDEX_PAGES
            }
            return render_index(self.env, [(c, hrefs[c.slug]) for c in self.charters], links)
        if gen.kind in ("by-sector", "by-area"):
            return render_groups(self.env, self.charters, gen.kind.removeprefix("by-"), hrefs)
        if gen.kind == "themes":
            return render_themes(self.env, self.charters, hrefs)
        raise AssertionError(gen.kind)

    def _fill_markers(self, html: str, page: Page, files: Files) -> str:
        if "<!-- charterkit:" not in html:
            return html
        assert self.env is not None
        if MARKER.format("charter-list") in html:
            ordered = sorted(self.charters, key=lambda c: c.charter.title.lower())
            shown = ordered[: max(1, self.config.list_size)]
            listing = render_list(self.env, [(c, self._charter_href(page, files, c.slug)) for c in shown], 3)
            if len(shown) < len(ordered):
                # A site with hundreds of charters keeps a short page: the rest are on the index pages.
                index = self._href(page, files, f"{self.config.url.strip('/')}/index.md")
                listing += self.env.get_template("charterkit/more-charters.html").render(
                    href=index, shown=len(shown), total=len(ordered)
                )
            html = html.replace(MARKER.format("charter-list"), listing)
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


def toc_from(headings: list[Heading]) -> TableOfContents:
    """A MkDocs table of contents from an outline (titles escaped: themes print them as HTML)."""
    return get_toc(_toc_tokens(headings))


def _toc_tokens(headings: list[Heading]) -> list[Any]:
    # MkDocs themes print toc titles as HTML, so the text is escaped here.
    return [
        {"level": h.level, "id": h.id, "name": str(escape(h.title)), "children": _toc_tokens(h.children)}
        for h in headings
    ]
