"""``charterkit/pdf``: printable, tagged PDFs of every charter, linked from its page.

A thin adapter over :mod:`charterkit.pdf`, through the steps it shares with ``charterkit/formats``
(:mod:`charterkit.mkdocs._outputs`): it works out which PDFs the site needs, lets the core make them
(cached, in parallel), adds them to the site's files and gives ``charterkit/charters`` their download
links. ``<!-- charterkit:booklet -->`` in a page becomes the booklets' download links.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from charterkit.format.rules import PDF_SWITCH
from charterkit.mkdocs._common import custom_dir, project_root
from charterkit.mkdocs._outputs import Outputs
from charterkit.mkdocs.charters.plugin import ChartersPlugin
from charterkit.mkdocs.pdf.config import PdfConfig
from charterkit.pdf.documents import Document, documents_for
from charterkit.pdf.fonts import FontsDamaged, verify_fonts
from charterkit.pdf.subsetting import FALLBACK_HINT, harfbuzz_subset_missing, is_subset_fallback
from charterkit.render.pages import Link
from charterkit.switch import pdfs_wanted

if TYPE_CHECKING:  # the PDF machinery is imported only when PDFs are made (see _make)
    from charterkit.pdf.jobs import Job
    from charterkit.pdf.make import Made

log = logging.getLogger("mkdocs.plugins.charterkit.pdf")

MARKER = "<!-- charterkit:booklet -->"
ENV_SWITCH = PDF_SWITCH


class PdfPlugin(BasePlugin[PdfConfig]):
    """Makes the standard print, easy read and large print PDFs of each charter, and the booklets."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.outputs = Outputs("charterkit/pdf", log)
        self.active = False
        self.made: list[Made] = []
        self._told_subset = False

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.outputs.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.active = self.outputs.wanted(self.config.enabled, pdfs_wanted, what="PDFs", switch=ENV_SWITCH)
        if self.active:
            try:
                verify_fonts()
            except FontsDamaged as exc:
                raise PluginError(f"charterkit/pdf: {exc}") from None
        return config

    # After charterkit/charters (priority 0) has added the charter pages: each PDF says where its web page
    # is, so those pages must be known, and the charter pages are rendered later with the PDF links set here.
    @event_priority(-10)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        charters = self.outputs.charters(config)
        charters.pdf_links.clear()
        self.made = []
        if not self.active or not charters.charters:
            return files
        docs = documents_for(
            charters.charters,
            base=charters.config.url,
            booklet=self.config.booklet,
            page_urls=_page_urls(charters, files),
        )
        self.outputs.refuse_clashes(files, ((d.path, f"the {d.noun} made from {d.blame}") for d in docs))
        self.made = self._make(docs, charters, config)
        self.outputs.publish(config, files, ((m.doc.path, m.file) for m in self.made))
        for made in self.made:
            if not made.doc.is_booklet:
                charters.pdf_links.setdefault(made.doc.slug, []).append(
                    Link(made.doc.label, made.doc.path, made.details)
                )
            self._replay(made)
        rendered = sum(m.rendered for m in self.made)
        # The core drops WeasyPrint's warning, once per PDF, that fonts are subset with fontTools (a fresh
        # machine without libharfbuzz-subset0): it is information, said once, and --strict must not count it.
        if rendered and not self._told_subset and harfbuzz_subset_missing():
            log.info(FALLBACK_HINT)
            self._told_subset = True
        self.outputs.summary("PDFs", len(self.made), rendered, "rendered")
        return files

    def _replay(self, made: Made) -> None:
        """The problems WeasyPrint reported for a PDF, also for PDFs from the cache: the problem is still
        in the PDF, and --strict must still fail."""
        for problem in made.problems:
            self.outputs.warn_once(problem)
        for warning in made.warnings:
            if not is_subset_fallback(warning):  # from a cache written before the fallback was quietened
                self.outputs.warn_once(f"{made.doc.path}: WeasyPrint says: {warning}")

    def _make(self, docs: list[Document], charters: ChartersPlugin, config: MkDocsConfig) -> list[Made]:
        from charterkit.pdf.cache import PdfCache
        from charterkit.pdf.make import CacheUnusable, PdfFailed, make_pdfs
        from charterkit.pdf.printhtml import Site

        assert charters.env is not None
        root = project_root(config)
        custom = custom_dir(config)
        serving = self.outputs.command == "serve"
        site = Site(
            name=config.site_name,
            # mkdocs serve replaces site_url with the preview's own address, which a PDF must never give.
            url="" if serving else config.site_url or "",
            lang=charters.config.language,
            contact=charters.config.contact,
            formats=charters.config.other_formats,
            council=str(config.extra.get("charterkit_council") or ""),
            logo=self._logo(config),
        )

        def progress(done: int, total: int, job: Job) -> None:
            log.info(f"PDF {done}/{total}: {job.name}")

        cache = PdfCache(root / self.config.cache_dir)
        try:
            return make_pdfs(
                docs,
                env=charters.env,
                site=site,
                cache=cache,
                icons=charters.icons,
                asset_dir=custom / "charterkit" / "print" if custom is not None else None,
                workers=self.config.workers,
                progress=progress,
                prune=not serving,  # previews differ (no site address): keep the real build's PDFs
            )
        except CacheUnusable as exc:
            # The machine, not a charter: name the folder and what to do (cache_dir only if it is wrong).
            raise PluginError(f"charterkit/pdf: {exc}\n{exc.fix}") from None
        except PdfFailed as exc:
            raise PluginError(f"charterkit/pdf: {exc}\n{exc.fix}") from None
        finally:
            self.outputs.remade(cache.remade)  # not the editor's doing: told, and --strict does not fail

    def _logo(self, config: MkDocsConfig) -> str:
        """The council's logo (``charterkit/brand``'s ``logo``, the theme's logo) for the covers, or ""."""
        logo = config.theme.get("logo")
        if not isinstance(logo, str) or not logo:
            return ""
        custom = custom_dir(config)
        places = [Path(config.docs_dir)] + ([custom] if custom is not None else [])
        path = next((place / logo for place in places if (place / logo).is_file()), None)
        if path is None:
            return ""  # charterkit/brand has already said that the file is missing
        try:
            from charterkit.pdf.printhtml import logo_data_url

            return logo_data_url(path)
        except (ValueError, OSError) as exc:
            self.outputs.warn_once(
                f"The logo {logo} is left off the PDF covers: {exc}. Use an SVG, PNG or JPEG file."
            )
            return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if MARKER not in html:
            return html
        links = []
        for made in self.made:
            target = files.get_file_from_path(made.doc.path) if made.doc.is_booklet else None
            if target is not None:
                links.append(Link(made.doc.label, target.url_relative_to(page.file), made.details))
        if not links:
            return html.replace(MARKER, "")
        charters = self.outputs.charters(config)
        assert charters.env is not None
        template = charters.env.get_template("charterkit/partials/booklet-link.html")
        return html.replace(MARKER, template.render(links=links))


def _page_urls(charters: ChartersPlugin, files: Files) -> dict[tuple[str, str], str]:
    """The web address of each charter's pages, as MkDocs will write them (with or without index.html)."""
    base = charters.config.url.strip("/")
    urls: dict[tuple[str, str], str] = {}
    index = files.get_file_from_path(f"{base}/index.md")
    if index is not None:
        urls[("", "index")] = index.url
    for item in charters.charters:
        for kind, name in (("standard", "index.md"), ("easy-read", "easy-read.md")):
            page = files.get_file_from_path(f"{base}/{item.slug}/{name}")
            if page is not None:
                urls[(item.slug, kind)] = page.url
    return urls
