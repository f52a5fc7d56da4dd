"""Load charter files and check them, reporting every problem at once in plain words."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, BeforeValidator, ValidationError
from pydantic.fields import FieldInfo

from charterkit.errors import CharterError, Problem, format_path
from charterkit.format.icons import IconSet, load_icon_set
from charterkit.format.model import SLUG_PATTERN, WINDOWS_NAMES, Charter
from charterkit.format.placeholders import covered_by, find_placeholders
from charterkit.load.yamlsource import Located, load_yaml

__all__ = [
    "MAX_PROBLEMS_PER_FILE",
    "RESERVED_SLUGS",
    "LoadedCharter",
    "find_charter_files",
    "load_charter",
    "load_charters",
    "slug_problems",
]

MAX_PROBLEMS_PER_FILE = 50
"""A file with thousands of mistakes (a wrong file, or an attack) shows the first ones, not a flood."""

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


@dataclass(frozen=True)
class LoadedCharter:
    """A valid charter, where it came from, and its final slug."""

    charter: Charter
    path: Path
    display_path: str
    slug: str
    slug_line: int = 1
    """The line of the ``slug:`` field, or 1 when the slug comes from the file name."""
    lines: Mapping[tuple[str | int, ...], int] = field(default_factory=dict, compare=False, repr=False)
    """The line where each field path starts, for messages about a valid charter (readability targets)."""

    def line_of(self, path: Sequence[str | int]) -> int:
        """The line of ``path`` (such as ``("sections", 0, "text", 1)``), or of its nearest parent."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if value is None:
        return "nothing"
    return "text"


def _model_at(loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class whose fields are allowed at ``loc`` (for did-you-mean on unknown keys)."""
    model: type[BaseModel] | None = Charter
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model


def _field_at(loc: Sequence[str | int]) -> FieldInfo | None:
    """The declaration of the field at ``loc``, if ``loc`` ends in a field name."""
    if not loc or not isinstance(loc[-1], str):
        return None
    model = _model_at(loc[:-1])
    return model.model_fields.get(loc[-1]) if model else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


_PSEUDO_STEP = re.compile(r"^[a-z][a-z-]*\[.*\]$")


def _clean_loc(loc: Sequence[str | int], data: Any) -> tuple[str | int, ...]:
    """``loc`` without the pseudo-steps pydantic adds for validators (``function-after[_check_date(), str]``).

    The data decides: a step that is a key in it stays, whatever characters an editor put in the key.
    """
    out: list[str | int] = []
    node = data
    for part in loc:
        in_data = (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        )
        if in_data:
            node = node[part]
        elif isinstance(part, str) and _PSEUDO_STEP.match(part):
            continue
        else:
            node = None
        out.append(part)
    return tuple(out)


def _suggest_field(name: str, loc: Sequence[str | int]) -> str | None:
    """The allowed field an unknown field name at ``loc`` was probably meant to be."""
    model = _model_at(loc)
    allowed = list(model.model_fields) if model else []
    close = difflib.get_close_matches(name.lower().replace("-", "_"), allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _allowed_fields(loc: Sequence[str | int]) -> list[str]:
    model = _model_at(loc)
    return list(model.model_fields) if model else []


def _yaml_reads(raw: str, value: Any) -> str:
    """How YAML read a value the editor meant as text: ``YAML reads yes as true or false``."""
    what = (
        "true or false"
        if isinstance(value, bool)
        else "a number"
        if isinstance(value, int | float)
        else "a value"
    )
    return f"YAML reads {raw} as {what}, not as text"


class _Explainer:
    """Turns pydantic's errors for one file into problems in the editor's words."""

    def __init__(self, located: Located, file: str) -> None:
        self.located = located
        self.file = file

    def problem(self, error: Any) -> Problem:
        loc = tuple(error["loc"])  # already cleaned by problems()
        kind = error["type"]
        value = error.get("input")
        field = format_path(loc)
        name = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
        label = name or next((str(p) for p in reversed(loc) if isinstance(p, str)), "-")
        line = self.located.line_of(loc)
        raw = self.located.raw.get(loc, str(value))

        def at(message: str, fix: str, where: int = line) -> Problem:
            return Problem(self.file, where, field, message, fix)

        if kind == "charterkit":
            ctx = error["ctx"]
            return at(ctx["message"], ctx["fix"])
        if kind == "missing":
            dotted = ".".join(str(p) for p in loc if isinstance(p, str))
            example = _EXAMPLES.get(dotted) or _EXAMPLES.get(name, f"{name}: ...")
            fix = _GROUP_EXAMPLES.get(name) or f"Add it, for example: {example}"
            return at(f'"{name}" is missing.', fix, self.located.line_of(loc[:-1]))
        if kind == "extra_forbidden":
            close = _suggest_field(name, loc[:-1])
            if close:
                return at(f'"{name}" is not a field here.', f'Did you mean "{close}"? Rename it.')
            return at(
                f'"{name}" is not a field here.',
                f"Remove it, or use one of: {', '.join(_allowed_fields(loc[:-1]))}.",
            )
        if value is None and kind in (
            "string_type",
            "list_type",
            "model_type",
            "dict_type",
            "model_attributes_type",
        ):
            comment = self.comment_after(loc, line)
            if comment:
                return at(
                    "is empty: YAML reads everything after # as a comment.",
                    f'Put the text in double quotes: {name}: "{comment}"',
                )
            return at("is empty.", self.empty_fix(loc, kind))
        if name in _DATE_FIELDS and kind == "string_type":
            return at(f'"{raw}" is not a date in the form the format uses.', _DATE_FIX)
        if kind == "string_type":
            return self.not_text(loc, value, raw, label, at)
        if kind == "string_too_short":
            return at("is empty.", self.empty_fix(loc, kind))
        if kind == "string_too_long":
            limit = error.get("ctx", {}).get("max_length")
            if isinstance(loc[-1], int) or name in ("text", "points", "after"):
                return at(
                    f"is longer than {limit} characters.", "Split it into shorter paragraphs or points."
                )
            return at(f"is longer than {limit} characters.", f"Shorten it to at most {limit} characters.")
        if kind == "list_type":
            info = _field_at(loc)
            single = info is not None and any(isinstance(m, BeforeValidator) for m in info.metadata)
            if single and isinstance(value, int | float):  # a field that takes one paragraph: 42, yes
                return at(
                    f"expected text, but {_yaml_reads(raw, value)}.",
                    f'Put it in double quotes: {name}: "{raw}"',
                )
            example = ""
            if isinstance(value, str) and name == "themes" and not value.startswith("["):
                example = f" or on one line: {name}: [{value}]"
            return at(
                f"expected a list, found {_kind(value)}.",
                f'Put each item on its own line below "{label}:", starting with "- "{example}.',
            )
        if kind == "too_short":
            return at(
                "needs at least one item.", f'Add an item on the line below "{label}:", starting with "- ".'
            )
        if kind in ("model_type", "dict_type", "model_attributes_type"):
            model = _model_at(loc)
            if isinstance(loc[-1], int) and isinstance(value, str) and model is not None:
                first = next(iter(model.model_fields))
                return at(
                    "expected a group of fields, found text.",
                    f'Write it as fields, starting with "- {first}: {value}"',
                )
            return at(
                f"expected a group of fields, found {_kind(value)}.",
                f'Put the fields on the lines below "{label}:", indented by two more spaces.',
            )
        if kind == "literal_error":
            options = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", ""))
            matches = difflib.get_close_matches(str(value).lower(), options, n=1, cutoff=0.6)
            hint = f'Did you mean "{matches[0]}"? ' if matches else ""
            return at(
                f'"{value}" is not one of the allowed values.', f"{hint}Use one of: {', '.join(options)}."
            )
        if kind == "bool_type":
            return at(
                f"expected true or false, found {_kind(value)}.", f"Write {label}: true or {label}: false."
            )
        return at(f"{error['msg']}.", "Check this value against the format page.")

    def not_text(
        self, loc: tuple[str | int, ...], value: Any, raw: str, label: str, at: Callable[..., Problem]
    ) -> Problem:
        lead = "- " if loc and isinstance(loc[-1], int) else f"{label}: "
        if isinstance(value, bool | int | float):
            return at(
                f"expected text, but {_yaml_reads(raw, value)}.", f'Put it in double quotes: {lead}"{raw}"'
            )
        if isinstance(value, dict) and len(value) == 1:
            key, rest = next(iter(value.items()))
            if isinstance(rest, str) and self.located.lines.get((*loc, key)) == self.located.lines.get(loc):
                # "- Note: this matters" on one line: YAML read the colon as the end of a field name.
                return at(
                    "expected text, found a group of fields: YAML reads a colon followed by a space "
                    "as the end of a field name.",
                    f'Put the whole text in double quotes: {lead}"{key}: {rest}"',
                )
        if isinstance(value, list):
            return at("expected text, found a list.", f'Write the text on one line after "{label}:".')
        return at(f"expected text, found {_kind(value)}.", f'Write the text on one line after "{label}:".')

    def comment_after(self, loc: tuple[str | int, ...], line: int) -> str:
        """The comment on the field's own line, if the editor's text began with # (``title: #1 ...``)."""
        if not loc or not 0 < line <= len(self.located.source):
            return ""
        text = self.located.source[line - 1]
        name = f"{loc[-1]}:" if isinstance(loc[-1], str) else "-"
        _, found, after = text.partition(name)
        after = after.strip()
        return after[1:].strip() and after if found and after.startswith("#") else ""

    @staticmethod
    def empty_fix(loc: tuple[str | int, ...], kind: str) -> str:
        if loc and isinstance(loc[-1], int):
            return "Write the text, or delete the item."
        name = str(loc[-1]) if loc else ""
        info = _field_at(loc)
        optional = info is not None and not info.is_required()
        if kind == "list_type":
            what = f'Put each item on its own line below "{name}:", starting with "- "'
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            what = f'Put its fields on the lines below "{name}:", indented by two more spaces'
        else:
            what = f'Write the text after "{name}:"'
        return f"{what}, or delete the line." if optional else f"{what}."

    def problems(self, errors: list[Any]) -> list[Problem]:
        # A misspelt field is reported once, as "did you mean", not also as the field that is missing.
        cleaned = [{**e, "loc": _clean_loc(e["loc"], self.located.data)} for e in errors]
        # A misspelt field is reported once, as "did you mean", not also as the field that is missing.
        meant = {
            (e["loc"][:-1], _suggest_field(str(e["loc"][-1]), e["loc"][:-1]))
            for e in cleaned
            if e["type"] == "extra_forbidden" and e["loc"]
        }
        kept = [e for e in cleaned if not (e["type"] == "missing" and (e["loc"][:-1], e["loc"][-1]) in meant)]
        return [self.problem(e) for e in kept]


RESERVED_SLUGS = ("index", "by-sector", "by-area", "themes")
"""Slugs of the site's own pages under the charters address: no charter may take one."""


def load_charter(path: Path, display: str | None = None, *, icons: IconSet | None = None) -> LoadedCharter:
    """Read and check one charter file; raise :class:`CharterError` with every problem in it."""
    file = display or path.as_posix()
    _refuse_odd_names(path, file)
    _refuse_links_out(path, file)
    located = load_yaml(path, file, field_names=_field_names())
    if icons is None:
        icons = load_icon_set()
    placeholders = find_placeholders(located, file)
    covered = {p.field for p in placeholders}
    try:
        charter = Charter.model_validate(located.data, context={"icons": icons})
    except ValidationError as exc:
        # A field still holding example text is reported once, as that, not also as a wrong value.
        found = _Explainer(located, file).problems(exc.errors())
        raise CharterError([*placeholders, *(p for p in found if not covered_by(p.field, covered))]) from None
    if placeholders:
        raise CharterError(placeholders)
    slug = charter.slug or path.stem
    if charter.slug is None and not _is_slug(slug):
        raise CharterError(
            [
                Problem(
                    file,
                    1,
                    "slug",
                    f'the file name "{path.name}" cannot be used in a web address.',
                    "Rename the file using lower-case letters, digits and hyphens (north-somerset.yml), "
                    "or add a slug.",
                )
            ]
        )
    if charter.slug is None and slug in WINDOWS_NAMES:
        raise CharterError(
            [
                Problem(
                    file,
                    1,
                    "slug",
                    f'the file name "{path.name}" gives the web address part "{slug}", a name Windows keeps '
                    "for a device, so the site could not be copied there.",
                    f"Rename the file (such as {slug}-charter.yml), or add a slug.",
                )
            ]
        )
    return LoadedCharter(charter, path, file, slug, located.lines.get(("slug",), 1), dict(located.lines))


def _refuse_odd_names(path: Path, file: str) -> None:
    # "x.YML" or "x.yml " would be skipped by other tools (and by the site before): say so instead.
    suffix = path.suffix.lower().strip()
    if suffix in (".yml", ".yaml") and (path.suffix != suffix or path.name != path.name.strip()):
        better = path.stem.strip() + suffix
        raise CharterError(
            [
                Problem(
                    file,
                    0,
                    "",
                    f'the file name "{path.name}" must end in .yml (lower case, with no space after it).',
                    f'Rename the file to "{better}".',
                )
            ]
        )


def _refuse_links_out(path: Path, file: str) -> None:
    # A pull request can add a symbolic link; one pointing out of the charters folder would publish
    # (or quote in an error) whatever file it points at, and one to a device or a pipe could hang the build.
    if path.is_symlink():
        try:
            path.resolve()
        except RuntimeError:
            raise CharterError(
                [
                    Problem(
                        file,
                        0,
                        "",
                        "is a symbolic link that leads back to itself (a loop).",
                        "Remove the link, or replace it with the charter file itself.",
                    )
                ]
            ) from None
    if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
        raise CharterError(
            [
                Problem(
                    file,
                    0,
                    "",
                    "is a link to a file outside the charters folder.",
                    "Replace the link with the charter file itself.",
                )
            ]
        )
    if not path.is_file():
        raise CharterError(
            [
                Problem(
                    file,
                    0,
                    "",
                    "is not a normal file (a link to nothing, a folder or a device).",
                    "Replace it with the charter file itself.",
                )
            ]
        )


@cache
def _field_names(model: type[BaseModel] = Charter) -> frozenset[str]:
    """Every field name the format has, at any depth."""
    names: set[str] = set()
    for name, info in model.model_fields.items():
        names.add(name)
        inner = _inner_model(info.annotation)
        if inner is not None and inner is not model:
            names |= _field_names(inner)
    return frozenset(names)


def _is_slug(value: str) -> bool:

    return bool(SLUG_PATTERN.match(value))


def find_charter_files(folder: Path) -> list[Path]:
    """The charter files in ``folder``, sorted (``.yml`` and ``.yaml``; names starting with _ are skipped).

    Symbolic links are listed too, wherever they point, so that :func:`load_charter` can refuse those
    that lead out of the folder rather than have them vanish without a word.
    """
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        # Also "x.YML" and "x.yml " (a space after), so that load_charter can ask for a rename rather
        # than have them vanish without a word.
        if p.suffix.lower().strip() in (".yml", ".yaml")
        and not p.name.startswith(("_", "."))
        and (p.is_file() or p.is_symlink())
    )


def load_charters(
    paths: Iterable[Path],
    *,
    base: Path | None = None,
    icons: IconSet | None = None,
    reserved: Collection[str] = RESERVED_SLUGS,
) -> list[LoadedCharter]:
    """Load every file, collecting problems across all of them; duplicate slugs are problems too.

    ``reserved`` holds slugs that the site uses for its own pages (such as ``by-sector``).
    """
    loaded: list[LoadedCharter] = []
    problems: list[Problem] = []
    for path in paths:
        display = _display(path, base)
        try:
            loaded.append(load_charter(path, display, icons=icons))
        except CharterError as exc:
            problems.extend(_capped(exc.problems))
    problems += slug_problems([(c.display_path, c.slug, c.slug_line) for c in loaded], reserved)
    if problems:
        raise CharterError(problems)
    return loaded


def slug_problems(
    items: Iterable[tuple[str, str, int]], reserved: Collection[str] = RESERVED_SLUGS
) -> list[Problem]:
    """Problems for slugs used twice or taken by the site's own pages; items are (file, slug, line).

    Every file sharing a slug gets a problem naming the others, so checking any one of them finds it.
    """
    items = list(items)
    problems: list[Problem] = []
    users: dict[str, list[str]] = {}
    for file, slug, _line in items:
        users.setdefault(slug, []).append(file)
    for file, slug, line in items:
        if slug in reserved:
            problems.append(
                Problem(
                    file,
                    line,
                    "slug",
                    f'"{slug}" is already used by one of the site\'s own pages.',
                    f"Give the charter a different slug (such as slug: {slug}-charter), or rename its file.",
                )
            )
        elif len(users[slug]) > 1:
            others = " and ".join(f for f in users[slug] if f != file)
            problems.append(
                Problem(
                    file,
                    line,
                    "slug",
                    f'"{slug}" is also used by {others}.',
                    "Give one of the charters a different slug (or rename its file).",
                )
            )
    return problems


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    shown = sorted(problems, key=lambda p: (p.line, p.field))[: MAX_PROBLEMS_PER_FILE - 1]
    hidden = len(problems) - len(shown)
    return [
        *shown,
        Problem(
            shown[0].file,
            0,
            "",
            f"{hidden} more problems in this file are not shown.",
            "Fix the ones below, then check again to see the rest.",
        ),
    ]


def _display(path: Path, base: Path | None) -> str:
    # Only the folder is resolved: a link is named by its own name, not by the file it points at.
    if base is not None:
        try:
            return (path.parent.resolve() / path.name).relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
