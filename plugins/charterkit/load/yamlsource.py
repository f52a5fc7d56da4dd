"""Read a charter's YAML safely, remembering the line of every value.

PyYAML is used only to scan and compose nodes; we build plain Python values ourselves so that we can
(1) keep a line number for every field path, (2) refuse duplicate keys, which PyYAML would silently
collapse, (3) refuse anchors and aliases, which are never needed in a charter and are the vector for
"billion laughs" expansion attacks, and (4) refuse tags (``!!python/object``, ``!include``), which a
charter never needs either. Size and nesting are bounded before they can cost memory or stack.

Speed: where PyYAML has libyaml, libyaml scans and parses (the costly part: about 2 ms for a charter
instead of 40 ms) and PyYAML's own composer builds the nodes, so that anchors, aliases and nesting are
still refused as they arrive. libyaml's composer (``yaml.compose(text, Loader=yaml.CSafeLoader)``) would
be faster again but recurses in C: 800 KB of ``[`` crashes the process before any check could run. When
libyaml cannot read a file, the pure-Python parser reads it again, so that every message is the one it
explains, word for word.

YAML's own error messages ("expected <block end>, but found '<scalar>'") mean nothing to an editor, so
:func:`_syntax_problem` turns each kind into plain words, on the line where the mistake is, with a fix
built from the editor's own line where it can.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

from charterkit.errors import CharterError, Problem, format_path
from charterkit.load.located import Located, Path_, ReadWithProblems
from charterkit.load.yamllines import MAX_DEPTH, Refused
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


class _Refusing(Composer):
    """A composer that refuses anchors, aliases and deep nesting before composing them."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event: Any = self.peek_event()  # type: ignore[attr-defined]  # from the parser it is mixed with
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise Refused(None, None, "alias", mark)
        if getattr(event, "anchor", None):
            raise Refused(None, None, "anchor", mark)
        # Counted here, while composing, so that 10,000 nested brackets stop at the 13th, long before
        # Python's recursion limit.
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH + 1:
                raise Refused(None, None, "depth", mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Composer(_Refusing, yaml.SafeLoader):
    """PyYAML in pure Python: slow, but its errors are the ones :class:`_SyntaxExplainer` explains."""


try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # PyYAML built without libyaml: the pure-Python composer does everything
    _FastComposer: type[Any] | None = None
else:

    class _LibyamlComposer(_Refusing, CParser, Resolver):
        """libyaml's scanner and parser (C), with the refusing composer above (Python)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)

        # CParser has its own (recursive, C) composer: ours is used instead.
        get_single_node = Composer.get_single_node
        get_node = Composer.get_node
        check_node = Composer.check_node

    _FastComposer = _LibyamlComposer


def _compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``; raises the pure-Python parser's error when it cannot be read."""
    # libyaml reads a tab after a colon as a space, where PyYAML refuses it: text with a tab is read by
    # PyYAML alone, so that both accept exactly the same files.
    if _FastComposer is not None and "\t" not in text:
        fast = _FastComposer(text)
        try:
            return fast.get_single_node()  # type: ignore[no-any-return]  # CParser is untyped
        except yaml.YAMLError:
            pass  # read again below, so that the message is the one explained
        finally:
            fast.dispose()
    loader = _Composer(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


# -- YAML's errors in plain words ----------------------------------------------------------------------
def _file_problem(file: str, line: int, message: str, fix: str) -> CharterError:
    return CharterError([Problem(file, line, "", message, fix)])


_SURROGATE = re.compile("[\ud800-\udfff]")


def _tagged(node: yaml.Node) -> bool:
    """True when the source gives ``node`` a tag of its own (``!!str name:``): a node starts at its tag."""
    mark = node.start_mark
    buffer = mark.buffer
    return isinstance(buffer, str) and buffer[mark.pointer : mark.pointer + 1] == "!"


def load_yaml(path: Path, display: str | None = None, *, field_names: Collection[str] = ()) -> Located:
    """Parse ``path`` into plain values with line numbers, or raise :class:`CharterError`.

    ``field_names`` are the names fields may have; they help tell "a field without its colon" from "a
    line of text in the wrong place" when the YAML cannot be read.
    """
    file = display or path.as_posix()
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
    try:
        node = _compose(text)
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
