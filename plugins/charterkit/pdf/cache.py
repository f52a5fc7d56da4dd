"""A cache of PDFs, keyed by a hash of everything that shapes them.

The key covers the print HTML (the charter's data, the templates' output, the CSS inlined in it and the
pictures as ``data:`` URLs), the template sources, the font files and the versions of the libraries that
render. The same key always means the same bytes, so a PDF whose key is cached is never rendered again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from jinja2 import Environment

from charterkit.pdf.writer import PDF_VARIANT, atomic_target

__all__ = [
    "CACHE_FORMAT",
    "Note",
    "PdfCache",
    "cache_key",
    "fingerprint",
    "library_versions",
    "template_sources",
]

CACHE_FORMAT = "2"
"""Bumped when the way PDFs are made changes in a way the other inputs do not show."""

_LIBRARIES = (
    "charterkit",
    "weasyprint",
    "pydyf",
    "tinycss2",
    "cssselect2",
    "fonttools",
    "pydantic",
    "jinja2",
)
_ENTRY = re.compile(r"([0-9a-f]{64})\.(pdf|json|pages)")
"""A cached PDF or its note (``.pages`` notes are from an older charterkit)."""


@cache
def library_versions() -> tuple[tuple[str, str], ...]:
    """The installed version of each library that shapes a PDF."""
    out = []
    for name in _LIBRARIES:
        try:
            out.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            out.append((name, "not installed"))
    return tuple(out)


def template_sources(env: Environment) -> list[tuple[str, str]]:
    """The source of every print template and stylesheet, and of the shared macros they import, as
    ``env`` finds them (a council's replacement, where there is one)."""
    assert env.loader is not None

    def is_print_template(name: str) -> bool:
        return name.startswith("charterkit/print/") and name.endswith((".html", ".css"))

    names = sorted(env.list_templates(filter_func=is_print_template))
    names.append("charterkit/macros.html")
    return [(name, env.loader.get_source(env, name)[0]) for name in names]


def fingerprint(env: Environment, fonts: Sequence[Path], asset_dirs: Sequence[Path] = ()) -> str:
    """A hash of the inputs shared by every PDF: templates, fonts, library versions, and any other file
    (such as a logo) in ``asset_dirs``, the folders that relative URLs in print templates point into."""
    h = hashlib.sha256()
    _feed(h, "format", CACHE_FORMAT, "variant", PDF_VARIANT)
    for name, version in library_versions():
        _feed(h, name, version)
    for name, source in template_sources(env):
        _feed(h, name, source)
    for font in sorted(fonts):
        _feed(h, "font", font.name, _file_hash(font))
    for folder in asset_dirs:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            _feed(h, "asset", path.relative_to(folder).as_posix(), _file_hash(path))
    return h.hexdigest()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cache_key(html: str, shared: str) -> str:
    """The key of one PDF: its print HTML and the shared ``fingerprint``."""
    h = hashlib.sha256()
    _feed(h, shared, html)
    return h.hexdigest()


def _feed(h: hashlib._Hash, *parts: str) -> None:
    # Length-prefixed, so that no two different lists of parts give the same bytes.
    for part in parts:
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)


@dataclass(frozen=True)
class Note:
    """What rendering a cached PDF gave besides its bytes, kept beside it: replayed on every build that
    takes the PDF from the cache, so that a problem WeasyPrint reported (an empty box for a missing letter,
    a style it could not use) is reported again, and ``--strict`` keeps failing until it is fixed."""

    pages: int
    warnings: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    """Characters that no font could show."""


class PdfCache:
    """A folder of PDFs named by their key, each with a note (:class:`Note`) beside it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        """Where the PDF of ``key`` is (or will be) kept."""
        return self.folder / f"{key}.pdf"

    def _note_path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> Note | None:
        """The note of a cached PDF, or None when the PDF or its note is missing or unreadable (the PDF
        is then made again). Files are only ever complete: they are written atomically."""
        if not self.path(key).is_file():
            return None
        try:
            data = json.loads(self._note_path(key).read_text(encoding="utf-8"))
            warnings, missing = tuple(map(str, data["warnings"])), tuple(map(str, data["missing"]))
            return Note(int(data["pages"]), warnings, missing)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, note: Note) -> None:
        """Keep the note of a PDF just written to :meth:`path`."""
        data = {"pages": note.pages, "warnings": list(note.warnings), "missing": list(note.missing)}
        with atomic_target(self._note_path(key)) as tmp:
            tmp.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    def prune(self, keep: Iterable[str]) -> int:
        """Delete cached PDFs (and their notes) whose key is not in ``keep``, so that the cache does not
        grow for ever. Only files named like cache entries are touched. Returns how many PDFs went."""
        wanted = set(keep)
        removed = 0
        if not self.folder.is_dir():
            return 0
        for entry in self.folder.iterdir():
            match = _ENTRY.fullmatch(entry.name)
            if match and match.group(1) not in wanted:
                entry.unlink(missing_ok=True)
                removed += match.group(2) == "pdf"
        return removed
