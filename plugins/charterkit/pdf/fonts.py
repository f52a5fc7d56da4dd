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
from charterkit.store import Store

__all__ = ["FONT_DIR", "FontFace", "FontsDamaged", "font_faces", "unpacked", "verify_fonts"]

FONT_DIR = FONTS_DIR
MANIFEST = "SHA256SUMS"
"""The sha256 of every shipped font file, in ``sha256sum`` format (``sha256sum -c SHA256SUMS`` checks
them by hand)."""

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


class FontsDamaged(Exception):
    """A shipped font file is missing or its bytes are not the ones shipped. Without it every PDF would
    silently change (a missing regular face sets all text in bold), so the build stops and says how to
    restore the file."""


def verify_fonts(folder: Path | None = None) -> None:
    """Check every shipped font file (in ``folder``, default :data:`FONT_DIR`) against :data:`MANIFEST`;
    raise :class:`FontsDamaged` naming each file that is missing or damaged, and how to restore it."""
    folder = FONT_DIR if folder is None else folder
    try:
        manifest = (folder / MANIFEST).read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        raise FontsDamaged(_restore([folder / MANIFEST], "is missing or unreadable")) from None
    missing: list[Path] = []
    damaged: list[Path] = []
    for line in manifest:
        digest, _, name = line.partition("  ")
        path = folder / name
        try:
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            missing.append(path)
            continue
        if actual != digest:
            damaged.append(path)
    if missing or damaged:
        parts = [_restore(missing, "missing")] if missing else []
        parts += [_restore(damaged, "damaged: its bytes are not the ones shipped")] if damaged else []
        raise FontsDamaged("\n".join(parts))


def _restore(paths: Sequence[Path], what: str) -> str:
    shown = " ".join(_shown(p) for p in paths)
    noun = "file is" if len(paths) == 1 else "files are"
    return (
        f"charterkit's font {noun} {what}: {shown}. Restore {'it' if len(paths) == 1 else 'them'}: in a "
        f"git checkout run `git checkout -- {shown}`, otherwise reinstall charterkit "
        "(pip install --force-reinstall charterkit)."
    )


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def font_faces(folder: Path = FONT_DIR) -> list[FontFace]:
    """The shipped Atkinson Hyperlegible files, regular and bold, Latin and Latin Extended (checked by
    :func:`verify_fonts` at the start of a build)."""
    faces = []
    for subset, family in _FAMILIES.items():
        for weight in (400, 700):
            path = folder / f"atkinson-hyperlegible-{subset}-{weight}-normal.woff2"
            faces.append(FontFace(family, weight, path))
    return faces


def unpacked(faces: Sequence[FontFace], folder: Path, remade: list[str] | None = None) -> list[FontFace]:
    """``faces`` pointing at TrueType copies in ``folder`` (a :class:`~charterkit.store.Store`, so a
    damaged copy is made again), made once per font file's content."""
    from fontTools.ttLib import woff2  # type: ignore[import-untyped]

    store = Store(folder, suffix=".ttf", label="unpacked font")
    out = []
    for face in faces:
        data = face.path.read_bytes()
        key = hashlib.sha256(data).hexdigest()[:32]
        entry = store.get(key)
        if entry is None:
            buffer = BytesIO()
            woff2.decompress(BytesIO(data), buffer)
            entry = store.put(key, buffer.getvalue())
        out.append(replace(face, render_path=entry.path))
    if remade is not None:
        remade.extend(store.remade)
    return out
