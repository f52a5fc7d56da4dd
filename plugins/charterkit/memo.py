"""Each charter's work done once: what loading and scoring a charter produce, kept by content.

A result is kept under a key that hashes everything it depends on: the charter file's bytes and the name
it is shown by, the settings that shape the result (readability targets), and charterkit's own code and
data and the versions of the libraries it uses. The key names no folder, so a project copied elsewhere (a
CI workspace restored from a cache, a colleague's clone) finds every entry again.

Results live in memory for the life of the process (``mkdocs serve`` rebuilds reuse them at once) and on
disk in a :class:`BytesStore` (:class:`~charterkit.kept_db.KeptDatabase`, one database file in the cache
folder): every entry on disk is checked against the sha256 of its bytes before use; a damaged one is made
again.
Entries are pickles read by an unpickler that accepts only charterkit's own classes and plain values,
so a planted file can build nothing else.

Cold work (many charters not yet kept) is spread over the machine's cores with a process pool.
"""

from __future__ import annotations

import gc
import hashlib
import io
import logging
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from charterkit.kept_db import KeptDatabase, flush_stores

__all__ = [
    "MEMO_FORMAT",
    "BytesStore",
    "KeptDatabase",
    "Memo",
    "code_fingerprint",
    "collect_when_idle",
    "collector_paused",
    "flush_stores",
    "hold_collector",
    "parallel_map",
    "set_aside",
]

log = logging.getLogger("mkdocs.plugins.charterkit.memo")

MEMO_FORMAT = "1"
"""Bumped when what is kept changes shape in a way the code fingerprint would not show."""

POOL_THRESHOLD = 24
"""Fewer items than this are done in this process: starting workers would cost more than it saves."""

_LIBRARIES = ("pydantic", "pydantic-core", "pyyaml", "pyphen", "mkdocs-material", "pagefind_bin")

T = TypeVar("T")
R = TypeVar("R")


class BytesStore(Protocol):
    """Where kept results live: bytes by key, each checked before it is given back."""

    def read(self, key: str) -> bytes | None:
        """The bytes kept under ``key``, or None when there are none or they are damaged."""

    def write(self, key: str, data: bytes) -> None:
        """Keep ``data`` under ``key`` (atomically: a reader sees all of it or nothing)."""


@cache
def code_fingerprint() -> str:
    """A hash of charterkit's own code and data files and of the libraries' versions that shape results:
    any change to the code (even in an editable install, whose version does not change) is a new key."""
    h = hashlib.sha256(MEMO_FORMAT.encode())
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yml", ".json") and "__pycache__" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{name}={version}\0".encode())
    return h.hexdigest()


def memo_key(kind: str, *parts: bytes | str) -> str:
    """The key of one result: its kind, its inputs (length-prefixed) and the code fingerprint."""
    h = hashlib.sha256()
    for part in (code_fingerprint(), kind, *parts):
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


_ALLOWED_MODULES = ("charterkit.", "pydantic", "pydantic_core")
_ALLOWED_GLOBALS = {
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "dict"),
    ("builtins", "list"),
    ("builtins", "tuple"),
    ("builtins", "object"),
    ("copyreg", "_reconstructor"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("pathlib", "Path"),
}


class _Unpickler(pickle.Unpickler):
    """Builds only charterkit's classes, pydantic's model plumbing and plain containers."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED_GLOBALS or module.startswith(_ALLOWED_MODULES):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a kept result")


def _loads(data: bytes) -> Any:
    return _Unpickler(io.BytesIO(data)).load()


class Memo(Generic[R]):
    """Results of one kind of work, by key: in memory for this process, and in ``store``."""

    _memory: ClassVar[dict[str, Any]] = {}
    """Shared by every Memo of the process, so that ``mkdocs serve`` rebuilds find earlier results."""

    def __init__(self, kind: str, store: BytesStore | None) -> None:
        self.kind = kind
        self.store = store
        self.hits = 0
        self.made = 0

    def key(self, *parts: bytes | str) -> str:
        """The key of a result of this kind made from ``parts``."""
        return memo_key(self.kind, *parts)

    def get(self, key: str) -> R | None:
        """The kept result of ``key``, or None."""
        if key in self._memory:
            self.hits += 1
            return self._memory[key]  # type: ignore[no-any-return]
        if self.store is None:
            return None
        data = self.store.read(key)
        if data is None:
            return None
        try:
            value = _loads(data)
        except Exception as exc:  # damaged, or from code that no longer matches: make it again
            log.debug(f"a kept {self.kind} result cannot be read ({exc}): it is made again")
            return None
        self._memory[key] = value
        self.hits += 1
        return value  # type: ignore[no-any-return]

    def put(self, key: str, value: R) -> None:
        """Keep ``value`` as the result of ``key``."""
        self._memory[key] = value
        self.made += 1
        if self.store is not None:
            self.store.write(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def set_aside(*, collect: bool = False) -> None:
    """Keep Python's garbage collector off every object alive now, for the rest of the process
    (``gc.freeze``). It goes through every object each time their number grows by a quarter: seconds at
    1,000 charters, for what a build holds to its end. Nothing gives them back (:func:`parallel_map`
    leaves them as they are). With ``collect``, garbage is collected first, so that none is kept (the
    preview, which outlives each build's pages)."""
    if collect:
        gc.collect()
    gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's garbage collector paused in this process while many objects that live on are made (a
    thousand kept charters read back, or sent back by the workers of :func:`parallel_map`, which keep
    their own collector). It goes through every object each time their number has grown by a quarter:
    six times while a build read back 1,000 kept charters, 0.75 s. Reading charters makes little
    garbage that only the collector frees (cycles); it goes on afterwards as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_IDLE_LOCK = threading.Lock()
_IDLE: list[threading.Timer] = []
"""The pending collection of :func:`collect_when_idle` (at most one)."""

LONGEST_HOLD = 30.0
"""Seconds the collector stays off at most (a rebuild that fails never reaches collect_when_idle)."""


def hold_collector() -> None:
    """Turn Python's garbage collector off until :func:`collect_when_idle`'s time comes (at most
    :data:`LONGEST_HOLD` seconds): for the preview's rebuilds, whose wait it was part of (at 1,000
    charters, full rounds over the last rebuilds' garbage took up to 0.2 s of an edit's 2 s)."""
    with _IDLE_LOCK:
        _cancel_idle()
        gc.disable()
        _start_idle(LONGEST_HOLD)


def collect_when_idle(delay: float = 2.0) -> None:
    """Collect the garbage and turn the collector on again ``delay`` seconds from now, in a thread of its
    own, unless :func:`hold_collector` is called first: once the edited page is shown, not meanwhile."""
    with _IDLE_LOCK:
        _cancel_idle()
        _start_idle(delay)


def _cancel_idle() -> None:
    while _IDLE:
        _IDLE.pop().cancel()


def _start_idle(delay: float) -> None:
    timer = threading.Timer(delay, _collect_now)
    timer.name, timer.daemon = "charterkit-collector", True
    _IDLE.append(timer)
    timer.start()


def _collect_now() -> None:
    with _IDLE_LOCK:
        if not _IDLE or _IDLE[0] is not threading.current_thread():
            return  # held again since: the next collect_when_idle collects
        _IDLE.clear()
        gc.collect()
        gc.enable()


def parallel_map(work: Callable[[T], R], items: Sequence[T], *, workers: int = 0) -> list[R]:
    """``[work(item) for item in items]``, over a process pool when there are enough items and cores.

    ``work`` must be a module-level function and items and results picklable. ``workers`` 0 means one per
    core; 1 means here, in this process.
    """
    count = workers or os.cpu_count() or 1
    if count < 2 or len(items) < POOL_THRESHOLD:
        return [work(item) for item in items]
    flush_stores()  # results kept so far are written once, by this process, not copied into each worker
    # fork where there is one: workers start with charterkit already imported, in milliseconds.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, len(items) // (count * 4))
    # A forked worker shares this process's memory until either writes to it. Python's collector writes
    # to every object it visits, so what is here now is kept from it (gc.freeze) while the workers run:
    # each process then copies only the memory it really changes.
    # What was kept from it before (the preview keeps what its first build left) stays as it is: what
    # came since is not frozen with it, or a long preview would keep every rebuild's pages for ever.
    set_aside_before = gc.get_freeze_count() > 0
    if not set_aside_before:
        gc.freeze()
    try:
        # A worker collects its own garbage, even when this process has paused its collector.
        with ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=gc.enable) as pool:
            rest = pool.map(work, items[1:], chunksize=chunk)  # every worker is started here, first
            # The first item is done in this process while the workers do the rest, so that this process
            # has loaded what the work needs: the preview's next rebuild reads and scores one charter
            # here, and the first time costs ten times the next (80 ms against 8 to score a charter).
            first = work(items[0])
            return [first, *rest]
    finally:
        if not set_aside_before:
            gc.unfreeze()
