"""Symbolic links that would publish what is outside the project, or loop for ever.

A pull request can add a link: ``docs/assets/env.txt -> /proc/self/environ`` would put the build's
environment on the site, and a link to ``/etc/passwd`` could be copied as a logo. Every folder whose files
are published (``docs/``, ``overrides/``, a council's print folder) is checked before anything is built.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["link_problems"]


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
