"""The preview hears of a saved file at once.

MkDocs' preview looks at every watched file every half second (watchdog's polling observer), so a save
waits up to 0.5 s before the rebuild starts. On Linux the system reports each change as it happens
(inotify): :func:`hear_changes_at_once` gives the preview's server that observer instead, watching the
same folders with the same handlers, when the system can watch them all. Where it cannot (too many
watches, another system), the polling observer stays.

Only a file written and closed, made, moved or deleted counts as a change. The system also reports a
file being read, and a file's access time being updated when the build reads it after an edit: as
changes, each would start another rebuild, and the preview would rebuild for ever.
"""

from __future__ import annotations

import logging
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


def _native_observer() -> Any | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:
        return None

    class ChangesOnly(InotifyObserver):
        """Reports only :data:`CHANGES` to every handler scheduled on it."""

        def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False, **_: Any) -> Any:
            return super().schedule(event_handler, path, recursive=recursive, event_filter=list(CHANGES))

    return ChangesOnly()


def _can_watch(paths: list[str]) -> bool:
    """Whether the system can report changes under every path (an inotify limit may say no)."""
    probe = _native_observer()
    if probe is None:
        return False
    try:
        for path in paths:
            probe.schedule(FileSystemEventHandler(), path, recursive=True)
        probe.start()
    except OSError as exc:
        log.debug(f"charterkit: the system cannot report changes ({exc}); the preview looks each 0.5 s")
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
    return True


def hear_changes_at_once(server: LiveReloadServer) -> bool:
    """Move every path ``server`` watches to the system's own change reports, before it starts; True
    when it did. Paths watched later (``watch:`` in ``mkdocs.yml``) are then watched the same way."""
    watched = getattr(server, "_watched_paths", None)  # MkDocs' record of the paths and their counts
    if not isinstance(watched, dict) or not watched or server.observer.is_alive():
        return False
    counts = dict(watched)
    if not _can_watch(list(counts)):
        return False
    native = _native_observer()
    if native is None:
        return False
    for path, count in counts.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = native
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
