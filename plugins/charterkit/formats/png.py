"""Each easy-read picture as the PNG that Word and OpenDocument files embed.

Where a picture comes from decides how it becomes a PNG:

- charterkit's own pictures (OpenMoji, in colour) have a PNG twin beside their SVG in the package, drawn
  once by a maintainer with a real SVG renderer (``tools/openmoji_png.py``): the build runs no browser;
- a one-colour icon (``material/...``) or a council's own SVG is drawn by :mod:`charterkit.formats.pictures`;
- a council's own PNG goes in as it is, and its JPEG or WebP is converted by Pillow.

A picture that none of these can give (a colour SVG of a council's, a damaged file) is shown as its
description instead. Every conversion gives the same bytes for the same input.
"""

from __future__ import annotations

import io
from pathlib import Path

from charterkit.format.icons import PICTURES_DIR
from charterkit.format.rules import is_picture_name

__all__ = ["FILE_PX", "PNG_SIGNATURE", "file_png", "own_png", "png_size", "svg_png"]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FILE_PX = 512
"""The longest side of a council's converted photograph: sharp at 3 cm, and a small file."""


def own_png(name: str) -> bytes | None:
    """The PNG twin of one of charterkit's own pictures (``openmoji/handshake``), or None if it has none."""
    if not is_picture_name(name):
        return None
    path = PICTURES_DIR / f"{name}.png"
    return path.read_bytes() if path.is_file() else None


def svg_png(svg: str) -> bytes | None:
    """A one-colour SVG drawn as PNG, or None for a picture the drawer cannot do faithfully."""
    from charterkit.formats.pictures import PictureError, svg_to_png

    try:
        return svg_to_png(svg)
    except PictureError:
        return None


def file_png(path: Path) -> bytes | None:
    """A council's picture file as PNG: a PNG as it is, a JPEG or WebP converted (turned as its camera
    says, no larger than :data:`FILE_PX`), an SVG drawn; None when it cannot be read."""
    data = path.read_bytes()
    if data.startswith(PNG_SIGNATURE):
        return data if _readable_png(data) else None
    if path.suffix.lower() == ".svg":
        return svg_png(data.decode("utf-8", errors="replace"))
    return _converted(data)


def _converted(data: bytes) -> bytes | None:
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as opened:
            picture = ImageOps.exif_transpose(opened)
            picture = picture.convert("RGBA" if "A" in picture.getbands() else "RGB")
    except Exception:  # any damage Pillow trips on (truncated, not really a picture): the description
        return None
    picture.thumbnail((FILE_PX, FILE_PX), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)  # no time, no text: the same bytes every build
    return out.getvalue()


def _readable_png(data: bytes) -> bool:
    """Whether the Word writer can read a council's PNG (browsers forgive a damaged file; it does not)."""
    from docx.image.image import Image

    try:
        Image.from_blob(data)
    except Exception:  # any damage python-docx trips on: the description is shown instead
        return False
    return True


def png_size(data: bytes) -> tuple[int, int]:
    """The width and height of a PNG, from its header."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
