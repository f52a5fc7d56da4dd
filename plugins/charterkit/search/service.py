"""Index pages while the site is being built, with Pagefind's service mode.

``pagefind --service`` (the same program :func:`charterkit.search.pagefind.build_index` runs over a
finished site) reads pages sent to it one by one and writes the same index at the end. Sending each page
as soon as it is rendered lets Pagefind index on the second core while the build renders the next pages,
so only the last step, writing the index, is left when the build ends. It is the same index, with the
same settings (:func:`~charterkit.search.pagefind.index_settings`): the pages Pagefind sees are the
pages written to the site.

Pagefind's own Python wrapper waits a tenth of a second for each reply, which makes a site of a thousand
pages take minutes. This client queues each page and returns at once; a thread sends the pages one by one,
each when Pagefind has answered the one before (so the same site always makes the same index), another
reads the replies, and the build waits only for the last one. The protocol: each message is JSON,
base64-encoded, followed by a comma, on the program's standard input; replies come back the same way on
its standard output.

No MkDocs here: ``charterkit/search`` sends each page from ``on_post_page``.
"""

from __future__ import annotations

import base64
import contextlib
import json
import queue
import subprocess
import threading
from pathlib import Path
from typing import IO, Any

from charterkit.search.pagefind import (
    INSTALL_HINT,
    IndexSummary,
    SearchIndexError,
    index_settings,
    page_count,
    pagefind_executable,
    tidy_bundle,
)

__all__ = ["LiveIndex"]

_WAIT = 1800.0
"""Seconds to wait for Pagefind's last reply: as long as the indexing of a finished site may take."""


class LiveIndex:
    """A Pagefind index that pages are added to as they are built; :meth:`write` finishes it."""

    def __init__(self, *, language: str = "en", keep_index_url: bool = False) -> None:
        try:
            self._process = subprocess.Popen(
                [str(pagefind_executable()), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            raise SearchIndexError(
                f"the Pagefind program could not be started ({exc}). {INSTALL_HINT}"
            ) from None
        self._replies: dict[int, dict[str, Any]] = {}
        self._replied = threading.Condition()
        self._ended = False
        self._sent = 0
        self._paths: dict[int, str] = {}
        """Each page sent, by the number of its message: to name it if Pagefind cannot index it."""
        self._outbox: queue.SimpleQueue[tuple[int, bytes] | None] = queue.SimpleQueue()
        self._reader = threading.Thread(target=self._read, name="charterkit-pagefind-read", daemon=True)
        self._writer = threading.Thread(target=self._write, name="charterkit-pagefind-write", daemon=True)
        self._reader.start()
        self._writer.start()
        config = index_settings(language=language, keep_index_url=keep_index_url)
        self._index = int(self._ask({"type": "NewIndex", "config": config})["index_id"])

    def add(self, path: str, html: str) -> None:
        """Send the page written to ``path`` (relative to the site's folder, like ``charters/x/index.html``)
        to be indexed; returns at once."""
        number = self._send(
            {
                "type": "AddFile",
                "index_id": self._index,
                "file_path": path,
                "url": None,
                "file_contents": html,
            }
        )
        self._paths[number] = path

    def write(self, folder: Path) -> IndexSummary:
        """Wait until every page is indexed and write the index to ``folder``; then stop Pagefind."""
        try:
            self._ask({"type": "WriteFiles", "index_id": self._index, "output_path": str(folder)})
        finally:
            self.close()
        tidy_bundle(folder)
        return IndexSummary(pages=page_count(folder))

    def close(self) -> None:
        """Stop Pagefind, whatever it was doing (a failed build writes no index)."""
        self._outbox.put(None)
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()

    # -- the conversation ---------------------------------------------------------------------------

    def _send(self, payload: dict[str, Any]) -> int:
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}, ensure_ascii=False).encode(
            "utf-8"
        )
        self._outbox.put((self._sent, base64.b64encode(message) + b","))
        return self._sent

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send ``payload`` and wait for its reply; Pagefind answers in order, so every earlier message
        has been dealt with by then. Raises :class:`SearchIndexError` if Pagefind reported a problem with
        any message or stopped."""
        number = self._send(payload)
        with self._replied:
            done = self._replied.wait_for(lambda: number in self._replies or self._ended, _WAIT)
            problems = [(n, r) for n, r in self._replies.items() if r.get("type") == "Error"]
            if problems:
                failed, reply = problems[0]
                said = str(reply.get("message", "")).strip() or "it gave no reason"
                page = self._paths.get(failed)
                raise SearchIndexError(f"Pagefind could not index {page or 'the site'}: {said}")
            if number in self._replies:
                return self._replies[number]
        if not done:
            raise SearchIndexError("Pagefind could not index the site: it took over 30 minutes.")
        code = self._process.wait()
        raise SearchIndexError(
            f"Pagefind could not index the site: it stopped (exit code {code}) before it finished the index."
        )

    def _write(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            while (item := self._outbox.get()) is not None:
                number, message = item
                stdin.write(message)
                stdin.flush()
                # One page at a time: Pagefind numbers pages in the order it finishes them, and the
                # same site must make the same index (a reproducible build).
                if not self._answered(number):
                    return
        except (OSError, ValueError):  # Pagefind stopped: the reader reports it
            pass
        finally:
            with contextlib.suppress(OSError):
                stdin.close()

    def _answered(self, number: int) -> bool:
        """Wait for the reply to message ``number``; False if Pagefind stopped first."""
        with self._replied:
            self._replied.wait_for(lambda: number in self._replies or self._ended)
            return number in self._replies

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        try:
            for reply in _replies(stdout):
                number = reply.get("message_id")
                payload = reply.get("payload") or {}
                with self._replied:
                    # A reply that could not be matched (Pagefind could not read the message) is an error.
                    self._replies[int(number) if number is not None else -1] = payload
                    self._replied.notify_all()
        finally:
            with self._replied:
                self._ended = True
                self._replied.notify_all()


def _replies(stream: IO[bytes]) -> Any:
    """Each reply Pagefind writes to ``stream``, decoded, until it closes it."""
    pending = b""
    while chunk := stream.read1(1 << 20):  # type: ignore[attr-defined]
        pending += chunk
        *whole, pending = pending.split(b",")
        for message in whole:
            try:
                yield json.loads(base64.b64decode(message))
            except ValueError:
                yield {"message_id": None, "payload": {"type": "Error", "message": "an unreadable reply"}}
