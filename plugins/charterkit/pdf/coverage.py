"""Which letters the PDFs can show, known before any PDF is made.

The PDFs use the shipped Atkinson Hyperlegible files, any font a site adds in its print overrides, then
whatever font the system's fontconfig finds for a letter they lack (the print CSS ends in
``sans-serif``), which is how WeasyPrint chooses. So
``charterkit check`` can report the letter that would make the strict build fail on an empty box.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from charterkit.pdf.fonts import FONT_DIR, font_faces

__all__ = ["FONT_SUFFIXES", "shippable", "unshowable"]

FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")
"""Font files a site may add beside its print templates."""


@cache
def _points(path: Path) -> frozenset[int]:
    """Every code point the font file at ``path`` has (nothing when it cannot be read as a font)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    try:
        return frozenset(TTFont(str(path), fontNumber=0).getBestCmap() or {})
    except Exception:
        return frozenset()


def _shipped(extra: Sequence[Path]) -> frozenset[int]:
    points: set[int] = set()
    for path in [face.path for face in font_faces(FONT_DIR)] + list(extra):
        points |= _points(path)
    return frozenset(points)


@cache
def _system_has(point: int) -> bool:
    """Whether some font installed on this machine has ``point`` (as fontconfig, and so WeasyPrint, sees)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:  # no fontconfig: WeasyPrint could not fall back either
        return False
    try:
        found = subprocess.run(
            [fc_list, f":charset={point:x}", "family"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return True  # cannot tell: leave it to the build, which sees what WeasyPrint draws
    return bool(found.stdout.strip())


def shippable(char: str, extra: Sequence[Path] = ()) -> bool:
    """Whether the PDFs can show ``char`` (with the site's ``extra`` font files); spaces and control
    characters count as shown (nothing is drawn)."""
    point = ord(char)
    if not char.isprintable() or char.isspace() or point in _shipped(tuple(extra)):
        return True
    return _system_has(point)


def unshowable(texts: Iterable[str], extra: Sequence[Path] = ()) -> list[str]:
    """The characters of ``texts`` that no font can show in a PDF, each once, in the order first met."""
    seen: dict[str, None] = {}
    for text in texts:
        for char in text:
            if char not in seen and not char.isascii():
                seen[char] = None
    return [c for c in seen if not shippable(c, extra)]
