"""``charterkit/formats``: Word, OpenDocument, plain text, EPUB and braille files of every charter.

A thin adapter over :mod:`charterkit.formats`: it checks the charters and starts writing the files the
cache lacks when the site's files are gathered, lets ``charterkit/pdf`` make the PDFs meanwhile, then
collects the files, adds them to the site and gives ``charterkit/charters`` their download links.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from charterkit.formats import Batch, FileDoc, FilesFailed, FolderStore, documents_for
from charterkit.mkdocs.charters.plugin import ChartersPlugin
from charterkit.mkdocs.formats.config import FormatsConfig
from charterkit.render.pages import Link

log = logging.getLogger("mkdocs.plugins.charterkit.formats")

ENV_SWITCH = "CHARTERKIT_FORMATS"
_VARIANT_WORDS = {"standard": "standard", "easy-read": "easy read"}


class FormatsPlugin(BasePlugin[FormatsConfig]):
    """Makes every other format of each charter, for its standard text and its easy read."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.active = False
        self.batch: Batch | None = None
        self.docs: list[FileDoc] = []
        self._told_serve = False

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        switch = os.environ.get(ENV_SWITCH, "").strip()
        if switch not in ("", "0", "1"):
            raise PluginError(
                f"charterkit/formats: {ENV_SWITCH}={switch!r} is not understood. "
                "Set it to 1 to make the files or 0 to skip them, or leave it unset."
            )
        if switch:
            self.active = switch == "1"
        elif self.command == "serve" and self.config.enabled:
            if not self._told_serve:
                log.info(f"Other formats are skipped while previewing. Set {ENV_SWITCH}=1 to make them.")
                self._told_serve = True
            self.active = False
        else:
            self.active = self.config.enabled
        return config

    # After charterkit/charters (priority 0) has read the charters, and before charterkit/pdf (-10) makes
    # the PDFs: the files are written in worker processes while the PDFs are made, and collected in on_nav.
    @event_priority(-5)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        charters = _charters_plugin(config)
        charters.file_links.clear()
        self._stop()
        if not self.active or not charters.charters:
            return files
        self.docs = documents_for(charters.charters, base=charters.config.url, formats=self.config.formats)
        for doc in self.docs:
            if files.get_file_from_path(doc.path) is not None:
                raise PluginError(
                    f"charterkit/formats: docs/{doc.path} clashes with the {doc.label.lower()} made from "
                    f"{doc.item.display_path}. Remove or rename that file."
                )
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.batch = Batch(
            self.docs,
            FolderStore(root / self.config.cache_dir),
            icons=charters.icons,
            site_contact=charters.config.contact,
            workers=self.config.workers,
        )
        try:
            self.batch.start()
        except FilesFailed as exc:
            self.batch = None
            raise PluginError(f"charterkit/formats: some files cannot be made.\n{exc}") from None
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.batch is None:
            return nav
        batch, self.batch = self.batch, None
        try:
            made = batch.finish()
        except FilesFailed as exc:
            raise PluginError(f"charterkit/formats: some files could not be made.\n{exc}") from None
        except OSError as exc:
            raise PluginError(
                f"charterkit/formats: cache_dir: the folder {self.config.cache_dir} (next to mkdocs.yml) "
                f"cannot hold the files: {exc}. Set cache_dir under charterkit/formats in mkdocs.yml to a "
                "folder that can be created and written, or leave it out."
            ) from None
        charters = _charters_plugin(config)
        for m in made:
            # Added after the navigation is made, which lists pages, never downloads.
            files.append(File.generated(config, m.doc.path, abs_src_path=str(m.file)))
            label = f"{m.doc.label} ({_VARIANT_WORDS[m.doc.variant]})"
            charters.file_links.setdefault(m.doc.slug, []).append(Link(label, m.doc.path, m.details))
        written = sum(m.written for m in made)
        log.info(f"Other formats: {len(made) - written} up to date, {written} made")
        return nav

    def on_build_error(self, *, error: Exception) -> None:
        self._stop()

    def _stop(self) -> None:
        if self.batch is not None:
            self.batch.cancel()
            self.batch = None


def _charters_plugin(config: MkDocsConfig) -> ChartersPlugin:
    plugin = config.plugins.get("charterkit/charters")
    if not isinstance(plugin, ChartersPlugin):
        raise PluginError(
            "charterkit/formats needs the charterkit/charters plugin. "
            "List it under plugins in mkdocs.yml, before charterkit/formats."
        )
    return plugin
