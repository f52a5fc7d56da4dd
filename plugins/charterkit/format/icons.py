"""Pictures for easy read: OpenMoji pictures shipped with charterkit, and the SVG icon sets that
mkdocs-material ships, read as files.

The default for easy read is OpenMoji (``openmoji/handshake``): colour pictures of people and things,
openly licensed (CC BY-SA 4.0), of which charterkit ships only those its charters use
(``charterkit/pictures/openmoji``, made by ``tools/openmoji_subset.py``). The theme's one-colour interface
icons (``material/...``) still work. Pictures are files of the site or inline in its pages and PDFs, so
nothing is fetched from elsewhere.
Nothing here imports MkDocs: the folders are found as package data, or given explicitly.
"""

from __future__ import annotations

import difflib
import importlib.util
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from charterkit.format.rules import is_picture_name

__all__ = ["ICON_SETS", "PICTURES_DIR", "IconSet", "default_icon_dir", "load_icon_set"]

PICTURES_DIR = Path(__file__).resolve().parent.parent / "pictures"
"""charterkit's own pictures, one folder a set (``openmoji/``), searched before the theme's icons."""

ICON_SETS: dict[str, dict[str, str]] = {
    "openmoji": {
        "name": "OpenMoji",
        "licence": "CC BY-SA 4.0. All emojis designed by OpenMoji, the open-source emoji and icon project",
        "url": "https://openmoji.org/",
    },
    "material": {
        "name": "Material Design Icons",
        "licence": "Apache License 2.0",
        "url": "https://pictogrammers.com/library/mdi/",
    },
    "fontawesome": {
        "name": "Font Awesome Free",
        "licence": "CC BY 4.0 (icons)",
        "url": "https://fontawesome.com/license/free",
    },
    "octicons": {"name": "Octicons", "licence": "MIT License", "url": "https://primer.style/octicons/"},
    "simple": {"name": "Simple Icons", "licence": "CC0 1.0", "url": "https://simpleicons.org/"},
}
"""The picture sets, with their licences, shown on the credits page: OpenMoji (shipped with charterkit)
and the sets mkdocs-material ships."""


def default_icon_dir() -> Path | None:
    """mkdocs-material's ``.icons`` folder, found without importing it."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "templates" / ".icons"
        if candidate.is_dir():
            return candidate
    return None


@dataclass(eq=False)  # hashed by identity: one instance per folder, cached
class IconSet:
    """The pictures under one or more folders, named ``set/name`` (``fontawesome/solid/ear-listen``).

    ``root`` is the theme's icon folder; ``extra`` folders (charterkit's own pictures) are searched first.
    """

    root: Path
    extra: tuple[Path, ...] = ()
    _names: list[str] = field(default_factory=list, repr=False)
    _files: dict[str, str] = field(default_factory=dict, repr=False)
    _found: dict[str, Path | None] = field(default_factory=dict, repr=False)
    """Each name looked up so far, and its file: charters use the same pictures again and again, and
    the folders are installed package data, which does not change while a process runs."""

    def __getstate__(self) -> dict[str, object]:
        # Sent to the processes that read charters without what was found here: each finds its own.
        return {"root": self.root, "extra": self.extra, "_names": [], "_files": {}, "_found": {}}

    def _path(self, name: str) -> Path | None:
        if name in self._found:
            return self._found[name]
        found = None
        for folder in (*self.extra, self.root):
            candidate = folder / f"{name}.svg"
            if candidate.is_file():
                found = candidate
                break
        self._found[name] = found
        return found

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and is_picture_name(name) and self._path(name) is not None

    def names(self) -> list[str]:
        """Every icon name (read once, for suggestions)."""
        if not self._names:
            self._names = sorted(self.files())
        return self._names

    def files(self) -> dict[str, str]:
        """Every icon's file by name, found in one walk of the folders (an earlier folder's file wins)."""
        if not self._files:
            found: dict[str, str] = {}
            for folder in (*self.extra, self.root):
                top = str(folder)
                for here, _dirs, names in os.walk(top):
                    prefix = here[len(top) + 1 :].replace(os.sep, "/")
                    for name in names:
                        if name.endswith(".svg"):
                            found.setdefault(
                                f"{prefix}/{name[:-4]}" if prefix else name[:-4], f"{here}/{name}"
                            )
            self._files = found
        return self._files

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Close matches for a misspelt name, preferring the same set."""
        names = self.names()
        if "/" not in name:
            # "city" for "material/city": the set's name left out.
            exact = [f"{key}/{name}" for key in ICON_SETS if f"{key}/{name}" in self]
            if exact:
                return exact[:n]
        prefix = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
        same_set = [x for x in names if prefix and x.startswith(prefix)]
        found = difflib.get_close_matches(name, same_set or names, n=n, cutoff=0.6)
        if not found and same_set:
            found = difflib.get_close_matches(name, names, n=n, cutoff=0.6)
        return found

    def svg(self, name: str) -> str:
        """The SVG markup of ``name``, marked decorative; callers add a label when it is not."""
        path = self._path(name) if is_picture_name(name) else None
        if path is None:
            raise KeyError(name)
        text = path.read_text(encoding="utf-8")
        # The set's name lets a stylesheet colour one-colour icons without touching colour pictures.
        attrs = f'aria-hidden="true" focusable="false" data-ck-set="{name.split("/", 1)[0]}" '
        return text.replace("<svg ", "<svg " + attrs, 1)


@cache
def load_icon_set(root: Path | None = None) -> IconSet | None:
    """The pictures: charterkit's own, then the icon set under ``root`` (default: mkdocs-material's).

    Without mkdocs-material only charterkit's own pictures are there; None only if neither is."""
    root = root or default_icon_dir()
    extra = (PICTURES_DIR,) if PICTURES_DIR.is_dir() else ()
    if root is None:
        return IconSet(extra[0]) if extra else None
    return IconSet(root, extra)
