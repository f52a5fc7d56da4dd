"""Which files are charters, how messages name them, and the files refused before they are read: a name
that other tools would skip, a link out of the charters folder, anything that is not a normal file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from charterkit.errors import CharterError, Problem

__all__ = [
    "display_path",
    "display_paths",
    "find_charter_files",
    "in_real_folder",
    "refuse_links_out",
    "refuse_odd_name",
]


def find_charter_files(folder: Path) -> list[Path]:
    """The charter files in ``folder``, sorted (``.yml`` and ``.yaml``; names starting with _ are skipped).

    Symbolic links are listed too, wherever they point, so that :func:`load_charter` can refuse those
    that lead out of the folder rather than have them vanish without a word.
    """
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        # Also "x.YML" and "x.yml " (a space after), so that load_charter can ask for a rename rather
        # than have them vanish without a word.
        if p.suffix.lower().strip() in (".yml", ".yaml")
        and not p.name.startswith(("_", "."))
        and (p.is_file() or p.is_symlink())
    )


def refuse_odd_name(path: Path, file: str) -> None:
    """Refuse "x.YML" or "x.yml ", which other tools would skip, asking for a rename."""
    # "x.YML" or "x.yml " would be skipped by other tools (and by the site before): say so instead.
    suffix = path.suffix.lower().strip()
    if suffix in (".yml", ".yaml") and (path.suffix != suffix or path.name != path.name.strip()):
        better = path.stem.strip() + suffix
        raise CharterError(
            [
                Problem(
                    file,
                    0,
                    "",
                    f'the file name "{path.name}" must end in .yml (lower case, with no space after it).',
                    f'Rename the file to "{better}".',
                )
            ]
        )


def refuse_links_out(path: Path, file: str) -> None:
    """Refuse a link out of the charters folder, a link loop, and anything that is not a normal file."""
    # A pull request can add a symbolic link; one pointing out of the charters folder would publish
    # (or quote in an error) whatever file it points at, and one to a device or a pipe could hang the build.
    if path.is_symlink():
        try:
            path.resolve()
        except RuntimeError:
            raise CharterError(
                [
                    Problem(
                        file,
                        0,
                        "",
                        "is a symbolic link that leads back to itself (a loop).",
                        "Remove the link, or replace it with the charter file itself.",
                    )
                ]
            ) from None
    if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
        raise CharterError(
            [
                Problem(
                    file,
                    0,
                    "",
                    "is a link to a file outside the charters folder.",
                    "Replace the link with the charter file itself.",
                )
            ]
        )
    if not path.is_file():
        raise CharterError(
            [
                Problem(
                    file,
                    0,
                    "",
                    "is not a normal file (a link to nothing, a folder or a device).",
                    "Replace it with the charter file itself.",
                )
            ]
        )


def in_real_folder(paths: Iterable[Path]) -> dict[Path, Path]:
    """Each of ``paths`` and the same file in its folder resolved: only the folder, so a link is named by
    its own name, not by the file it points at. Each folder is resolved once (a project of a thousand
    charters has one or two folders)."""
    folders: dict[Path, Path] = {}
    real: dict[Path, Path] = {}
    for path in paths:
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        real[path] = folder / path.name
    return real


def display_paths(paths: Iterable[Path], base: Path | None) -> dict[Path, str]:
    """Each of ``paths`` as messages show it: relative to ``base`` when inside it (see
    :func:`in_real_folder`), else as given."""
    if base is None:
        return {path: path.as_posix() for path in paths}
    root = base.resolve()
    shown: dict[Path, str] = {}
    for path, real in in_real_folder(paths).items():
        try:
            shown[path] = real.relative_to(root).as_posix()
        except ValueError:
            shown[path] = path.as_posix()
    return shown


def display_path(path: Path, base: Path | None) -> str:
    """``path`` as messages show it (:func:`display_paths` of one path)."""
    return display_paths([path], base)[path]
