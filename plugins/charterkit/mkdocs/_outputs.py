"""What ``charterkit/pdf`` and ``charterkit/formats`` do alike: files that cost time to make, kept in a
cache, added to the site and linked from each charter's page.

Both plugins go through the same steps, written here once:

1. ``on_config``: whether this run makes the files (:meth:`Outputs.wanted`): the environment variable
   wins, ``mkdocs serve`` skips them unless it says otherwise, and says so once;
2. ``on_files``: the charters, from ``charterkit/charters`` (:meth:`Outputs.charters`), and no file of the
   site's own in the place of a made one (:meth:`Outputs.refuse_clashes`);
3. once made: each file added to the site (:meth:`Outputs.publish`), one summary line
   (:meth:`Outputs.summary`), and the damaged cache entries that were made again, told but not counted by
   ``--strict`` because they are not the editor's doing (:meth:`Outputs.remade`).

Each plugin keeps only what is its own: which files, how they are made, where their links go.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from charterkit.errors import shown
from charterkit.mkdocs.charters.plugin import ChartersPlugin

__all__ = ["Outputs", "Wanted"]

Wanted = Callable[[str, bool, Mapping[str, str]], bool]
"""The core's rule for a kind of output: whether ``command`` makes it, given ``enabled`` and the
environment. Raises ``ValueError`` (saying what to write) for a switch it does not understand."""


class Outputs:
    """The shared steps of one plugin that makes files (``charterkit/pdf``): say ``name`` in messages."""

    def __init__(self, name: str, log: logging.Logger) -> None:
        self.name = name
        self.log = log
        self.command = "build"
        self._told_serve = False
        self._warned: set[str] = set()

    def wanted(self, enabled: bool, rule: Wanted, *, what: str, switch: str) -> bool:
        """Whether this run makes ``what`` ("PDFs"), by the core's ``rule``; under ``mkdocs serve``, which
        skips them by default, say once how to make them."""
        try:
            wanted = rule(self.command, enabled, os.environ)
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        if self.command == "serve" and enabled and not wanted and not self._told_serve:
            self.log.info(
                f"{what} are skipped while previewing, to keep it quick. Set {switch}=1 to make them."
            )
            self._told_serve = True
        return wanted

    def charters(self, config: MkDocsConfig) -> ChartersPlugin:
        """``charterkit/charters``, which has read the charters; a plain error if it is not listed."""
        plugin = config.plugins.get("charterkit/charters")
        if not isinstance(plugin, ChartersPlugin):
            raise PluginError(
                f"{self.name} needs the charterkit/charters plugin. "
                f"List it under plugins in mkdocs.yml, before {self.name}."
            )
        return plugin

    def refuse_clashes(self, files: Files, wanted: Iterable[tuple[str, str]]) -> None:
        """Stop if a file of the site's own is where a made file goes. ``wanted`` gives each made file's
        path and what it is ("the PDF made from charters/x.yml")."""
        for path, what in wanted:
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"{self.name}: docs/{path} clashes with {what}. Remove or rename that file."
                )

    @staticmethod
    def publish(config: MkDocsConfig, files: Files, made: Iterable[tuple[str, Path]]) -> None:
        """Add each made file (its path in the site, where it is kept) to the site's files: copied from the
        cache when the site is written."""
        for path, kept in made:
            files.append(File.generated(config, path, abs_src_path=str(kept)))

    def summary(self, what: str, total: int, fresh: int, verb: str) -> None:
        """One line: how many files were taken from the cache and how many were made in this build."""
        self.log.info(f"{what}: {total - fresh} up to date, {fresh} {verb}")

    def remade(self, lines: Iterable[str]) -> None:
        """Damaged cache entries found and made again: told (INFO), so ``--strict`` does not fail on them."""
        for line in lines:
            self.log.info(line)

    def warn_once(self, message: str) -> None:
        """A warning (which fails ``--strict``), said once however many files report it."""
        message = shown(message)
        if message not in self._warned:
            self._warned.add(message)
            self.log.warning(message)
