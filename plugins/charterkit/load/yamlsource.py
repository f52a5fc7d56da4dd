"""Read a charter's YAML safely, remembering the line of every value.

PyYAML is used only to scan and compose nodes; we build plain Python values ourselves so that we can
(1) keep a line number for every field path, (2) refuse duplicate keys, which PyYAML would silently
collapse, (3) refuse anchors and aliases, which are never needed in a charter and are the vector for
"billion laughs" expansion attacks, and (4) refuse tags (``!!python/object``, ``!include``), which a
charter never needs either. Size and nesting are bounded before they can cost memory or stack.

How the nodes are composed, fast with libyaml and safely, is in :mod:`charterkit.load.yamlcompose`.

YAML's own error messages ("expected <block end>, but found '<scalar>'") mean nothing to an editor, so
:mod:`charterkit.load.yamlmessages` turns each kind into plain words, on the line where the mistake
is, with a fix built from the editor's own line where it can.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml

from charterkit.errors import CharterError, Problem, format_path
from charterkit.load.located import Located, Path_, ReadWithProblems
from charterkit.load.yamlcompose import compose
from charterkit.load.yamlmessages import explain

__all__ = ["MAX_BYTES", "load_yaml"]

MAX_BYTES = 200_000
"""A charter is a short document (the largest seed charter is 16 KB); a file over 200 KB is a mistake or
an attack, refused before parsing, so that no file can keep the PDFs rendering for minutes."""
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
"""The tags YAML gives untagged values. Any other tag was written by hand and is refused."""


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: dict[Path_, int] = {}
        self.raw: dict[Path_, str] = {}
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, path: Path_, message: str, fix: str) -> None:
        self.problems.append(Problem(self.file, node.start_mark.line + 1, format_path(path), message, fix))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
            self.problem(
                node,
                path,
                f'the YAML tag "{tag}" is not allowed in a charter file.',
                "Delete the tag (the word starting with !) and keep the value.",
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        value = self.scalar(node)
        if not isinstance(value, str):
            self.raw[path] = node.value
        elif _SURROGATE.search(value):
            value = self._whole_characters(node, path, value)
        return value

    def _whole_characters(self, node: yaml.ScalarNode, path: Path_, value: str) -> str | None:
        # "\ud83d\udc68" (an emoji as JSON writes it) is two halves of one character: join them.
        try:
            return value.encode("utf-16", "surrogatepass").decode("utf-16")
        except UnicodeDecodeError:
            half = _SURROGATE.search(value)
            assert half is not None
            self.problem(
                node,
                path,
                f"holds half of a character (\\u{ord(half.group()):04x}), which cannot be shown.",
                "Type the character itself, or write both halves of its escape one after the other.",
            )
            return None

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(
                    key_node,
                    path,
                    "a field name must be a plain word.",
                    "Write the field name, then a colon, then its value.",
                )
                continue
            key = str(key_node.value)
            if key == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node, path, "merge keys (<<) are not allowed.", "Write the fields out in full."
                )
                continue
            if key_node.tag not in _PLAIN_TAGS or _tagged(key_node):
                tag = key_node.tag.replace("tag:yaml.org,2002:", "!!", 1)
                self.problem(
                    key_node,
                    (*path, key),
                    f'the YAML tag "{tag}" is not allowed on a field name.',
                    "Delete the tag (the word starting with !) and keep the name.",
                )
                continue
            if key in out:
                first = self.lines.get((*path, key), 0)
                self.problem(
                    key_node,
                    (*path, key),
                    f'"{key}" appears twice in the same place (first on line {first}).',
                    "Keep one of them and delete the other.",
                )
                continue
            self.lines[(*path, key)] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, (*path, key))
        return out

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
            # 0x7e9 is 2025 to YAML, which nobody writing a charter means: such numbers stay as written,
            # so a date or a number written so is refused rather than silently changed.
            if not re.fullmatch(r"[-+]?[0-9]+", node.value):
                return node.value
            try:
                return int(node.value)
            except ValueError:
                return node.value
        if tag == "tag:yaml.org,2002:float":
            try:
                return float(node.value.replace("_", ""))
            except ValueError:
                return node.value
        return node.value


def _file_problem(file: str, line: int, message: str, fix: str) -> CharterError:
    return CharterError([Problem(file, line, "", message, fix)])


_SURROGATE = re.compile("[\ud800-\udfff]")


def _tagged(node: yaml.Node) -> bool:
    """True when the source gives ``node`` a tag of its own (``!!str name:``): a node starts at its tag."""
    mark = node.start_mark
    buffer = mark.buffer
    return isinstance(buffer, str) and buffer[mark.pointer : mark.pointer + 1] == "!"


def _read_text(path: Path, file: str) -> str:
    """The file's text: at most :data:`MAX_BYTES`, UTF-8, no NUL byte, not empty."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # never more, however large the file
    except OSError as exc:
        raise _file_problem(
            file, 0, f"cannot be read ({exc.strerror}).", "Check that the file exists and is a normal file."
        ) from None
    if len(raw) > MAX_BYTES:
        raise _file_problem(
            file,
            0,
            f"the file is larger than {MAX_BYTES // 1000} KB.",
            "A charter is a short document: check that this is the right file.",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a byte-order mark, as some Windows editors write: harmless, so accepted
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _file_problem(
            file, 1, "the file is saved as UTF-16, not UTF-8.", 'Save it again with the encoding "UTF-8".'
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _file_problem(
            file,
            line,
            "the file is not saved as UTF-8 text (the first wrong byte is on this line).",
            'Save it again with the encoding "UTF-8".',
        ) from None
    if "\x00" in text:
        raise _file_problem(
            file,
            text[: text.index("\x00")].count("\n") + 1,
            "the file contains a NUL byte, so it is not a text file.",
            "Check that this is the right file.",
        )
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise _file_problem(
            file, 1, "the file is empty.", 'Run "charterkit new" to start one, or copy an existing charter.'
        )
    return text


def load_yaml(path: Path, display: str | None = None, *, field_names: Collection[str] = ()) -> Located:
    """Parse ``path`` into plain values with line numbers, or raise :class:`CharterError`.

    ``field_names`` are the names fields may have; they help tell "a field without its colon" from "a
    line of text in the wrong place" when the YAML cannot be read.
    """
    file = display or path.as_posix()
    text = _read_text(path, file)
    try:
        node = compose(text)
    except yaml.YAMLError as exc:
        raise CharterError([explain(file, text, field_names, exc)]) from None
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        raise _file_problem(
            file, 1, "the file is empty.", 'Run "charterkit new" to start one, or copy an existing charter.'
        )
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raise _file_problem(
            file,
            node.start_mark.line + 1,
            f"the file is {kind}, not a charter.",
            'A charter is a set of fields, such as "title:", starting at the left edge.',
        )
    builder = _Builder(file)
    data = builder.build(node, ())
    located = Located(data, builder.lines, builder.raw, text.splitlines())
    if builder.problems:
        raise ReadWithProblems(builder.problems, located)
    return located
