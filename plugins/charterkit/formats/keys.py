"""The cache keys of the files and pictures: a hash of everything that shapes their bytes.

A file's key covers its content (every word), its format, the versions of what writes it, and the bytes
of every picture it embeds, so a warm build writes nothing, an edit remakes only that charter's files, and
a council's changed picture file remakes the files that show it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import cache
from importlib import metadata

from charterkit.formats.content import Content
from charterkit.formats.registry import Format

__all__ = ["CACHE_FORMAT", "file_key", "picture_key"]

CACHE_FORMAT = "2"
"""Bumped when the way files are made changes in a way the other inputs do not show."""

_LIBRARIES = ("charterkit", "python-docx", "lxml", "pillow", "fonttools")


@cache
def _versions(braille: bool) -> tuple[str, ...]:
    out = []
    for name in _LIBRARIES:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=not installed")
    if braille:
        from charterkit.formats.braille import TABLES, liblouis_version

        out.append(f"liblouis={liblouis_version()} {TABLES}")
    return tuple(out)


def _hash(parts: list[str]) -> str:
    h = hashlib.sha256()
    for part in parts:  # length-prefixed, so that no two different lists of parts give the same bytes
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def file_key(content: Content, fmt: Format, pngs: Mapping[str, bytes | None] | None = None) -> str:
    """The key of one file: its content, its format, the versions of what writes it and, for a format
    with pictures, the bytes of each picture's PNG (none: its description is shown)."""
    parts = [CACHE_FORMAT, fmt.name, *_versions(fmt.name == "brf"), content.fingerprint()]
    if fmt.pictures:
        for picture in content.pictures:
            png = (pngs or {}).get(picture.name)
            parts += [picture.name, hashlib.sha256(png).hexdigest() if png is not None else "description"]
    return _hash(parts)


def picture_key(svg: str) -> str:
    """The key of a drawn picture's PNG: its SVG and the versions of what draws it."""
    return _hash([CACHE_FORMAT, "png", *_versions(False), svg])
