"""Where finished files are kept between builds: one checked :class:`~charterkit.store.Store` a file type.

Each type has its own folder (``docx/``, ``odt/``, ``png/`` …) holding ``<key>.<extension>`` and its
record, the sha256 and size of the bytes. A file whose bytes no longer match (cut short by a full disk,
emptied, overwritten) is deleted and made again, never published: :attr:`FileCache.remade` says which, for
the log.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from charterkit.store import Store

__all__ = ["FileCache"]

_EXTENSION = re.compile(r"[a-z0-9]{1,8}")
_OLD_SUFFIXES = (".docx", ".odt", ".txt", ".epub", ".brf", ".png")
"""What the cache kept, unchecked, directly in its folder before it used a checked store a type."""


class FileCache:
    """Files by key and extension, each checked against the hash of its bytes before it is used."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._stores: dict[str, Store] = {}

    def _store(self, extension: str) -> Store:
        if not _EXTENSION.fullmatch(extension):
            raise ValueError(f"not a file extension: {extension!r}")
        if extension not in self._stores:
            label = "picture" if extension == "png" else f".{extension} file"
            self._stores[extension] = Store(self.folder / extension, suffix=f".{extension}", label=label)
        return self._stores[extension]

    @property
    def remade(self) -> list[str]:
        """Damaged files found (and deleted) since this cache was opened, one line each, for the log."""
        return [line for store in self._stores.values() for line in store.remade]

    def get(self, key: str, extension: str) -> Path | None:
        """The kept file of ``key`` if its bytes check out, or None (it is then made again)."""
        entry = self._store(extension).get(key)
        return entry.path if entry is not None else None

    def put(self, key: str, extension: str, data: bytes) -> Path:
        """Keep ``data`` as the file of ``key``; returns where it is."""
        return self._store(extension).put(key, data).path

    def prune(self, keep: Iterable[str]) -> int:
        """Forget every file whose key is not in ``keep``, and the unchecked files of older versions;
        returns how many went."""
        wanted = set(keep)
        if not self.folder.is_dir():
            return 0
        removed = Store(self.folder).prune(wanted, old_suffixes=_OLD_SUFFIXES)
        for sub in sorted(self.folder.iterdir()):
            if sub.is_dir() and _EXTENSION.fullmatch(sub.name):
                removed += self._store(sub.name).prune(wanted)
        return removed
