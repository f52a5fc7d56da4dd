"""The preview hears of a save at once: the observer charterkit gives MkDocs' server."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from charterkit.mkdocs.charters import watching
from charterkit.mkdocs.charters.watching import hear_changes_at_once
from mkdocs.livereload import LiveReloadServer

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveReloadServer]:
    made = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    yield made
    if made.observer.is_alive():
        made.observer.stop()
        made.observer.join()
    made.server_close()


def _asked_to_rebuild(server: LiveReloadServer, within: float = 2.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with server._rebuild_cond:
            if server._want_rebuild:
                server._want_rebuild = False
                return True
        time.sleep(0.02)
    return False


def test_saves_rebuild_reads_do_not_and_a_file_replaced_twice_is_still_watched(
    tmp_path: Path, server: LiveReloadServer
) -> None:
    charters = tmp_path / "charters"
    charters.mkdir()
    (charters / "a.yml").write_text("title: A\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    server.watch(str(charters))
    server.watch(str(config))
    assert hear_changes_at_once(server)
    server.observer.start()
    time.sleep(0.6)  # the polling side's first look
    (charters / "a.yml").read_text(encoding="utf-8")
    assert not _asked_to_rebuild(server, within=0.8)
    (charters / "a.yml").write_text("title: B\n", encoding="utf-8")
    assert _asked_to_rebuild(server, within=0.5)  # at once, not at the next half-second look
    for text in ("site_name: y\n", "site_name: z\n"):  # saved as editors do: a new file renamed over
        new = tmp_path / ".mkdocs.yml.new"
        new.write_text(text, encoding="utf-8")
        os.replace(new, config)
        assert _asked_to_rebuild(server), text


def test_a_shared_file_system_keeps_the_half_second_look(
    tmp_path: Path, server: LiveReloadServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.watch(str(tmp_path))
    polling = server.observer
    monkeypatch.setattr(watching, "_file_system", lambda path: "nfs4")
    assert not hear_changes_at_once(server)
    assert server.observer is polling


def test_no_inotify_instance_left_keeps_the_half_second_look(
    tmp_path: Path, server: LiveReloadServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from watchdog.observers import inotify

    def refuse(*args: object, **kwargs: object) -> None:  # as inotify_init says when none is left
        raise OSError(24, "Too many open files")

    server.watch(str(tmp_path))
    polling = server.observer
    monkeypatch.setattr(inotify.InotifyObserver, "__init__", refuse)
    assert not hear_changes_at_once(server)  # no traceback: the preview still starts
    assert server.observer is polling


def test_no_inotify_left_keeps_the_half_second_look(
    tmp_path: Path, server: LiveReloadServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.watch(str(tmp_path))
    polling = server.observer
    monkeypatch.setattr(watching, "_native_observer", lambda: None)
    assert not hear_changes_at_once(server)
    assert server.observer is polling
