"""Plain-words messages for YAML that cannot be read: what went wrong on the editor's own line and how to
fix it, instead of YAML's own words ("expected <block end>, but found '<scalar>'")."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

import yaml

from charterkit.errors import Problem

__all__ = ["MAX_DEPTH", "Refused", "explain"]

MAX_DEPTH = 12
"""The format nests at most about ten levels; deeper input is refused before it can exhaust the stack."""


class Refused(yaml.MarkedYAMLError):
    """Something YAML allows but a charter file never needs: an anchor, an alias, or deep nesting."""


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
        if isinstance(exc, Refused):
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

    def refused(self, exc: Refused) -> Problem:
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


def explain(file: str, text: str, field_names: Collection[str], exc: yaml.YAMLError) -> Problem:
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
