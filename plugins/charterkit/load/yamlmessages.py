"""Plain-words messages for YAML that cannot be read: what went wrong on the editor's own line and how to
fix it, instead of YAML's own words ("expected <block end>, but found '<scalar>'").

:func:`~charterkit.load.yamlkinds.kind_of` names the kind of a PyYAML error; :data:`MESSAGES` maps
each kind to a small function that takes the :class:`~charterkit.load.yamllines.Failure` and returns
the :class:`~charterkit.errors.Problem` an editor reads. Each can be tested alone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import yaml

from charterkit.errors import Problem
from charterkit.load.yamlkinds import kind_of
from charterkit.load.yamllines import MAX_DEPTH, Failure, Lines, in_quotes, indent, value_of

__all__ = ["MESSAGES", "explain"]

# -- the messages, one a kind ----------------------------------------------------------------------------


def _control_character(f: Failure) -> Problem:
    exc = f.exc
    assert isinstance(exc, yaml.reader.ReaderError)
    return f.src.at(
        f.src.text[: exc.position].count("\n"),
        f"this line contains an invisible control character (U+{exc.character:04X}).",
        "Retype the line, or delete the character.",
    )


def _too_deep(f: Failure) -> Problem:
    return f.src.at(
        f.index,
        f"the file nests more than {MAX_DEPTH} levels deep here.",
        "Charters never need this much nesting: check the indentation and brackets.",
    )


def _anchor_or_alias(f: Failure) -> Problem:
    sign, name = ("&", "an anchor") if f.problem == "anchor" else ("*", "an alias")
    value = value_of(f.src.line(f.index))
    message = f"a value that starts with {sign} is {name} in YAML, which charter files do not allow."
    rest = value[1:].split(maxsplit=1)[1:] if value.startswith(sign) else []
    if rest and rest[0][:1] not in "[{":
        # "&" or "*" followed by more words on the line: most likely text that starts with the sign.
        return f.src.at(f.index, message, f.src.quote_fix(f.index, f"If the text starts with {sign}, "))
    return f.src.at(f.index, message, "Write the text out in full wherever it is needed.")


def _tab(f: Failure) -> Problem:
    line = f.src.line(f.index)
    if "\t" in line[: len(line) - len(line.lstrip())]:
        return f.src.at(
            f.index, "this line is indented with a tab.", "Indent with spaces (two per level), not tabs."
        )
    return f.src.at(
        f.index,
        "this line has a tab in it, which YAML does not allow outside quotes.",
        "Replace the tab with a space.",
    )


def _quote_open_above(f: Failure) -> Problem:
    token = f.swallowed
    start = token.start_mark.line
    quote = f.src.line(start)[token.start_mark.column : token.start_mark.column + 1] or '"'
    return f.src.at(
        start,
        f"the quote mark ({quote}) that opens here is not closed on this line, so YAML reads "
        f"the lines below it as part of this text.",
        f"Add the closing {quote} at the end of the text on this line.",
    )


def _quote_never_closed(f: Failure) -> Problem:
    quote = f.src.line(f.start)[f.start_column : f.start_column + 1] or '"'
    return f.src.at(
        f.start,
        f"the quote mark ({quote}) that opens here is never closed.",
        f"Add the closing {quote} at the end of the text.",
    )


def _unknown_escape(f: Failure) -> Problem:
    return f.src.at(
        f.index,
        "a backslash (\\) in text inside double quotes starts a code YAML does not know.",
        "Write the backslash twice (\\\\), or use single quotes around the text.",
    )


def _opener(f: Failure) -> tuple[str, str]:
    return ("[", "]") if "sequence" in f.context else ("{", "}")


def _bracket_text(f: Failure) -> Problem:
    opener = _opener(f)[0]
    return f.src.at(
        f.index, f"text that starts with {opener} must be quoted as a whole.", f.src.quote_fix(f.index)
    )


def _bracket_never_closed(f: Failure) -> Problem:
    opener, closer = _opener(f)
    where = "list" if opener == "[" else "group"
    return f.src.at(
        f.start,
        f"the {opener} here is never closed with {closer}.",
        f"Add the {closer} where the {where} ends. If the {opener} is part of the text, "
        f"put the whole text in {in_quotes(f.src.line(f.start))}",
    )


def _bad_start(f: Failure) -> Problem:
    first = value_of(f.src.line(f.index))[:1] or "this character"
    return f.src.at(f.index, f"text cannot start with {first} in YAML.", f.src.quote_fix(f.index))


def _colon(f: Failure) -> Problem:
    src, index = f.src, f.index
    line = src.line(index)
    first_colon = line.find(": ") if ": " in line else line.find(":")
    if first_colon != f.column:
        return src.at(
            index,
            "a colon followed by a space in this text makes YAML read it as a new field.",
            src.quote_fix(index),
        )
    # The field name itself is where YAML gave up: the trouble is this line's place, not its text.
    previous = src.previous(index)
    above = src.line(previous)
    if previous >= 0 and ":" not in above and not above.lstrip().startswith("- "):
        return _line_without_colon(src, previous)
    name = line.strip().split(":", 1)[0].lstrip("- ")
    return src.at(
        index,
        f'"{name}:" is indented further than the line above it, so YAML reads it '
        "as part of that line's text.",
        f'Line "{name}:" up with the field above it, using spaces.',
    )


def _missing_dash(src: Lines, index: int) -> Problem | None:
    """A line of text among list items, lined up with them but without its "- "."""
    line = src.line(index)
    previous = src.previous(index)
    above = src.line(previous)
    if previous < 0 or not above.lstrip().startswith("- ") or ":" in line:
        return None
    dash = indent(above)
    if indent(line) not in (dash, dash + 2):
        return None
    return src.at(
        index,
        'this line is among the items of a list but does not start with "- ".',
        f'Start it with "- ", lined up with the items above: - {line.strip()}',
    )


def _line_without_colon(src: Lines, index: int) -> Problem:
    dashless = _missing_dash(src, index)
    if dashless is not None:
        return dashless
    line = src.line(index).strip()
    word = line.split()[0] if line else ""
    if word in src.field_names and len(line.split()) > 1:
        return src.at(
            index,
            f'there is no colon after "{word}".',
            f'Write a colon and a space after the field name: "{word}: ...".',
        )
    return src.at(
        index,
        'YAML cannot read this line: it is neither "name: value" nor part of the text above it.',
        "If it carries on the text above, indent it further than the field name above; "
        "if it is a field, put a colon after its name.",
    )


def _second_document(f: Failure) -> Problem:
    return f.src.at(
        f.index,
        "a line of three dashes (---) starts a second charter here.",
        "A file holds one charter: delete this line, or move what follows to a file of its own.",
    )


def _directive(f: Failure) -> Problem:
    return f.src.at(
        f.index,
        "the %YAML or %TAG line at the top is not needed and cannot be read.",
        "Delete the line that starts with %.",
    )


def _block_end(f: Failure) -> Problem:
    src, index, problem = f.src, f.index, f.problem
    line = src.line(index)
    value = value_of(line)
    # A value starting with [ or { is read as a list or a group: "[Draft] [v2]" fails after the first.
    if value[:1] in "\"'[{" and ("'<scalar>'" in problem or value[:1] in "[{"):
        if value[:1] in "\"'":
            return src.at(
                index,
                f"the text after the closing quote ({value[0]}) cannot be read.",
                src.quote_fix(index, "If the quote marks are part of the text, "),
            )
        return src.at(
            index, f"text that starts with {value[0]} must be quoted as a whole.", src.quote_fix(index)
        )
    if line.lstrip().startswith("- ") or "sequence" in problem:
        return src.at(
            index,
            "this list item does not line up with the items above it.",
            'Start every item of a list with "- " at the same indentation, using spaces.',
        )
    previous = src.previous(index)
    spaces = indent(line)
    return src.at(
        index,
        f"this line is indented by {spaces} space{'s' if spaces != 1 else ''}, which does "
        f"not match the lines above it (line {previous + 1} is indented by "
        f"{indent(src.line(previous))}).",
        "Line each field up with the other fields at the same level, using spaces.",
    )


def _item_out_of_line(f: Failure) -> Problem:
    return f.src.at(
        f.index,
        "a list item here does not line up with the items above.",
        'Start every list item with "- " at the same indentation.',
    )


def _field_out_of_line(f: Failure) -> Problem:
    return f.src.at(
        f.index,
        "this line does not line up with the fields above it.",
        "Line each field up with the other fields at the same level, using spaces.",
    )


def _unexpected_end(f: Failure) -> Problem:
    return f.src.at(
        f.start,
        "a quote or bracket opened here is never closed.",
        "Close the quote or bracket, or remove it.",
    )


def _other(f: Failure) -> Problem:
    return f.src.at(
        f.index,
        f"this is not valid YAML ({f.problem or f.context or f.exc}).",
        "Check quotes, colons and indentation on this line and the one before it.",
    )


MESSAGES: dict[str, Callable[[Failure], Problem]] = {
    "control_character": _control_character,
    "too_deep": _too_deep,
    "anchor_or_alias": _anchor_or_alias,
    "tab": _tab,
    "quote_open_above": _quote_open_above,
    "quote_never_closed": _quote_never_closed,
    "unknown_escape": _unknown_escape,
    "bracket_text": _bracket_text,
    "bracket_never_closed": _bracket_never_closed,
    "bad_start": _bad_start,
    "colon": _colon,
    "no_colon": lambda f: _line_without_colon(f.src, f.start),
    "second_document": _second_document,
    "directive": _directive,
    "block_end": _block_end,
    "item_out_of_line": _item_out_of_line,
    "field_out_of_line": _field_out_of_line,
    "unexpected_end": _unexpected_end,
    "other": _other,
}
"""The kind of a YAML error → the function that says it in the editor's words."""


def explain(file: str, text: str, field_names: Collection[str], exc: yaml.YAMLError) -> Problem:
    """The problem an editor reads for the YAML error ``exc`` in ``file``."""
    try:
        failure = Failure(Lines(file, text, field_names), exc)
        return MESSAGES[kind_of(failure)](failure)
    except Exception:  # a guess at plain words that fails must never hide the mistake itself
        mark = getattr(exc, "problem_mark", None)
        return Problem(
            file,
            mark.line + 1 if mark is not None else 1,
            "",
            "this is not valid YAML.",
            "Check quotes, colons and indentation on this line and the one before it.",
        )
