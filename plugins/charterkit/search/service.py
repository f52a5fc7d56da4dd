"""Index pages while the site is being built, with Pagefind's service mode.

``pagefind --service`` (the same program :func:`charterkit.search.pagefind.build_index` runs over a
finished site) reads pages sent to it one by one and writes the same index at the end. Sending each page
as soon as it is rendered lets Pagefind index on the second core while the build renders the next pages,
so only the last step, writing the index, is left when the build ends. It is the same index, with the
same settings (:func:`~charterkit.search.pagefind.index_settings`): the pages Pagefind sees are the
pages written to the site.

Two processes share the work, so the build's own process does nothing but hand each page over:

- :class:`LiveIndex`, in the build, writes each page (its path and HTML, each preceded by its length) to
  a small Python process and returns at once;
- that process (this module, run as ``python -m charterkit.search.service``) reads them as they come,
  so the build never waits, and sends them to Pagefind one at a time, each when Pagefind has answered
  the one before (Pagefind numbers pages in the order it finishes them, and the same site must make the
  same index); at the end it asks Pagefind to write the index and prints the outcome as one line of
  JSON.

Pagefind's protocol: each message is JSON, base64-encoded, followed by a comma, on the program's standard
input; replies come back the same way on its standard output. Pagefind's own Python wrapper waits a tenth
of a second for each reply, which makes a site of a thousand pages take minutes; this does not.

No MkDocs here: ``charterkit/search`` sends each page from ``on_post_page``.
"""

from __future__ import annotations

import base64
import contextlib
import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any, NoReturn

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

_PIPE_BYTES = 1 << 20
"""The pipe to the indexing process holds this much (Linux), so the build rarely waits to hand a page over."""


class LiveIndex:
    """A Pagefind index that pages are added to as they are built; :meth:`write` finishes it."""

    def __init__(self, *, language: str = "en", keep_index_url: bool = False) -> None:
        settings = json.dumps(index_settings(language=language, keep_index_url=keep_index_url))
        try:
            executable = str(pagefind_executable())
            self._process = subprocess.Popen(
                [sys.executable, "-m", "charterkit.search.service", executable, settings],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            raise SearchIndexError(
                f"the Pagefind program could not be started ({exc}). {INSTALL_HINT}"
            ) from None
        assert self._process.stdin is not None
        self._pages: IO[bytes] = self._process.stdin
        _widen(self._pages)

    def add(self, path: str, html: str) -> None:
        """Hand over the page written to ``path`` (relative to the site's folder, like
        ``charters/x/index.html``) to be indexed."""
        with contextlib.suppress(OSError, ValueError):  # the indexing process stopped: write() says why
            _put(self._pages, path.encode("utf-8"), html.encode("utf-8", errors="surrogatepass"))

    def write(self, folder: Path) -> IndexSummary:
        """Wait until every page is indexed and write the index to ``folder``; then stop."""
        try:
            _put(self._pages, b"", str(folder).encode("utf-8"))  # no path: the end, and where to write
            self._pages.close()
        except (OSError, ValueError):
            pass
        assert self._process.stdout is not None
        outcome = _outcome(self._process.stdout.read())  # one line, when the index is written
        self._process.wait()
        if outcome.get("problem") or self._process.returncode != 0:
            problem = outcome.get("problem") or f"it stopped (exit code {self._process.returncode})."
            raise SearchIndexError(f"Pagefind could not index {outcome.get('page') or 'the site'}: {problem}")
        tidy_bundle(folder)
        return IndexSummary(pages=page_count(folder))

    def close(self) -> None:
        """Stop indexing, whatever it was doing (a failed build writes no index)."""
        with contextlib.suppress(OSError, ValueError):
            self._pages.close()
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()


def _widen(pipe: IO[bytes]) -> None:
    """Let ``pipe`` hold :data:`_PIPE_BYTES` where the system allows it; a smaller one only means more
    waiting."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), _PIPE_BYTES)
    except (ImportError, OSError):
        pass


def _put(stream: IO[bytes], path: bytes, body: bytes) -> None:
    stream.write(len(path).to_bytes(4, "big") + len(body).to_bytes(8, "big") + path + body)


def _outcome(said: bytes) -> dict[str, Any]:
    try:
        found = json.loads(said.decode("utf-8").strip().splitlines()[-1])
        return found if isinstance(found, dict) else {}
    except (ValueError, IndexError):
        return {}


# -- the indexing process ---------------------------------------------------------------------------


class _Pagefind:
    """One conversation with ``pagefind --service``: a message, then its reply."""

    def __init__(self, executable: str) -> None:
        self.process = subprocess.Popen(
            [executable, "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.sent = 0

    def ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.sent += 1
        message = json.dumps({"message_id": self.sent, "payload": payload}, ensure_ascii=False)
        try:
            self.process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
            self.process.stdin.flush()
        except OSError:  # it has stopped
            self._stopped()
        reply = bytearray()
        while not reply.endswith(b","):
            chunk = self.process.stdout.read1(1 << 16)  # type: ignore[attr-defined]
            if not chunk:
                self._stopped()
            reply += chunk
        answer = json.loads(base64.b64decode(bytes(reply[:-1])))
        payload_back: dict[str, Any] = answer.get("payload") or {}
        if payload_back.get("type") == "Error":
            raise SearchIndexError(str(payload_back.get("message", "")).strip() or "it gave no reason.")
        return payload_back

    def _stopped(self) -> NoReturn:
        code = self.process.wait()
        raise SearchIndexError(f"it stopped (exit code {code}) before it finished the index.")


def _take(stream: IO[bytes], count: int) -> bytes:
    data = stream.read(count)
    if len(data) != count:
        raise EOFError
    return data


def _receive(stream: IO[bytes], pages: queue.SimpleQueue[tuple[str, str] | None]) -> None:
    """Read every page the build sends, as it sends it, so the build never waits on Pagefind; None
    when the build stopped sending without saying where to write the index (it failed)."""
    try:
        while True:
            head = _take(stream, 12)
            path = _take(stream, int.from_bytes(head[:4], "big")).decode("utf-8")
            body = _take(stream, int.from_bytes(head[4:], "big")).decode("utf-8", errors="surrogatepass")
            pages.put((path, body))
            if not path:
                return
    except (EOFError, OSError, ValueError):
        pages.put(None)


def _feed(executable: str, settings: str) -> int:
    """Send each page read from standard input to Pagefind, then write the index; print the outcome."""
    pages: queue.SimpleQueue[tuple[str, str] | None] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(sys.stdin.buffer, pages), daemon=True).start()
    page = ""
    try:
        pagefind = _Pagefind(executable)
        index = pagefind.ask({"type": "NewIndex", "config": json.loads(settings)})["index_id"]
        while (item := pages.get()) is not None:
            page, body = item
            if not page:  # no path: the end, and the folder to write the index to
                pagefind.ask({"type": "WriteFiles", "index_id": index, "output_path": body})
                print(json.dumps({"written": True}), flush=True)
                return 0
            pagefind.ask(
                {"type": "AddFile", "index_id": index, "file_path": page, "url": None, "file_contents": body}
            )
    except (SearchIndexError, OSError) as exc:
        print(json.dumps({"problem": str(exc), "page": page}), flush=True)
    return 1  # or the build stopped sending: it failed, and writes no index


if __name__ == "__main__":
    sys.exit(_feed(sys.argv[1], sys.argv[2]))
