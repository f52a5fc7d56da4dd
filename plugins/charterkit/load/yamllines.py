"""A YAML error as the messages read it (:class:`Failure`) and the editor's own lines: a line's field
and value, its indentation, the line above it, and the line rewritten with its value in quotes."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from charterkit.errors import Problem

__all__ = [
    "MAX_DEPTH",
    "Failure",
    "Lines",
    "Refused",
    "in_quotes",
    "indent",
    "looks_like_new_item",
    "previous_content_line",
    "quoted_line",
    "quoted_tokens",
    "value_of",
]

MAX_DEPTH = 12
"""The format nests at most about ten levels; deeper input is refused before it can exhaust the stack."""


class Refused(yaml.MarkedYAMLError):
    """Something YAML allows but a charter file never needs: an anchor, an alias, or deep nesting."""


_FIELD_LINE = re.compile(r"^(?P<prefix>\s*(?:-\s+)*)(?:(?P<key>[a-z_]+):(?:\s+|$))?(?P<value>.*?)\s*$")
"""A source line: indentation and list dashes, an optional field name (charter fields are lower case),
and the value after it."""

_LOOKS_LIKE_NEW_ITEM = re.compile(r"^\s*(?:- |[a-z_]+:(?:\s|$))")
"""A line that starts a list item or a field: inside a quoted text it shows the quote was never closed."""


def _quote(text: str) -> str:
    """``text`` in YAML quotes that would read it back unchanged."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def quoted_line(line: str) -> str:
    """The editor's line with its value in quotes: ``title: [Draft] Ours`` → ``title: "[Draft] Ours"``."""
    m = _FIELD_LINE.match(line)
    assert m is not None  # the pattern matches any line
    prefix, key, value = m.group("prefix").strip(), m.group("key"), m.group("value")
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]  # the editor's own outer quotes, with a clash inside
    lead = f"{prefix} " if prefix else ""
    return f"{lead}{key}: {_quote(value)}" if key else f"{lead}{_quote(value)}"


def in_quotes(line: str) -> str:
    """``double quotes: title: "[Draft] Ours"``: the kind of quotes, then the corrected line."""
    fixed = quoted_line(line)
    return f"{'double' if fixed.endswith(chr(34)) else 'single'} quotes: {fixed}"


def value_of(line: str) -> str:
    """The value on a line, after its dashes and field name."""
    m = _FIELD_LINE.match(line)
    assert m is not None
    return m.group("value")


def indent(line: str) -> int:
    """How many spaces the line starts with."""
    return len(line) - len(line.lstrip(" "))


def looks_like_new_item(line: str) -> bool:
    """Whether the line starts a list item or a field."""
    return _LOOKS_LIKE_NEW_ITEM.match(line) is not None


def previous_content_line(lines: list[str], index: int) -> int:
    """The index of the nearest line above ``index`` that holds something other than a comment."""
    i = index - 1
    while i >= 0 and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
        i -= 1
    return i


def quoted_tokens(text: str) -> list[Any]:
    """The quoted texts YAML read before it gave up, last first."""
    found: list[Any] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                found.append(token)
    except yaml.YAMLError:
        pass
    return found[::-1]


@dataclass(frozen=True)
class Lines:
    """A file that YAML could not read: its name, its text and lines, and the charter's field names."""

    file: str
    text: str
    field_names: Collection[str] = ()
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", self.text.splitlines())

    def line(self, index: int) -> str:
        """Line ``index`` (from 0), or "" past either end."""
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def at(self, index: int, message: str, fix: str) -> Problem:
        """The problem on line ``index`` (from 0)."""
        return Problem(self.file, index + 1, "", message, fix)

    def quote_fix(self, index: int, why: str = "") -> str:
        """How to fix text that YAML misread: the line with its value quoted."""
        # No full stop after the corrected line: it would look like part of the text.
        put = "put" if why else "Put"
        return f"{why}{put} the whole text in {in_quotes(self.line(index))}"

    def previous(self, index: int) -> int:
        """The index of the nearest line above ``index`` that holds something other than a comment."""
        return previous_content_line(self.lines, index)


@dataclass(frozen=True)
class Failure:
    """One PyYAML error in one file, with the lines it is about."""

    src: Lines
    exc: yaml.YAMLError

    @property
    def problem(self) -> str:
        return str(getattr(self.exc, "problem", None) or "")

    @property
    def context(self) -> str:
        return str(getattr(self.exc, "context", None) or "")

    @property
    def index(self) -> int:
        """The line (from 0) where YAML gave up."""
        mark = getattr(self.exc, "problem_mark", None)
        return mark.line if mark is not None else 0

    @property
    def column(self) -> int:
        mark = getattr(self.exc, "problem_mark", None)
        return mark.column if mark is not None else 0

    @property
    def start(self) -> int:
        """The line (from 0) where what YAML was reading began (a quote, a bracket), else :attr:`index`."""
        mark = getattr(self.exc, "context_mark", None)
        return mark.line if mark is not None else self.index

    @property
    def start_column(self) -> int:
        mark = getattr(self.exc, "context_mark", None)
        return mark.column if mark is not None else 0

    @cached_property
    def swallowed(self) -> Any:
        """A quoted text opened above, never closed on its line, that ran over a new item or field.

        A missing closing quote makes YAML take the lines below as part of the text, up to the next
        quote mark, and fail further down, on a line that is fine: it is reported where the quote opens.
        """
        for token in quoted_tokens(self.src.text):
            start, end = token.start_mark.line, token.end_mark.line
            if start == end or end > self.index:
                continue
            if any(looks_like_new_item(line) for line in self.src.lines[start + 1 : end + 1]):
                return token
        return None
