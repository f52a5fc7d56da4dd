"""The spare: the site before the last, which the next build writes into (see :mod:`charterkit.output`).

:func:`take_stock` looks at the spare before a build takes it, and refuses one that could make the new
site differ from a fresh build's (or change what it shares with others). What it accepts, :class:`Stock`
remembers: each file the build says it writes, as the file system then describes it (inode, size, times).
Once the build has written its files, :meth:`Stock.sweep` deletes every one still described the same (the
build did not write it) and the folders left empty. Every other file of the spare is deleted when the
build takes it (:meth:`Stock.clear_others`): those the build writes without saying so (the search index,
the sitemap) are made anew. No clock is read: a file is the build's when the build changed it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Stock", "take_stock"]

_Seen = tuple[int, int, int, int]
"""A file as the file system describes it: inode, size, modification and change times (ns)."""


@dataclass
class Stock:
    """The spare as the build took it."""

    written: dict[str, _Seen] = field(default_factory=dict)
    """Each file the build says it writes that the spare holds (path from the spare's root)."""
    others: list[str] = field(default_factory=list)
    """The spare's other files."""
    folders: list[str] = field(default_factory=list)
    """The spare's folders, the deepest first."""

    def clear_others(self, root: Path) -> None:
        """Delete, under ``root`` (the spare, now the new folder), the files the build does not say it
        writes, and the folders they leave empty: the build writes those files anew, wherever it goes."""
        for name in self.others:
            with contextlib.suppress(FileNotFoundError):
                (root / name).unlink()
        self.others = []
        self._remove_empty_folders(root)

    def sweep(self, root: Path) -> None:
        """Delete, under ``root``, each file the build said it writes but left as the spare had it, then
        the spare's folders left empty."""
        for name, seen in self.written.items():
            path = root / name
            with contextlib.suppress(FileNotFoundError):
                if _seen(path.lstat()) == seen:
                    path.unlink()
        self.written = {}
        self._remove_empty_folders(root)
        self.folders = []

    def _remove_empty_folders(self, root: Path) -> None:
        kept = []
        for name in self.folders:  # the deepest first
            try:
                (root / name).rmdir()
            except OSError:  # not empty: in use
                kept.append(name)
        self.folders = kept


def take_stock(
    spare: Path, stage: Path, written: Collection[Path], folders: Collection[Path], probe: Path
) -> Stock | None:
    """The spare's :class:`Stock`, or None when the build must not take it: a build writing ``written``
    and making ``folders`` under ``stage`` would find in it

    - a folder where a file goes, or a file where a folder goes;
    - a link (the build would write through it), a file with other links to it (a copy sharing its
      bytes, which writing over would change), a hidden file at its top (``.git``: the swap brings the
      current site's);
    - a file or folder of another owner, or with other permissions than a new one gets (a file the build
      writes over keeps its owner and mode);
    - times to the second or coarser (a file system that could not tell a file written over).

    A file and a folder are made and deleted at ``probe`` to learn what a new one gets. Raises OSError
    when the spare cannot be read."""
    if not spare.is_dir() or spare.is_symlink() or any(n.startswith(".") for n in os.listdir(spare)):
        return None
    files = {p.relative_to(stage).as_posix() for p in written if p.is_relative_to(stage)}
    needed = {p.relative_to(stage).as_posix() for p in folders if p.is_relative_to(stage)}
    for name in files:
        parent = os.path.dirname(name)
        while parent:
            needed.add(parent)
            parent = os.path.dirname(parent)
    file_mode, folder_mode, group = _new_modes(probe)
    stock = Stock()
    fine = _owned(os.lstat(spare), folder_mode, group)
    for here, subfolders, names in os.walk(spare, onerror=_unreadable):
        prefix = os.path.relpath(here, spare).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        for name in subfolders:
            info = os.lstat(os.path.join(here, name))
            fine &= not stat.S_ISLNK(info.st_mode) and prefix + name not in files
            fine &= _owned(info, folder_mode, group)
            stock.folders.append(prefix + name)
        for name in names:
            info = os.lstat(os.path.join(here, name))
            fine &= stat.S_ISREG(info.st_mode) and info.st_nlink == 1 and prefix + name not in needed
            fine &= _owned(info, file_mode, group) and info.st_mtime_ns % 1_000_000_000 != 0
            if prefix + name in files:
                stock.written[prefix + name] = _seen(info)
            else:
                stock.others.append(prefix + name)
        if not fine:
            return None
    stock.folders.reverse()  # os.walk lists a folder before those in it
    return stock


def _seen(info: os.stat_result) -> _Seen:
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _owned(info: os.stat_result, mode: int, group: int) -> bool:
    return info.st_uid == os.geteuid() and info.st_gid == group and stat.S_IMODE(info.st_mode) == mode


def _unreadable(error: OSError) -> None:
    raise error  # a folder that cannot be read may hold anything: the spare is not taken


def _new_modes(probe: Path) -> tuple[int, int, int]:
    """The permissions a new file and a new folder get where ``probe`` is (what the umask and a setgid
    folder make of them), and their group: read from a file and a folder made and deleted there."""
    fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    try:
        made = os.fstat(fd)
    finally:
        os.close(fd)
        probe.unlink()
    probe.mkdir()
    try:
        folder = probe.stat()
    finally:
        probe.rmdir()
    return stat.S_IMODE(made.st_mode), stat.S_IMODE(folder.st_mode), made.st_gid
