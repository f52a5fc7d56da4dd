"""Load charter files and check them, reporting every problem at once in plain words."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from charterkit.errors import WARNING, CharterError, Problem
from charterkit.format.icons import IconSet, load_icon_set
from charterkit.format.model import WINDOWS_NAMES, Charter
from charterkit.format.placeholders import covered_by, find_placeholders
from charterkit.format.rules import RESERVED_SLUGS, SLUG_MAX, is_slug
from charterkit.load.model_messages import explain_all
from charterkit.load.model_paths import inner_model
from charterkit.load.yamlsource import ReadWithProblems, line_of, load_yaml

__all__ = [
    "MAX_PROBLEMS_PER_FILE",
    "RESERVED_SLUGS",
    "LoadedCharter",
    "capped",
    "display_path",
    "find_charter_files",
    "load_charter",
    "load_charters",
    "sector_problems",
    "slug_problems",
]

MAX_PROBLEMS_PER_FILE = 50
"""A file with thousands of mistakes (a wrong file, or an attack) shows the first ones, not a flood."""


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
        return line_of(self.lines, path)


def load_charter(path: Path, display: str | None = None, *, icons: IconSet | None = None) -> LoadedCharter:
    """Read and check one charter file; raise :class:`CharterError` with every problem in it."""
    file = display or path.as_posix()
    _refuse_odd_names(path, file)
    _refuse_links_out(path, file)
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
    slug = charter.slug or path.stem
    if charter.slug is None and not is_slug(slug):
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
        inner = inner_model(info.annotation)
        if inner is not None and inner is not model:
            names |= _field_names(inner)
    return frozenset(names)


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
        display = display_path(path, base)
        try:
            loaded.append(load_charter(path, display, icons=icons))
        except CharterError as exc:
            problems.extend(capped(exc.problems))
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


def _sector_key(value: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", value.lower().replace("&", " and ")).split())


def _same_sector(a: str, b: str) -> bool:
    # The same words but for case, punctuation or "&", or a slip of a letter or two ("Mental Heath");
    # never a sector with words added ("Children and families (SEND)"), which may be meant.
    if a == b:
        return True
    return abs(len(a) - len(b)) <= 2 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def sector_problems(items: Iterable[tuple[str, str | None, int]]) -> list[Problem]:
    """A "did you mean" for each sector that is nearly, but not exactly, one other charters use.

    Items are (file, sector, line). Charters are grouped by sector on the "By sector" page, so "Mental
    Health" beside "Mental health" splits one group in two. The spelling more charters use is
    suggested; a spelling no other charter shares is the one to change. The problems are warnings.
    """
    written = [(f, s, line) for f, s, line in items if s]
    users: dict[str, list[str]] = {}
    for file, sector, _line in written:
        assert sector is not None
        users.setdefault(sector, []).append(file)
    problems: list[Problem] = []
    for file, sector, line in written:
        assert sector is not None
        key = _sector_key(sector)
        near = [o for o in users if o != sector and _same_sector(_sector_key(o), key)]
        # Only the less used spelling is asked to change (ties: both hear of the other).
        near = [o for o in near if len(users[o]) >= len(users[sector])]
        if not near:
            continue
        best = max(near, key=lambda o: (len(users[o]), _sector_key(o) == key))
        problems.append(
            Problem(
                file,
                line,
                "sector",
                f'"{sector}" is nearly the same as "{best}", which {users[best][0]} uses.',
                f'Did you mean "{best}"? Charters are grouped by sector, so write it the same way '
                "(or leave the sector out if the source does not say).",
                level=WARNING,
            )
        )
    return problems


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


def display_path(path: Path, base: Path | None) -> str:
    """``path`` as messages show it: relative to ``base`` when inside it. Only the folder is resolved: a
    link is named by its own name, not by the file it points at."""
    if base is not None:
        try:
            return (path.parent.resolve() / path.name).relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
