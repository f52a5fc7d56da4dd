"""What could stop a charter's files from being made, found before any is written.

Two things can: a character the braille tables cannot translate, and an easy-read picture that cannot be
found. Each problem names the charter's file, the line and the field, and says what to do. The pictures
are made into PNGs here, once, in the main process, so that the workers writing Word and OpenDocument
files are given them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from charterkit.errors import Problem
from charterkit.formats.cache import FileCache
from charterkit.formats.content import (
    Content,
    EasyRow,
    Heading,
    ItemList,
    Picture,
    Variant,
    build_content,
    plain,
)
from charterkit.formats.keys import picture_key
from charterkit.load.loader import LoadedCharter

__all__ = ["braille_problems", "charter_braille_problems", "pictures_png", "translate"]


def _field_path(field_text: str) -> tuple[str | int, ...]:
    out: list[str | int] = []
    for part in field_text.replace("]", "").replace("[", ".").split("."):
        if part:
            out.append(int(part) if part.isdigit() else part)
    return tuple(out)


def _find(value: Any, needle: str, path: tuple[str | int, ...] = ()) -> tuple[str | int, ...] | None:
    """The path of the first text in ``value`` that holds ``needle``."""
    if isinstance(value, str):
        return path if needle in value else None
    items: Iterable[tuple[str | int, Any]] = (
        value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    )
    for key, inner in items:
        found = _find(inner, needle, (*path, key))
        if found is not None:
            return found
    return None


def _format_path(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def translate(lines: Sequence[str]) -> list[str]:
    """``lines`` in braille; raises :class:`~charterkit.formats.braille.ToolMissing` without liblouis."""
    from charterkit.formats.braille import translate as lou

    return lou(lines)


def charter_braille_problems(item: LoadedCharter) -> list[Problem]:
    """The braille problems of one charter, both versions, for ``charterkit check``; none when liblouis is
    not installed (the build says so, naming the packages)."""
    from charterkit.formats.braille import ToolMissing

    variants: list[Variant] = ["standard", "easy-read"] if item.charter.easy_read else ["standard"]
    try:
        return braille_problems(item, [build_content(item, v) for v in variants])
    except ToolMissing:
        return []


def braille_problems(item: LoadedCharter, contents: Sequence[Content]) -> list[Problem]:
    """A problem for each character of the charter that the braille tables cannot translate."""
    from charterkit.formats.braille import untranslatable

    text = "\n".join(_all_text(c) for c in contents)
    problems = []
    data = item.charter.model_dump(mode="python")
    for char in untranslatable(text):
        path = _find(data, char) or ()
        problems.append(
            Problem(
                item.display_path,
                item.line_of(path) if path else 1,
                _format_path(path),
                f'the braille file cannot be made: "{char}" (U+{ord(char):04X}) is a character the '
                "braille tables (liblouis, Unified English Braille) cannot translate.",
                "Replace it with the letters or words it stands for, or with a character in common use.",
            )
        )
    return problems


def _all_text(content: Content) -> str:
    parts = [content.title, content.author, *content.braille_checked]
    for node in content.nodes:
        if isinstance(node, Heading):
            parts.append(node.text)
        elif isinstance(node, ItemList):
            parts.extend(plain(i) for i in node.items)
        else:
            parts += [plain(node.spans), node.alt if isinstance(node, EasyRow) else ""]
    return "\n".join(parts)


def _drawn(svg: str, cache: FileCache, keys: list[str]) -> bytes | None:
    """A one-colour SVG drawn as PNG once, then kept in ``cache``; its key is added to ``keys``."""
    from charterkit.formats.png import svg_png

    key = picture_key(svg)
    keys.append(key)
    kept = cache.get(key, "png")
    if kept is not None:
        return kept.read_bytes()
    data = svg_png(svg)
    if data is not None:
        cache.put(key, "png", data)
    return data


def _png(item: LoadedCharter, picture: Picture, cache: FileCache, keys: list[str]) -> bytes | None:
    from charterkit.format.pictures import is_picture_file
    from charterkit.formats.png import file_png, own_png

    if is_picture_file(picture.name):  # a council's own file, checked when the charter was loaded
        return file_png(item.path.parent / picture.name)
    own = own_png(picture.name)
    if own is not None:
        return own
    return _drawn(picture.svg, cache, keys)


def pictures_png(
    item: LoadedCharter, content: Content, cache: FileCache, pngs: dict[str, bytes | None], keys: list[str]
) -> list[Problem]:
    """Each easy-read picture of ``content`` as PNG, added to ``pngs`` (the charter's) by name (None: its
    description is shown instead), the keys of drawn pictures kept in ``cache`` added to ``keys``; a
    problem for each picture that cannot be found."""
    from charterkit.format.pictures import is_picture_file

    problems = []
    for picture in content.pictures:
        if picture.name in pngs:
            continue
        if not picture.svg and not is_picture_file(picture.name):
            problems.append(
                Problem(
                    item.display_path,
                    item.line_of(_field_path(picture.field)),
                    picture.field,
                    f'the picture "{picture.name}" cannot be put into the Word and OpenDocument files: '
                    "its picture file could not be found.",
                    "Choose another picture from the icon sets (see the credits page), then build again.",
                )
            )
            continue
        pngs[picture.name] = _png(item, picture, cache, keys)
    return problems
