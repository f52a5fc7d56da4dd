"""What ``charterkit check`` and ``charterkit report`` both do first: open the site's project (its
``mkdocs.yml`` and charters folder) and find the charter files the command names."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from charterkit.load.files import find_charter_files
from charterkit.load.project import Project, UsageError, load_project, not_a_file

__all__ = ["charter_paths", "open_project"]


def open_project(config_file: str | None, files: Sequence[str] = ()) -> Project:
    """The project of ``config_file`` (default: the nearest ``mkdocs.yml``). Without ``files`` to check,
    the command reads the charters folder, so it must exist."""
    project = load_project(config_file)
    if not files and not project.charters_dir.is_dir():
        raise UsageError(
            f"the charters folder {project.charters_dir} does not exist. "
            "Create it, or set charters_dir in mkdocs.yml."
        )
    return project


def charter_paths(files: Sequence[str], project: Project) -> list[Path] | None:
    """The charter files named on the command line (a folder gives the charters in it), or None for
    every charter of the project; a name that is not a charter file or folder stops the command."""
    if not files:
        return None
    out: list[Path] = []
    for name in files:
        path = Path(name)
        if not name:
            raise UsageError(
                'an empty file name (""). Give a charter file or folder, or nothing to check every charter.'
            )
        if path.is_dir():
            if project.config_file is not None and path.resolve() == project.root.resolve():
                path = project.charters_dir  # "check ." in the site's folder: its charters, not mkdocs.yml
            out.extend(find_charter_files(path))
            continue
        problem = not_a_file(path)
        if problem:
            raise UsageError(f"{name}: {problem} Give a charter file (.yml) or a folder of them.")
        out.append(path)
    return out
