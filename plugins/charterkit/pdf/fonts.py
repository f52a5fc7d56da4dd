"""The fonts embedded in every PDF: Atkinson Hyperlegible (SIL Open Font License), shipped as WOFF2.

WeasyPrint unpacks a WOFF2 file on every render; :func:`unpacked` does it once, into the PDF cache, and
the print HTML then points at the TrueType copies. The PDFs are the same either way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path

from charterkit.format.rules import FONTS_DIR
from charterkit.pdf.writer import atomic_target

__all__ = ["FONT_DIR", "FontFace", "font_faces", "unpacked"]

FONT_DIR = FONTS_DIR

# fontsource's two subsets of Atkinson Hyperlegible, each under its own family name. Sharing one name
# mixed glyphs up between the files (an "Ł" came out as "h"), and a unicode-range stopped the fall-back to
# DejaVu Sans for letters neither file has (the Welsh Ŵ and Ŷ came out as empty boxes).
_FAMILIES = {"latin": "Atkinson Hyperlegible", "latin-ext": "Atkinson Hyperlegible Ext"}


@dataclass(frozen=True)
class FontFace:
    """One ``@font-face`` rule of the print CSS."""

    family: str
    weight: int
    path: Path
    """The shipped file (its bytes are part of every PDF's cache key)."""
    render_path: Path | None = None
    """An unpacked TrueType copy, when there is one: what WeasyPrint reads."""

    @property
    def url(self) -> str:
        """A ``file:`` URL: fonts are read from disk, never fetched."""
        return (self.render_path or self.path).as_uri()

    @property
    def format(self) -> str:
        """The CSS ``format()`` hint."""
        return "truetype" if self.render_path else "woff2"


def font_faces(folder: Path = FONT_DIR) -> list[FontFace]:
    """The shipped Atkinson Hyperlegible files, regular and bold, Latin and Latin Extended."""
    faces = []
    for subset, family in _FAMILIES.items():
        for weight in (400, 700):
            path = folder / f"atkinson-hyperlegible-{subset}-{weight}-normal.woff2"
            if path.is_file():
                faces.append(FontFace(family, weight, path))
    return faces


def unpacked(faces: Sequence[FontFace], folder: Path) -> list[FontFace]:
    """``faces`` pointing at TrueType copies in ``folder``, made once per font file's content."""
    from fontTools.ttLib import woff2  # type: ignore[import-untyped]

    out = []
    for face in faces:
        data = face.path.read_bytes()
        target = folder / f"{hashlib.sha256(data).hexdigest()[:32]}.ttf"
        if not target.is_file():
            buffer = BytesIO()
            woff2.decompress(BytesIO(data), buffer)
            with atomic_target(target) as tmp:
                tmp.write_bytes(buffer.getvalue())
        out.append(replace(face, render_path=target))
    return out
