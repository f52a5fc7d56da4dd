"""A folder of cached files named by a key, each checked against the hash of its bytes before use.

Every output that is expensive to make (PDFs, unpacked fonts, and any other format) is kept in a
:class:`Store`. Its whole API:

- ``store.get(key)`` gives the :class:`Entry` of ``key`` only when its bytes still hash to what was
  recorded when it was kept; a truncated, overwritten or emptied entry is deleted, noted in
  ``store.remade`` (for the caller to log) and ``None`` is returned, so the caller makes it again.
- ``store.put(key, data, meta)`` keeps bytes; ``store.adopt(key, file, meta)`` moves a file made
  elsewhere (by a worker process, into ``store.temp_path(key)``) into the store. Both are atomic.
- ``store.prune(keep)`` deletes entries not in ``keep`` and temporary files left by killed builds.

Each entry is two files: ``KEY + suffix`` (the bytes) and ``KEY.json`` (their sha256 and size, and the
caller's ``meta``). A problem of the folder itself (read-only, disk full, removed while in use) is raised
as :class:`StoreUnusable`, which names the folder and what to do: it is never a charter's fault.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Entry", "Store", "StoreUnusable", "environment_fault", "explain_os_error"]

_KEY = re.compile(r"[0-9a-f]{16,128}")
_TEMP = re.compile(r"\.+(\d+)-[0-9a-z_]+\..*\.tmp")
"""A temporary file of this module (``.PID-RANDOM.KEY.tmp``), or one made inside it by a writer that
adds its own ``.NAME.XXXX.tmp``: both start with the process id that made them."""
STALE_AFTER = 24 * 3600
"""Seconds after which any temporary file is stale, even if a process with its id is running."""

ENVIRONMENT_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT, errno.EIO, errno.ENOENT}
)
"""Errors that come from the machine (full disk, read-only or missing folder, no permission)."""

_PLAIN = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the folder is on a read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EIO: "the disk reported an input/output error",
    errno.ENOENT: "a file or folder was removed while the build used it",
}


def explain_os_error(error: OSError) -> str:
    """An operating-system error in one line of plain words, with the file it concerns."""
    plain = _in_the_way(error) or _PLAIN.get(error.errno or 0) or error.strerror or type(error).__name__
    where = f" {os.fsdecode(error.filename)}" if error.filename else ""
    return f"could not read or write{where}: {plain}"


def _in_the_way(error: OSError) -> str:
    """For a folder that could not be made because a file has its name (or its parent's): say which."""
    if not isinstance(error, FileExistsError | NotADirectoryError) or not error.filename:
        return ""
    path = Path(os.fsdecode(error.filename))
    for place in (path, *path.parents):
        if place.exists() and not place.is_dir():
            return f"{place} is a file, where a folder is needed"
    return ""


def environment_fault(error: BaseException) -> bool:
    """True for an error caused by the machine, not by the input (see :data:`ENVIRONMENT_ERRNOS`)."""
    return isinstance(error, OSError) and error.errno in ENVIRONMENT_ERRNOS


class StoreUnusable(Exception):
    """The store's folder cannot be created, read or written. The message names the folder, the reason
    and what to do; nothing in any charter caused it."""

    def __init__(self, folder: Path, reason: str, fix: str = "") -> None:
        self.folder = folder
        self.reason = reason
        self.fix = fix or (
            f"Free some disk space or make {folder} writable (it is safe to delete), then build again."
        )
        super().__init__(f"the cache folder {folder} cannot be used: {reason}. {self.fix}")

    @classmethod
    def from_os_error(cls, folder: Path, error: OSError) -> StoreUnusable:
        """The error for ``error``, met while using ``folder``."""
        fix = ""
        if error.errno == errno.ENOENT:
            fix = (
                "Build again. If two builds share this folder, give each project its own cache folder "
                "(cache_dir in mkdocs.yml)."
            )
        return cls(folder, explain_os_error(error), fix)


@dataclass(frozen=True)
class Entry:
    """A kept file whose bytes were just checked against their recorded hash."""

    key: str
    path: Path
    size: int
    meta: Mapping[str, Any] = field(default_factory=dict)


class Store:
    """A folder of entries named by key (lower-case hex, such as a sha256), checked before each use."""

    def __init__(self, folder: Path, *, suffix: str = "", label: str = "cached file") -> None:
        self.folder = folder
        self.suffix = suffix
        self.label = label
        """What an entry is, in messages ("PDF")."""
        self.remade: list[str] = []
        """One line per damaged entry found and deleted by :meth:`get`: the caller logs them."""

    def path(self, key: str) -> Path:
        """Where the bytes of ``key`` are kept."""
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a cache key: {key!r}")
        return self.folder / f"{key}{self.suffix}"

    def _record(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def ensure(self) -> None:
        """Create the folder; raise :class:`StoreUnusable` if it cannot be."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not os.access(self.folder, os.W_OK | os.X_OK):
                if os.statvfs(self.folder).f_flag & os.ST_RDONLY:
                    raise OSError(errno.EROFS, "Read-only file system", str(self.folder))
                raise PermissionError(errno.EACCES, "Permission denied", str(self.folder))
        except OSError as exc:
            raise StoreUnusable.from_os_error(self.folder, exc) from None

    def get(self, key: str) -> Entry | None:
        """The entry of ``key``, or None when there is none or it is damaged (then it is deleted)."""
        path, record = self.path(key), self._record(key)
        if not path.is_file() and not record.is_file():
            return None
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
            wanted, size, meta = str(data["sha256"]), int(data["size"]), dict(data.get("meta", {}))
            with path.open("rb") as fh:
                actual = hashlib.file_digest(fh, "sha256").hexdigest()
            real_size = path.stat().st_size
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            if isinstance(exc, OSError) and exc.errno not in (errno.ENOENT, errno.EISDIR):
                raise StoreUnusable.from_os_error(self.folder, exc) from None
            self._discard(key, "it is incomplete")
            return None
        if actual != wanted or real_size != size:
            self._discard(key, "its bytes do not match the hash recorded when it was made")
            return None
        return Entry(key, path, size, meta)

    def _discard(self, key: str, why: str) -> None:
        self.remade.append(
            f"the {self.label} {self.path(key).name} in {self.folder} was damaged ({why}): it is made again."
        )
        for gone in (self.path(key), self._record(key)):
            try:
                gone.unlink(missing_ok=True)
            except IsADirectoryError:
                pass
            except OSError as exc:
                raise StoreUnusable.from_os_error(self.folder, exc) from None

    def temp_path(self, key: str) -> Path:
        """A new temporary path in the folder for the bytes of ``key``, to be made by anyone (a worker
        process) and then given to :meth:`adopt`. Left behind by a killed build, it is pruned."""
        token = os.urandom(6).hex()
        return self.folder / f".{os.getpid()}-{token}.{key}{self.suffix}.tmp"

    def put(self, key: str, data: bytes, meta: Mapping[str, Any] | None = None) -> Entry:
        """Keep ``data`` as the entry of ``key``."""
        tmp = self.temp_path(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StoreUnusable.from_os_error(self.folder, exc) from None
        return self.adopt(key, tmp, meta)

    def adopt(self, key: str, file: Path, meta: Mapping[str, Any] | None = None) -> Entry:
        """Move ``file`` (in the store's folder, such as a :meth:`temp_path`) in as the entry of ``key``:
        its hash is recorded first, then the bytes are renamed into place, so a reader never sees bytes
        without their record or a record with half its bytes."""
        kept = dict(meta or {})
        rec_tmp = self.temp_path(key + "0")
        try:
            with file.open("rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
            size = file.stat().st_size
            record = {"sha256": digest, "size": size, "meta": kept}
            os.chmod(file, 0o644)  # temporary files are private; a PDF is public
            rec_tmp.write_text(json.dumps(record, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            os.chmod(rec_tmp, 0o644)
            os.replace(file, self.path(key))
            os.replace(rec_tmp, self._record(key))
        except OSError as exc:
            file.unlink(missing_ok=True)
            rec_tmp.unlink(missing_ok=True)
            raise StoreUnusable.from_os_error(self.folder, exc) from None
        return Entry(key, self.path(key), size, kept)

    def prune(self, keep: Iterable[str], *, old_suffixes: Iterable[str] = ()) -> int:
        """Delete entries whose key is not in ``keep``, and temporary files of builds that are no longer
        running. ``old_suffixes`` are files an older version kept beside entries (deleted too). Other
        files (a sub-folder, a file a person put there) are left alone. Returns how many entries went."""
        wanted = set(keep)
        suffixes = {self.suffix, ".json", *old_suffixes}
        removed = 0
        if not self.folder.is_dir():
            return 0
        try:
            for item in self.folder.iterdir():
                name = item.name
                if name.endswith(".tmp"):
                    if _stale_temp(item):
                        item.unlink(missing_ok=True)
                    continue
                key, _, rest = name.partition(".")
                if not _KEY.fullmatch(key) or f".{rest}" not in suffixes or not item.is_file():
                    continue
                if key not in wanted:
                    item.unlink(missing_ok=True)
                    removed += f".{rest}" == self.suffix
        except OSError as exc:
            raise StoreUnusable.from_os_error(self.folder, exc) from None
        return removed


def _stale_temp(path: Path) -> bool:
    """A temporary file whose process has ended, or that is older than :data:`STALE_AFTER`."""
    match = _TEMP.fullmatch(path.name)
    try:
        if time.time() - path.stat().st_mtime > STALE_AFTER:
            return True
    except FileNotFoundError:
        return False
    if match is None:
        return False
    pid = int(match.group(1))
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's running process
        return False
    return False
