"""The preview hears of a saved file at once.

MkDocs' preview looks at every watched file every half second (watchdog's polling observer), so a save
waits up to 0.5 s before the rebuild starts. On Linux the system reports each change as it happens
(inotify): :func:`hear_changes_at_once` has the preview's server watch its folders that way instead,
with the same handlers, when the system can.

- Only a file written and closed, made, moved or deleted counts as a change. The system also reports a
  file being read, and a file's access time being updated when the build reads it after an edit: as
  changes, each would start another rebuild, and the preview would rebuild for ever.
- A single file (``mkdocs.yml``) is still looked at each half second: an editor that saves by renaming
  a new file over the old one would end the system's watch of it after the first save.
- Folders on a network or shared file system (NFS, SMB, WSL's Windows drives, 9p, FUSE), where the
  system hears of no change made from elsewhere, and any system where the watch cannot start (too many
  watches already, not Linux) keep MkDocs' half-second look.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)

__all__ = ["hear_changes_at_once", "watch_for_preview"]

log = logging.getLogger("mkdocs.plugins.charterkit.charters")

CHANGES: tuple[type[FileSystemEvent], ...] = (
    FileClosedEvent,  # written and closed (inotify's IN_CLOSE_WRITE): the whole save, once
    FileCreatedEvent,
    FileMovedEvent,  # an editor that saves to a new file and renames it over the old one
    FileDeletedEvent,
    DirMovedEvent,
    DirDeletedEvent,
)
"""The events that start a rebuild."""

REMOTE_FILE_SYSTEMS = ("nfs", "cifs", "smb", "9p", "drvfs", "fuse", "vboxsf", "afs", "ceph", "gluster")
"""File systems (by the start of their type's name) whose changes the system may never report."""


def _native_observer() -> Any | None:
    """An inotify observer that reports only :data:`CHANGES`; None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:
        return None

    class ChangesOnly(InotifyObserver):
        def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False, **_: Any) -> Any:
            return super().schedule(event_handler, path, recursive=recursive, event_filter=list(CHANGES))

    try:
        return ChangesOnly()
    except OSError as exc:  # no inotify instance left (other programs hold them all)
        log.debug(f"charterkit: the system cannot report changes ({exc}); the preview looks each 0.5 s")
        return None


def _file_system(path: str) -> str:
    """The type of the file system ``path`` is on, from the system's list of mounts ("" if unknown)."""
    real = os.path.realpath(path)
    best, kind = "", ""
    try:
        with open("/proc/self/mounts", encoding="utf-8") as mounts:
            for line in mounts:
                fields = line.split()
                if len(fields) < 3:
                    continue
                point = fields[1].replace("\\040", " ")
                inside = real == point or real.startswith(point.rstrip("/") + "/")
                if inside and len(point) > len(best):
                    best, kind = point, fields[2]
    except OSError:
        return ""
    return kind


def _can_watch(folders: list[str]) -> bool:
    """Whether the system can report changes in every folder: on a local file system, within its
    limits."""
    for folder in folders:
        if _file_system(folder).startswith(REMOTE_FILE_SYSTEMS):
            log.debug(f"charterkit: {folder} is on a shared file system; the preview looks each 0.5 s")
            return False
    probe = _native_observer()
    if probe is None:
        return False
    try:
        for folder in folders:
            probe.schedule(FileSystemEventHandler(), folder, recursive=True)
        probe.start()
    except OSError as exc:
        log.debug(f"charterkit: the system cannot report changes ({exc}); the preview looks each 0.5 s")
        return False
    finally:
        with contextlib.suppress(Exception):
            probe.unschedule_all()  # stops every watch it started, even after a failure
        if probe.is_alive():
            probe.stop()
            probe.join()
    return True


class _Observers:
    """What the server calls its observer: folders through the system's reports, files looked at each
    half second by MkDocs' own observer."""

    def __init__(self, native: Any, polling: Any) -> None:
        self.native = native
        self.polling = polling

    def schedule(self, event_handler: Any, path: str, *, recursive: bool = False) -> Any:
        observer = self.native if os.path.isdir(path) else self.polling
        return observer.schedule(event_handler, path, recursive=recursive)

    def unschedule(self, watch: Any) -> None:
        for observer in (self.native, self.polling):
            with contextlib.suppress(KeyError):
                observer.unschedule(watch)

    def start(self) -> None:
        self.native.start()
        self.polling.start()

    def stop(self) -> None:
        self.native.stop()
        self.polling.stop()

    def join(self, timeout: float | None = None) -> None:
        self.native.join(timeout)
        self.polling.join(timeout)

    def is_alive(self) -> bool:
        return bool(self.native.is_alive() or self.polling.is_alive())


def hear_changes_at_once(server: LiveReloadServer) -> bool:
    """Move the folders ``server`` watches to the system's own change reports, before it starts; True
    when it did. Paths watched later (``watch:`` in ``mkdocs.yml``) are then routed the same way."""
    watched = getattr(server, "_watched_paths", None)  # MkDocs' record of the paths and their counts
    if not isinstance(watched, dict) or not watched or server.observer.is_alive():
        return False
    counts = dict(watched)
    if not _can_watch([p for p in counts if os.path.isdir(p)]):
        return False
    native = _native_observer()
    if native is None:
        return False
    for path, count in counts.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = _Observers(native, server.observer)  # type: ignore[assignment]
    for path, count in counts.items():
        for _ in range(count):
            server.watch(path)
    return True


def watch_for_preview(server: LiveReloadServer, charters: Path, *, instant: bool) -> None:
    """Have the preview rebuild when a charter changes (they live outside ``docs/``, which MkDocs
    watches), and, when ``instant``, hear of every change at once."""
    server.watch(str(charters))
    if instant:
        hear_changes_at_once(server)
