"""Values read from a file, with the line each starts on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from charterkit.errors import CharterError, Problem

__all__ = ["HasLines", "Located", "Path_", "ReadWithProblems", "line_of"]

Path_ = tuple[str | int, ...]


class HasLines:
    """Anything that knows the line where each of its field paths starts: a file being read
    (:class:`Located`) or a loaded charter (``LoadedCharter``). The one ``line_of`` for both."""

    lines: Mapping[Path_, int]

    def line_of(self, path: Sequence[str | int]) -> int:
        """The line of ``path`` (such as ``("sections", 0, "text", 1)``), or of its nearest parent."""
        return line_of(self.lines, path)


@dataclass
class Located(HasLines):
    """A parsed document and the line (1-based) where each field path starts."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    """The text as written of each value YAML did not read as text (``yes``, ``42``, ``~``), so that
    messages can quote the editor's own words rather than ``True``."""
    source: list[str] = field(default_factory=list)
    """The file's lines, so that a message can show an editor their own line, corrected."""


def line_of(lines: Mapping[Path_, int], path: Sequence[str | int]) -> int:
    """The line of ``path`` in ``lines`` (``Located.lines``), or of its nearest parent that has one.

    The one rule for finding a value's line, used for a file being read and for a loaded charter alike.
    """
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), 1)


class ReadWithProblems(CharterError):
    """The YAML was read, but holds things a charter may not (a key twice, a tag).

    ``located`` is what could be read, so that the format can still be checked and every problem in
    the file reported together.
    """

    def __init__(self, problems: list[Problem], located: Located) -> None:
        super().__init__(problems)
        self.located = located
