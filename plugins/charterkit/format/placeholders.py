"""Example text that ``charterkit new`` leaves for an editor to replace, found wherever it remains.

The build and ``charterkit check`` both refuse it, so a half-filled charter is never published.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from charterkit.errors import Problem, format_path
from charterkit.load.located import Located

__all__ = ["PLACEHOLDER", "covered_by", "find_placeholders"]

PLACEHOLDER = "TODO:"
"""How every example value starts. Real charter text never starts with it."""


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def find_placeholders(located: Located, file: str) -> list[Problem]:
    """A problem for every value that still holds the example text of ``charterkit new``."""
    problems = []
    for path, text in _strings(located.data, ()):
        stripped = text.strip()
        if stripped.upper().startswith(PLACEHOLDER):
            what = stripped[len(PLACEHOLDER) :].strip().rstrip(".")
            fix = f"Replace it with {what}." if what else "Replace it with the charter's own words."
            problems.append(
                Problem(file, located.line_of(path), format_path(path), "still has the example text.", fix)
            )
    return problems


def covered_by(field: str, placeholders: set[str]) -> bool:
    """True when ``field`` is, or is inside, a field that still holds example text."""
    return any(field == f or field.startswith((f + ".", f + "[")) for f in placeholders)
