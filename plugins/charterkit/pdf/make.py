"""Make every PDF of a site: print HTML for each, then render only those not already in the cache."""

from __future__ import annotations

import errno
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment, TemplateError

from charterkit.format.icons import IconSet
from charterkit.pdf.cache import Note, PdfCache, cache_key, fingerprint
from charterkit.pdf.documents import Document
from charterkit.pdf.fonts import unpacked
from charterkit.pdf.glyphs import missing_glyph_messages
from charterkit.pdf.inspect import details
from charterkit.pdf.jobs import Job, JobsFailed, Progress, describe_error, run_jobs
from charterkit.pdf.printhtml import Site, print_html
from charterkit.pdf.writer import Written
from charterkit.readability.scoring import charter_units
from charterkit.store import StoreUnusable

__all__ = ["MAX_PDF_WORDS", "CacheUnusable", "Made", "PdfFailed", "make_pdfs", "words_in"]

log = logging.getLogger("mkdocs.plugins.charterkit.pdf")

MAX_PDF_WORDS = 60_000
"""The most words one PDF is made of: about 200 pages of standard print and 300 of large print, a few
minutes of work on one core. A valid charter can be far longer (a file of 1 MB holds tens of thousands
of points); its PDFs are refused with a plain message rather than left to render for an hour. A
booklet over the limit is not made (each charter's own PDFs still are)."""


@dataclass(frozen=True)
class Made:
    """A PDF that is ready: where its bytes are, and what its download link says about it."""

    doc: Document
    file: Path
    """The cached PDF (copied into the site by the caller)."""
    details: str
    """Pages and size: "4 pages, 96 KB"."""
    rendered: bool
    """False when the PDF came from the cache unchanged."""
    warnings: Sequence[str] = field(default=())
    """What WeasyPrint said when it made the PDF (also when it came from the cache)."""
    problems: Sequence[str] = field(default=())
    """Characters the fonts cannot show, each said with the charter file, line and field it is in."""


class PdfFailed(Exception):
    """One or more PDFs could not be made. The message names each charter and says why."""

    fix = "Fix the charter or the print template named above, then build again."
    """What to do about it, in one sentence."""

    def __init__(
        self, problems: Sequence[tuple[Document, str]] = (), *, message: str = "", fix: str = ""
    ) -> None:
        self.problems = list(problems)
        self.fix = fix or type(self).fix
        lines = [f"{doc.blame}: the {doc.noun} could not be made: {reason}" for doc, reason in problems]
        super().__init__("\n".join([message, *lines] if message else lines))


class CacheUnusable(PdfFailed):
    """The cache folder cannot be made, read or written (read-only, full, changed by another program),
    so no PDF can be kept. Never a charter's fault: the message names the folder and what to do."""

    fix = "Choose a folder that can be created and written, then build again."

    def __init__(self, problem: StoreUnusable) -> None:
        self.folder = problem.folder
        self.reason = problem.reason
        message = f"the PDF cache folder {problem.folder} cannot be used: {problem.reason}"
        super().__init__(message=message, fix=problem.fix)


def make_pdfs(
    docs: Sequence[Document],
    *,
    env: Environment,
    site: Site,
    cache: PdfCache,
    icons: IconSet | None = None,
    asset_dir: Path | None = None,
    workers: int = 0,
    progress: Progress | None = None,
    prune: bool = True,
) -> list[Made]:
    """Make ``docs``, rendering in parallel only the PDFs whose inputs changed since they were cached.

    ``asset_dir`` is where relative URLs in the print templates point (a council's print folder).
    Raises :class:`PdfFailed` naming every charter whose PDF failed; no PDF is then replaced. Raises
    :class:`CacheUnusable` when the cache folder cannot be used (a path through a file, a full disk).
    """
    site = _with_unpacked_fonts(site, cache)
    assets = asset_dir if asset_dir is not None and asset_dir.is_dir() else None
    docs, problems = _within_limits(docs)
    plan = _Plan(
        cache, _shared_fingerprint(env, site, assets), (assets or Path.cwd()).resolve().as_uri() + "/"
    )
    for doc in docs:
        try:
            plan.add(doc, print_html(env, doc, site, icons), site)
        except TemplateError as exc:
            problems.append((doc, f"the print template failed: {exc}"))
        except Exception as exc:  # a council's template may call anything; say which PDF, not a traceback
            problems.append((doc, f"the print template failed: {describe_error(exc)}"))
    if problems:
        raise PdfFailed(problems)
    results = plan.run(workers, progress)
    try:
        made = plan.collect(docs, results)
        if prune:
            cache.prune(plan.keys)
    except StoreUnusable as exc:
        raise CacheUnusable(exc) from None
    except OSError as exc:
        raise CacheUnusable(StoreUnusable.from_os_error(cache.folder, exc)) from None
    return made


def _with_unpacked_fonts(site: Site, cache: PdfCache) -> Site:
    """``site`` with its fonts unpacked once next to the cache (WeasyPrint would unpack the WOFF2 fonts
    for every PDF)."""
    try:
        cache.store.ensure()
        return replace(site, faces=unpacked(site.faces, cache.folder / "fonts", cache.remade))
    except StoreUnusable as exc:
        raise CacheUnusable(exc) from None
    except OSError as exc:
        raise CacheUnusable(StoreUnusable.from_os_error(cache.folder, exc)) from None


def _shared_fingerprint(env: Environment, site: Site, assets: Path | None) -> str:
    """What every PDF depends on: the templates, the fonts and a council's print folder."""
    try:
        return fingerprint(env, [f.path for f in site.faces], [assets] if assets else [])
    except OSError as exc:  # a shipped font or a council's picture that cannot be read
        raise PdfFailed(
            message=f"no PDF could be made: {describe_error(exc)}",
            fix="Make that file readable (reinstall charterkit if it is one of its fonts), then build again.",
        ) from None


def _within_limits(docs: Sequence[Document]) -> tuple[list[Document], list[tuple[Document, str]]]:
    """The documents small enough to print, and a problem for each charter that is not; a booklet
    over the limit is left out with a note."""
    kept: list[Document] = []
    problems: list[tuple[Document, str]] = []
    for doc in docs:
        words = words_in(doc)
        if words > MAX_PDF_WORDS and doc.is_booklet:
            log.info(
                f"charterkit: the {doc.noun} is not made: its {len(doc.charters)} charters have {words:,} "
                f"words, more than one PDF is made of ({MAX_PDF_WORDS:,}). Each charter has its own PDFs."
            )
        elif words > MAX_PDF_WORDS:
            problems.append(
                (
                    doc,
                    f"the charter has {words:,} words, more than a PDF is made of ({MAX_PDF_WORDS:,}, "
                    "about 200 pages). Check that the file holds one charter; a longer document can be "
                    "published as several charters",
                )
            )
        else:
            kept.append(doc)
    return kept, problems


@dataclass
class _Plan:
    """The PDFs of a build by cache key, and the render jobs for those the cache lacks."""

    cache: PdfCache
    shared: str
    base_url: str
    keys: list[str] = field(default_factory=list)
    jobs: dict[str, Job] = field(default_factory=dict)
    owner: dict[Path, Document] = field(default_factory=dict)

    def add(self, doc: Document, html: str, site: Site) -> None:
        """Key ``doc`` by its print HTML; plan a render if the cache does not hold it."""
        key = cache_key(_portable(html, site), self.shared)
        self.keys.append(key)
        if key not in self.jobs and _cached(self.cache, key) is None:
            target = self.cache.temp_path(key)
            self.jobs[key] = Job(html, target, self.base_url, doc.path, doc.blame, doc.kind)
            self.owner[target] = doc

    def run(self, workers: int, progress: Progress | None) -> dict[Job, Written]:
        """Render the planned jobs; on failure remove what they wrote and say which PDFs failed."""
        try:
            return run_jobs(list(self.jobs.values()), workers=workers, progress=progress)
        except JobsFailed as exc:
            for started in self.jobs.values():
                started.target.unlink(missing_ok=True)
            machine = [f for f in exc.failures if f.environment]
            if machine:  # a full or read-only disk fails every PDF alike: say it once, about the folder
                raise CacheUnusable(StoreUnusable(self.cache.folder, machine[0].reason)) from None
            raise PdfFailed([(self.owner[f.job.target], f.reason) for f in exc.failures]) from None

    def collect(self, docs: Sequence[Document], results: dict[Job, Written]) -> list[Made]:
        """Keep what was rendered, and describe every PDF of ``docs`` (in the order of :attr:`keys`)."""
        jobs = self.jobs
        notes = {
            key: _noted(self.cache, key, results.get(jobs[key]) if key in jobs else None, _target(jobs, key))
            for key in self.keys
        }
        made = []
        for doc, key in zip(docs, self.keys, strict=True):
            job = jobs.get(key)
            note, path = notes[key], self.cache.path(key)
            mine = job is not None and self.owner[job.target] is doc  # a PDF shared by two counts once
            missing = missing_glyph_messages(doc, note.missing) if note.missing else ()
            made.append(Made(doc, path, details(path, note.pages), mine, note.warnings, missing))
        return made


def words_in(doc: Document) -> int:
    """The words a PDF is made of: the variant it prints, of every charter it holds."""
    variant = "easy_read" if doc.kind in ("easy-read", "booklet-easy-read") else "standard"
    return sum(
        len(unit.text.split())
        for item in doc.charters
        for unit in charter_units(item.charter)
        if unit.variant == variant
    )


def _portable(html: str, site: Site) -> str:
    """The print HTML as the cache key sees it: the fonts' ``file:`` URLs (which name the project's
    folder) replaced by the fonts' names. Their bytes are in the shared fingerprint already, so a
    project copied to another folder (a CI workspace, a colleague's clone) finds every PDF it made."""
    for face in site.faces:
        html = html.replace(face.url, f"charterkit-font:{face.path.name}")
    return html


def _target(jobs: dict[str, Job], key: str) -> Path:
    job = jobs.get(key)
    return job.target if job is not None else Path()


def _cached(cache: PdfCache, key: str) -> Note | None:
    try:
        return cache.get(key)
    except StoreUnusable as exc:
        raise CacheUnusable(exc) from None


def _noted(cache: PdfCache, key: str, written: Written | None, job_target: Path) -> Note:
    """The note of a PDF: kept now if it was just written, else read from the cache."""
    if written is not None:
        note = Note(written.pages, tuple(written.warnings), tuple(written.missing))
        cache.put(key, job_target, note)
        return note
    kept = cache.get(key)
    if kept is None:  # deleted while the build ran: the next build makes it again
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(cache.path(key)))
    return kept
