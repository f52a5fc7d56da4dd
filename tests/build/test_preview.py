"""The live preview (``mkdocs serve --dirty``, as ``make serve`` runs it) never serves a stale page.

Each test starts the preview on a loopback port with a small project, changes a charter as an editor
would (edit, rename, delete) and polls the served pages until they show the change. The timeouts are
generous: they catch a page that never changes, not a slow machine.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, make_project
from tests.pagefind_index import read_index

WAIT = 120.0


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def _until(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    pytest.fail(f"the preview never showed {what}")


class Preview:
    def __init__(self, project: Path, base: str, log: Path) -> None:
        self.project = project
        self.base = base
        self.log = log

    def rebuilds(self) -> int:
        """How many times the preview has started a rebuild, by its log."""
        return self.log.read_text(encoding="utf-8").count("Detected file changes")

    def page(self, path: str) -> tuple[int, str]:
        return _get(self.base + path)

    def search_text(self) -> str:
        """The served search index (Pagefind's, written a moment after each rebuild) as one text."""

        def read(name: str) -> bytes | None:
            try:
                with urllib.request.urlopen(f"{self.base}pagefind/{name}", timeout=10) as response:
                    return bytes(response.read())
            except OSError:
                return None

        try:
            pages = read_index(read)
        except (ValueError, KeyError, EOFError):  # read while Pagefind was writing it
            return ""
        return json.dumps([(p.url, p.title, p.content) for p in pages])

    def charter(self, name: str) -> Path:
        return self.project / "charters" / name


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    charters = {
        "alpha.yml": MINIMAL.replace("A test charter", "Alpha charter"),
        "beta.yml": MINIMAL.replace("A test charter", "Beta charter"),
    }
    project = make_project(tmp_path, charters)
    port = _port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHARTERKIT_PDF": "0"}
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        shown = Preview(project, f"http://127.0.0.1:{port}/", tmp_path / "serve.log")
        _until(lambda: "Alpha charter" in shown.page("charters/alpha/")[1], "the first build")
        time.sleep(1)  # the watcher starts after the first build
        yield shown
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()


def _shows(preview: Preview, page: str, text: str) -> bool:
    return text in preview.page(page)[1]


def test_an_edited_charter_is_served_at_once_in_its_page_the_list_and_search(preview: Preview) -> None:
    path = preview.charter("alpha.yml")
    path.write_text(
        path.read_text(encoding="utf-8").replace("Alpha charter", "Gamma charter"), encoding="utf-8"
    )
    _until(lambda: "Gamma charter" in preview.page("charters/alpha/")[1], "the edited title on its page")
    _until(lambda: "Gamma charter" in preview.page("charters/")[1], "the edited title in the list")
    assert "Alpha charter" not in preview.page("charters/")[1]
    # Every list that shows it: its sector, its theme and the themes matrix.
    for page in ("charters/sector/testing/", "charters/themes/listening/", "charters/matrix/"):
        _until(partial(_shows, preview, page, "Gamma charter"), f"the edited title on {page}")
        assert "Alpha charter" not in preview.page(page)[1], page
        assert "Beta charter" in preview.page(page)[1], page
    _until(lambda: "Gamma charter" in preview.page("readability/")[1], "the edited title in the report")
    # The files made beside the pages: its open data and the catalogue the filter reads.
    for data in ("data/charters/alpha.json", "data/charters.json", "charters/catalogue.json"):
        _until(partial(_shows, preview, data, "Gamma charter"), f"the edited title in {data}")
        assert "Alpha charter" not in preview.page(data)[1], data
    assert "Beta charter" in preview.page("data/charters/beta.json")[1]
    _until(lambda: "Gamma charter" in preview.search_text(), "the edited title in search")
    search = preview.search_text()
    assert "Alpha charter" not in search
    assert "Beta charter" in search  # the other charter's entries are kept


def test_a_save_rebuilds_once_and_reading_a_charter_rebuilds_nothing(preview: Preview) -> None:
    # The preview hears of a save from the system at once: only a change counts, never a file being
    # read (by an editor, or by the build itself, which updates the file's access time after an edit).
    path = preview.charter("alpha.yml")
    before = preview.rebuilds()
    path.read_text(encoding="utf-8")
    time.sleep(1.5)
    assert preview.rebuilds() == before
    path.write_text(
        path.read_text(encoding="utf-8").replace("Alpha charter", "Delta charter"), encoding="utf-8"
    )
    _until(lambda: "Delta charter" in preview.page("charters/alpha/")[1], "the edited title on its page")
    time.sleep(2)  # a rebuild started by the build's own reading would have begun by now
    assert preview.rebuilds() == before + 1, preview.log.read_text(encoding="utf-8")


def test_an_edit_undone_is_served_undone(preview: Preview) -> None:
    path = preview.charter("alpha.yml")
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("Alpha charter", "Gamma charter"), encoding="utf-8")
    _until(partial(_shows, preview, "data/charters/alpha.json", "Gamma charter"), "the edit")
    time.sleep(1)  # a save a moment later, as an editor's undo would be
    path.write_text(original, encoding="utf-8")
    for page in ("charters/alpha/", "charters/", "data/charters/alpha.json", "charters/catalogue.json"):
        _until(partial(_shows, preview, page, "Alpha charter"), f"the title back on {page}")
        assert "Gamma charter" not in preview.page(page)[1], page


def test_a_renamed_charter_moves_and_its_old_address_is_gone(preview: Preview) -> None:
    preview.charter("beta.yml").rename(preview.charter("delta.yml"))
    _until(lambda: preview.page("charters/delta/")[0] == 200, "the renamed charter's new page")
    _until(lambda: preview.page("charters/beta/")[0] == 404, "the old page gone")
    assert preview.page("charters/beta/easy-read/")[0] == 404
    assert "delta/" in preview.page("charters/")[1]
    # Search is indexed a moment after the page is served (charterkit/search, in serve).
    _until(lambda: "/charters/delta/" in preview.search_text(), "the new address in search")
    assert "/charters/beta/" not in preview.search_text()


def test_a_deleted_charter_is_gone_from_its_address_the_list_and_search(preview: Preview) -> None:
    preview.charter("alpha.yml").unlink()
    _until(lambda: preview.page("charters/alpha/")[0] == 404, "the deleted charter's page gone")
    _until(lambda: "Alpha charter" not in preview.page("charters/")[1], "the list without it")
    assert "Beta charter" in preview.page("charters/")[1]
    _until(
        lambda: "Beta charter" in (text := preview.search_text()) and "Alpha charter" not in text,
        "search without it",
    )
