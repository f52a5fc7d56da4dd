"""Say where a character that the PDF fonts cannot show comes from: which charter file, line and field.

WeasyPrint only says that it drew an empty box for a character. An editor needs the file to open, the line
to change and what to do, once for each charter and character, however many PDFs show it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from charterkit.errors import CharterError, Problem, format_path
from charterkit.load.loader import LoadedCharter
from charterkit.load.yamlsource import Located, load_yaml
from charterkit.pdf.documents import Document

__all__ = ["describe", "glyph_problems", "missing_glyph_messages"]

_FIX = (
    "Write it another way, or add a font that has it to the PDFs (see “Letters the fonts cannot show” "
    "in docs/pdfs.md)."
)


def describe(char: str) -> str:
    """A character as an editor can find it: “中” (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D)."""
    codes = " ".join(f"U+{ord(c):04X}" for c in char)
    name = unicodedata.name(char, "") if len(char) == 1 else ""
    return f"“{char}” ({codes}{' ' + name if name else ''})"


def missing_glyph_messages(doc: Document, chars: Iterable[str]) -> list[str]:
    """One message for each character of ``chars`` (drawn as an empty box in ``doc``) and each charter of
    ``doc`` that has it, naming the charter's file, line and field. A character in no charter comes from
    the site's settings or a print template, and the message says so, naming the PDF."""
    out: list[str] = []
    sources = {item.display_path: _located(item) for item in doc.charters}
    for char in dict.fromkeys(chars):
        found = False
        for item in doc.charters:
            problem = _problem(item, sources[item.display_path], char)
            if problem is not None:
                found = True
                out.append(str(problem))
        if not found:
            out.append(
                f"{doc.path}: the PDF fonts cannot show the character {describe(char)}, so this PDF "
                "prints an empty box for it. It is in no charter: it comes from the site's settings "
                f"(such as site_name) or from a print template. {_FIX}"
            )
    return out


def glyph_problems(item: LoadedCharter, extra_fonts: Sequence[Path] = ()) -> list[Problem]:
    """A problem for each character of ``item`` that no PDF font can show, found without making a PDF.

    ``charterkit check`` reports these so that it agrees with the strict build, which fails on the empty
    box; the words are the build's. ``extra_fonts`` are the font files the site adds to its PDFs.
    """
    from charterkit.pdf.coverage import unshowable

    chars = unshowable(_texts(item.charter.model_dump()), extra_fonts)
    if not chars:
        return []
    source = _located(item)
    return [p for p in (_problem(item, source, char) for char in chars) if p is not None]


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child in value.values():
            yield from _texts(child)
    elif isinstance(value, list):
        for child in value:
            yield from _texts(child)


def _problem(item: LoadedCharter, source: Located | None, char: str) -> Problem | None:
    """The problem for ``char`` in ``item``, at the first place it is written; ``None`` when it is not."""
    places = list(_places(item, source, char))
    if not places:
        return None
    (path, line), more = places[0], len(places) - 1
    also = f" It is also in {more} other place{'s' if more != 1 else ''} in this file." if more else ""
    return Problem(
        item.display_path,
        line,
        format_path(path),
        f"the PDF fonts cannot show the character {describe(char)}, "
        f"so the PDFs print an empty box for it.{also}",
        _FIX,
    )


def _located(item: LoadedCharter) -> Located | None:
    try:
        return load_yaml(item.path, item.display_path)
    except (OSError, CharterError):  # the file changed since it was loaded: name the file, not a line
        return None


def _places(
    item: LoadedCharter, source: Located | None, char: str
) -> Iterator[tuple[tuple[str | int, ...], int]]:
    """Each field whose text has ``char``, with its line, in the file's order; the whole file (line 0)
    when its lines could not be read again."""
    if source is None:
        if char in str(item.charter.model_dump()):
            yield (), 0
        return

    def walk(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
        if isinstance(value, str):
            if char in value:
                yield path
        elif isinstance(value, dict):
            for key, child in value.items():
                yield from walk(child, (*path, str(key)))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                yield from walk(child, (*path, index))

    found = [(path, source.line_of(path)) for path in walk(source.data, ())]
    yield from sorted(found, key=lambda place: place[1])
