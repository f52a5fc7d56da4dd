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
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

from charterkit.errors import CharterError, Problem, format_path

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Located", "ReadWithProblems", "line_of", "load_yaml"]

MAX_BYTES = 200_000
"""A charter is a short document (the largest seed charter is 16 KB); a file over 200 KB is a mistake or
an attack, refused before parsing, so that no file can keep the PDFs rendering for minutes."""

MAX_DEPTH = 12
"""The format nests at most about ten levels; deeper input is refused before it can exhaust the stack."""

Path_ = tuple[str | int, ...]

_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
"""The tags YAML gives untagged values. Any other tag was written by hand and is refused."""


@dataclass
class Located:
    """A parsed document and the line (1-based) where each field path starts."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    """The text as written of each value YAML did not read as text (``yes``, ``42``, ``~``), so that
    messages can quote the editor's own words rather than ``True``."""
    source: list[str] = field(default_factory=list)
    """The file's lines, so that a message can show an editor their own line, corrected."""

    def line_of(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest parent that has one."""
        return line_of(self.lines, path)


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


class _Refused(yaml.MarkedYAMLError):
    """Something YAML allows but a charter file never needs: an anchor, an alias, or deep nesting."""


class _Refusing(Composer):
    """A composer that refuses anchors, aliases and deep nesting before composing them."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event: Any = self.peek_event()  # type: ignore[attr-defined]  # from the parser it is mixed with
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(None, None, "alias", mark)
        if getattr(event, "anchor", None):
            raise _Refused(None, None, "anchor", mark)
        # Counted here, while composing, so that 10,000 nested brackets stop at the 13th, long before
        # Python's recursion limit.
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH + 1:
                raise _Refused(None, None, "depth", mark)
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

_FIELD_LINE = re.compile(r"^(?P<prefix>\s*(?:-\s+)*)(?:(?P<key>[a-z_]+):(?:\s+|$))?(?P<value>.*?)\s*$")
"""A source line: indentation and list dashes, an optional field name (charter fields are lower case),
and the value after it."""


def _quote(text: str) -> str:
    """``text`` in YAML quotes that would read it back unchanged."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _quoted_line(line: str) -> str:
    """The editor's line with its value in quotes: ``title: [Draft] Ours`` → ``title: "[Draft] Ours"``."""
    m = _FIELD_LINE.match(line)
    assert m is not None  # the pattern matches any line
    prefix, key, value = m.group("prefix").strip(), m.group("key"), m.group("value")
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]  # the editor's own outer quotes, with a clash inside
    lead = f"{prefix} " if prefix else ""
    return f"{lead}{key}: {_quote(value)}" if key else f"{lead}{_quote(value)}"


def _in_quotes(line: str) -> str:
    """``double quotes: title: "[Draft] Ours"``: the kind of quotes, then the corrected line."""
    fixed = _quoted_line(line)
    return f"{'double' if fixed.endswith(chr(34)) else 'single'} quotes: {fixed}"


def _value_of(line: str) -> str:
    m = _FIELD_LINE.match(line)
    assert m is not None
    return m.group("value")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous_content_line(lines: list[str], index: int) -> int:
    """The index of the nearest line above ``index`` that holds something other than a comment."""
    i = index - 1
    while i >= 0 and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
        i -= 1
    return i


_LOOKS_LIKE_NEW_ITEM = re.compile(r"^\s*(?:- |[a-z_]+:(?:\s|$))")
"""A line that starts a list item or a field: inside a quoted text it shows the quote was never closed."""


def _quoted_tokens(text: str) -> list[Any]:
    """The quoted texts YAML read before it gave up, last first."""
    found: list[Any] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                found.append(token)
    except yaml.YAMLError:
        pass
    return found[::-1]


_BAD_START_PROBLEMS = (
    "cannot start any token",
    "sequence entries are not allowed",
    "mapping keys are not allowed",
)
_BAD_START_CONTEXTS = ("while scanning an alias", "while scanning an anchor")


class _SyntaxExplainer:
    """Turns one PyYAML error into one :class:`Problem` an editor can act on."""

    def __init__(self, file: str, text: str, field_names: Collection[str]) -> None:
        self.file = file
        self.text = text
        self.lines = text.splitlines()
        self.field_names = field_names

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def at(self, index: int, message: str, fix: str) -> Problem:
        return Problem(self.file, index + 1, "", message, fix)

    def quote_fix(self, index: int, why: str = "") -> str:
        # No full stop after the corrected line: it would look like part of the text.
        put = "put" if why else "Put"
        return f"{why}{put} the whole text in {_in_quotes(self.line(index))}"

    def explain(self, exc: yaml.YAMLError) -> Problem:
        if isinstance(exc, yaml.reader.ReaderError):
            return self.unreadable_character(exc)
        if isinstance(exc, _Refused):
            return self.refused(exc)
        assert isinstance(exc, yaml.MarkedYAMLError)
        problem = exc.problem or ""
        context = exc.context or ""
        mark = exc.problem_mark
        index = mark.line if mark is not None else 0
        start = exc.context_mark.line if exc.context_mark is not None else index
        if "'\\t'" in problem:
            return self.tab(index)
        swallowed = self.unclosed_quote_before(index)
        if swallowed is not None:
            return swallowed
        if "quoted scalar" in context and "end of stream" in problem:
            column = exc.context_mark.column if exc.context_mark else 0
            quote = self.line(start)[column : column + 1] or '"'
            return self.at(
                start,
                f"the quote mark ({quote}) that opens here is never closed.",
                f"Add the closing {quote} at the end of the text.",
            )
        if "unknown escape character" in problem:
            return self.at(
                index,
                "a backslash (\\) in text inside double quotes starts a code YAML does not know.",
                "Write the backslash twice (\\\\), or use single quotes around the text.",
            )
        if context.startswith("while parsing a flow") and "expected ','" in problem:
            opener = "[" if "sequence" in context else "{"
            closer = "]" if opener == "[" else "}"
            if mark is not None and mark.line == start and problem.endswith("'<scalar>'"):
                return self.at(
                    index, f"text that starts with {opener} must be quoted as a whole.", self.quote_fix(index)
                )
            where = "list" if opener == "[" else "group"
            return self.at(
                start,
                f"the {opener} here is never closed with {closer}.",
                f"Add the {closer} where the {where} ends. If the {opener} is part of the text, "
                f"put the whole text in {_in_quotes(self.line(start))}",
            )
        if any(p in problem for p in _BAD_START_PROBLEMS) or context in _BAD_START_CONTEXTS:
            first = _value_of(self.line(index))[:1] or "this character"
            return self.at(index, f"text cannot start with {first} in YAML.", self.quote_fix(index))
        if "mapping values are not allowed" in problem:
            return self.colon(index, mark.column if mark is not None else 0)
        if "could not find expected ':'" in problem:
            return self.no_colon(start)
        if "another document" in problem:
            return self.at(
                index,
                "a line of three dashes (---) starts a second charter here.",
                "A file holds one charter: delete this line, or move what follows to a file of its own.",
            )
        if "incompatible YAML document" in problem or "directive" in problem.lower():
            return self.at(
                index,
                "the %YAML or %TAG line at the top is not needed and cannot be read.",
                "Delete the line that starts with %.",
            )
        if "expected <block end>" in problem or "expected <block mapping end>" in problem:
            return self.block_end(index, problem)
        if "did not find expected '-' indicator" in problem:
            return self.at(
                index,
                "a list item here does not line up with the items above.",
                'Start every list item with "- " at the same indentation.',
            )
        if "did not find expected key" in problem:
            return self.at(
                index,
                "this line does not line up with the fields above it.",
                "Line each field up with the other fields at the same level, using spaces.",
            )
        if "found unexpected end of stream" in problem:
            return self.at(
                start,
                "a quote or bracket opened here is never closed.",
                "Close the quote or bracket, or remove it.",
            )
        return self.at(
            index,
            f"this is not valid YAML ({problem or context or exc}).",
            "Check quotes, colons and indentation on this line and the one before it.",
        )

    def unreadable_character(self, exc: yaml.reader.ReaderError) -> Problem:
        index = self.text[: exc.position].count("\n")
        return self.at(
            index,
            f"this line contains an invisible control character (U+{exc.character:04X}).",
            "Retype the line, or delete the character.",
        )

    def refused(self, exc: _Refused) -> Problem:
        mark = exc.problem_mark
        index = mark.line if mark is not None else 0
        if exc.problem == "depth":
            return self.at(
                index,
                f"the file nests more than {MAX_DEPTH} levels deep here.",
                "Charters never need this much nesting: check the indentation and brackets.",
            )
        sign, name = ("&", "an anchor") if exc.problem == "anchor" else ("*", "an alias")
        value = _value_of(self.line(index))
        message = f"a value that starts with {sign} is {name} in YAML, which charter files do not allow."
        rest = value[1:].split(maxsplit=1)[1:] if value.startswith(sign) else []
        if rest and rest[0][:1] not in "[{":
            # "&" or "*" followed by more words on the line: most likely text that starts with the sign.
            return self.at(index, message, self.quote_fix(index, f"If the text starts with {sign}, "))
        return self.at(index, message, "Write the text out in full wherever it is needed.")

    def tab(self, index: int) -> Problem:
        line = self.line(index)
        if "\t" in line[: len(line) - len(line.lstrip())]:
            return self.at(
                index, "this line is indented with a tab.", "Indent with spaces (two per level), not tabs."
            )
        return self.at(
            index,
            "this line has a tab in it, which YAML does not allow outside quotes.",
            "Replace the tab with a space.",
        )

    def colon(self, index: int, column: int) -> Problem:
        line = self.line(index)
        first_colon = line.find(": ") if ": " in line else line.find(":")
        if first_colon == column:
            # The field name itself is where YAML gave up: the trouble is this line's place, not its text.
            previous = _previous_content_line(self.lines, index)
            above = self.line(previous)
            if previous >= 0 and ":" not in above and not above.lstrip().startswith("- "):
                return self.no_colon(previous)
            name = line.strip().split(":", 1)[0].lstrip("- ")
            return self.at(
                index,
                f'"{name}:" is indented further than the line above it, so YAML reads it '
                "as part of that line's text.",
                f'Line "{name}:" up with the field above it, using spaces.',
            )
        return self.at(
            index,
            "a colon followed by a space in this text makes YAML read it as a new field.",
            self.quote_fix(index),
        )

    def unclosed_quote_before(self, index: int) -> Problem | None:
        """The line where a quote opens that is never closed on it, when YAML read on past it.

        A missing closing quote makes YAML take the lines below as part of the text, up to the next
        quote mark, and fail further down, on a line that is fine. A quoted text that runs over a line
        holding a new list item or field is that mistake: it is reported where the quote opens.
        """
        for token in _quoted_tokens(self.text):
            start, end = token.start_mark.line, token.end_mark.line
            if start == end or end > index:
                continue
            inside = self.lines[start + 1 : end + 1]
            if not any(_LOOKS_LIKE_NEW_ITEM.match(line) for line in inside):
                continue
            quote = self.line(start)[token.start_mark.column : token.start_mark.column + 1] or '"'
            return self.at(
                start,
                f"the quote mark ({quote}) that opens here is not closed on this line, so YAML reads "
                f"the lines below it as part of this text.",
                f"Add the closing {quote} at the end of the text on this line.",
            )
        return None

    def missing_dash(self, index: int) -> Problem | None:
        """A line of text among list items, lined up with them but without its "- "."""
        line = self.line(index)
        previous = _previous_content_line(self.lines, index)
        above = self.line(previous)
        if previous < 0 or not above.lstrip().startswith("- ") or ":" in line:
            return None
        dash = _indent(above)
        if _indent(line) not in (dash, dash + 2):
            return None
        text = line.strip()
        return self.at(
            index,
            'this line is among the items of a list but does not start with "- ".',
            f'Start it with "- ", lined up with the items above: - {text}',
        )

    def no_colon(self, index: int) -> Problem:
        dashless = self.missing_dash(index)
        if dashless is not None:
            return dashless
        line = self.line(index).strip()
        word = line.split()[0] if line else ""
        if word in self.field_names and len(line.split()) > 1:
            return self.at(
                index,
                f'there is no colon after "{word}".',
                f'Write a colon and a space after the field name: "{word}: ...".',
            )
        return self.at(
            index,
            'YAML cannot read this line: it is neither "name: value" nor part of the text above it.',
            "If it carries on the text above, indent it further than the field name above; "
            "if it is a field, put a colon after its name.",
        )

    def block_end(self, index: int, problem: str) -> Problem:
        line = self.line(index)
        value = _value_of(line)
        # A value starting with [ or { is read as a list or a group: "[Draft] [v2]" fails after the first.
        if value[:1] in "\"'[{" and ("'<scalar>'" in problem or value[:1] in "[{"):
            if value[:1] in "\"'":
                return self.at(
                    index,
                    f"the text after the closing quote ({value[0]}) cannot be read.",
                    self.quote_fix(index, "If the quote marks are part of the text, "),
                )
            return self.at(
                index, f"text that starts with {value[0]} must be quoted as a whole.", self.quote_fix(index)
            )
        if line.lstrip().startswith("- ") or "sequence" in problem:
            return self.at(
                index,
                "this list item does not line up with the items above it.",
                'Start every item of a list with "- " at the same indentation, using spaces.',
            )
        previous = _previous_content_line(self.lines, index)
        spaces = _indent(line)
        return self.at(
            index,
            f"this line is indented by {spaces} space{'s' if spaces != 1 else ''}, which does "
            f"not match the lines above it (line {previous + 1} is indented by "
            f"{_indent(self.line(previous))}).",
            "Line each field up with the other fields at the same level, using spaces.",
        )


def _explain(file: str, text: str, field_names: Collection[str], exc: yaml.YAMLError) -> Problem:
    try:
        return _SyntaxExplainer(file, text, field_names).explain(exc)
    except Exception:  # a guess at plain words that fails must never hide the mistake itself
        mark = getattr(exc, "problem_mark", None)
        return Problem(
            file,
            mark.line + 1 if mark is not None else 1,
            "",
            "this is not valid YAML.",
            "Check quotes, colons and indentation on this line and the one before it.",
        )


# -- reading a file ------------------------------------------------------------------------------------


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
        raise CharterError([_explain(file, text, field_names, exc)]) from None
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
