"""Kept results in one SQLite database file, each checked against the hash of its bytes before use.

What :mod:`charterkit.memo` keeps (each charter's checked data and scores, whole pages, the search index)
is thousands of small results. Kept as files, each took two new files, and making a file costs a
millisecond or more of the system's time on many disks: more, at a thousand charters, than making the
results. So they live as rows of one database, ``kept.sqlite3`` in the cache folder, a file the Python
standard library reads and writes (:mod:`sqlite3`).

- Each row holds a result's bytes and their sha256; :meth:`KeptDatabase.read` gives the bytes only when
  they still hash to it, and deletes the row when they do not.
- :meth:`KeptDatabase.write` keeps results in memory; :meth:`KeptDatabase.flush` writes them in one
  transaction (the build calls it before starting worker processes and when it ends, and Python at exit).
- Each process that opens it counts as a build (the preview's rebuilds are one); a result not used for
  :data:`KEEP_BUILDS` builds (:data:`REFRESH_AFTER`) is deleted then, and the file gives the space back,
  so it does not grow for ever with results of charters since edited.
- A database that is damaged as a whole is deleted and begun again; one that cannot be opened or written
  (a read-only folder, a full disk) only costs time: every result is made again. Neither is an error of
  the build, and neither is a charter's fault.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import logging
import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

from charterkit.store import Store, StoreUnusable

__all__ = ["DATABASE", "KEEP_BUILDS", "REFRESH_AFTER", "KeptDatabase", "flush_stores"]

log = logging.getLogger("mkdocs.plugins.charterkit.memo")

DATABASE = "kept.sqlite3"
"""The database's file name, in the cache folder (``cache_dir`` in ``mkdocs.yml``)."""

KEEP_BUILDS = 20
"""A kept result that no build has read or written in this many builds is deleted."""

REFRESH_AFTER = KEEP_BUILDS // 4
"""A result read is marked as used only when its mark is this many builds old: marking rewrites the row
(a warm build at 100 charters: 0.1 s for 29 MB). A result read by every build is marked every 5."""

SCHEMA_VERSION = 1
"""The tables' shape; a file of another shape is emptied and begun again."""

_BUILDS: dict[tuple[str, int], int] = {}
"""The build number each database was given in this process: one, however many times the preview
rebuilds (results it keeps in memory are not read again from the file: its rebuilds must not age them)."""

_FLUSH_BYTES = 32 << 20
"""Results waiting in memory are written once they hold this much."""

# The small columns come before the bytes, which SQLite keeps on pages of their own when they are long:
# finding old results by their last use (indexed) reads none of them.

_SCHEMA = """
CREATE TABLE kept (
    key TEXT PRIMARY KEY,
    used INTEGER NOT NULL,
    sha256 BLOB NOT NULL,
    data BLOB NOT NULL
);
CREATE INDEX kept_by_use ON kept (used);
CREATE TABLE state (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


def _digest(key: str, data: bytes) -> bytes:
    """The hash a row is checked against, of its key too: a row under another key (a damaged index) fails."""
    return hashlib.sha256(key.encode("ascii") + b"\0" + data).digest()


class KeptDatabase:
    """Kept results by key in ``folder / kept.sqlite3`` (see the module's notes)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / DATABASE
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None
        self._pid = os.getpid()
        """The process that made it: a worker forked from it neither reads nor writes."""
        self._build = 0
        self._broken = False
        self._pending: dict[str, bytes] = {}
        self._pending_bytes = 0
        self._touched: set[str] = set()
        self._helper = False
        """In a helper process (:meth:`begin_helper`): it reads; the build's process writes what it made."""
        self._inherited: sqlite3.Connection | None = None
        """In a helper, the build's connection: kept, never used, never closed."""
        _OPEN.add(self)

    # -- the BytesStore API -------------------------------------------------------------------------

    def read(self, key: str) -> bytes | None:
        """The bytes kept under ``key``, or None when there are none or they are damaged."""
        with self._lock:
            if key in self._pending:
                return self._pending[key]
            db = self._connection()
            if db is None:
                return None
            try:
                row = db.execute("SELECT used, sha256, data FROM kept WHERE key = ?", (key,)).fetchone()
            except sqlite3.DatabaseError as exc:
                self._damaged(exc)
                return None
            if row is None:
                return None
            used, wanted, data = row
            if _digest(key, data) != wanted:
                log.debug(f"the kept result {key} in {self.path} was damaged: it is made again")
                with contextlib.suppress(sqlite3.DatabaseError):
                    db.execute("DELETE FROM kept WHERE key = ?", (key,))
                return None
            if not self._build or self._build - used >= REFRESH_AFTER:  # (a helper has the build's number)
                self._touched.add(key)
            return bytes(data)

    def write(self, key: str, data: bytes) -> None:
        """Keep ``data`` under ``key``: in memory now, in the database at the next :meth:`flush`."""
        with self._lock:
            if self._pid != os.getpid():
                return
            self._pending[key] = data
            self._pending_bytes += len(data)
            if self._pending_bytes >= _FLUSH_BYTES:
                self.flush()

    def begin_helper(self) -> None:
        """In a process forked from the build's: read the database through a connection of its own, and
        keep what it makes and uses for :meth:`helper_results` instead of writing them."""
        with self._lock:
            self._pid = os.getpid()
            self._helper = True
            self._inherited = self._db  # the build's connection: never used here, and kept (not closed)
            self._db = None
            self._pending, self._pending_bytes, self._touched = {}, 0, set()

    def helper_results(self) -> tuple[dict[str, bytes], set[str]]:
        """What a helper process made (by key) and read, for :meth:`take_helper_results`."""
        with self._lock:
            return dict(self._pending), set(self._touched)

    def take_helper_results(self, made: dict[str, bytes], used: set[str]) -> None:
        """Keep what a helper process made, and count what it read as used, as if done here."""
        with self._lock:
            self._touched |= used
        for key, data in made.items():
            self.write(key, data)

    def flush(self) -> None:
        """Write every result given to :meth:`write` (or drop them, if the database cannot be written)."""
        if self._helper:
            return  # the build's process writes them (helper_results)
        with self._lock:
            pending, self._pending, self._pending_bytes = self._pending, {}, 0
            touched, self._touched = self._touched - pending.keys(), set()
            if not pending and not touched:
                return
            db = self._connection()
            if db is None:
                return
            rows = [(k, self._build, _digest(k, v), v) for k, v in pending.items()]
            try:
                with _transaction(db):
                    db.executemany("INSERT OR REPLACE INTO kept VALUES (?, ?, ?, ?)", rows)
                    db.executemany(
                        "UPDATE kept SET used = ? WHERE key = ?", [(self._build, k) for k in touched]
                    )
            except sqlite3.DatabaseError as exc:  # a full disk, a read-only folder: costs only time
                log.debug(f"cannot write kept results to {self.path}: {exc}")

    # -- the database -------------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection | None:
        """The open database of this process, opened (and this build counted) at first use."""
        if self._broken:
            return None
        if self._pid != os.getpid():
            return None
        if self._db is not None:
            return self._db
        for attempt in (1, 2):
            try:
                self._db = self._open()
                return self._db
            except sqlite3.DatabaseError as exc:
                if attempt == 2 or not self._remove_damaged(exc):
                    break
            except OSError as exc:
                log.debug(f"cannot use the kept results in {self.folder}: {exc}")
                break
        self._broken = True
        return None

    def _open(self) -> sqlite3.Connection:
        if self._helper:  # read only: the build's process counts the build and writes
            db = sqlite3.connect(
                f"{self.path.as_uri()}?mode=ro", uri=True, timeout=60, check_same_thread=False
            )
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version != SCHEMA_VERSION:
                db.close()
                raise OSError(f"{self.path} is being made again")
            return db
        self.folder.mkdir(parents=True, exist_ok=True)
        _remove_files_of_older_versions(self.folder)
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA synchronous = OFF")  # a cache: a torn write is found by its hash
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version != SCHEMA_VERSION:  # new, or kept by another version of charterkit
                db.executescript("DROP TABLE IF EXISTS kept; DROP TABLE IF EXISTS state;")
                db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # before the tables: space given back
                db.execute("VACUUM")  # (an existing file takes the setting only when rewritten)
                db.executescript(_SCHEMA)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            counted = _BUILDS.get((str(self.path), os.getpid()))
            if counted is not None:  # the preview's next rebuild: the same build as far as age goes
                self._build = counted
                return db
            with _transaction(db):
                db.execute("INSERT OR IGNORE INTO state VALUES ('builds', 0)")
                db.execute("UPDATE state SET value = value + 1 WHERE name = 'builds'")
                (self._build,) = db.execute("SELECT value FROM state WHERE name = 'builds'").fetchone()
                gone = db.execute("DELETE FROM kept WHERE used < ?", (self._build - KEEP_BUILDS,))
            if gone.rowcount:
                db.executescript("PRAGMA incremental_vacuum;")  # the file shrinks by what went
            _BUILDS[(str(self.path), os.getpid())] = self._build
        except BaseException:
            db.close()
            raise
        return db

    def _damaged(self, exc: sqlite3.DatabaseError) -> None:
        """A database damaged while in use: begun again at the next use."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None
        if not self._remove_damaged(exc):
            self._broken = True

    def _remove_damaged(self, exc: sqlite3.DatabaseError) -> bool:
        """Delete a damaged database file; False when it is not damaged but unusable (locked, read-only)."""
        if self._helper or getattr(exc, "sqlite_errorcode", None) not in (
            sqlite3.SQLITE_CORRUPT,
            sqlite3.SQLITE_NOTADB,
        ):
            log.debug(f"cannot use the kept results in {self.path}: {exc}")
            return False
        log.info(f"charterkit: the kept results in {self.path} were damaged ({exc}): they are made again.")
        try:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        except OSError:
            return False
        return True


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One transaction: committed at the end, rolled back on an error (the connection never commits)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _remove_files_of_older_versions(folder: Path) -> None:
    """Kept results of older versions were files (``KEY.memo`` and ``KEY.json``): delete them."""
    if any(folder.glob("*.memo")):
        with contextlib.suppress(OSError, StoreUnusable):  # a read-only folder: they stay
            Store(folder, suffix=".memo").prune(())


_OPEN: weakref.WeakSet[KeptDatabase] = weakref.WeakSet()
"""Every database of the process, written out before a process pool starts and when Python exits."""


def flush_stores() -> None:
    """Write what every :class:`KeptDatabase` of the process holds in memory."""
    for store in list(_OPEN):
        store.flush()


atexit.register(flush_stores)
