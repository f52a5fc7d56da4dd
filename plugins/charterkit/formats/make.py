"""Make every file of every charter: check what could fail, then write only what the cache lacks.

Each file is kept by a key (:mod:`charterkit.formats.keys`) in a checked cache
(:mod:`charterkit.formats.cache`), so a warm build writes nothing, an edit remakes only that charter's
files, and a damaged file is made again rather than published. Writing runs in worker processes, started
by :meth:`Batch.start` and collected by :meth:`Batch.finish`, so that a site generator can make the PDFs in
between, at the same time.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from charterkit.errors import Problem
from charterkit.format.icons import IconSet
from charterkit.formats.cache import FileCache
from charterkit.formats.checks import braille_problems, charter_braille_problems, pictures_png, translate
from charterkit.formats.content import Content, Variant, build_content
from charterkit.formats.keys import CACHE_FORMAT, file_key
from charterkit.formats.registry import FORMATS, Format, write
from charterkit.load.loader import LoadedCharter
from charterkit.pdf.inspect import human_size

__all__ = [
    "CACHE_FORMAT",
    "Batch",
    "FileDoc",
    "FilesFailed",
    "Made",
    "charter_braille_problems",
    "documents_for",
    "make_files",
]

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


Pngs = dict[str, bytes | None]
"""A charter's easy-read pictures as PNG, by name; None where its description is shown instead."""


@dataclass
class Batch:
    """The files of a site, made in worker processes between :meth:`start` and :meth:`finish`."""

    docs: Sequence[FileDoc]
    cache: FileCache
    icons: IconSet | None = None
    site_contact: str = ""
    workers: int = 0
    _keys: list[str] = field(default_factory=list)
    _pngs: dict[str, Pngs] = field(default_factory=dict)
    _picture_keys: list[str] = field(default_factory=list)
    _pool: ProcessPoolExecutor | None = None
    _futures: dict[str, Future[bytes]] = field(default_factory=dict)
    _inline: dict[str, tuple[Content, Format, Pngs]] = field(default_factory=dict)

    def start(self) -> None:
        """Check every charter (raises :class:`FilesFailed` with every problem), then start writing the
        files the cache lacks."""
        contents: dict[tuple[str, str], Content] = {}
        for doc in self.docs:
            if (doc.slug, doc.variant) not in contents:
                contents[(doc.slug, doc.variant)] = build_content(
                    doc.item, doc.variant, icons=self.icons, site_contact=self.site_contact
                )
        problems = self._problems(contents)
        if problems:
            raise FilesFailed(problems)
        todo: dict[str, tuple[Content, Format, Pngs]] = {}
        for doc in self.docs:
            content = contents[(doc.slug, doc.variant)]
            pngs = self._needed(doc.slug, content, doc.format)
            key = file_key(content, doc.format, pngs)
            self._keys.append(key)
            if self.cache.get(key, doc.format.extension) is None:
                todo.setdefault(key, (content, doc.format, pngs))
        self._launch(todo)

    def _launch(self, todo: Mapping[str, tuple[Content, Format, Pngs]]) -> None:
        n = min(self.workers if self.workers > 0 else (os.cpu_count() or 1), len(todo))
        if n <= 1:
            self._inline = dict(todo)
            return
        # "spawn" starts clean interpreters: forking a process that runs a web server is unsafe.
        self._pool = ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("spawn"))
        # Biggest first (the easy reads, with pictures), so that no long job starts last.
        for key, (content, fmt, pngs) in sorted(todo.items(), key=lambda kv: -len(kv[1][0].fingerprint())):
            self._futures[key] = self._pool.submit(write, fmt.name, content, _given(pngs))
        self._inline = {}

    def _needed(self, slug: str, content: Content, fmt: Format) -> Pngs:
        if not fmt.pictures:
            return {}
        pngs = self._pngs.get(slug, {})
        return {p.name: pngs.get(p.name) for p in content.pictures}

    def _problems(self, contents: dict[tuple[str, str], Content]) -> list[Problem | str]:
        from charterkit.formats.braille import ToolMissing

        try:
            return list(self._check(contents))
        except ToolMissing as exc:
            return [str(exc)]

    def _check(self, contents: dict[tuple[str, str], Content]) -> list[Problem]:
        names = {doc.format.name for doc in self.docs}
        pictures = bool(names & {n for n, f in FORMATS.items() if f.pictures})
        problems: list[Problem] = []
        items = {doc.slug: doc.item for doc in self.docs}
        for slug, item in items.items():
            group = [content for (s, _), content in contents.items() if s == slug]
            if "brf" in names:
                translate([])  # raises ToolMissing, naming the packages, when liblouis is not installed
                problems += braille_problems(item, group)
            if pictures:
                pngs = self._pngs.setdefault(slug, {})
                for content in group:
                    problems += pictures_png(item, content, self.cache, pngs, self._picture_keys)
        return problems

    def cancel(self) -> None:
        """Stop writing (the build failed elsewhere); nothing is kept."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        self._futures.clear()
        self._inline.clear()

    def finish(self) -> list[Made]:
        """Wait for every file, keep each in the cache, and say where each is. Raises :class:`FilesFailed`
        naming every file that could not be written."""
        written = self._collect()
        pairs = zip(self._keys, self.docs, strict=True)
        made = [self._made(key, doc, written.pop(key, None)) for key, doc in pairs]
        self.cache.prune([*self._keys, *self._picture_keys])
        return made

    def _collect(self) -> dict[str, bytes]:
        written: dict[str, bytes] = {}
        failures: list[Problem | str] = []
        blame = {key: doc for key, doc in zip(self._keys, self.docs, strict=True)}
        try:
            for key, (content, fmt, pngs) in self._inline.items():
                try:
                    written[key] = write(fmt.name, content, _given(pngs))
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
        return written

    def _made(self, key: str, doc: FileDoc, data: bytes | None) -> Made:
        ext = doc.format.extension
        path = self.cache.put(key, ext, data) if data is not None else self.cache.get(key, ext)
        if path is None:  # deleted or damaged while the build ran: say so rather than link a bad file
            raise FilesFailed([f"{doc.path}: the kept file went missing during the build. Build again."])
        return Made(doc, path, f"{doc.format.kind}, {human_size(path.stat().st_size)}", data is not None)


def _given(pngs: Pngs) -> dict[str, bytes]:
    """The pictures a writer embeds (the others are shown as their description)."""
    return {name: data for name, data in pngs.items() if data is not None}


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
    cache: FileCache,
    *,
    icons: IconSet | None = None,
    site_contact: str = "",
    workers: int = 0,
) -> list[Made]:
    """Make ``docs`` (see :class:`Batch`), all at once."""
    batch = Batch(docs, cache, icons, site_contact, workers)
    batch.start()
    return batch.finish()
