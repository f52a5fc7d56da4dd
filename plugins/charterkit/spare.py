"""The spare: the site before the last, which the next build writes into (see :mod:`charterkit.output`).

Whether it fits the build (:func:`spare_fits`), and, once the build has written its files, deleting what
it still holds from before (:func:`sweep_leftovers`): a file is this build's when it was written after the
spare was taken, by the file system's own clock (:func:`fs_now`), or when the build said it writes it.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
from collections.abc import Collection
from pathlib import Path

__all__ = ["fs_now", "spare_fits", "sweep_leftovers"]


def spare_fits(spare: Path, stage: Path, written: Collection[Path], folders: Collection[Path]) -> bool:
    """Whether the folder ``spare`` may become the new folder ``stage``, where the build writes the files
    ``written`` and makes ``folders``: not when something of it is in the way (a folder where a file
    goes, a file where a folder goes), nor when it holds a hidden file (such as ``.git``, which the swap
    brings from the current site). Raises OSError when it cannot be read."""
    if not spare.is_dir() or spare.is_symlink():
        return False
    if any(name.startswith(".") for name in os.listdir(spare)):
        return False
    spare_folders, spare_files = _contents(spare)
    files = {p.relative_to(stage).as_posix() for p in written if p.is_relative_to(stage)}
    needed = {p.relative_to(stage).as_posix() for p in folders if p.is_relative_to(stage)}
    needed.update(posixpath.dirname(p) for p in files)
    return not (files & spare_folders or needed & spare_files)


def fs_now(marker: Path) -> int:
    """The file system's time now (ns), read from a file made and deleted at ``marker``: the clock that
    dates what is written next, which may lag the system's finer clock."""
    marker.touch()
    try:
        return marker.stat().st_ctime_ns
    finally:
        marker.unlink()


def sweep_leftovers(stage: Path, since: int, written: Collection[Path]) -> None:
    """Delete every file under ``stage`` changed before ``since`` and not in ``written``, then the folders
    left empty. Hidden files at the top are left alone (MkDocs keeps them there)."""
    for folder, _, names in os.walk(stage, topdown=False):
        here = Path(folder)
        if here == stage:
            names = [n for n in names if not n.startswith(".")]
        for name in names:
            path = here / name
            with contextlib.suppress(FileNotFoundError):
                if path not in written and path.lstat().st_ctime_ns < since:
                    path.unlink()
        if here != stage:
            with contextlib.suppress(OSError):  # not empty: in use
                here.rmdir()  # empty: each file in it was the spare's


def _contents(folder: Path) -> tuple[set[str], set[str]]:
    """The folders and the other entries under ``folder``, as paths relative to it."""
    folders: set[str] = set()
    others: set[str] = set()
    for here, subfolders, names in os.walk(folder):
        prefix = os.path.relpath(here, folder).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        folders.update(prefix + name for name in subfolders)
        others.update(prefix + name for name in names)
    return folders, others
