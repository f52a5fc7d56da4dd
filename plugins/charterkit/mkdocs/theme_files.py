"""The theme's files listed without walking its hidden folders.

Before each build (and each rebuild of the preview) MkDocs lists every file of the theme, to copy its
static files into the site, and then leaves out every path with a part that starts with a dot (its
patterns ``.*`` and ``*/.*``). Material keeps its 14,000 icons in ``.icons/``, so that listing walked
and matched 14,000 paths only to drop them: 0.05 s of every build and every preview rebuild.

:func:`skip_hidden_folders` gives the theme's Jinja environment a loader that does not walk into hidden
folders when it lists the theme's files. The list MkDocs makes from it is the same. Templates are still
found anywhere, hidden folders included: Material's templates include its icons from ``.icons/``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import jinja2

__all__ = ["ThemeLoader", "skip_hidden_folders"]

_MARK = "_charterkit_lists_quickly"


class ThemeLoader(jinja2.FileSystemLoader):
    """Jinja's loader for files in folders, whose listing leaves out hidden folders (``.icons/``) and
    hidden files, as MkDocs does with what it lists."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                folder = os.path.relpath(dirpath, searchpath).replace(os.path.sep, "/")
                prefix = "" if folder == "." else folder + "/"
                found.update(prefix + name for name in filenames if not name.startswith("."))
        return sorted(found)


def skip_hidden_folders(theme: Any) -> None:
    """Make ``theme.get_env()`` (MkDocs' ``Theme``) list the theme's files with :class:`ThemeLoader`.

    Only a plain ``FileSystemLoader`` (MkDocs' own) is replaced; a theme that loads its templates
    otherwise is left as it is, and so is an engine whose ``Theme`` has no ``get_env``."""
    original: Callable[[], jinja2.Environment] | None = getattr(theme, "get_env", None)
    if original is None or getattr(original, _MARK, False):
        return

    def get_env() -> jinja2.Environment:
        env = original()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:
            env.loader = ThemeLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    setattr(get_env, _MARK, True)
    theme.get_env = get_env
