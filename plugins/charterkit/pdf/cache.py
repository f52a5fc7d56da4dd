"""A cache of PDFs, keyed by a hash of everything that shapes them.

The key covers the print HTML (the charter's data, the templates' output, the CSS inlined in it and the
pictures as ``data:`` URLs), the template sources, the font files and the versions of the libraries that
render. The same key always means the same bytes, so a PDF whose key is cached is never rendered again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from jinja2 import Environment

from charterkit.pdf.writer import PDF_VARIANT
from charterkit.store import Store

__all__ = [
    "CACHE_FORMAT",
    "Note",
    "PdfCache",
    "cache_key",
    "fingerprint",
    "library_versions",
    "template_sources",
]

CACHE_FORMAT = "3"
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
    """PDFs named by their key, each with a :class:`Note`, kept in a :class:`~charterkit.store.Store`:
    a PDF whose bytes no longer match the hash recorded when it was made is made again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.store = Store(folder, suffix=".pdf", label="PDF")

    @property
    def remade(self) -> list[str]:
        """Damaged PDFs found (and deleted) in this build, one line each, for the log."""
        return self.store.remade

    def path(self, key: str) -> Path:
        """Where the PDF of ``key`` is kept."""
        return self.store.path(key)

    def temp_path(self, key: str) -> Path:
        """Where a worker writes the PDF of ``key`` before :meth:`put` takes it in."""
        return self.store.temp_path(key)

    def get(self, key: str) -> Note | None:
        """The note of a cached PDF whose bytes check out, or None (the PDF is then made again)."""
        entry = self.store.get(key)
        if entry is None:
            return None
        try:
            meta = entry.meta
            warnings, missing = tuple(map(str, meta["warnings"])), tuple(map(str, meta["missing"]))
            return Note(int(meta["pages"]), warnings, missing)
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, rendered: Path, note: Note) -> None:
        """Take in ``rendered`` (a :meth:`temp_path`) as the PDF of ``key``, with its note."""
        data = {"pages": note.pages, "warnings": list(note.warnings), "missing": list(note.missing)}
        self.store.adopt(key, rendered, data)

    def prune(self, keep: Iterable[str]) -> int:
        """Delete cached PDFs whose key is not in ``keep``, and files left by killed builds. Returns how
        many PDFs went."""
        return self.store.prune(keep, old_suffixes=[".pages"])  # notes of older versions
