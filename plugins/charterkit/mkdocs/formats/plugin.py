"""``charterkit/formats``: Word, OpenDocument, plain text, EPUB and braille files of every charter.

A thin adapter over :mod:`charterkit.formats`, through the steps it shares with ``charterkit/pdf``
(:mod:`charterkit.mkdocs._outputs`): it checks the charters and starts writing the files the cache lacks
when the site's files are gathered, lets ``charterkit/pdf`` make the PDFs meanwhile, then collects the
files, adds them to the site and gives ``charterkit/charters`` their download links.
"""

from __future__ import annotations

import logging
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from charterkit.format.rules import FORMATS_SWITCH
from charterkit.formats import Batch, FileCache, FilesFailed, documents_for
from charterkit.mkdocs._common import project_root
from charterkit.mkdocs._outputs import Outputs
from charterkit.mkdocs.formats.config import FormatsConfig
from charterkit.render.pages import Link
from charterkit.store import StoreUnusable
from charterkit.switch import formats_wanted

log = logging.getLogger("mkdocs.plugins.charterkit.formats")

ENV_SWITCH = FORMATS_SWITCH
_VARIANT_WORDS = {"standard": "standard", "easy-read": "easy read"}


class FormatsPlugin(BasePlugin[FormatsConfig]):
    """Makes every other format of each charter, for its standard text and its easy read."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.outputs = Outputs("charterkit/formats", log)
        self.active = False
        self.batch: Batch | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.outputs.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.active = self.outputs.wanted(
            self.config.enabled, formats_wanted, what="Other formats", switch=ENV_SWITCH
        )
        return config

    # After charterkit/charters (priority 0) has read the charters, and before charterkit/pdf (-10) makes
    # the PDFs: the files are written in worker processes while the PDFs are made, and collected in on_nav.
    @event_priority(-5)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        charters = self.outputs.charters(config)
        charters.file_links.clear()
        self._stop()
        if not self.active or not charters.charters:
            return files
        docs = documents_for(charters.charters, base=charters.config.url, formats=self.config.formats)
        self.outputs.refuse_clashes(
            files, ((d.path, f"the {d.label.lower()} made from {d.item.display_path}") for d in docs)
        )
        cache = FileCache(project_root(config) / self.config.cache_dir)
        contact, workers = charters.config.contact, self.config.workers
        self.batch = Batch(docs, cache, icons=charters.icons, site_contact=contact, workers=workers)
        try:
            self.batch.start()
        except FilesFailed as exc:
            self.batch = None
            raise PluginError(f"charterkit/formats: some files cannot be made.\n{exc}") from None
        except StoreUnusable as exc:
            self.batch = None
            raise PluginError(f"charterkit/formats: {exc}") from None
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.batch is None:
            return nav
        batch, self.batch = self.batch, None
        try:
            made = batch.finish()
        except FilesFailed as exc:
            raise PluginError(f"charterkit/formats: some files could not be made.\n{exc}") from None
        except StoreUnusable as exc:
            raise PluginError(f"charterkit/formats: {exc}") from None
        finally:
            self.outputs.remade(batch.cache.remade)
        # Added after the navigation is made, which lists pages, never downloads.
        self.outputs.publish(config, files, ((m.doc.path, m.file) for m in made))
        links = self.outputs.charters(config).file_links
        for m in made:
            label = f"{m.doc.label} ({_VARIANT_WORDS[m.doc.variant]})"
            links.setdefault(m.doc.slug, []).append(Link(label, m.doc.path, m.details))
        self.outputs.summary("Other formats", len(made), sum(m.written for m in made), "made")
        return nav

    def on_build_error(self, *, error: Exception) -> None:
        self._stop()

    def _stop(self) -> None:
        if self.batch is not None:
            self.batch.cancel()
            self.batch = None
