"""Load charter files and check them, reporting every problem at once in plain words.

:func:`find_charter_files` (from :mod:`charterkit.load.files`) is offered here too, beside the loaders.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from charterkit.errors import CharterError, Problem
from charterkit.format.fields import WINDOWS_NAMES
from charterkit.format.icons import IconSet, load_icon_set
from charterkit.format.model import Charter
from charterkit.format.placeholders import covered_by, find_placeholders
from charterkit.format.rules import RESERVED_SLUGS, SLUG_MAX, is_slug
from charterkit.load.files import display_path, find_charter_files, refuse_links_out, refuse_odd_name
from charterkit.load.located import HasLines, ReadWithProblems
from charterkit.load.model_messages import explain_all
from charterkit.load.model_paths import inner_model
from charterkit.load.projectrules import slug_problems
from charterkit.load.yamlsource import load_yaml

__all__ = [
    "MAX_PROBLEMS_PER_FILE",
    "RESERVED_SLUGS",
    "LoadedCharter",
    "capped",
    "find_charter_files",
    "load_charter",
    "load_charters",
    "ready_to_check",
]

MAX_PROBLEMS_PER_FILE = 50
"""A file with thousands of mistakes (a wrong file, or an attack) shows the first ones, not a flood."""


@dataclass(frozen=True)
class LoadedCharter(HasLines):
    """A valid charter, where it came from, and its final slug."""

    charter: Charter
    path: Path
    display_path: str
    slug: str
    slug_line: int = 1
    """The line of the ``slug:`` field, or 1 when the slug comes from the file name."""
    lines: Mapping[tuple[str | int, ...], int] = field(default_factory=dict, compare=False, repr=False)
    """The line where each field path starts, for messages about a valid charter (readability targets)."""
    source: str = field(default="", compare=False, repr=False)
    """A hash of the file's bytes and the name it is shown by, when it was read through the cache
    (:mod:`charterkit.load.prepared`): what is made from the charter alone can be kept under it."""


def ready_to_check() -> None:
    """Build the charter model's checks now. They are built when first used (``defer_build``), so a
    build whose charters are all kept never spends the time; a build about to fork workers calls this
    first, so that each worker starts with them instead of building its own."""
    Charter.model_rebuild()


def load_charter(path: Path, display: str | None = None, *, icons: IconSet | None = None) -> LoadedCharter:
    """Read and check one charter file; raise :class:`CharterError` with every problem in it."""
    file = display or path.as_posix()
    refuse_odd_name(path, file)
    refuse_links_out(path, file)
    read_problems: list[Problem] = []
    try:
        located = load_yaml(path, file, field_names=_field_names())
    except ReadWithProblems as exc:
        # A key written twice or a tag: the rest of the file can still be checked, so that every
        # problem is reported together.
        located, read_problems = exc.located, exc.problems
    if icons is None:
        icons = load_icon_set()
    placeholders = [*read_problems, *find_placeholders(located, file)]
    covered = {p.field for p in placeholders}
    try:
        charter = Charter.model_validate(located.data, context={"icons": icons, "folder": path.parent})
    except ValidationError as exc:
        # A field still holding example text is reported once, as that, not also as a wrong value.
        found = explain_all(located, file, exc.errors())
        raise CharterError([*placeholders, *(p for p in found if not covered_by(p.field, covered))]) from None
    if placeholders:
        raise CharterError(placeholders)
    slug = charter.slug or _file_name_slug(path, file)
    return LoadedCharter(charter, path, file, slug, located.lines.get(("slug",), 1), dict(located.lines))


def _file_name_slug(path: Path, file: str) -> str:
    """The slug a charter without ``slug:`` takes from its file name, when that name can be one."""
    slug = path.stem
    if not is_slug(slug):
        raise CharterError(
            [
                Problem(
                    file,
                    1,
                    "slug",
                    f'the file name "{path.name}" cannot be used in a web address.',
                    "Rename the file using lower-case letters, digits and hyphens (north-somerset.yml), "
                    f"{SLUG_MAX} characters at most, or add a slug.",
                )
            ]
        )
    if slug in WINDOWS_NAMES:
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
    return slug


@cache
def _field_names(model: type[BaseModel] = Charter) -> frozenset[str]:
    """Every field name the format has, at any depth."""
    names: set[str] = set()
    for name, info in model.model_fields.items():
        names.add(name)
        inner = inner_model(info.annotation)
        if inner is not None and inner is not model:
            names |= _field_names(inner)
    return frozenset(names)


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
        display = display_path(path, base)
        try:
            loaded.append(load_charter(path, display, icons=icons))
        except CharterError as exc:
            problems.extend(capped(exc.problems))
    problems += slug_problems([(c.display_path, c.slug, c.slug_line) for c in loaded], reserved)
    if problems:
        raise CharterError(problems)
    return loaded


def capped(problems: list[Problem]) -> list[Problem]:
    """A file's problems, at most :data:`MAX_PROBLEMS_PER_FILE` of them, the last saying how many more."""
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
