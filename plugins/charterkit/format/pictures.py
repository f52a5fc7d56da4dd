"""A council's own pictures: image files beside the charter, such as a licensed easy-read library's
pictures or photographs, checked like everything else in a charter.

A picture written with a file ending (``picture: pictures/meeting.png``) is a file, found from the
charter file's folder; any other picture is a name from the picture sets (``openmoji/handshake``). A
file must stay inside the charters folder, exist, be a PNG, JPEG, SVG or WebP picture (by its content,
not only its name), and be at most ``MAX_PICTURE_BYTES``; and a picture from a file needs ``alt`` text,
because nothing else says what a photograph shows. Pure Python: no MkDocs.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

__all__ = [
    "MAX_PICTURE_BYTES",
    "PICTURE_TYPES",
    "PictureProblem",
    "check_picture_file",
    "is_picture_file",
    "picture_data_url",
]

PICTURE_TYPES: dict[str, str] = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}
"""The file endings a picture file may have, and their media types."""

MAX_PICTURE_BYTES = 1_000_000
"""The largest picture file accepted (1 MB): a picture 3 to 5 cm wide needs far less, and every reader
downloads it."""

_FILE = re.compile(r"[^\s]+\.[A-Za-z0-9]+")


class PictureProblem(ValueError):
    """What is wrong with a picture file, and how to fix it."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(f"{message} {fix}")
        self.message = message
        self.fix = fix


def is_picture_file(value: str) -> bool:
    """True when ``value`` is written as a file (it has a file ending), not as a picture name."""
    return bool(_FILE.fullmatch(value)) and "." in Path(value).name


def _sniff(data: bytes) -> str | None:
    """The media type the file's content shows, whatever its name says."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in head:
        return "image/svg+xml"
    return None


def check_picture_file(value: str, folder: Path) -> Path:
    """The picture file ``value`` names, relative to ``folder`` (the charter file's folder), once checked.

    Raises :class:`PictureProblem` saying what is wrong and how to fix it.
    """
    suffix = Path(value).suffix.lower()
    if suffix not in PICTURE_TYPES:
        raise PictureProblem(
            f'"{value}" is not a picture file this site can show.',
            "Use a PNG, JPEG, SVG or WebP file (ending .png, .jpg, .svg or .webp).",
        )
    if value.startswith(("/", "\\")) or ".." in Path(value).parts or ":" in value:
        raise PictureProblem(
            f'"{value}" is outside the charters folder.',
            "Put the picture in the charters folder (or a folder inside it) and write its path from there.",
        )
    path = (folder / value).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise PictureProblem(
            f'"{value}" is outside the charters folder.',
            "Put the picture in the charters folder (or a folder inside it) and write its path from there.",
        )
    if not path.is_file():
        raise PictureProblem(
            f'there is no picture file "{value}" next to this charter.',
            "Add the file, or check the spelling of its name and folder.",
        )
    size = path.stat().st_size
    if size > MAX_PICTURE_BYTES:
        raise PictureProblem(
            f'"{value}" is {size // 1000} KB, more than the {MAX_PICTURE_BYTES // 1000} KB allowed.',
            "Make the picture smaller (about 600 pixels wide is plenty) and save it again.",
        )
    with path.open("rb") as handle:
        kind = _sniff(handle.read(2048))
    if kind != PICTURE_TYPES[suffix]:
        raise PictureProblem(
            f'"{value}" is not a {suffix[1:].upper()} picture inside, whatever its name says.',
            "Save the picture again as PNG, JPEG, SVG or WebP, with the matching file ending.",
        )
    return path


def picture_data_url(path: Path) -> str:
    """The picture file as a ``data:`` URL (for PDFs, which fetch nothing)."""
    kind = PICTURE_TYPES[path.suffix.lower()]
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")
