"""Read a charter's YAML safely, remembering the line of every value.

PyYAML is used only to scan and compose nodes; we build plain Python values ourselves so that we can
(1) keep a line number for every field path, (2) refuse duplicate keys, which PyYAML would silently
collapse, and (3) refuse anchors and aliases, which are never needed in a charter and are the vector
for "billion laughs" expansion attacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import CharterError, Problem, format_path

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Located", "load_yaml"]

MAX_BYTES = 1_000_000
"""A charter is a short document; anything larger is a mistake (or an attack), refused before parsing."""

MAX_DEPTH = 12
"""The format nests at most about six levels; deeper input is refused before it can exhaust the stack."""

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """A parsed document and the line (1-based) where each field path starts."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, path: Path_, message: str, fix: str) -> None:
        self.problems.append(Problem(self.file, node.start_mark.line + 1, format_path(path), message, fix))

    def build(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if depth > MAX_DEPTH:
            self.problem(node, path, f"the file nests more than {MAX_DEPTH} levels deep.",
                         "Charters never need this much nesting: check the indentation.")
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problem(key_node, path, "a field name must be a plain word.",
                                 "Write the field name, then a colon, then its value.")
                    continue
                key = str(key_node.value)
                if key == "<<":
                    self.problem(key_node, path, "merge keys (<<) are not allowed.",
                                 "Write the fields out in full.")
                    continue
                if key in out:
                    first = self.lines.get((*path, key), 0)
                    self.problem(key_node, (*path, key),
                                 f'"{key}" appears twice in the same place (first on line {first}).',
                                 "Keep one of them and delete the other.")
                    continue
                self.lines[(*path, key)] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, (*path, key), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node)

    @staticmethod
    def scalar(node: yaml.ScalarNode) -> Any:
        # Dates stay text: the format records dates at the precision the source gives ("2025-06").
        tag = node.tag
        if node.style or tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
            return node.value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return node.value.lower() in ("true", "yes", "on")
        if tag == "tag:yaml.org,2002:int":
            try:
                return int(node.value.replace("_", ""), 0) if node.value[:2] in ("0x", "0o") else int(
                    node.value.replace("_", ""))
            except ValueError:
                return node.value
        if tag == "tag:yaml.org,2002:float":
            try:
                return float(node.value.replace("_", ""))
            except ValueError:
                return node.value
        return node.value


class _Composer(yaml.SafeLoader):
    """A loader that refuses anchors and aliases before composing them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(None, None, "uses an alias (*)", event.start_mark)
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(None, None, "uses an anchor (&)", event.start_mark)
        return super().compose_node(parent, index)


def _syntax_problem(file: str, exc: yaml.YAMLError, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc)
    if problem in ("uses an alias (*)", "uses an anchor (&)"):
        return Problem(file, line, "", "anchors (&) and aliases (*) are not allowed in charter files.",
                       "Write the text out in full where you need it.")
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())] or "found character '\\t'" in problem:
        return Problem(file, line, "", "this line is indented with a tab.",
                       "Indent with spaces (two per level), not tabs.")
    if "mapping values are not allowed" in problem:
        return Problem(file, line, "", "a colon (:) in this text confuses the YAML reader.",
                       'Put the whole text in double quotes: title: "Our aim: working together".')
    if "could not find expected ':'" in problem or "could not find expected" in problem:
        return Problem(file, line, "", "the YAML here is not complete (a missing colon or closing quote?).",
                       "Check this line and the one before it: every field needs \"name: value\".")
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return Problem(file, line, "", "a quote or bracket opened here is never closed.",
                       "Close the quote or bracket, or remove it.")
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return Problem(file, line, "", "the indentation here does not line up with the lines above.",
                       "Line the field up with the other fields at the same level, using spaces.")
    if "did not find expected '-' indicator" in problem:
        return Problem(file, line, "", "a list item here does not line up with the items above.",
                       'Start every list item with "- " at the same indentation.')
    if "found undefined tag" in problem or "could not determine a constructor" in problem:
        return Problem(file, line, "", "a YAML tag (starting with !) is not allowed here.",
                       "Remove the tag and write plain text.")
    return Problem(file, line, "", f"this is not valid YAML ({problem}).",
                   "Check quotes, colons and indentation on this line and the one before it.")


def load_yaml(path: Path, display: str | None = None) -> Located:
    """Parse ``path`` into plain values with line numbers, or raise :class:`CharterError`."""
    file = display or path.as_posix()
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CharterError([Problem(file, 0, "", f"cannot be read ({exc.strerror}).",
                                    "Check that the file exists and is a normal file.")]) from None
    if len(raw) > MAX_BYTES:
        raise CharterError([Problem(file, 0, "", f"the file is larger than {MAX_BYTES // 1000} KB.",
                                    "A charter is a short document: check that this is the right file.")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark, as some Windows editors write: harmless, so accepted
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CharterError([Problem(file, line, "", "the file is not saved as UTF-8 text.",
                                    'Save it again with the encoding "UTF-8".')]) from None
    if "\x00" in text:
        raise CharterError([Problem(file, text[: text.index("\x00")].count("\n") + 1, "",
                                    "the file contains a NUL byte, so it is not a text file.",
                                    "Check that this is the right file.")])
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise CharterError([Problem(file, 1, "", "the file is empty.",
                                    'Start from "charterkit new", or copy an existing charter.')])
    try:
        loader = _Composer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise CharterError([_syntax_problem(file, exc, text)]) from None
    except RecursionError:
        raise CharterError([Problem(file, 1, "", f"the file nests more than {MAX_DEPTH} levels deep.",
                                    "Charters never need this much nesting: check the brackets.")]) from None
    if node is None:
        raise CharterError([Problem(file, 1, "", "the file is empty.",
                                    'Start from "charterkit new", or copy an existing charter.')])
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raise CharterError([Problem(file, node.start_mark.line + 1, "", f"the file is {kind}, not a charter.",
                                    'A charter starts with fields such as "title:" at the left edge.')])
    builder = _Builder(file)
    data = builder.build(node, ())
    if builder.problems:
        raise CharterError(builder.problems)
    return Located(data, builder.lines)
