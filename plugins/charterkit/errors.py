"""Problems found in a charter file, in the one format every tool prints.

``charters/FILE.yml:LINE: field.path: what is wrong. How to fix it.``
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["CharterError", "Problem", "format_path", "printable"]

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
"""Characters that change what a terminal, a log or a CI runner shows rather than showing themselves:
control characters (newlines, escape codes, U+0085), line and paragraph separators, and the marks
that reverse text's direction."""


def printable(text: str) -> str:
    """``text`` safe to echo on one line of a message, a log or a GitHub annotation: every character that
    could start a new line, send a terminal escape code or reorder the text is written as an escape
    (``\\n``, ``\\x1b``, ``\\u2028``), so a value shows as what it is and can forge nothing."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def format_path(path: Sequence[str | int]) -> str:
    """Turn ``("sections", 0, "title")`` into ``sections[0].title``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix, with where it is and how to fix it."""

    file: str
    line: int
    field: str
    message: str
    fix: str = ""

    def __post_init__(self) -> None:
        # Every problem is printed, logged or annotated somewhere: neutralise what it echoes once, here.
        for name in ("file", "field", "message", "fix"):
            object.__setattr__(self, name, printable(getattr(self, name)))

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
