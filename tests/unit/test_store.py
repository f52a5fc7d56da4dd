"""The content-checked cache folder every expensive output is kept in."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from unittest.mock import patch

import pytest
from charterkit import kept_db
from charterkit.kept_db import KEEP_BUILDS, REFRESH_AFTER, KeptDatabase
from charterkit.store import Store, StoreUnusable, explain_os_error

KEY = "ab" * 32
OTHER = "cd" * 32


def test_an_entry_is_given_back_with_its_meta(tmp_path: Path) -> None:
    store = Store(tmp_path, suffix=".pdf")
    store.put(KEY, b"%PDF-1.7 bytes", {"pages": 3})
    entry = store.get(KEY)
    assert entry is not None
    assert entry.path.read_bytes() == b"%PDF-1.7 bytes"
    assert entry.meta == {"pages": 3} and entry.size == 14
    assert store.remade == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{KEY}.json", f"{KEY}.pdf"]


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda p: p.write_bytes(p.read_bytes()[:5]), "do not match"),  # truncated
        (lambda p: p.write_bytes(b"X" * 14), "do not match"),  # overwritten, same size
        (lambda p: p.write_bytes(b""), "do not match"),  # emptied
        (lambda p: p.unlink(), "incomplete"),  # the bytes gone, the record left
        (lambda p: p.with_suffix(".json").write_text("{", encoding="utf-8"), "incomplete"),
        (lambda p: p.with_suffix(".json").unlink(), "incomplete"),
    ],
    ids=["truncated", "overwritten", "emptied", "bytes-gone", "record-broken", "record-gone"],
)
def test_a_damaged_entry_is_deleted_and_said(tmp_path: Path, damage: object, why: str) -> None:
    store = Store(tmp_path, suffix=".pdf", label="PDF")
    store.put(KEY, b"%PDF-1.7 bytes", {"pages": 3})
    damage(store.path(KEY))  # type: ignore[operator]
    assert store.get(KEY) is None
    [line] = store.remade
    assert line.startswith(f"the PDF {KEY}.pdf in {tmp_path} was damaged (") and why in line
    assert line.endswith("it is made again.")
    assert list(tmp_path.iterdir()) == []  # nothing damaged is left to be used later
    store.put(KEY, b"again", {})
    assert store.get(KEY) is not None


def test_prune_removes_unused_entries_and_temp_files_of_dead_builds(tmp_path: Path) -> None:
    store = Store(tmp_path, suffix=".pdf")
    store.put(KEY, b"keep", {})
    store.put(OTHER, b"old", {})
    # A build that was killed: its process id no longer runs.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    pid = int(dead.stdout)
    (tmp_path / f".{pid}-0a1b.{KEY}.pdf.tmp").write_bytes(b"half")
    (tmp_path / f"..{pid}-0a1b.{KEY}.pdf.tmp.x8Yz_q.tmp").write_bytes(b"half")  # a writer's own temp
    mine = store.temp_path(OTHER)  # this build's: still being written
    mine.write_bytes(b"in progress")
    (tmp_path / "fonts").mkdir()
    (tmp_path / "README").write_text("a person's file", encoding="utf-8")
    old = tmp_path / f".{OTHER}.pdf.abc.tmp"  # a temp of an older version, a day old
    old.write_bytes(b"x")
    os.utime(old, (1, 1))
    assert store.prune([KEY]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{KEY}.json", f"{KEY}.pdf", mine.name, "fonts", "README"]
    )


def test_keys_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a cache key"):
        Store(tmp_path).path("../../etc/passwd")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_folder_is_named_with_what_to_do(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreUnusable) as info:
            Store(folder).put(KEY, b"x")
    finally:
        folder.chmod(0o700)
    assert str(folder) in str(info.value) and "permission denied" in str(info.value)


def test_a_folder_that_cannot_be_written_is_named_with_what_to_do(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreUnusable) as info:
        Store(blocker / "cache").ensure()
    assert str(info.value) == (
        f"the cache folder {blocker / 'cache'} cannot be used: could not read or write "
        f"{blocker / 'cache'}: {blocker} is a file, where a folder is needed. Free some disk space or make "
        f"{blocker / 'cache'} writable (it is safe to delete), then build again."
    )


def test_a_full_disk_is_said_in_plain_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path)

    def full(self: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(StoreUnusable) as info:
        store.put(KEY, b"x")
    assert "the disk is full" in str(info.value) and str(tmp_path) in str(info.value)
    assert [p for p in tmp_path.iterdir()] == []  # no partial entry


def test_os_errors_in_plain_words() -> None:
    error = OSError(errno.EROFS, "Read-only file system", "/srv/cache/x.pdf")
    assert explain_os_error(error) == (
        "could not read or write /srv/cache/x.pdf: the folder is on a read-only file system"
    )


def test_kept_results_are_written_at_the_end_and_read_by_the_next_build(tmp_path: Path) -> None:
    # charterkit.memo's database: a build keeps each result in memory and writes them all at once.
    kept = KeptDatabase(tmp_path / "memo")
    kept.write("a" * 64, b"the rendered page")
    assert kept.read("a" * 64) == b"the rendered page"  # before it is written too
    kept.flush()
    assert [p.name for p in (tmp_path / "memo").iterdir()] == ["kept.sqlite3"]
    again = KeptDatabase(tmp_path / "memo")  # the next build
    assert again.read("a" * 64) == b"the rendered page"
    assert again.read("b" * 64) is None


def test_a_kept_result_that_cannot_be_written_costs_only_time(tmp_path: Path) -> None:
    blocked = tmp_path / "memo"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    kept = KeptDatabase(blocked)
    kept.write("a" * 64, b"data")
    kept.flush()  # no error: the result is made again next time
    assert KeptDatabase(blocked).read("a" * 64) is None


def test_results_no_build_used_for_a_while_are_deleted(tmp_path: Path) -> None:
    first = KeptDatabase(tmp_path)
    first.write("a" * 64, b"used every build")
    first.write("b" * 64, b"used once" * 100_000)
    first.flush()
    size = (tmp_path / "kept.sqlite3").stat().st_size
    assert size > 900_000
    for _ in range(KEEP_BUILDS + 1):
        kept_db._BUILDS.clear()  # each build its own process
        build = KeptDatabase(tmp_path)
        assert build.read("a" * 64) == b"used every build"
        build.flush()
    kept_db._BUILDS.clear()
    last = KeptDatabase(tmp_path)
    assert last.read("a" * 64) == b"used every build"
    assert last.read("b" * 64) is None
    assert (tmp_path / "kept.sqlite3").stat().st_size < size / 10  # the file gave the space back


def test_the_previews_rebuilds_count_as_one_build(tmp_path: Path) -> None:
    # mkdocs serve opens the database at every rebuild and finds most results in memory: the rebuilds
    # of one process must not age the results it never reads again from the file.
    first = KeptDatabase(tmp_path)
    first.write("b" * 64, b"read once, then kept in memory")
    first.flush()
    for _ in range(KEEP_BUILDS + 5):
        KeptDatabase(tmp_path).read("a" * 64)
    kept_db._BUILDS.clear()  # the next build, a process of its own
    assert KeptDatabase(tmp_path).read("b" * 64) == b"read once, then kept in memory"


def test_a_file_kept_by_another_version_is_begun_again(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "kept.sqlite3") as db:
        db.execute("CREATE TABLE kept (key TEXT, value BLOB)")
        db.execute("INSERT INTO kept VALUES (?, ?)", ("a" * 64, b"old shape"))
    kept = KeptDatabase(tmp_path)
    assert kept.read("a" * 64) is None
    kept.write("a" * 64, b"new")
    kept.flush()
    assert KeptDatabase(tmp_path).read("a" * 64) == b"new"


def test_a_row_under_another_key_is_never_taken_for_it(tmp_path: Path) -> None:
    kept = KeptDatabase(tmp_path)
    kept.write(KEY, b"the result of KEY")
    kept.flush()
    with sqlite3.connect(tmp_path / "kept.sqlite3") as db:  # as a damaged index would
        db.execute("UPDATE kept SET key = ? WHERE key = ?", (OTHER, KEY))
    assert KeptDatabase(tmp_path).read(OTHER) is None


def test_old_entries_in_a_read_only_folder_cost_only_time(tmp_path: Path) -> None:
    (tmp_path / f"{KEY}.memo").write_bytes(b"old")
    (tmp_path / f"{KEY}.json").write_text("{}", encoding="utf-8")
    kept = KeptDatabase(tmp_path)
    with patch.object(Store, "prune", side_effect=StoreUnusable(tmp_path, "permission denied")):
        assert kept.read(KEY) is None  # no error


def test_entries_of_the_older_folder_layout_are_removed(tmp_path: Path) -> None:
    (tmp_path / f"{KEY}.memo").write_bytes(b"old")
    (tmp_path / f"{KEY}.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("a person's file", encoding="utf-8")
    kept = KeptDatabase(tmp_path)
    assert kept.read(KEY) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.sqlite3", "notes.txt"]


def test_a_forked_worker_never_uses_its_parents_database(tmp_path: Path) -> None:
    kept = KeptDatabase(tmp_path)
    kept.write(KEY, b"the parent's")
    kept.flush()
    pid = os.fork()
    if pid == 0:  # the worker: reads nothing, writes nothing
        ok = kept.read(KEY) is None
        kept.write(OTHER, b"the worker's")
        kept.flush()
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert KeptDatabase(tmp_path).read(OTHER) is None
    assert KeptDatabase(tmp_path).read(KEY) == b"the parent's"


def test_a_warm_build_marks_only_results_whose_mark_is_old(tmp_path: Path) -> None:
    # Marking a result as used rewrites its row: a warm build reads nearly every row, so it marks only
    # those not marked for a while; a result read in every build is still never deleted (test above).
    first = KeptDatabase(tmp_path)
    first.write("a" * 64, b"a page" * 10_000)
    first.flush()

    def used() -> int:
        with sqlite3.connect(tmp_path / "kept.sqlite3") as db:
            (value,) = db.execute("SELECT used FROM kept WHERE key = ?", ("a" * 64,)).fetchone()
        return int(value)

    written = used()
    for n in range(1, REFRESH_AFTER + 1):
        kept_db._BUILDS.clear()  # each build its own process
        build = KeptDatabase(tmp_path)
        assert build.read("a" * 64) == b"a page" * 10_000
        build.flush()
        assert used() == (written if n < REFRESH_AFTER else written + REFRESH_AFTER)
