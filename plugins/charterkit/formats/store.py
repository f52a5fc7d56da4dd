"""Where finished files are kept between builds, by a key that is a hash of everything that shapes them.

A small interface (:class:`Store`), so that the formats can move to a shared content-addressed store
without changing how they are made. :class:`FolderStore` keeps ``<key>.<extension>`` files in a folder,
written atomically.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from charterkit.pdf.writer import atomic_target

__all__ = ["FolderStore", "Store"]

_ENTRY = re.compile(r"^([0-9a-f]{64})\.[a-z0-9]+$")


class Store(Protocol):
    """Files by key: what the formats need of a cache."""

    def get(self, key: str, extension: str) -> Path | None:
        """The kept file of ``key``, or None when there is none."""
        ...

    def put(self, key: str, extension: str, data: bytes) -> Path:
        """Keep ``data`` as the file of ``key``; returns where it is."""
        ...

    def prune(self, keep: Iterable[str]) -> int:
        """Forget every file whose key is not in ``keep``; returns how many went."""
        ...


class FolderStore:
    """A folder of files named by their key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str, extension: str) -> Path:
        return self.folder / f"{key}.{extension}"

    def get(self, key: str, extension: str) -> Path | None:
        path = self._path(key, extension)
        return path if path.is_file() else None

    def put(self, key: str, extension: str, data: bytes) -> Path:
        path = self._path(key, extension)
        with atomic_target(path) as tmp:
            tmp.write_bytes(data)
        return path

    def prune(self, keep: Iterable[str]) -> int:
        wanted = set(keep)
        removed = 0
        if not self.folder.is_dir():
            return 0
        for entry in self.folder.iterdir():
            match = _ENTRY.match(entry.name)
            if match and match.group(1) not in wanted:
                entry.unlink(missing_ok=True)
                removed += 1
        return removed
