"""The new site's folder: folders and pages made beside the build, never an empty page published."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from charterkit.output import StagedOutput
from charterkit.spare import take_stock


def test_prepared_pages_are_filled_by_the_build_and_unfilled_ones_never_published(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    staged = StagedOutput(site)
    stage = staged.begin()
    written = stage / "charters" / "a" / "index.html"
    forgotten = stage / "charters" / "b" / "index.html"
    elsewhere = tmp_path / "elsewhere" / "index.html"
    staged.prepare(
        [stage / "charters" / "a", stage / "charters" / "b", stage / "assets", elsewhere.parent],
        [written, forgotten, elsewhere],
    )
    written.parent.mkdir(parents=True, exist_ok=True)  # as MkDocs writes a page
    written.write_text("<html>the page</html>", encoding="utf-8")
    staged.commit()
    assert (site / "charters" / "a" / "index.html").read_text(encoding="utf-8") == "<html>the page</html>"
    assert not (site / "charters" / "b" / "index.html").exists()  # never an empty page
    assert not (site / "assets").exists()  # nor a folder nothing was written in
    assert not (site / "charters" / "b").exists()
    assert not elsewhere.parent.exists()  # only inside the new folder
    assert not (site / "old").exists()


def test_an_abandoned_build_leaves_nothing_it_prepared(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    staged = StagedOutput(site)
    stage = staged.begin()
    staged.prepare([stage / f"p{i}" for i in range(50)], [stage / f"p{i}" / "index.html" for i in range(50)])
    staged.abandon()
    assert not stage.exists()
    assert [p.name for p in site.iterdir()] == ["index.html"]


def _build(
    site: Path, pages: dict[str, str], *, told: bool = True, unwritten: tuple[str, ...] = ()
) -> StagedOutput:
    """One build as charterkit/charters runs it: begin, prepare, write the pages, sweep, swap in. ``told``:
    whether the pages are among the files the build says it writes; ``unwritten``: files it says it
    writes but does not (a page whose output is empty)."""
    staged = StagedOutput(site)
    stage = staged.begin()
    paths = {stage / name: text for name, text in pages.items()}
    said = [*paths, *(stage / name for name in unwritten)] if told else []
    staged.prepare(sorted({p.parent for p in paths}), said, said)
    for path, text in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    staged.sweep()
    staged.commit()
    return staged


def _site(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_the_replaced_site_is_the_spare_the_next_build_writes_into(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _build(site, {"index.html": "one", "charters/a/index.html": "A1", "charters/b/index.html": "B1"})
    staged = _build(site, {"index.html": "two", "charters/a/index.html": "A2", "charters/b/index.html": "B2"})
    assert _site(staged.spare) == {
        "index.html": "one",
        "charters/a/index.html": "A1",
        "charters/b/index.html": "B1",
    }
    spare_page = staged.spare / "charters" / "a" / "index.html"
    inode = spare_page.stat().st_ino

    # The third build writes into the first one's folder: the same files, written over.
    _build(site, {"index.html": "three", "charters/a/index.html": "A3", "charters/c/index.html": "C3"})
    assert _site(site) == {
        "index.html": "three",
        "charters/a/index.html": "A3",
        "charters/c/index.html": "C3",
    }
    assert (site / "charters" / "a" / "index.html").stat().st_ino == inode
    assert not (site / "charters" / "b").exists()  # its page went: nothing is left of it, not its folder
    assert _site(staged.spare) == {
        "index.html": "two",
        "charters/a/index.html": "A2",
        "charters/b/index.html": "B2",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.charterkit-spare", "site"]  # nothing else


def test_files_the_build_did_not_say_it_writes_are_kept_only_when_written(tmp_path: Path) -> None:
    # A file written by a plugin on its own (the search index, a CNAME) is the build's when it is new.
    site = tmp_path / "site"
    _build(site, {"index.html": "one", "pagefind/a.pf": "old index", "CNAME": "old"})
    _build(site, {"index.html": "two"})
    _build(site, {"index.html": "three", "pagefind/b.pf": "new index"}, told=False)
    assert _site(site) == {"index.html": "three", "pagefind/b.pf": "new index"}


def test_a_spare_in_the_way_of_the_build_is_not_used(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _build(site, {"index.html": "one", "about": "a file where a folder will be"})
    _build(site, {"index.html": "two"})
    spare = tmp_path / ".site.charterkit-spare"
    assert (spare / "about").is_file()
    _build(site, {"index.html": "three", "about/index.html": "a page in a folder"})
    assert _site(site) == {"index.html": "three", "about/index.html": "a page in a folder"}
    assert _site(spare) == {"index.html": "two"}  # the one not used was deleted, the last site kept

    (spare / ".git").mkdir()  # hidden files are the current site's to keep, never the spare's
    (spare / ".git" / "HEAD").write_text("stale", encoding="utf-8")
    _build(site, {"index.html": "four"})
    assert _site(site) == {"index.html": "four"}


def test_an_abandoned_build_in_the_spare_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _build(site, {"index.html": "one"})
    _build(site, {"index.html": "two"})
    staged = StagedOutput(site)
    stage = staged.begin()
    staged.prepare([stage], [stage / "index.html"], [stage / "index.html"])
    (stage / "index.html").write_text("half", encoding="utf-8")
    staged.abandon()
    assert _site(site) == {"index.html": "two"}
    _build(site, {"index.html": "five"})
    assert _site(site) == {"index.html": "five"}


def _spare_used(site: Path, pages: dict[str, str]) -> bool:
    """Build ``pages`` and say whether the build wrote into the spare (its ``index.html`` written over)."""
    inode = (site.parent / ".site.charterkit-spare" / "index.html").stat().st_ino
    _build(site, pages)
    assert _site(site) == pages
    return (site / "index.html").stat().st_ino == inode


def test_a_file_the_build_said_it_writes_but_did_not_is_not_left_from_the_spare(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _build(site, {"index.html": "one", "empty/index.html": "a page then"})
    _build(site, {"index.html": "two", "empty/index.html": "a page then"})
    inode = (site.parent / ".site.charterkit-spare" / "index.html").stat().st_ino
    _build(site, {"index.html": "three"}, unwritten=("empty/index.html",))  # its output was empty
    assert (site / "index.html").stat().st_ino == inode  # the spare was written into
    assert _site(site) == {"index.html": "three"}
    assert not (site / "empty").exists()


def test_a_spare_sharing_its_files_is_not_written_over(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _build(site, {"index.html": "one"})
    _build(site, {"index.html": "two"})
    release = tmp_path / "release-1.html"
    release.hardlink_to(tmp_path / ".site.charterkit-spare" / "index.html")  # a copy made by linking
    assert not _spare_used(site, {"index.html": "three"})
    assert release.read_text(encoding="utf-8") == "one"  # never changed


def test_a_spare_with_a_link_or_other_permissions_is_not_used(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _build(site, {"index.html": "one", "a/index.html": "A"})
    _build(site, {"index.html": "two", "a/index.html": "A"})
    spare = tmp_path / ".site.charterkit-spare"
    assert _spare_used(site, {"index.html": "three", "a/index.html": "A"})  # as it is, it is used
    _build(site, {"index.html": "four", "a/index.html": "A"})

    (spare / "a" / "index.html").chmod(0o600)  # written over, it would keep this mode
    assert not _spare_used(site, {"index.html": "five", "a/index.html": "A"})
    _build(site, {"index.html": "six", "a/index.html": "A"})

    (spare / "b").symlink_to(tmp_path)  # the build would write through it
    assert not _spare_used(site, {"index.html": "seven", "a/index.html": "A"})
    _build(site, {"index.html": "eight", "a/index.html": "A"})

    if os.geteuid() == 0:  # a site built once by another user (or root) keeps its owner when written over
        os.chown(spare / "a" / "index.html", 4321, 4321)
        assert not _spare_used(site, {"index.html": "nine", "a/index.html": "A"})
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["site"]


def test_a_spare_with_a_file_where_a_deeper_folder_goes_is_not_used(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _build(site, {"index.html": "one", "downloads": "a file"})
    _build(site, {"index.html": "two", "downloads": "a file"})
    assert not _spare_used(site, {"index.html": "three", "downloads/2024/a.pdf": "a PDF"})


def test_a_file_the_build_writes_unannounced_where_the_spare_has_a_folder(tmp_path: Path) -> None:
    # The files the build does not say it writes, and the folders they fill, are cleared when the spare
    # is taken: a file written later where the spare had a folder of them is written as a file.
    site = tmp_path / "site"
    _build(site, {"index.html": "one", "feed/a.xml": "old", "feed/b.xml": "old"})
    _build(site, {"index.html": "two", "feed/a.xml": "old", "feed/b.xml": "old"})
    inode = (site.parent / ".site.charterkit-spare" / "index.html").stat().st_ino
    staged = StagedOutput(site)
    stage = staged.begin()
    staged.prepare([stage], [stage / "index.html"], [stage / "index.html"])
    (stage / "index.html").write_text("three", encoding="utf-8")
    (stage / "feed").write_text("a file now", encoding="utf-8")
    staged.commit()
    assert (site / "index.html").stat().st_ino == inode  # the spare was written into
    assert _site(site) == {"index.html": "three", "feed": "a file now"}


def _spare(tmp_path: Path) -> tuple[Path, Path]:
    """A spare as a build leaves it (a page in a folder), and the folder the next build writes into."""
    spare = tmp_path / ".site.charterkit-spare"
    (spare / "a").mkdir(parents=True)
    (spare / "a" / "index.html").write_text("A", encoding="utf-8")
    return spare, tmp_path / ".site.charterkit-new-1"


def _taken(spare: Path, stage: Path) -> bool:
    return (
        take_stock(spare, stage, [stage / "a" / "index.html"], [stage / "a"], spare.parent / "probe")
        is not None
    )


def test_take_stock_refuses_what_a_fresh_build_would_not_make(tmp_path: Path) -> None:
    spare, stage = _spare(tmp_path)
    assert _taken(spare, stage)

    old = os.umask(0)  # so that a link's own mode (0o777) is what a new folder gets: only the link is wrong
    try:
        spare.chmod(0o777)
        (spare / "a").chmod(0o777)
        (spare / "a" / "index.html").chmod(0o666)
        assert _taken(spare, stage)
        (spare / "elsewhere").symlink_to(tmp_path)
        assert not _taken(spare, stage)
        (spare / "elsewhere").unlink()
    finally:
        os.umask(old)

    spare.chmod(0o700)  # the site folder itself would keep it
    assert not _taken(spare, stage)
    spare.chmod(0o755)
    (spare / "a").chmod(0o755)
    (spare / "a" / "index.html").chmod(0o644)
    assert _taken(spare, stage)

    whole = 1_700_000_000 * 1_000_000_000
    os.utime(spare / "a" / "index.html", ns=(whole, whole))  # a file system with times to the second
    assert not _taken(spare, stage)


def test_take_stock_refuses_a_folder_of_another_group_and_learns_a_setgid_folders_modes(
    tmp_path: Path,
) -> None:
    spare, stage = _spare(tmp_path)
    if os.geteuid() == 0:
        os.chown(spare / "a", -1, 4321)
        assert not _taken(spare, stage)
        os.chown(spare / "a", -1, os.getegid())
    tmp_path.chmod(0o2755)  # a setgid folder (as /var/www often is): new folders get 0o2755 too
    inside = tmp_path / "www"
    inside.mkdir()
    spare2, stage2 = _spare(inside)
    assert _taken(spare2, stage2)


def test_take_stock_refuses_a_spare_it_cannot_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spare, stage = _spare(tmp_path)
    real_scandir = os.scandir

    def failing(path: str) -> Any:
        if str(path).endswith("/a"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", failing)
    with pytest.raises(PermissionError):
        take_stock(spare, stage, [stage / "a" / "index.html"], [stage / "a"], spare.parent / "probe")


def test_what_a_killed_build_left_while_looking_at_the_spare_is_cleared(tmp_path: Path) -> None:
    # A build killed between making and deleting its probe leaves it: the next build removes it, and the
    # probe's name is free again, so the spare is still used.
    site = tmp_path / "site"
    _build(site, {"index.html": "one"})
    _build(site, {"index.html": "two"})
    (tmp_path / f".site.charterkit-probe-{os.getpid()}").mkdir()  # this process's name, taken
    (tmp_path / ".site.charterkit-probe-2").write_text("", encoding="utf-8")
    assert _spare_used(site, {"index.html": "three"})
    assert not list(tmp_path.glob(".site.charterkit-probe-*"))
