"""Load charter files and check them, reporting every problem at once in plain words."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import CharterError, Problem, format_path
from .icons import IconSet, load_icon_set
from .model import Charter
from .yamlsource import Located, load_yaml

__all__ = ["LoadedCharter", "find_charter_files", "load_charter", "load_charters"]

_EXAMPLES: dict[str, str] = {
    "title": 'title: "Our co-production charter"',
    "summary": 'summary: "How we will work together with the people who use our services."',
    "sector": "sector: adult social care",
    "credit": 'credit: "Text © Example Council, reproduced with permission."',
    "source": 'source:\n    title: "Our co-production charter (PDF)"',
    "sections": 'sections:\n  - title: "Our principles"\n    kind: principles',
    "heading": 'heading: "About this charter"',
    "points": 'points:\n  - text: "We will listen to you."\n    picture: material/ear-hearing',
    "text": 'text: "We will listen to you."',
    "picture": "picture: material/handshake",
    "word": "word: co-production",
    "meaning": 'meaning: "Working together as equals."',
    "who": 'who: "Speaking Up group"',
    "date": "date: 2026-03",
}


@dataclass(frozen=True)
class LoadedCharter:
    """A valid charter, where it came from, and its final slug."""

    charter: Charter
    path: Path
    display_path: str
    slug: str


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


def _clean_loc(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    # pydantic adds pseudo-steps for some validators ("function-after[...]"); they are not fields.
    return tuple(p for p in loc if isinstance(p, int) or ("[" not in p and "(" not in p))


def _problem_for(error: Any, located: Located, file: str) -> Problem:
    loc = _clean_loc(error["loc"])
    kind = error["type"]
    value = error.get("input")
    field = format_path(loc)
    name = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
    line = located.line_of(loc)
    if kind == "charterkit":
        ctx = error["ctx"]
        return Problem(file, line, field, ctx["message"], ctx["fix"])
    if kind == "missing":
        example = _EXAMPLES.get(name, f"{name}: ...")
        return Problem(file, located.line_of(loc[:-1]), field, f'"{name}" is missing.',
                       f"Add it, for example: {example}")
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = list(model.model_fields) if model else []
        close = difflib.get_close_matches(name.lower(), allowed, n=1, cutoff=0.6)
        if close:
            fix = f'Did you mean "{close[0]}"? Rename it.'
        else:
            fix = f"Remove it, or use one of: {', '.join(allowed)}."
        return Problem(file, line, field, f'"{name}" is not a field here.', fix)
    if kind == "string_type":
        return Problem(file, line, field, f"expected text, found {_kind(value)}.",
                       f'Write the text after "{name or "-"}:" on the same line, in double quotes.'
                       if isinstance(value, int | float | bool) or value is None else
                       f'Write the text on one line after "{name or "-"}:".')
    if kind in ("string_too_short",):
        return Problem(file, line, field, "is empty.",
                       "Write the text, or remove the line if the field is optional.")
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return Problem(file, line, field, f"is longer than {limit} characters.",
                       "Split it into shorter paragraphs or points.")
    if kind == "list_type":
        return Problem(file, line, field, f"expected a list, found {_kind(value)}.",
                       'Put each item on its own line below, starting with "- ".')
    if kind == "too_short":
        return Problem(file, line, field, "needs at least one item.",
                       'Add an item on the next line, starting with "- ".')
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Problem(file, line, field, f"expected a group of fields, found {_kind(value)}.",
                       f'Put the fields on the lines below "{name or "-"}:", indented by two spaces.')
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return Problem(file, line, field, f'"{value}" is not allowed here.', f"Use one of: {expected}.")
    if kind == "bool_type":
        return Problem(file, line, field, f"expected true or false, found {_kind(value)}.",
                       "Write true or false.")
    return Problem(file, line, field, f"{error['msg']}.", "Check this value against the format page.")


def load_charter(path: Path, display: str | None = None, *, icons: IconSet | None = None) -> LoadedCharter:
    """Read and check one charter file; raise :class:`CharterError` with every problem in it."""
    file = display or path.as_posix()
    located = load_yaml(path, file)
    if icons is None:
        icons = load_icon_set()
    try:
        charter = Charter.model_validate(located.data, context={"icons": icons})
    except ValidationError as exc:
        raise CharterError(_problem_for(e, located, file) for e in exc.errors()) from None
    slug = charter.slug or path.stem
    if charter.slug is None and not _is_slug(slug):
        raise CharterError([Problem(
            file, 1, "slug", f'the file name "{path.name}" cannot be used in a web address.',
            "Rename the file using lower-case letters, digits and hyphens (north-somerset.yml), or add a slug.",
        )])
    return LoadedCharter(charter, path, file, slug)


def _is_slug(value: str) -> bool:
    from .model import _SLUG

    return bool(_SLUG.match(value))


def find_charter_files(folder: Path) -> list[Path]:
    """The charter files in ``folder``, sorted (``.yml`` and ``.yaml``; names starting with _ are skipped)."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.suffix in (".yml", ".yaml") and not p.name.startswith(("_", ".")) and p.is_file()
    )


def load_charters(
    paths: Iterable[Path], *, base: Path | None = None, icons: IconSet | None = None
) -> list[LoadedCharter]:
    """Load every file, collecting problems across all of them; duplicate slugs are problems too."""
    loaded: list[LoadedCharter] = []
    problems: list[Problem] = []
    for path in paths:
        display = _display(path, base)
        try:
            loaded.append(load_charter(path, display, icons=icons))
        except CharterError as exc:
            problems.extend(exc.problems)
    seen: dict[str, LoadedCharter] = {}
    for item in loaded:
        if item.slug in seen:
            first = seen[item.slug]
            problems.append(Problem(
                item.display_path, 1, "slug",
                f'"{item.slug}" is already used by {first.display_path}.',
                "Give one of the charters a different slug (or rename its file).",
            ))
        else:
            seen[item.slug] = item
    if problems:
        raise CharterError(problems)
    return loaded


def _display(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
