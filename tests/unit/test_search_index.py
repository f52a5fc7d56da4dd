"""The search index (charterkit.search): what Pagefind is given to index, and what is left out."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from charterkit.memo import Memo
from charterkit.search import BUNDLE_DIR, SearchIndexError, build_index, kept_index
from charterkit.search import kept as kept_module
from charterkit.search import pagefind as core

from tests.conftest import MemoryStore
from tests.pagefind_index import read_site_index

PAGE = """<!doctype html><html lang="en-GB"><head><title>{title} - Site</title></head><body>
<header><nav>Menu words headerword</nav></header>
<main{body}><h1>{title}</h1><p>{text}</p>
<section data-search-exclude><p>Similar charters similarword</p></section>
<button type="button">Listen buttonword</button>
<p data-pagefind-ignore>ignoredword</p></main>
<footer>Footer footerword</footer></body></html>"""


def _page(site: Path, path: str, title: str, text: str, *, searched: bool = True) -> None:
    file = site / path
    file.parent.mkdir(parents=True, exist_ok=True)
    body = " data-pagefind-body" if searched else ""
    file.write_text(PAGE.format(title=title, text=text, body=body), encoding="utf-8")


def test_only_the_content_of_marked_pages_is_indexed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site, "index.html", "Home", "Welcome to the charters.")
    _page(site, "charters/a/index.html", "Charter A", "We will build trust by listening.")
    _page(site, "charters/index.html", "All charters", "Charter A listed.", searched=False)
    _page(site, "404.html", "Not found", "Nothing here.", searched=False)

    summary = build_index(site)

    assert summary.pages == 2
    pages = {p.url: p for p in read_site_index(site)}
    assert set(pages) == {"/", "/charters/a/"}
    charter = pages["/charters/a/"]
    assert charter.title == "Charter A"
    assert "We will build trust by listening." in charter.content
    for word in ("headerword", "footerword", "similarword", "buttonword", "ignoredword"):
        assert word not in charter.content, word


def test_only_what_the_search_page_uses_is_published(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site, "index.html", "Home", "Welcome.")
    build_index(site)
    bundle = site / BUNDLE_DIR
    assert (bundle / "pagefind.js").is_file()
    assert not [f.name for f in bundle.iterdir() if f.name.startswith("pagefind-") and "ui" in f.name]
    assert not (bundle / "pagefind-highlight.js").exists()


def test_a_failing_pagefind_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core, "pagefind_executable", lambda: Path("/bin/false"))
    with pytest.raises(SearchIndexError, match=r"Pagefind could not index the site in .* \(exit code 1\)"):
        build_index(tmp_path)


def test_a_missing_pagefind_names_the_package_to_install(tmp_path: Path) -> None:
    # A fresh interpreter where the pagefind_bin package cannot be imported.
    shim = tmp_path / "shim" / "pagefind_bin"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    code = (
        "from charterkit.search import SearchIndexError, pagefind_executable\n"
        "try:\n    pagefind_executable()\nexcept SearchIndexError as e:\n    print(e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(tmp_path / "shim"), "PATH": "/usr/bin:/bin"},
    )
    assert "pip install 'pagefind[bin]'" in done.stdout, done.stdout + done.stderr


def _fake_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """Have the build run ``script`` (shell) in place of Pagefind."""
    program = tmp_path / "pagefind"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setattr(core, "pagefind_executable", lambda: program)


def test_the_preview_indexes_at_the_lowest_priority(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # In mkdocs serve the index is made while the next rebuild may run: it must not take the cores from it.
    said = tmp_path / "nice.txt"
    _fake_pagefind(tmp_path, monkeypatch, f"sleep 0.5\ncut -d' ' -f19 /proc/$$/stat > {said}")
    build_index(tmp_path / "site", background=True)
    assert said.read_text(encoding="utf-8").strip() == "19"
    build_index(tmp_path / "site")
    assert said.read_text(encoding="utf-8").strip() == str(os.getpriority(os.PRIO_PROCESS, 0))


def _next_build(site: Path) -> None:
    """What a new build starts with: a site folder without an index, and nothing kept in memory."""
    shutil.rmtree(site / BUNDLE_DIR)
    Memo._memory.clear()


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_the_index_of_unchanged_pages_is_kept_and_written_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site, "index.html", "Home", "Welcome to the charters.")
    _page(site, "charters/a/index.html", "Charter A", "We will build trust by listening.")
    store = MemoryStore()
    first, kept = kept_index(site, store)
    assert (first.pages, kept) == (2, False)
    made = _files(site / BUNDLE_DIR)
    _next_build(site)

    again, kept = kept_index(site, store)
    assert (again.pages, kept) == (2, True)
    assert _files(site / BUNDLE_DIR) == made

    _page(site, "charters/a/index.html", "Charter A", "We will build trust by sharing power.")
    _next_build(site)
    _, kept = kept_index(site, store)
    assert kept is False  # one page changed: a new index, which finds the new words
    assert "sharing power" in {p.url: p for p in read_site_index(site)}["/charters/a/"].content


def test_a_damaged_kept_index_is_made_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site, "index.html", "Home", "Welcome to the charters.")
    store = MemoryStore()
    kept_index(site, store)
    for key in store.kept:
        store.kept[key] = b"not an index"
    _next_build(site)
    summary, kept = kept_index(site, store)
    assert (summary.pages, kept) == (1, False)
    assert read_site_index(site)


def test_pagefind_reads_only_the_marked_pages_and_makes_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = {
        "index.html": ("Home", "Welcome to the charters.", True),
        "charters/a/index.html": ("Charter A", "We will build trust by listening.", True),
        "charters/index.html": ("All charters", "Charter A listed.", False),
        "404.html": ("Not found", "Nothing here.", False),
    }
    every, named = tmp_path / "every", tmp_path / "named"
    for site in (every, named):
        for path, (title, text, marked) in pages.items():
            _page(site, path, title, text, searched=marked)
    build_index(every)  # Pagefind reads every page

    asked: list[object] = []

    def build(site: Path, **kw: Any) -> Any:
        asked.append(kw["marked"])
        return build_index(site, **kw)

    monkeypatch.setattr(kept_module, "build_index", build)
    kept_index(named, None)
    assert asked == [["charters/a/index.html", "index.html"]]
    assert core._only(["charters/a/index.html", "index.html"]) == {
        "glob": "{charters/a/index.html,index.html}"
    }
    assert _files(named / BUNDLE_DIR) == _files(every / BUNDLE_DIR)


def test_a_site_without_marked_pages_is_read_whole_and_odd_names_are_not_globbed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site, "index.html", "Home", "Welcome.", searched=False)
    _page(site, "extra/page.html", "Extra", "An HTML page copied from docs.", searched=False)
    assert kept_module._read_pages(site)[1] is None
    assert kept_index(site, None)[0].pages == 2  # no page is marked: Pagefind indexes every one
    assert core._only(["a{b}.html"]) == {}  # a glob would read the braces: Pagefind reads every page


def test_the_build_writes_its_cache_while_pagefind_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cache is written meanwhile, not after: Pagefind is still running when the store is flushed.
    started = tmp_path / "started"
    _fake_pagefind(tmp_path, monkeypatch, f"touch {started}\nsleep 0.5")
    seen: list[bool] = []

    class Store(MemoryStore):
        def flush(self) -> None:
            time.sleep(0.2)  # Pagefind has started by now
            seen.append(started.exists())

    _page(tmp_path / "site", "index.html", "Home", "Welcome.")
    kept_index(tmp_path / "site", Store())
    assert seen == [True]


def test_a_failure_meanwhile_stops_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    done = tmp_path / "done"
    _fake_pagefind(tmp_path, monkeypatch, f"sleep 2\ntouch {done}")

    def full_disk() -> None:
        raise OSError("No space left on device")

    with pytest.raises(OSError, match="No space left"):
        build_index(tmp_path, meanwhile=full_disk)
    time.sleep(2.5)
    assert not done.exists()
