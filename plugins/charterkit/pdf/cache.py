"""A cache of PDFs, keyed by a hash of everything that shapes them.

The key covers the print HTML (the charter's data, the templates' output, the CSS inlined in it and the
pictures as ``data:`` URLs), the template sources, the font files and the versions of the libraries that
render. The same key always means the same bytes, so a PDF whose key is cached is never rendered again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path

from jinja2 import Environment

from .inspect import page_count
from .writer import PDF_VARIANT, atomic_target

__all__ = ["CACHE_FORMAT", "PdfCache", "cache_key", "fingerprint", "library_versions", "template_sources"]

CACHE_FORMAT = "1"
"""Bumped when the way PDFs are made changes in a way the other inputs do not show."""

_LIBRARIES = (
    "charterkit", "weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools", "pydantic", "jinja2",
)
_ENTRY = re.compile(r"^([0-9a-f]{64})\.(pdf|pages)$")


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


class PdfCache:
    """A folder of PDFs named by their key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        """Where the PDF of ``key`` is (or will be) kept."""
        return self.folder / f"{key}.pdf"

    def has(self, key: str) -> bool:
        """Whether the PDF of ``key`` is ready. Files are only ever complete: they are written atomically."""
        return self.path(key).is_file()

    def pages(self, key: str, known: int | None = None) -> int:
        """The page count of a cached PDF. Reading a PDF takes a quarter of a second, so the count is kept
        in a small file beside it: ``known`` (from rendering) is stored, or the PDF is read once."""
        note = self.folder / f"{key}.pages"
        if known is None:
            try:
                return int(note.read_text(encoding="ascii"))
            except (OSError, ValueError):
                known = page_count(self.path(key))
        with atomic_target(note) as tmp:
            tmp.write_text(str(known), encoding="ascii")
        return known

    def prune(self, keep: Iterable[str]) -> int:
        """Delete cached PDFs (and their notes) whose key is not in ``keep``, so that the cache does not
        grow for ever. Only files named like cache entries are touched. Returns how many PDFs went."""
        wanted = set(keep)
        removed = 0
        if not self.folder.is_dir():
            return 0
        for entry in self.folder.iterdir():
            match = _ENTRY.match(entry.name)
            if match and match.group(1) not in wanted:
                entry.unlink(missing_ok=True)
                removed += match.group(2) == "pdf"
        return removed
