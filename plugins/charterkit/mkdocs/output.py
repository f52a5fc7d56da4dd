"""The MkDocs side of :mod:`charterkit.output`: build into a new folder, swap it in at the very end.

``mkdocs serve`` is left alone: it builds into a temporary folder of its own, which it serves.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import CountHandler

from charterkit.output import BuildLock, OutputUnusable, StagedOutput
from charterkit.store import environment_fault, explain_os_error

__all__ = ["AtomicOutput"]


class AtomicOutput:
    """Switches ``site_dir`` to a new folder for one build, and swaps it in or throws it away."""

    def __init__(self, log: logging.Logger) -> None:
        self.log = log
        self.lock: BuildLock | None = None
        self.staged: StagedOutput | None = None
        self.config: MkDocsConfig | None = None
        self.target = ""
        self.counter: CountHandler | None = None

    def start(self, config: MkDocsConfig, command: str, dirty: bool) -> None:
        """Take the site's lock and point ``site_dir`` at a new folder beside it."""
        self._end()
        if command == "serve":
            return
        self.config = config
        self.target = config.site_dir
        # Through a link (site -> /var/www/html): the real folder is replaced, the link kept.
        target = Path(os.path.realpath(config.site_dir))
        try:
            self.lock = BuildLock(target)
            self.lock.acquire(waiting=self.log.info)
            if dirty:  # a dirty build updates the site in place, by design
                return
            self.staged = StagedOutput(target)
            config.site_dir = str(self.staged.begin())
        except OutputUnusable as exc:
            self._end()
            raise PluginError(f"charterkit: {exc}") from None
        if config.strict:
            # MkDocs fails a --strict build after on_post_build: count warnings too, so that a site
            # --strict rejects is never swapped in.
            self.counter = CountHandler()
            self.counter.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.counter)

    def prepare(self, files: Files) -> None:
        """Have the new folder's folders and empty pages made beside the build (see
        :meth:`charterkit.output.StagedOutput.prepare`), once every file of the site is known."""
        if self.staged is None:
            return
        pages = [Path(f.abs_dest_path) for f in files.documentation_pages()]
        static = [f for f in files.static_pages() if f.inclusion.is_included()]
        folders = {p.parent for p in pages} | {Path(f.abs_dest_path).parent for f in static}
        others = [Path(f.abs_dest_path) for f in files if f.inclusion.is_included()]
        self.staged.prepare(sorted(folders), pages, others)

    def sweep(self) -> None:
        """Delete what the new folder kept from the spare that this build did not write (see
        :meth:`charterkit.output.StagedOutput.sweep`): once the pages are written, before the search
        index reads them."""
        if self.staged is not None:
            self.staged.sweep()

    def finish(self, config: MkDocsConfig) -> None:
        """Swap the new folder in, unless warnings will fail this --strict build."""
        try:
            if self.staged is not None:
                if self.counter is not None and self.counter.get_counts():
                    self.staged.abandon()
                else:
                    self.staged.commit()
                    self.log.info(f"The new site is in place in {self.target}.")
        finally:
            self._end()

    def fail(self, error: Exception, command: str) -> None:
        """Throw the new folder away; for a fault of the machine, stop with a plain message."""
        staged = self.staged is not None
        target = self.target
        self._end(abandon=True)
        if command == "serve" or not isinstance(error, OSError) or not environment_fault(error):
            return
        kept = " The previous site was left as it was." if staged else ""
        self.log.error(
            f"charterkit: the site could not be built in {target}: {explain_os_error(error)}. "
            f"Free some disk space or make the folder writable, then build again.{kept}"
        )
        raise Abort("Aborted: the site could not be written.")

    def _end(self, *, abandon: bool = False) -> None:
        if self.staged is not None and abandon:
            self.staged.abandon()
        self.staged = None
        if self.config is not None and self.target:
            self.config.site_dir = self.target  # gh-deploy publishes config.site_dir after the build
        if self.counter is not None:
            logging.getLogger("mkdocs").removeHandler(self.counter)
            self.counter = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None
