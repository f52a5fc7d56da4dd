"""The editor's words for each kind of mistake pydantic finds in a charter: one small function per kind.

:data:`MESSAGES` maps pydantic's error type to its function; each takes a :class:`Mistake` (the error
with its place in the file) and returns the :class:`~charterkit.errors.Problem` an editor reads. Each
can be tested alone, and a new kind of mistake is one new entry.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BeforeValidator

from charterkit.errors import Problem, format_path
from charterkit.load.model_paths import (
    allowed_fields,
    clean_loc,
    describe_kind,
    field_at,
    model_at,
    suggest_field,
    yaml_reads,
)
from charterkit.load.yamlsource import Located

__all__ = ["MESSAGES", "Mistake", "explain", "explain_all"]

_EXAMPLES: dict[str, str] = {
    "title": 'title: "Our co-production charter"',
    "summary": 'summary: "How we will work together with the people who use our services."',
    "credit": 'credit: "Text © Example Council."',
    "heading": 'heading: "About this charter"',
    "text": 'text: "We will listen to you."',
    "picture": "picture: material/handshake",
    "word": "word: co-production",
    "meaning": 'meaning: "Working together as equals."',
    "who": 'who: "Speaking Up group"',
    "date": "date: 2026-03",
    "source.title": 'title: "Our co-production charter (PDF)"',
}
"""One-line examples of required fields. Fields that hold other fields are described in words instead
(below), so that every problem stays on one line of output."""

_GROUP_EXAMPLES: dict[str, str] = {
    "source": 'Add a "source:" line, with "title:" and the published document\'s title indented below it.',
    "sections": 'Add a "sections:" line, with each part of the charter below it starting with "- title:".',
    "points": 'Add a "points:" line, with each point below it starting with "- text:" and with a "picture:".',
}

_DATE_FIELDS = ("published", "date")
_DATE_FIX = (
    "Write the date as 2025 (a year), 2025-06 (a month) or 2025-06-30 (a day), as the source gives it."
)

_GROUP_KINDS = ("model_type", "dict_type", "model_attributes_type")
_EMPTY_KINDS = ("string_type", "list_type", *_GROUP_KINDS)


@dataclass(frozen=True)
class Mistake:
    """One error pydantic found, with where it is in the file and how the editor wrote the value."""

    error: Mapping[str, Any]
    located: Located
    file: str

    @property
    def loc(self) -> tuple[str | int, ...]:
        return tuple(self.error["loc"])

    @property
    def kind(self) -> str:
        return str(self.error["type"])

    @property
    def value(self) -> Any:
        return self.error.get("input")

    @property
    def name(self) -> str:
        """The field's name, or "" for a list item."""
        loc = self.loc
        return str(loc[-1]) if loc and isinstance(loc[-1], str) else ""

    @property
    def label(self) -> str:
        """The name of the field or, for a list item, of its list."""
        return self.name or next((str(p) for p in reversed(self.loc) if isinstance(p, str)), "-")

    @property
    def line(self) -> int:
        return self.located.line_of(self.loc)

    @property
    def raw(self) -> str:
        """The value as written in the file."""
        return self.located.raw.get(self.loc, str(self.value))

    def at(self, message: str, fix: str, where: int | None = None) -> Problem:
        """The problem, at the field's line (or at ``where``)."""
        return Problem(self.file, self.line if where is None else where, format_path(self.loc), message, fix)


def _own_words(m: Mistake) -> Problem:
    ctx = m.error["ctx"]
    if ctx.get("at"):  # a problem of a whole group, about one of its fields: on that field's line
        inner = (*m.loc, ctx["at"])
        return Problem(m.file, m.located.line_of(inner), format_path(inner), ctx["message"], ctx["fix"])
    return m.at(ctx["message"], ctx["fix"])


def _missing(m: Mistake) -> Problem:
    dotted = ".".join(str(p) for p in m.loc if isinstance(p, str))
    example = _EXAMPLES.get(dotted) or _EXAMPLES.get(m.name, f"{m.name}: ...")
    fix = _GROUP_EXAMPLES.get(m.name) or f"Add it, for example: {example}"
    return m.at(f'"{m.name}" is missing.', fix, m.located.line_of(m.loc[:-1]))


def _not_a_field(m: Mistake) -> Problem:
    close = suggest_field(m.name, m.loc[:-1])
    if close:
        return m.at(f'"{m.name}" is not a field here.', f'Did you mean "{close}"? Rename it.')
    return m.at(
        f'"{m.name}" is not a field here.',
        f"Remove it, or use one of: {', '.join(allowed_fields(m.loc[:-1]))}.",
    )


def _comment_after(m: Mistake) -> str:
    """The comment on the field's own line, if the editor's text began with # (``title: #1 ...``)."""
    loc, line, source = m.loc, m.line, m.located.source
    if not loc or not 0 < line <= len(source):
        return ""
    name = f"{loc[-1]}:" if isinstance(loc[-1], str) else "-"
    _, found, after = source[line - 1].partition(name)
    after = after.strip()
    return after[1:].strip() and after if found and after.startswith("#") else ""


def _empty_fix(m: Mistake) -> str:
    loc = m.loc
    if loc and isinstance(loc[-1], int):
        return "Write the text, or delete the item."
    name = str(loc[-1]) if loc else ""
    info = field_at(loc)
    optional = info is not None and not info.is_required()
    if m.kind == "list_type":
        what = f'Put each item on its own line below "{name}:", starting with "- "'
    elif m.kind in _GROUP_KINDS:
        what = f'Put its fields on the lines below "{name}:", indented by two more spaces'
    else:
        what = f'Write the text after "{name}:"'
    return f"{what}, or delete the line." if optional else f"{what}."


def _empty(m: Mistake) -> Problem:
    comment = _comment_after(m)
    if comment:
        return m.at(
            "is empty: YAML reads everything after # as a comment.",
            f'Put the text in double quotes: {m.name}: "{comment}"',
        )
    return m.at("is empty.", _empty_fix(m))


def _not_text(m: Mistake) -> Problem:
    loc, value, raw, label = m.loc, m.value, m.raw, m.label
    if m.name in _DATE_FIELDS:
        return m.at(f'"{raw}" is not a date in the form the format uses.', _DATE_FIX)
    lead = "- " if loc and isinstance(loc[-1], int) else f"{label}: "
    if isinstance(value, bool | int | float):
        return m.at(
            f"expected text, but {yaml_reads(raw, value)}.", f'Put it in double quotes: {lead}"{raw}"'
        )
    if isinstance(value, dict) and len(value) == 1:
        key, rest = next(iter(value.items()))
        if isinstance(rest, str) and m.located.lines.get((*loc, key)) == m.located.lines.get(loc):
            # "- Note: this matters" on one line: YAML read the colon as the end of a field name.
            return m.at(
                "expected text, found a group of fields: YAML reads a colon followed by a space "
                "as the end of a field name.",
                f'Put the whole text in double quotes: {lead}"{key}: {rest}"',
            )
    if isinstance(value, list):
        return m.at("expected text, found a list.", f'Write the text on one line after "{label}:".')
    return m.at(
        f"expected text, found {describe_kind(value)}.", f'Write the text on one line after "{label}:".'
    )


def _too_long(m: Mistake) -> Problem:
    limit = m.error.get("ctx", {}).get("max_length")
    if isinstance(m.loc[-1], int) or m.name in ("text", "points", "after"):
        return m.at(f"is longer than {limit} characters.", "Split it into shorter paragraphs or points.")
    return m.at(f"is longer than {limit} characters.", f"Shorten it to at most {limit} characters.")


def _not_a_list(m: Mistake) -> Problem:
    value, name = m.value, m.name
    info = field_at(m.loc)
    single = info is not None and any(isinstance(x, BeforeValidator) for x in info.metadata)
    if single and isinstance(value, int | float):  # a field that takes one paragraph: 42, yes
        return m.at(
            f"expected text, but {yaml_reads(m.raw, value)}.", f'Put it in double quotes: {name}: "{m.raw}"'
        )
    example = ""
    if isinstance(value, str) and name == "themes" and not value.startswith("["):
        example = f" or on one line: {name}: [{value}]"
    return m.at(
        f"expected a list, found {describe_kind(value)}.",
        f'Put each item on its own line below "{m.label}:", starting with "- "{example}.',
    )


def _no_items(m: Mistake) -> Problem:
    return m.at(
        "needs at least one item.", f'Add an item on the line below "{m.label}:", starting with "- ".'
    )


def _not_a_group(m: Mistake) -> Problem:
    model = model_at(m.loc)
    if isinstance(m.loc[-1], int) and isinstance(m.value, str) and model is not None:
        first = next(iter(model.model_fields))
        return m.at(
            "expected a group of fields, found text.",
            f'Write it as fields, starting with "- {first}: {m.value}"',
        )
    return m.at(
        f"expected a group of fields, found {describe_kind(m.value)}.",
        f'Put the fields on the lines below "{m.label}:", indented by two more spaces.',
    )


def _not_allowed(m: Mistake) -> Problem:
    options = re.findall(r"'([^']*)'", m.error.get("ctx", {}).get("expected", ""))
    matches = difflib.get_close_matches(str(m.value).lower(), options, n=1, cutoff=0.6)
    hint = f'Did you mean "{matches[0]}"? ' if matches else ""
    return m.at(f'"{m.value}" is not one of the allowed values.', f"{hint}Use one of: {', '.join(options)}.")


def _not_yes_or_no(m: Mistake) -> Problem:
    return m.at(
        f"expected true or false, found {describe_kind(m.value)}.",
        f"Write {m.label}: true or {m.label}: false.",
    )


def _other(m: Mistake) -> Problem:
    return m.at(f"{m.error['msg']}.", "Check this value against the format page.")


MESSAGES: dict[str, Callable[[Mistake], Problem]] = {
    "charterkit": _own_words,
    "missing": _missing,
    "extra_forbidden": _not_a_field,
    "string_type": _not_text,
    "string_too_short": _empty,
    "string_too_long": _too_long,
    "list_type": _not_a_list,
    "too_short": _no_items,
    "model_type": _not_a_group,
    "dict_type": _not_a_group,
    "model_attributes_type": _not_a_group,
    "literal_error": _not_allowed,
    "bool_type": _not_yes_or_no,
}
"""pydantic's error type → the function that says it in the editor's words."""


def explain(m: Mistake) -> Problem:
    """The problem for one mistake. A value left empty is said to be empty, whatever type was expected."""
    if m.value is None and m.kind in _EMPTY_KINDS:
        return _empty(m)
    if m.kind == "string_too_short":
        return m.at("is empty.", _empty_fix(m))
    return MESSAGES.get(m.kind, _other)(m)


def explain_all(located: Located, file: str, errors: list[Any]) -> list[Problem]:
    """The problems for all of pydantic's ``errors`` in one file."""
    cleaned = [{**e, "loc": clean_loc(e["loc"], located.data)} for e in errors]
    # A misspelt field is reported once, as "did you mean", not also as the field that is missing.
    meant = {
        (e["loc"][:-1], suggest_field(str(e["loc"][-1]), e["loc"][:-1]))
        for e in cleaned
        if e["type"] == "extra_forbidden" and e["loc"]
    }
    kept = [e for e in cleaned if not (e["type"] == "missing" and (e["loc"][:-1], e["loc"][-1]) in meant)]
    return [explain(Mistake(e, located, file)) for e in kept]
