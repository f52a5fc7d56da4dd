"""Field paths as every tool prints them (``sections[2].points[0]``), read back into parts."""

from __future__ import annotations

import re

__all__ = ["parse_field_path"]

_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def parse_field_path(text: str) -> tuple[str | int, ...]:
    """``sections[2].points[0]`` → ``("sections", 2, "points", 0)``; the inverse of
    :func:`charterkit.errors.format_path`. An empty text is the whole file: ``()``."""
    parts: list[str | int] = []
    for m in _PART.finditer(text):
        index, name = m.groups()
        parts.append(int(index) if index is not None else name)
    return tuple(parts)
