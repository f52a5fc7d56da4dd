"""Pictures for easy read: the SVG icon sets that mkdocs-material ships, read as files.

Icons are inlined into pages and PDFs, so nothing is fetched. Nothing here imports MkDocs: the icon
folder is found as package data, or given explicitly.
"""

from __future__ import annotations

import difflib
import importlib.util
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from charterkit.format.rules import is_picture_name

__all__ = ["ICON_SETS", "IconSet", "default_icon_dir", "load_icon_set"]

ICON_SETS: dict[str, dict[str, str]] = {
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
"""The sets mkdocs-material ships, with their licences, shown on the credits page."""


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
    """The icons under one folder, named ``set/name`` (``fontawesome/solid/ear-listen``)."""

    root: Path
    _names: list[str] = field(default_factory=list, repr=False)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and is_picture_name(name) and (self.root / f"{name}.svg").is_file()

    def names(self) -> list[str]:
        """Every icon name (read once, for suggestions)."""
        if not self._names:
            self._names = sorted(
                p.relative_to(self.root).with_suffix("").as_posix() for p in self.root.rglob("*.svg")
            )
        return self._names

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
        if name not in self:
            raise KeyError(name)
        text = (self.root / f"{name}.svg").read_text(encoding="utf-8")
        return text.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


@cache
def load_icon_set(root: Path | None = None) -> IconSet | None:
    """The icon set under ``root`` (default: mkdocs-material's), or None if it is not installed."""
    root = root or default_icon_dir()
    return IconSet(root) if root else None
