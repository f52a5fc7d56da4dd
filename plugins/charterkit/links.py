"""Symbolic links that would publish what is outside the project, or loop for ever.

A pull request can add a link: ``docs/assets/env.txt -> /proc/self/environ`` would put the build's
environment on the site, and a link to ``/etc/passwd`` could be copied as a logo. Every folder whose files
are published (``docs/``, ``overrides/``, a council's print folder) is checked before anything is built.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["charters_folder_problem", "link_problems", "published_link_problems"]


def link_problems(folder: Path, root: Path, shown: str) -> list[str]:
    """One message for each symbolic link under ``folder`` that loops, or leads outside ``root``.
    ``shown`` is how the folder is named in messages (``docs``)."""
    if not folder.is_dir():
        return []
    top = root.resolve()
    problems: list[str] = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted([*dirs, *files]):
            path = Path(current, name)
            if not path.is_symlink():
                continue
            where = f"{shown}/{path.relative_to(folder).as_posix()}"
            try:
                target = path.resolve(strict=True)
            except RuntimeError:
                problems.append(
                    f"{where} is a symbolic link that leads back to itself (a loop). "
                    "Remove the link, or replace it with the file itself."
                )
                continue
            except OSError as exc:
                problems.append(
                    f"{where} is a symbolic link to something that cannot be read ({exc.strerror}). "
                    "Remove the link, or replace it with the file itself."
                )
                continue
            if not target.is_relative_to(top):
                problems.append(
                    f"{where} is a symbolic link to {os.readlink(path)}, outside the project folder: it "
                    "would be published. Remove the link, or copy the file into the project."
                )
    return problems


def published_link_problems(docs_dir: Path, custom_dir: Path | None, root: Path) -> list[str]:
    """The links in the folders a site publishes (its docs, its theme's custom folder) that lead
    outside the project."""
    folders = [(docs_dir, "docs")]
    if custom_dir is not None:
        folders.append((custom_dir, _shown(custom_dir, root)))
    return [line for folder, label in folders for line in link_problems(folder, root, label)]


def charters_folder_problem(root: Path, charters_dir: str) -> str | None:
    """What is wrong with the charters folder ``charters_dir`` of the project at ``root``, or None."""
    folder = root / charters_dir
    # Charters come from pull requests; the folder they are read from must stay inside the project.
    if not folder.resolve().is_relative_to(root.resolve()):
        return (
            f"charters_dir ({charters_dir}) leads outside the project folder. "
            "Keep the charters in a folder next to mkdocs.yml, such as charters_dir: charters."
        )
    if not folder.is_dir():
        return f"the charters folder {folder} does not exist. Create it, or set charters_dir in mkdocs.yml."
    return None


def _shown(folder: Path, root: Path) -> str:
    try:
        return folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(folder)
