"""A second process that draws part of the pages charterkit makes, on the machine's other core.

MkDocs reads and draws every page in one process, one after the other, so a build uses one core. Most
pages of a charterkit site are pages charterkit makes outside the menu (each charter's two pages, the
lists, the picture gallery), and each of them is drawn from the build's data alone. So
:class:`~charterkit.mkdocs.charters.kept_pages.KeptPages` gives the last part of them to a helper: a copy
of the build's process, forked when the build reaches the first of them (:class:`PageHelper`). The helper
reads and draws those pages exactly as the build would (MkDocs' own steps, every plugin's hooks), while
the build goes on with the others; the build then writes the helper's pages as it writes a kept page:
through a template that writes the page as drawn, with every other plugin's ``on_post_page`` after it.

- What the helper makes for the build's cache and what it uses from it are handed back, and kept by the
  build's process (:meth:`charterkit.kept_db.KeptDatabase.begin_helper`).
- What it logs is logged again by the build, so ``--strict`` counts its warnings.
- A helper that fails only costs time: the build reads and draws its pages itself, and an error on a
  page then stops the build as it would without a helper.
- Only on Linux (where a process forks safely), never in ``mkdocs serve`` (a preview rebuild draws a
  few pages), and only for a build of enough pages for a second process to pay off.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import logging
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from charterkit.kept_db import KeptDatabase, flush_stores
from charterkit.memo import set_aside

__all__ = ["COPY_WEIGHT", "MIN_PAGES", "PageHelper", "can_help", "helper_share"]

log = logging.getLogger("mkdocs.plugins.charterkit.charters")

MIN_PAGES = 40
"""The fewest pages worth a helper: below that, starting it costs about what it saves."""

COPY_WEIGHT = 0.3
"""What copying one of the site's other files (the theme's, the pictures, the open data) costs the build,
against reading and drawing a page: measured at 100 charters, 1.2 ms against 4.2 ms."""


def helper_share(made: int, pages: int, copied: int) -> int:
    """How many of the ``made`` pages the helper draws (the last ones), so that it and the build finish
    together: half of the work, counting the build's own pages (the site's, the menu's, the first made)
    and the files it copies meanwhile."""
    return min(made, round((pages + COPY_WEIGHT * copied) / 2))


Drawn = dict[str, tuple[str, str | None]]
"""The helper's pages by source path: each page's HTML as the theme drew it, and the key it is kept under
(None when it was kept already)."""


def can_help(workers: int) -> bool:
    """Whether a helper can run here: on Linux (where a process forks safely: macOS's system libraries
    may not survive it, Windows has no fork), and when more than one core may be used (``workers``: the
    charters option, 0 for every core, 1 for this process only)."""
    return sys.platform.startswith("linux") and workers != 1 and (workers or os.cpu_count() or 1) > 1


def _engine(config: MkDocsConfig) -> Any:
    """The build module of the engine running (MkDocs, or ProperDocs, which has the same steps)."""
    name = type(config).__module__.split(".", 1)[0]
    return importlib.import_module(f"{name if name in ('mkdocs', 'properdocs') else 'mkdocs'}.commands.build")


class _Failed(Exception):
    """The helper did not hand its pages over: the build draws them itself."""


class PageHelper:
    """One helper process for one build: :meth:`start` it, then take each of its pages with :meth:`page`.

    Whatever goes wrong with the helper (it cannot start, stops, or meets an error on a page) only costs
    time: the build then reads and draws the helper's pages itself, as a build without a helper does,
    and an error on a page stops it with MkDocs' own message."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._pid = 0
        self._result = ""
        self._drawn: Drawn | None = None
        self._work: tuple[Any, ...] = ()

    @property
    def started(self) -> bool:
        return bool(self._work)

    def start(
        self,
        files: Sequence[File],
        config: MkDocsConfig,
        all_files: Files,
        nav: Navigation,
        key_of: Callable[[Page], str | None],
        become: Callable[[bool], None],
    ) -> bool:
        """Fork the helper, which calls ``become(True)`` (to draw every page itself from then on), reads
        and draws ``files``, and leaves. ``key_of`` gives the key a page drawn there is kept under (and
        forgets it). False when no helper was started: the build draws every page itself."""
        self._work = (files, config, all_files, nav, key_of, become)
        others = [t.name for t in threading.enumerate() if t is not threading.current_thread()]
        if any(not name.startswith("charterkit-") for name in others):
            log.debug(f"charterkit: no second process while other threads run ({', '.join(others)})")
            return False
        try:
            handle, self._result = tempfile.mkstemp(prefix="charterkit-pages-", suffix=".pickle")
            os.close(handle)
        except OSError as exc:
            log.debug(f"charterkit: no second process: no file for its pages ({exc})")
            return False
        atexit.register(self._remove_result)  # a build stopped by Ctrl-C leaves no file behind
        flush_stores()  # what the build made so far is written once, by the build
        sys.stdout.flush()
        sys.stderr.flush()
        # The two processes share the build's memory until either writes to it. Python's collector
        # writes to every object it visits, so it is kept off what the build holds now: each process
        # then copies only the memory it really changes. The helper runs only in a build.
        set_aside()
        pid = os.fork()
        if pid == 0:  # the helper
            code = 1
            try:
                become(True)
                code = _help(Path(self._result), files, config, all_files, nav, key_of, self.store)
            finally:
                os._exit(code)
        self._pid = pid
        return True

    def page(self, src_uri: str) -> tuple[str, str | None]:
        """The helper's drawing of the page at ``src_uri`` (waiting for the helper the first time)."""
        if self._drawn is None:
            try:
                self._drawn = self._collect()
            except _Failed as why:
                log.info(f"charterkit: the second process {why}: this process draws its pages instead")
                files, config, all_files, nav, key_of, become = self._work
                become(True)
                self._drawn = _draw(files, config, all_files, nav, key_of, [""])
                become(False)
        try:
            return self._drawn.pop(src_uri)
        except KeyError:
            raise PluginError(f"charterkit: the page {src_uri} was not drawn by the helper process") from None

    def stop(self) -> None:
        """End the helper, if it still runs (the build failed), and remove what it left."""
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, 9)
                os.waitpid(self._pid, 0)
            self._pid = 0
        self._remove_result()
        self._drawn = None
        self._work = ()

    def _remove_result(self) -> None:
        if self._result:
            Path(self._result).unlink(missing_ok=True)
            self._result = ""

    def _collect(self) -> Drawn:
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        try:
            with open(self._result, "rb") as file:
                done = pickle.load(file)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            code = os.waitstatus_to_exitcode(status)
            raise _Failed(f"stopped (exit code {code}) before it handed its pages over") from None
        finally:
            self._remove_result()
        if "error" in done:  # its log is dropped: this process meets the same, and logs it
            raise _Failed(f"met an error: {done['error']}")
        for name, level, message in done.get("logs", ()):
            logging.getLogger(name).log(level, message)
        if isinstance(self.store, KeptDatabase):
            self.store.take_helper_results(*done["store"])
        drawn: Drawn = done["pages"]
        return drawn


class _Collect(logging.Handler):
    """The helper's log: handed to the build, which logs it (once, and counted by ``--strict``)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _help(
    result: Path,
    files: Sequence[File],
    config: MkDocsConfig,
    all_files: Files,
    nav: Navigation,
    key_of: Callable[[Page], str | None],
    store: Any,
) -> int:
    """The helper's whole life: read and draw ``files``, and write what it drew to ``result``; its exit
    code."""
    collect = _Collect()
    for name in ("", "mkdocs", "properdocs"):
        logging.getLogger(name).handlers = [collect]
        logging.getLogger(name).propagate = not name
    done: dict[str, Any] = {}
    doing = [""]
    try:
        if isinstance(store, KeptDatabase):
            store.begin_helper()
        done["pages"] = _draw(files, config, all_files, nav, key_of, doing)
        done["store"] = store.helper_results() if isinstance(store, KeptDatabase) else ({}, set())
    except Exception as exc:  # handed to the build, which stops with it
        done = {"error": f"{exc}" + (f" (the page {doing[0]})" if doing[0] else "")}
    done["logs"] = collect.records
    try:
        with open(result, "wb") as file:
            pickle.dump(done, file, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:  # a full temporary folder: the build draws the pages itself
        return 3
    return 0


def _draw(
    files: Sequence[File],
    config: MkDocsConfig,
    all_files: Files,
    nav: Navigation,
    key_of: Callable[[Page], str | None],
    doing: list[str],
) -> Drawn:
    """Read and draw each of ``files`` as MkDocs' build does: the same steps, in the same order.
    ``doing[0]`` is the page being read or drawn."""
    engine = _engine(config)
    for file in files:
        doing[0] = file.src_uri
        if file.page is None:
            Page(None, file, config)
        assert file.page is not None
        engine._populate_page(file.page, config, all_files)
    for in_menu in nav.pages:  # the menu shows their titles: any the build had not read is read here
        if in_menu.content is None:
            doing[0] = in_menu.file.src_uri
            engine._populate_page(in_menu, config, all_files)
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=all_files)
    doc_files = all_files.documentation_pages()
    drawn: Drawn = {}
    for file in files:
        doing[0] = file.src_uri
        page = file.page
        assert page is not None
        config._current_page = page
        page.active = True
        try:
            context = engine.get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            drawn[file.src_uri] = (template.render(context), key_of(page))
        finally:
            page.active = False
            config._current_page = None
    return drawn
