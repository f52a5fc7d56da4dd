"""Make every file of every charter: check what could fail, then write only what the store lacks.

Each file's key is a hash of its content (every word, every picture's SVG), its format and the versions of
what writes it, so a warm build writes nothing and an edit remakes only that charter's files. Writing runs
in worker processes, started by :meth:`Batch.start` and collected by :meth:`Batch.finish`, so that a site
generator can make the PDFs in between, at the same time.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from charterkit.errors import Problem
from charterkit.format.icons import IconSet
from charterkit.formats.content import Content, EasyRow, Heading, ItemList, Variant, build_content, plain
from charterkit.formats.registry import FORMATS, Format, write
from charterkit.formats.store import Store
from charterkit.load.loader import LoadedCharter
from charterkit.pdf.inspect import human_size

__all__ = [
    "CACHE_FORMAT",
    "Batch",
    "FileDoc",
    "FilesFailed",
    "Made",
    "documents_for",
    "make_files",
]

CACHE_FORMAT = "1"
"""Bumped when the way files are made changes in a way the other inputs do not show."""

_LIBRARIES = ("charterkit", "python-docx", "lxml", "pillow", "fonttools")
VARIANTS: dict[Variant, str] = {"standard": "Standard version", "easy-read": "Easy read version"}


@dataclass(frozen=True)
class FileDoc:
    """One file to make: which charter, which version of it, which format, and where it goes."""

    item: LoadedCharter
    variant: Variant
    format: Format
    path: str
    """Where the file goes, relative to the site root: ``charters/<slug>/<slug>-easy-read.docx``."""

    @property
    def slug(self) -> str:
        return self.item.slug

    @property
    def label(self) -> str:
        return self.format.label


@dataclass(frozen=True)
class Made:
    """A file ready for the site: where it is kept, its link details, and whether it was written now."""

    doc: FileDoc
    file: Path
    details: str
    """GOV.UK style: "DOCX, 38 KB"."""
    written: bool


class FilesFailed(Exception):
    """Some files cannot be made: every problem, each naming the charter's file, line and field."""

    def __init__(self, problems: Sequence[Problem | str]) -> None:
        self.problems = list(dict.fromkeys(problems))  # a missing tool is said once, not once a file
        super().__init__("\n".join(str(p) for p in self.problems))


def documents_for(
    charters: Sequence[LoadedCharter], *, base: str = "charters", formats: Iterable[str] = tuple(FORMATS)
) -> list[FileDoc]:
    """Every file of ``charters``: each format of the standard text, and of the easy read where there is one
    (never invented where there is not)."""
    prefix = f"{base.strip('/')}/" if base.strip("/") else ""
    wanted = [FORMATS[name] for name in formats]
    out = []
    for item in charters:
        variants: list[Variant] = ["standard", "easy-read"] if item.charter.easy_read else ["standard"]
        for variant in variants:
            for fmt in wanted:
                path = f"{prefix}{item.slug}/{item.slug}-{variant}.{fmt.extension}"
                out.append(FileDoc(item, variant, fmt, path))
    return out


@cache
def _versions(braille: bool) -> tuple[str, ...]:
    out = []
    for name in _LIBRARIES:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=not installed")
    if braille:
        from charterkit.formats.braille import TABLES, liblouis_version

        out.append(f"liblouis={liblouis_version()} {TABLES}")
    return tuple(out)


def file_key(content: Content, fmt: Format) -> str:
    """The key of one file: its content, its format and the versions of what writes it."""
    h = hashlib.sha256()
    for part in (CACHE_FORMAT, fmt.name, *_versions(fmt.name == "brf"), content.fingerprint()):
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


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


def picture_key(svg: str) -> str:
    """The key of a picture's PNG: its SVG and the versions of what draws it."""
    h = hashlib.sha256()
    for part in (CACHE_FORMAT, "png", *_versions(False), svg):
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _readable_png(data: bytes) -> bool:
    """Whether the Word writer can read a council's PNG (browsers forgive a damaged file; it does not)."""
    from docx.image.image import Image

    try:
        Image.from_blob(data)
    except Exception:  # any damage python-docx trips on: the description is shown instead
        return False
    return True


def pictures_png(
    item: LoadedCharter, content: Content, store: Store, pngs: dict[str, bytes], keys: list[str]
) -> list[Problem]:
    """Draw each easy-read picture of ``content`` as PNG once (kept in ``store``, added to ``pngs`` by
    name, its key to ``keys``); a problem for each picture that cannot be put into a Word or OpenDocument
    file."""
    from charterkit.format.pictures import is_picture_file
    from charterkit.formats.pictures import PictureError, svg_to_png

    problems = []
    for picture in content.pictures:
        reason = ""
        if not picture.svg and is_picture_file(picture.name):
            # A council's own picture file, checked when the charter was loaded: a PNG goes in as it is;
            # another kind (JPEG, SVG, WebP) gives way to the picture's description, as OpenMoji's do.
            data = (item.path.parent / picture.name).read_bytes()
            if data.startswith(b"\x89PNG\r\n\x1a\n") and _readable_png(data):
                pngs[picture.name] = data
            continue
        if not picture.svg:
            reason = "its picture file could not be found"
        elif picture.name not in pngs:
            key = picture_key(picture.svg)
            kept = store.get(key, "png")
            try:
                pngs[picture.name] = (
                    kept.read_bytes() if kept else store.put(key, "png", svg_to_png(picture.svg)).read_bytes()
                )
                keys.append(key)
            except PictureError:
                # Shapes our drawing cannot do (colour pictures such as OpenMoji): the Word and
                # OpenDocument files show the picture's description instead; the EPUB keeps the SVG.
                keys.append(key)
        if reason:
            problems.append(
                Problem(
                    item.display_path,
                    item.line_of(_field_path(picture.field)),
                    picture.field,
                    f'the picture "{picture.name}" cannot be put into the Word and OpenDocument files: '
                    f"{reason}.",
                    "Choose another picture from the icon sets (see the credits page), then build again.",
                )
            )
    return problems


@dataclass
class Batch:
    """The files of a site, made in worker processes between :meth:`start` and :meth:`finish`."""

    docs: Sequence[FileDoc]
    store: Store
    icons: IconSet | None = None
    site_contact: str = ""
    workers: int = 0
    _keys: list[str] = field(default_factory=list)
    _pngs: dict[str, bytes] = field(default_factory=dict)
    _picture_keys: list[str] = field(default_factory=list)
    _pool: ProcessPoolExecutor | None = None
    _futures: dict[str, Future[bytes]] = field(default_factory=dict)
    _inline: dict[str, tuple[Content, Format]] = field(default_factory=dict)

    def start(self) -> None:
        """Check every charter (raises :class:`FilesFailed` with every problem), then start writing the
        files the store lacks."""
        contents: dict[tuple[str, str], Content] = {}
        problems: list[Problem | str] = []
        for doc in self.docs:
            pair = (doc.slug, doc.variant)
            if pair not in contents:
                contents[pair] = build_content(
                    doc.item, doc.variant, icons=self.icons, site_contact=self.site_contact
                )
        try:
            problems += self._check(contents)
        except Exception as exc:
            from charterkit.formats.braille import ToolMissing

            if not isinstance(exc, ToolMissing):
                raise
            problems.append(str(exc))
        if problems:
            raise FilesFailed(problems)
        todo: dict[str, tuple[Content, Format]] = {}
        for doc in self.docs:
            content = contents[(doc.slug, doc.variant)]
            key = file_key(content, doc.format)
            self._keys.append(key)
            if self.store.get(key, doc.format.extension) is None:
                todo.setdefault(key, (content, doc.format))
        n = min(self.workers if self.workers > 0 else (os.cpu_count() or 1), len(todo))
        if n <= 1:
            self._inline = todo
            return
        # "spawn" starts clean interpreters: forking a process that runs a web server is unsafe.
        self._pool = ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("spawn"))
        # Biggest first (the easy reads, with pictures), so that no long job starts last.
        for key, (content, fmt) in sorted(todo.items(), key=lambda kv: -len(kv[1][0].fingerprint())):
            self._futures[key] = self._pool.submit(write, fmt.name, content, self._needed(content, fmt))
        self._inline = {}

    def _needed(self, content: Content, fmt: Format) -> dict[str, bytes]:
        if not fmt.pictures:
            return {}
        return {p.name: self._pngs[p.name] for p in content.pictures if p.name in self._pngs}

    def _check(self, contents: dict[tuple[str, str], Content]) -> list[Problem]:
        names = {doc.format.name for doc in self.docs}
        problems: list[Problem] = []
        by_slug: dict[str, list[Content]] = {}
        for (slug, _), content in contents.items():
            by_slug.setdefault(slug, []).append(content)
        items = {doc.slug: doc.item for doc in self.docs}
        for slug, group in by_slug.items():
            item = items[slug]
            if "brf" in names:
                translate([])  # raises ToolMissing, naming the packages, when liblouis is not installed
                problems += braille_problems(item, group)
            if names & {n for n, f in FORMATS.items() if f.pictures}:
                for content in group:
                    problems += pictures_png(item, content, self.store, self._pngs, self._picture_keys)
        return problems

    def cancel(self) -> None:
        """Stop writing (the build failed elsewhere); nothing is kept."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        self._futures.clear()
        self._inline.clear()

    def finish(self) -> list[Made]:
        """Wait for every file, keep each in the store, and say where each is. Raises :class:`FilesFailed`
        naming every file that could not be written."""
        written: dict[str, bytes] = {}
        failures: list[Problem | str] = []
        blame = {key: doc for key, doc in zip(self._keys, self.docs, strict=True)}
        try:
            for key, (content, fmt) in self._inline.items():
                try:
                    written[key] = write(fmt.name, content, self._needed(content, fmt))
                except Exception as exc:
                    failures.append(_failure(blame[key], exc))
            for key, future in self._futures.items():
                try:
                    written[key] = future.result()
                except Exception as exc:
                    failures.append(_failure(blame[key], exc))
        finally:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None
        if failures:
            raise FilesFailed(failures)
        made = []
        for key, doc in zip(self._keys, self.docs, strict=True):
            ext = doc.format.extension
            data = written.pop(key, None)
            path = self.store.put(key, ext, data) if data is not None else self.store.get(key, ext)
            if path is None:  # deleted while the build ran: say so rather than link a missing file
                raise FilesFailed(
                    [f"{doc.path}: the stored file went missing during the build. Build again."]
                )
            made.append(
                Made(doc, path, f"{doc.format.kind}, {human_size(path.stat().st_size)}", data is not None)
            )
        self.store.prune([*self._keys, *self._picture_keys])
        return made


def _failure(doc: FileDoc, exc: Exception) -> str:
    from charterkit.formats.braille import ToolMissing

    if isinstance(exc, ToolMissing):
        return str(exc)
    return (
        f"{doc.item.display_path}: the {doc.format.label.lower()} ({doc.path}) could not be made: "
        f"{type(exc).__name__}: {exc}. Report this as a bug, with the charter file."
    )


def make_files(
    docs: Sequence[FileDoc],
    store: Store,
    *,
    icons: IconSet | None = None,
    site_contact: str = "",
    workers: int = 0,
) -> list[Made]:
    """Make ``docs`` (see :class:`Batch`), all at once."""
    batch = Batch(docs, store, icons, site_contact, workers)
    batch.start()
    return batch.finish()
