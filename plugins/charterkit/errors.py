"""Problems found in a charter file, in the one format every tool prints.

``charters/FILE.yml:LINE: field.path: what is wrong. How to fix it.``
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = ["ERROR", "INFO", "WARNING", "CharterError", "Level", "Problem", "format_path", "shown"]

Level = Literal["error", "warning", "info"]
ERROR: Level = "error"
"""Stops the build and fails ``charterkit check``."""
WARNING: Level = "warning"
"""Logged as a warning: fails ``mkdocs build --strict`` and ``charterkit check``."""
INFO: Level = "info"
"""Told, never failing: text over a readability target that a charter accepts as published."""


def format_path(path: Sequence[str | int]) -> str:
    """Turn ``("sections", 0, "title")`` into ``sections[0].title``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def shown(text: str) -> str:
    """``text`` as a message may echo it: control characters written as ``\\n``, ``\\x1b`` and so on.

    The one function that neutralises every echoed value, in problems (:class:`Problem` applies it to
    each of its parts), log lines and GitHub annotations: a value cannot start a new line (and forge an
    ``::error`` or ``::stop-commands::`` command), send a terminal escape code, or reverse the text's
    direction. A value ending in a newline then reads as such, on the one line of its problem.
    """
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode() for ch in text
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix, with where it is and how to fix it."""

    file: str
    line: int
    field: str
    message: str
    fix: str = ""
    level: Level = ERROR
    """How much it matters: an error or warning fails the check and the strict build; information does not."""

    @property
    def accepted(self) -> bool:
        """Whether the charter accepts this (text over a target, reproduced as published)."""
        return self.level == INFO

    def __post_init__(self) -> None:
        # Every problem is printed, logged or annotated somewhere: neutralise what it echoes once, here.
        for name in ("file", "field", "message", "fix"):
            object.__setattr__(self, name, shown(getattr(self, name)))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        fix = f" {self.fix}" if self.fix else ""
        return f"{where}:{field} {self.message}{fix}"


class CharterError(Exception):
    """Raised with every problem found, so an editor sees them all at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(
            set(problems), key=lambda p: (p.file, p.line, p.field, p.message)
        )
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one a line, followed by a count."""
        lines = [str(p) for p in self.problems]
        n = len(self.problems)
        files = len({p.file for p in self.problems})
        lines.append(
            f"{n} problem{'s' if n != 1 else ''} in {files} charter file{'s' if files != 1 else ''}. "
            "Nothing was built."
        )
        return "\n".join(lines)
