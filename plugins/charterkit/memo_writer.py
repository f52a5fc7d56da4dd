"""Kept results written to their folder by a process of its own, so the build never waits on the disk.

Writing one kept result makes two files (its bytes and its checked record), which takes a millisecond or
more on many disks, and a first build of a thousand charters keeps thousands of results. A thread of the
build's own process would take turns with the build for Python's lock at every step of every write;
a process of its own does not. :class:`StoreWriter` sends each result (its key and bytes, each preceded by
its length) down a pipe to ``python -m charterkit.memo_writer FOLDER SUFFIX``, which puts each into the
:class:`~charterkit.store.Store` as the build would have. :meth:`StoreWriter.close` waits until all are
written. A result that cannot be written (a full disk, a folder that is not one) only costs time: it is
made again by the next build.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path
from typing import IO

from charterkit.store import Store, StoreUnusable

__all__ = ["StoreWriter"]

_PIPE_BYTES = 1 << 20
"""The pipe holds this much (Linux), so the build rarely waits to hand a result over."""


class StoreWriter:
    """Hands results over to the writing process, started at the first one."""

    def __init__(self, folder: Path, suffix: str, label: str) -> None:
        self.folder, self.suffix, self.label = folder, suffix, label
        self._process: subprocess.Popen[bytes] | None = None

    def put(self, key: str, data: bytes) -> None:
        """Have ``data`` kept under ``key``: at once (or, if no process can be started, when written)."""
        pipe = self._pipe()
        if pipe is not None:
            try:
                encoded = key.encode("ascii")
                pipe.write(len(encoded).to_bytes(4, "big") + len(data).to_bytes(8, "big") + encoded + data)
                return
            except (OSError, ValueError):  # the process stopped: write this one here
                self._process = None
        _put(Store(self.folder, suffix=self.suffix, label=self.label), key, data)

    def close(self) -> None:
        """Wait until every result handed over is written."""
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(OSError, ValueError):
            assert process.stdin is not None
            process.stdin.close()
        process.wait()

    def _pipe(self) -> IO[bytes] | None:
        if self._process is None:
            try:
                self._process = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "charterkit.memo_writer",
                        str(self.folder),
                        self.suffix,
                        self.label,
                    ],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                return None
            assert self._process.stdin is not None
            _widen(self._process.stdin)
        return self._process.stdin


def _widen(pipe: IO[bytes]) -> None:
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), _PIPE_BYTES)
    except (ImportError, OSError):
        pass  # a smaller pipe only means more waiting


def _put(store: Store, key: str, data: bytes) -> None:
    with contextlib.suppress(StoreUnusable, OSError, ValueError):  # costs only time next build
        store.put(key, data)


def _take(stream: IO[bytes], count: int) -> bytes:
    data = stream.read(count)
    if len(data) != count:
        raise EOFError
    return data


def _main(folder: str, suffix: str, label: str) -> int:
    store = Store(Path(folder), suffix=suffix, label=label)
    results = sys.stdin.buffer
    with contextlib.suppress(EOFError):
        while True:
            head = _take(results, 12)
            key = _take(results, int.from_bytes(head[:4], "big")).decode("ascii")
            _put(store, key, _take(results, int.from_bytes(head[4:], "big")))
    return 0


if __name__ == "__main__":
    sys.exit(_main(*sys.argv[1:4]))
