"""Build a site into a new folder beside the real one and swap it in only when everything succeeded.

A failed build (a full disk, a read-only folder, a killed process, a broken charter) then leaves the
previous site as it was. A lock file beside the site folder makes a second build of the same site wait
for the first, so two builds never clean or prune under each other.

The site a build replaces is not deleted: it is kept beside the new one as the *spare*
(``.site.charterkit-spare``), and the next build writes into it. Most of its files are then written over
instead of made anew, and no build deletes a whole site: on many disks making and deleting a file costs
about a millisecond of the system's time each, thousands of them a build. Every file of the spare this
build did not write is deleted before any plugin reads the finished site (:mod:`charterkit.spare`,
:meth:`StagedOutput.sweep`), so the site is exactly what the build made. The spare may be deleted at any
time; it costs the disk space of one more site.

No MkDocs here: ``charterkit/charters`` calls :class:`StagedOutput` from its hooks.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from charterkit.spare import Stock, take_stock
from charterkit.store import explain_os_error

__all__ = ["LOCK_WAIT", "BuildLock", "OutputUnusable", "StagedOutput"]

LOCK_WAIT = 600.0
"""Seconds a build waits for another build of the same site before it stops."""


class OutputUnusable(Exception):
    """The site folder (or the folder it is in) cannot be written or replaced. The message names the
    folder, says why in plain words and what to do; the previous site is left as it was."""

    def __init__(self, folder: Path, reason: str, fix: str = "") -> None:
        self.folder = folder
        self.reason = reason
        self.fix = fix or (
            f"Free some disk space or make {folder} writable, then build again. "
            "The previous site was left as it was."
        )
        super().__init__(f"the site could not be written to {folder}: {reason}. {self.fix}")


class BuildLock:
    """An exclusive lock on one site folder, held by a build from start to end. The operating system
    lets go of it when the process ends, however it ends, so a killed build never leaves it stuck."""

    def __init__(self, target: Path) -> None:
        self.path = target.parent / f".{target.name}.charterkit.lock"
        self._file: IO[str] | None = None

    def acquire(self, *, wait: float = LOCK_WAIT, waiting: Callable[[str], None] | None = None) -> None:
        """Take the lock, waiting up to ``wait`` seconds (calling ``waiting`` once with a message) for
        another build to finish. Raises :class:`OutputUnusable` if it cannot be taken."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise OutputUnusable(self.path.parent, explain_os_error(exc)) from None
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.close()
                    raise OutputUnusable(
                        self.path.parent,
                        f"another build of this site has been running for over {wait:.0f} seconds "
                        f"(it holds {self.path})",
                        "Wait for it to finish, or stop it, then build again.",
                    ) from None
                if not told and waiting is not None:
                    waiting(
                        f"Another build of this site is running (it holds {self.path}): "
                        "waiting for it to finish."
                    )
                    told = True
                time.sleep(0.2)
        self._file = handle

    def release(self) -> None:
        """Let go of the lock (the lock file stays: removing it would let a third build race)."""
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


class StagedOutput:
    """A new folder beside ``target`` that a build writes into, then :meth:`commit` swaps in."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.stage = target.parent / f".{target.name}.charterkit-new-{os.getpid()}"
        self._old = target.parent / f".{target.name}.charterkit-old-{os.getpid()}"
        self.spare = target.parent / f".{target.name}.charterkit-spare"
        """The site before this one, which the next build writes into (see the module's notes)."""
        self._stock: Stock | None = None
        """The spare as this build took it, until :meth:`sweep`."""
        self._making: threading.Thread | None = None
        self._placeholders: list[Path] = []
        self._folders: list[Path] = []

    def prepare(self, folders: Iterable[Path], pages: Iterable[Path], others: Iterable[Path] = ()) -> None:
        """Take the spare as the new folder when it fits (:meth:`_take_spare`), then make ``folders``
        and empty ``pages`` in the new folder, in a thread of its own, while the build draws the pages
        that will fill them. Making a file or a folder costs the system about a millisecond on some
        disks, which this moves off the build's own path onto another core; the build then only fills
        them. A page still empty when the build ends is deleted (a page is never published empty).
        ``others`` are the other files the build writes. Paths outside the new folder are left alone.

        Call it after MkDocs emptied the new folder and before anything is written into it."""
        inside = sorted(p for p in folders if p.is_relative_to(self.stage) and p != self.stage)
        empty = [p for p in pages if p.is_relative_to(self.stage)]
        self._take_spare({*empty, *others}, inside)
        self._folders = inside
        self._making = threading.Thread(
            target=self._make, args=(inside, empty), name="charterkit-folders", daemon=True
        )
        self._making.start()

    def _make(self, folders: list[Path], pages: list[Path]) -> None:
        try:
            for folder in folders:
                folder.mkdir(parents=True, exist_ok=True)
            for page in pages:
                try:
                    with open(page, "xb"):  # never over a page the build has written already
                        pass
                except FileExistsError:
                    continue
                self._placeholders.append(page)
        except OSError:
            return  # the build meets the same fault itself, and says what it is

    def _settle(self, *, tidy: bool = True) -> None:
        """Wait for :meth:`prepare`'s thread; when ``tidy``, delete the pages it made that nothing filled
        and the folders it made that stayed empty."""
        if self._making is not None:
            self._making.join()
            self._making = None
        placeholders, self._placeholders = self._placeholders, []
        folders, self._folders = self._folders, []
        if not tidy:
            return
        for page in placeholders:
            with contextlib.suppress(FileNotFoundError):
                if page.stat().st_size == 0:
                    page.unlink()
        for folder in reversed(folders):  # the deepest first
            with contextlib.suppress(OSError):  # not empty: in use
                folder.rmdir()

    def _take_spare(self, written: set[Path], folders: list[Path]) -> None:
        """Put the spare in the place of the (empty) new folder, when the build may take it
        (:func:`~charterkit.spare.take_stock`), and delete what of it the build does not say it writes."""
        try:
            probe = self.target.parent / f".{self.target.name}.charterkit-probe-{os.getpid()}"
            stock = take_stock(self.spare, self.stage, written, folders, probe)
            if stock is None:
                return
            self.stage.rmdir()  # only when empty: nothing is written yet
        except OSError:
            return  # the spare is left, and replaced when this build's site is swapped in
        try:
            os.replace(self.spare, self.stage)
        except OSError:
            self.stage.mkdir(exist_ok=True)
            return
        stock.clear_others(self.stage)
        self._stock = stock

    def sweep(self) -> None:
        """Delete what the new folder kept of the spare that this build did not write
        (:meth:`~charterkit.spare.Stock.sweep`). Call it once the pages are written, before anything
        reads the new site as a whole (the search index); :meth:`commit` calls it too."""
        self._settle()  # the empty pages and folders prepare made that the build did not fill
        if self._stock is not None:
            self._stock.sweep(self.stage)
            self._stock = None

    def begin(self) -> Path:
        """Remove what killed builds left, make the new folder and return it. Call with the lock held."""
        self.clean_leftovers()
        try:
            self.stage.mkdir(parents=True)
        except OSError as exc:
            raise OutputUnusable(self.target.parent, explain_os_error(exc)) from None
        return self.stage

    def clean_leftovers(self) -> None:
        """Delete the new and old folders (and the spare's probes) of earlier builds that never finished
        (killed, or out of power). With the lock held, no running build owns them."""
        if not self.target.parent.is_dir():
            return
        prefixes = tuple(f".{self.target.name}.charterkit-{kind}-" for kind in ("new", "old", "probe"))
        for item in self.target.parent.iterdir():
            if not item.name.startswith(prefixes):
                continue
            if item.is_dir() and not item.is_symlink():
                shutil.rmtree(item, ignore_errors=True)
            else:
                item.unlink(missing_ok=True)

    def commit(self) -> None:
        """Put the new folder in the place of ``target``: two renames, so the site is never half
        written. Hidden files of the old site (such as ``.git``) are kept, as MkDocs keeps them."""
        try:
            self.sweep()
            if self.target.is_dir() and not self.target.is_symlink():
                try:
                    os.replace(self.target, self._old)
                except OSError as exc:
                    if exc.errno not in (errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES):
                        raise
                    self._replace_contents()  # a mount point: its contents are replaced instead
                    return
                moved = [
                    item.name
                    for item in self._old.iterdir()
                    if item.name.startswith(".") and not (self.stage / item.name).exists()
                ]
                try:
                    for name in moved:
                        os.replace(self._old / name, self.stage / name)
                    os.replace(self.stage, self.target)
                except OSError:  # put the old site back as it was, hidden files and all
                    for name in moved:
                        with contextlib.suppress(FileNotFoundError):
                            os.replace(self.stage / name, self._old / name)
                    os.replace(self._old, self.target)
                    raise
                self._keep_spare()
            else:
                os.replace(self.stage, self.target)
        except OSError as exc:
            raise OutputUnusable(self.target, explain_os_error(exc)) from None

    def _keep_spare(self) -> None:
        """Keep the replaced site as the spare, for the next build to write into (a spare no build took
        is deleted first)."""
        if self.spare.is_dir() and not self.spare.is_symlink():
            shutil.rmtree(self.spare, ignore_errors=True)
        try:
            os.replace(self._old, self.spare)
        except OSError:
            shutil.rmtree(self._old, ignore_errors=True)

    def _replace_contents(self) -> None:
        for item in self.target.iterdir():
            if item.name.startswith("."):
                continue
            if item.is_dir() and not item.is_symlink():
                shutil.rmtree(item)
            else:
                item.unlink()
        for item in self.stage.iterdir():
            if not (self.target / item.name).exists():
                shutil.move(item, self.target / item.name)
        shutil.rmtree(self.stage, ignore_errors=True)

    def abandon(self) -> None:
        """Delete the new folder: the build failed, and the previous site stays as it was."""
        self._settle(tidy=False)  # all of it goes
        shutil.rmtree(self.stage, ignore_errors=True)
